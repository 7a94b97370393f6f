// The controller and the worker over real transports on loopback: typed replies, Go's error texts,
// timeouts and scores, and every reply that must be dropped (late, wrong peer, wrong type, duplicate).

#include "controller_test_support.h"

#include "node/log_sink.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lethean;
using namespace lethean::test;
using node::ControllerError;

class TestController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getStatsReturnsTheWorkersStatsAndRaisesTheScore();
    void pingMeasuresTheRoundTripAndStoresIt();
    void startMinerSendsTheProfileAndAudits();
    void startMinerWithAnInvalidProfileIsRefusedWithTheValidatorsWords();
    void startMinerOfAnUnknownStoredProfileIsARemoteError();
    void startMinerWithoutATypeFailsLocally();
    void stopMinerOfAnUnknownMinerIsRefused();
    void getLogsOfAMinerAndOfTheAuditLog();
    void getLogsOfAnUnknownMinerIsNotFound();
    void malformedPayloadGetsAnErrorReplyNotSilence();
    void aPeerThatIsAWorkerMayNotControl();
    void deployOfAPlainJsonProfileSavesIt();
    void deployWithAWrongChecksumIsRefused();
    void silentPeerTimesOutAndLosesScore();
    void lateReplyIsDroppedAndLogged();
    void replyFromTheWrongPeerIsDropped();
    void replyOfTheWrongTypeIsDropped();
    void duplicateReplyIsDroppedAndLogged();
    void unreachablePeerFailsWithAClearError();
    void autoConnectsToAKnownPeer();
    void getAllStatsReportsEveryPeerWithinTheTimeout();
    void shutdownFailsRequestsInFlight();
};

void TestController::getStatsReturnsTheWorkersStatsAndRaisesTheScore()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    rig.miners.running = {u"xmrig-1"_s};
    QVERIFY(desk.connectTo(rig));
    const double before = desk.registry.peer(rig.id())->score;

    const auto stats = await(desk.controller->getStats(rig.id()));
    QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
    QCOMPARE(stats->nodeId, rig.id());
    QCOMPARE(stats->nodeName, u"rig"_s);
    QCOMPARE(stats->miners.size(), 1);
    QCOMPARE(stats->miners.first().name, u"xmrig-1"_s);
    QCOMPARE(stats->miners.first().hashrate, 1234.5);
    QCOMPARE(desk.registry.peer(rig.id())->score, before + 1); // RecordSuccess
    QCOMPARE(desk.controller->pendingCount(), 0);
}

void TestController::pingMeasuresTheRoundTripAndStoresIt()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    const auto rtt = await(desk.controller->ping(rig.id()));
    QVERIFY(rtt);
    QVERIFY(*rtt > 0);
    QVERIFY(*rtt < 3000);
    QCOMPARE(desk.registry.peer(rig.id())->pingMs, *rtt);
}

void TestController::startMinerSendsTheProfileAndAudits()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    const auto ack = await(desk.controller->startMiner(rig.id(), demoProfile()));
    QVERIFY2(ack, qPrintable(ack ? QString() : ack.error().message));
    QCOMPARE(ack->minerName, u"main"_s);
    QCOMPARE(rig.miners.started.size(), 1);
    QCOMPARE(rig.miners.started.first(), demoProfile());
    const QStringList audit = rig.audit.tail(0);
    QCOMPARE(audit.size(), 1);
    QVERIFY2(audit.first().contains(u"accepted start_miner from "_s + desk.id()), qPrintable(audit.first()));
    QVERIFY(audit.first().contains(u"profile=main"_s));
}

void TestController::startMinerWithAnInvalidProfileIsRefusedWithTheValidatorsWords()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    node::MiningProfile bad = demoProfile();
    bad.pool = u"http://pool.example.org"_s; // wrong scheme, no port
    bad.wallet.clear();
    const auto ack = await(desk.controller->startMiner(rig.id(), bad));
    QVERIFY(!ack);
    QCOMPARE(ack.error().kind, ControllerError::Kind::Refused);
    QVERIFY2(ack.error().message.contains(u"pool:"_s) && ack.error().message.contains(u"wallet:"_s),
             qPrintable(ack.error().message));
    QVERIFY(rig.miners.started.isEmpty());
    QVERIFY(rig.audit.tail(0).constFirst().contains(u"refused start_miner"_s));
}

void TestController::startMinerOfAnUnknownStoredProfileIsARemoteError()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    const auto ack = await(desk.controller->startMinerProfile(rig.id(), u"xmrig"_s, u"nope"_s));
    QVERIFY(!ack);
    QCOMPARE(ack.error().kind, ControllerError::Kind::RemoteError);
    QCOMPARE(ack.error().code, qint64(node::ErrorCode::NotFound));
    QVERIFY2(ack.error().message.contains(u"profile not found: nope"_s), qPrintable(ack.error().message));

    // A stored profile starts by name.
    QVERIFY(rig.profiles.saveProfile(demoProfile(u"stored"_s)));
    const auto started = await(desk.controller->startMinerProfile(rig.id(), u"xmrig"_s, u"stored"_s));
    QVERIFY(started);
    QCOMPARE(rig.miners.started.constLast().name, u"stored"_s);
}

void TestController::startMinerWithoutATypeFailsLocally()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    node::MiningProfile untyped = demoProfile();
    untyped.minerType.clear();
    const auto ack = await(desk.controller->startMiner(u"0123456789abcdef0123456789abcdef"_s, untyped));
    QVERIFY(!ack);
    QCOMPARE(ack.error().kind, ControllerError::Kind::InvalidRequest);
    QCOMPARE(ack.error().message, u"miner type is required"_s);
}

void TestController::stopMinerOfAnUnknownMinerIsRefused()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    rig.miners.running = {u"a"_s};
    QVERIFY(desk.connectTo(rig));
    const auto missing = await(desk.controller->stopMiner(rig.id(), u"b"_s));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ControllerError::Kind::Refused);
    QVERIFY(missing.error().message.contains(u"miner not found"_s));
    const auto stopped = await(desk.controller->stopMiner(rig.id(), u"a"_s));
    QVERIFY(stopped);
    QCOMPARE(stopped->minerName, u"a"_s);
    QVERIFY(rig.audit.tail(0).constLast().contains(u"accepted stop_miner"_s));
}

void TestController::getLogsOfAMinerAndOfTheAuditLog()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    rig.miners.running = {u"a"_s};
    QVERIFY(desk.connectTo(rig));
    const auto logs = await(desk.controller->getLogs(rig.id(), u"a"_s, 2));
    QVERIFY(logs);
    QCOMPARE(logs->lines, (QStringList{u"line 2"_s, u"line 3"_s}));
    QVERIFY(logs->hasMore);

    QVERIFY(await(desk.controller->stopMiner(rig.id(), u"a"_s)));
    const auto audit = await(desk.controller->getLogs(rig.id(), u"audit"_s, 10));
    QVERIFY(audit);
    QCOMPARE(audit->lines.size(), 1);
    QVERIFY(audit->lines.first().contains(u"accepted stop_miner from "_s + desk.id()));
}

void TestController::getLogsOfAnUnknownMinerIsNotFound()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    const auto logs = await(desk.controller->getLogs(rig.id(), u"ghost"_s));
    QVERIFY(!logs);
    QCOMPARE(logs.error().kind, ControllerError::Kind::RemoteError);
    QVERIFY2(logs.error().message.contains(u"Worker.handleGetLogs: miner not found: ghost"_s),
             qPrintable(logs.error().message));
}

void TestController::malformedPayloadGetsAnErrorReplyNotSilence()
{
    // Tried: start_miner whose minerType is a number, and a ping whose sentAt is a string.
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    const auto start = await(desk.controller->request(rig.id(), node::MessageType::StartMiner, "{\"minerType\":5}",
                                                      node::MessageType::MinerAck, 3s));
    QVERIFY(!start);
    QCOMPARE(start.error().kind, ControllerError::Kind::RemoteError);
    QVERIFY2(start.error().message.contains(u"invalid start miner payload"_s), qPrintable(start.error().message));
    const auto ping = await(desk.controller->request(rig.id(), node::MessageType::Ping, "{\"sentAt\":\"soon\"}",
                                                     node::MessageType::Pong, 3s));
    QVERIFY(!ping);
    QVERIFY(ping.error().message.contains(u"invalid ping payload"_s));
    QVERIFY(rig.miners.started.isEmpty());
}

void TestController::aPeerThatIsAWorkerMayNotControl()
{
    Rig other(u"other-rig"_s, Rig::ControllerPart, node::NodeRole::Worker);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(other.connectTo(rig));
    const auto ack = await(other.controller->startMiner(rig.id(), demoProfile()));
    QVERIFY(!ack);
    QCOMPARE(ack.error().code, qint64(node::ErrorCode::Unauthorized));
    QVERIFY(rig.miners.started.isEmpty());
    QVERIFY(rig.audit.tail(0).constFirst().contains(u"refused start_miner"_s));
    // Reading is still allowed.
    QVERIFY(await(other.controller->getStats(rig.id())));
}

void TestController::deployOfAPlainJsonProfileSavesIt()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    node::DeployPayload bundle;
    bundle.bundleType = u"profile"_s;
    bundle.name = u"pushed"_s;
    bundle.data = demoProfile(u"pushed"_s).toJson();
    bundle.checksum = QString::fromLatin1(QCryptographicHash::hash(bundle.data, QCryptographicHash::Sha256).toHex());
    const auto ack = await(desk.controller->deploy(rig.id(), bundle));
    QVERIFY2(ack, qPrintable(ack ? QString() : ack.error().message));
    QCOMPARE(rig.profiles.profile(u"pushed"_s), demoProfile(u"pushed"_s));

    // A name that would escape the profiles folder: refused, nothing written (Go: WIRE.md §13.4).
    bundle.name = u"../escape"_s;
    const auto escape = await(desk.controller->deploy(rig.id(), bundle));
    QVERIFY(!escape);
    QCOMPARE(escape.error().kind, ControllerError::Kind::Refused);
    QVERIFY(!QFile::exists(rig.dir.filePath(u"escape.json"_s)));
}

void TestController::deployWithAWrongChecksumIsRefused()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    QVERIFY(desk.connectTo(rig));
    node::DeployPayload bundle;
    bundle.bundleType = u"profile"_s;
    bundle.name = u"pushed"_s;
    bundle.data = demoProfile(u"pushed"_s).toJson();
    bundle.checksum = QString(64, u'0');
    const auto ack = await(desk.controller->deploy(rig.id(), bundle));
    QVERIFY(!ack);
    QVERIFY2(ack.error().message.contains(u"checksum mismatch"_s), qPrintable(ack.error().message));
    QVERIFY(!rig.profiles.profile(u"pushed"_s));
    QVERIFY(rig.audit.tail(0).constFirst().contains(u"refused deploy"_s));
}

void TestController::silentPeerTimesOutAndLosesScore()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig mute(u"mute"_s, 0); // a transport with nobody answering
    QVERIFY(desk.connectTo(mute));
    node::ControllerConfig config = desk.controller->config();
    config.statsTimeout = 300ms;
    desk.controller->setConfig(config);
    const double before = desk.registry.peer(mute.id())->score;
    const auto stats = await(desk.controller->getStats(mute.id()));
    QVERIFY(!stats);
    QCOMPARE(stats.error().kind, ControllerError::Kind::Timeout);
    QVERIFY2(stats.error().message.contains(u"request timeout"_s), qPrintable(stats.error().message));
    QCOMPARE(desk.registry.peer(mute.id())->score, before - 3); // RecordTimeout
    QCOMPARE(desk.controller->pendingCount(), 0);
}

namespace {
// A peer that answers get_stats by hand, as a test tells it to.
void answerStats(Rig& rig, std::function<void(const node::ConnectedPeer&, const node::Message&)> answer)
{
    rig.transport->addMessageHandler([answer](const node::ConnectedPeer& from, const node::Message& message) {
        if (message.type == node::MessageType::GetStats)
            answer(from, message);
    });
}

node::Message statsReply(const Rig& rig, const node::Message& request)
{
    node::StatsPayload stats;
    stats.nodeId = rig.id();
    stats.nodeName = rig.identity.name();
    node::Message reply = request.reply(stats);
    reply.from = rig.id();
    return reply;
}
} // namespace

void TestController::lateReplyIsDroppedAndLogged()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig slow(u"slow"_s, 0);
    QVERIFY(desk.connectTo(slow));
    node::ControllerConfig config = desk.controller->config();
    config.statsTimeout = 200ms;
    desk.controller->setConfig(config);
    bool replied = false;
    answerStats(slow, [&](const node::ConnectedPeer& from, const node::Message& request) {
        QTimer::singleShot(600, slow.transport.get(), [&, from, request] {
            (void)slow.transport->send(from.id(), statsReply(slow, request));
            replied = true;
        });
    });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"request timeout"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"late reply dropped"_s));
    const auto stats = await(desk.controller->getStats(slow.id()));
    QVERIFY(!stats);
    QCOMPARE(stats.error().kind, ControllerError::Kind::Timeout);
    QTRY_VERIFY(replied);
    QTest::qWait(200); // the late reply arrives and is dropped (ignoreMessage fails the test otherwise)
}

void TestController::replyFromTheWrongPeerIsDropped()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, 0);
    Rig intruder(u"intruder"_s, 0);
    QVERIFY(desk.connectTo(rig));
    QVERIFY(intruder.connectTo(desk));
    // The intruder learns the request id (as if it could see it) and answers first; the real rig later.
    answerStats(rig, [&](const node::ConnectedPeer& from, const node::Message& request) {
        // Under its own ID (a claimed `from` of the rig would not even pass the transport's spoof check).
        (void)intruder.transport->send(desk.id(), statsReply(intruder, request));
        QTimer::singleShot(300, rig.transport.get(),
                           [&, from, request] { (void)rig.transport->send(from.id(), statsReply(rig, request)); });
    });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reply from the wrong peer dropped"_s));
    const auto stats = await(desk.controller->getStats(rig.id()));
    QVERIFY(stats);
    QCOMPARE(stats->nodeId, rig.id()); // the real one, not the intruder's
}

void TestController::replyOfTheWrongTypeIsDropped()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, 0);
    QVERIFY(desk.connectTo(rig));
    node::ControllerConfig config = desk.controller->config();
    config.statsTimeout = 400ms;
    desk.controller->setConfig(config);
    answerStats(rig, [&](const node::ConnectedPeer& from, const node::Message& request) {
        node::LogsPayload logs;
        logs.minerName = u"x"_s;
        (void)rig.transport->send(from.id(), request.reply(logs));
    });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reply of the wrong type dropped"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"request timeout"_s));
    const auto stats = await(desk.controller->getStats(rig.id()));
    QVERIFY(!stats);
    QCOMPARE(stats.error().kind, ControllerError::Kind::Timeout);
}

void TestController::duplicateReplyIsDroppedAndLogged()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, 0);
    QVERIFY(desk.connectTo(rig));
    int sent = 0;
    answerStats(rig, [&](const node::ConnectedPeer& from, const node::Message& request) {
        node::Message reply = statsReply(rig, request);
        (void)rig.transport->send(from.id(), reply);
        reply.id = node::Message::create(node::MessageType::Stats, {}, {}).id; // a fresh id, so dedup lets it by
        (void)rig.transport->send(from.id(), reply);
        sent = 2;
    });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"duplicate reply dropped"_s));
    const auto stats = await(desk.controller->getStats(rig.id()));
    QVERIFY(stats);
    QTRY_COMPARE(sent, 2);
    QTest::qWait(200);
}

void TestController::unreachablePeerFailsWithAClearError()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    const auto unknown = await(desk.controller->getStats(u"0123456789abcdef0123456789abcdef"_s));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().kind, ControllerError::Kind::Unreachable);
    QVERIFY(unknown.error().message.contains(u"no address is known"_s));

    // Known, but nobody listens there any more.
    QString address;
    QString id;
    node::Peer peer;
    {
        Rig gone(u"gone"_s, Rig::WorkerPart);
        peer.id = gone.id();
        peer.publicKey = gone.identity.publicKey();
        peer.address = gone.address();
    }
    QVERIFY(desk.registry.addPeer(peer));
    const auto dead = await(desk.controller->getStats(peer.id));
    QVERIFY(!dead);
    QCOMPARE(dead.error().kind, ControllerError::Kind::Unreachable);
    QVERIFY2(dead.error().message.startsWith(u"cannot connect to "_s), qPrintable(dead.error().message));
    QCOMPARE(desk.registry.peer(peer.id)->score, node::Peer::kDefaultScore - 5); // RecordFailure
}

void TestController::autoConnectsToAKnownPeer()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig rig(u"rig"_s, Rig::WorkerPart);
    node::Peer peer;
    peer.id = rig.id();
    peer.publicKey = rig.identity.publicKey();
    peer.address = u"127.0.0.1:1"_s; // a dead first address: the alternate is tried next
    peer.alternateAddresses = {rig.address()};
    QVERIFY(desk.registry.addPeer(peer));
    QVERIFY(!desk.transport->isConnected(rig.id()));
    const auto stats = await(desk.controller->getStats(rig.id()));
    QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
    QVERIFY(desk.transport->isConnected(rig.id()));
}

void TestController::getAllStatsReportsEveryPeerWithinTheTimeout()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig a(u"rig-a"_s, Rig::WorkerPart);
    Rig b(u"rig-b"_s, Rig::WorkerPart);
    Rig mute(u"rig-mute"_s, 0);
    for (Rig* rig : {&a, &b, &mute})
        QVERIFY(desk.connectTo(*rig));
    node::ControllerConfig config = desk.controller->config();
    config.statsTimeout = 500ms;
    desk.controller->setConfig(config);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"request timeout"_s));
    QElapsedTimer clock;
    clock.start();
    const QList<node::PeerStatsResult> all = await(desk.controller->getAllStats());
    // In parallel: about one timeout, not three requests in a row.
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(all.size(), 3);
    int ok = 0;
    for (const node::PeerStatsResult& one : all) {
        if (one.peerId == mute.id()) {
            QVERIFY(!one.stats);
            QCOMPARE(one.stats.error().kind, ControllerError::Kind::Timeout);
        } else {
            QVERIFY(one.stats);
            QCOMPARE(one.stats->nodeId, one.peerId);
            ++ok;
        }
    }
    QCOMPARE(ok, 2);
}

void TestController::shutdownFailsRequestsInFlight()
{
    Rig desk(u"desk"_s, Rig::ControllerPart);
    Rig mute(u"mute"_s, 0);
    QVERIFY(desk.connectTo(mute));
    auto first = desk.controller->getStats(mute.id());
    auto second = desk.controller->ping(mute.id());
    QCOMPARE(desk.controller->pendingCount(), 2);
    desk.controller.reset(); // Go's send-on-closed-channel crash happened here (WIRE.md §13.6)
    QVERIFY(first.isFinished() && second.isFinished());
    QCOMPARE(first.result().error().kind, ControllerError::Kind::ShuttingDown);
    QVERIFY(second.result().error().message.contains(u"shutting down"_s));
}

QTEST_GUILESS_MAIN(TestController)
#include "tst_controller.moc"
