#pragma once

#include "node/data_dir_lock.h"
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

class Transport;

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

    Result<void, QString> start();
    void stop();

    const NodeIdentity& identity() const { return m_identity; }
    const NodeOptions& options() const { return m_options; }
    Transport& transport() { return *m_transport; }
    PeerRegistry& registry() { return *m_registry; }
    const PeerRegistry& registry() const { return *m_registry; }

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
};

} // namespace lethean::node
