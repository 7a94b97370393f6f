#pragma once

#include "node/peer.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QString>

namespace lethean::ui {

class NodeClient;

// The node's known peers as a table (Bitcoin Core's PeerTableModel): a cache of value snapshots fed by
// NodeClient's signals, one row per peer in arrival order. Sorting and filtering belong to a
// QSortFilterProxyModel on top (SortRole and FilterRole are provided for it). An update emits
// dataChanged only for the cells whose content changed, so 1,000 peers that report every second cost
// the views only what they must repaint.
class PeerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        NameColumn,
        AddressColumn,
        RoleColumn,
        PingColumn,
        HopsColumn,
        ScoreColumn,
        LastSeenColumn,
        AuthColumn,
        ColumnCount
    };

    enum Role
    {
        SortRole = Qt::UserRole + 1, // a number or a string that sorts as the column should
        FilterRole,                  // the text a filter searches (the whole ID, not the short one)
        PeerIdRole                   // the peer's ID, on every cell
    };

    // How many leading characters of the ID are shown; the whole ID is in the tooltip.
    static constexpr int kShortIdLength = 8;

    explicit PeerTableModel(QObject* parent = nullptr);

    // Follows the client: peersReset, peerChanged, peerRemoved and allowlistChanged.
    void setClient(NodeClient& client);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The row of a peer, or -1.
    int rowOf(const QString& peerId) const;
    const node::Peer& peerAt(int row) const { return m_peers.at(row); }
    int onlineCount() const { return m_online; }

    void resetPeers(const QList<node::Peer>& peers);
    void updatePeer(const node::Peer& peer);
    void removePeer(const QString& peerId);
    void setAllowedKeys(const QList<QByteArray>& keys);

Q_SIGNALS:
    // The number of rows or of connected peers changed (status bar, tray tooltip).
    void countsChanged(int peers, int online);

private:
    QVariant display(const node::Peer& peer, int column) const;
    QVariant sortKey(const node::Peer& peer, int column) const;
    QString toolTip(const node::Peer& peer, int column) const;
    QString authText(const node::Peer& peer) const;
    // Everything a column shows, as one comparable value: equal before and after means "not changed".
    QVariant cellState(const node::Peer& peer, int column) const;
    bool isAllowlisted(const node::Peer& peer) const;
    static bool lacksForwardSecrecy(const node::Peer& peer);
    void emitChangedCells(int row, const node::Peer& before, const node::Peer& after);
    void reindexFrom(int row);
    void recount();

    QList<node::Peer> m_peers;
    QHash<QString, int> m_rowById;
    QSet<QByteArray> m_allowedKeys;
    int m_online = 0;
    QIcon m_onlineIcon;
    QIcon m_offlineIcon;
    QIcon m_warningIcon;
};

} // namespace lethean::ui
