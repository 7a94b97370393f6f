#pragma once

#include "node/data_paths.h"
#include "node/key_allowlist.h"
#include "node/node_identity.h"
#include "node/node_role.h"
#include "node/transport_config.h"
#include "ueps/result.h"

#include <QObject>

#include <memory>

namespace lethean::node {

class Transport;

// What a node is started with. The executables fill it from the command line and settings.
struct NodeOptions
{
    DataPaths paths;
    QString name;               // empty: the host name (made valid for the wire)
    NodeRole role = NodeRole::Dual;
    TransportConfig transport;
    KeyAllowlist::Mode authMode = KeyAllowlist::Mode::Allowlist;
};

// One node: its identity and everything that runs on it (transport, and the registry, controller and
// worker as they arrive). Built by create(), which returns the node or the reason it cannot exist
// (qTox's core factory pattern); lives on one thread, the node thread.
class Node : public QObject
{
    Q_OBJECT

public:
    static Result<std::unique_ptr<Node>, QString> create(NodeOptions options, QObject* parent = nullptr);
    ~Node() override;

    Result<void, QString> start();
    void stop();

    const NodeIdentity& identity() const { return m_identity; }
    const NodeOptions& options() const { return m_options; }
    Transport& transport() { return *m_transport; }
    KeyAllowlist& allowlist() { return m_allowlist; }

private:
    Node(NodeOptions options, NodeIdentity identity, QObject* parent);

    NodeOptions m_options;
    NodeIdentity m_identity;
    KeyAllowlist m_allowlist;
    std::unique_ptr<Transport> m_transport;
};

} // namespace lethean::node
