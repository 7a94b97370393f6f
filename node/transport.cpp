#include "node/transport.h"

#include "node/client_handshake.h"
#include "node/inbound_gate.h"
#include "node/log_categories.h"
#include "node/logger.h"
#include "node/node_identity.h"
#include "node/peer_authority.h"
#include "node/peer_connection.h"
#include "node/server_handshake.h"
#include "node/smsg_codec.h"

#include <QPromise>
#include <QSslError>
#include <QTimer>
#include <QWebSocket>

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
};

struct Transport::PendingOutbound
{
    QString address;
    std::unique_ptr<ClientHandshake> handshake;
    QPromise<ConnectOutcome> promise;
    QTimer deadline;
};

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
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString& text) { onInboundHandshakeFrame(socket, text.toUtf8()); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket] { dropInbound(socket, u"binary frame before the handshake"_s); });
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
    ServerHandshake::Verdict verdict = ServerHandshake(m_identity, m_authority).evaluate(frame);
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
    adopt(socket, std::move(peer), verdict.sharedSecret);
    wipe(verdict.sharedSecret);
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
    pending->handshake = std::make_unique<ClientHandshake>(m_identity, m_authority, expectedPeerId);
    m_pendingOutbound.insert(socket, pending);

    pending->deadline.setSingleShot(true);
    connect(&pending->deadline, &QTimer::timeout, this,
            [this, socket] { finishOutbound(socket, {false, {}, u"handshake timeout"_s}); });
    pending->deadline.start(m_config.handshakeTimeout);

    connect(socket, &QWebSocket::connected, this, [socket, pending] {
        socket->sendTextMessage(QString::fromUtf8(pending->handshake->request()));
    });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString& text) { onOutboundAck(socket, text.toUtf8()); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket] {
        finishOutbound(socket, {false, {}, u"binary frame before the handshake_ack"_s});
    });
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
    socket->open(*url);
    return future;
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
    PeerConnection* connection = adopt(socket, std::move(peer), accepted->sharedSecret);
    wipe(accepted->sharedSecret);
    finishOutbound(socket, {true, connection->peer(), QString()});
}

// ---- authenticated connections ---------------------------------------------------------------------

PeerConnection* Transport::adopt(QWebSocket* socket, ConnectedPeer peer, const QByteArray& sharedSecret)
{
    peer.connectedAt = QDateTime::currentDateTimeUtc();
    auto* connection = new PeerConnection(socket, std::move(peer),
                                          std::make_unique<SmsgCodec>(sharedSecret, m_config.maxMessageSize),
                                          m_identity.id(), m_config, this);
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
