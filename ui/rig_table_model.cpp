#include "ui/rig_table_model.h"

#include "ui/display_format.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
const QColor kOfflineColour(0x80, 0x80, 0x80);
const QColor kWarnColour(0xb3, 0x6b, 0x00);
const QColor kErrorColour(0xb0, 0x1e, 0x1e);
const QColor kSimulatedColour(0x6a, 0x3d, 0x9a);
constexpr int kMaxListedGpus = 4;

bool lacksForwardSecrecy(const RigSnapshot& rig)
{
    return rig.protocolVersion == u"1.0";
}
} // namespace

// --- RigSnapshot ------------------------------------------------------------------------------------------

double RigSnapshot::hashrate10s() const
{
    double sum = 0;
    for (const node::MinerStatsItem& miner : stats.miners)
        sum += std::max(0.0, miner.hashrate);
    return sum;
}

double RigSnapshot::hashrate60s() const
{
    double sum = 0;
    for (const node::MinerStatsItem& miner : stats.miners)
        sum += std::max(0.0, miner.hashrate60s);
    return sum;
}

qint64 RigSnapshot::accepted() const
{
    qint64 sum = 0;
    for (const node::MinerStatsItem& miner : stats.miners)
        sum += std::max<qint64>(0, miner.shares);
    return sum;
}

qint64 RigSnapshot::rejected() const
{
    qint64 sum = 0;
    for (const node::MinerStatsItem& miner : stats.miners)
        sum += std::max<qint64>(0, miner.rejected);
    return sum;
}

bool RigSnapshot::isSimulated() const
{
    return std::any_of(stats.miners.cbegin(), stats.miners.cend(),
                       [](const node::MinerStatsItem& miner) { return miner.simulated; });
}

QString RigSnapshot::minerState() const
{
    if (stats.miners.isEmpty())
        return {};
    QString worst = stats.miners.first().state.isEmpty() ? u"running"_s : stats.miners.first().state;
    for (const node::MinerStatsItem& miner : stats.miners) {
        const QString state = miner.state.isEmpty() ? u"running"_s : miner.state;
        if (DisplayFormat::minerStateSeverity(state) > DisplayFormat::minerStateSeverity(worst))
            worst = state;
    }
    return worst;
}

qint64 RigSnapshot::minerUptime() const
{
    qint64 longest = -1;
    for (const node::MinerStatsItem& miner : stats.miners)
        longest = std::max(longest, miner.uptime);
    return longest;
}

QList<double> RigSnapshot::gpuTemperatures() const
{
    QList<double> temperatures;
    for (const node::MinerStatsItem& miner : stats.miners)
        for (const node::GpuHealth& gpu : miner.gpus)
            if (gpu.temperature > 0)
                temperatures.append(gpu.temperature);
    return temperatures;
}

// --- RigTableModel ----------------------------------------------------------------------------------------

RigTableModel::RigTableModel(QObject* parent)
    : QAbstractTableModel(parent),
      m_onlineIcon(u":/icons/status-online.svg"_s),
      m_offlineIcon(u":/icons/status-offline.svg"_s),
      m_warningIcon(u":/icons/warning.svg"_s)
{
    qRegisterMetaType<RigTotals>();
}

bool RigTableModel::isRigRole(const QString& role)
{
    return role != u"controller";
}

int RigTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rigs.size());
}

int RigTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int RigTableModel::rowOf(const QString& rigId) const
{
    return m_rowById.value(rigId, -1);
}

QVariant RigTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section >= Hashrate10sColumn && section <= ScoreColumn && section != GpuColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Hashrate10sColumn:
            return tr("Hashrate averaged over the last 10 seconds, all miners of the rig together");
        case Hashrate60sColumn:
            return tr("Hashrate averaged over the last 60 seconds");
        case AcceptedColumn:
            return tr("Shares the pool accepted since the miners started");
        case RejectedColumn:
            return tr("Shares the pool rejected since the miners started");
        case ScoreColumn:
            return tr("How reliably the rig answers (0 to 100)");
        case ProtocolColumn:
            return tr("Protocol version of the connection; 1.0 has no forward secrecy");
        case NameColumn:
        case StatusColumn:
        case MinerStateColumn:
        case UptimeColumn:
        case GpuColumn:
        case PingColumn:
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Rig");
    case StatusColumn:
        return tr("Status");
    case MinerStateColumn:
        return tr("Miner");
    case Hashrate10sColumn:
        return tr("Hashrate 10 s");
    case Hashrate60sColumn:
        return tr("Hashrate 60 s");
    case AcceptedColumn:
        return tr("Accepted");
    case RejectedColumn:
        return tr("Rejected");
    case UptimeColumn:
        return tr("Uptime");
    case GpuColumn:
        return tr("GPU temp.");
    case PingColumn:
        return tr("Ping");
    case ScoreColumn:
        return tr("Score");
    case ProtocolColumn:
        return tr("Protocol");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RigTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RigSnapshot& rig = m_rigs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(rig, index.column());
    case Qt::DecorationRole:
        return decoration(rig, index.column());
    case Qt::ForegroundRole:
        return foreground(rig, index.column());
    case Qt::ToolTipRole:
        return toolTip(rig, index.column());
    case Qt::TextAlignmentRole:
        return headerData(index.column(), Qt::Horizontal, role);
    case Qt::FontRole:
        if (index.column() == MinerStateColumn && rig.isSimulated()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case SortRole:
        return sortKey(rig, index.column());
    case RigIdRole:
        return rig.id;
    case OnlineRole:
        return rig.isOnline();
    case SimulatedRole:
        return rig.isSimulated();
    default:
        return {};
    }
}

QVariant RigTableModel::display(const RigSnapshot& rig, int column) const
{
    const QLocale locale;
    const bool hasMiners = !rig.stats.miners.isEmpty();
    switch (Column(column)) {
    case NameColumn:
        return rig.name.isEmpty() ? rig.id.left(8) : rig.name;
    case StatusColumn:
        if (!rig.connected)
            return tr("Offline");
        return rig.statsError.isEmpty() ? tr("Online") : tr("Not answering");
    case MinerStateColumn:
        if (!rig.hasStats)
            return DisplayFormat::notReported();
        if (!hasMiners)
            return tr("No miner");
        //: A demo miner's state: %1 is the state (Running, …)
        return rig.isSimulated() ? tr("%1 (simulated)").arg(DisplayFormat::minerState(rig.minerState()))
                                 : DisplayFormat::minerState(rig.minerState());
    case Hashrate10sColumn:
        return hasMiners ? DisplayFormat::hashrate(rig.hashrate10s()) : DisplayFormat::notReported();
    case Hashrate60sColumn:
        return hasMiners ? DisplayFormat::hashrate(rig.hashrate60s()) : DisplayFormat::notReported();
    case AcceptedColumn:
        return hasMiners ? locale.toString(rig.accepted()) : DisplayFormat::notReported();
    case RejectedColumn:
        return hasMiners ? locale.toString(rig.rejected()) : DisplayFormat::notReported();
    case UptimeColumn:
        return hasMiners ? DisplayFormat::duration(rig.minerUptime()) : DisplayFormat::notReported();
    case GpuColumn: {
        const QList<double> temperatures = rig.gpuTemperatures();
        if (temperatures.isEmpty())
            return DisplayFormat::notReported();
        if (temperatures.size() > kMaxListedGpus)
            //: The hottest of several GPUs: %1 the temperature, %n the number of GPUs
            return tr("max %1 °C (%n GPUs)", nullptr, int(temperatures.size()))
                .arg(*std::max_element(temperatures.cbegin(), temperatures.cend()), 0, 'f', 0);
        QStringList parts;
        for (double t : temperatures)
            parts.append(tr("%1 °C").arg(t, 0, 'f', 0));
        return parts.join(u" · "_s);
    }
    case PingColumn:
        return rig.pingMs > 0 ? tr("%1 ms").arg(rig.pingMs, 0, 'f', rig.pingMs < 10 ? 1 : 0)
                              : DisplayFormat::notReported();
    case ScoreColumn:
        return locale.toString(rig.score, 'f', 0);
    case ProtocolColumn:
        if (rig.protocolVersion.isEmpty())
            return DisplayFormat::notReported();
        if (lacksForwardSecrecy(rig))
            //: Protocol 1.0 connections are encrypted with a fixed key: a stolen key reveals old traffic
            return tr("%1 — no forward secrecy").arg(rig.protocolVersion);
        return rig.protocolVersion;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RigTableModel::sortKey(const RigSnapshot& rig, int column) const
{
    switch (Column(column)) {
    case NameColumn:
        return display(rig, column).toString().toLower();
    case StatusColumn:
        return rig.connected ? (rig.statsError.isEmpty() ? 2 : 1) : 0;
    case MinerStateColumn:
        return rig.hasStats ? DisplayFormat::minerStateSeverity(rig.minerState()) + (rig.stats.miners.isEmpty() ? 0 : 1)
                            : -1;
    case Hashrate10sColumn:
        return rig.hashrate10s();
    case Hashrate60sColumn:
        return rig.hashrate60s();
    case AcceptedColumn:
        return rig.accepted();
    case RejectedColumn:
        return rig.rejected();
    case UptimeColumn:
        return rig.minerUptime();
    case GpuColumn: {
        const QList<double> t = rig.gpuTemperatures();
        return t.isEmpty() ? -1.0 : *std::max_element(t.cbegin(), t.cend());
    }
    case PingColumn:
        // Unknown pings sort after every measured one.
        return rig.pingMs > 0 ? rig.pingMs : 1e12;
    case ScoreColumn:
        return rig.score;
    case ProtocolColumn:
        return display(rig, column);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RigTableModel::foreground(const RigSnapshot& rig, int column) const
{
    if (!rig.connected && column != NameColumn)
        return QBrush(kOfflineColour);
    switch (Column(column)) {
    case StatusColumn:
        return rig.statsError.isEmpty() ? QVariant() : QBrush(kWarnColour);
    case MinerStateColumn: {
        const QString state = rig.minerState();
        if (rig.isSimulated() && state != u"failed")
            return QBrush(kSimulatedColour);
        if (state == u"failed")
            return QBrush(kErrorColour);
        if (state == u"restarting" || state == u"starting")
            return QBrush(kWarnColour);
        return {};
    }
    case RejectedColumn:
        return rig.rejected() > 0 && rig.rejected() * 20 > rig.accepted() ? QBrush(kWarnColour) : QVariant();
    case GpuColumn: {
        const QList<double> t = rig.gpuTemperatures();
        const double hottest = t.isEmpty() ? 0 : *std::max_element(t.cbegin(), t.cend());
        if (hottest >= kHotGpu)
            return QBrush(kErrorColour);
        return hottest >= kWarmGpu ? QBrush(kWarnColour) : QVariant();
    }
    case ProtocolColumn:
        return lacksForwardSecrecy(rig) ? QBrush(kWarnColour) : QVariant();
    case NameColumn:
    case Hashrate10sColumn:
    case Hashrate60sColumn:
    case AcceptedColumn:
    case UptimeColumn:
    case PingColumn:
    case ScoreColumn:
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RigTableModel::decoration(const RigSnapshot& rig, int column) const
{
    if (column == NameColumn)
        return rig.isOnline() ? m_onlineIcon : m_offlineIcon;
    if (column == ProtocolColumn && lacksForwardSecrecy(rig))
        return m_warningIcon;
    return {};
}

QString RigTableModel::toolTip(const RigSnapshot& rig, int column) const
{
    switch (Column(column)) {
    case NameColumn:
        return tr("%1\nID %2\nNode up for %3")
            .arg(rig.name, rig.id,
                 rig.hasStats ? DisplayFormat::duration(rig.stats.uptime) : DisplayFormat::notReported());
    case StatusColumn:
        if (!rig.statsError.isEmpty())
            return tr("Connected, but the last request for stats failed: %1").arg(rig.statsError);
        return {};
    case MinerStateColumn: {
        QStringList lines;
        if (rig.isSimulated())
            lines.append(tr("Demo mode: these numbers are made up by a simulated miner, nothing is being mined."));
        for (const node::MinerStatsItem& miner : rig.stats.miners) {
            QString line = tr("%1 (%2): %3").arg(miner.name, miner.type, DisplayFormat::minerState(miner.state));
            if (miner.restarts > 0)
                line += u"; "_s + tr("restarted %n time(s)", nullptr, int(miner.restarts));
            if (!miner.health.isEmpty())
                line += u"; "_s + miner.health;
            lines.append(line);
        }
        return lines.join(u'\n');
    }
    case GpuColumn: {
        QStringList lines;
        for (const node::MinerStatsItem& miner : rig.stats.miners)
            for (const node::GpuHealth& gpu : miner.gpus)
                lines.append(DisplayFormat::gpuHealth(gpu));
        return lines.join(u'\n');
    }
    case ProtocolColumn:
        if (lacksForwardSecrecy(rig))
            return tr("This rig speaks protocol 1.0: its traffic is encrypted with a key derived from the two "
                      "identities, so anyone who later steals a key can read recorded traffic. Update the rig "
                      "to protocol 2.0.");
        return {};
    case Hashrate10sColumn:
    case Hashrate60sColumn:
    case AcceptedColumn:
    case RejectedColumn:
    case UptimeColumn:
    case PingColumn:
    case ScoreColumn:
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RigTableModel::cellState(const RigSnapshot& rig, int column) const
{
    // Tooltips are left out: a view asks for one only on hover, so a changed tooltip needs no repaint.
    return QVariantList{display(rig, column), foreground(rig, column), rig.isOnline(),
                        column == ProtocolColumn && lacksForwardSecrecy(rig)};
}

void RigTableModel::applyPeer(RigSnapshot& rig, const node::Peer& peer) const
{
    rig.id = peer.id;
    if (!peer.name.isEmpty() || rig.name.isEmpty())
        rig.name = peer.name;
    rig.role = peer.role;
    rig.connected = peer.connected;
    rig.pingMs = peer.pingMs;
    rig.score = peer.score;
    rig.protocolVersion = peer.protocolVersion;
}

void RigTableModel::resetPeers(const QList<node::Peer>& peers)
{
    QHash<QString, RigSnapshot> previous;
    for (const RigSnapshot& rig : std::as_const(m_rigs))
        previous.insert(rig.id, rig);
    beginResetModel();
    m_rigs.clear();
    m_rowById.clear();
    for (const node::Peer& peer : peers) {
        auto old = previous.constFind(peer.id);
        const bool hadStats = old != previous.cend() && old->hasStats;
        if ((!isRigRole(peer.role) && !hadStats) || m_rowById.contains(peer.id))
            continue;
        RigSnapshot rig = old != previous.cend() ? *old : RigSnapshot{};
        applyPeer(rig, peer);
        m_rowById.insert(rig.id, int(m_rigs.size()));
        m_rigs.append(std::move(rig));
    }
    endResetModel();
    recount();
}

void RigTableModel::updatePeer(const node::Peer& peer)
{
    const int row = rowOf(peer.id);
    if (row < 0) {
        if (!isRigRole(peer.role))
            return;
        RigSnapshot rig;
        applyPeer(rig, peer);
        insertRig(std::move(rig));
        recount();
        return;
    }
    if (!isRigRole(peer.role) && !m_rigs.at(row).hasStats) {
        removeRow(row);
        recount();
        return;
    }
    RigSnapshot after = m_rigs.at(row);
    applyPeer(after, peer);
    replaceRow(row, std::move(after));
    recount();
}

void RigTableModel::removePeer(const QString& peerId)
{
    const int row = rowOf(peerId);
    if (row < 0)
        return;
    removeRow(row);
    recount();
}

void RigTableModel::updateStats(const QList<node::PeerStatsResult>& results)
{
    for (const node::PeerStatsResult& result : results) {
        const int row = rowOf(result.peerId);
        RigSnapshot after = row >= 0 ? m_rigs.at(row) : RigSnapshot{};
        if (row < 0) {
            // It answered, so it is connected; its peer snapshot (ping, score) follows.
            after.id = result.peerId;
            after.name = result.peerName;
            after.connected = true;
        }
        if (result.stats) {
            after.hasStats = true;
            after.statsError.clear();
            after.stats = result.stats.value();
            if (after.name.isEmpty())
                after.name = after.stats.nodeName;
        } else {
            after.statsError = result.stats.error().message.isEmpty() ? tr("no answer")
                                                                     : result.stats.error().message;
        }
        if (row < 0)
            insertRig(std::move(after));
        else
            replaceRow(row, std::move(after));
    }
    recount();
}

void RigTableModel::updateRigStats(const node::PeerStatsResult& result)
{
    updateStats({result});
}

void RigTableModel::replaceRow(int row, RigSnapshot after)
{
    std::array<QVariant, ColumnCount> before;
    for (int c = 0; c < ColumnCount; ++c)
        before[c] = cellState(m_rigs.at(row), c);
    const bool statsChanged = !(m_rigs.at(row).stats == after.stats) ||
                              m_rigs.at(row).statsError != after.statsError ||
                              m_rigs.at(row).connected != after.connected;
    m_rigs[row] = std::move(after);
    // One dataChanged per run of adjacent changed cells: a rig whose hashrate moved repaints two cells.
    int runStart = -1;
    for (int c = 0; c <= ColumnCount; ++c) {
        const bool changed = c < ColumnCount && cellState(m_rigs.at(row), c) != before[c];
        if (changed && runStart < 0)
            runStart = c;
        if (!changed && runStart >= 0) {
            Q_EMIT dataChanged(index(row, runStart), index(row, c - 1));
            runStart = -1;
        }
    }
    if (statsChanged)
        Q_EMIT rigStatsChanged(m_rigs.at(row).id);
}

void RigTableModel::insertRig(RigSnapshot rig)
{
    const int row = int(m_rigs.size());
    beginInsertRows({}, row, row);
    m_rowById.insert(rig.id, row);
    const QString id = rig.id;
    const bool hasStats = rig.hasStats;
    m_rigs.append(std::move(rig));
    endInsertRows();
    if (hasStats)
        Q_EMIT rigStatsChanged(id);
}

void RigTableModel::removeRow(int row)
{
    const QString id = m_rigs.at(row).id;
    beginRemoveRows({}, row, row);
    m_rigs.removeAt(row);
    m_rowById.remove(id);
    for (int r = row; r < m_rigs.size(); ++r)
        m_rowById[m_rigs.at(r).id] = r;
    endRemoveRows();
    Q_EMIT rigStatsChanged(id);
}

void RigTableModel::recount()
{
    RigTotals totals;
    totals.rigs = int(m_rigs.size());
    for (const RigSnapshot& rig : std::as_const(m_rigs)) {
        if (!rig.isOnline())
            continue;
        ++totals.online;
        totals.hashrate10s += rig.hashrate10s();
        totals.hashrate60s += rig.hashrate60s();
        totals.accepted += rig.accepted();
        totals.rejected += rig.rejected();
        totals.simulated = totals.simulated || rig.isSimulated();
        if (std::any_of(rig.stats.miners.cbegin(), rig.stats.miners.cend(), [](const node::MinerStatsItem& m) {
                return m.state.isEmpty() || m.state == u"running";
            }))
            ++totals.mining;
    }
    if (totals == m_totals)
        return;
    m_totals = totals;
    Q_EMIT totalsChanged(m_totals);
}

} // namespace lethean::ui
