#pragma once

#include "node/audit_log.h"
#include "node/controller_config.h"
#include "node/data_dir_lock.h"
#include "node/miner_supervisor.h"
#include "node/data_paths.h"
#include "node/node_identity.h"
#include "node/node_role.h"
#include "node/peer_auth_mode.h"
#include "node/peer_registry.h"
#include "node/transport_config.h"
#include "ueps/result.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

namespace lethean::node {

class Controller;
class DeployApplier;
class ProfileStore;
class Transport;
class Worker;

// What a node is started with. The executables fill it from the command line and settings.
struct NodeOptions
{
    DataPaths paths;
    QString name;               // empty: the host name (made valid for the wire)
    NodeRole role = NodeRole::Dual;
    TransportConfig transport;
    // An explicit mode (--auth-mode): applied and persisted. Unset: the mode the registry persisted, or
    // allowlist when none was.
    std::optional<PeerAuthMode> authMode;
    ControllerConfig controller;
    // The local miners (worker and dual roles). minersDir is filled from `paths` when empty.
    MinerSupervisor::Settings miners;
};

// One node: its identity and everything that runs on it (the peer registry, which is the transport's
// PeerAuthority, the transport, and the controller and worker as they arrive). Built by create(), which
// returns the node or the reason it cannot exist (qTox's core factory pattern); lives on one thread, the
// node thread.
class Node : public QObject
{
    Q_OBJECT

public:
    // Fails when another node holds the data dir, or the identity cannot be loaded or created.
    static Result<std::unique_ptr<Node>, QString> create(NodeOptions options, QObject* parent = nullptr);
    ~Node() override;

    // Listens, and (worker roles, when the setting is on) resumes the profile the rig last mined.
    Result<void, QString> start();
    // Says goodbye to every peer, fails requests in flight and writes the registry; miners keep running
    // (see stopMiners()).
    void stop();
    // Stops every local miner; finishes when all have exited (the clean way out of lethean-node).
    QFuture<void> stopMiners();

    const NodeIdentity& identity() const { return m_identity; }
    const NodeOptions& options() const { return m_options; }
    Transport& transport() { return *m_transport; }
    PeerRegistry& registry() { return *m_registry; }
    const PeerRegistry& registry() const { return *m_registry; }
    ProfileStore& profiles() { return *m_profiles; }
    AuditLog& auditLog() { return m_audit; }
    // By role: controller and dual nodes have a controller; worker and dual nodes a worker and miners.
    Controller* controller() { return m_controller.get(); }
    Worker* worker() { return m_worker.get(); }
    MinerSupervisor* miners() { return m_miners.get(); }
    DeployApplier* deploys() { return m_deploys.get(); }

    // Where peers can reach this node while it listens: the listening address, or for a wildcard
    // listener every non-loopback, non-link-local address of this machine (loopback when there is no
    // other), each as host:port. Empty when not listening.
    QStringList listeningAddresses() const;
    // This node's pairing code (PairingCode: key, listening addresses, name) for another node to paste.
    QString pairingCode() const;

private:
    Node(NodeOptions options, DataDirLock lock, NodeIdentity identity, QObject* parent);

    NodeOptions m_options;
    DataDirLock m_lock; // held for the node's lifetime: one node per data dir
    NodeIdentity m_identity;
    std::unique_ptr<PeerRegistry> m_registry; // declared before the transport, which refers to it
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<ProfileStore> m_profiles;
    AuditLog m_audit;
    std::unique_ptr<MinerSupervisor> m_miners;
    std::unique_ptr<DeployApplier> m_deploys;
    std::unique_ptr<Worker> m_worker; // after the miners, profiles and deploys it uses
    std::unique_ptr<Controller> m_controller;
};

} // namespace lethean::node
