// The executables as a user runs them: --version, --help, bad options, and the headless node's
// start-up and clean shutdown on SIGTERM.

#include "node/key_allowlist.h"
#include "node/node_identity.h"
#include "node/transport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestExecutables : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QString& program, const QStringList& arguments,
                   const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(program, arguments);
        if (!process.waitForFinished(30000))
            process.kill();
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    static QProcessEnvironment withoutDisplay()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const auto* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(QString::fromLatin1(name));
        return environment;
    }

private Q_SLOTS:
    void version_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("name");
        QTest::newRow("node") << QStringLiteral(LETHEAN_NODE_BIN) << u"lethean-node"_s;
        QTest::newRow("desktop") << QStringLiteral(LETHEAN_DESKTOP_BIN) << u"lethean-desktop"_s;
    }

    // --version must work on a rig with no display at all, for both programs.
    void version()
    {
        QFETCH(QString, program);
        QFETCH(QString, name);
        for (const QString& flag : {u"--version"_s, u"-v"_s}) {
            const Run result = run(program, {flag}, withoutDisplay());
            QCOMPARE(result.exitCode, 0);
            QVERIFY2(QRegularExpression(u"^%1 \\d+\\.\\d+\\.\\d+ \\(Qt 6\\.\\d+\\.\\d+\\)\\n$"_s.arg(name))
                         .match(result.out)
                         .hasMatch(),
                     qPrintable(result.out));
            QCOMPARE(result.err, QString());
        }
    }

    void help_data() { version_data(); }

    void help()
    {
        QFETCH(QString, program);
        QFETCH(QString, name);
        const Run result = run(program, {u"--help"_s}, withoutDisplay());
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(u"Usage: %1 [options]"_s.arg(name)), qPrintable(result.out));
        for (const char* option : {"--data-dir <dir>", "--log-level <level>", "--version", "--help"})
            QVERIFY2(result.out.contains(QString::fromLatin1(option)), option);
        if (name == u"lethean-node"_s)
            for (const char* option :
                 {"--listen <host:port>", "--auth-mode <mode>", "--require-protocol2", "--tls-cert <file>"})
                QVERIFY2(result.out.contains(QString::fromLatin1(option)), option);
        QCOMPARE(result.err, QString());
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"Unknown option 'frobnicate'"_s;
        QTest::newRow("missing value") << QStringList{u"--data-dir"_s} << u"Missing value after '--data-dir'"_s;
        QTest::newRow("positional") << QStringList{u"extra"_s} << u"unexpected argument 'extra'"_s;
        QTest::newRow("bad level") << QStringList{u"--log-level"_s, u"loud"_s}
                                   << u"unknown log level: loud"_s;
        QTest::newRow("bad listen") << QStringList{u"--listen"_s, u"nowhere"_s}
                                    << u"'nowhere' is not a listen address"_s;
        QTest::newRow("bad port") << QStringList{u"--listen"_s, u"127.0.0.1:70000"_s}
                                  << u"is not a listen address"_s;
        QTest::newRow("bad role") << QStringList{u"--role"_s, u"boss"_s} << u"unknown role 'boss'"_s;
        QTest::newRow("bad auth mode") << QStringList{u"--auth-mode"_s, u"maybe"_s} << u"unknown auth mode 'maybe'"_s;
        QTest::newRow("tls half") << QStringList{u"--tls-cert"_s, u"/tmp/c.pem"_s}
                                  << u"--tls-cert and --tls-key go together"_s;
    }

    // A usage error says what was wrong and exits with status 2, never a crash or a silent start.
    void badArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expectedError);
        const Run result = run(QStringLiteral(LETHEAN_NODE_BIN), arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expectedError), qPrintable(result.err));
    }

    // The headless node starts, logs in the spec's line format to stderr and to its log file, and
    // stops cleanly on SIGTERM (the way systemd stops it).
    void headlessNodeStartsAndStopsOnSigterm()
    {
        QTemporaryDir dataDir;
        QProcess node;
        node.start(QStringLiteral(LETHEAN_NODE_BIN), {u"--data-dir"_s, dataDir.path(), u"--log-level"_s, u"debug"_s,
                                                      u"--listen"_s, u"127.0.0.1:0"_s});
        QVERIFY(node.waitForStarted());
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(node.readAllStandardError())).contains(u"starting"_s), 15000);
        static const QRegularExpression line(
            uR"(^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \[INFO\] \[node\] lethean-node starting \| version=\S+ dataDir=)"_s,
            QRegularExpression::MultilineOption);
        QVERIFY2(line.match(err).hasMatch(), qPrintable(err));
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(node.readAllStandardError())).contains(u"pairing code | code=lethean:1."_s), 15000);

        ::kill(static_cast<pid_t>(node.processId()), SIGTERM);
        QVERIFY(node.waitForFinished(15000));
        QCOMPARE(node.exitStatus(), QProcess::NormalExit);
        QCOMPARE(node.exitCode(), 0);
        err += QString::fromUtf8(node.readAllStandardError());
        QVERIFY2(err.contains(u"lethean-node stopped"_s), qPrintable(err));

        QFile logFile(dataDir.filePath(u"logs/lethean.log"_s));
        QVERIFY2(logFile.open(QIODevice::ReadOnly), qPrintable(logFile.fileName()));
        const QString logged = QString::fromUtf8(logFile.readAll());
        QVERIFY(logged.contains(u"lethean-node starting"_s));
        QVERIFY(logged.contains(u"lethean-node stopped"_s));
    }

    void headlessNodeAnswersHandshakes_data()
    {
        QTest::addColumn<QString>("authMode");
        QTest::addColumn<bool>("requireProtocol2");
        QTest::addColumn<bool>("clientSpeaksProtocol2");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("allowlist (default)") << u"allowlist"_s << false << true << u"handshake rejected: peer not authorized"_s;
        QTest::newRow("open, 2.0") << u"open"_s << false << true << QString();
        QTest::newRow("open, 1.0 client") << u"open"_s << false << false << QString();
        QTest::newRow("require 2.0, 1.0 client") << u"open"_s << true << false << u"handshake rejected: protocol 2.0 required"_s;
    }

    // The real program on 127.0.0.1: it answers the protocol 1.0 handshake, refusing an unpaired peer by
    // default and accepting it in open mode, and keeps its identity across restarts.
    void headlessNodeAnswersHandshakes()
    {
        QFETCH(QString, authMode);
        QFETCH(bool, requireProtocol2);
        QFETCH(bool, clientSpeaksProtocol2);
        QFETCH(QString, refusal);
        const bool accepted = refusal.isEmpty();
        QTemporaryDir dataDir;
        QProcess node;
        QStringList arguments{u"--data-dir"_s, dataDir.path(), u"--listen"_s, u"127.0.0.1:0"_s,
                              u"--name"_s,     u"rig-7"_s,     u"--auth-mode"_s, authMode};
        if (requireProtocol2)
            arguments.append(u"--require-protocol2"_s);
        node.start(QStringLiteral(LETHEAN_NODE_BIN), arguments);
        QVERIFY(node.waitForStarted());
        static const QRegularExpression listening(uR"(transport listening \| addr=127\.0\.0\.1 port=(\d+))"_s);
        QString err;
        QRegularExpressionMatch match;
        QTRY_VERIFY_WITH_TIMEOUT((match = listening.match(err += QString::fromUtf8(node.readAllStandardError()))).hasMatch(), 15000);
        const QString port = match.captured(1);

        auto identity = lethean::node::NodeIdentity::generate(u"tester"_s, lethean::node::NodeRole::Controller);
        QVERIFY(identity);
        lethean::node::KeyAllowlist open(lethean::node::KeyAllowlist::Mode::Open);
        lethean::node::TransportConfig config;
        config.listenAddress = QHostAddress::LocalHost;
        config.listenPort = 0;
        config.protocol2Enabled = clientSpeaksProtocol2;
        lethean::node::Transport client(*identity, open, config);
        auto future = client.connectToPeer(u"127.0.0.1:"_s + port);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 15000);
        const lethean::node::ConnectOutcome outcome = future.result();
        QCOMPARE(outcome.ok, accepted);
        if (accepted) {
            QCOMPARE(outcome.peer.identity.name, u"rig-7"_s);
            QCOMPARE(outcome.peer.protocolVersion, clientSpeaksProtocol2 ? u"2.0"_s : u"1.0"_s);
        } else {
            QCOMPARE(outcome.error, refusal);
        }

        ::kill(static_cast<pid_t>(node.processId()), SIGTERM);
        QVERIFY(node.waitForFinished(15000));
        QCOMPARE(node.exitCode(), 0);
        QVERIFY(QFile::exists(dataDir.filePath(u"node/private.key"_s)));
        QCOMPARE(QFile(dataDir.filePath(u"node/private.key"_s)).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());
    }
};

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"
