#include "app/service_installer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace lethean::app {

namespace {
const char* const kContext = "ServiceInstaller";
const QString kServiceFolder = u"lethean-node"_s;
// First line of a unit this installer wrote: uninstall removes only such files, never a user's own.
const QString kMarker =
    u"# Written by `lethean-node --install-service`; `lethean-node --uninstall-service` removes it."_s;
const QString kDataDirLine = u"# Data directory: "_s;
constexpr int kSystemctlTimeoutMs = 90 * 1000; // `enable --now` waits for the node to start

bool needsQuotes(const QString& word)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9/._:+@=,-]+$"_s);
    return !plain.match(word).hasMatch();
}

// A path as one word of a unit setting: quoted when needed, '%' doubled so systemd does not read a
// specifier in it (systemd.unit(5) "Specifiers", systemd.syntax(7) "Quoting").
QString quotedPath(const QString& word)
{
    QString escaped = word;
    escaped.replace(u"%"_s, u"%%"_s);
    if (!needsQuotes(word))
        return escaped;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
    return u'"' + escaped + u'"';
}

// A word for a POSIX shell command the user may paste.
QString shellQuoted(const QString& word)
{
    if (!needsQuotes(word))
        return word;
    QString escaped = word;
    escaped.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + escaped + u'\'';
}

// One word of an Exec line: as a path, and '$' doubled so systemd does not expand a variable in it.
QString quotedExecWord(const QString& word)
{
    QString quoted = quotedPath(word);
    quoted.replace(u"$"_s, u"$$"_s);
    return quoted;
}

bool samePath(const QString& a, const QString& b)
{
    return QDir::cleanPath(QDir(a).absolutePath()) == QDir::cleanPath(QDir(b).absolutePath());
}

QString canonical(const QString& path)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    return resolved.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath()) : resolved;
}

Result<QString, QString> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            QCoreApplication::translate(kContext, "cannot read %1: %2").arg(path, file.errorString()));
    return QString::fromUtf8(file.readAll());
}

Result<void, QString> writeFile(const QString& path, const QString& text)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(QCoreApplication::translate(kContext, "cannot create the folder %1")
                        .arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
        return fail(
            QCoreApplication::translate(kContext, "cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QString busHint()
{
    return QCoreApplication::translate(
        kContext, "systemctl could not reach your user service manager. Run this from a login session of the "
                  "user the node should run as (over SSH is fine; su and sudo are not), and check that "
                  "`systemctl --user status` works there.");
}
} // namespace

ServiceInstaller::Environment ServiceInstaller::Environment::fromSystem()
{
    Environment environment;
    environment.systemctl = qEnvironmentVariableIsEmpty("LETHEAN_SYSTEMCTL")
                                ? u"systemctl"_s
                                : qEnvironmentVariable("LETHEAN_SYSTEMCTL");
    environment.userUnitDir = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                                  .filePath(u"systemd/user"_s);
    // systemd's user unit search path, in its order, for the places a package or `cmake --install` uses.
    environment.packagedUnitDirs = {u"/usr/local/lib/systemd/user"_s, u"/usr/lib/systemd/user"_s,
                                    u"/lib/systemd/user"_s};
    // Where systemd (239 and later) looks up an Exec command given without a path.
    environment.executableSearchPath = {u"/usr/local/sbin"_s, u"/usr/local/bin"_s, u"/usr/sbin"_s,
                                        u"/usr/bin"_s,        u"/sbin"_s,          u"/bin"_s};
    environment.packagedDataDir =
        QDir::home().filePath(u".local/share/"_s + kServiceFolder); // %h/.local/share/…
    environment.defaultDataDir =
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(kServiceFolder);
    return environment;
}

ServiceInstaller::ServiceInstaller(Environment environment) : m_environment(std::move(environment)) {}

QString ServiceInstaller::userUnitFile() const
{
    return QDir(m_environment.userUnitDir).filePath(unitName());
}

QString ServiceInstaller::packagedUnitFile() const
{
    for (const QString& folder : m_environment.packagedUnitDirs) {
        const QString file = QDir(folder).filePath(unitName());
        if (QFileInfo::exists(file))
            return file;
    }
    return {};
}

QString ServiceInstaller::usablePackagedUnit(const QString& executable) const
{
    const QString unit = packagedUnitFile();
    if (unit.isEmpty())
        return {};
    // The packaged unit runs "lethean-node" from systemd's fixed search path: usable only when that
    // is this very executable (not, say, a build tree's while the package is installed too).
    for (const QString& folder : m_environment.executableSearchPath) {
        const QFileInfo candidate(QDir(folder).filePath(kServiceFolder));
        if (candidate.isFile() && candidate.isExecutable())
            return canonical(candidate.filePath()) == canonical(executable) ? unit : QString();
    }
    return {};
}

QString ServiceInstaller::dataDirOf(const Service& service) const
{
    return QDir(service.dataDir.isEmpty() ? m_environment.defaultDataDir : service.dataDir).absolutePath();
}

QString ServiceInstaller::unitText(const Service& service) const
{
    QFile templateFile(u":/installer/lethean-node.service.in"_s);
    QString text =
        templateFile.open(QIODevice::ReadOnly) ? QString::fromUtf8(templateFile.readAll()) : QString();
    Q_ASSERT_X(!text.isEmpty(), "ServiceInstaller", "the unit template resource is missing");

    const QString dataDir = dataDirOf(service);
    QStringList execStart{quotedExecWord(QFileInfo(service.executable).absoluteFilePath())};
    for (const QString& argument : service.arguments)
        execStart << quotedExecWord(argument);
    execStart << u"--data-dir"_s << quotedExecWord(dataDir);

    text.replace(u"@LETHEAN_SERVICE_DATA_DIR_DOC@"_s, dataDir);
    text.replace(u"@LETHEAN_SERVICE_DATA_DIR_ARG@"_s, quotedExecWord(dataDir));
    text.replace(u"@LETHEAN_SERVICE_DATA_DIR_PATH@"_s, quotedPath(dataDir));
    text.replace(u"@LETHEAN_SERVICE_EXEC_START@"_s, execStart.join(u' '));
    return kMarker + u'\n' + kDataDirLine + dataDir + u'\n' + text;
}

bool ServiceInstaller::userUnitIsOurs() const
{
    const auto text = readFile(userUnitFile());
    return text && text->startsWith(kMarker);
}

QString ServiceInstaller::recordedDataDir() const
{
    const auto text = readFile(userUnitFile());
    if (text) {
        for (const QString& line : text->split(u'\n')) {
            if (line.startsWith(kDataDirLine))
                return line.sliced(kDataDirLine.size());
        }
    }
    return m_environment.defaultDataDir;
}

Result<void, QString> ServiceInstaller::findSystemctl() const
{
    const QString& program = m_environment.systemctl;
    const bool found = program.contains(u'/') ? QFileInfo(program).isExecutable()
                                              : !QStandardPaths::findExecutable(program).isEmpty();
    if (!found)
        return fail(QCoreApplication::translate(
                        kContext,
                        "%1 was not found: the node can only be installed as a service where systemd manages "
                        "the user's session. Elsewhere, start `lethean-node` from your init system or a "
                        "login script.")
                        .arg(program));
    return {};
}

Result<void, QString> ServiceInstaller::systemctl(const QStringList& arguments) const
{
    const QString command = u"systemctl "_s + arguments.join(u' ');
    QProcess process;
    process.start(m_environment.systemctl, arguments);
    if (!process.waitForStarted())
        return fail(QCoreApplication::translate(kContext, "cannot run %1: %2")
                        .arg(m_environment.systemctl, process.errorString()));
    if (!process.waitForFinished(kSystemctlTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return fail(QCoreApplication::translate(kContext, "'%1' did not finish within %2 seconds")
                        .arg(command)
                        .arg(kSystemctlTimeoutMs / 1000));
    }
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return {};
    const QString output = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
    QString message = QCoreApplication::translate(kContext, "'%1' failed (exit status %2)")
                          .arg(command)
                          .arg(process.exitCode());
    if (!output.isEmpty())
        message += u": "_s + output;
    if (output.contains(u"bus"_s, Qt::CaseInsensitive) || output.contains(u"XDG_RUNTIME_DIR"_s))
        message += u'\n' + busHint();
    return fail(message);
}

Result<QString, QString> ServiceInstaller::install(const Service& service) const
{
    if (const auto found = findSystemctl(); !found)
        return fail(found.error());
    const QString dataDir = dataDirOf(service);
    const QString packaged = service.arguments.isEmpty() && samePath(dataDir, m_environment.packagedDataDir)
                                 ? usablePackagedUnit(service.executable)
                                 : QString();
    const QString userFile = userUnitFile();
    const bool userFileExisted = QFileInfo::exists(userFile);
    if (userFileExisted && !userUnitIsOurs())
        return fail(
            QCoreApplication::translate(
                kContext,
                "%1 exists and was not written by lethean-node: remove it, or enable it yourself with "
                "`systemctl --user enable --now %2`")
                .arg(userFile, unitName()));

    QString unitFile = packaged;
    bool wroteUnit = false;
    if (packaged.isEmpty()) {
        if (const auto written = writeFile(userFile, unitText(service)); !written)
            return fail(written.error());
        unitFile = userFile;
        wroteUnit = !userFileExisted;
    } else if (userFileExisted && !QFile::remove(userFile)) {
        // Our copy from an earlier install would shadow the package's, which may be newer.
        return fail(
            QCoreApplication::translate(kContext, "cannot remove the old unit file %1").arg(userFile));
    }
    if (!QDir().mkpath(dataDir))
        return fail(
            QCoreApplication::translate(kContext, "cannot create the data directory %1").arg(dataDir));

    auto reloaded = systemctl({u"--user"_s, u"daemon-reload"_s});
    if (!reloaded && wroteUnit)
        QFile::remove(userFile); // leave nothing behind that is not enabled
    if (!reloaded)
        return fail(reloaded.error());
    if (const auto enabled = systemctl({u"--user"_s, u"enable"_s, u"--now"_s, unitName()}); !enabled)
        return fail(enabled.error());

    return QCoreApplication::translate(kContext, "Installed and started the user service %1.\n"
                                                 "  unit file:  %2\n"
                                                 "  data:       %3 (this node's identity, peers and logs)\n"
                                                 "It starts whenever you log in. To start it at boot without "
                                                 "logging in: loginctl enable-linger %4\n"
                                                 "Status: systemctl --user status %1\n"
                                                 "Logs:   journalctl --user -u %1\n"
                                                 "Remove: lethean-node --uninstall-service")
        .arg(unitName(), unitFile, dataDir, qEnvironmentVariable("USER", u"$USER"_s));
}

Result<QString, QString> ServiceInstaller::uninstall() const
{
    if (const auto found = findSystemctl(); !found)
        return fail(found.error());
    const QString userFile = userUnitFile();
    const bool ours = userUnitIsOurs();
    if (!QFileInfo::exists(userFile) && packagedUnitFile().isEmpty())
        return QCoreApplication::translate(kContext, "The user service %1 is not installed: nothing to do.")
            .arg(unitName());
    const QString dataDir = ours ? recordedDataDir() : m_environment.packagedDataDir;

    if (const auto disabled = systemctl({u"--user"_s, u"disable"_s, u"--now"_s, unitName()}); !disabled)
        return fail(disabled.error());
    QString removed;
    if (ours) {
        if (!QFile::remove(userFile))
            return fail(QCoreApplication::translate(kContext, "cannot remove %1").arg(userFile));
        if (const auto reloaded = systemctl({u"--user"_s, u"daemon-reload"_s}); !reloaded)
            return fail(reloaded.error());
        removed = QCoreApplication::translate(kContext, "Removed %1.\n").arg(userFile);
    }
    return QCoreApplication::translate(
               kContext,
               "Stopped and disabled the user service %1: it no longer starts at login or boot.\n"
               "%2"
               "Its keys, peers and logs stay in %3; to forget this node's identity, remove that folder: "
               "rm -r %4")
        .arg(unitName(), removed, dataDir, shellQuoted(dataDir));
}

} // namespace lethean::app
