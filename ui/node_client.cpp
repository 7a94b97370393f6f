#include "ui/node_client.h"

#include "node/log_categories.h"
#include "node/log_sink.h"
#include "node/logger.h"
#include "node/peer_registry.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
const node::Logger& log()
{
    static const node::Logger logger(node::lcUi());
    return logger;
}

// Longest wait for the node thread at shutdown (the node's own goodbye is capped at kGoodbyeTime); past
// it the process is exiting with a stuck node, and a stuck exit is worse than an unflushed one.
constexpr std::chrono::milliseconds kShutdownTimeout{10000};
constexpr std::chrono::milliseconds kGoodbyePoll{10};

NodeInfo snapshotInfo(node::Node& node, const QString& listenError)
{
    NodeInfo info;
    info.id = node.identity().id();
    info.name = node.identity().name();
    info.role = node::nodeRoleToString(node.identity().role());
    info.pairingCode = node.pairingCode();
    info.listeningAddresses = node.listeningAddresses();
    info.listenError = listenError;
    info.authMode = node.registry().authMode();
    info.dataDir = node.options().paths.dataHome();
    return info;
}
} // namespace

NodeClient::NodeClient(QObject* parent) : QObject(parent)
{
    // Backlog and subscription in one step on this thread, before any node thread exists: no other
    // thread can log between the two, so the log page sees every line exactly once.
    node::LogSink& sink = node::LogSink::instance();
    m_logBacklog = sink.recent();
    // Queued even for lines logged on this thread: a direct call would run inside Qt's message handler.
    connect(
        &sink, &node::LogSink::lineLogged, this, [this](const node::LogLine& line) { Q_EMIT logLine(line); },
        Qt::QueuedConnection);
}

NodeClient::~NodeClient()
{
    shutdown();
}

void NodeClient::assertGuiThread() const
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "NodeClient", "used from a thread other than its own");
}

void NodeClient::start(node::NodeOptions options)
{
    assertGuiThread();
    if (m_thread)
        return; // started already
    m_state = State::Starting;
    m_thread = new QThread;
    m_thread->setObjectName(u"lethean-node"_s);
    m_nodeContext = new QObject;
    m_nodeContext->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_nodeContext, [this, options = std::move(options)]() mutable { createNode(std::move(options)); },
        Qt::QueuedConnection);
}

void NodeClient::createNode(node::NodeOptions options)
{
    auto created = node::Node::create(std::move(options));
    if (!created) {
        const QString error = created.error();
        log().error(u"cannot create the node"_s, {{u"error"_s, error}});
        onGuiThread([this, error] {
            m_state = State::Failed;
            m_failure = error;
            Q_EMIT nodeFailed(error);
        });
        return;
    }
    m_node = std::move(*created);
    watchNode();
    const auto started = m_node->start();
    if (!started)
        log().error(u"the node is not listening"_s, {{u"error"_s, started.error()}});
    const NodeInfo info = snapshotInfo(*m_node, started ? QString() : started.error());
    const QList<node::Peer> peers = m_node->registry().peers();
    const QList<QByteArray> keys = m_node->registry().allowedKeys();
    // Posted after watchNode()'s connections exist and before any change they report can be: the GUI
    // gets the snapshot first and every later change after it.
    onGuiThread([this, info, peers, keys] {
        m_state = State::Running;
        m_info = info;
        Q_EMIT authModeChanged(info.authMode);
        Q_EMIT allowlistChanged(keys);
        Q_EMIT peersReset(peers);
        Q_EMIT nodeStarted(info);
    });
}

void NodeClient::watchNode()
{
    node::PeerRegistry* registry = &m_node->registry();
    // Receivers on this (GUI-thread) object: Qt queues each report to the GUI thread in emission order.
    connect(registry, &node::PeerRegistry::peerAdded, this,
            [this](const node::Peer& peer) { Q_EMIT peerChanged(peer); });
    connect(registry, &node::PeerRegistry::peerUpdated, this,
            [this](const node::Peer& peer) { Q_EMIT peerChanged(peer); });
    connect(registry, &node::PeerRegistry::peerRemoved, this,
            [this](const QString& id) { Q_EMIT peerRemoved(id); });
    connect(registry, &node::PeerRegistry::authModeChanged, this, [this](node::PeerAuthMode mode) {
        m_info.authMode = mode;
        Q_EMIT authModeChanged(mode);
    });
    // The signal carries nothing: read the keys here, on the node thread, and post the copy.
    connect(registry, &node::PeerRegistry::allowlistChanged, m_nodeContext, [this, registry] {
        const QList<QByteArray> keys = registry->allowedKeys();
        onGuiThread([this, keys] { Q_EMIT allowlistChanged(keys); });
    });
}

QFuture<Result<node::Peer, node::PairingCodeError>> NodeClient::addPeerFromPairingCode(const QString& code)
{
    return onNode([code](node::Node& node) { return node.registry().addFromPairingCode(code); });
}

QFuture<Result<void, node::RegistryError>> NodeClient::removePeer(const QString& peerId)
{
    return onNode([peerId](node::Node& node) -> Result<void, node::RegistryError> {
        const auto peer = node.registry().peer(peerId);
        if (node.transport().isConnected(peerId))
            node.transport().disconnectPeer(peerId, u"removed by the user"_s);
        if (peer && !peer->publicKey.isEmpty() && node.registry().isKeyAllowed(peer->publicKey)) {
            if (auto revoked = node.registry().revokeKey(peer->publicKey); !revoked)
                return revoked;
        }
        return node.registry().removePeer(peerId);
    });
}

QFuture<Result<void, node::RegistryError>> NodeClient::setAuthMode(node::PeerAuthMode mode)
{
    return onNode([mode](node::Node& node) { return node.registry().setAuthMode(mode); });
}

QFuture<node::ConnectOutcome> NodeClient::reconnect(const QString& peerId)
{
    return onNode([this, peerId](node::Node& node) -> QFuture<node::ConnectOutcome> {
        for (const node::ConnectedPeer& connected : node.transport().connectedPeers()) {
            if (connected.id() == peerId)
                return QtFuture::makeReadyFuture(node::ConnectOutcome{true, connected, QString()});
        }
        const auto peer = node.registry().peer(peerId);
        if (!peer)
            return QtFuture::makeReadyFuture(
                node::ConnectOutcome{false, {}, tr("this peer is not known any more")});
        QStringList addresses = peer->alternateAddresses;
        if (!peer->address.isEmpty())
            addresses.prepend(peer->address);
        addresses.removeDuplicates();
        if (addresses.isEmpty())
            return QtFuture::makeReadyFuture(node::ConnectOutcome{
                false, {}, tr("no address is known for this peer: it has only ever connected to us")});
        return dialInTurn(addresses, peerId);
    });
}

QFuture<node::ConnectOutcome> NodeClient::dialInTurn(const QStringList& addresses, const QString& peerId)
{
    auto promise = std::make_shared<QPromise<node::ConnectOutcome>>();
    promise->start();
    QFuture<node::ConnectOutcome> future = promise->future();
    // One address after the other (a pairing code lists every address of the machine: some may be on
    // another network), stopping at the first that answers with the right key.
    auto dialNext = std::make_shared<std::function<void(int, QStringList)>>();
    *dialNext = [this, promise, addresses, peerId, weakNext = std::weak_ptr(dialNext)](int index,
                                                                                       QStringList errors) {
        if (!m_node || m_nodeStopping || index == addresses.size()) {
            promise->addResult(node::ConnectOutcome{false, {}, errors.join(u"; "_s)});
            promise->finish();
            return;
        }
        const QString address = addresses.at(index);
        m_node->transport()
            .connectToPeer(address, peerId)
            .then(QtFuture::Launch::Sync, [promise, address, index, errors, next = weakNext.lock()](
                                              const node::ConnectOutcome& outcome) mutable {
                if (outcome.ok) {
                    promise->addResult(outcome);
                    promise->finish();
                    return;
                }
                errors.append(address + u": "_s + outcome.error);
                (*next)(index + 1, errors);
            });
    };
    (*dialNext)(0, {});
    return future;
}

QFuture<void> NodeClient::disconnectPeer(const QString& peerId)
{
    return onNode([peerId](node::Node& node) {
        node.transport().disconnectPeer(peerId, u"disconnected by the user"_s);
    });
}

void NodeClient::shutdown()
{
    assertGuiThread();
    if (!m_thread)
        return;
    QObject* context = std::exchange(m_nodeContext, nullptr); // from here on, new commands are cancelled
    QMetaObject::invokeMethod(
        context, [this, context] { stopNode(context); }, Qt::QueuedConnection);
    // The GUI thread's only wait on the node: at exit, bounded, while the node closes its connections
    // (kGoodbyeTime at most) and flushes peers.json. The node thread never waits for this thread, so this
    // cannot deadlock.
    if (!m_thread->wait(QDeadlineTimer(kShutdownTimeout))) {
        log().error(u"the node thread did not stop in time; leaving it to the process exit"_s,
                    {{u"waitedMs"_s, qint64(kShutdownTimeout.count())}});
        m_thread = nullptr; // deliberately leaked: destroying a running QThread aborts the process
        return;
    }
    delete m_thread;
    m_thread = nullptr;
    const bool wasRunning = m_state == State::Running;
    m_state = State::Stopped;
    if (wasRunning)
        Q_EMIT nodeStopped();
}

void NodeClient::stopNode(QObject* context)
{
    if (!m_node) {
        finishNode(context);
        return;
    }
    m_nodeStopping = true;
    m_node->stop(); // a goodbye to every peer; the close frames leave while this thread's loop runs
    const QDeadlineTimer deadline(kGoodbyeTime);
    auto* poll = new QTimer(context);
    poll->setInterval(kGoodbyePoll);
    connect(poll, &QTimer::timeout, context, [this, context, poll, deadline] {
        if (m_node->transport().connectionCount() > 0 && !deadline.hasExpired())
            return;
        poll->stop();
        finishNode(context);
    });
    poll->start();
}

void NodeClient::finishNode(QObject* context)
{
    m_node.reset();         // its destructor flushes the registry again (a no-op when nothing changed)
    context->deleteLater(); // run when the thread finishes (QThread deletes deferred objects on exit)
    QThread::currentThread()->quit();
}

} // namespace lethean::ui
