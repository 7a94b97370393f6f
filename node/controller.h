#pragma once

#include "node/connected_peer.h"
#include "node/controller_config.h"
#include "node/controller_error.h"
#include "node/logger.h"
#include "node/message.h"
#include "node/mining_profile.h"
#include "node/payloads.h"
#include "ueps/result.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPromise>
#include <QString>

#include <memory>

namespace lethean::node {

class NodeIdentity;
class PeerRegistry;
class Transport;

template <typename T> using ControllerResult = Result<T, ControllerError>;

// One peer's answer to a deploy in deployToMany().
struct PeerDeployResult
{
    QString peerId;
    ControllerResult<DeployAckPayload> ack;
};

// One peer's answer in a fan-out (getAllStats): its stats, or why not.
struct PeerStatsResult
{
    QString peerId;
    QString peerName;
    ControllerResult<StatsPayload> stats;
};

// Requests to remote nodes (go-p2p's Controller, WIRE.md §7.1): each returns a QFuture that finishes
// with the typed reply or a ControllerError, on the node thread. Replies are matched by replyTo and
// must come from the peer asked, with the expected type (or `error`); a reply that is late, from the
// wrong peer, of the wrong type or a second one is dropped and logged, never delivered (Go delivers by
// replyTo alone and can panic on a late one: WIRE.md §13.6). Scores move as the spec's deltas say:
// a reply +1, an error or refusal −5 (RecordFailure), a timeout −3 (RecordTimeout); ping sets pingMs.
// A peer that is not connected is connected first, at the address the registry knows.
class Controller : public QObject
{
    Q_OBJECT

public:
    Controller(const NodeIdentity& identity, Transport& transport, PeerRegistry& registry,
               ControllerConfig config = {}, QObject* parent = nullptr);
    ~Controller() override;

    const ControllerConfig& config() const { return m_config; }
    void setConfig(const ControllerConfig& config) { m_config = config; }

    QFuture<ControllerResult<StatsPayload>> getStats(const QString& peerId);
    // Sends the profile itself as start_miner's config (the worker validates it again).
    QFuture<ControllerResult<MinerAckPayload>> startMiner(const QString& peerId, const MiningProfile& profile);
    // Asks the worker to start one of its own stored profiles.
    QFuture<ControllerResult<MinerAckPayload>> startMinerProfile(const QString& peerId, const QString& minerType,
                                                                 const QString& profileName);
    QFuture<ControllerResult<MinerAckPayload>> stopMiner(const QString& peerId, const QString& minerName);
    // lines <= 0: the worker's maximum; sinceMs 0: no filter. minerName "audit": the worker's audit log.
    QFuture<ControllerResult<LogsPayload>> getLogs(const QString& peerId, const QString& minerName, int lines = 100,
                                                   qint64 sinceMs = 0);
    // The round trip in milliseconds; also stored as the peer's pingMs.
    QFuture<ControllerResult<double>> ping(const QString& peerId);
    // One deploy message as it is (Go's deploy; the bundle must fit one message).
    QFuture<ControllerResult<DeployAckPayload>> deploy(const QString& peerId, const DeployPayload& bundle);
    // A bundle of any size: one message when it fits (kSingleDeployLimit), else a chunked transfer
    // (2.0 peers only; docs/protocol.md "Chunked deploy"), chunk by chunk, each acknowledged, with
    // deployProgress() after each. A failed chunk fails the whole deploy; the worker then drops
    // what it had, so nothing partial is ever applied.
    QFuture<ControllerResult<DeployAckPayload>> deployBundle(const QString& peerId, const QString& type,
                                                             const QString& name, const QByteArray& bundle);
    // deployBundle() to several peers at once (each bundle sealed for its peer), one result per peer.
    QFuture<QList<PeerDeployResult>> deployToMany(const QHash<QString, QByteArray>& bundleByPeer, const QString& type,
                                                  const QString& name);
    // A profile to a peer, in the form its link reads: sealed to its key (our format) on a 2.0 link, STIM
    // with the connection's shared secret on a 1.0 link (a go-p2p worker reads only that). Connects first
    // when needed, since the link's version decides the form.
    QFuture<ControllerResult<DeployAckPayload>> deployProfile(const QString& peerId, const MiningProfile& profile);
    // deployProfile() to several peers at once, one result per peer, in peer-ID order.
    QFuture<QList<PeerDeployResult>> deployProfileToMany(const QStringList& peerIds, const MiningProfile& profile);
    // get_stats to every connected peer at once; one result per peer (errors included), in peer-ID
    // order, when the last has answered or timed out.
    QFuture<QList<PeerStatsResult>> getAllStats();

    // Any request type, for extensions (bundle chunks): the reply of `expected` type (or an error).
    QFuture<ControllerResult<Message>> request(const QString& peerId, MessageType type, const QByteArray& payloadJson,
                                               MessageType expected, std::chrono::milliseconds timeout);

    // A deploy payload of this many bundle bytes still fits a 1 MiB message after base64 (4/3) and the
    // envelope; Go's nodes take nothing bigger (WIRE.md §8.4).
    static constexpr qint64 kSingleDeployLimit = 640 * 1024;
    static constexpr qint64 kChunkBytes = 512 * 1024;

    // Connects when not connected (the registry's address, then its alternates).
    QFuture<ControllerResult<ConnectedPeer>> ensureConnected(const QString& peerId);

    int pendingCount() const { return int(m_pending.size()); }
    // Fails every request in flight with ShuttingDown, and every later one at once.
    void shutdown();

Q_SIGNALS:
    // After each acknowledged chunk (and once for a single-message deploy).
    void deployProgress(const QString& peerId, const QString& name, qint64 bytesSent, qint64 totalBytes);

private:
    struct Pending;
    enum class Finished
    {
        Delivered,
        TimedOut,
        Failed
    };

    void onMessage(const ConnectedPeer& from, const Message& message);
    void sendPending(const QString& requestId);
    struct ChunkedDeploy;
    void sendChunk(const std::shared_ptr<ChunkedDeploy>& deploy);
    void complete(const QString& requestId, ControllerResult<Message> outcome, Finished how);
    void forgetOldFinished();
    Result<QByteArray, ControllerError> profileBundleFor(const ConnectedPeer& peer, const MiningProfile& profile) const;
    static QFuture<QList<PeerDeployResult>> collect(QList<QFuture<PeerDeployResult>> deploys, QObject* context);
    template <typename P> QFuture<ControllerResult<P>> typedRequest(const QString& peerId, MessageType type,
                                                                    const QByteArray& payloadJson,
                                                                    std::chrono::milliseconds timeout);

    const NodeIdentity& m_identity;
    Transport& m_transport;
    PeerRegistry& m_registry;
    ControllerConfig m_config;
    Logger m_log;
    int m_handlerId = 0;
    bool m_shuttingDown = false;
    QHash<QString, std::shared_ptr<Pending>> m_pending; // by request id
    struct FinishedRequest
    {
        QString peerId;
        Finished how;
        qint64 atMs;
    };
    QHash<QString, FinishedRequest> m_finished; // by request id, for the drop log
};

} // namespace lethean::node

Q_DECLARE_METATYPE(lethean::node::PeerStatsResult)
Q_DECLARE_METATYPE(lethean::node::PeerDeployResult)
