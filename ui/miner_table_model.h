#pragma once

#include "node/payloads.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace lethean::ui {

// The miners of one rig as a table (the miners page): one row per miner, keyed by its name, fed by the
// rig's stats snapshots. A snapshot updates the rows in place (dataChanged for changed cells only),
// appends new miners and removes gone ones, so a selection survives the once-a-second refresh.
class MinerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        StateColumn,
        Hashrate10sColumn,
        Hashrate60sColumn,
        Hashrate15mColumn,
        AcceptedColumn,
        RejectedColumn,
        UptimeColumn,
        PoolColumn,
        AlgorithmColumn,
        GpuColumn,
        RestartsColumn,
        VersionColumn,
        DataColumn,
        ColumnCount
    };

    enum Role
    {
        MinerNameRole = Qt::UserRole + 1,
        SortRole
    };

    explicit MinerTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& minerName) const;
    const node::MinerStatsItem& minerAt(int row) const { return m_miners.at(row); }

    void setMiners(const QList<node::MinerStatsItem>& miners);
    void clear() { setMiners({}); }

private:
    QVariant display(const node::MinerStatsItem& miner, int column) const;
    QVariant sortKey(const node::MinerStatsItem& miner, int column) const;
    QVariant foreground(const node::MinerStatsItem& miner, int column) const;
    QString toolTip(const node::MinerStatsItem& miner, int column) const;

    QList<node::MinerStatsItem> m_miners;
};

} // namespace lethean::ui
