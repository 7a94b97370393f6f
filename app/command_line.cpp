#include "app/command_line.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace lethean::app {

namespace {
void print(FILE* stream, const QString& text)
{
    QTextStream out(stream);
    out << text;
    if (!text.endsWith(u'\n'))
        out << Qt::endl;
}
} // namespace

CommandLine::CommandLine(const QString& applicationName, const QString& description)
    : m_applicationName(applicationName),
      m_dataDir(u"data-dir"_s,
                QCoreApplication::translate("CommandLine",
                                            "Keep the identity, peers, logs and profiles under <dir> instead "
                                            "of the standard locations."),
                QCoreApplication::translate("CommandLine", "dir")),
      m_logLevel(u"log-level"_s,
                 QCoreApplication::translate("CommandLine",
                                             "Lowest level to log: debug, info, warn or error (default: "
                                             "info). QT_LOGGING_RULES refines it per component."),
                 QCoreApplication::translate("CommandLine", "level"), u"info"_s),
      m_help(QStringList{u"h"_s, u"help"_s}, QCoreApplication::translate("CommandLine", "Show this help.")),
      m_version(QStringList{u"v"_s, u"version"_s},
                QCoreApplication::translate("CommandLine", "Show the version and exit."))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(m_dataDir);
    m_parser.addOption(m_logLevel);
    m_parser.addOption(m_help);
    m_parser.addOption(m_version);
}

CommandLine::Outcome CommandLine::parse(const QStringList& arguments)
{
    if (!m_parser.parse(arguments)) {
        print(stderr, m_applicationName + u": "_s + m_parser.errorText() + u'\n' +
                          QCoreApplication::translate("CommandLine", "Try '%1 --help' for more information.")
                              .arg(m_applicationName));
        return Outcome::ExitError;
    }
    if (m_parser.isSet(m_help)) {
        // helpText() takes the program name from QCoreApplication, which does not exist yet here.
        QString help = m_parser.helpText();
        help.replace(u"Usage: <executable_name>"_s, u"Usage: "_s + m_applicationName);
        print(stdout, help);
        return Outcome::ExitOk;
    }
    if (m_parser.isSet(m_version)) {
        print(stdout, versionText());
        return Outcome::ExitOk;
    }
    if (!m_positionalAllowed && !m_parser.positionalArguments().isEmpty()) {
        print(stderr, m_applicationName + u": "_s +
                          QCoreApplication::translate("CommandLine", "unexpected argument '%1'")
                              .arg(m_parser.positionalArguments().constFirst()));
        return Outcome::ExitError;
    }
    return Outcome::Run;
}

std::optional<int> CommandLine::parseOrExitCode(const QStringList& arguments)
{
    switch (parse(arguments)) {
    case Outcome::Run:
        return std::nullopt;
    case Outcome::ExitOk:
        return 0;
    case Outcome::ExitError:
        return 2;
    }
    return 2;
}

QString CommandLine::versionText() const
{
    return u"%1 %2 (Qt %3)"_s.arg(m_applicationName, QStringLiteral(LETHEAN_VERSION), QString::fromLatin1(qVersion()));
}

Result<ListenAddress, QString> parseListenAddress(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    const QString invalid = QCoreApplication::translate("CommandLine",
                                                        "'%1' is not a listen address: use HOST:PORT or :PORT, "
                                                        "e.g. 0.0.0.0:9091")
                                .arg(text);
    if (colon < 0)
        return fail(invalid);
    bool portOk = false;
    const uint port = text.sliced(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535)
        return fail(invalid);
    QString host = text.first(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.sliced(1, host.size() - 2);
    const QHostAddress address = host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(host);
    if (address.isNull())
        return fail(invalid);
    return ListenAddress{address, static_cast<quint16>(port)};
}

QStringList argumentsFromArgv(int argc, char** argv)
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QFile::decodeName(argv[i]));
    return arguments;
}

} // namespace lethean::app
