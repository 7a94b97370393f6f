#include "node/peer_connection.h"

#include "node/log_categories.h"
#include "node/logger.h"

#include <QAbstractEventDispatcher>
#include <QDateTime>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
const Logger& log()
{
    static const Logger logger(lcTransport());
    return logger;
}
} // namespace

PeerConnection::PeerConnection(QWebSocket* socket, ConnectedPeer peer, std::unique_ptr<FrameCodec> codec,
                               QString selfId, const TransportConfig& config, QObject* parent)
    : QObject(parent), m_socket(socket), m_peer(std::move(peer)), m_codec(std::move(codec)),
      m_selfId(std::move(selfId)), m_config(config),
      m_bucket(config.rateLimitBurst, config.rateLimitPerSecond)
{
    m_socket->setParent(this);
    m_peer.protocolVersion = m_codec->protocolVersion();
    m_peer.forwardSecrecy = m_codec->hasForwardSecrecy();
    m_lastActivity.start();

    // Go reads any data frame type after the handshake; a Go peer only sends binary ones.
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &PeerConnection::onFrame);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString& text) { onFrame(text.toUtf8()); });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        const QString reason = m_socket->closeReason().isEmpty()
                                   ? u"connection closed (code %1)"_s.arg(static_cast<int>(m_socket->closeCode()))
                                   : m_socket->closeReason();
        finish(reason);
    });

    m_keepalive.setInterval(m_config.pingInterval);
    connect(&m_keepalive, &QTimer::timeout, this, &PeerConnection::onKeepaliveTick);
    m_keepalive.start();
}

PeerConnection::~PeerConnection()
{
    if (!m_closed) {
        m_closed = true;
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

bool PeerConnection::admitByRate()
{
    if (!m_config.rateLimitEnabled || m_bucket.tryTake())
        return true;
    // One WARN a second at most, with the count, so a flood cannot flood the log as well.
    ++m_rateDropped;
    if (!m_lastRateWarning.isValid() || m_lastRateWarning.elapsed() >= 1000) {
        log().warn(u"rate limited: frames dropped"_s, {{u"peer"_s, m_peer.id()}, {u"dropped"_s, m_rateDropped}});
        m_rateDropped = 0;
        m_lastRateWarning.start();
    }
    return false;
}

void PeerConnection::onFrame(const QByteArray& frame)
{
    if (m_closed)
        return;
    m_lastActivity.start(); // any complete frame counts, before rate limiting and decryption (as Go)
    if (!admitByRate())
        return;
    auto json = m_codec->open(frame);
    if (!json && m_codec->isFatalOnFailure()) {
        log().warn(u"frame rejected: closing the connection"_s,
                   {{u"peer"_s, m_peer.id()}, {u"error"_s, json.error().message}});
        abort(u"undecryptable frame: "_s + json.error().message);
        return;
    }
    if (!json) {
        // Go drops undecryptable frames and keeps the connection; so do we (a replayed or corrupted
        // frame must not let an attacker on the path cut a link it cannot read).
        log().warn(u"frame dropped: cannot decrypt"_s, {{u"peer"_s, m_peer.id()}, {u"error"_s, json.error().message}});
        return;
    }
    auto message = Message::fromJson(*json);
    if (!message) {
        log().warn(u"frame dropped: malformed message"_s,
                   {{u"peer"_s, m_peer.id()}, {u"error"_s, message.error().message}});
        return;
    }
    Q_EMIT messageDecoded(this, *message);
}

Result<void, QString> PeerConnection::send(const Message& message)
{
    if (m_closed)
        return fail(u"connection to %1 is closed"_s.arg(m_peer.id()));
    auto frame = m_codec->seal(message.toJson());
    if (!frame)
        return fail(u"cannot encrypt for %1: %2"_s.arg(m_peer.id(), frame.error().message));
    if (frame->size() > m_config.maxMessageSize)
        return fail(u"message of %1 bytes exceeds the %2-byte limit"_s.arg(frame->size()).arg(m_config.maxMessageSize));
    if (m_socket->sendBinaryMessage(*frame) != frame->size())
        return fail(u"cannot send to %1: %2"_s.arg(m_peer.id(), m_socket->errorString()));
    flushSoon();
    return {};
}

void PeerConnection::flushSoon()
{
    // The first frame of a burst goes to the kernel at once (non-blocking; what does not fit goes out
    // later): left to Qt, the bytes wait for the next event-loop pass with a write notifier switched on
    // and off around them, measured as a fifth of the CPU of a request on either side
    // (bench_controller). Frames sent before the event loop next waits join one flush just before it
    // does: a write() per frame cost a system call and a notifier toggle each, about a tenth of a 1 KiB
    // message's CPU in a stream (bench_transport's one-way benchmarks). aboutToBlock, not a posted
    // event: posting wakes the event dispatcher through its eventfd, two more system calls per message
    // on the latency path. Should the loop never wait, Qt's write notifier still sends the bytes.
    if (m_flushPending)
        return;
    m_socket->flush();
    auto* dispatcher = QAbstractEventDispatcher::instance(thread());
    if (!dispatcher)
        return;
    m_flushPending = true;
    connect(
        dispatcher, &QAbstractEventDispatcher::aboutToBlock, this,
        [this] {
            m_flushPending = false;
            if (!m_closed)
                m_socket->flush();
        },
        Qt::SingleShotConnection);
}

void PeerConnection::closeGracefully(const QString& reason, DisconnectCode code)
{
    if (m_closed)
        return;
    DisconnectPayload payload;
    payload.reason = reason;
    payload.code = static_cast<qint64>(code);
    if (const auto sent = send(Message::create(m_selfId, m_peer.id(), payload)); !sent)
        log().debug(u"disconnect notice not sent"_s, {{u"peer"_s, m_peer.id()}, {u"error"_s, sent.error()}});
    disconnect(m_socket, &QWebSocket::disconnected, this, nullptr); // our reason, not the socket's
    m_socket->flush(); // the notice must leave even when the event loop is about to stop
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, reason);
    finish(reason);
}

void PeerConnection::abort(const QString& reason)
{
    if (m_closed)
        return;
    disconnect(m_socket, &QWebSocket::disconnected, this, nullptr); // our reason, not the socket's
    m_socket->abort();
    finish(reason);
}

void PeerConnection::onKeepaliveTick()
{
    if (m_lastActivity.elapsed() > m_config.keepaliveDeadline().count()) {
        log().info(u"keepalive timeout: peer silent"_s,
                   {{u"peer"_s, m_peer.id()}, {u"silentMs"_s, m_lastActivity.elapsed()}});
        abort(u"keepalive timeout"_s);
        return;
    }
    PingPayload ping;
    ping.sentAt = QDateTime::currentMSecsSinceEpoch();
    if (const auto sent = send(Message::create(m_selfId, m_peer.id(), ping)); !sent)
        abort(u"keepalive ping failed: "_s + sent.error());
}

void PeerConnection::finish(const QString& reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_keepalive.stop();
    Q_EMIT closed(this, reason);
}

} // namespace lethean::node
