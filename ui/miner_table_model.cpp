#include "ui/miner_table_model.h"

#include "ui/display_format.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
const QColor kWarnColour(0xb3, 0x6b, 0x00);
const QColor kErrorColour(0xb0, 0x1e, 0x1e);
const QColor kSimulatedColour(0x6a, 0x3d, 0x9a);

QString gpuSummary(const node::MinerStatsItem& miner)
{
    QStringList parts;
    for (const node::GpuHealth& gpu : miner.gpus)
        if (gpu.temperature > 0)
            parts.append(MinerTableModel::tr("%1 °C").arg(gpu.temperature, 0, 'f', 0));
    return parts.isEmpty() ? DisplayFormat::notReported() : parts.join(u" · "_s);
}
} // namespace

MinerTableModel::MinerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int MinerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_miners.size());
}

int MinerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int MinerTableModel::rowOf(const QString& minerName) const
{
    for (int row = 0; row < m_miners.size(); ++row)
        if (m_miners.at(row).name == minerName)
            return row;
    return -1;
}

QVariant MinerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section >= Hashrate10sColumn && section <= UptimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                        : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Miner");
    case StateColumn:
        return tr("State");
    case Hashrate10sColumn:
        return tr("10 s");
    case Hashrate60sColumn:
        return tr("60 s");
    case Hashrate15mColumn:
        return tr("15 min");
    case AcceptedColumn:
        return tr("Accepted");
    case RejectedColumn:
        return tr("Rejected");
    case UptimeColumn:
        return tr("Uptime");
    case PoolColumn:
        return tr("Pool");
    case AlgorithmColumn:
        return tr("Algorithm");
    case GpuColumn:
        return tr("GPU temp.");
    case RestartsColumn:
        return tr("Restarts");
    case VersionColumn:
        return tr("Version");
    case DataColumn:
        return tr("Data");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MinerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const node::MinerStatsItem& miner = m_miners.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(miner, index.column());
    case Qt::ToolTipRole:
        return toolTip(miner, index.column());
    case Qt::ForegroundRole:
        return foreground(miner, index.column());
    case Qt::TextAlignmentRole:
        return headerData(index.column(), Qt::Horizontal, role);
    case MinerNameRole:
        return miner.name;
    case SortRole:
        return sortKey(miner, index.column());
    default:
        return {};
    }
}

QVariant MinerTableModel::display(const node::MinerStatsItem& miner, int column) const
{
    const QLocale locale;
    auto rate = [](double value) { return value > 0 ? DisplayFormat::hashrate(value) : DisplayFormat::notReported(); };
    switch (Column(column)) {
    case NameColumn:
        return miner.name;
    case StateColumn:
        return DisplayFormat::minerState(miner.state);
    case Hashrate10sColumn:
        return DisplayFormat::hashrate(miner.hashrate);
    case Hashrate60sColumn:
        return rate(miner.hashrate60s);
    case Hashrate15mColumn:
        return rate(miner.hashrate15m);
    case AcceptedColumn:
        return locale.toString(miner.shares);
    case RejectedColumn:
        return locale.toString(miner.rejected);
    case UptimeColumn:
        return DisplayFormat::duration(miner.uptime);
    case PoolColumn:
        return miner.pool;
    case AlgorithmColumn:
        return miner.algorithm;
    case GpuColumn:
        return gpuSummary(miner);
    case RestartsColumn:
        return locale.toString(miner.restarts);
    case VersionColumn:
        return miner.version.isEmpty() ? DisplayFormat::notReported() : miner.version;
    case DataColumn:
        return miner.simulated ? tr("Simulated") : tr("Real");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MinerTableModel::sortKey(const node::MinerStatsItem& miner, int column) const
{
    switch (Column(column)) {
    case Hashrate10sColumn:
        return miner.hashrate;
    case Hashrate60sColumn:
        return miner.hashrate60s;
    case Hashrate15mColumn:
        return miner.hashrate15m;
    case AcceptedColumn:
        return miner.shares;
    case RejectedColumn:
        return miner.rejected;
    case UptimeColumn:
        return miner.uptime;
    case RestartsColumn:
        return miner.restarts;
    case StateColumn:
        return DisplayFormat::minerStateSeverity(miner.state);
    case NameColumn:
    case PoolColumn:
    case AlgorithmColumn:
    case GpuColumn:
    case VersionColumn:
    case DataColumn:
    case ColumnCount:
        break;
    }
    return display(miner, column);
}

QVariant MinerTableModel::foreground(const node::MinerStatsItem& miner, int column) const
{
    switch (Column(column)) {
    case StateColumn:
        if (miner.state == u"failed")
            return QBrush(kErrorColour);
        if (miner.state == u"restarting" || miner.state == u"starting")
            return QBrush(kWarnColour);
        return {};
    case RestartsColumn:
        return miner.restarts > 0 ? QBrush(kWarnColour) : QVariant();
    case DataColumn:
        return miner.simulated ? QBrush(kSimulatedColour) : QVariant();
    case NameColumn:
    case Hashrate10sColumn:
    case Hashrate60sColumn:
    case Hashrate15mColumn:
    case AcceptedColumn:
    case RejectedColumn:
    case UptimeColumn:
    case PoolColumn:
    case AlgorithmColumn:
    case GpuColumn:
    case VersionColumn:
    case ColumnCount:
        break;
    }
    return {};
}

QString MinerTableModel::toolTip(const node::MinerStatsItem& miner, int column) const
{
    switch (Column(column)) {
    case StateColumn:
    case RestartsColumn:
        return miner.health.isEmpty() ? QString() : tr("Last supervisor event: %1").arg(miner.health);
    case GpuColumn: {
        QStringList lines;
        for (const node::GpuHealth& gpu : miner.gpus)
            lines.append(DisplayFormat::gpuHealth(gpu));
        return lines.join(u'\n');
    }
    case DataColumn:
        return miner.simulated ? tr("Demo mode: a simulated miner makes these numbers up; nothing is mined.")
                               : QString();
    case NameColumn:
        return miner.cpuThreads > 0 ? tr("%1 (%2), %n CPU thread(s)", nullptr, int(miner.cpuThreads))
                                          .arg(miner.name, miner.type)
                                    : tr("%1 (%2)").arg(miner.name, miner.type);
    case PoolColumn:
        return miner.pool;
    case Hashrate10sColumn:
    case Hashrate60sColumn:
    case Hashrate15mColumn:
    case AcceptedColumn:
    case RejectedColumn:
    case UptimeColumn:
    case AlgorithmColumn:
    case VersionColumn:
    case ColumnCount:
        break;
    }
    return {};
}

void MinerTableModel::setMiners(const QList<node::MinerStatsItem>& miners)
{
    QSet<QString> incoming;
    for (const node::MinerStatsItem& miner : miners)
        incoming.insert(miner.name);
    // Gone miners first, from the bottom so the rows above keep their numbers.
    for (int row = int(m_miners.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_miners.at(row).name))
            continue;
        beginRemoveRows({}, row, row);
        m_miners.removeAt(row);
        endRemoveRows();
    }
    for (const node::MinerStatsItem& miner : miners) {
        const int row = rowOf(miner.name);
        if (row < 0) {
            const int at = int(m_miners.size());
            beginInsertRows({}, at, at);
            m_miners.append(miner);
            endInsertRows();
            continue;
        }
        if (m_miners.at(row) == miner)
            continue;
        std::array<QVariant, ColumnCount> before;
        for (int c = 0; c < ColumnCount; ++c)
            before[c] = QVariantList{display(m_miners.at(row), c), toolTip(m_miners.at(row), c)};
        m_miners[row] = miner;
        int runStart = -1;
        for (int c = 0; c <= ColumnCount; ++c) {
            const bool changed = c < ColumnCount && QVariant(QVariantList{display(miner, c), toolTip(miner, c)}) != before[c];
            if (changed && runStart < 0)
                runStart = c;
            if (!changed && runStart >= 0) {
                Q_EMIT dataChanged(index(row, runStart), index(row, c - 1));
                runStart = -1;
            }
        }
    }
}

} // namespace lethean::ui
