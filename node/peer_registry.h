#pragma once

#include "node/connected_peer.h"
#include "node/logger.h"
#include "node/pairing_code.h"
#include "node/peer.h"
#include "node/peer_auth_mode.h"
#include "node/peer_authority.h"
#include "node/peer_selector.h"
#include "node/registry_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <chrono>
#include <optional>

namespace lethean::node {

// The node's memory of the mesh (go-p2p's PeerRegistry, WIRE.md §6): known peers with their metrics and
// scores, the auth mode and key allowlist the transport asks (PeerAuthority), selection of the best peers
// (PeerSelector, always fresh), pairing codes, and crash-safe persistence (PeerStore).
//
// Threading: a QObject that lives on the node thread and is used only there (the transport's signals
// reach it on the same thread), so it takes no mutex; the GUI gets value snapshots (Peer) through queued
// signals, never a reference into it.
//
// Persistence: peers.json is written through QSaveFile 5 s after the first unsaved change (further
// changes join that write, as in Go), at once by flush(), and by the destructor. The allowlist and the
// auth mode are written at once, as Go writes its allowlist. Nothing here throws or exits on a bad
// file: load() keeps a bad file aside, logs why, and keeps every entry that can be used.
class PeerRegistry : public QObject, public PeerAuthority
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultSaveDelay{5000};

    // What load() found, for the caller's log and tests.
    struct LoadReport
    {
        int peers = 0;       // entries loaded
        int allowedKeys = 0; // keys in the allowlist
        bool authModePersisted = false;
        QStringList problems;  // one sentence each (also logged as WARN lines)
        QStringList keptAside; // files renamed to <file>.corrupt-<time>
    };

    // peersFile: DataPaths::peersFile(); the sidecars are named after it. Nothing is read until load().
    explicit PeerRegistry(QString peersFile, QObject* parent = nullptr);
    // Writes unsaved changes (the shutdown flush).
    ~PeerRegistry() override;

    // Reads peers.json and both sidecars, replacing what is in memory. Missing files are an empty
    // registry in allowlist mode. Never fails: see LoadReport.
    LoadReport load();

    const QString& peersFile() const { return m_peersFile; }
    QString allowlistFile() const;
    QString settingsFile() const;

    // --- Auth -------------------------------------------------------------------------------------------
    PeerAuthMode authMode() const { return m_authMode; }
    // Whether the mode came from the settings sidecar (or a setAuthMode() that was saved).
    bool isAuthModePersisted() const { return m_authModePersisted; }
    // Changes and persists the mode (open is logged as a warning). In memory even if the write fails.
    Result<void, RegistryError> setAuthMode(PeerAuthMode mode);

    // Keys (32 raw bytes) in the allowlist sidecar, written at once.
    Result<void, RegistryError> allowKey(const QByteArray& publicKey);
    Result<void, RegistryError> revokeKey(const QByteArray& publicKey);
    bool isKeyAllowed(const QByteArray& publicKey) const { return m_allowedKeys.contains(publicKey); }
    QList<QByteArray> allowedKeys() const;

    // Open: everyone. Allowlist: the key is allowlisted, or it is the stored key of the registered peer
    // with that ID — never the ID alone (go-p2p's bypass, WIRE.md §13.1).
    bool isPeerAllowed(const QString& peerId, const QByteArray& publicKey) const override;
    // Downgrade pinning: a registered peer that has spoken a newer protocol than `version` may not speak
    // `version` any more, unless setProtocolDowngradeAllowed() let it. Unknown peers: any version.
    bool allowsProtocol(const QString& peerId, QStringView version) const override;

    // --- Peers ------------------------------------------------------------------------------------------
    // Validates the ID (non-empty, the hash of the key when there is one), the key (32 bytes or none) and
    // the name (WIRE.md §6.5). A null addedAt becomes now. The score is kept as given (clamped): unlike Go,
    // a score of 0 is not turned into 50 (WIRE.md §13.21); a new Peer starts at 50 anyway.
    Result<Peer, RegistryError> addPeer(Peer peer);
    // Replaces a registered peer's stored fields (same validation as addPeer; addedAt is kept when null,
    // `connected` is the registry's own and is kept).
    Result<Peer, RegistryError> updatePeer(Peer peer);
    Result<void, RegistryError> removePeer(const QString& id);

    std::optional<Peer> peer(const QString& id) const;
    bool contains(const QString& id) const { return m_peers.contains(id); }
    int count() const { return int(m_peers.size()); }
    // Sorted by ID.
    QList<Peer> peers() const;
    QList<Peer> connectedPeers() const;

    // --- Metrics and scores (each is seen by the very next selection) -------------------------------------
    // pingMs and geoKm must be finite and not negative; hops not negative.
    Result<Peer, RegistryError> updateMetrics(const QString& id, double pingMs, int hops, double geoKm);
    Result<Peer, RegistryError> updateScore(const QString& id, double score); // clamped to [0, 100]
    Result<Peer, RegistryError> recordSuccess(const QString& id);             // +1, capped at 100
    Result<Peer, RegistryError> recordFailure(const QString& id);             // −5, floored at 0
    Result<Peer, RegistryError> recordTimeout(const QString& id);             // −3, floored at 0
    Result<Peer, RegistryError> setPinned(const QString& id, bool pinned);
    Result<Peer, RegistryError> setProtocolDowngradeAllowed(const QString& id, bool allowed);

    // --- Selection (WIRE.md §6.4; ties by ID) ------------------------------------------------------------
    std::optional<Peer> selectOptimalPeer() const;
    QList<Peer> selectNearestPeers(int n) const;
    const PeerSelector& selector() const { return m_selector; }

    // --- Pairing ----------------------------------------------------------------------------------------
    // This node's ID, so that its own pairing code is refused.
    void setLocalPeerId(const QString& id) { m_localPeerId = id; }
    // Adds (or, for a known ID, refreshes the key, addresses and name of) the peer the code stands for,
    // pinned; in allowlist mode its key is also allowlisted.
    Result<Peer, PairingCodeError> addFromPairingCode(QStringView code);

    // --- Connections (wired to Transport::peerConnected / peerDisconnected by the Node) ------------------
    // A known peer: lastSeen, connected, name (when given and valid), role, highest protocol version, and
    // for an outbound connection the address dialled. An unknown peer is registered only in open mode.
    void recordConnection(const lethean::node::ConnectedPeer& connection);
    void recordDisconnection(const QString& peerId);

    // --- Persistence ------------------------------------------------------------------------------------
    void setSaveDelay(std::chrono::milliseconds delay);
    std::chrono::milliseconds saveDelay() const;
    bool hasUnsavedChanges() const { return m_dirty; }
    bool isSaveScheduled() const { return m_saveTimer.isActive(); }
    // Writes peers.json now when there are unsaved changes (and cancels the pending write).
    Result<void, RegistryError> flush();

Q_SIGNALS:
    void peerAdded(const lethean::node::Peer& peer);
    void peerUpdated(const lethean::node::Peer& peer);
    void peerRemoved(const QString& peerId);
    void authModeChanged(lethean::node::PeerAuthMode mode);
    void allowlistChanged();
    // peers.json was written (once per write: tests count them).
    void saved();
    void saveFailed(const QString& error);

private:
    Result<void, RegistryError> validate(const Peer& peer) const;
    void index(const Peer& peer);
    // The stored peer changed: reindex, schedule a save, tell listeners.
    const Peer& commit(Peer peer);
    template <typename Change> Result<Peer, RegistryError> change(const QString& id, Change&& apply);
    void scheduleSave();
    Result<void, RegistryError> saveAllowlist();
    QList<Peer> lookup(const QStringList& ids) const;

    QString m_peersFile;
    Logger m_log;
    QHash<QString, Peer> m_peers;
    PeerSelector m_selector;
    QSet<QByteArray> m_allowedKeys;
    PeerAuthMode m_authMode = PeerAuthMode::Allowlist;
    bool m_authModePersisted = false;
    QString m_localPeerId;
    QTimer m_saveTimer;
    bool m_dirty = false;
};

} // namespace lethean::node
