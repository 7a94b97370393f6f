#include "node/node.h"

#include "node/controller.h"
#include "node/deploy_applier.h"
#include "node/profile_store.h"
#include "node/worker.h"
#include "node/log_categories.h"
#include "node/logger.h"
#include "node/pairing_code.h"
#include "node/transport.h"

#include <QDir>
#include <QNetworkInterface>

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
    auto lock = DataDirLock::acquire(options.paths);
    if (!lock)
        return fail(lock.error());
    auto identity = NodeIdentity::loadOrCreate(options.paths, options.name, options.role);
    if (!identity)
        return fail(u"cannot load or create the node identity: "_s + identity.error().message);
    return std::unique_ptr<Node>(new Node(std::move(options), std::move(*lock), std::move(*identity), parent));
}

Node::Node(NodeOptions options, DataDirLock lock, NodeIdentity identity, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_lock(std::move(lock)), m_identity(std::move(identity)),
      m_registry(std::make_unique<PeerRegistry>(m_options.paths.peersFile())),
      m_audit(QDir(m_options.paths.dataHome()).filePath(u"audit.log"_s))
{
    m_registry->setLocalPeerId(m_identity.id());
    (void)m_registry->load(); // logs its own problems; a bad file never stops the node
    if (m_options.authMode) {
        // An explicit mode wins and is remembered for the next start without one.
        if (const auto set = m_registry->setAuthMode(*m_options.authMode); !set)
            log().error(u"cannot persist the auth mode"_s, {{u"error"_s, set.error().message}});
    }
    m_transport = std::make_unique<Transport>(m_identity, *m_registry, m_options.transport);
    PeerRegistry* registry = m_registry.get();
    connect(m_transport.get(), &Transport::peerConnected, registry, &PeerRegistry::recordConnection);
    connect(m_transport.get(), &Transport::peerDisconnected, registry,
            [registry](const ConnectedPeer& peer) { registry->recordDisconnection(peer.id()); });

    m_profiles = std::make_unique<ProfileStore>(m_options.paths.profilesDir());
    const NodeRole role = m_identity.role();
    if (role == NodeRole::Worker || role == NodeRole::Dual) {
        MinerSupervisor::Settings miners = m_options.miners;
        if (miners.minersDir.isEmpty())
            miners.minersDir = m_options.paths.minersDir();
        m_miners = std::make_unique<MinerSupervisor>(miners);
        m_deploys = std::make_unique<DeployApplier>(m_identity, *m_profiles, miners.minersDir);
        m_worker = std::make_unique<Worker>(m_identity, *m_transport, m_miners.get(), m_profiles.get(), &m_audit);
        m_worker->setIncomingDirectory(QDir(m_options.paths.dataHome()).filePath(u"incoming"_s));
        m_worker->setBundleHandler([deploys = m_deploys.get()](const ConnectedPeer& from, const Worker::IncomingBundle& bundle) {
            return deploys->apply(from, bundle);
        });
    }
    if (role == NodeRole::Controller || role == NodeRole::Dual)
        m_controller = std::make_unique<Controller>(m_identity, *m_transport, *m_registry, m_options.controller);
}

Node::~Node()
{
    stop();
    // Members go in reverse order: the controller and worker before the transport they listen to.
}

Result<void, QString> Node::start()
{
    if (m_registry->authMode() == PeerAuthMode::Open)
        log().warn(u"auth mode is open: any node that can reach this port can control this rig's miners"_s);
    log().info(u"node identity"_s, {{u"id"_s, m_identity.id()},
                                    {u"name"_s, m_identity.name()},
                                    {u"role"_s, nodeRoleToString(m_identity.role())},
                                    {u"publicKey"_s, m_identity.publicKeyBase64()}});
    if (auto started = m_transport->start(); !started)
        return started;
    if (m_miners && m_miners->settings().resumeLastProfile && m_miners->lastProfile()) {
        // A dead desk never idles the rigs: the profile this rig last mined starts again on its own.
        m_miners->resumeLastProfile().then(this, [](const MinerActionOutcome& outcome) {
            if (outcome.ok)
                log().info(u"resumed the last profile"_s, {{u"miner"_s, outcome.minerName}});
            else
                log().warn(u"cannot resume the last profile"_s, {{u"error"_s, outcome.error}});
        });
    }
    return {};
}

QFuture<void> Node::stopMiners()
{
    if (!m_miners)
        return QtFuture::makeReadyFuture();
    return m_miners->stopAll();
}

void Node::stop()
{
    if (m_controller)
        m_controller->shutdown();
    if (m_transport)
        m_transport->stop();
    if (m_registry)
        (void)m_registry->flush(); // logs a failure itself
}

QStringList Node::listeningAddresses() const
{
    if (!m_transport->isListening())
        return {};
    const quint16 port = m_transport->serverPort();
    const QHostAddress listen = m_options.transport.listenAddress;
    QList<QHostAddress> hosts;
    if (listen == QHostAddress::Any || listen == QHostAddress::AnyIPv4 || listen == QHostAddress::AnyIPv6) {
        QList<QHostAddress> loopback;
        for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
            if (listen == QHostAddress::AnyIPv4 && address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            if (address.isLoopback())
                loopback.append(address);
            else if (!address.isLinkLocal())
                hosts.append(address);
        }
        if (hosts.isEmpty())
            hosts = loopback;
    } else {
        hosts.append(listen);
    }
    QStringList addresses;
    for (const QHostAddress& host : std::as_const(hosts)) {
        if (addresses.size() == PairingCode::kMaxAddresses)
            break;
        const bool v6 = host.protocol() == QAbstractSocket::IPv6Protocol;
        const QString text = v6 ? u'[' + host.toString() + u']' : host.toString();
        addresses.append(text + u':' + QString::number(port));
    }
    return addresses;
}

QString Node::pairingCode() const
{
    const QString& name = m_identity.name();
    return PairingCode(m_identity.publicKey(), listeningAddresses(),
                       Peer::validateName(name) ? name : Peer::sanitizedName(name))
        .toString();
}

} // namespace lethean::node
