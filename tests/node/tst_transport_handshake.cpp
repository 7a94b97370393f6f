// The protocol 1.0 handshake over real sockets on 127.0.0.1: accepted, and every way it is refused.

#include "node/identity_crypto.h"
#include "node/server_handshake.h"
#include "transport_test_support.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;
using namespace lethean;
using namespace lethean::test;
using node::ConnectedPeer;
using node::KeyAllowlist;
using node::Transport;

namespace {
QJsonObject goVectors()
{
    QFile file(qEnvironmentVariable("LETHEAN_SHARED_DIR") + u"/spec/go-vectors.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("go-vectors.json not found: set LETHEAN_SHARED_DIR (ctest does)");
    return QJsonDocument::fromJson(file.readAll()).object();
}

node::NodeIdentity vectorIdentity(const char* key, const QString& name, node::NodeRole role)
{
    const QJsonObject vector = goVectors().value(QString::fromLatin1(key)).toObject();
    auto identity = node::NodeIdentity::fromPrivateKey(
        QByteArray::fromHex(vector.value(u"private_key_hex"_s).toString().toLatin1()), name, role,
        *node::GoTime::parse(u"2026-01-01T00:00:00Z"_s));
    if (!identity)
        qFatal("vector identity rejected");
    return std::move(*identity);
}

// A handshake frame written by hand, so a test can lie in it.
QByteArray handwrittenHandshake(const node::NodeIdentity& sender, const QString& claimedId, const QString& version)
{
    node::HandshakePayload payload;
    payload.identity = sender.publicIdentity();
    payload.identity.id = claimedId;
    payload.challenge = node::generateChallenge();
    payload.version = version;
    return node::Message::create(claimedId, QString(), payload).toJson();
}

node::HandshakeAckPayload ackOf(const QString& text)
{
    auto message = node::Message::fromJson(text.toUtf8());
    if (!message)
        qFatal("ack is not a message");
    return *node::parsePayload<node::HandshakeAckPayload>(*message);
}
} // namespace

class TestTransportHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handshakeAccepted()
    {
        TestNode alice(u"alice"_s), bob(u"bob"_s);
        QVERIFY(bob.start());
        QSignalSpy bobSaw(bob.transport.get(), &Transport::peerConnected);
        QSignalSpy aliceSaw(alice.transport.get(), &Transport::peerConnected);

        const node::ConnectOutcome outcome = dial(alice, bob);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.peer.id(), bob.identity.id());
        QCOMPARE(outcome.peer.identity.name, u"bob"_s); // the peer's name is learned
        QCOMPARE(outcome.peer.publicKey, bob.identity.publicKey());
        QCOMPARE(outcome.peer.protocolVersion, expectedProtocol());
        QCOMPARE(outcome.peer.forwardSecrecy, expectedProtocol() == u"2.0"_s);
        QVERIFY(!outcome.peer.inbound);

        QTRY_COMPARE(bobSaw.size(), 1);
        const auto inbound = bobSaw.at(0).at(0).value<ConnectedPeer>();
        QCOMPARE(inbound.id(), alice.identity.id());
        QCOMPARE(inbound.identity.name, u"alice"_s);
        QVERIFY(inbound.inbound);
        QCOMPARE(inbound.protocolVersion, expectedProtocol());
        QCOMPARE(aliceSaw.size(), 1);
        QCOMPARE(alice.transport->connectionCount(), 1);
        QCOMPARE(bob.transport->connectionCount(), 1);
        QCOMPARE(bob.transport->pendingInboundCount(), 0);
        QVERIFY(alice.transport->isConnected(bob.identity.id()));
    }

    // Dialling a known peer: a server with another key is refused (Go accepts anyone: WIRE.md §13.3).
    void dialledPeerMustBeTheServer()
    {
        TestNode alice(u"alice"_s), bob(u"bob"_s), mallory(u"mallory"_s);
        QVERIFY(mallory.start());
        const node::ConnectOutcome outcome = dial(alice, mallory, bob.identity.id());
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(u"dialled peer %1"_s.arg(bob.identity.id())), qPrintable(outcome.error));
        QCOMPARE(alice.transport->connectionCount(), 0);
    }

    void allowlistRejectsUnknownKey()
    {
        TestNode alice(u"alice"_s);
        TestNode bob(u"bob"_s, loopbackConfig(), KeyAllowlist::Mode::Allowlist);
        QVERIFY(bob.start());
        QSignalSpy failed(bob.transport.get(), &Transport::handshakeFailed);
        const node::ConnectOutcome outcome = dial(alice, bob);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(u"handshake rejected: peer not authorized"_s), qPrintable(outcome.error));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(bob.transport->connectionCount(), 0);
        QTRY_COMPARE(bob.transport->pendingInboundCount(), 0);

        bob.allowlist.allow(alice.identity.publicKey());
        const node::ConnectOutcome allowed = dial(alice, bob);
        QVERIFY2(allowed.ok, qPrintable(allowed.error));
    }

    // Go's allowlist passes any connection whose *claimed* ID is registered (WIRE.md §13.1). Ours asks
    // about the key: mallory claiming alice's ID is refused even though alice's key is allowlisted.
    void claimedIdOfAnAllowedPeerDoesNotHelp()
    {
        TestNode alice(u"alice"_s), mallory(u"mallory"_s);
        TestNode bob(u"bob"_s, loopbackConfig(), KeyAllowlist::Mode::Allowlist);
        bob.allowlist.allow(alice.identity.publicKey());
        QVERIFY(bob.start());
        RawClient raw(bob.url());
        QVERIFY(raw.waitConnected());
        raw.socket.sendTextMessage(
            QString::fromUtf8(handwrittenHandshake(mallory.identity, alice.identity.id(), u"1.0"_s)));
        QTRY_COMPARE(raw.texts.size(), 1);
        const auto ack = ackOf(raw.texts.at(0));
        QVERIFY(!ack.accepted);
        QCOMPARE(ack.reason, u"peer ID does not match its public key"_s);
        QVERIFY(raw.waitClosed());
        QCOMPARE(bob.transport->connectionCount(), 0);
    }

    void clientRefusesUnauthorizedServer()
    {
        TestNode alice(u"alice"_s, loopbackConfig(), KeyAllowlist::Mode::Allowlist);
        TestNode bob(u"bob"_s);
        QVERIFY(bob.start());
        const node::ConnectOutcome outcome = dial(alice, bob);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(u"is not authorized"_s), qPrintable(outcome.error));
    }

    void incompatibleVersionIsRejectedWithGoReason()
    {
        TestNode alice(u"alice"_s), bob(u"bob"_s);
        QVERIFY(bob.start());
        RawClient raw(bob.url());
        QVERIFY(raw.waitConnected());
        raw.socket.sendTextMessage(
            QString::fromUtf8(handwrittenHandshake(alice.identity, alice.identity.id(), u"9.9"_s)));
        QTRY_COMPARE(raw.texts.size(), 1);
        const auto ack = ackOf(raw.texts.at(0));
        QVERIFY(!ack.accepted);
        QCOMPARE(ack.reason, u"incompatible protocol version 9.9, supported: [1.0]"_s);
        QCOMPARE(ack.identity.id, bob.identity.id()); // rejections carry the server identity, as Go's
        QVERIFY(ack.challengeResponse.isEmpty());
        QVERIFY(raw.waitClosed());
    }

    // Tried: bytes that are not a handshake. Go closes such connections without a word; so do we, and
    // the slot is released.
    void unreadableFirstFramesCloseSilently_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("binary");
        QTest::newRow("not JSON") << QByteArray("{not json") << false;
        QTest::newRow("JSON array") << QByteArray("[1,2,3]") << false;
        QTest::newRow("wrong type") << QByteArray(R"({"id":"x","type":"ping","from":"a","to":"","ts":"2026-01-01T00:00:00Z","payload":{"sentAt":1}})") << false;
        QTest::newRow("no identity") << QByteArray(R"({"id":"x","type":"handshake","from":"a","to":"","ts":"2026-01-01T00:00:00Z","payload":{"version":"1.0"}})") << false;
        QTest::newRow("bad key") << QByteArray(R"({"id":"x","type":"handshake","from":"a","to":"","ts":"2026-01-01T00:00:00Z","payload":{"identity":{"id":"a","name":"n","publicKey":"AAAA","createdAt":"2026-01-01T00:00:00Z","role":"dual"},"version":"1.0"}})") << false;
        QTest::newRow("binary frame") << QByteArray("\x00\x01\x02", 3) << true;
    }

    void unreadableFirstFramesCloseSilently()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, binary);
        TestNode bob(u"bob"_s);
        QVERIFY(bob.start());
        QSignalSpy failed(bob.transport.get(), &Transport::handshakeFailed);
        RawClient raw(bob.url());
        QVERIFY(raw.waitConnected());
        if (binary)
            raw.socket.sendBinaryMessage(frame);
        else
            raw.socket.sendTextMessage(QString::fromUtf8(frame));
        QVERIFY(raw.waitClosed());
        QVERIFY(raw.texts.isEmpty());
        QTRY_COMPARE(failed.size(), 1);
        QTRY_COMPARE(bob.transport->pendingInboundCount(), 0);
        QCOMPARE(bob.transport->connectionCount(), 0);
    }

    void silentClientIsDroppedAtTheHandshakeTimeout()
    {
        node::TransportConfig config = loopbackConfig();
        config.handshakeTimeout = 400ms;
        TestNode bob(u"bob"_s, config);
        QVERIFY(bob.start());
        QSignalSpy failed(bob.transport.get(), &Transport::handshakeFailed);
        RawClient raw(bob.url());
        QVERIFY(raw.waitConnected());
        QVERIFY(raw.waitClosed(3000));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(1).toString(), u"handshake timeout"_s);
        QTRY_COMPARE(bob.transport->pendingInboundCount(), 0);
    }

    // A server that cannot prove its key (wrong or missing HMAC) is refused by the client.
    void wrongChallengeResponseIsRefused_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("error");
        QTest::newRow("wrong") << QByteArray(32, 'x') << u"challenge response verification failed"_s;
        QTest::newRow("short") << QByteArray(31, 'x') << u"challenge response verification failed"_s;
        QTest::newRow("missing") << QByteArray() << u"server sent no challenge response"_s;
    }

    void wrongChallengeResponseIsRefused()
    {
        QFETCH(QByteArray, response);
        QFETCH(QString, error);
        TestNode alice(u"alice"_s);
        const node::NodeIdentity impostor = freshIdentity(u"impostor"_s);
        QWebSocketServer fake(u"fake"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(fake.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&fake, &QWebSocketServer::newConnection, &fake, [&] {
            QWebSocket* socket = fake.nextPendingConnection();
            socket->setParent(&fake);
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [&, socket](const QString& text) {
                node::HandshakeAckPayload ack;
                ack.identity = impostor.publicIdentity();
                ack.accepted = true;
                ack.challengeResponse = response;
                const auto request = node::Message::fromJson(text.toUtf8());
                socket->sendTextMessage(QString::fromUtf8(request->reply(ack).toJson()));
            });
        });
        const node::ConnectOutcome outcome =
            await(alice.transport->connectToPeer(u"127.0.0.1:%1"_s.arg(fake.serverPort())));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error, error);
        QCOMPARE(alice.transport->connectionCount(), 0);
    }

    // A server whose ack claims an ID that is not its key's hash is refused (WIRE.md §13.2 on the client).
    void serverIdMustMatchItsKey()
    {
        TestNode alice(u"alice"_s), bob(u"bob"_s);
        const node::NodeIdentity impostor = freshIdentity(u"impostor"_s);
        QWebSocketServer fake(u"fake"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(fake.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&fake, &QWebSocketServer::newConnection, &fake, [&] {
            QWebSocket* socket = fake.nextPendingConnection();
            socket->setParent(&fake);
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [&, socket](const QString& text) {
                node::HandshakeAckPayload ack;
                ack.identity = impostor.publicIdentity();
                ack.identity.id = bob.identity.id(); // claims to be bob
                ack.accepted = true;
                ack.challengeResponse = QByteArray(32, 'x');
                socket->sendTextMessage(QString::fromUtf8(node::Message::fromJson(text.toUtf8())->reply(ack).toJson()));
            });
        });
        const node::ConnectOutcome outcome = await(
            alice.transport->connectToPeer(u"127.0.0.1:%1"_s.arg(fake.serverPort()), bob.identity.id()));
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(u"does not match its public key"_s), qPrintable(outcome.error));
    }

    void unreachableAndBadAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("error");
        QTest::newRow("no port") << u"127.0.0.1"_s << u"is not a peer address"_s;
        QTest::newRow("garbage") << u"::::"_s << u"is not a peer address"_s;
        QTest::newRow("closed port") << u"127.0.0.1:1"_s << u"connection closed during the handshake"_s;
    }

    void unreachableAndBadAddresses()
    {
        QFETCH(QString, address);
        QFETCH(QString, error);
        TestNode alice(u"alice"_s);
        const node::ConnectOutcome outcome = await(alice.transport->connectToPeer(address));
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(error), qPrintable(outcome.error));
    }

    // The server's half reproduces Go's handshake_ack for Go's own handshake frame (go-vectors.json):
    // same challenge response and, but for the fresh message id and time, the same bytes.
    void serverAnswersGoHandshakeVector()
    {
        const QJsonObject frames = goVectors().value(u"handshake_frames"_s).toObject();
        const node::NodeIdentity bob = vectorIdentity("identity_b", u"vector-b"_s, node::NodeRole::Worker);
        KeyAllowlist open(KeyAllowlist::Mode::Open);
        const auto verdict = node::ServerHandshake(bob, open).evaluate(frames.value(u"handshake_json"_s).toString().toUtf8());
        QCOMPARE(verdict.outcome, node::ServerHandshake::Verdict::Outcome::Accept);
        QCOMPARE(verdict.peer.id, u"aaa8fff703b50b2297f4f6e13508f724"_s);

        auto ack = *node::Message::fromJson(verdict.reply);
        ack.id = u"00000000-0000-4000-8000-000000000002"_s;
        ack.timestamp = *node::GoTime::parse(u"2026-01-01T00:00:00Z"_s);
        QCOMPARE(QString::fromUtf8(ack.toJson()), frames.value(u"handshake_ack_json"_s).toString());
    }

    // A second connection from the same peer replaces the first, which is closed (Go leaves it open
    // and may later drop the newer one: WIRE.md §13.10).
    void secondConnectionReplacesTheFirst()
    {
        TestNode alice(u"alice"_s), bob(u"bob"_s);
        QVERIFY(bob.start());
        QSignalSpy bobLost(bob.transport.get(), &Transport::peerDisconnected);
        QVERIFY(dial(alice, bob).ok);
        QTRY_COMPARE(bob.transport->connectionCount(), 1);
        QVERIFY(dial(alice, bob).ok);
        QTRY_COMPARE(bobLost.size(), 1);
        QCOMPARE(bobLost.at(0).at(1).toString(), u"replaced by a newer connection"_s);
        QCOMPARE(bob.transport->connectionCount(), 1);
        QTRY_COMPARE(alice.transport->connectionCount(), 1);
        // The surviving link works both ways.
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        QVERIFY(alice.transport->send(bob.identity.id(), node::Message::create(node::MessageType::GetStats, alice.identity.id(), bob.identity.id())));
        QTRY_COMPARE(got.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransportHandshake)
#include "tst_transport_handshake.moc"
