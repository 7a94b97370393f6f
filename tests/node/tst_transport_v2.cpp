// Protocol 2.0 (Noise XX) over loopback: negotiation and fallback to 1.0, downgrade protection, the
// authenticated identity, and frames that are replayed, reordered, corrupted, large or rekeyed.

#include "transport_test_support.h"

#include <QSet>

using namespace Qt::StringLiterals;
using namespace lethean;
using namespace lethean::test;
using node::ConnectedPeer;
using node::Message;
using node::MessageType;
using node::Transport;

namespace {
node::TransportConfig withProtocol2(bool enabled, bool required = false)
{
    node::TransportConfig config = loopbackConfig();
    config.protocol2Enabled = enabled;
    config.requireProtocol2 = required;
    return config;
}

// Open to anyone, but remembers which peers have spoken 2.0 and refuses them 1.0 (what the registry
// does for real).
class PinningAuthority final : public node::PeerAuthority
{
public:
    bool isPeerAllowed(const QString&, const QByteArray&) const override { return true; }
    bool allowsProtocol(const QString& peerId, QStringView version) const override
    {
        return version != u"1.0" || !m_spokeProtocol2.contains(peerId);
    }
    void pin(const QString& peerId) { m_spokeProtocol2.insert(peerId); }

private:
    QSet<QString> m_spokeProtocol2;
};

Message getStats(const TestNode& from, const TestNode& to)
{
    return Message::create(MessageType::GetStats, from.identity.id(), to.identity.id());
}
} // namespace

class TestTransportV2 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void negotiation_data()
    {
        QTest::addColumn<bool>("client2");
        QTest::addColumn<bool>("server2");
        QTest::addColumn<QString>("version");
        QTest::newRow("2.0 to 2.0") << true << true << u"2.0"_s;
        QTest::newRow("2.0 client to 1.0-only server") << true << false << u"1.0"_s;
        QTest::newRow("1.0-only client to 2.0 server") << false << true << u"1.0"_s;
    }

    // Both versions on one port and path; a 2.0 node falls back to 1.0 cleanly against a 1.0-only peer
    // (a go-p2p node offers and selects no subprotocol) and the link then works both ways.
    void negotiation()
    {
        QFETCH(bool, client2);
        QFETCH(bool, server2);
        QFETCH(QString, version);
        TestNode alice(u"alice"_s, withProtocol2(client2)), bob(u"bob"_s, withProtocol2(server2));
        QVERIFY(bob.start());
        QSignalSpy atBob(bob.transport.get(), &Transport::peerConnected);
        const auto outcome = dial(alice, bob);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.peer.protocolVersion, version);
        QCOMPARE(outcome.peer.forwardSecrecy, version == u"2.0"_s);
        QTRY_COMPARE(atBob.size(), 1);
        QCOMPARE(atBob.at(0).at(0).value<ConnectedPeer>().protocolVersion, version);

        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        QSignalSpy back(alice.transport.get(), &Transport::messageReceived);
        QVERIFY(alice.transport->send(bob.identity.id(), getStats(alice, bob)));
        QVERIFY(bob.transport->send(alice.identity.id(), getStats(bob, alice)));
        QTRY_COMPARE(got.size(), 1);
        QTRY_COMPARE(back.size(), 1);
    }

    void requireProtocol2RefusesProtocol1()
    {
        TestNode strictServer(u"strict-server"_s, withProtocol2(true, true)), oldClient(u"old"_s, withProtocol2(false));
        QVERIFY(strictServer.start());
        const auto refused = dial(oldClient, strictServer);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.error, u"handshake rejected: protocol 2.0 required"_s);

        TestNode strictClient(u"strict-client"_s, withProtocol2(true, true)), oldServer(u"old-server"_s, withProtocol2(false));
        QVERIFY(oldServer.start());
        const auto refusing = dial(strictClient, oldServer);
        QVERIFY(!refusing.ok);
        QVERIFY2(refusing.error.contains(u"does not offer protocol 2.0"_s), qPrintable(refusing.error));
    }

    // Once a peer has spoken 2.0, a 1.0 handshake with its key is refused both ways (someone stripping
    // the subprotocol offer cannot push the link back to 1.0).
    void downgradeOfAPinnedPeerIsRefused()
    {
        PinningAuthority authority;
        const node::NodeIdentity bobIdentity = freshIdentity(u"bob"_s);
        Transport bob(bobIdentity, authority, withProtocol2(true));
        QVERIFY(bob.start());
        TestNode alice(u"alice"_s, withProtocol2(false));
        authority.pin(alice.identity.id());
        const auto inbound = await(alice.transport->connectToPeer(u"127.0.0.1:%1"_s.arg(bob.serverPort())));
        QVERIFY(!inbound.ok);
        QCOMPARE(inbound.error, u"handshake rejected: protocol downgrade refused"_s);

        TestNode carol(u"carol"_s, withProtocol2(false));
        QVERIFY(carol.start());
        authority.pin(carol.identity.id());
        Transport dialler(bobIdentity, authority, withProtocol2(true));
        const auto outbound = await(dialler.connectToPeer(carol.address(), carol.identity.id()));
        QVERIFY(!outbound.ok);
        QVERIFY2(outbound.error.contains(u"refusing a downgrade to 1.0"_s), qPrintable(outbound.error));
    }

    // A man in the middle with its own static key: dialling bob but reaching mallory is detected from
    // the key the Noise transcript proved; allowlists are asked about proved keys in both directions.
    void identityComesFromTheProvedKey()
    {
        TestNode alice(u"alice"_s, withProtocol2(true)), bob(u"bob"_s, withProtocol2(true)),
            mallory(u"mallory"_s, withProtocol2(true));
        QVERIFY(mallory.start());
        const auto mitm = dial(alice, mallory, bob.identity.id());
        QVERIFY(!mitm.ok);
        QVERIFY2(mitm.error.contains(u"dialled peer %1"_s.arg(bob.identity.id())), qPrintable(mitm.error));

        TestNode guarded(u"guarded"_s, withProtocol2(true), node::KeyAllowlist::Mode::Allowlist);
        QVERIFY(guarded.start());
        const auto refused = dial(alice, guarded);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.error, u"handshake rejected: peer not authorized"_s);
        guarded.allowlist.allow(alice.identity.publicKey());
        QVERIFY(dial(alice, guarded).ok);

        TestNode picky(u"picky"_s, withProtocol2(true), node::KeyAllowlist::Mode::Allowlist);
        QVERIFY(bob.start());
        const auto clientSide = dial(picky, bob);
        QVERIFY(!clientSide.ok);
        QVERIFY2(clientSide.error.contains(u"is not authorized"_s), qPrintable(clientSide.error));
    }

    // Tried: one frame sent twice; two frames swapped; one bit flipped. Each closes the connection.
    void corruptedStreamsCloseTheConnection_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::newRow("replayed") << u"replay"_s;
        QTest::newRow("reordered") << u"reorder"_s;
        QTest::newRow("bit-flipped") << u"flip"_s;
        QTest::newRow("flag flipped") << u"flag"_s;
    }

    void corruptedStreamsCloseTheConnection()
    {
        QFETCH(QString, attack);
        TestNode bob(u"bob"_s, withProtocol2(true)), alice(u"alice"_s);
        QVERIFY(bob.start());
        RawNoisePeer raw(alice.identity, alice.allowlist, bob.url());
        QCOMPARE(raw.authenticate(), QString());
        QTRY_COMPARE(bob.transport->connectionCount(), 1);
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        QSignalSpy lost(bob.transport.get(), &Transport::peerDisconnected);
        const QByteArray first = raw.seal(getStats(alice, bob));
        const QByteArray second = raw.seal(getStats(alice, bob));
        if (attack == u"replay"_s) {
            raw.socket.sendBinaryMessage(first);
            raw.socket.sendBinaryMessage(first);
        } else if (attack == u"reorder"_s) {
            raw.socket.sendBinaryMessage(second);
            raw.socket.sendBinaryMessage(first);
        } else {
            QByteArray tampered = first;
            const qsizetype at = attack == u"flag"_s ? 0 : tampered.size() / 2;
            tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
            raw.socket.sendBinaryMessage(tampered);
        }
        QTRY_COMPARE(lost.size(), 1);
        QVERIFY2(lost.at(0).at(1).toString().startsWith(u"undecryptable frame"_s), qPrintable(lost.at(0).at(1).toString()));
        QCOMPARE(got.size(), attack == u"replay"_s ? 1 : 0);
        QTRY_COMPARE(raw.socket.state(), QAbstractSocket::UnconnectedState);
    }

    // A message of about 1 MiB crosses in 17 Noise messages (each at most 65535 bytes).
    void largeMessageCrossesInSeveralNoiseMessages()
    {
        TestNode alice(u"alice"_s, withProtocol2(true)), bob(u"bob"_s, withProtocol2(true));
        QVERIFY(bob.start());
        QVERIFY(dial(alice, bob).ok);
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        node::LogsPayload logs;
        logs.minerName = u"xmrig"_s;
        for (int i = 0; i < 11200; ++i)
            logs.lines.append(u"[2026-11-25 12:00:00.000]  net  new job from pool.example:3333 diff 100000 algo rx/0 %1"_s.arg(i));
        const Message big = Message::create(alice.identity.id(), bob.identity.id(), logs);
        QVERIFY(big.toJson().size() > 960 * 1024); // 16 full Noise messages and part of a 17th
        QVERIFY(alice.transport->send(bob.identity.id(), big));
        QTRY_COMPARE(got.size(), 1);
        QCOMPARE(got.at(0).at(1).value<Message>(), big);
    }

    // With a rekey every 5 frames, 60 messages each way arrive intact and both directions rekeyed.
    void rekeyKeepsEveryMessage()
    {
        node::TransportConfig config = withProtocol2(true);
        config.rekeyAfterFrames = 5;
        TestNode bob(u"bob"_s, config), alice(u"alice"_s);
        QVERIFY(bob.start());
        RawNoisePeer raw(alice.identity, alice.allowlist, bob.url());
        QCOMPARE(raw.authenticate(/*rekeyAfterFrames*/ 5), QString());
        QTRY_COMPARE(bob.transport->connectionCount(), 1);
        QSignalSpy got(bob.transport.get(), &Transport::messageReceived);
        for (int i = 0; i < 60; ++i) {
            raw.socket.sendBinaryMessage(raw.seal(getStats(alice, bob)));
            QVERIFY(bob.transport->send(alice.identity.id(), getStats(bob, alice)));
        }
        QTRY_COMPARE(got.size(), 60);
        QTRY_COMPARE(raw.frames.size(), 60);
        QCOMPARE(raw.openAll().size(), 60);
        QVERIFY(raw.codec->rekeysSent() >= 11);
        QVERIFY(raw.codec->rekeysReceived() >= 11);
        QCOMPARE(bob.transport->connectionCount(), 1);
    }

    // Tried: garbage as Noise message 1, and a text frame, during the handshake. Dropped, slot freed.
    void garbageDuringTheHandshakeIsDropped_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("asText");
        QTest::newRow("short") << QByteArray("x") << false;
        QTest::newRow("too long") << QByteArray(70000, 'x') << false;
        QTest::newRow("text frame") << QByteArray("{}") << true;
    }

    void garbageDuringTheHandshakeIsDropped()
    {
        QFETCH(QByteArray, message);
        QFETCH(bool, asText);
        TestNode bob(u"bob"_s, withProtocol2(true));
        QVERIFY(bob.start());
        QSignalSpy failed(bob.transport.get(), &Transport::handshakeFailed);
        QWebSocket socket;
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({QString::fromLatin1(node::NoiseHandshake::kSubprotocol)});
        socket.open(QNetworkRequest(bob.url()), options);
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        if (asText)
            socket.sendTextMessage(QString::fromUtf8(message));
        else
            socket.sendBinaryMessage(message);
        QTRY_COMPARE(failed.size(), 1);
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(bob.transport->pendingInboundCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTransportV2)
#include "tst_transport_v2.moc"
