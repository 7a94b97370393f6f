// The mesh as a user runs it: one controller (in this process) and three real lethean-node workers on
// 127.0.0.1 — one supervising the fake XMRig, one in demo mode, one that dies mid-test. Workers are
// paired the way a rig owner pairs them (`lethean-node peers add <desk's pairing code>`, allowlist
// mode), and the desk adds them from the pairing codes they print.

#include "controller_test_support.h"
#include "node/controller.h"
#include "node/node_identity.h"
#include "node/pairing_code.h"
#include "node/peer_registry.h"
#include "node/transport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace lethean;
using lethean::test::await;
using node::ControllerError;

namespace {
// One lethean-node process with its own data dir.
struct WorkerProcess
{
    QTemporaryDir dataDir;
    QProcess process;
    QString log;
    QString pairingCode;
    QString id;

    bool pairWith(const QString& deskCode)
    {
        QProcess peers;
        peers.start(QStringLiteral(LETHEAN_NODE_BIN),
                    {u"peers"_s, u"add"_s, deskCode, u"--data-dir"_s, dataDir.path()});
        return peers.waitForFinished(30000) && peers.exitCode() == 0;
    }

    bool start(const QString& name, const QStringList& extra, const QProcessEnvironment& environment)
    {
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(LETHEAN_NODE_BIN),
                      QStringList{u"--data-dir"_s, dataDir.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--name"_s, name,
                                  u"--role"_s, u"worker"_s, u"--no-resume"_s} +
                          extra);
        if (!process.waitForStarted())
            return false;
        static const QRegularExpression code(uR"(pairing code \| code=(lethean:\S+))"_s);
        static const QRegularExpression identity(uR"(node identity \| id=([0-9a-f]{32}))"_s);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            QTest::qWait(20);
            log += QString::fromUtf8(process.readAllStandardError());
            const auto codeMatch = code.match(log);
            const auto idMatch = identity.match(log);
            if (codeMatch.hasMatch() && idMatch.hasMatch()) {
                pairingCode = codeMatch.captured(1);
                id = idMatch.captured(1);
                return true;
            }
        }
        return false;
    }

    ~WorkerProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGCONT);
            process.kill();
            process.waitForFinished(5000);
        }
    }
};
} // namespace

class TestIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void meshOfThreeWorkers();

private:
    QProcessEnvironment m_environment;
};

void TestIntegration::initTestCase()
{
    m_environment = QProcessEnvironment::systemEnvironment();
    // The fake XMRig (inherited through the worker): windows that fill within the test.
    m_environment.insert(u"FAKE_XMRIG_WINDOWS_MS"_s, u"300,600,900"_s);
    m_environment.insert(u"FAKE_XMRIG_HASHRATE"_s, u"4321"_s);
    m_environment.insert(u"FAKE_XMRIG_SHARE_MS"_s, u"200"_s);
    m_environment.insert(u"FAKE_XMRIG_PRINT_MS"_s, u"200"_s);
}

void TestIntegration::meshOfThreeWorkers()
{
    // The desk: a controller in this process, listening so its pairing code has an address.
    QTemporaryDir deskDir;
    auto identity = node::NodeIdentity::generate(u"desk"_s, node::NodeRole::Controller);
    QVERIFY(identity);
    node::PeerRegistry registry(deskDir.filePath(u"peers.json"_s));
    registry.setLocalPeerId(identity->id());
    node::TransportConfig transportConfig;
    transportConfig.listenAddress = QHostAddress::LocalHost;
    transportConfig.listenPort = 0;
    transportConfig.protocol2Enabled = qEnvironmentVariable("LETHEAN_TEST_PROTOCOL") != u"1.0"_s;
    node::Transport transport(*identity, registry, transportConfig);
    QObject::connect(&transport, &node::Transport::peerConnected, &registry, &node::PeerRegistry::recordConnection);
    QObject::connect(&transport, &node::Transport::peerDisconnected, &registry,
                     [&registry](const node::ConnectedPeer& peer) { registry.recordDisconnection(peer.id()); });
    node::ControllerConfig timeouts;
    timeouts.statsTimeout = 2s;
    timeouts.logsTimeout = 5s;
    timeouts.minerTimeout = 20s;
    node::Controller controller(*identity, transport, registry, timeouts);
    QVERIFY(transport.start());
    const QString deskCode =
        node::PairingCode(identity->publicKey(), {u"127.0.0.1:%1"_s.arg(transport.serverPort())}, u"desk"_s).toString();

    // Three rigs, each paired with the desk before it starts (allowlist mode: the default).
    WorkerProcess xmrigRig, demoRig, doomedRig;
    for (WorkerProcess* rig : {&xmrigRig, &demoRig, &doomedRig})
        QVERIFY(rig->pairWith(deskCode));
    QVERIFY2(xmrigRig.start(u"rig-xmrig"_s, {u"--miner-path"_s, QStringLiteral(FAKE_XMRIG_BIN)}, m_environment),
             qPrintable(xmrigRig.log));
    QVERIFY2(demoRig.start(u"rig-demo"_s, {u"--demo"_s}, m_environment), qPrintable(demoRig.log));
    QVERIFY2(doomedRig.start(u"rig-doomed"_s, {u"--demo"_s}, m_environment), qPrintable(doomedRig.log));

    // The desk adds them from their pairing codes and reaches each (auto-connect on first request).
    for (WorkerProcess* rig : {&xmrigRig, &demoRig, &doomedRig}) {
        const auto added = registry.addFromPairingCode(rig->pairingCode);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        QCOMPARE(added->id, rig->id);
        const auto rtt = await(controller.ping(rig->id));
        QVERIFY2(rtt, qPrintable(rtt ? QString() : rtt.error().message + u"\n"_s + rig->log));
    }
    QCOMPARE(transport.connectionCount(), 3);

    // Start a miner on the XMRig rig and one on the demo rig, end to end.
    node::MiningProfile profile;
    profile.name = u"main"_s;
    profile.minerType = u"xmrig"_s;
    profile.pool = u"stratum+tcp://pool.example.org:3333"_s;
    profile.wallet = u"iz4wallet"_s;
    const auto xmrigStarted = await(controller.startMiner(xmrigRig.id, profile));
    QVERIFY2(xmrigStarted, qPrintable(xmrigStarted ? QString() : xmrigStarted.error().message));
    QCOMPARE(xmrigStarted->minerName, u"main"_s);
    const auto demoStarted = await(controller.startMiner(demoRig.id, profile));
    QVERIFY2(demoStarted, qPrintable(demoStarted ? QString() : demoStarted.error().message));

    // The XMRig rig reports the fake's hashrate once its API has been polled.
    QElapsedTimer waited;
    waited.start();
    double hashrate = 0;
    while (hashrate == 0 && waited.elapsed() < 20000) {
        const auto stats = await(controller.getStats(xmrigRig.id));
        QVERIFY(stats);
        if (!stats->miners.isEmpty())
            hashrate = stats->miners.first().hashrate;
        if (hashrate == 0)
            QTest::qWait(250);
    }
    QCOMPARE(hashrate, 4321.0);

    const auto logs = await(controller.getLogs(xmrigRig.id, u"main"_s, 50));
    QVERIFY2(logs, qPrintable(logs ? QString() : logs.error().message));
    QVERIFY(!logs->lines.isEmpty());
    const auto audit = await(controller.getLogs(xmrigRig.id, u"audit"_s, 10));
    QVERIFY(audit);
    QVERIFY(audit->lines.constFirst().contains(u"accepted start_miner from "_s + identity->id()));

    // The doomed rig hangs (a machine that lost power sends no goodbye): getAllStats still answers,
    // with its error, within about one timeout.
    const double doomedScore = registry.peer(doomedRig.id)->score;
    ::kill(pid_t(doomedRig.process.processId()), SIGSTOP);
    QElapsedTimer fanOut;
    fanOut.start();
    const QList<node::PeerStatsResult> all = await(controller.getAllStats());
    QVERIFY2(fanOut.elapsed() < 2000 + 3000, qPrintable(QString::number(fanOut.elapsed())));
    QCOMPARE(all.size(), 3);
    for (const node::PeerStatsResult& one : all) {
        if (one.peerId == doomedRig.id) {
            QVERIFY(!one.stats);
            QCOMPARE(one.stats.error().kind, ControllerError::Kind::Timeout);
            QVERIFY(one.stats.error().message.contains(u"request timeout"_s));
        } else {
            QVERIFY2(one.stats, qPrintable(one.stats ? QString() : one.stats.error().message));
            QCOMPARE(one.stats->miners.size(), 1);
            const bool demo = one.peerId == demoRig.id;
            QCOMPARE(one.stats->miners.first().simulated, demo);
        }
    }
    // Scores moved as the spec says: the dead rig lost 3 for its timeout, the others gained.
    QCOMPARE(registry.peer(doomedRig.id)->score, doomedScore - 3);
    QVERIFY(registry.peer(xmrigRig.id)->score > node::Peer::kDefaultScore);
    ::kill(pid_t(doomedRig.process.processId()), SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(!transport.isConnected(doomedRig.id), 15000);

    // Stop the miners; the XMRig rig's fake process goes away with it.
    const auto stopped = await(controller.stopMiner(xmrigRig.id, u"main"_s));
    QVERIFY2(stopped, qPrintable(stopped ? QString() : stopped.error().message));
    const auto after = await(controller.getStats(xmrigRig.id));
    QVERIFY(after);
    QVERIFY(after->miners.isEmpty() || after->miners.first().state == u"stopped"_s);
    QVERIFY(await(controller.stopMiner(demoRig.id, u"main"_s)));

    // The workers stop cleanly on SIGTERM (systemd's way) with exit status 0.
    for (WorkerProcess* rig : {&xmrigRig, &demoRig}) {
        ::kill(pid_t(rig->process.processId()), SIGTERM);
        QVERIFY(rig->process.waitForFinished(20000));
        QCOMPARE(rig->process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(rig->process.exitCode(), 0);
    }
    transport.stop();
}

QTEST_GUILESS_MAIN(TestIntegration)
#include "tst_integration.moc"
