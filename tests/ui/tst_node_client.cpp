// NodeClient, the GUI's one door to the node: the node is created, run and destroyed on its own thread;
// its reports arrive on the GUI thread; commands come back as futures; shutdown is clean with work in
// flight. Hostile situations tried: the port already taken, the data dir held by another node, a bad
// and an own pairing code, a dial to an address that never answers cut short by shutdown, commands
// before start and after shutdown, unknown peer IDs.

#include "gui_test_support.h"
#include "node/data_paths.h"
#include "node/log_categories.h"
#include "node/log_sink.h"
#include "node/logger.h"
#include "node/node.h"
#include "node/pairing_code.h"
#include "node/peer_registry.h"
#include "node/transport.h"
#include "ui/node_client.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

using namespace Qt::StringLiterals;
using lethean::node::ConnectOutcome;
using lethean::node::Node;
using lethean::node::PairingCode;
using lethean::node::PairingCodeError;
using lethean::node::Peer;
using lethean::node::PeerAuthMode;
using lethean::ui::NodeClient;
using lethean::ui::NodeInfo;
using lethean::ui::test::loopbackOptions;

namespace {

constexpr int kTimeoutMs = 15000;

std::unique_ptr<Node> startRig(const QTemporaryDir& dir, const QString& name)
{
    auto node = Node::create(loopbackOptions(dir.path(), name));
    if (!node)
        qFatal("cannot create the rig: %s", qPrintable(node.error()));
    if (!(*node)->start())
        qFatal("the rig cannot listen");
    return std::move(*node);
}

template <typename T> bool waitFor(const QFuture<T>& future)
{
    return QTest::qWaitFor([&] { return future.isFinished(); }, kTimeoutMs);
}

bool startClient(NodeClient& client, const QTemporaryDir& dir, const QString& name = u"desk"_s)
{
    QSignalSpy started(&client, &NodeClient::nodeStarted);
    client.start(loopbackOptions(dir.path(), name));
    return started.wait(kTimeoutMs) || !started.isEmpty();
}

} // namespace

class TestNodeClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The sink replaces QtTest's message handler, so the node's warnings (open mode, say) are recorded
    // by it rather than by QtTest; this suite checks the log lines itself.
    void initTestCase()
    {
        lethean::node::LogSink::instance().install();
        lethean::node::LogSink::instance().setStderrEnabled(false);
    }

    void startsOnItsThreadAndShutsDownCleanly()
    {
        QTemporaryDir dir;
        NodeClient client;
        QCOMPARE(client.state(), NodeClient::State::Stopped);
        QSignalSpy peersReset(&client, &NodeClient::peersReset);
        QSignalSpy stopped(&client, &NodeClient::nodeStopped);
        QVERIFY(startClient(client, dir));
        QCOMPARE(client.state(), NodeClient::State::Running);
        const NodeInfo& info = client.info();
        QCOMPARE(info.name, u"desk"_s);
        QCOMPARE(info.role, u"dual"_s);
        QVERIFY(info.isListening());
        QCOMPARE(info.listeningAddresses.size(), 1);
        QVERIFY(info.listeningAddresses.first().startsWith(u"127.0.0.1:"_s));
        const auto code = PairingCode::parse(info.pairingCode);
        QVERIFY(code.ok());
        QCOMPARE(code->peerId(), info.id);
        QCOMPARE(code->addresses(), info.listeningAddresses);
        QCOMPARE(peersReset.count(), 1);

        client.shutdown();
        QCOMPARE(client.state(), NodeClient::State::Stopped);
        QCOMPARE(stopped.count(), 1);
        client.shutdown(); // twice is harmless
        // The node is gone: its lock is free for the next one.
        auto again = Node::create(loopbackOptions(dir.path(), u"desk"_s));
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error()));
    }

    void reportsAPortInUseAndKeepsRunning()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        NodeClient client;
        QSignalSpy started(&client, &NodeClient::nodeStarted);
        auto options = loopbackOptions(dir.path(), u"desk"_s);
        options.transport.listenPort = squatter.serverPort();
        client.start(std::move(options));
        QVERIFY(started.wait(kTimeoutMs));
        QCOMPARE(client.state(), NodeClient::State::Running);
        QVERIFY(!client.info().isListening());
        QVERIFY(client.info().listeningAddresses.isEmpty());
        QVERIFY2(client.info().listenError.contains(QString::number(squatter.serverPort())),
                 qPrintable(client.info().listenError));
        // Still a working node: its registry answers.
        auto mode = client.setAuthMode(PeerAuthMode::Allowlist);
        QVERIFY(waitFor(mode));
        QVERIFY(mode.result().ok());
    }

    void failsWhenAnotherNodeHoldsTheDataDir()
    {
        QTemporaryDir dir;
        auto holder = Node::create(loopbackOptions(dir.path(), u"holder"_s));
        QVERIFY(holder.ok());
        NodeClient client;
        QSignalSpy failed(&client, &NodeClient::nodeFailed);
        client.start(loopbackOptions(dir.path(), u"desk"_s));
        QVERIFY(failed.wait(kTimeoutMs));
        QCOMPARE(client.state(), NodeClient::State::Failed);
        QVERIFY(!client.failure().isEmpty());
        QCOMPARE(failed.first().first().toString(), client.failure());
        // No node: commands are cancelled rather than left hanging.
        auto add = client.addPeerFromPairingCode(u"lethean:1.x"_s);
        QVERIFY(waitFor(add));
        QVERIFY(add.isCanceled());
    }

    void commandsBeforeStartAreCancelled()
    {
        NodeClient client;
        auto reconnect = client.reconnect(u"0123"_s);
        QVERIFY(reconnect.isFinished());
        QVERIFY(reconnect.isCanceled());
    }

    // The whole peer cycle through the client against a second, real node on loopback.
    void pairsConnectsDisconnectsAndRemoves()
    {
        QTemporaryDir deskDir;
        QTemporaryDir rigDir;
        NodeClient client;
        QVERIFY(startClient(client, deskDir));
        auto rig = startRig(rigDir, u"rig-1"_s);
        QVERIFY(rig->registry().addFromPairingCode(client.info().pairingCode).ok()); // the rig lets us in
        const QString rigId = rig->identity().id();

        QList<Peer> changes;
        connect(&client, &NodeClient::peerChanged, this, [&](const Peer& peer) {
            QCOMPARE(QThread::currentThread(), thread()); // reports arrive on the GUI thread
            changes.append(peer);
        });
        QSignalSpy allowlist(&client, &NodeClient::allowlistChanged);

        auto bad = client.addPeerFromPairingCode(u"lethean:1.abc"_s);
        QVERIFY(waitFor(bad));
        QVERIFY(!bad.result().ok());
        QCOMPARE(bad.result().error().code, PairingCodeError::Code::Malformed);
        auto own = client.addPeerFromPairingCode(client.info().pairingCode);
        QVERIFY(waitFor(own));
        QCOMPARE(own.result().error().code, PairingCodeError::Code::OwnCode);

        auto added = client.addPeerFromPairingCode(rig->pairingCode());
        QVERIFY(waitFor(added));
        QVERIFY(added.result().ok());
        QCOMPARE(added.result()->id, rigId);
        QTRY_VERIFY(!changes.isEmpty());
        QCOMPARE(changes.last().id, rigId);
        QTRY_VERIFY(!allowlist.isEmpty()); // pairing allowlisted the rig's key

        auto connected = client.reconnect(rigId);
        QVERIFY(waitFor(connected));
        QVERIFY2(connected.result().ok, qPrintable(connected.result().error));
        QCOMPARE(connected.result().peer.id(), rigId);
        QTRY_VERIFY(changes.last().connected);
        auto already = client.reconnect(rigId); // connected: reported, not dialled again
        QVERIFY(waitFor(already));
        QVERIFY(already.result().ok);

        auto disconnected = client.disconnectPeer(rigId);
        QVERIFY(waitFor(disconnected));
        QTRY_VERIFY(!changes.last().connected);

        auto unknown = client.reconnect(u"ffffffffffffffffffffffffffffffff"_s);
        QVERIFY(waitFor(unknown));
        QVERIFY(!unknown.result().ok);

        QSignalSpy removed(&client, &NodeClient::peerRemoved);
        auto removal = client.removePeer(rigId);
        QVERIFY(waitFor(removal));
        QVERIFY(removal.result().ok());
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().toString(), rigId);
        QVERIFY(allowlist.last().first().value<QList<QByteArray>>().isEmpty()); // key revoked too
        auto again = client.removePeer(rigId);
        QVERIFY(waitFor(again));
        QVERIFY(!again.result().ok());

        QSignalSpy modes(&client, &NodeClient::authModeChanged);
        auto open = client.setAuthMode(PeerAuthMode::Open);
        QVERIFY(waitFor(open));
        QTRY_COMPARE(modes.count(), 1);
        QCOMPARE(modes.first().first().value<PeerAuthMode>(), PeerAuthMode::Open);
    }

    // A dial to an address that never answers, and commands queued behind it, when the app quits: the
    // shutdown returns, every future finishes, nothing crashes.
    void shutsDownWithWorkInFlight()
    {
        QTemporaryDir dir;
        NodeClient client;
        QVERIFY(startClient(client, dir));
        // TEST-NET-1 (RFC 5737): never routed, so the dial waits for its handshake timeout.
        const QString ghost =
            PairingCode(QByteArray(32, '\x07'), {u"192.0.2.1:9091"_s}, u"ghost"_s).toString();
        auto added = client.addPeerFromPairingCode(ghost);
        QVERIFY(waitFor(added));
        QVERIFY(added.result().ok());
        auto dial = client.reconnect(added.result()->id);
        QList<QFuture<lethean::Result<void, lethean::node::RegistryError>>> queued;
        for (int i = 0; i < 20; ++i)
            queued.append(client.setAuthMode(PeerAuthMode::Allowlist));
        client.shutdown();
        QCOMPARE(client.state(), NodeClient::State::Stopped);
        QTRY_VERIFY(dial.isFinished());
        if (!dial.isCanceled())
            QVERIFY(!dial.result().ok);
        for (const auto& future : std::as_const(queued))
            QTRY_VERIFY(future.isFinished());
        auto late = client.removePeer(added.result()->id);
        QVERIFY(late.isFinished());
        QVERIFY(late.isCanceled());
    }

    // A profile to a passphrase-sealed file and back, off the GUI thread. Hostile cases: the wrong
    // passphrase, a flipped byte in the file, a file that is no bundle, a file that is not there, an
    // empty passphrase.
    void exportsAndImportsAProfileWithAPassphrase()
    {
        QTemporaryDir dir;
        lethean::node::MiningProfile profile;
        profile.name = u"travel"_s;
        profile.minerType = u"xmrig"_s;
        profile.pool = u"stratum+tcp://pool.example.org:3333"_s;
        profile.wallet = u"iz4wallet"_s;
        profile.threads = 3;
        const QString path = dir.filePath(u"travel.lthn"_s);
        auto exported = NodeClient::exportProfile(profile, path, u"correct horse"_s);
        QTRY_VERIFY_WITH_TIMEOUT(exported.isFinished(), kTimeoutMs);
        QVERIFY2(exported.result(), qPrintable(exported.result() ? QString() : exported.result().error()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains("iz4wallet")); // sealed, not plain JSON
        file.close();

        auto imported = NodeClient::importProfile(path, u"correct horse"_s);
        QTRY_VERIFY_WITH_TIMEOUT(imported.isFinished(), kTimeoutMs);
        QVERIFY(imported.result());
        QCOMPARE(*imported.result(), profile);

        auto wrong = NodeClient::importProfile(path, u"wrong horse"_s);
        QTRY_VERIFY_WITH_TIMEOUT(wrong.isFinished(), kTimeoutMs);
        QVERIFY(!wrong.result());
        QVERIFY(!wrong.result().error().isEmpty());

        bytes[bytes.size() - 20] = char(bytes.at(bytes.size() - 20) ^ 0x01);
        const QString flipped = dir.filePath(u"flipped.lthn"_s);
        QFile out(flipped);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        auto corrupt = NodeClient::importProfile(flipped, u"correct horse"_s);
        QTRY_VERIFY_WITH_TIMEOUT(corrupt.isFinished(), kTimeoutMs);
        QVERIFY(!corrupt.result());

        const QString junk = dir.filePath(u"junk.lthn"_s);
        QFile junkFile(junk);
        QVERIFY(junkFile.open(QIODevice::WriteOnly));
        junkFile.write("{\"name\":\"not a bundle\"}");
        junkFile.close();
        auto notBundle = NodeClient::importProfile(junk, u"correct horse"_s);
        QTRY_VERIFY_WITH_TIMEOUT(notBundle.isFinished(), kTimeoutMs);
        QVERIFY(!notBundle.result());
        auto missing = NodeClient::importProfile(dir.filePath(u"absent"_s), u"correct horse"_s);
        QTRY_VERIFY_WITH_TIMEOUT(missing.isFinished(), kTimeoutMs);
        QVERIFY(!missing.result());
        auto empty = NodeClient::exportProfile(profile, dir.filePath(u"empty.lthn"_s), QString());
        QTRY_VERIFY_WITH_TIMEOUT(empty.isFinished(), kTimeoutMs);
        QVERIFY(!empty.result());
    }

    void forwardsLogLinesFromAnyThreadOnTheGuiThread()
    {
        const lethean::node::Logger log(lethean::node::lcUi());
        log.info(u"before the client"_s);
        NodeClient client;
        bool inBacklog = false;
        for (const auto& line : client.logBacklog())
            inBacklog = inBacklog || line.message == u"before the client"_s;
        QVERIFY(inBacklog);
        QStringList messages;
        connect(&client, &NodeClient::logLine, this, [&](const lethean::node::LogLine& line) {
            QCOMPARE(QThread::currentThread(), thread());
            messages.append(line.message);
        });
        log.info(u"from the GUI thread"_s);
        auto other = QtConcurrent::run([log] { log.warn(u"from a worker thread"_s); });
        other.waitForFinished();
        QTRY_VERIFY(messages.contains(u"from a worker thread"_s));
        QVERIFY(messages.contains(u"from the GUI thread"_s));
        QVERIFY(!messages.contains(u"before the client"_s)); // not twice
    }
};

QTEST_MAIN(TestNodeClient)
#include "tst_node_client.moc"
