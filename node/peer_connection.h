#pragma once

#include "node/connected_peer.h"
#include "node/frame_codec.h"
#include "node/message.h"
#include "node/payloads.h"
#include "node/token_bucket.h"
#include "node/transport_config.h"
#include "ueps/result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

class QWebSocket;

namespace lethean::node {

// One authenticated WebSocket: it encrypts what we send with the connection's codec, and decrypts,
// rate-limits and parses what arrives. Keepalive: a ping every pingInterval; a peer from which no
// complete message arrived for pingInterval + pongTimeout is dropped. Because only *complete* messages
// count, this is also the progress timeout for a peer that trickles a frame a byte at a time (Qt's
// own partial-frame timer restarts on every byte).
//
// Lives on the transport's thread; closes exactly once and says so with closed().
class PeerConnection : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of socket, whose signals must no longer be connected to anyone else.
    PeerConnection(QWebSocket* socket, ConnectedPeer peer, std::unique_ptr<FrameCodec> codec, QString selfId,
                   const TransportConfig& config, QObject* parent = nullptr);
    ~PeerConnection() override;

    const ConnectedPeer& peer() const { return m_peer; }
    bool isOpen() const { return !m_closed; }

    // Never crashes on a closed connection (go-p2p's send-after-close); an error value instead.
    Result<void, QString> send(const Message& message);
    // Sends `disconnect {reason, code}` (best effort), then closes.
    void closeGracefully(const QString& reason, DisconnectCode code);
    void abort(const QString& reason);

Q_SIGNALS:
    void messageDecoded(lethean::node::PeerConnection* connection, const lethean::node::Message& message);
    void closed(lethean::node::PeerConnection* connection, const QString& reason);

private:
    void onFrame(const QByteArray& frame);
    void onKeepaliveTick();
    void finish(const QString& reason);
    bool admitByRate();
    void flushSoon();

    QWebSocket* m_socket;
    ConnectedPeer m_peer;
    std::unique_ptr<FrameCodec> m_codec;
    QString m_selfId;
    TransportConfig m_config;
    TokenBucket m_bucket;
    QTimer m_keepalive;
    QElapsedTimer m_lastActivity;
    QElapsedTimer m_lastRateWarning;
    int m_rateDropped = 0;
    bool m_closed = false;
    bool m_flushPending = false; // a flush is due before the event loop next waits
};

} // namespace lethean::node
