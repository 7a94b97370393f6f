#pragma once

#include "node/connected_peer.h"
#include "node/controller.h"
#include "node/log_line.h"
#include "node/mining_profile.h"
#include "node/node.h"
#include "node/pairing_code.h"
#include "node/peer.h"
#include "node/peer_auth_mode.h"
#include "node/registry_error.h"
#include "node/transport.h"
#include "ueps/result.h"
#include "ui/node_info.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>
#include <QString>
#include <QThread>
#include <chrono>
#include <functional>
#include <memory>
#include <type_traits>

namespace lethean::ui {

namespace detail {
// What onNode() hands back for a lambda that returns R: R itself, or X when R is QFuture<X> (the node's
// own asynchronous calls, such as Transport::connectToPeer, are chained rather than nested).
template <typename R> struct NodeCallValue
{
    using Type = R;
    static constexpr bool isFuture = false;
};
template <typename X> struct NodeCallValue<QFuture<X>>
{
    using Type = X;
    static constexpr bool isFuture = true;
};
} // namespace detail

// The one door from the GUI to the node (Bitcoin Core's interfaces::Node + ClientModel; DESIGN.md,
// "Threads"). It owns the node thread, creates the node there (so the node's QObjects, sockets and timers
// belong to it) and destroys it there. The GUI gets only value snapshots: signals, always emitted on the
// GUI thread, and commands that return a QFuture which the caller continues on its own thread with
// `future.then(this, …)`. Nothing here blocks the GUI thread except shutdown(), which waits a bounded time
// for the node to say goodbye to its peers and write its files.
//
// Use from the GUI thread only (the thread the client was made on).
class NodeClient : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,  // not started yet, or shut down
        Starting, // start() was called; nodeStarted or nodeFailed follows
        Running,  // the node exists (it may still fail to listen: NodeInfo::listenError)
        Failed    // Node::create failed (the data dir is in use, the identity is unreadable)
    };

    // How long shutdown() lets the node close its connections before it is destroyed anyway.
    static constexpr std::chrono::milliseconds kGoodbyeTime{500};

    explicit NodeClient(QObject* parent = nullptr);
    // Shuts the node down if it still runs.
    ~NodeClient() override;

    // Creates and starts the node on the node thread: nodeStarted or nodeFailed follows.
    void start(node::NodeOptions options);
    // Stops the node (goodbye to every peer, peers.json flushed), destroys it on its thread and ends the
    // thread. Commands still in flight finish or are cancelled; commands after this are cancelled. Safe
    // to call more than once.
    void shutdown();

    State state() const { return m_state; }
    // Valid once nodeStarted was emitted.
    const NodeInfo& info() const { return m_info; }
    // Why the node could not be created (State::Failed).
    const QString& failure() const { return m_failure; }
    // The log sink's lines from before this client existed; later ones arrive through logLine(). Taken
    // together with the subscription, before the node thread starts, so no line is lost or doubled.
    const QList<node::LogLine>& logBacklog() const { return m_logBacklog; }

    // --- Commands. Each runs on the node thread; the future is cancelled when there is no node. ---------
    QFuture<Result<node::Peer, node::PairingCodeError>> addPeerFromPairingCode(const QString& code);
    // Disconnects the peer, forgets it and takes its key off the allowlist.
    QFuture<Result<void, node::RegistryError>> removePeer(const QString& peerId);
    QFuture<Result<void, node::RegistryError>> setAuthMode(node::PeerAuthMode mode);
    // Dials the peer's address, then each alternate address, expecting its ID; an already connected peer
    // is reported as connected.
    QFuture<node::ConnectOutcome> reconnect(const QString& peerId);
    QFuture<void> disconnectPeer(const QString& peerId);
    // Lets a peer that has spoken protocol 2.0 connect over 1.0 again (downgrade protection off for it).
    QFuture<Result<node::Peer, node::RegistryError>> setProtocolDowngradeAllowed(const QString& peerId, bool allowed);

    // --- Mining. A rig ID that is this node's own (NodeInfo::id) means the miners on this computer, which
    // the dashboard shows as a rig like any other; every other ID goes to the peer through the controller.
    // Stats of every connected peer and of this node (when it runs miners), one result each.
    QFuture<QList<node::PeerStatsResult>> getAllStats();
    QFuture<node::ControllerResult<node::MinerAckPayload>> startMiner(const QString& rigId,
                                                                     const node::MiningProfile& profile);
    QFuture<node::ControllerResult<node::MinerAckPayload>> stopMiner(const QString& rigId, const QString& minerName);
    QFuture<node::ControllerResult<node::LogsPayload>> getLogs(const QString& rigId, const QString& minerName,
                                                               int lines);
    // The tray's local miner: starts the profile this computer last mined, else its first profile.
    QFuture<node::ControllerResult<node::MinerAckPayload>> startLocalMiner();
    // Stops every miner on this computer.
    QFuture<void> stopLocalMiners();
    // Stops every miner on every connected rig and on this computer ("pause all"); the number of miners
    // stopped, failures logged.
    QFuture<int> stopAllMiners();
    // The profile sealed for each rig (Controller::deployProfile); deployProgress() reports each rig's
    // bytes. This computer gets the profile saved directly.
    QFuture<QList<node::PeerDeployResult>> deployProfile(const node::MiningProfile& profile, const QStringList& rigIds);

    // This node's own profiles (the profiles folder); profilesChanged() follows every change.
    QFuture<QList<node::MiningProfile>> profiles();
    QFuture<Result<void, QString>> saveProfile(const node::MiningProfile& profile);
    QFuture<Result<void, QString>> removeProfile(const QString& name);

    // A profile to and from a passphrase-sealed file (Argon2id: a fraction of a second), on a worker
    // thread of the global pool: no node needed, the GUI thread never waits.
    static QFuture<Result<void, QString>> exportProfile(const node::MiningProfile& profile, const QString& path,
                                                        const QString& passphrase);
    static QFuture<Result<node::MiningProfile, QString>> importProfile(const QString& path, const QString& passphrase);

Q_SIGNALS:
    void nodeStarted(const lethean::ui::NodeInfo& info);
    void nodeFailed(const QString& error);
    void nodeStopped();
    // The whole peer list (once after the start); then one peerChanged per added or updated peer.
    void peersReset(const QList<lethean::node::Peer>& peers);
    void peerChanged(const lethean::node::Peer& peer);
    void peerRemoved(const QString& peerId);
    void authModeChanged(lethean::node::PeerAuthMode mode);
    // The keys (32 raw bytes each) in the allowlist, whenever it changes.
    void allowlistChanged(const QList<QByteArray>& keys);
    void logLine(const lethean::node::LogLine& line);
    void deployProgress(const QString& rigId, qint64 bytesSent, qint64 totalBytes);
    void profilesChanged(const QList<lethean::node::MiningProfile>& profiles);

private:
    // Runs work(node::Node&) on the node thread and returns its result as a future; a work that returns
    // QFuture<X> gives QFuture<X>, finished when the node's own future is. The future is cancelled when
    // there is no node (not started, failed, or shut down) or the node thread ends first. New commands
    // (the controller's stats, miners, deploy) are one-line wrappers around this.
    template <typename Work> auto onNode(Work&& work);

    // Node thread.
    void createNode(node::NodeOptions options);
    void watchNode();
    void stopNode(QObject* context);
    void finishNode(QObject* context);
    // A mining command for a rig: onLocal(MinerSupervisor&) when the rig is this computer, onRemote(
    // Controller&) for any other, or the role's refusal when this node has no miners or no controller.
    // Defined in the .cpp, the only place that instantiates it.
    template <typename T, typename Local, typename Remote>
    QFuture<node::ControllerResult<T>> onRig(const QString& rigId, Local onLocal, Remote onRemote);
    static QString noMinersError();
    static QString noControllerError();
    // Node thread: how many of the stops succeeded, once all have answered.
    static QFuture<int> countStopped(QList<QFuture<bool>> stops);
    QFuture<node::ConnectOutcome> dialInTurn(const QStringList& addresses, const QString& peerId);
    // GUI thread: runs f there (queued), for the node thread's reports.
    template <typename F> void onGuiThread(F&& f)
    {
        QMetaObject::invokeMethod(this, std::forward<F>(f), Qt::QueuedConnection);
    }
    void assertGuiThread() const;

    State m_state = State::Stopped;
    NodeInfo m_info;
    QString m_failure;
    QList<node::LogLine> m_logBacklog;

    QThread* m_thread = nullptr;
    // Lives on the node thread: the receiver that makes invokeMethod run a lambda there. Null once the
    // shutdown is under way, which is how commands after it know to cancel.
    QObject* m_nodeContext = nullptr;
    // Touched only on the node thread (created, used and destroyed there).
    std::unique_ptr<node::Node> m_node;
    bool m_nodeStopping = false; // node thread: stop() is under way, dial nothing new
};

template <typename Work> auto NodeClient::onNode(Work&& work)
{
    using Returned = std::invoke_result_t<Work&, node::Node&>;
    using Value = typename detail::NodeCallValue<Returned>::Type;
    assertGuiThread();
    auto promise = std::make_shared<QPromise<Value>>();
    QFuture<Value> future = promise->future();
    promise->start();
    if (!m_nodeContext) {
        future.cancel();
        promise->finish();
        return future;
    }
    // A promise that is destroyed unfinished (the node thread ended before running this) cancels itself.
    QMetaObject::invokeMethod(
        m_nodeContext,
        [this, promise, work = std::forward<Work>(work)]() mutable {
            if (!m_node) {
                promise->future().cancel();
                promise->finish();
                return;
            }
            if constexpr (detail::NodeCallValue<Returned>::isFuture) {
                // Continued on the node thread as soon as the node's future finishes (cancelled with it).
                work(*m_node).then(QtFuture::Launch::Sync, [promise](QFuture<Value> done) {
                    if constexpr (!std::is_void_v<Value>)
                        promise->addResult(done.result());
                    promise->finish();
                });
            } else if constexpr (std::is_void_v<Value>) {
                work(*m_node);
                promise->finish();
            } else {
                promise->addResult(work(*m_node));
                promise->finish();
            }
        },
        Qt::QueuedConnection);
    return future;
}

} // namespace lethean::ui
