#include "node/inbound_gate.h"

#include "node/log_categories.h"
#include "node/logger.h"
#include "node/noise_handshake.h"

#include <QFile>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslEllipticCurve>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr qsizetype kMaxRequestHead = 8192;
// Sockets being refused (waiting to read the request so the 503/404 reaches the client) beyond this
// are cut without a response, so a flood of refused clients cannot hold unbounded resources.
constexpr int kMaxRefusing = 64;

// Go's server TLS (transport.go:232-253): TLS 1.2 minimum, ECDHE with AES-GCM or ChaCha20-Poly1305,
// curves X25519 and P-256. TLS 1.3 suites are the standard AEAD ones.
const QString kTlsCiphers = u"TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                            "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                            "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"_s;

QByteArray httpResponse(int status, const QByteArray& reasonPhrase, const QByteArray& body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase +
           "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

const Logger& log()
{
    static const Logger logger(lcTransport());
    return logger;
}
} // namespace

InboundGate::InboundGate(const TransportConfig& config, QObject* parent) : QObject(parent), m_config(config)
{
    qRegisterMetaType<QWebSocket*>();
    qRegisterMetaType<std::chrono::milliseconds>();
}

InboundGate::~InboundGate()
{
    close();
}

bool InboundGate::isOriginAllowed(const QString& origin)
{
    // Go's CheckOrigin (transport.go:197-210): no Origin header, or a local one.
    if (origin.isEmpty())
        return true;
    const QUrl url(origin);
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString host = url.host();
    return host == u"localhost"_s || host == u"127.0.0.1"_s || host == u"::1"_s;
}

Result<void, QString> InboundGate::listen()
{
    if (isListening())
        return {};
    const bool secure = m_config.tlsEnabled();
    m_webSocketServer = new QWebSocketServer(u"lethean"_s,
                                             secure ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode,
                                             this);
    m_webSocketServer->setHandshakeTimeout(m_config.handshakeTimeout);
    if (m_config.protocol2Enabled) // a 1.0 client (go-p2p) offers no subprotocol and still gets in
        m_webSocketServer->setSupportedSubprotocols({QString::fromLatin1(NoiseHandshake::kSubprotocol)});
    connect(m_webSocketServer, &QWebSocketServer::originAuthenticationRequired, this,
            [](QWebSocketCorsAuthenticator* authenticator) {
                authenticator->setAllowed(isOriginAllowed(authenticator->origin()));
            });
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this, &InboundGate::onWebSocketUpgraded);

    if (secure) {
        auto* sslServer = new QSslServer(this);
        m_tcpServer = sslServer;
        if (auto configured = configureTls(); !configured)
            return configured;
        sslServer->setHandshakeTimeout(static_cast<int>(m_config.handshakeTimeout.count()));
        connect(sslServer, &QSslServer::errorOccurred, this, [](QSslSocket* socket, QAbstractSocket::SocketError) {
            log().warn(u"TLS connection failed"_s,
                       {{u"addr"_s, socket->peerAddress().toString()}, {u"error"_s, socket->errorString()}});
        });
    } else {
        m_tcpServer = new QTcpServer(this);
    }
    connect(m_tcpServer, &QTcpServer::pendingConnectionAvailable, this, &InboundGate::acceptPending);
    if (!m_tcpServer->listen(m_config.listenAddress, m_config.listenPort))
        return fail(u"cannot listen on %1 port %2: %3"_s.arg(m_config.listenAddress.toString())
                        .arg(m_config.listenPort)
                        .arg(m_tcpServer->errorString()));
    return {};
}

Result<void, QString> InboundGate::configureTls()
{
    QFile certFile(m_config.tlsCertPath);
    QFile keyFile(m_config.tlsKeyPath);
    if (!certFile.open(QIODevice::ReadOnly))
        return fail(u"cannot read the TLS certificate %1: %2"_s.arg(certFile.fileName(), certFile.errorString()));
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(u"cannot read the TLS key %1: %2"_s.arg(keyFile.fileName(), keyFile.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty())
        return fail(u"%1 holds no PEM certificate"_s.arg(certFile.fileName()));
    if (key.isNull())
        return fail(u"%1 holds no PEM EC or RSA private key"_s.arg(keyFile.fileName()));

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // peers authenticate with their node key, not a client cert
    tls.setCiphers(kTlsCiphers);
    QList<QSslEllipticCurve> curves;
    for (const QString& name : {u"X25519"_s, u"prime256v1"_s})
        if (const QSslEllipticCurve curve = QSslEllipticCurve::fromShortName(name); curve.isValid())
            curves.append(curve);
    tls.setEllipticCurves(curves);
    static_cast<QSslServer*>(m_tcpServer)->setSslConfiguration(tls);
    m_webSocketServer->setSslConfiguration(tls);
    return {};
}

void InboundGate::close()
{
    if (m_tcpServer)
        m_tcpServer->close();
    if (m_webSocketServer)
        m_webSocketServer->close();
}

bool InboundGate::isListening() const
{
    return m_tcpServer && m_tcpServer->isListening();
}

quint16 InboundGate::serverPort() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

QHostAddress InboundGate::serverAddress() const
{
    return m_tcpServer ? m_tcpServer->serverAddress() : QHostAddress();
}

QString InboundGate::socketKey(const QHostAddress& address, quint16 port)
{
    return address.toString() + u'|' + QString::number(port);
}

void InboundGate::acceptPending()
{
    while (QTcpSocket* socket = m_tcpServer->nextPendingConnection())
        admit(socket);
}

void InboundGate::admit(QTcpSocket* socket)
{
    const QHostAddress address = socket->peerAddress();
    const QString host = address.toString();
    if (admittedCount() >= m_config.maxConnections) {
        refuse(socket, 503, "Too many connections\n", u"too many connections"_s);
        return;
    }
    if (m_pendingByAddress.value(host) >= m_config.maxUnauthenticatedPerAddress) {
        refuse(socket, 503, "Too many connections\n", u"too many unauthenticated connections from this address"_s);
        return;
    }
    ++m_pendingTotal;
    ++m_pendingByAddress[host];
    const QString key = socketKey(address, socket->peerPort());
    m_awaitingUpgrade.insert(key, {address, {}, socket});
    m_awaitingUpgrade[key].since.start();

    // Every connection below uses `this` as context, so onWebSocketUpgraded() can cut them all at once
    // when Qt takes the socket over. Until then the socket is ours, and it is released exactly once.
    connect(socket, &QObject::destroyed, this, [this, key] {
        if (const auto it = m_awaitingUpgrade.constFind(key); it != m_awaitingUpgrade.cend()) {
            const QHostAddress lost = it->address;
            m_awaitingUpgrade.erase(it);
            release(lost);
        }
    });
    connect(socket, &QAbstractSocket::disconnected, this, [socket] { socket->deleteLater(); });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectRequestHead(socket); });
    // A client that does not complete the HTTP upgrade in time (slowloris) is cut; this timer also
    // covers Qt's own upgrade step, whatever Qt does with a socket whose upgrade fails.
    QTimer::singleShot(m_config.handshakeTimeout, this, [this, key, host] {
        const auto it = m_awaitingUpgrade.constFind(key);
        if (it == m_awaitingUpgrade.cend() || !it->socket)
            return;
        log().info(u"connection dropped: no WebSocket upgrade within the handshake timeout"_s, {{u"addr"_s, host}});
        QTcpSocket* late = it->socket;
        late->abort();
        late->deleteLater();
    });
    if (socket->bytesAvailable() > 0)
        inspectRequestHead(socket);
}

void InboundGate::inspectRequestHead(QTcpSocket* socket)
{
    const QByteArray head = socket->peek(kMaxRequestHead);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() >= kMaxRequestHead)
            refuse(socket, 431, "Request header fields too large\n", u"oversized HTTP request head"_s);
        return;
    }
    // Only the request line matters here; QWebSocketServer parses and validates the rest.
    const QList<QByteArray> requestLine = head.first(head.indexOf("\r\n")).split(' ');
    const QByteArray target = requestLine.size() == 3 ? requestLine.at(1) : QByteArray();
    const QString path = QUrl(QString::fromLatin1(target)).path();
    if (path != m_config.wsPath) {
        refuse(socket, 404, "404 page not found\n", u"unknown path"_s);
        return;
    }
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    disconnect(socket, &QAbstractSocket::disconnected, this, nullptr);
    m_webSocketServer->handleConnection(socket);
}

void InboundGate::refuse(QTcpSocket* socket, int status, const QByteArray& body, const QString& logReason)
{
    const QHostAddress address = socket->peerAddress();
    log().warn(u"connection refused"_s,
               {{u"addr"_s, address.toString()}, {u"status"_s, status}, {u"reason"_s, logReason}});
    Q_EMIT refused(address, status, logReason);

    // Admitted sockets (404/431 after admission) give their slot back when destroyed; refused ones at
    // the door were never counted.
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    disconnect(socket, &QAbstractSocket::disconnected, this, nullptr);
    if (m_refusing >= kMaxRefusing) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_refusing;
    connect(socket, &QObject::destroyed, this, [this] { --m_refusing; });
    const QByteArray reasonPhrase = status == 503   ? QByteArrayLiteral("Service Unavailable")
                                    : status == 404 ? QByteArrayLiteral("Not Found")
                                                    : QByteArrayLiteral("Request Header Fields Too Large");
    const QByteArray response = httpResponse(status, reasonPhrase, body);
    // Answer once the client has sent its request (as an HTTP server does), so the response is not
    // lost to a reset; a client that never sends one is cut at the deadline.
    auto answer = [socket, response] {
        if (socket->property("lethean.answered").toBool())
            return;
        if (socket->peek(kMaxRequestHead).contains("\r\n\r\n") || socket->bytesAvailable() >= kMaxRequestHead) {
            socket->setProperty("lethean.answered", true);
            socket->readAll();
            socket->write(response);
            socket->disconnectFromHost();
        }
    };
    connect(socket, &QTcpSocket::readyRead, socket, answer);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    auto* deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, socket, [socket] { socket->abort(); socket->deleteLater(); });
    deadline->start(m_config.handshakeTimeout);
    answer();
}

void InboundGate::onWebSocketUpgraded()
{
    while (QWebSocket* socket = m_webSocketServer->nextPendingConnection()) {
        const auto it = m_awaitingUpgrade.find(socketKey(socket->peerAddress(), socket->peerPort()));
        if (it == m_awaitingUpgrade.end()) {
            // Not admitted by us (cannot happen: only handleConnection feeds the server). Refuse it.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        const QHostAddress address = it->address;
        const auto elapsed = std::chrono::milliseconds(it->since.elapsed());
        if (it->socket)
            disconnect(it->socket, nullptr, this, nullptr); // Qt owns it now
        m_awaitingUpgrade.erase(it); // accounting passes to the transport: markAuthenticated/markDropped
        socket->setParent(this); // freed with the gate unless the receiver takes it over
        socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(m_config.maxMessageSize));
        socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_config.maxMessageSize));
        const auto remaining = std::max(std::chrono::milliseconds(1), m_config.handshakeTimeout - elapsed);
        Q_EMIT webSocketReady(socket, address, remaining);
    }
}

void InboundGate::release(const QHostAddress& address)
{
    const QString host = address.toString();
    --m_pendingTotal;
    if (auto it = m_pendingByAddress.find(host); it != m_pendingByAddress.end() && --it.value() <= 0)
        m_pendingByAddress.erase(it);
}

void InboundGate::markAuthenticated(const QHostAddress& address)
{
    release(address);
    ++m_established;
}

void InboundGate::markDropped(const QHostAddress& address)
{
    release(address);
}

void InboundGate::markEstablishedClosed()
{
    if (m_established > 0)
        --m_established;
}

} // namespace lethean::node
