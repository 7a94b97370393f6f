#pragma once

#include "node/controller.h"
#include "node/payloads.h"
#include "node/peer.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QString>

namespace lethean::ui {

// What the model knows about one rig: the peer's snapshot and its last stats answer.
struct RigSnapshot
{
    QString id;
    QString name;
    QString role;
    bool connected = false;
    double pingMs = 0;
    double score = 0;
    QString protocolVersion; // "1.0", "2.0", or empty before the first connection
    bool hasStats = false;   // a stats answer has arrived
    QString statsError;      // the last get_stats failed with this (empty: it answered)
    node::StatsPayload stats;

    bool isOnline() const { return connected && statsError.isEmpty(); }
    double hashrate10s() const;
    double hashrate60s() const;
    qint64 accepted() const;
    qint64 rejected() const;
    bool isSimulated() const;
    // The state that needs the most attention among the rig's miners; empty when it has none.
    QString minerState() const;
    qint64 minerUptime() const; // the longest-running miner's, in seconds; -1 without a miner
    QList<double> gpuTemperatures() const; // reported ones only
};

// Sums over every rig (the dashboard's cards, the tray's tooltip).
struct RigTotals
{
    int rigs = 0;
    int online = 0;
    int mining = 0; // rigs with at least one running miner
    double hashrate10s = 0;
    double hashrate60s = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
    bool simulated = false; // some of the numbers come from demo miners

    friend bool operator==(const RigTotals&, const RigTotals&) = default;
};

// The rigs as a table: one row per known peer that mines (role worker or dual, or one that sent stats),
// fed by value snapshots (NodeClient's peer signals and the controller's stats fan-out). Like
// PeerTableModel, an update emits dataChanged only for the cells whose shown content changed; sorting
// belongs to a QSortFilterProxyModel on top (SortRole).
class RigTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        StatusColumn,
        ProtocolColumn, // next to the status: a 1.0 link says "no forward secrecy" where it is seen
        MinerStateColumn, // "(simulated)" after the state for demo miners
        Hashrate10sColumn,
        Hashrate60sColumn,
        AcceptedColumn,
        RejectedColumn,
        UptimeColumn,
        GpuColumn,
        PingColumn,
        ScoreColumn,
        ColumnCount
    };

    enum Role
    {
        SortRole = Qt::UserRole + 1,
        RigIdRole,
        OnlineRole,
        SimulatedRole
    };

    // GPU temperatures at or above these are drawn in amber and red.
    static constexpr double kWarmGpu = 75.0;
    static constexpr double kHotGpu = 85.0;

    explicit RigTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& rigId) const;
    const RigSnapshot& rigAt(int row) const { return m_rigs.at(row); }
    const QList<RigSnapshot>& rigs() const { return m_rigs; }
    const RigTotals& totals() const { return m_totals; }

    // Whether a peer counts as a rig: it mines or may (worker, dual, or a role it did not say).
    static bool isRigRole(const QString& role);

public Q_SLOTS:
    // NodeClient::peersReset / peerChanged / peerRemoved.
    void resetPeers(const QList<lethean::node::Peer>& peers);
    void updatePeer(const lethean::node::Peer& peer);
    void removePeer(const QString& peerId);
    // Controller::getAllStats's answer: a rig that answered gets its stats, one that failed keeps its
    // last numbers and shows the error; a rig not in the answer is left as it was.
    void updateStats(const QList<lethean::node::PeerStatsResult>& results);
    void updateRigStats(const lethean::node::PeerStatsResult& result);

Q_SIGNALS:
    // A rig's stats changed (the miners page follows its rig through this).
    void rigStatsChanged(const QString& rigId);
    void totalsChanged(const lethean::ui::RigTotals& totals);

private:
    QVariant display(const RigSnapshot& rig, int column) const;
    QVariant sortKey(const RigSnapshot& rig, int column) const;
    QVariant foreground(const RigSnapshot& rig, int column) const;
    QVariant decoration(const RigSnapshot& rig, int column) const;
    QString toolTip(const RigSnapshot& rig, int column) const;
    // Everything a cell shows, as one comparable value.
    QVariant cellState(const RigSnapshot& rig, int column) const;
    void replaceRow(int row, RigSnapshot after);
    void insertRig(RigSnapshot rig);
    void removeRow(int row);
    void applyPeer(RigSnapshot& rig, const node::Peer& peer) const;
    void recount();

    QList<RigSnapshot> m_rigs;
    QHash<QString, int> m_rowById;
    RigTotals m_totals;
    QIcon m_onlineIcon;
    QIcon m_offlineIcon;
    QIcon m_warningIcon;
};

} // namespace lethean::ui

Q_DECLARE_METATYPE(lethean::ui::RigTotals)
