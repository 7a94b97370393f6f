// The authenticated transport over real sockets on 127.0.0.1: every message type both ways, and the
// protections (tampering, replay, spoofing, floods, oversize frames, tricklers, silence, TLS).

#include "node/log_sink.h"
#include "transport_test_support.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>

using namespace Qt::StringLiterals;
using namespace lethean;
using namespace lethean::test;
using node::ConnectedPeer;
using node::Message;
using node::MessageType;
using node::Transport;

namespace {
// A self-signed P-256 certificate for 127.0.0.1, written as PEM files into dir.
bool writeSelfSignedCertificate(const QString& certPath, const QString& keyPath)
{
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    if (!key || !cert)
        return false;
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    const bool signedOk = X509_sign(cert, key, EVP_sha256()) > 0;
    FILE* certFile = fopen(certPath.toLocal8Bit().constData(), "w");
    FILE* keyFile = fopen(keyPath.toLocal8Bit().constData(), "w");
    const bool written = certFile && keyFile && PEM_write_X509(certFile, cert) &&
                         PEM_write_PrivateKey(keyFile, key, nullptr, nullptr, 0, nullptr, nullptr);
    if (certFile)
        fclose(certFile);
    if (keyFile)
        fclose(keyFile);
    X509_free(cert);
    EVP_PKEY_free(key);
    return signedOk && written;
}

qint64 residentKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stoll(line.substr(6));
    return -1;
}

bool logContains(const QString& text)
{
    for (const auto& line : node::LogSink::instance().recent())
        if (line.text.contains(text))
            return true;
    return false;
}

// A connected pair: alice dialled bob.
struct Pair
{
    explicit Pair(node::TransportConfig config = loopbackConfig())
        : alice(u"alice"_s, config), bob(u"bob"_s, config)
    {
        if (!bob.start())
            qFatal("bob cannot listen");
        const auto outcome = dial(alice, bob);
        if (!outcome.ok)
            qFatal("handshake failed: %s", qPrintable(outcome.error));
        if (!QTest::qWaitFor([this] { return bob.transport->connectionCount() == 1; }, 5000))
            qFatal("bob did not register the connection");
    }
    TestNode alice;
    TestNode bob;
};
} // namespace

class TestTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { node::LogSink::instance().install(); }
    void cleanupTestCase() { node::LogSink::instance().uninstall(); }

    void everyMessageTypeRoundTrips_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("ping") << int(MessageType::Ping) << QByteArray(R"({"sentAt":1767225600000})");
        QTest::newRow("pong") << int(MessageType::Pong) << QByteArray(R"({"sentAt":1,"receivedAt":2})");
        QTest::newRow("disconnect") << int(MessageType::Disconnect) << QByteArray(R"({"reason":"bye","code":1000})");
        QTest::newRow("get_stats") << int(MessageType::GetStats) << QByteArray();
        QTest::newRow("stats") << int(MessageType::Stats)
                               << QByteArray(R"({"nodeId":"n","nodeName":"rig <1> & co","miners":[{"name":"xmrig","type":"xmrig","hashrate":1234.5,"shares":10,"rejected":1,"uptime":60,"pool":"pool:3333","algorithm":"rx/0"}],"uptime":99})");
        QTest::newRow("start_miner") << int(MessageType::StartMiner) << QByteArray(R"({"minerType":"xmrig","profileId":"p1","config":{"threads":4}})");
        QTest::newRow("stop_miner") << int(MessageType::StopMiner) << QByteArray(R"({"minerName":"xmrig"})");
        QTest::newRow("miner_ack") << int(MessageType::MinerAck) << QByteArray(R"({"success":false,"minerName":"x","error":"no binary"})");
        QTest::newRow("deploy") << int(MessageType::Deploy) << QByteArray(R"({"type":"profile","data":"e30=","checksum":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","name":"p"})");
        QTest::newRow("deploy_ack") << int(MessageType::DeployAck) << QByteArray(R"({"success":true,"name":"p"})");
        QTest::newRow("get_logs") << int(MessageType::GetLogs) << QByteArray(R"({"minerName":"xmrig","lines":100,"since":1767225600000})");
        QTest::newRow("logs") << int(MessageType::Logs) << QByteArray("{\"minerName\":\"xmrig\",\"lines\":[\"a\",\"b \\\"quoted\\\"\"],\"hasMore\":false}");
        QTest::newRow("error") << int(MessageType::Error) << QByteArray(R"({"code":1004,"message":"miner not found"})");
    }

    void everyMessageTypeRoundTrips()
    {
        QFETCH(int, type);
        QFETCH(QByteArray, payload);
        Pair pair;
        QSignalSpy atBob(pair.bob.transport.get(), &Transport::messageReceived);
        QSignalSpy atAlice(pair.alice.transport.get(), &Transport::messageReceived);
        Message message = Message::create(static_cast<MessageType>(type), pair.alice.identity.id(),
                                          pair.bob.identity.id(), payload);
        message.replyTo = u"00000000-0000-4000-8000-00000000000a"_s;
        QVERIFY(pair.alice.transport->send(pair.bob.identity.id(), message));
        QTRY_COMPARE(atBob.size(), 1);
        QCOMPARE(atBob.at(0).at(0).value<ConnectedPeer>().id(), pair.alice.identity.id());
        QCOMPARE(atBob.at(0).at(1).value<Message>(), message);

        // And the other way, on the same connection.
        Message back = message.reply(static_cast<MessageType>(type), payload);
        QVERIFY(pair.bob.transport->send(pair.alice.identity.id(), back));
        QTRY_COMPARE(atAlice.size(), 1);
        QCOMPARE(atAlice.at(0).at(1).value<Message>(), back);
    }

    // Controller and worker both listen in the dual role: every handler and the signal get each message.
    void severalHandlersAllReceive()
    {
        Pair pair;
        int first = 0, second = 0;
        const int id = pair.bob.transport->addMessageHandler([&](const ConnectedPeer&, const Message&) { ++first; });
        pair.bob.transport->addMessageHandler([&](const ConnectedPeer&, const Message&) { ++second; });
        QVERIFY(pair.alice.transport->send(pair.bob.identity.id(), Message::create(MessageType::GetStats, pair.alice.identity.id(), pair.bob.identity.id())));
        QTRY_COMPARE(second, 1);
        QCOMPARE(first, 1);
        pair.bob.transport->removeMessageHandler(id);
        QVERIFY(pair.alice.transport->send(pair.bob.identity.id(), Message::create(MessageType::GetStats, pair.alice.identity.id(), pair.bob.identity.id())));
        QTRY_COMPARE(second, 2);
        QCOMPARE(first, 1);
    }

    // Tried: flipping bits in an encrypted frame. It is dropped and logged; the connection survives
    // (closing it would let anyone on the path cut a link it cannot read) and the next good frame arrives.
    void tamperedFrameIsDroppedAndLogged()
    {
        TestNode bob(u"bob"_s);
        QVERIFY(bob.start());
        TestNode alice(u"alice"_s);
        RawPeer raw(alice.identity, alice.allowlist, bob.url());
        QCOMPARE(raw.authenticate(), QString());
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);

        QByteArray frame = raw.seal(Message::create(MessageType::GetStats, alice.identity.id(), bob.identity.id()));
        frame[frame.size() - 20] = static_cast<char>(frame[frame.size() - 20] ^ 0x01);
        raw.sendFrame(frame);
        QTRY_VERIFY(logContains(u"frame dropped: cannot decrypt | peer=%1"_s.arg(alice.identity.id())));
        QCOMPARE(got.size(), 0);

        raw.sendFrame(raw.seal(Message::create(MessageType::GetStats, alice.identity.id(), bob.identity.id())));
        QTRY_COMPARE(got.size(), 1);
        QCOMPARE(bob.transport->connectionCount(), 1);
    }

    // Tried: sending the same encrypted frame twice, and the same message re-encrypted (same id, new
    // nonce). Both replays inside the TTL are dropped.
    void replayInsideTtlIsDropped()
    {
        TestNode bob(u"bob"_s);
        QVERIFY(bob.start());
        TestNode alice(u"alice"_s);
        RawPeer raw(alice.identity, alice.allowlist, bob.url());
        QCOMPARE(raw.authenticate(), QString());
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        const Message message = Message::create(MessageType::GetStats, alice.identity.id(), bob.identity.id());
        const QByteArray frame = raw.seal(message);
        raw.sendFrame(frame);
        raw.sendFrame(frame);
        raw.sendFrame(raw.seal(message));
        raw.sendFrame(raw.seal(Message::create(MessageType::GetStats, alice.identity.id(), bob.identity.id())));
        QTRY_COMPARE(got.size(), 2);
        QTest::qWait(100);
        QCOMPARE(got.size(), 2);
    }

    // Tried: a message whose `from` names another node. Go trusts it (WIRE.md §13.9); we drop it.
    void spoofedSenderIsDropped()
    {
        TestNode bob(u"bob"_s);
        QVERIFY(bob.start());
        TestNode alice(u"alice"_s), victim(u"victim"_s);
        RawPeer raw(alice.identity, alice.allowlist, bob.url());
        QCOMPARE(raw.authenticate(), QString());
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        raw.sendFrame(raw.seal(Message::create(MessageType::GetStats, victim.identity.id(), bob.identity.id())));
        QTRY_VERIFY(logContains(u"message dropped: sender spoofed"_s));
        // An empty `from` is taken as the authenticated sender.
        raw.sendFrame(raw.seal(Message::create(MessageType::GetStats, QString(), bob.identity.id())));
        QTRY_COMPARE(got.size(), 1);
        QCOMPARE(got.at(0).at(1).value<Message>().from, alice.identity.id());
    }

    // Tried: 150 frames as fast as possible (burst 100, 50/s). About 100 pass, the rest are dropped
    // before decryption with a WARN, the link stays up, and a second later there is room again.
    void rateLimitBurstThenRefill()
    {
        TestNode bob(u"bob"_s);
        QVERIFY(bob.start());
        TestNode alice(u"alice"_s);
        RawPeer raw(alice.identity, alice.allowlist, bob.url());
        QCOMPARE(raw.authenticate(), QString());
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        QList<QByteArray> frames;
        for (int i = 0; i < 150; ++i)
            frames.append(raw.seal(Message::create(MessageType::GetStats, alice.identity.id(), bob.identity.id())));
        for (const QByteArray& frame : frames)
            raw.sendFrame(frame);
        QTRY_VERIFY(logContains(u"rate limited: frames dropped | peer=%1"_s.arg(alice.identity.id())));
        QTest::qWait(200);
        QVERIFY2(got.size() >= 100 && got.size() < 150, qPrintable(QString::number(got.size())));
        const qsizetype afterBurst = got.size();
        QTest::qWait(1100);
        raw.sendFrame(raw.seal(Message::create(MessageType::GetStats, alice.identity.id(), bob.identity.id())));
        QTRY_COMPARE(got.size(), afterBurst + 1);
        QCOMPARE(bob.transport->connectionCount(), 1);
    }

    // Tried: 10 nodes dialling at once against MaxConns = 3: never more than 3 admitted.
    void maxConnectionsUnderABurst()
    {
        node::TransportConfig config = loopbackConfig();
        config.maxConnections = 3;
        TestNode bob(u"bob"_s, config);
        QVERIFY(bob.start());
        int peak = 0;
        QObject::connect(bob.transport.get(), &Transport::peerConnected, bob.transport.get(),
                         [&] { peak = std::max(peak, bob.transport->connectionCount() + bob.transport->pendingInboundCount()); });
        std::vector<std::unique_ptr<TestNode>> clients;
        QList<QFuture<node::ConnectOutcome>> outcomes;
        for (int i = 0; i < 10; ++i) {
            clients.push_back(std::make_unique<TestNode>(u"client%1"_s.arg(i)));
            outcomes.append(clients.back()->transport->connectToPeer(bob.address()));
        }
        int accepted = 0;
        for (auto& future : outcomes)
            accepted += await(future).ok ? 1 : 0;
        QCOMPARE(accepted, 3);
        QCOMPARE(bob.transport->connectionCount(), 3);
        QVERIFY(peak <= 3);
    }

    // Tried: a frame header announcing 2 GiB, before and after the handshake. Qt refuses it from the
    // header (close code 1009) without reading or allocating the payload; resident memory does not grow.
    void frameAnnouncingTwoGibIsRefused()
    {
        TestNode bob(u"bob"_s);
        QVERIFY(bob.start());
        const qint64 before = residentKiB();

        RawWebSocketStream early;
        QVERIFY(early.open(bob.transport->serverPort()));
        early.socket.write(RawWebSocketStream::frameHeader(0x2, 2ull * 1024 * 1024 * 1024));
        early.socket.write(QByteArray(4096, 'x'));
        const auto [opcode, payload] = early.readFrame();
        QCOMPARE(opcode, 0x8); // close
        QCOMPARE(qFromBigEndian<quint16>(payload.constData()), quint16(1009));

        TestNode alice(u"alice"_s);
        RawPeer raw(alice.identity, alice.allowlist, bob.url());
        QCOMPARE(raw.authenticate(), QString());
        QTRY_COMPARE(bob.transport->connectionCount(), 1);
        QSignalSpy lost(bob.transport.get(), &Transport::peerDisconnected);
        // After the handshake the QWebSocket will not send such a frame; a second raw stream will.
        RawWebSocketStream late;
        QVERIFY(late.open(bob.transport->serverPort()));
        late.sendFrame(0x1, raw.handshake.request()); // a fresh handshake as alice…
        QVERIFY(late.readFrame().first == 0x1);       // …accepted (it replaces the first connection)
        late.socket.write(RawWebSocketStream::frameHeader(0x2, 2ull * 1024 * 1024 * 1024));
        late.socket.write(QByteArray(4096, 'x'));
        const auto closing = late.readFrame();
        QCOMPARE(closing.first, 0x8);
        QCOMPARE(qFromBigEndian<quint16>(closing.second.constData()), quint16(1009));
        QTRY_VERIFY(!bob.transport->isConnected(alice.identity.id()));
        QVERIFY2(residentKiB() - before < 64 * 1024, qPrintable(QString::number(residentKiB() - before)));
    }

    // Tried: after the handshake, a peer announces a 100-byte frame and trickles it one byte every
    // 150 ms, forever. Qt would wait; our keepalive counts only complete messages and drops it.
    void tricklerIsDropped()
    {
        node::TransportConfig config = loopbackConfig();
        config.pingInterval = 300ms;
        config.pongTimeout = 300ms;
        TestNode bob(u"bob"_s, config);
        QVERIFY(bob.start());
        TestNode alice(u"alice"_s);
        node::ClientHandshake handshake(alice.identity, alice.allowlist, QString());
        RawWebSocketStream stream;
        QVERIFY(stream.open(bob.transport->serverPort()));
        stream.sendFrame(0x1, handshake.request());
        QCOMPARE(stream.readFrame().first, 0x1);
        QTRY_COMPARE(bob.transport->connectionCount(), 1);
        QSignalSpy lost(bob.transport.get(), &Transport::peerDisconnected);
        stream.socket.write(RawWebSocketStream::frameHeader(0x2, 100));
        QElapsedTimer timer;
        timer.start();
        while (lost.isEmpty() && timer.elapsed() < 5000) {
            stream.socket.write("x", 1);
            stream.socket.flush();
            QTest::qWait(150);
        }
        QCOMPARE(lost.size(), 1);
        QCOMPARE(lost.at(0).at(1).toString(), u"keepalive timeout"_s);
        QVERIFY(timer.elapsed() < 4000); // the keepalive deadline (600 ms) plus slack for a loaded machine
    }

    // A silent peer is removed after ping + pong timeout; two live nodes, which ping each other, stay.
    void keepaliveRemovesSilentPeerOnly()
    {
        node::TransportConfig config = loopbackConfig();
        // Generous margins: the live pair must never look silent, even on a loaded CI machine.
        config.pingInterval = 250ms;
        config.pongTimeout = 750ms;
        Pair live(config);
        TestNode silentOne(u"silent"_s);
        RawPeer silent(silentOne.identity, silentOne.allowlist, live.bob.url());
        QCOMPARE(silent.authenticate(), QString());
        QSignalSpy lost(live.bob.transport.get(), &Transport::peerDisconnected);
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 5000);
        QCOMPARE(lost.at(0).at(0).value<ConnectedPeer>().id(), silentOne.identity.id());
        QCOMPARE(lost.at(0).at(1).toString(), u"keepalive timeout"_s);
        QVERIFY(logContains(u"keepalive timeout: peer silent | peer=%1"_s.arg(silentOne.identity.id())));
        QTest::qWait(2000); // two more deadlines
        QVERIFY(live.bob.transport->isConnected(live.alice.identity.id()));
        QVERIFY(live.alice.transport->isConnected(live.bob.identity.id()));
        QVERIFY(!silent.received.isEmpty()); // the silent peer was pinged before it was dropped
        QCOMPARE(silent.received.first().type, MessageType::Ping);
    }

    void gracefulCloseDeliversDisconnect()
    {
        Pair pair;
        QSignalSpy got(pair.bob.transport.get(), &Transport::messageReceived);
        QSignalSpy lost(pair.bob.transport.get(), &Transport::peerDisconnected);
        pair.alice.transport->disconnectPeer(pair.bob.identity.id(), u"maintenance"_s, node::DisconnectCode::GoingAway);
        QTRY_COMPARE(lost.size(), 1);
        QCOMPARE(got.size(), 1);
        const Message notice = got.at(0).at(1).value<Message>();
        QCOMPARE(notice.type, MessageType::Disconnect);
        const auto payload = *node::parsePayload<node::DisconnectPayload>(notice);
        QCOMPARE(payload.reason, u"maintenance"_s);
        QCOMPARE(payload.code, qint64(1001));
        QVERIFY(!pair.alice.transport->isConnected(pair.bob.identity.id()));
    }

    // Stop says goodbye as Go does: `disconnect` "server shutdown", 1004, to every peer.
    void stopSaysServerShutdown()
    {
        Pair pair;
        QSignalSpy got(pair.alice.transport.get(), &Transport::messageReceived);
        pair.bob.transport->stop();
        QTRY_COMPARE(got.size(), 1);
        const auto payload = *node::parsePayload<node::DisconnectPayload>(got.at(0).at(1).value<Message>());
        QCOMPARE(payload.reason, u"server shutdown"_s);
        QCOMPARE(payload.code, qint64(1004));
        QTRY_COMPARE(pair.alice.transport->connectionCount(), 0);
        QVERIFY(!pair.bob.transport->isListening());
    }

    // No crash on a send after close (Go's send-on-closed-channel); an error value names the peer.
    void sendAfterCloseIsAnError()
    {
        Pair pair;
        const QString bobId = pair.bob.identity.id();
        pair.bob.transport->stop();
        QTRY_COMPARE(pair.alice.transport->connectionCount(), 0);
        const auto sent = pair.alice.transport->send(bobId, Message::create(MessageType::GetStats, pair.alice.identity.id(), bobId));
        QVERIFY(!sent);
        QVERIFY(sent.error().contains(bobId));
    }

    void oversizeMessageIsRefusedBeforeSending()
    {
        Pair pair;
        node::LogsPayload logs;
        logs.minerName = u"xmrig"_s;
        logs.lines = {QString(1100 * 1024, u'x')};
        const auto sent = pair.alice.transport->send(pair.bob.identity.id(), Message::create(pair.alice.identity.id(), pair.bob.identity.id(), logs));
        QVERIFY(!sent);
        QVERIFY2(sent.error().contains(u"exceeds the 1048576-byte limit"_s), qPrintable(sent.error()));
        QVERIFY(pair.alice.transport->isConnected(pair.bob.identity.id()));
    }

    void fiftyQuickSendsAllArrive()
    {
        Pair pair;
        QSignalSpy got(pair.bob.transport.get(), &Transport::messageReceived);
        for (int i = 0; i < 50; ++i)
            QVERIFY(pair.alice.transport->send(pair.bob.identity.id(), Message::create(MessageType::GetStats, pair.alice.identity.id(), pair.bob.identity.id())));
        QTRY_COMPARE(got.size(), 50);
    }

    // A burst's first frame leaves at once and the rest just before the event loop next waits. Tried:
    // an event loop that never waits (processEvents without WaitForMoreEvents, so aboutToBlock never
    // comes): the rest of the burst must still arrive, in order, through Qt's own write notifier.
    void burstArrivesInOrderWhenTheLoopNeverWaits()
    {
        node::TransportConfig config = loopbackConfig();
        config.rateLimitEnabled = false; // 200 at once is over the 100-frame burst
        Pair pair(config);
        QStringList received;
        connect(pair.bob.transport.get(), &Transport::messageReceived, this,
                [&received](const node::ConnectedPeer&, const Message& message) { received.append(message.id); });
        QStringList sent;
        for (int i = 0; i < 200; ++i) {
            const Message message =
                Message::create(MessageType::GetStats, pair.alice.identity.id(), pair.bob.identity.id());
            sent.append(message.id);
            QVERIFY(pair.alice.transport->send(pair.bob.identity.id(), message));
        }
        QDeadlineTimer deadline(5000);
        while (received.size() < sent.size() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents);
        QCOMPARE(received, sent);
    }

    void broadcastReachesEveryoneButTheSender()
    {
        TestNode hub(u"hub"_s), one(u"one"_s), two(u"two"_s);
        QVERIFY(hub.start());
        QVERIFY(dial(one, hub).ok);
        QVERIFY(dial(two, hub).ok);
        QTRY_COMPARE(hub.transport->connectionCount(), 2);
        QSignalSpy atOne(one.transport.get(), &Transport::messageReceived);
        QSignalSpy atTwo(two.transport.get(), &Transport::messageReceived);
        QCOMPARE(hub.transport->broadcast(Message::create(MessageType::GetStats, hub.identity.id(), QString())), 2);
        QTRY_COMPARE(atOne.size(), 1);
        QTRY_COMPARE(atTwo.size(), 1);
        QCOMPARE(atOne.at(0).at(1).value<Message>().id, atTwo.at(0).at(1).value<Message>().id);
        // A message claiming to come from `one` is not echoed back to it.
        QCOMPARE(hub.transport->broadcast(Message::create(MessageType::GetStats, one.identity.id(), QString())), 1);
    }

    void tlsWithSelfSignedCertificate()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(u"cert.pem"_s), key = dir.filePath(u"key.pem"_s);
        QVERIFY(writeSelfSignedCertificate(cert, key));
        node::TransportConfig serverConfig = loopbackConfig();
        serverConfig.tlsCertPath = cert;
        serverConfig.tlsKeyPath = key;
        TestNode bob(u"bob"_s, serverConfig);
        QVERIFY(bob.start());
        node::TransportConfig clientConfig = loopbackConfig();
        clientConfig.dialWithTls = true;
        TestNode alice(u"alice"_s, clientConfig);
        const auto outcome = dial(alice, bob);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        QVERIFY(alice.transport->send(bob.identity.id(), Message::create(MessageType::GetStats, alice.identity.id(), bob.identity.id())));
        QTRY_COMPARE(got.size(), 1);

        // A plain ws:// client cannot talk to the TLS endpoint.
        TestNode plain(u"plain"_s);
        QVERIFY(!dial(plain, bob).ok);
        // A client that insists on verified certificates refuses the self-signed one.
        clientConfig.acceptSelfSignedCertificates = false;
        TestNode strict(u"strict"_s, clientConfig);
        QVERIFY(!dial(strict, bob).ok);
    }

    void badTlsFilesAreAClearError()
    {
        node::TransportConfig config = loopbackConfig();
        config.tlsCertPath = u"/nonexistent/cert.pem"_s;
        config.tlsKeyPath = u"/nonexistent/key.pem"_s;
        TestNode bob(u"bob"_s, config);
        const auto started = bob.transport->start();
        QVERIFY(!started);
        QVERIFY2(started.error().contains(u"cannot read the TLS certificate /nonexistent/cert.pem"_s), qPrintable(started.error()));
    }

    // Go's own SMSG frame (go-vectors.json) sent over the wire to a node holding the vector key decrypts.
    void goVectorFrameIsDelivered()
    {
        QFile file(qEnvironmentVariable("LETHEAN_SHARED_DIR") + u"/spec/go-vectors.json"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject vectors = QJsonDocument::fromJson(file.readAll()).object();
        auto identityFrom = [&](const char* name) -> node::NodeIdentity {
            return std::move(*node::NodeIdentity::fromPrivateKey(
                QByteArray::fromHex(vectors.value(QString::fromLatin1(name)).toObject().value(u"private_key_hex"_s).toString().toLatin1()),
                QString::fromLatin1(name), node::NodeRole::Dual, node::GoTime::now()));
        };
        const node::NodeIdentity a = identityFrom("identity_a");
        const node::NodeIdentity b = identityFrom("identity_b");
        node::KeyAllowlist open(node::KeyAllowlist::Mode::Open);
        Transport bob(b, open, loopbackConfig());
        QVERIFY(bob.start());
        RawPeer raw(a, open, QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(bob.serverPort())));
        QCOMPARE(raw.authenticate(), QString());
        QSignalSpy got(&bob, &Transport::messageReceived);
        const QJsonObject vector = vectors.value(u"smsg_frame"_s).toObject();
        raw.sendFrame(QByteArray::fromHex(vector.value(u"frame_hex"_s).toString().toLatin1()));
        QTRY_COMPARE(got.size(), 1);
        const Message message = got.at(0).at(1).value<Message>();
        QCOMPARE(message.toJson(), vector.value(u"message_json"_s).toString().toUtf8());
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
