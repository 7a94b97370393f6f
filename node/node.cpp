#include "node/node.h"

#include "node/log_categories.h"
#include "node/logger.h"
#include "node/transport.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
const Logger& log()
{
    static const Logger logger(lcNode());
    return logger;
}
} // namespace

Result<std::unique_ptr<Node>, QString> Node::create(NodeOptions options, QObject* parent)
{
    auto identity = NodeIdentity::loadOrCreate(options.paths, options.name, options.role);
    if (!identity)
        return fail(u"cannot load or create the node identity: "_s + identity.error().message);
    return std::unique_ptr<Node>(new Node(std::move(options), std::move(*identity), parent));
}

Node::Node(NodeOptions options, NodeIdentity identity, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_identity(std::move(identity)),
      m_allowlist(m_options.authMode)
{
    m_transport = std::make_unique<Transport>(m_identity, m_allowlist, m_options.transport);
}

Node::~Node()
{
    stop();
}

Result<void, QString> Node::start()
{
    if (m_allowlist.mode() == KeyAllowlist::Mode::Open)
        log().warn(u"auth mode is open: any node that can reach this port can control this rig's miners"_s);
    log().info(u"node identity"_s, {{u"id"_s, m_identity.id()},
                                    {u"name"_s, m_identity.name()},
                                    {u"role"_s, nodeRoleToString(m_identity.role())},
                                    {u"publicKey"_s, m_identity.publicKeyBase64()}});
    return m_transport->start();
}

void Node::stop()
{
    if (m_transport)
        m_transport->stop();
}

} // namespace lethean::node
