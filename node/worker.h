#pragma once

#include "node/audit_log.h"
#include "node/connected_peer.h"
#include "node/deploy_chunk_receiver.h"
#include "node/logger.h"
#include "node/message.h"
#include "node/payloads.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>

#include <functional>
#include <memory>

namespace lethean::node {

class MinerManager;
class NodeIdentity;
class ProfileManager;
class Transport;

// Answers requests on a node (go-p2p's Worker, WIRE.md §7.2): ping, get_stats, start_miner, stop_miner,
// get_logs and deploy, with Go's payloads and error texts. Unlike Go, a request it cannot serve (an
// unknown type that is not a reply, a malformed payload) gets an `error` reply instead of silence, the
// reply comes `from` our own ID (Go echoes the request's `to`, WIRE.md §13.25), a peer that declared
// itself a worker may not start, stop or deploy, and every remote action accepted or refused is
// written to the audit log. Never depends on a concrete miner: MinerManager and ProfileManager are
// interfaces. Lives on the node thread; handlers that take time (a miner starting) reply later.
class Worker : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kMaxLogLines = 10000; // get_logs: <=0 or more → this (Go)

    // A complete deploy whose checksum matched: in memory (one message) or in a file (a chunked
    // transfer, which the handler removes when done).
    struct IncomingBundle
    {
        QString type; // "profile", "miner", "full"
        QString name;
        QString checksum;
        QByteArray data; // single message
        QString file;    // chunked transfer
    };
    // Deploys that are not a plain-JSON profile (bundles: STIM from 1.0 peers, sealed ones from 2.0
    // peers) go to this handler, which verifies, decrypts and applies them and answers with the ack.
    using BundleHandler = std::function<QFuture<DeployAckPayload>(const ConnectedPeer& from, const IncomingBundle& bundle)>;

    // miners, profiles and audit may be null (not configured: requests that need them get Go's errors);
    // the rest must outlive the worker.
    Worker(const NodeIdentity& identity, Transport& transport, MinerManager* miners, ProfileManager* profiles,
           AuditLog* audit, QObject* parent = nullptr);
    ~Worker() override;

    void setBundleHandler(BundleHandler handler) { m_bundleHandler = std::move(handler); }
    // Where chunked deploys are reassembled; none: chunked deploys are refused.
    void setIncomingDirectory(const QString& directory);
    qint64 uptimeSeconds() const { return m_started.elapsed() / 1000; }
    // This node's stats as get_stats answers them (the desktop shows its own rig from it).
    StatsPayload localStats() const;

Q_SIGNALS:
    // A remote action was accepted or refused (what the audit log records), for the GUI.
    void remoteAction(const QString& outcome, const QString& action, const QString& peerId, const QString& detail);

private:
    void onMessage(const ConnectedPeer& from, const Message& message);
    void handlePing(const ConnectedPeer& from, const Message& request);
    void handleGetStats(const ConnectedPeer& from, const Message& request);
    void handleStartMiner(const ConnectedPeer& from, const Message& request);
    void handleStopMiner(const ConnectedPeer& from, const Message& request);
    void handleGetLogs(const ConnectedPeer& from, const Message& request);
    void handleDeploy(const ConnectedPeer& from, const Message& request);
    void handleDeployChunk(const ConnectedPeer& from, const Message& request, const DeployPayload& chunk);
    void applyBundle(const ConnectedPeer& from, const Message& request, const IncomingBundle& bundle);

    // Remote control needs a peer that is not a plain worker; refusals are audited and answered.
    bool mayControl(const ConnectedPeer& from, const Message& request, const QString& action);
    void audit(bool accepted, const QString& action, const ConnectedPeer& from, const QString& detail);
    void reply(const ConnectedPeer& to, Message message);
    void replyError(const ConnectedPeer& to, const Message& request, ErrorCode code, const QString& text);

    const NodeIdentity& m_identity;
    Transport& m_transport;
    MinerManager* m_miners;
    ProfileManager* m_profiles;
    AuditLog* m_audit;
    BundleHandler m_bundleHandler;
    std::unique_ptr<DeployChunkReceiver> m_chunks;
    Logger m_log;
    QElapsedTimer m_started;
    int m_handlerId = 0;
};

} // namespace lethean::node
