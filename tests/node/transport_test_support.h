#pragma once

// Helpers for transport tests: nodes with fresh identities on 127.0.0.1 port 0, and a raw WebSocket
// client for speaking the handshake by hand (or badly).

#include "node/key_allowlist.h"
#include "node/node_identity.h"
#include "node/transport.h"

#include <QFuture>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

namespace lethean::test {

using namespace std::chrono_literals;

inline node::TransportConfig loopbackConfig()
{
    node::TransportConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.listenPort = 0;
    config.handshakeTimeout = 3s;
    // ctest runs the transport suites twice: as 2.0 nodes (the default) and as 1.0-only nodes.
    config.protocol2Enabled = qEnvironmentVariable("LETHEAN_TEST_PROTOCOL") != QStringLiteral("1.0");
    return config;
}

inline node::NodeIdentity freshIdentity(const QString& name, node::NodeRole role = node::NodeRole::Dual)
{
    auto identity = node::NodeIdentity::generate(name, role);
    if (!identity)
        qFatal("cannot generate an identity");
    return std::move(*identity);
}

// One node: identity, allowlist and transport. Open mode unless told otherwise.
struct TestNode
{
    explicit TestNode(const QString& name, node::TransportConfig config = loopbackConfig(),
                      node::KeyAllowlist::Mode mode = node::KeyAllowlist::Mode::Open)
        : identity(freshIdentity(name)), allowlist(mode),
          transport(std::make_unique<node::Transport>(identity, allowlist, std::move(config)))
    {
    }

    bool start() { return transport->start().ok(); }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(transport->serverPort()); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(transport->serverPort())); }

    node::NodeIdentity identity;
    node::KeyAllowlist allowlist;
    std::unique_ptr<node::Transport> transport;
};

// Waits for a future while the event loop runs.
template <typename T>
T await(QFuture<T> future, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    if (!future.isFinished())
        qFatal("future did not finish in time");
    return future.result();
}

inline QString expectedProtocol()
{
    return loopbackConfig().protocol2Enabled ? QStringLiteral("2.0") : QStringLiteral("1.0");
}

inline node::ConnectOutcome dial(TestNode& from, const TestNode& to, const QString& expectedId = QString())
{
    return await(from.transport->connectToPeer(to.address(), expectedId));
}

// A raw WebSocket to a node, for handshakes written by hand.
struct RawClient
{
    explicit RawClient(const QUrl& url)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString& text) { texts.append(text); });
        socket.open(url);
    }
    bool waitConnected() { return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000); }
    bool waitClosed(int ms = 5000)
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::UnconnectedState; }, ms);
    }

    QWebSocket socket;
    QStringList texts;
};

} // namespace lethean::test

#include "node/client_handshake.h"
#include "node/smsg_codec.h"

#include <QTcpSocket>
#include <QtEndian>

namespace lethean::test {

// A peer that does the protocol 1.0 handshake by hand over a QWebSocket and then sends whatever frames
// a test wants (tampered, replayed, spoofed…).
struct RawPeer
{
    RawPeer(const node::NodeIdentity& self, const node::PeerAuthority& authority, const QUrl& url,
            const QString& expectedPeerId = QString())
        : handshake(self, authority, expectedPeerId), client(url)
    {
    }

    // Returns an empty string on success, else the reason.
    QString authenticate()
    {
        if (!client.waitConnected())
            return QStringLiteral("no connection");
        client.socket.sendTextMessage(QString::fromUtf8(handshake.request()));
        if (!QTest::qWaitFor([this] { return !client.texts.isEmpty(); }, 5000))
            return QStringLiteral("no ack");
        auto accepted = handshake.evaluateAck(client.texts.takeFirst().toUtf8());
        if (!accepted)
            return accepted.error();
        peer = accepted->peer;
        codec = std::make_unique<node::SmsgCodec>(accepted->sharedSecret, 1024 * 1024);
        QObject::connect(&client.socket, &QWebSocket::binaryMessageReceived, &client.socket,
                         [this](const QByteArray& frame) {
                             if (auto json = codec->open(frame))
                                 if (auto message = node::Message::fromJson(*json))
                                     received.append(*message);
                         });
        return QString();
    }

    QByteArray seal(const node::Message& message) { return *codec->seal(message.toJson()); }
    void sendFrame(const QByteArray& frame) { client.socket.sendBinaryMessage(frame); }

    node::ClientHandshake handshake;
    RawClient client;
    node::PublicIdentity peer;
    std::unique_ptr<node::SmsgCodec> codec;
    QList<node::Message> received;
};

// A WebSocket spoken byte by byte over TCP, for what QWebSocket will not send: frame headers announcing
// gigabytes, frames trickled a byte at a time.
struct RawWebSocketStream
{
    bool open(quint16 port, const QByteArray& path = "/ws")
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return false;
        socket.write("GET " + path +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        return QTest::qWaitFor(
            [this] {
                buffer += socket.readAll();
                return buffer.contains("\r\n\r\n");
            },
            5000) &&
               buffer.startsWith("HTTP/1.1 101") && (buffer.remove(0, buffer.indexOf("\r\n\r\n") + 4), true);
    }

    // A client frame header (masked with a zero key, which RFC 6455 allows) for `length` payload bytes.
    static QByteArray frameHeader(quint8 opcode, quint64 length)
    {
        QByteArray header;
        header.append(static_cast<char>(0x80 | opcode));
        if (length < 126) {
            header.append(static_cast<char>(0x80 | length));
        } else if (length <= 0xFFFF) {
            header.append(static_cast<char>(0x80 | 126));
            char size[2];
            qToBigEndian(static_cast<quint16>(length), size);
            header.append(size, 2);
        } else {
            header.append(static_cast<char>(0x80 | 127));
            char size[8];
            qToBigEndian(length, size);
            header.append(size, 8);
        }
        header.append(4, '\0'); // mask key 0: payload bytes go as they are
        return header;
    }

    void sendFrame(quint8 opcode, const QByteArray& payload)
    {
        socket.write(frameHeader(opcode, static_cast<quint64>(payload.size())) + payload);
        socket.flush();
    }

    // The next complete server frame (unmasked): opcode and payload; opcode -1 when none in time.
    std::pair<int, QByteArray> readFrame(int timeoutMs = 5000)
    {
        std::pair<int, QByteArray> frame{-1, {}};
        [[maybe_unused]] const bool complete = QTest::qWaitFor(
            [&] {
                buffer += socket.readAll();
                if (buffer.size() < 2)
                    return false;
                quint64 length = static_cast<quint8>(buffer[1]) & 0x7F;
                qsizetype offset = 2;
                if (length == 126) {
                    if (buffer.size() < 4)
                        return false;
                    length = qFromBigEndian<quint16>(buffer.constData() + 2);
                    offset = 4;
                } else if (length == 127) {
                    if (buffer.size() < 10)
                        return false;
                    length = qFromBigEndian<quint64>(buffer.constData() + 2);
                    offset = 10;
                }
                if (static_cast<quint64>(buffer.size() - offset) < length)
                    return false;
                frame = {static_cast<quint8>(buffer[0]) & 0x0F, buffer.mid(offset, static_cast<qsizetype>(length))};
                buffer.remove(0, offset + static_cast<qsizetype>(length));
                return true;
            },
            timeoutMs);
        return frame;
    }

    QTcpSocket socket;
    QByteArray buffer;
};

} // namespace lethean::test

#include "node/noise_codec.h"
#include "node/noise_handshake.h"

#include <QWebSocketHandshakeOptions>

namespace lethean::test {

// A protocol 2.0 client that runs the Noise handshake by hand over a QWebSocket and keeps the frame
// codec, so a test can replay, reorder or corrupt frames.
struct RawNoisePeer
{
    RawNoisePeer(const node::NodeIdentity& self, const node::PeerAuthority& authority, const QUrl& url)
        : m_self(self), m_authority(authority)
    {
        QObject::connect(&socket, &QWebSocket::binaryMessageReceived, &socket,
                         [this](const QByteArray& frame) { frames.append(frame); });
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({QString::fromLatin1(node::NoiseHandshake::kSubprotocol)});
        socket.open(QNetworkRequest(url), options);
    }

    // Empty on success, else the reason. rekeyAfterFrames applies to what this peer sends.
    QString authenticate(quint64 rekeyAfterFrames = node::NoiseCodec::kDefaultRekeyAfterFrames)
    {
        if (!QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
            return QStringLiteral("no connection");
        if (socket.subprotocol() != QLatin1StringView(node::NoiseHandshake::kSubprotocol))
            return QStringLiteral("server did not select protocol 2.0");
        auto handshake = node::NoiseHandshake::initiator(m_self, m_authority, QString(),
                                                         node::NoiseHandshake::prologue(socket.subprotocol()));
        if (!handshake)
            return handshake.error().reason;
        socket.sendBinaryMessage(*handshake->start());
        if (!QTest::qWaitFor([this] { return !frames.isEmpty(); }, 5000))
            return QStringLiteral("no message 2");
        auto step = handshake->receive(frames.takeFirst());
        if (!step)
            return step.error().reason;
        socket.sendBinaryMessage(step->send);
        auto result = handshake->takeResult();
        peer = result.peer;
        codec = std::make_unique<node::NoiseCodec>(std::move(result.ciphers), 1024 * 1024, rekeyAfterFrames);
        if (!QTest::qWaitFor([this] { return !frames.isEmpty(); }, 5000))
            return QStringLiteral("no verdict");
        auto verdict = codec->open(frames.takeFirst());
        if (!verdict)
            return verdict.error().message;
        auto message = node::Message::fromJson(*verdict);
        auto ack = node::parsePayload<node::HandshakeAckPayload>(*message);
        return ack->accepted ? QString() : QStringLiteral("handshake rejected: ") + ack->reason;
    }

    QByteArray seal(const node::Message& message) { return *codec->seal(message.toJson()); }
    QList<node::Message> openAll()
    {
        QList<node::Message> messages;
        for (const QByteArray& frame : std::exchange(frames, {}))
            if (auto json = codec->open(frame))
                messages.append(*node::Message::fromJson(*json));
        return messages;
    }

    QWebSocket socket;
    QList<QByteArray> frames;
    node::PublicIdentity peer;
    std::unique_ptr<node::NoiseCodec> codec;

private:
    const node::NodeIdentity& m_self;
    const node::PeerAuthority& m_authority;
};

} // namespace lethean::test
