#include "node/transport.h"

#include "node/client_handshake.h"
#include "node/inbound_gate.h"
#include "node/log_categories.h"
#include "node/logger.h"
#include "node/node_identity.h"
#include "node/peer_authority.h"
#include "node/peer_connection.h"
#include "node/server_handshake.h"
#include "node/noise_codec.h"
#include "node/noise_handshake.h"
#include "node/smsg_codec.h"

#include <QPromise>
#include <QSslError>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
const Logger& log()
{
    static const Logger logger(lcTransport());
    return logger;
}

void wipe(QByteArray& secret)
{
    sodium_memzero(secret.data(), static_cast<size_t>(secret.size()));
}

QString endpoint(const QWebSocket* socket)
{
    const QHostAddress address = socket->peerAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                              : address.toString();
    return host + u':' + QString::number(socket->peerPort());
}
} // namespace

struct Transport::PendingInbound
{
    QHostAddress address;
    QTimer deadline;
    std::optional<NoiseHandshake> noise; // set when the client negotiated protocol 2.0
};

struct Transport::PendingOutbound
{
    QString address;
    QString expectedPeerId;
    std::unique_ptr<ClientHandshake> handshake;
    std::optional<NoiseHandshake> noise;
    std::unique_ptr<NoiseCodec> noiseCodec; // 2.0: keys ready, waiting for the server's verdict
    ConnectedPeer noisePeer;
    QPromise<ConnectOutcome> promise;
    QTimer deadline;
};

namespace {
// The first protocol 2.0 transport message: the responder's verdict, as a handshake_ack envelope.
QByteArray verdictMessage(const NodeIdentity& self, const QString& peerId, bool accepted, const QString& reason)
{
    HandshakeAckPayload ack;
    ack.identity = self.publicIdentity();
    ack.accepted = accepted;
    ack.reason = reason;
    return Message::create(self.id(), peerId, ack).toJson();
}
} // namespace

Transport::Transport(const NodeIdentity& identity, const PeerAuthority& authority, TransportConfig config,
                     QObject* parent)
    : QObject(parent), m_identity(identity), m_authority(authority), m_config(std::move(config)),
      m_dedup(m_config.dedupTtl, m_config.dedupMaxEntries)
{
    qRegisterMetaType<ConnectedPeer>();
    qRegisterMetaType<Message>();
}

Transport::~Transport()
{
    stop();
}

Result<void, QString> Transport::start()
{
    if (isListening())
        return {};
    m_stopping = false;
    m_gate = new InboundGate(m_config, this);
    connect(m_gate, &InboundGate::webSocketReady, this, &Transport::onInboundWebSocket);
    if (auto listening = m_gate->listen(); !listening) {
        delete m_gate;
        m_gate = nullptr;
        return listening;
    }
    log().info(u"transport listening"_s,
               {{u"addr"_s, m_gate->serverAddress().toString()}, {u"port"_s, m_gate->serverPort()},
                {u"path"_s, m_config.wsPath}, {u"tls"_s, m_config.tlsEnabled()}});
    return {};
}

void Transport::stop()
{
    m_stopping = true;
    const auto connections = m_connections.values();
    for (PeerConnection* connection : connections)
        connection->closeGracefully(u"server shutdown"_s, DisconnectCode::Shutdown);
    const auto inbound = m_pendingInbound.keys();
    for (QWebSocket* socket : inbound)
        dropInbound(socket, u"transport stopping"_s);
    const auto outbound = m_pendingOutbound.keys();
    for (QWebSocket* socket : outbound)
        finishOutbound(socket, {false, {}, u"transport stopping"_s});
    if (m_gate) {
        m_gate->close();
        m_gate->deleteLater();
        m_gate = nullptr;
    }
}

bool Transport::isListening() const
{
    return m_gate && m_gate->isListening();
}

quint16 Transport::serverPort() const
{
    return m_gate ? m_gate->serverPort() : 0;
}

int Transport::pendingInboundCount() const
{
    return m_gate ? m_gate->pendingCount() : 0;
}

void Transport::configureSocketLimits(QWebSocket* socket) const
{
    // Qt's defaults are about 2 GiB; the limit applies to a frame header before its payload is read.
    socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(m_config.maxMessageSize));
    socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_config.maxMessageSize));
}

// ---- inbound ---------------------------------------------------------------------------------------

void Transport::onInboundWebSocket(QWebSocket* socket, const QHostAddress& address,
                                   std::chrono::milliseconds remaining)
{
    if (m_stopping) {
        m_gate->markDropped(address);
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->setParent(this);
    auto pending = std::make_shared<PendingInbound>();
    pending->address = address;
    m_pendingInbound.insert(socket, pending);

    pending->deadline.setSingleShot(true);
    connect(&pending->deadline, &QTimer::timeout, this,
            [this, socket] { dropInbound(socket, u"handshake timeout"_s); });
    pending->deadline.start(remaining);
    if (socket->subprotocol() == QLatin1StringView(NoiseHandshake::kSubprotocol)) {
        auto noise = NoiseHandshake::responder(m_identity, m_authority, NoiseHandshake::prologue(socket->subprotocol()));
        if (!noise) {
            dropInbound(socket, noise.error().reason);
            return;
        }
        pending->noise.emplace(std::move(*noise));
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, socket](const QByteArray& message) { onInboundNoiseMessage(socket, message); });
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket] { dropInbound(socket, u"text frame in a protocol 2.0 handshake"_s); });
    } else {
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString& text) { onInboundHandshakeFrame(socket, text.toUtf8()); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, socket] { dropInbound(socket, u"binary frame before the handshake"_s); });
    }
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        dropInbound(socket, u"closed during the handshake: "_s + socket->closeReason());
    });
}

void Transport::dropInbound(QWebSocket* socket, const QString& reason)
{
    const auto pending = m_pendingInbound.take(socket);
    if (!pending)
        return;
    const QString address = endpoint(socket);
    log().info(u"inbound handshake failed"_s, {{u"addr"_s, address}, {u"reason"_s, reason}});
    disconnect(socket, nullptr, this, nullptr);
    if (m_gate)
        m_gate->markDropped(pending->address);
    socket->abort();
    socket->deleteLater();
    Q_EMIT handshakeFailed(address, reason);
}

void Transport::onInboundHandshakeFrame(QWebSocket* socket, const QByteArray& frame)
{
    const auto pending = m_pendingInbound.value(socket);
    if (!pending)
        return;
    ServerHandshake::Verdict verdict =
        ServerHandshake(m_identity, m_authority, !m_config.requireProtocol2).evaluate(frame);
    switch (verdict.outcome) {
    case ServerHandshake::Verdict::Outcome::Drop:
        dropInbound(socket, verdict.reason);
        return;
    case ServerHandshake::Verdict::Outcome::Reject:
        log().warn(u"handshake rejected"_s,
                   {{u"peer"_s, verdict.peer.id}, {u"addr"_s, endpoint(socket)}, {u"reason"_s, verdict.reason}});
        socket->sendTextMessage(QString::fromUtf8(verdict.reply));
        socket->flush();
        dropInbound(socket, verdict.reason);
        return;
    case ServerHandshake::Verdict::Outcome::Accept:
        break;
    }

    m_pendingInbound.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    if (m_gate)
        m_gate->markAuthenticated(pending->address);
    socket->sendTextMessage(QString::fromUtf8(verdict.reply));

    ConnectedPeer peer;
    peer.identity = verdict.peer;
    peer.publicKey = verdict.peerPublicKey;
    peer.address = endpoint(socket);
    peer.inbound = true;
    adopt(socket, std::move(peer), smsgCodec(verdict.sharedSecret));
}

void Transport::onInboundNoiseMessage(QWebSocket* socket, const QByteArray& message)
{
    const auto pending = m_pendingInbound.value(socket);
    if (!pending || !pending->noise)
        return;
    NoiseHandshake& noise = *pending->noise;
    auto step = noise.receive(message);
    if (!step) {
        const NoiseHandshake::Failure& failure = step.error();
        if (failure.tellPeer && noise.hasResult()) {
            // The client proved its key but is refused: say why, encrypted, as 1.0 does in its ack.
            NoiseCodec codec(noise.takeResult().ciphers, m_config.maxMessageSize);
            if (auto refusal = codec.seal(verdictMessage(m_identity, failure.peer.id, false, failure.reason)))
                socket->sendBinaryMessage(*refusal);
            log().warn(u"handshake rejected"_s,
                       {{u"peer"_s, failure.peer.id}, {u"addr"_s, endpoint(socket)}, {u"reason"_s, failure.reason},
                        {u"protocol"_s, u"2.0"_s}});
            socket->flush();
        }
        dropInbound(socket, failure.reason);
        return;
    }
    if (!step->send.isEmpty())
        socket->sendBinaryMessage(step->send);
    if (!step->complete)
        return;

    NoiseHandshake::Authenticated result = noise.takeResult();
    auto codec = std::make_unique<NoiseCodec>(std::move(result.ciphers), m_config.maxMessageSize,
                                              m_config.rekeyAfterFrames, m_config.rekeyAfter);
    const auto accepted = codec->seal(verdictMessage(m_identity, result.peer.id, true, QString()));
    if (!accepted) {
        dropInbound(socket, accepted.error().message);
        return;
    }
    m_pendingInbound.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    if (m_gate)
        m_gate->markAuthenticated(pending->address);
    socket->sendBinaryMessage(*accepted);

    ConnectedPeer peer;
    peer.identity = result.peer;
    peer.publicKey = result.peerPublicKey;
    peer.address = endpoint(socket);
    peer.inbound = true;
    adopt(socket, std::move(peer), std::move(codec));
}

// ---- outbound --------------------------------------------------------------------------------------

Result<QUrl, QString> Transport::urlForAddress(const QString& address, const QString& wsPath, bool tls)
{
    const QString trimmed = address.trimmed();
    QUrl url;
    if (trimmed.startsWith(u"ws://"_s) || trimmed.startsWith(u"wss://"_s)) {
        url = QUrl(trimmed, QUrl::StrictMode);
        if (url.path().isEmpty())
            url.setPath(wsPath);
    } else {
        url = QUrl((tls ? u"wss://"_s : u"ws://"_s) + trimmed + wsPath, QUrl::StrictMode);
    }
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0)
        return fail(u"'%1' is not a peer address: use host:port, e.g. 192.168.1.20:9091"_s.arg(address));
    return url;
}

QFuture<ConnectOutcome> Transport::connectToPeer(const QString& address, const QString& expectedPeerId)
{
    auto pending = std::make_shared<PendingOutbound>();
    pending->address = address;
    pending->promise.start();
    QFuture<ConnectOutcome> future = pending->promise.future();

    const auto url = urlForAddress(address, m_config.wsPath, m_config.dialWithTls);
    if (!url || m_stopping) {
        pending->promise.addResult(ConnectOutcome{false, {}, url ? u"transport stopping"_s : url.error()});
        pending->promise.finish();
        return future;
    }

    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    configureSocketLimits(socket);
    pending->expectedPeerId = expectedPeerId;
    pending->handshake = std::make_unique<ClientHandshake>(m_identity, m_authority, expectedPeerId);
    m_pendingOutbound.insert(socket, pending);

    pending->deadline.setSingleShot(true);
    connect(&pending->deadline, &QTimer::timeout, this,
            [this, socket] { finishOutbound(socket, {false, {}, u"handshake timeout"_s}); });
    pending->deadline.start(m_config.handshakeTimeout);

    connect(socket, &QWebSocket::connected, this, [this, socket] { onOutboundConnected(socket); });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString& text) { onOutboundAck(socket, text.toUtf8()); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket](const QByteArray& message) { onOutboundNoiseMessage(socket, message); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        const QString why = socket->closeReason().isEmpty() ? socket->errorString() : socket->closeReason();
        finishOutbound(socket, {false, {}, u"connection closed during the handshake: "_s + why});
    });
    if (m_config.acceptSelfSignedCertificates) {
        // The node-key handshake authenticates the server; the certificate only encrypts the channel.
        connect(socket, &QWebSocket::sslErrors, this, [socket](const QList<QSslError>& errors) {
            socket->ignoreSslErrors(errors);
        });
    }
    QWebSocketHandshakeOptions options;
    if (m_config.protocol2Enabled)
        options.setSubprotocols({QString::fromLatin1(NoiseHandshake::kSubprotocol)});
    socket->open(QNetworkRequest(*url), options);
    return future;
}

void Transport::onOutboundConnected(QWebSocket* socket)
{
    const auto pending = m_pendingOutbound.value(socket);
    if (!pending)
        return;
    if (socket->subprotocol() == QLatin1StringView(NoiseHandshake::kSubprotocol)) {
        auto noise = NoiseHandshake::initiator(m_identity, m_authority, pending->expectedPeerId,
                                               NoiseHandshake::prologue(socket->subprotocol()));
        auto first = noise ? noise->start() : Result<QByteArray, NoiseHandshake::Failure>(fail(noise.error()));
        if (!first) {
            finishOutbound(socket, {false, {}, first.error().reason});
            return;
        }
        pending->noise.emplace(std::move(*noise));
        socket->sendBinaryMessage(*first);
        return;
    }
    // The server speaks only 1.0 (a go-p2p node, or 2.0 switched off).
    if (m_config.requireProtocol2) {
        finishOutbound(socket, {false, {}, u"server does not offer protocol 2.0, which this node requires"_s});
        return;
    }
    if (!pending->expectedPeerId.isEmpty() && !m_authority.allowsProtocol(pending->expectedPeerId, u"1.0")) {
        finishOutbound(socket, {false, {}, u"peer %1 has spoken protocol 2.0 before; refusing a downgrade to 1.0"_s
                                               .arg(pending->expectedPeerId)});
        return;
    }
    socket->sendTextMessage(QString::fromUtf8(pending->handshake->request()));
}

void Transport::onOutboundNoiseMessage(QWebSocket* socket, const QByteArray& message)
{
    const auto pending = m_pendingOutbound.value(socket);
    if (!pending)
        return;
    if (!pending->noise) {
        finishOutbound(socket, {false, {}, u"binary frame before the handshake_ack"_s});
        return;
    }
    if (!pending->noiseCodec) {
        // Message 2: the server's proved identity; answer with message 3.
        auto step = pending->noise->receive(message);
        if (!step) {
            finishOutbound(socket, {false, {}, step.error().reason});
            return;
        }
        socket->sendBinaryMessage(step->send);
        NoiseHandshake::Authenticated result = pending->noise->takeResult();
        pending->noiseCodec = std::make_unique<NoiseCodec>(std::move(result.ciphers), m_config.maxMessageSize,
                                                           m_config.rekeyAfterFrames, m_config.rekeyAfter);
        pending->noisePeer.identity = result.peer;
        pending->noisePeer.publicKey = result.peerPublicKey;
        return;
    }
    // The first transport message: the server's verdict on us.
    auto json = pending->noiseCodec->open(message);
    auto verdict = json ? Message::fromJson(*json) : Result<Message, MessageError>(fail(MessageError{}));
    auto ack = verdict && verdict->type == MessageType::HandshakeAck ? parsePayload<HandshakeAckPayload>(*verdict)
                                                                     : Result<HandshakeAckPayload, MessageError>(fail(MessageError{}));
    if (!ack) {
        finishOutbound(socket, {false, {}, u"no readable verdict after the protocol 2.0 handshake"_s});
        return;
    }
    if (!ack->accepted) {
        finishOutbound(socket, {false, {}, u"handshake rejected: "_s + ack->reason});
        return;
    }
    disconnect(socket, nullptr, this, nullptr);
    ConnectedPeer peer = pending->noisePeer;
    peer.address = pending->address;
    peer.inbound = false;
    PeerConnection* connection = adopt(socket, std::move(peer), std::move(pending->noiseCodec));
    finishOutbound(socket, {true, connection->peer(), QString()});
}

void Transport::finishOutbound(QWebSocket* socket, ConnectOutcome outcome)
{
    const auto pending = m_pendingOutbound.take(socket);
    if (!pending)
        return;
    pending->deadline.stop();
    if (!outcome.ok) {
        log().info(u"outbound handshake failed"_s, {{u"addr"_s, pending->address}, {u"reason"_s, outcome.error}});
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
        Q_EMIT handshakeFailed(pending->address, outcome.error);
    }
    pending->promise.addResult(std::move(outcome));
    pending->promise.finish();
}

void Transport::onOutboundAck(QWebSocket* socket, const QByteArray& frame)
{
    const auto pending = m_pendingOutbound.value(socket);
    if (!pending)
        return;
    auto accepted = pending->handshake->evaluateAck(frame);
    if (!accepted) {
        finishOutbound(socket, {false, {}, accepted.error()});
        return;
    }
    disconnect(socket, nullptr, this, nullptr);
    ConnectedPeer peer;
    peer.identity = accepted->peer;
    peer.publicKey = accepted->peerPublicKey;
    peer.address = pending->address;
    peer.inbound = false;
    PeerConnection* connection = adopt(socket, std::move(peer), smsgCodec(accepted->sharedSecret));
    finishOutbound(socket, {true, connection->peer(), QString()});
}

// ---- authenticated connections ---------------------------------------------------------------------

std::unique_ptr<FrameCodec> Transport::smsgCodec(QByteArray& sharedSecret) const
{
    auto codec = std::make_unique<SmsgCodec>(sharedSecret, m_config.maxMessageSize);
    wipe(sharedSecret); // the codec keeps only the derived key
    return codec;
}

PeerConnection* Transport::adopt(QWebSocket* socket, ConnectedPeer peer, std::unique_ptr<FrameCodec> codec)
{
    peer.connectedAt = QDateTime::currentDateTimeUtc();
    auto* connection = new PeerConnection(socket, std::move(peer), std::move(codec), m_identity.id(), m_config, this);
    const ConnectedPeer& info = connection->peer();
    connect(connection, &PeerConnection::messageDecoded, this, &Transport::onMessageDecoded);
    connect(connection, &PeerConnection::closed, this, &Transport::onConnectionClosed);

    // One connection per peer. Go overwrites the map entry and leaves the old socket open (WIRE.md
    // §13.10); we close the old one, so the newest (the one the peer is using now) wins.
    if (PeerConnection* previous = m_connections.value(info.id()))
        previous->closeGracefully(u"replaced by a newer connection"_s, DisconnectCode::Normal);
    m_connections.insert(info.id(), connection);

    log().info(u"peer connected"_s, {{u"peer"_s, info.id()},
                                     {u"name"_s, info.identity.name},
                                     {u"addr"_s, info.address},
                                     {u"direction"_s, info.inbound ? u"inbound"_s : u"outbound"_s},
                                     {u"protocol"_s, info.protocolVersion}});
    Q_EMIT peerConnected(info);
    return connection;
}

void Transport::onMessageDecoded(PeerConnection* connection, const Message& message)
{
    const ConnectedPeer& peer = connection->peer();
    // `from` must be the peer that proved its key on this connection (Go trusts it: WIRE.md §13.9).
    // An empty `from` is taken to mean the authenticated peer.
    if (!message.from.isEmpty() && message.from != peer.id()) {
        log().warn(u"message dropped: sender spoofed"_s, {{u"peer"_s, peer.id()},
                                                         {u"claimedFrom"_s, message.from},
                                                         {u"type"_s, messageTypeToString(message.type)}});
        return;
    }
    if (!m_dedup.markIfNew(peer.id(), message.id)) {
        log().debug(u"duplicate message dropped"_s, {{u"peer"_s, peer.id()}, {u"id"_s, message.id}});
        return;
    }
    const ConnectedPeer snapshot = peer; // a handler may close the connection
    if (message.from.isEmpty()) {
        Message attributed = message;
        attributed.from = peer.id();
        deliver(snapshot, attributed);
    } else {
        deliver(snapshot, message);
    }
}

void Transport::deliver(const ConnectedPeer& from, const Message& message)
{
    Q_EMIT messageReceived(from, message);
    // A handler may add or remove handlers (itself included): step by ID and call a copy.
    for (auto it = m_handlers.begin(); it != m_handlers.end();) {
        const int id = it->first;
        const MessageHandler handler = it->second;
        handler(from, message);
        it = m_handlers.upper_bound(id);
    }
}

void Transport::onConnectionClosed(PeerConnection* connection, const QString& reason)
{
    const ConnectedPeer peer = connection->peer();
    // Remove by identity, not by ID: a newer connection of the same peer may own the entry (Go bug).
    if (m_connections.value(peer.id()) == connection)
        m_connections.remove(peer.id());
    if (m_gate && peer.inbound)
        m_gate->markEstablishedClosed();
    log().info(u"peer disconnected"_s, {{u"peer"_s, peer.id()}, {u"reason"_s, reason}});
    connection->deleteLater();
    Q_EMIT peerDisconnected(peer, reason);
}

Result<void, QString> Transport::send(const QString& peerId, const Message& message)
{
    PeerConnection* connection = m_connections.value(peerId);
    if (!connection)
        return fail(u"peer %1 is not connected"_s.arg(peerId));
    return connection->send(message);
}

int Transport::broadcast(const Message& message)
{
    int sent = 0;
    for (PeerConnection* connection : std::as_const(m_connections)) {
        if (connection->peer().id() == message.from)
            continue;
        if (connection->send(message))
            ++sent;
    }
    return sent;
}

void Transport::disconnectPeer(const QString& peerId, const QString& reason, DisconnectCode code)
{
    if (PeerConnection* connection = m_connections.value(peerId))
        connection->closeGracefully(reason, code);
}

bool Transport::isConnected(const QString& peerId) const
{
    return m_connections.contains(peerId);
}

QList<ConnectedPeer> Transport::connectedPeers() const
{
    QList<ConnectedPeer> peers;
    peers.reserve(m_connections.size());
    for (const PeerConnection* connection : m_connections)
        peers.append(connection->peer());
    return peers;
}

int Transport::addMessageHandler(MessageHandler handler)
{
    const int id = m_nextHandlerId++;
    m_handlers.emplace(id, std::move(handler));
    return id;
}

void Transport::removeMessageHandler(int handlerId)
{
    m_handlers.erase(handlerId);
}

} // namespace lethean::node
