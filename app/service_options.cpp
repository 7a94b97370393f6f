#include "app/service_options.h"

#include "app/service_installer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace lethean::app {

namespace {
const char* const kContext = "lethean-node";

// The node options given on this command line, to repeat in the service's ExecStart. --data-dir is
// passed separately (made absolute); the service options and --help/--version are not node options.
QStringList nodeArguments(const QCommandLineParser& parser)
{
    static const QStringList notPassedOn{
        u"install-service"_s, u"uninstall-service"_s, u"data-dir"_s, u"help"_s, u"h"_s, u"version"_s, u"v"_s};
    QStringList arguments;
    QStringList seen; // optionNames() repeats an option once per value
    for (const QString& name : parser.optionNames()) {
        if (notPassedOn.contains(name) || seen.contains(name))
            continue;
        seen << name;
        const QStringList values = parser.values(name);
        if (values.isEmpty()) // a flag such as --require-protocol2
            arguments << u"--"_s + name;
        for (const QString& value : values)
            arguments << u"--"_s + name << value;
    }
    return arguments;
}
} // namespace

ServiceOptions::ServiceOptions()
    : m_install(u"install-service"_s,
                QCoreApplication::translate(kContext,
                                            "Run this node as a systemd user service that starts at login "
                                            "(and at boot with loginctl enable-linger), with the other "
                                            "options given here; then exit.")),
      m_uninstall(u"uninstall-service"_s,
                  QCoreApplication::translate(
                      kContext, "Stop and disable the user service; its data stays. Then exit."))
{}

void ServiceOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOption(m_install);
    parser.addOption(m_uninstall);
}

std::optional<int> ServiceOptions::runIfRequested(const QCommandLineParser& parser, int argc,
                                                  char** argv) const
{
    const bool install = parser.isSet(m_install);
    const bool uninstall = parser.isSet(m_uninstall);
    if (!install && !uninstall)
        return std::nullopt;
    if (install && uninstall) {
        QTextStream(stderr) << u"lethean-node: "_s
                            << QCoreApplication::translate(kContext, "use either --install-service or "
                                                                     "--uninstall-service, not both")
                            << Qt::endl;
        return 2;
    }
    const QCoreApplication application(argc, argv); // QProcess needs one, and applicationFilePath()
    const ServiceInstaller installer;
    const auto outcome = install ? installer.install({QCoreApplication::applicationFilePath(),
                                                      nodeArguments(parser), parser.value(u"data-dir"_s)})
                                 : installer.uninstall();
    if (!outcome) {
        QTextStream(stderr) << u"lethean-node: "_s << outcome.error() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << *outcome << Qt::endl;
    return 0;
}

} // namespace lethean::app
