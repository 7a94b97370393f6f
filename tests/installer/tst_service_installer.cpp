// ServiceInstaller (lethean-node --install-service / --uninstall-service) against a fake systemctl that
// records its arguments and fails on demand. Hostile input tried: arguments and data dirs with spaces,
// quotes, '$', '%' and backslashes (must not break or inject into the unit), a user's own unit file in
// the way (never overwritten or removed), a missing systemctl, a systemctl that cannot reach the user
// bus, a failing enable, and a packaged unit that would run a different executable.

#include "app/service_installer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::app::ServiceInstaller;

class TestServiceInstaller : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServiceInstaller::Environment m_environment;
    QString m_log;        // one line per systemctl call: its arguments
    QString m_executable; // stands in for lethean-node

    QString path(const QString& relative) const { return QDir(m_dir.path()).filePath(relative); }

    static QString readText(const QString& file)
    {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? QString::fromUtf8(in.readAll()) : QString();
    }

    static void writeText(const QString& file, const QString& text, bool executable = false)
    {
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(text.toUtf8());
        out.close();
        if (executable)
            out.setPermissions(out.permissions() | QFileDevice::ExeOwner);
    }

    // A systemctl that appends "$*" to the log and, when its arguments contain failOn, prints
    // message on stderr and exits 1.
    void makeFakeSystemctl(const QString& failOn = QString(),
                           const QString& message = u"Failed to connect to bus: No medium found"_s)
    {
        QString script = u"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '"_s + m_log + u"'\n"_s;
        if (!failOn.isEmpty())
            script +=
                u"case \"$*\" in *'"_s + failOn + u"'*) echo '"_s + message + u"' >&2; exit 1;; esac\n"_s;
        script += u"exit 0\n"_s;
        writeText(m_environment.systemctl, script, true);
    }

    QStringList calls() const
    {
        const QString text = readText(m_log);
        return text.isEmpty() ? QStringList() : text.trimmed().split(u'\n');
    }

    QString userUnit() const { return QDir(m_environment.userUnitDir).filePath(u"lethean-node.service"_s); }

    // Installs a packaged unit and a "lethean-node" on the executable search path that is (a link to)
    // `target`.
    void makePackagedUnit(const QString& target)
    {
        writeText(path(u"usr/lib/systemd/user/lethean-node.service"_s),
                  u"[Service]\nExecStart=lethean-node\n"_s);
        QDir().mkpath(path(u"usr/bin"_s));
        QVERIFY(QFile::link(target, path(u"usr/bin/lethean-node"_s)));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        // A fresh tree for every test function: remove what the previous one left.
        const QDir root(m_dir.path());
        for (const QString& entry : root.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
            QFileInfo info(root.filePath(entry));
            if (info.isDir() && !info.isSymLink())
                QDir(info.filePath()).removeRecursively();
            else
                QFile::remove(info.filePath());
        }
        m_log = path(u"systemctl.log"_s);
        m_environment = {};
        m_environment.systemctl = path(u"bin/systemctl"_s);
        m_environment.userUnitDir = path(u"config/systemd/user"_s);
        m_environment.packagedUnitDirs = {path(u"usr/local/lib/systemd/user"_s),
                                          path(u"usr/lib/systemd/user"_s)};
        m_environment.executableSearchPath = {path(u"usr/local/bin"_s), path(u"usr/bin"_s)};
        m_environment.packagedDataDir = path(u"home/.local/share/lethean-node"_s);
        m_environment.defaultDataDir = path(u"home/.local/share/lethean-node"_s);
        m_executable = path(u"build/app/lethean-node"_s);
        writeText(m_executable, u"#!/bin/sh\n"_s, true);
        makeFakeSystemctl();
    }

    void installWritesOwnUnitAndEnablesIt()
    {
        const auto result = ServiceInstaller(m_environment).install({m_executable, {}, {}});
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QCOMPARE(calls(),
                 QStringList({u"--user daemon-reload"_s, u"--user enable --now lethean-node.service"_s}));

        const QString unit = readText(userUnit());
        const QString dataDir = m_environment.defaultDataDir;
        QVERIFY(unit.startsWith(u"# Written by `lethean-node --install-service`"_s));
        QVERIFY2(unit.contains(u"\nExecStart=%1 --data-dir %2\n"_s.arg(m_executable, dataDir)),
                 qPrintable(unit));
        QVERIFY(unit.contains(u"\nReadWritePaths=%1\n"_s.arg(dataDir)));
        QVERIFY(unit.contains(u"\nExecStartPre=+/bin/mkdir -p %1\n"_s.arg(dataDir)));
        QVERIFY(unit.contains(u"\nRestart=on-failure\n"_s));
        QVERIFY(unit.contains(u"\nWantedBy=default.target\n"_s));
        QVERIFY2(!unit.contains(u'@'), "a template placeholder was left unfilled");
        QVERIFY(QFileInfo(dataDir).isDir()); // ReadWritePaths= needs it to exist
        QVERIFY(result->contains(userUnit()));
        QVERIFY(result->contains(dataDir));
    }

    // Node options given with --install-service go into ExecStart; nothing in them may escape its word.
    void installQuotesArgumentsAndDataDir()
    {
        const QString dataDir = path(u"my data/50% \"rig\" $HOME\\x"_s);
        const auto result =
            ServiceInstaller(m_environment)
                .install({m_executable, {u"--name"_s, u"rig 1"_s, u"--require-protocol2"_s}, dataDir});
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        const QString unit = readText(userUnit());
        const QString quotedExec = u"\"%1/my data/50%% \\\"rig\\\" $$HOME\\\\x\""_s.arg(m_dir.path());
        const QString quotedPath = u"\"%1/my data/50%% \\\"rig\\\" $HOME\\\\x\""_s.arg(m_dir.path());
        QVERIFY2(unit.contains(u"\nExecStart=%1 --name \"rig 1\" --require-protocol2 --data-dir %2\n"_s.arg(
                     m_executable, quotedExec)),
                 qPrintable(unit));
        QVERIFY2(unit.contains(u"\nReadWritePaths=%1\n"_s.arg(quotedPath)), qPrintable(unit));
        QVERIFY(unit.contains(u"\n# Data directory: %1\n"_s.arg(dataDir)));
        QVERIFY(QFileInfo(dataDir).isDir());
    }

    void installUsesThePackagedUnitWhenItRunsThisExecutable()
    {
        makePackagedUnit(m_executable);
        // Our copy from an earlier install from a build tree: it would shadow the package's.
        writeText(userUnit(), ServiceInstaller(m_environment).unitText({m_executable, {}, {}}));
        const auto result = ServiceInstaller(m_environment).install({m_executable, {}, {}});
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QVERIFY(!QFileInfo::exists(userUnit()));
        QVERIFY(result->contains(path(u"usr/lib/systemd/user/lethean-node.service"_s)));
        QCOMPARE(calls(),
                 QStringList({u"--user daemon-reload"_s, u"--user enable --now lethean-node.service"_s}));
        QVERIFY(QFileInfo(m_environment.packagedDataDir).isDir());
    }

    void installWritesOwnUnitWhenThePackagedOneRunsAnotherExecutable()
    {
        const QString other = path(u"opt/lethean-node"_s);
        writeText(other, u"#!/bin/sh\n"_s, true);
        makePackagedUnit(other);
        QVERIFY(ServiceInstaller(m_environment).install({m_executable, {}, {}}));
        QVERIFY(readText(userUnit()).contains(u"\nExecStart=%1 "_s.arg(m_executable)));
    }

    void installWritesOwnUnitWhenOptionsAreGiven()
    {
        makePackagedUnit(m_executable);
        QVERIFY(ServiceInstaller(m_environment).install({m_executable, {u"--listen"_s, u":9092"_s}, {}}));
        QVERIFY(readText(userUnit()).contains(u" --listen :9092 --data-dir "_s));
    }

    void installNeverOverwritesAUsersOwnUnit()
    {
        const QString mine = u"[Service]\nExecStart=/home/me/my-node\n"_s;
        writeText(userUnit(), mine);
        const auto result = ServiceInstaller(m_environment).install({m_executable, {}, {}});
        QVERIFY(!result);
        QVERIFY2(result.error().contains(userUnit()), qPrintable(result.error()));
        QCOMPARE(readText(userUnit()), mine);
        QCOMPARE(calls(), QStringList());
    }

    void missingSystemctlIsAClearError_data()
    {
        QTest::addColumn<QString>("systemctl");
        QTest::newRow("absolute path") << path(u"nowhere/systemctl"_s);
        QTest::newRow("name on PATH") << u"lethean-no-such-systemctl"_s;
    }

    void missingSystemctlIsAClearError()
    {
        QFETCH(QString, systemctl);
        m_environment.systemctl = systemctl;
        for (const bool install : {true, false}) {
            const ServiceInstaller installer(m_environment);
            const auto result = install ? installer.install({m_executable, {}, {}}) : installer.uninstall();
            QVERIFY(!result);
            QVERIFY2(result.error().contains(u"was not found"_s), qPrintable(result.error()));
            QVERIFY2(result.error().contains(u"systemd"_s), qPrintable(result.error()));
        }
        QVERIFY(!QFileInfo::exists(userUnit()));
    }

    void noUserBusIsAClearErrorAndLeavesNothing()
    {
        makeFakeSystemctl(u"daemon-reload"_s);
        const auto result = ServiceInstaller(m_environment).install({m_executable, {}, {}});
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"systemctl --user daemon-reload"_s), qPrintable(result.error()));
        QVERIFY2(result.error().contains(u"Failed to connect to bus"_s), qPrintable(result.error()));
        QVERIFY2(result.error().contains(u"user service manager"_s), qPrintable(result.error())); // the hint
        QVERIFY(!QFileInfo::exists(userUnit()));
        QCOMPARE(calls(), QStringList({u"--user daemon-reload"_s}));
    }

    void failingEnableIsReported()
    {
        makeFakeSystemctl(u"enable"_s, u"Failed to enable unit: Unit file lethean-node.service is masked."_s);
        const auto result = ServiceInstaller(m_environment).install({m_executable, {}, {}});
        QVERIFY(!result);
        QVERIFY2(result.error().contains(
                     u"'systemctl --user enable --now lethean-node.service' failed (exit status 1)"_s),
                 qPrintable(result.error()));
        QVERIFY(result.error().contains(u"masked"_s));
        QVERIFY2(!result.error().contains(u"user service manager"_s), "no bus hint for an unrelated failure");
    }

    void uninstallDisablesAndRemovesOwnUnit()
    {
        const QString dataDir = path(u"rig data"_s);
        QVERIFY(ServiceInstaller(m_environment).install({m_executable, {}, dataDir}));
        QFile::remove(m_log);
        const auto result = ServiceInstaller(m_environment).uninstall();
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QCOMPARE(calls(),
                 QStringList({u"--user disable --now lethean-node.service"_s, u"--user daemon-reload"_s}));
        QVERIFY(!QFileInfo::exists(userUnit()));
        QVERIFY(QFileInfo(dataDir).isDir()); // keys and peers stay
        QVERIFY2(result->contains(u"rm -r '%1'"_s.arg(dataDir)), qPrintable(*result));
    }

    void uninstallLeavesPackagedAndForeignUnitFiles()
    {
        makePackagedUnit(m_executable);
        const QString mine = u"[Service]\nExecStart=/home/me/my-node\n"_s;
        writeText(userUnit(), mine);
        const auto result = ServiceInstaller(m_environment).uninstall();
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QCOMPARE(calls(), QStringList({u"--user disable --now lethean-node.service"_s}));
        QCOMPARE(readText(userUnit()), mine);
        QVERIFY(QFileInfo::exists(path(u"usr/lib/systemd/user/lethean-node.service"_s)));
    }

    void uninstallWithNothingInstalledDoesNothing()
    {
        const auto result = ServiceInstaller(m_environment).uninstall();
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QVERIFY(result->contains(u"nothing to do"_s));
        QCOMPARE(calls(), QStringList());
    }

    void failingDisableIsReportedAndKeepsTheUnit()
    {
        QVERIFY(ServiceInstaller(m_environment).install({m_executable, {}, {}}));
        makeFakeSystemctl(u"disable"_s);
        const auto result = ServiceInstaller(m_environment).uninstall();
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"disable --now"_s), qPrintable(result.error()));
        QVERIFY(QFileInfo::exists(userUnit())); // still enabled: its file must stay
    }

    void environmentFromSystemHonoursXdgAndOverride()
    {
        const char* const names[] = {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "LETHEAN_SYSTEMCTL"};
        const QString values[] = {path(u"xdg-config"_s), path(u"xdg-data"_s), u"/opt/fake/systemctl"_s};
        std::optional<QByteArray> saved[3];
        for (int i = 0; i < 3; ++i) {
            if (qEnvironmentVariableIsSet(names[i]))
                saved[i] = qgetenv(names[i]);
            qputenv(names[i], values[i].toUtf8());
        }
        const auto environment = ServiceInstaller::Environment::fromSystem();
        qunsetenv("LETHEAN_SYSTEMCTL");
        const auto withoutOverride = ServiceInstaller::Environment::fromSystem();
        for (int i = 0; i < 3; ++i) {
            if (saved[i])
                qputenv(names[i], *saved[i]);
            else
                qunsetenv(names[i]);
        }
        QCOMPARE(withoutOverride.systemctl, u"systemctl"_s);
        QCOMPARE(environment.userUnitDir, path(u"xdg-config/systemd/user"_s));
        QCOMPARE(environment.defaultDataDir, path(u"xdg-data/lethean-node"_s));
        QCOMPARE(environment.systemctl, u"/opt/fake/systemctl"_s);
        QVERIFY(environment.packagedUnitDirs.contains(u"/usr/lib/systemd/user"_s));
        QCOMPARE(environment.packagedDataDir, QDir::home().filePath(u".local/share/lethean-node"_s));
    }

    // The real executable: options on the command line, output, exit status.
    void nodeExecutableInstallsAndUninstalls()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"LETHEAN_SYSTEMCTL"_s, m_environment.systemctl);
        environment.insert(u"XDG_CONFIG_HOME"_s, path(u"config"_s));
        environment.insert(u"XDG_DATA_HOME"_s, path(u"data"_s));
        const auto run = [&environment](const QStringList& arguments) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(LETHEAN_NODE_BIN), arguments);
            if (!process.waitForFinished(30000))
                process.kill();
            return std::tuple{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                              QString::fromUtf8(process.readAllStandardError())};
        };

        auto [status, out, err] =
            run({u"--install-service"_s, u"--listen"_s, u"127.0.0.1:9092"_s, u"--demo"_s});
        QVERIFY2(status == 0, qPrintable(err));
        QVERIFY2(out.contains(u"Installed and started the user service lethean-node.service"_s),
                 qPrintable(out));
        const QString unit = readText(userUnit());
        const QString executable = QFileInfo(QStringLiteral(LETHEAN_NODE_BIN)).canonicalFilePath();
        QVERIFY2(unit.contains(u"\nExecStart=%1 --listen 127.0.0.1:9092 --demo --data-dir %2\n"_s.arg(
                     executable, path(u"data/lethean-node"_s))),
                 qPrintable(unit));
        QCOMPARE(calls(),
                 QStringList({u"--user daemon-reload"_s, u"--user enable --now lethean-node.service"_s}));

        std::tie(status, out, err) = run({u"--uninstall-service"_s});
        QVERIFY2(status == 0, qPrintable(err));
        QVERIFY2(out.contains(u"Stopped and disabled"_s), qPrintable(out));
        QVERIFY(!QFileInfo::exists(userUnit()));

        std::tie(status, out, err) = run({u"--install-service"_s, u"--uninstall-service"_s});
        QCOMPARE(status, 2);
        QVERIFY(err.contains(u"not both"_s));

        // A bad node option is refused before any unit is written (it would fail at every boot).
        std::tie(status, out, err) = run({u"--install-service"_s, u"--listen"_s, u"nowhere:port"_s});
        QCOMPARE(status, 2);
        QVERIFY2(!err.isEmpty(), qPrintable(err));
        QVERIFY(!QFileInfo::exists(userUnit()));
        std::tie(status, out, err) = run({u"--install-service"_s, u"--role"_s, u"miner"_s});
        QCOMPARE(status, 2);
        QVERIFY(err.contains(u"unknown role"_s));
        QVERIFY(!QFileInfo::exists(userUnit()));

        environment.insert(u"LETHEAN_SYSTEMCTL"_s, path(u"nowhere/systemctl"_s));
        std::tie(status, out, err) = run({u"--install-service"_s});
        QCOMPARE(status, 1);
        QVERIFY2(err.startsWith(u"lethean-node: "_s) && err.contains(u"was not found"_s), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestServiceInstaller)
#include "tst_service_installer.moc"
