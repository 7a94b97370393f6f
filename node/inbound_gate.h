#pragma once

#include "node/transport_config.h"
#include "ueps/result.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QElapsedTimer>
#include <QPointer>

#include <chrono>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace lethean::node {

// The listening side up to a WebSocket that still has to prove who it is. It applies, before the
// upgrade, the checks go-p2p applies (WIRE.md §2.1): MaxConns counting connections still in their
// handshake → HTTP 503 "Too many connections"; only the configured path is served (others → 404);
// Origin must be absent or local (others → 403). Ours on top: at most maxUnauthenticatedPerAddress
// connections per IP address in that state (→ 503), and the HTTP request must arrive within the
// handshake timeout (a slowloris client is dropped). TLS is terminated here when configured.
//
// Lives on the transport's thread. The transport tells it when an admitted connection has finished
// (authenticated or dropped) so the counters stay exact.
class InboundGate : public QObject
{
    Q_OBJECT

public:
    explicit InboundGate(const TransportConfig& config, QObject* parent = nullptr);
    ~InboundGate() override;

    Result<void, QString> listen();
    void close();
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;

    // Admitted connections that are established (the transport reports them) plus those still pending.
    int admittedCount() const { return m_established + m_pendingTotal; }
    int pendingCount() const { return m_pendingTotal; }

    // The transport's verdicts on an upgraded socket it received through webSocketReady().
    void markAuthenticated(const QHostAddress& address);
    void markDropped(const QHostAddress& address);
    // An established inbound peer went away.
    void markEstablishedClosed();

    static bool isOriginAllowed(const QString& origin);

Q_SIGNALS:
    // An upgraded WebSocket that has passed the gate. The receiver takes ownership and must report
    // markAuthenticated() or markDropped() for it exactly once.
    void webSocketReady(QWebSocket* socket, const QHostAddress& address, std::chrono::milliseconds remaining);
    // A connection refused before the upgrade (for the log and for tests).
    void refused(const QHostAddress& address, int httpStatus, const QString& reason);

private:
    Result<void, QString> configureTls();
    void acceptPending();
    void admit(QTcpSocket* socket);
    void inspectRequestHead(QTcpSocket* socket);
    void refuse(QTcpSocket* socket, int status, const QByteArray& reason, const QString& logReason);
    void release(const QHostAddress& address);
    void onWebSocketUpgraded();
    static QString socketKey(const QHostAddress& address, quint16 port);

    struct AwaitingUpgrade
    {
        QHostAddress address;
        QElapsedTimer since;
        QPointer<QTcpSocket> socket;
    };

    TransportConfig m_config;
    // Admitted sockets handed to QWebSocketServer, keyed by peer address and port, until Qt reports the
    // upgrade (or destroys the socket): Qt owns the socket then, so we track it by its endpoints.
    QHash<QString, AwaitingUpgrade> m_awaitingUpgrade;
    int m_refusing = 0;
    QTcpServer* m_tcpServer = nullptr;
    QWebSocketServer* m_webSocketServer = nullptr;
    QHash<QString, int> m_pendingByAddress;
    int m_pendingTotal = 0;
    int m_established = 0;
};

} // namespace lethean::node
