// `lethean-node call` and `lethean-node peers` as a rig owner runs them: real processes, real files.

#include "node/data_paths.h"
#include "node/node_identity.h"
#include "node/pairing_code.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace lethean;

namespace {
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(LETHEAN_NODE_BIN), arguments);
    if (!process.waitForFinished(60000))
        process.kill();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// A worker process; its pairing code read from its log.
struct RunningWorker
{
    QTemporaryDir dataDir;
    QProcess process;
    QString code;

    bool start(const QStringList& extra = {})
    {
        process.start(QStringLiteral(LETHEAN_NODE_BIN), QStringList{u"--data-dir"_s, dataDir.path(), u"--listen"_s,
                                                                    u"127.0.0.1:0"_s, u"--role"_s, u"worker"_s,
                                                                    u"--demo"_s, u"--no-resume"_s} +
                                                            extra);
        static const QRegularExpression pattern(uR"(pairing code \| code=(lethean:\S+))"_s);
        QString log;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000 && code.isEmpty()) {
            process.waitForReadyRead(100);
            log += QString::fromUtf8(process.readAllStandardError());
            code = pattern.match(log).captured(1);
        }
        return !code.isEmpty();
    }

    ~RunningWorker()
    {
        ::kill(pid_t(process.processId()), SIGTERM);
        if (!process.waitForFinished(15000))
            process.kill();
    }
};
} // namespace

class TestNodeCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void peersAddListRemove();
    void peersRefusesARunningNodesDataDir();
    void callEveryRequest();
    void callFailuresHaveTheirOwnExitStatus();
};

void TestNodeCommands::peersAddListRemove()
{
    QTemporaryDir dir;
    auto other = node::NodeIdentity::generate(u"rig-9"_s, node::NodeRole::Worker);
    QVERIFY(other);
    const QString code = node::PairingCode(other->publicKey(), {u"192.0.2.7:9091"_s}, u"rig-9"_s).toString();

    const Run empty = run({u"peers"_s, u"list"_s, u"--data-dir"_s, dir.path()});
    QCOMPARE(empty.exitCode, 0);
    QVERIFY(empty.out.contains(u"No peers."_s));

    const Run added = run({u"peers"_s, u"add"_s, code, u"--data-dir"_s, dir.path()});
    QCOMPARE(added.exitCode, 0);
    QVERIFY2(added.out.contains(other->id()), qPrintable(added.out + added.err));

    const Run listed = run({u"peers"_s, u"list"_s, u"--data-dir"_s, dir.path()});
    QVERIFY(listed.out.contains(other->id()));
    QVERIFY(listed.out.contains(u"192.0.2.7:9091"_s));
    QVERIFY(listed.out.contains(u"1 key(s) allowlisted"_s));

    // Tried: a code with a flipped character, and no argument at all.
    QString broken = code;
    broken[broken.size() - 3] = broken[broken.size() - 3] == u'A' ? u'B' : u'A';
    const Run bad = run({u"peers"_s, u"add"_s, broken, u"--data-dir"_s, dir.path()});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.startsWith(u"lethean-node peers: "_s));
    QCOMPARE(run({u"peers"_s, u"add"_s, u"--data-dir"_s, dir.path()}).exitCode, 2);

    const Run removed = run({u"peers"_s, u"remove"_s, other->id(), u"--data-dir"_s, dir.path()});
    QCOMPARE(removed.exitCode, 0);
    QVERIFY(run({u"peers"_s, u"list"_s, u"--data-dir"_s, dir.path()}).out.contains(u"No peers."_s));
    QCOMPARE(run({u"peers"_s, u"remove"_s, other->id(), u"--data-dir"_s, dir.path()}).exitCode, 1);
}

void TestNodeCommands::peersRefusesARunningNodesDataDir()
{
    RunningWorker worker;
    QVERIFY(worker.start());
    const Run refused = run({u"peers"_s, u"list"_s, u"--data-dir"_s, worker.dataDir.path()});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"in use"_s), qPrintable(refused.err));
}

void TestNodeCommands::callEveryRequest()
{
    // The desk's data dir and identity; the worker pairs with the desk's code before it starts.
    QTemporaryDir desk;
    auto deskIdentity = node::NodeIdentity::loadOrCreate(node::DataPaths(desk.path()), u"desk"_s, node::NodeRole::Controller);
    QVERIFY(deskIdentity);
    RunningWorker worker;
    const QString deskCode = node::PairingCode(deskIdentity->publicKey(), {u"127.0.0.1:1"_s}, u"desk"_s).toString();
    QCOMPARE(run({u"peers"_s, u"add"_s, deskCode, u"--data-dir"_s, worker.dataDir.path()}).exitCode, 0);
    QVERIFY(worker.start());
    const QStringList target{u"--data-dir"_s, desk.path(), u"--pairing-code"_s, worker.code};

    const Run ping = run(QStringList{u"call"_s, u"ping"_s} + target);
    QVERIFY2(ping.exitCode == 0, qPrintable(ping.err));
    const QJsonObject pong = QJsonDocument::fromJson(ping.out.toUtf8()).object();
    QVERIFY(pong.value(u"rttMs"_s).toDouble() > 0);
    QCOMPARE(pong.value(u"protocol"_s).toString(), u"2.0"_s);

    // The worker has seen the desk speak 2.0: a 1.0 connection now is a downgrade, and refused.
    const Run pingV1 = run(QStringList{u"call"_s, u"ping"_s, u"--protocol"_s, u"1.0"_s} + target);
    QCOMPARE(pingV1.exitCode, 3);
    QVERIFY2(pingV1.err.contains(u"protocol downgrade refused"_s), qPrintable(pingV1.err));

    // start PROFILE: a profile file of the desk's.
    const QString profileFile = desk.filePath(u"demo.json"_s);
    QFile file(profileFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"name\":\"demo\",\"minerType\":\"simulated\",\"pool\":\"stratum+tcp://pool.example.org:3333\","
               "\"wallet\":\"iz4wallet\"}");
    file.close();
    const Run started = run(QStringList{u"call"_s, u"start"_s, profileFile} + target);
    QVERIFY2(started.exitCode == 0, qPrintable(started.err));
    QCOMPARE(QJsonDocument::fromJson(started.out.toUtf8()).object().value(u"minerName"_s).toString(), u"demo"_s);

    const Run stats = run(QStringList{u"call"_s, u"stats"_s} + target);
    QVERIFY2(stats.exitCode == 0, qPrintable(stats.err));
    const QJsonObject statsJson = QJsonDocument::fromJson(stats.out.toUtf8()).object();
    QCOMPARE(statsJson.value(u"miners"_s).toArray().size(), 1);
    QVERIFY(statsJson.value(u"miners"_s).toArray().first().toObject().value(u"simulated"_s).toBool());

    const Run logs = run(QStringList{u"call"_s, u"logs"_s, u"audit"_s, u"--lines"_s, u"5"_s} + target);
    QVERIFY2(logs.exitCode == 0, qPrintable(logs.err));
    QVERIFY(logs.out.contains(u"accepted start_miner from "_s + deskIdentity->id()));

    const Run stopped = run(QStringList{u"call"_s, u"stop"_s, u"demo"_s} + target);
    QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));
}

void TestNodeCommands::callFailuresHaveTheirOwnExitStatus()
{
    QTemporaryDir desk;
    RunningWorker worker; // allowlist mode and the desk is not paired: refused at the handshake
    QVERIFY(worker.start());
    const QStringList target{u"--data-dir"_s, desk.path(), u"--pairing-code"_s, worker.code};
    const Run refused = run(QStringList{u"call"_s, u"stats"_s} + target);
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.err.contains(u"not authorized"_s), qPrintable(refused.err));

    // Unreachable: nobody listens there.
    const Run unreachable = run({u"call"_s, u"ping"_s, u"--data-dir"_s, desk.path(), u"--pairing-code"_s, worker.code,
                                 u"--peer"_s, u"127.0.0.1:1"_s});
    QCOMPARE(unreachable.exitCode, 3);

    // Usage: no request, an unknown one, both key options.
    QCOMPARE(run({u"call"_s, u"--data-dir"_s, desk.path()}).exitCode, 2);
    QCOMPARE(run(QStringList{u"call"_s, u"reboot"_s} + target).exitCode, 2);
    QCOMPARE(run(QStringList{u"call"_s, u"ping"_s, u"--peer-key"_s, u"AAAA"_s} + target).exitCode, 2);
    const Run help = run({u"call"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(u"Exit status"_s));
}

QTEST_GUILESS_MAIN(TestNodeCommands)
#include "tst_node_commands.moc"
