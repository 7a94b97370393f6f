#include "ui/node_client.h"

#include "node/bundle_key.h"
#include "node/bundle_opener.h"
#include "node/bundle_sealer.h"
#include "node/log_categories.h"
#include "node/log_sink.h"
#include "node/logger.h"
#include "node/peer_registry.h"
#include "node/profile_store.h"
#include "node/worker.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>
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

bool isLocalRig(node::Node& node, const QString& rigId)
{
    return rigId == node.identity().id();
}

node::ControllerError refusal(const QString& message)
{
    return node::ControllerError{node::ControllerError::Kind::Refused, 0, message};
}

node::ControllerResult<node::MinerAckPayload> toAck(const node::MinerActionOutcome& outcome)
{
    if (!outcome.ok)
        return fail(refusal(outcome.error));
    node::MinerAckPayload ack;
    ack.success = true;
    ack.minerName = outcome.minerName;
    return ack;
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
    const QList<node::MiningProfile> profiles = m_node->profiles().profiles();
    // Posted after watchNode()'s connections exist and before any change they report can be: the GUI
    // gets the snapshot first and every later change after it.
    onGuiThread([this, info, peers, keys, profiles] {
        m_state = State::Running;
        m_info = info;
        Q_EMIT authModeChanged(info.authMode);
        Q_EMIT allowlistChanged(keys);
        Q_EMIT peersReset(peers);
        Q_EMIT profilesChanged(profiles);
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
    node::ProfileStore* store = &m_node->profiles();
    auto postProfiles = [this, store] {
        const QList<node::MiningProfile> profiles = store->profiles();
        onGuiThread([this, profiles] { Q_EMIT profilesChanged(profiles); });
    };
    connect(store, &node::ProfileStore::profileSaved, m_nodeContext, postProfiles);
    connect(store, &node::ProfileStore::profileRemoved, m_nodeContext, postProfiles);
    if (node::Controller* controller = m_node->controller()) {
        connect(controller, &node::Controller::deployProgress, this,
                [this](const QString& peerId, const QString&, qint64 sent, qint64 total) {
                    Q_EMIT deployProgress(peerId, sent, total);
                });
    }
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

QFuture<Result<node::Peer, node::RegistryError>> NodeClient::setProtocolDowngradeAllowed(const QString& peerId,
                                                                                        bool allowed)
{
    return onNode([peerId, allowed](node::Node& node) {
        return node.registry().setProtocolDowngradeAllowed(peerId, allowed);
    });
}

QFuture<QList<node::PeerStatsResult>> NodeClient::getAllStats()
{
    return onNode([](node::Node& node) -> QFuture<QList<node::PeerStatsResult>> {
        QList<node::PeerStatsResult> local;
        if (node.worker())
            local.append({node.identity().id(), tr("%1 (this computer)").arg(node.identity().name()),
                          node.worker()->localStats()});
        if (!node.controller())
            return QtFuture::makeReadyFuture(local);
        return node.controller()->getAllStats().then(
            QtFuture::Launch::Sync,
            [local](const QList<node::PeerStatsResult>& remote) { return local + remote; });
    });
}

template <typename T, typename Local, typename Remote>
QFuture<node::ControllerResult<T>> NodeClient::onRig(const QString& rigId, Local onLocal, Remote onRemote)
{
    using Answer = node::ControllerResult<T>;
    return onNode([rigId, onLocal, onRemote](node::Node& node) -> QFuture<Answer> {
        if (isLocalRig(node, rigId)) {
            if (!node.miners())
                return QtFuture::makeReadyFuture(Answer(fail(refusal(noMinersError()))));
            return onLocal(*node.miners());
        }
        if (!node.controller())
            return QtFuture::makeReadyFuture(Answer(fail(refusal(noControllerError()))));
        return onRemote(*node.controller());
    });
}

QString NodeClient::noMinersError()
{
    return tr("this node runs no miners (controller role)");
}

QString NodeClient::noControllerError()
{
    return tr("this node cannot control rigs (worker role)");
}

QFuture<node::ControllerResult<node::MinerAckPayload>> NodeClient::startMiner(const QString& rigId,
                                                                             const node::MiningProfile& profile)
{
    return onRig<node::MinerAckPayload>(
        rigId,
        [profile](node::MinerSupervisor& miners) {
            return miners.startMiner(profile).then(QtFuture::Launch::Sync, toAck);
        },
        [rigId, profile](node::Controller& controller) { return controller.startMiner(rigId, profile); });
}

QFuture<node::ControllerResult<node::MinerAckPayload>> NodeClient::stopMiner(const QString& rigId,
                                                                            const QString& minerName)
{
    return onRig<node::MinerAckPayload>(
        rigId,
        [minerName](node::MinerSupervisor& miners) {
            return miners.stopMiner(minerName).then(QtFuture::Launch::Sync, toAck);
        },
        [rigId, minerName](node::Controller& controller) { return controller.stopMiner(rigId, minerName); });
}

QFuture<node::ControllerResult<node::LogsPayload>> NodeClient::getLogs(const QString& rigId, const QString& minerName,
                                                                       int lines)
{
    using Logs = node::ControllerResult<node::LogsPayload>;
    return onRig<node::LogsPayload>(
        rigId,
        [minerName, lines](node::MinerSupervisor& miners) {
            const auto slice = miners.logs(minerName, lines, 0);
            if (!slice)
                return QtFuture::makeReadyFuture(Logs(fail(refusal(slice.error()))));
            node::LogsPayload logs;
            logs.minerName = minerName;
            logs.lines = slice->lines;
            logs.hasMore = slice->hasMore;
            return QtFuture::makeReadyFuture(Logs(logs));
        },
        [rigId, minerName, lines](node::Controller& controller) {
            return controller.getLogs(rigId, minerName, lines);
        });
}

QFuture<node::ControllerResult<node::MinerAckPayload>> NodeClient::startLocalMiner()
{
    using Ack = node::ControllerResult<node::MinerAckPayload>;
    return onNode([](node::Node& node) -> QFuture<Ack> {
        if (!node.miners())
            return QtFuture::makeReadyFuture(Ack(fail(refusal(noMinersError()))));
        std::optional<node::MiningProfile> profile = node.miners()->lastProfile();
        if (!profile) {
            const QList<node::MiningProfile> saved = node.profiles().profiles();
            if (saved.isEmpty())
                return QtFuture::makeReadyFuture(
                    Ack(fail(refusal(tr("there is no profile yet: create one on the Profiles page")))));
            profile = saved.constFirst();
        }
        return node.miners()->startMiner(*profile).then(QtFuture::Launch::Sync, toAck);
    });
}

QFuture<void> NodeClient::stopLocalMiners()
{
    return onNode([](node::Node& node) -> QFuture<void> {
        if (!node.miners())
            return QtFuture::makeReadyFuture();
        return node.miners()->stopAll();
    });
}

QFuture<int> NodeClient::stopAllMiners()
{
    return onNode([](node::Node& node) -> QFuture<int> {
        QList<QFuture<bool>> stops;
        if (node.miners()) {
            for (const node::MinerStatsItem& miner : node.miners()->stats()) {
                if (miner.isActive())
                    stops.append(node.miners()->stopMiner(miner.name).then(
                        QtFuture::Launch::Sync, [](const node::MinerActionOutcome& outcome) { return outcome.ok; }));
            }
        }
        node::Controller* controller = node.controller();
        if (!controller)
            return countStopped(stops);
        // The rigs' miners are known from their stats; each running one gets its stop_miner.
        return controller->getAllStats()
            .then(controller,
                  [controller, stops](const QList<node::PeerStatsResult>& rigs) mutable {
                      for (const node::PeerStatsResult& rig : rigs) {
                          if (!rig.stats)
                              continue;
                          for (const node::MinerStatsItem& miner : rig.stats->miners) {
                              if (!miner.isActive())
                                  continue;
                              const QString rigId = rig.peerId;
                              stops.append(controller->stopMiner(rigId, miner.name)
                                               .then(QtFuture::Launch::Sync,
                                                     [rigId](const node::ControllerResult<node::MinerAckPayload>& ack) {
                                                         if (!ack)
                                                             log().warn(u"pause all: a miner did not stop"_s,
                                                                        {{u"peer"_s, rigId},
                                                                         {u"error"_s, ack.error().message}});
                                                         return bool(ack);
                                                     }));
                          }
                      }
                      return countStopped(stops);
                  })
            .unwrap();
    });
}

QFuture<int> NodeClient::countStopped(QList<QFuture<bool>> stops)
{
    if (stops.isEmpty())
        return QtFuture::makeReadyFuture(0);
    return QtFuture::whenAll(stops.begin(), stops.end())
        .then(QtFuture::Launch::Sync, [](const QList<QFuture<bool>>& done) {
            int stopped = 0;
            for (const QFuture<bool>& one : done)
                stopped += one.isValid() && one.resultCount() > 0 && one.result() ? 1 : 0;
            return stopped;
        });
}

QFuture<QList<node::PeerDeployResult>> NodeClient::deployProfile(const node::MiningProfile& profile,
                                                                  const QStringList& rigIds)
{
    return onNode([this, profile, rigIds](node::Node& node) -> QFuture<QList<node::PeerDeployResult>> {
        QList<node::PeerDeployResult> local;
        QStringList remote;
        for (const QString& rigId : rigIds) {
            if (!isLocalRig(node, rigId)) {
                remote.append(rigId);
                continue;
            }
            // This computer: no bundle to seal, the profile goes straight into its store.
            const auto saved = node.profiles().saveProfile(profile);
            node::ControllerResult<node::DeployAckPayload> ack =
                saved ? node::ControllerResult<node::DeployAckPayload>(node::DeployAckPayload{true, profile.name, {}})
                      : node::ControllerResult<node::DeployAckPayload>(fail(refusal(saved.error())));
            local.append({rigId, ack});
            const qint64 size = profile.toJson().size();
            if (saved)
                onGuiThread([this, rigId, size] { Q_EMIT deployProgress(rigId, size, size); });
        }
        if (remote.isEmpty())
            return QtFuture::makeReadyFuture(local);
        if (!node.controller()) {
            for (const QString& rigId : std::as_const(remote))
                local.append({rigId, fail(refusal(noControllerError()))});
            return QtFuture::makeReadyFuture(local);
        }
        return node.controller()->deployProfileToMany(remote, profile).then(
            QtFuture::Launch::Sync, [local](const QList<node::PeerDeployResult>& results) { return local + results; });
    });
}

QFuture<QList<node::MiningProfile>> NodeClient::profiles()
{
    return onNode([](node::Node& node) { return node.profiles().profiles(); });
}

QFuture<Result<void, QString>> NodeClient::saveProfile(const node::MiningProfile& profile)
{
    return onNode([profile](node::Node& node) { return node.profiles().saveProfile(profile); });
}

QFuture<Result<void, QString>> NodeClient::removeProfile(const QString& name)
{
    return onNode([name](node::Node& node) { return node.profiles().removeProfile(name); });
}

QFuture<Result<void, QString>> NodeClient::exportProfile(const node::MiningProfile& profile, const QString& path,
                                                         const QString& passphrase)
{
    return QtConcurrent::run([profile, path, passphrase]() -> Result<void, QString> {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return fail(tr("cannot write %1: %2").arg(path, file.errorString()));
        const auto key = node::BundleKey::passphrase(passphrase.toUtf8());
        const auto sealed = node::BundleSealer::sealProfile(profile.toJson(), profile.name, key, file);
        if (!sealed)
            return fail(sealed.error().message);
        if (!file.commit())
            return fail(tr("cannot write %1: %2").arg(path, file.errorString()));
        return {};
    });
}

QFuture<Result<node::MiningProfile, QString>> NodeClient::importProfile(const QString& path, const QString& passphrase)
{
    return QtConcurrent::run([path, passphrase]() -> Result<node::MiningProfile, QString> {
        const auto key = node::BundleKey::passphrase(passphrase.toUtf8());
        const auto opened = node::BundleOpener().openFile(path, key, QString());
        if (!opened)
            return fail(opened.error().message);
        if (opened->type != node::BundleType::Profile)
            return fail(tr("%1 holds a miner or files, not a profile").arg(path));
        auto profile = node::MiningProfile::fromJson(opened->profile);
        if (!profile)
            return fail(tr("the profile in %1 is not valid: %2").arg(path, profile.error()));
        return *profile;
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
