#include "node/peer_registry.h"

#include "node/identity_crypto.h"
#include "node/log_categories.h"
#include "node/node_role.h"
#include "node/peer_store.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

Unexpected<RegistryError> refuse(RegistryError::Code code, const QString& message)
{
    return fail(RegistryError{code, message});
}

Unexpected<RegistryError> notFound(const QString& id)
{
    return refuse(RegistryError::Code::NotFound, u"no peer with id %1 is registered"_s.arg(id));
}

// "2.0" > "1.0" > "" (numeric, part by part).
bool isNewerVersion(const QString& candidate, const QString& current)
{
    const QStringList a = candidate.split(u'.');
    const QStringList b = current.split(u'.');
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const int x = i < a.size() ? a[i].toInt() : 0;
        const int y = i < b.size() ? b[i].toInt() : 0;
        if (x != y)
            return x > y;
    }
    return current.isEmpty() && !candidate.isEmpty();
}

QString nativePath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

PeerRegistry::PeerRegistry(QString peersFile, QObject* parent)
    : QObject(parent), m_peersFile(std::move(peersFile)), m_log(lcPeers())
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kDefaultSaveDelay);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { (void)flush(); });
}

PeerRegistry::~PeerRegistry()
{
    (void)flush();
}

QString PeerRegistry::allowlistFile() const
{
    return PeerStore::allowlistPathFor(m_peersFile);
}

QString PeerRegistry::settingsFile() const
{
    return PeerStore::settingsPathFor(m_peersFile);
}

PeerRegistry::LoadReport PeerRegistry::load()
{
    LoadReport report;
    m_saveTimer.stop();
    m_dirty = false;
    m_peers.clear();
    m_allowedKeys.clear();
    m_authMode = PeerAuthMode::Allowlist;
    m_authModePersisted = false;

    // Reads one file; on any problem logs it, keeps the file aside and returns what could be used.
    // `parse` maps bytes to a PeerStore result (problems, unreadable).
    const auto readOne = [this, &report](const QString& path, auto parse) {
        using Parsed = decltype(parse(QByteArrayView()));
        Parsed parsed;
        auto bytes = PeerStore::readFile(path);
        if (bytes && !bytes->has_value())
            return parsed; // no file yet
        if (!bytes) {
            parsed.problems.append(bytes.error());
            parsed.unreadable = true;
        } else {
            parsed = parse(QByteArrayView(**bytes));
        }
        if (parsed.problems.isEmpty())
            return parsed;
        for (const QString& problem : std::as_const(parsed.problems)) {
            m_log.warn(u"problem in a registry file"_s,
                       {{u"file"_s, nativePath(path)}, {u"problem"_s, problem}});
            report.problems.append(QFileInfo(path).fileName() + u": "_s + problem);
        }
        if (auto aside = PeerStore::keepAside(path); aside) {
            m_log.warn(parsed.unreadable
                           ? u"registry file unusable, kept aside; starting without it"_s
                           : u"registry file had invalid entries, kept aside; the valid ones are kept"_s,
                       {{u"file"_s, nativePath(path)}, {u"keptAs"_s, nativePath(*aside)}});
            report.keptAside.append(*aside);
        } else {
            m_log.error(u"cannot keep a bad registry file aside"_s, {{u"error"_s, aside.error()}});
        }
        return parsed;
    };

    const PeerStore::Settings settings = readOne(settingsFile(), &PeerStore::parseSettings);
    if (settings.authMode) {
        m_authMode = *settings.authMode;
        m_authModePersisted = true;
    }

    const PeerStore::Allowlist allowlist = readOne(allowlistFile(), &PeerStore::parseAllowlist);
    for (const QByteArray& key : allowlist.keys)
        m_allowedKeys.insert(key);
    if (!allowlist.problems.isEmpty() && !allowlist.keys.isEmpty())
        (void)saveAllowlist(); // the kept-aside file is gone: write what was valid in it

    PeerStore::Peers loaded = readOne(m_peersFile, &PeerStore::parsePeers);
    QList<std::pair<QString, PeerSelector::Point>> points;
    points.reserve(loaded.peers.size());
    m_peers.reserve(loaded.peers.size());
    for (Peer& peer : loaded.peers) {
        peer.connected = false;
        points.append({peer.id, PeerSelector::pointFor(peer.pingMs, peer.hops, peer.geoKm, peer.score)});
        const QString id = peer.id;
        m_peers.insert(id, std::move(peer));
    }
    m_selector.assign(points);
    if (!loaded.problems.isEmpty() && !m_peers.isEmpty()) {
        m_dirty = true;
        (void)flush(); // likewise: the valid entries go back to peers.json now
    }

    report.peers = count();
    report.allowedKeys = int(m_allowedKeys.size());
    report.authModePersisted = m_authModePersisted;
    m_log.info(u"peer registry loaded"_s, {{u"file"_s, nativePath(m_peersFile)},
                                           {u"peers"_s, report.peers},
                                           {u"allowedKeys"_s, report.allowedKeys},
                                           {u"authMode"_s, peerAuthModeToString(m_authMode)}});
    return report;
}

// --- Auth ---------------------------------------------------------------------------------------------

Result<void, RegistryError> PeerRegistry::setAuthMode(PeerAuthMode mode)
{
    const bool changed = mode != m_authMode;
    m_authMode = mode;
    if (mode == PeerAuthMode::Open && changed)
        m_log.warn(
            u"auth mode is now open: any node that can reach this port can control this rig's miners"_s);
    if (changed)
        Q_EMIT authModeChanged(mode);
    if (!changed && m_authModePersisted)
        return {};
    if (auto written = PeerStore::writeAtomically(settingsFile(), PeerStore::serializeSettings(mode));
        !written) {
        m_log.error(u"cannot save the auth mode"_s, {{u"error"_s, written.error()}});
        return refuse(RegistryError::Code::Io, written.error());
    }
    m_authModePersisted = true;
    return {};
}

Result<void, RegistryError> PeerRegistry::allowKey(const QByteArray& publicKey)
{
    if (publicKey.size() != kPublicKeySize) {
        return refuse(RegistryError::Code::InvalidKey,
                      u"a public key is 32 bytes; this one is %1"_s.arg(publicKey.size()));
    }
    if (m_allowedKeys.contains(publicKey))
        return {};
    m_allowedKeys.insert(publicKey);
    Q_EMIT allowlistChanged();
    return saveAllowlist();
}

Result<void, RegistryError> PeerRegistry::revokeKey(const QByteArray& publicKey)
{
    if (!m_allowedKeys.remove(publicKey))
        return {};
    Q_EMIT allowlistChanged();
    return saveAllowlist();
}

QList<QByteArray> PeerRegistry::allowedKeys() const
{
    QList<QByteArray> keys(m_allowedKeys.cbegin(), m_allowedKeys.cend());
    std::sort(keys.begin(), keys.end());
    return keys;
}

Result<void, RegistryError> PeerRegistry::saveAllowlist()
{
    const QByteArray json = PeerStore::serializeAllowlist(allowedKeys());
    if (auto written = PeerStore::writeAtomically(allowlistFile(), json); !written) {
        m_log.error(u"cannot save the allowlist"_s, {{u"error"_s, written.error()}});
        return refuse(RegistryError::Code::Io, written.error());
    }
    return {};
}

bool PeerRegistry::isPeerAllowed(const QString& peerId, const QByteArray& publicKey) const
{
    switch (m_authMode) {
    case PeerAuthMode::Open:
        return true;
    case PeerAuthMode::Allowlist: {
        if (m_allowedKeys.contains(publicKey))
            return true;
        const auto it = m_peers.constFind(peerId);
        return it != m_peers.constEnd() && !it->publicKey.isEmpty() && it->publicKey == publicKey;
    }
    }
    return false;
}

bool PeerRegistry::allowsProtocol(const QString& peerId, QStringView version) const
{
    const auto it = m_peers.constFind(peerId);
    if (it == m_peers.constEnd() || it->allowProtocolDowngrade)
        return true;
    return !isNewerVersion(it->protocolVersion, version.toString());
}

// --- Peers --------------------------------------------------------------------------------------------

Result<void, RegistryError> PeerRegistry::validate(const Peer& peer) const
{
    if (peer.id.isEmpty())
        return refuse(RegistryError::Code::InvalidId, u"a peer needs an id"_s);
    if (!peer.publicKey.isEmpty()) {
        if (peer.publicKey.size() != kPublicKeySize) {
            return refuse(RegistryError::Code::InvalidKey,
                          u"peer %1: a public key is 32 bytes; this one is %2"_s.arg(peer.id).arg(
                              peer.publicKey.size()));
        }
        if (nodeIdForPublicKey(peer.publicKey) != peer.id) {
            return refuse(RegistryError::Code::IdKeyMismatch,
                          u"peer %1: the id is not SHA-256 of the public key (its id would be %2)"_s.arg(
                              peer.id, nodeIdForPublicKey(peer.publicKey)));
        }
    }
    if (auto name = Peer::validateName(peer.name); !name)
        return refuse(RegistryError::Code::InvalidName, name.error());
    const bool metricsValid = std::isfinite(peer.pingMs) && peer.pingMs >= 0 && std::isfinite(peer.geoKm) &&
                              peer.geoKm >= 0 && peer.hops >= 0 && std::isfinite(peer.score);
    if (!metricsValid) {
        return refuse(
            RegistryError::Code::InvalidValue,
            u"peer %1: ping, hops and distance must be finite and not negative, the score finite"_s.arg(
                peer.id));
    }
    return {};
}

void PeerRegistry::index(const Peer& peer)
{
    m_selector.upsert(peer.id, PeerSelector::pointFor(peer.pingMs, peer.hops, peer.geoKm, peer.score));
}

const Peer& PeerRegistry::commit(Peer peer)
{
    index(peer);
    scheduleSave();
    auto it = m_peers.insert(peer.id, std::move(peer));
    return it.value();
}

Result<Peer, RegistryError> PeerRegistry::addPeer(Peer peer)
{
    if (auto valid = validate(peer); !valid)
        return fail(valid.error());
    if (m_peers.contains(peer.id))
        return refuse(RegistryError::Code::DuplicateId, u"peer %1 is already registered"_s.arg(peer.id));
    if (peer.addedAt.isNull())
        peer.addedAt = GoTime::now();
    peer.setScore(peer.score);
    peer.connected = false;
    const Peer added = commit(std::move(peer));
    m_log.info(u"peer added"_s,
               {{u"peer"_s, added.id}, {u"name"_s, added.name}, {u"address"_s, added.address}});
    Q_EMIT peerAdded(added);
    return added;
}

Result<Peer, RegistryError> PeerRegistry::updatePeer(Peer peer)
{
    if (auto valid = validate(peer); !valid)
        return fail(valid.error());
    const auto it = m_peers.constFind(peer.id);
    if (it == m_peers.constEnd())
        return notFound(peer.id);
    if (peer.addedAt.isNull())
        peer.addedAt = it->addedAt;
    peer.connected = it->connected;
    peer.setScore(peer.score);
    const Peer updated = commit(std::move(peer));
    Q_EMIT peerUpdated(updated);
    return updated;
}

Result<void, RegistryError> PeerRegistry::removePeer(const QString& id)
{
    if (!m_peers.remove(id))
        return notFound(id);
    m_selector.remove(id);
    scheduleSave();
    m_log.info(u"peer removed"_s, {{u"peer"_s, id}});
    Q_EMIT peerRemoved(id);
    return {};
}

std::optional<Peer> PeerRegistry::peer(const QString& id) const
{
    const auto it = m_peers.constFind(id);
    if (it == m_peers.constEnd())
        return std::nullopt;
    return *it;
}

QList<Peer> PeerRegistry::peers() const
{
    QList<Peer> all(m_peers.cbegin(), m_peers.cend());
    std::sort(all.begin(), all.end(), [](const Peer& a, const Peer& b) { return a.id < b.id; });
    return all;
}

QList<Peer> PeerRegistry::connectedPeers() const
{
    QList<Peer> all = peers();
    all.removeIf([](const Peer& peer) { return !peer.connected; });
    return all;
}

// --- Metrics and scores -------------------------------------------------------------------------------

template <typename Change> Result<Peer, RegistryError> PeerRegistry::change(const QString& id, Change&& apply)
{
    const auto it = m_peers.constFind(id);
    if (it == m_peers.constEnd())
        return notFound(id);
    Peer peer = *it;
    apply(peer);
    const Peer updated = commit(std::move(peer));
    Q_EMIT peerUpdated(updated);
    return updated;
}

Result<Peer, RegistryError> PeerRegistry::updateMetrics(const QString& id, double pingMs, int hops,
                                                        double geoKm)
{
    if (!std::isfinite(pingMs) || pingMs < 0 || hops < 0 || !std::isfinite(geoKm) || geoKm < 0) {
        return refuse(RegistryError::Code::InvalidValue,
                      u"peer %1: ping, hops and distance must be finite and not negative"_s.arg(id));
    }
    return change(id, [&](Peer& peer) {
        peer.pingMs = pingMs;
        peer.hops = hops;
        peer.geoKm = geoKm;
    });
}

Result<Peer, RegistryError> PeerRegistry::updateScore(const QString& id, double score)
{
    if (std::isnan(score))
        return refuse(RegistryError::Code::InvalidValue, u"peer %1: the score is not a number"_s.arg(id));
    return change(id, [score](Peer& peer) { peer.setScore(score); });
}

Result<Peer, RegistryError> PeerRegistry::recordSuccess(const QString& id)
{
    return change(id, [](Peer& peer) { peer.recordSuccess(); });
}

Result<Peer, RegistryError> PeerRegistry::recordFailure(const QString& id)
{
    return change(id, [](Peer& peer) { peer.recordFailure(); });
}

Result<Peer, RegistryError> PeerRegistry::recordTimeout(const QString& id)
{
    return change(id, [](Peer& peer) { peer.recordTimeout(); });
}

Result<Peer, RegistryError> PeerRegistry::setPinned(const QString& id, bool pinned)
{
    return change(id, [pinned](Peer& peer) { peer.pinned = pinned; });
}

Result<Peer, RegistryError> PeerRegistry::setProtocolDowngradeAllowed(const QString& id, bool allowed)
{
    return change(id, [allowed](Peer& peer) { peer.allowProtocolDowngrade = allowed; });
}

// --- Selection ----------------------------------------------------------------------------------------

QList<Peer> PeerRegistry::lookup(const QStringList& ids) const
{
    QList<Peer> found;
    found.reserve(ids.size());
    for (const QString& id : ids)
        found.append(m_peers.value(id));
    return found;
}

std::optional<Peer> PeerRegistry::selectOptimalPeer() const
{
    const QStringList best = m_selector.nearest(1);
    if (best.isEmpty())
        return std::nullopt;
    return m_peers.value(best.front());
}

QList<Peer> PeerRegistry::selectNearestPeers(int n) const
{
    return lookup(m_selector.nearest(n));
}

// --- Pairing ------------------------------------------------------------------------------------------

Result<Peer, PairingCodeError> PeerRegistry::addFromPairingCode(QStringView code)
{
    auto parsed = PairingCode::parse(code);
    if (!parsed)
        return fail(parsed.error());
    const QString id = parsed->peerId();
    if (!m_localPeerId.isEmpty() && id == m_localPeerId) {
        return fail(
            PairingCodeError{PairingCodeError::Code::OwnCode,
                             u"this is this node's own pairing code; paste the code of the other node"_s});
    }
    const bool known = m_peers.contains(id);
    Peer peer = known ? m_peers.value(id) : Peer();
    peer.id = id;
    peer.publicKey = parsed->publicKey();
    if (!parsed->name().isEmpty())
        peer.name = parsed->name();
    if (!parsed->addresses().isEmpty()) {
        peer.address = parsed->addresses().front();
        peer.alternateAddresses = parsed->addresses().mid(1);
    }
    peer.pinned = true;
    if (!known) {
        peer.addedAt = GoTime::now();
        peer.connected = false;
    }
    const Peer stored = commit(std::move(peer));
    m_log.info(known ? u"peer paired again"_s : u"peer paired"_s,
               {{u"peer"_s, stored.id}, {u"name"_s, stored.name}, {u"address"_s, stored.address}});
    if (known)
        Q_EMIT peerUpdated(stored);
    else
        Q_EMIT peerAdded(stored);
    if (m_authMode == PeerAuthMode::Allowlist) {
        // Registered with its key, the peer is allowed already; the sidecar entry is for a go-p2p node
        // reading these files. A failed write is logged by saveAllowlist().
        (void)allowKey(stored.publicKey);
    }
    return stored;
}

// --- Connections --------------------------------------------------------------------------------------

void PeerRegistry::recordConnection(const ConnectedPeer& connection)
{
    const QString& id = connection.id();
    const QString& claimedName = connection.identity.name;
    const auto nameCheck = Peer::validateName(claimedName);
    const auto it = m_peers.constFind(id);
    if (it != m_peers.constEnd()) {
        Peer peer = *it;
        if (!peer.publicKey.isEmpty() && peer.publicKey != connection.publicKey) {
            m_log.warn(u"connected peer's key differs from the registered one; registry not updated"_s,
                       {{u"peer"_s, id}});
            return;
        }
        peer.publicKey = connection.publicKey;
        peer.lastSeen = GoTime::now();
        peer.connected = true;
        if (!claimedName.isEmpty() && claimedName != peer.name) {
            if (nameCheck)
                peer.name = claimedName;
            else
                m_log.warn(u"peer's new name refused; the registered name is kept"_s,
                           {{u"peer"_s, id}, {u"name"_s, peer.name}, {u"reason"_s, nameCheck.error()}});
        }
        peer.role = nodeRoleToString(connection.identity.role);
        if (isNewerVersion(connection.protocolVersion, peer.protocolVersion))
            peer.protocolVersion = connection.protocolVersion;
        if (!connection.inbound && !connection.address.isEmpty())
            peer.address = connection.address; // the address that worked
        const Peer updated = commit(std::move(peer));
        Q_EMIT peerUpdated(updated);
        return;
    }
    if (m_authMode != PeerAuthMode::Open) {
        m_log.debug(u"connected peer is allowlisted but not registered; allowlist mode registers only paired "
                    u"peers"_s,
                    {{u"peer"_s, id}});
        return;
    }
    Peer peer;
    peer.id = id;
    peer.publicKey = connection.publicKey;
    peer.name = claimedName;
    if (!nameCheck) {
        // go-p2p's AddPeer fails here and the peer silently stays unregistered (WIRE.md §13.19).
        peer.name = Peer::sanitizedName(claimedName);
        m_log.warn(u"peer name breaks go-p2p's rule; registered under a corrected name"_s,
                   {{u"peer"_s, id}, {u"name"_s, peer.name}, {u"reason"_s, nameCheck.error()}});
    }
    peer.address = connection.inbound ? QString() : connection.address; // Go: empty for inbound
    peer.role = nodeRoleToString(connection.identity.role);
    peer.protocolVersion = connection.protocolVersion;
    peer.addedAt = GoTime::now();
    peer.lastSeen = peer.addedAt;
    if (auto valid = validate(peer); !valid) {
        m_log.warn(u"connected peer not registered"_s,
                   {{u"peer"_s, id}, {u"reason"_s, valid.error().message}});
        return;
    }
    peer.connected = true;
    const Peer added = commit(std::move(peer));
    m_log.info(u"peer registered on connection"_s,
               {{u"peer"_s, added.id}, {u"name"_s, added.name}, {u"inbound"_s, connection.inbound}});
    Q_EMIT peerAdded(added);
}

void PeerRegistry::recordDisconnection(const QString& peerId)
{
    const auto it = m_peers.constFind(peerId);
    if (it == m_peers.constEnd() || !it->connected)
        return;
    Peer peer = *it;
    peer.connected = false;
    peer.lastSeen = GoTime::now();
    const Peer updated = commit(std::move(peer));
    Q_EMIT peerUpdated(updated);
}

// --- Persistence --------------------------------------------------------------------------------------

void PeerRegistry::setSaveDelay(std::chrono::milliseconds delay)
{
    m_saveTimer.setInterval(delay);
}

std::chrono::milliseconds PeerRegistry::saveDelay() const
{
    return m_saveTimer.intervalAsDuration();
}

void PeerRegistry::scheduleSave()
{
    m_dirty = true;
    // Go's debounce: the first change starts the timer; later ones ride on it (WIRE.md §6.1).
    if (!m_saveTimer.isActive())
        m_saveTimer.start();
}

Result<void, RegistryError> PeerRegistry::flush()
{
    m_saveTimer.stop();
    if (!m_dirty)
        return {};
    QList<const Peer*> sorted;
    sorted.reserve(m_peers.size());
    for (const Peer& peer : std::as_const(m_peers))
        sorted.append(&peer);
    std::sort(sorted.begin(), sorted.end(), [](const Peer* a, const Peer* b) { return a->id < b->id; });
    const QByteArray json = PeerStore::serializePeerPointers(sorted);
    if (auto written = PeerStore::writeAtomically(m_peersFile, json); !written) {
        m_log.error(u"cannot save the peer registry"_s, {{u"error"_s, written.error()}});
        Q_EMIT saveFailed(written.error());
        return refuse(RegistryError::Code::Io, written.error());
    }
    m_dirty = false;
    Q_EMIT saved();
    return {};
}

} // namespace lethean::node
