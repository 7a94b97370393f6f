#include "ui/peer_table_model.h"

#include "ui/node_client.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
const QColor kWarningColour(0xa5, 0x5a, 0x00); // dark amber: readable on light and mid backgrounds
const QColor kOfflineColour(0x80, 0x80, 0x80);

// Today's times without the date: the column stays narrow and the common case reads at a glance.
QString lastSeenText(const QDateTime& local)
{
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

QString roleText(const QString& role)
{
    if (role == u"controller")
        return PeerTableModel::tr("Controller");
    if (role == u"worker")
        return PeerTableModel::tr("Worker");
    if (role == u"dual")
        //: A node that both controls rigs and mines itself.
        return PeerTableModel::tr("Controller and worker");
    return role; // free text in go-p2p: shown as the peer said it
}
} // namespace

PeerTableModel::PeerTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_onlineIcon(u":/icons/status-online.svg"_s),
      m_offlineIcon(u":/icons/status-offline.svg"_s), m_warningIcon(u":/icons/warning.svg"_s)
{}

void PeerTableModel::setClient(NodeClient& client)
{
    connect(&client, &NodeClient::peersReset, this, &PeerTableModel::resetPeers);
    connect(&client, &NodeClient::peerChanged, this, &PeerTableModel::updatePeer);
    connect(&client, &NodeClient::peerRemoved, this, &PeerTableModel::removePeer);
    connect(&client, &NodeClient::allowlistChanged, this, &PeerTableModel::setAllowedKeys);
}

int PeerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_peers.size());
}

int PeerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PeerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const node::Peer& peer = m_peers.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(peer, column);
    case Qt::ToolTipRole:
        return toolTip(peer, column);
    case Qt::DecorationRole:
        if (column == NameColumn)
            return peer.connected ? m_onlineIcon : m_offlineIcon;
        if (column == AuthColumn && lacksForwardSecrecy(peer))
            return m_warningIcon;
        return {};
    case Qt::ForegroundRole:
        if (column == AuthColumn && lacksForwardSecrecy(peer))
            return QBrush(kWarningColour);
        if (column == LastSeenColumn && !peer.connected)
            return QBrush(kOfflineColour);
        return {};
    case Qt::TextAlignmentRole:
        if (column == PingColumn || column == HopsColumn || column == ScoreColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::AccessibleTextRole:
        return column == AuthColumn ? toolTip(peer, column) : display(peer, column);
    case SortRole:
        return sortKey(peer, column);
    case FilterRole:
        return column == IdColumn ? peer.id : display(peer, column);
    case PeerIdRole:
        return peer.id;
    default:
        return {};
    }
}

QVariant PeerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (static_cast<Column>(section)) {
    case IdColumn:
        //: Column header: the peer's ID (a short prefix of a hash)
        return tr("ID");
    case NameColumn:
        return tr("Name");
    case AddressColumn:
        return tr("Address");
    case RoleColumn:
        return tr("Role");
    case PingColumn:
        return tr("Ping");
    case HopsColumn:
        return tr("Hops");
    case ScoreColumn:
        //: Column header: how reliable the peer has been, 0 to 100
        return tr("Score");
    case LastSeenColumn:
        return tr("Last seen");
    case AuthColumn:
        //: Column header: whether the peer is allowed in and which protocol it speaks
        return tr("Access");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PeerTableModel::display(const node::Peer& peer, int column) const
{
    switch (static_cast<Column>(column)) {
    case IdColumn:
        return peer.id.left(kShortIdLength);
    case NameColumn:
        return peer.name;
    case AddressColumn:
        //: Address cell of a peer that connected to us and gave no address to dial back
        return peer.address.isEmpty() ? tr("(inbound only)") : peer.address;
    case RoleColumn:
        return roleText(peer.role);
    case PingColumn:
        return peer.pingMs > 0 ? tr("%1 ms").arg(QLocale().toString(peer.pingMs, 'f', 0)) : QString();
    case HopsColumn:
        return peer.hops > 0 ? QLocale().toString(peer.hops) : QString();
    case ScoreColumn:
        return QLocale().toString(peer.score, 'f', 0);
    case LastSeenColumn:
        if (peer.connected)
            return tr("Online now");
        if (peer.lastSeen.isNull())
            return tr("Never");
        return lastSeenText(peer.lastSeen.toDateTime().toLocalTime());
    case AuthColumn:
        return authText(peer);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PeerTableModel::sortKey(const node::Peer& peer, int column) const
{
    switch (static_cast<Column>(column)) {
    case IdColumn:
        return peer.id;
    case PingColumn:
        // Unknown pings sort after every measured one.
        return peer.pingMs > 0 ? peer.pingMs : std::numeric_limits<double>::max();
    case HopsColumn:
        return peer.hops;
    case ScoreColumn:
        return peer.score;
    case LastSeenColumn:
        // Online peers first when descending, then the most recently seen.
        return peer.connected ? std::numeric_limits<qint64>::max()
                              : (peer.lastSeen.isNull() ? qint64(0) : peer.lastSeen.toMSecsSinceEpoch());
    case NameColumn:
    case AddressColumn:
    case RoleColumn:
    case AuthColumn:
        return display(peer, column).toString().toLower();
    case ColumnCount:
        break;
    }
    return {};
}

QString PeerTableModel::authText(const node::Peer& peer) const
{
    const QString access = isAllowlisted(peer) ? tr("Allowlisted") : tr("Not allowlisted");
    if (peer.protocolVersion.isEmpty())
        return access;
    if (lacksForwardSecrecy(peer))
        //: %1 is "Allowlisted" or "Not allowlisted"; 1.0 is go-p2p's protocol version
        return tr("%1 · 1.0: no forward secrecy").arg(access);
    //: %1 is "Allowlisted" or "Not allowlisted", %2 the protocol version (2.0)
    return tr("%1 · %2").arg(access, peer.protocolVersion);
}

QString PeerTableModel::toolTip(const node::Peer& peer, int column) const
{
    switch (static_cast<Column>(column)) {
    case IdColumn:
        return peer.id;
    case AddressColumn:
        if (peer.alternateAddresses.isEmpty())
            return display(peer, column).toString();
        return tr("%1\nAlso tried: %2")
            .arg(display(peer, column).toString(), peer.alternateAddresses.join(u", "_s));
    case AuthColumn:
        if (lacksForwardSecrecy(peer))
            return tr("This peer speaks protocol 1.0 (go-p2p): traffic recorded today can be decrypted if "
                      "either node's key is ever stolen. Update it to a version that speaks 2.0.");
        if (!peer.protocolVersion.isEmpty())
            return tr("%1, protocol %2 (with forward secrecy)")
                .arg(authText(peer).section(u" · "_s, 0, 0), peer.protocolVersion);
        return authText(peer);
    case NameColumn:
        return peer.connected ? tr("%1 is online").arg(peer.name) : tr("%1 is offline").arg(peer.name);
    case RoleColumn:
    case PingColumn:
    case HopsColumn:
    case ScoreColumn:
    case LastSeenColumn:
        return display(peer, column).toString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PeerTableModel::cellState(const node::Peer& peer, int column) const
{
    // Display and tooltip, plus the flags behind this column's decoration and colour: what a view shows.
    QVariantList state{display(peer, column), toolTip(peer, column)};
    if (column == NameColumn || column == LastSeenColumn)
        state.append(peer.connected);
    if (column == AuthColumn)
        state.append(lacksForwardSecrecy(peer));
    return state;
}

bool PeerTableModel::isAllowlisted(const node::Peer& peer) const
{
    return !peer.publicKey.isEmpty() && m_allowedKeys.contains(peer.publicKey);
}

bool PeerTableModel::lacksForwardSecrecy(const node::Peer& peer)
{
    return peer.protocolVersion == u"1.0";
}

int PeerTableModel::rowOf(const QString& peerId) const
{
    return m_rowById.value(peerId, -1);
}

void PeerTableModel::resetPeers(const QList<node::Peer>& peers)
{
    beginResetModel();
    m_peers = peers;
    m_rowById.clear();
    reindexFrom(0);
    endResetModel();
    recount();
}

void PeerTableModel::updatePeer(const node::Peer& peer)
{
    const int row = rowOf(peer.id);
    if (row < 0) {
        const int newRow = int(m_peers.size());
        beginInsertRows(QModelIndex(), newRow, newRow);
        m_peers.append(peer);
        m_rowById.insert(peer.id, newRow);
        endInsertRows();
        recount();
        return;
    }
    const node::Peer before = std::exchange(m_peers[row], peer);
    emitChangedCells(row, before, peer);
    if (before.connected != peer.connected)
        recount();
}

void PeerTableModel::removePeer(const QString& peerId)
{
    const int row = rowOf(peerId);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_peers.removeAt(row);
    m_rowById.remove(peerId);
    reindexFrom(row);
    endRemoveRows();
    recount();
}

void PeerTableModel::setAllowedKeys(const QList<QByteArray>& keys)
{
    const QSet<QByteArray> next(keys.cbegin(), keys.cend());
    if (next == m_allowedKeys)
        return;
    QList<int> changedRows;
    for (int row = 0; row < m_peers.size(); ++row) {
        const QByteArray& key = m_peers.at(row).publicKey;
        if (!key.isEmpty() && m_allowedKeys.contains(key) != next.contains(key))
            changedRows.append(row);
    }
    m_allowedKeys = next;
    for (int row : std::as_const(changedRows))
        Q_EMIT dataChanged(index(row, AuthColumn), index(row, AuthColumn));
}

void PeerTableModel::emitChangedCells(int row, const node::Peer& before, const node::Peer& after)
{
    // One dataChanged per run of adjacent changed columns: exactly the cells that look different.
    int runStart = -1;
    for (int column = 0; column <= ColumnCount; ++column) {
        const bool changed = column < ColumnCount && cellState(before, column) != cellState(after, column);
        if (changed && runStart < 0)
            runStart = column;
        if (!changed && runStart >= 0) {
            Q_EMIT dataChanged(index(row, runStart), index(row, column - 1));
            runStart = -1;
        }
    }
}

void PeerTableModel::reindexFrom(int row)
{
    for (int i = row; i < m_peers.size(); ++i)
        m_rowById.insert(m_peers.at(i).id, i);
}

void PeerTableModel::recount()
{
    const int online =
        int(std::count_if(m_peers.cbegin(), m_peers.cend(), [](const node::Peer& p) { return p.connected; }));
    m_online = online;
    Q_EMIT countsChanged(int(m_peers.size()), m_online);
}

} // namespace lethean::ui
