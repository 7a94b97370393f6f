#pragma once

#include "ueps/result.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace lethean::app {

// The options both executables share (--data-dir, --log-level, --help, --version), parsed without a
// QCoreApplication so that `lethean-desktop --version` works on a machine with no display.
class CommandLine
{
public:
    enum class Outcome
    {
        Run,      // options are valid: start the program
        ExitOk,   // --help or --version was printed
        ExitError // a usage error was printed
    };

    CommandLine(const QString& applicationName, const QString& description);

    // Extra options an executable adds before parse().
    QCommandLineParser& parser() { return m_parser; }
    const QCommandLineParser& parser() const { return m_parser; }
    // Subcommands take positional arguments (they check them); the executables do not.
    void allowPositionalArguments() { m_positionalAllowed = true; }

    Outcome parse(const QStringList& arguments);
    // parse(), as main() uses it: nothing when the program should run, else its exit status
    // (0 after --help or --version, 2 after a usage error).
    std::optional<int> parseOrExitCode(const QStringList& arguments);

    QString dataDir() const { return m_parser.value(m_dataDir); }
    QString logLevel() const { return m_parser.value(m_logLevel); }

private:
    QString versionText() const;

    QString m_applicationName;
    QCommandLineParser m_parser;
    QCommandLineOption m_dataDir;
    QCommandLineOption m_logLevel;
    QCommandLineOption m_help;
    QCommandLineOption m_version;
    bool m_positionalAllowed = false;
};

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};

// "HOST:PORT", "[IPv6]:PORT" or ":PORT" (every interface, as Go's ":9091"); port 0 picks a free one.
Result<ListenAddress, QString> parseListenAddress(const QString& text);

// argv as a QStringList, decoded with the locale's codec, before any QCoreApplication exists.
QStringList argumentsFromArgv(int argc, char** argv);

} // namespace lethean::app
