#pragma once

#include "node/connected_peer.h"
#include "node/message.h"
#include "node/message_deduplicator.h"
#include "node/payloads.h"
#include "node/transport_config.h"
#include "ueps/result.h"

#include <QFuture>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

class QWebSocket;

namespace lethean::node {

class FrameCodec;
class InboundGate;
class NodeIdentity;
class PeerAuthority;
class PeerConnection;

// The outcome of connectToPeer(): the authenticated peer, or why not.
struct ConnectOutcome
{
    bool ok = false;
    ConnectedPeer peer;
    QString error;
};

// The node's encrypted WebSocket transport (go-p2p's Transport, protocol 1.0 on the wire): a listening
// endpoint, outbound connections, the handshake, per-connection codecs, deduplication, rate limiting,
// keepalive and graceful close. All of it lives on one thread (the node's); other threads talk to it
// through queued signals. Decoded messages go out through messageReceived() and to every registered
// handler, so the controller and the worker can both listen (the `dual` role; Go has one handler).
class Transport : public QObject
{
    Q_OBJECT

public:
    using MessageHandler = std::function<void(const ConnectedPeer& from, const Message& message)>;

    // identity and authority must outlive the transport.
    Transport(const NodeIdentity& identity, const PeerAuthority& authority, TransportConfig config,
              QObject* parent = nullptr);
    ~Transport() override;

    const TransportConfig& config() const { return m_config; }

    Result<void, QString> start();
    // Says goodbye to every peer (`disconnect`, "server shutdown", 1004) and stops listening.
    void stop();
    bool isListening() const;
    quint16 serverPort() const;

    // address: "host:port" (ws://, or wss:// when dialWithTls) or a full ws:// or wss:// URL.
    // expectedPeerId: the peer we mean to reach, when known; a server with another key is refused.
    QFuture<ConnectOutcome> connectToPeer(const QString& address, const QString& expectedPeerId = QString());
    static Result<QUrl, QString> urlForAddress(const QString& address, const QString& wsPath, bool tls);

    Result<void, QString> send(const QString& peerId, const Message& message);
    // The same message (same id) to every connected peer except the one it claims to come from.
    int broadcast(const Message& message);
    void disconnectPeer(const QString& peerId, const QString& reason, DisconnectCode code = DisconnectCode::Normal);

    bool isConnected(const QString& peerId) const;
    QList<ConnectedPeer> connectedPeers() const;
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    int pendingInboundCount() const;

    // Returns an id for removeMessageHandler(). Handlers run on the transport's thread, in order.
    int addMessageHandler(MessageHandler handler);
    void removeMessageHandler(int handlerId);

Q_SIGNALS:
    void peerConnected(const lethean::node::ConnectedPeer& peer);
    void peerDisconnected(const lethean::node::ConnectedPeer& peer, const QString& reason);
    void messageReceived(const lethean::node::ConnectedPeer& from, const lethean::node::Message& message);
    // A handshake that did not complete, either direction (for the log view and tests).
    void handshakeFailed(const QString& address, const QString& reason);

private:
    struct PendingInbound;
    struct PendingOutbound;

    void onInboundWebSocket(QWebSocket* socket, const QHostAddress& address, std::chrono::milliseconds remaining);
    void onInboundHandshakeFrame(QWebSocket* socket, const QByteArray& frame);
    void onInboundNoiseMessage(QWebSocket* socket, const QByteArray& message);
    void onOutboundConnected(QWebSocket* socket);
    void onOutboundNoiseMessage(QWebSocket* socket, const QByteArray& message);
    void dropInbound(QWebSocket* socket, const QString& reason);
    void finishOutbound(QWebSocket* socket, ConnectOutcome outcome);
    void onOutboundAck(QWebSocket* socket, const QByteArray& frame);
    PeerConnection* adopt(QWebSocket* socket, ConnectedPeer peer, std::unique_ptr<FrameCodec> codec);
    std::unique_ptr<FrameCodec> smsgCodec(QByteArray& sharedSecret) const;
    void onMessageDecoded(PeerConnection* connection, const Message& message);
    void deliver(const ConnectedPeer& from, const Message& message);
    void onConnectionClosed(PeerConnection* connection, const QString& reason);
    void configureSocketLimits(QWebSocket* socket) const;

    const NodeIdentity& m_identity;
    const PeerAuthority& m_authority;
    TransportConfig m_config;
    InboundGate* m_gate = nullptr;
    MessageDeduplicator m_dedup;
    QHash<QString, PeerConnection*> m_connections; // by authenticated peer ID
    QHash<QWebSocket*, std::shared_ptr<PendingInbound>> m_pendingInbound;
    QHash<QWebSocket*, std::shared_ptr<PendingOutbound>> m_pendingOutbound;
    std::map<int, MessageHandler> m_handlers;
    int m_nextHandlerId = 1;
    bool m_stopping = false;
};

} // namespace lethean::node
