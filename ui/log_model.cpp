#include "ui/log_model.h"

#include "ui/node_client.h"

#include <QBrush>
#include <QColor>
#include <QFontDatabase>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
const QColor kWarnColour(0xa5, 0x5a, 0x00);
const QColor kErrorColour(0xb0, 0x1e, 0x1e);
const QColor kDebugColour(0x80, 0x80, 0x80);

QString levelText(node::LogLevel level)
{
    switch (level) {
    case node::LogLevel::Debug:
        return LogModel::tr("Debug");
    case node::LogLevel::Info:
        return LogModel::tr("Info");
    case node::LogLevel::Warn:
        return LogModel::tr("Warning");
    case node::LogLevel::Error:
        return LogModel::tr("Error");
    }
    return node::toString(level);
}

// The message followed by its key=value fields, as the log file shows them after the component.
QString messageText(const node::LogLine& line)
{
    return line.message + node::formatLogFields(line.fields);
}
} // namespace

LogModel::LogModel(QObject* parent) : QAbstractTableModel(parent)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kBatchInterval);
    connect(&m_batchTimer, &QTimer::timeout, this, &LogModel::flush);
}

void LogModel::setClient(NodeClient& client)
{
    append(client.logBacklog());
    flush();
    connect(&client, &NodeClient::logLine, this, qOverload<const node::LogLine&>(&LogModel::append));
}

void LogModel::setCapacity(int lines)
{
    m_capacity = std::max(1, lines);
    trimTo(m_capacity);
}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int LogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const node::LogLine& line = lineAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case TimeColumn:
            return node::formatLogTimestamp(line.timestamp);
        case LevelColumn:
            return levelText(line.level);
        case ComponentColumn:
            return line.component;
        case MessageColumn:
            return messageText(line);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == MessageColumn ? messageText(line) : QVariant();
    case Qt::ForegroundRole:
        switch (line.level) {
        case node::LogLevel::Debug:
            return QBrush(kDebugColour);
        case node::LogLevel::Info:
            return {};
        case node::LogLevel::Warn:
            return QBrush(kWarnColour);
        case node::LogLevel::Error:
            return QBrush(kErrorColour);
        }
        return {};
    case Qt::FontRole:
        return index.column() == TimeColumn ? QFontDatabase::systemFont(QFontDatabase::FixedFont)
                                            : QVariant();
    case LevelRole:
        return int(line.level);
    case LineTextRole:
        return line.text;
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case ComponentColumn:
        //: Column header: the part of the node that wrote the line (transport, peers…)
        return tr("Component");
    case MessageColumn:
        return tr("Message");
    case ColumnCount:
        break;
    }
    return {};
}

void LogModel::append(const node::LogLine& line)
{
    m_pending.append(line);
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void LogModel::append(const QList<node::LogLine>& lines)
{
    if (lines.isEmpty())
        return;
    m_pending.append(lines);
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void LogModel::flush()
{
    m_batchTimer.stop();
    if (m_pending.isEmpty())
        return;
    // Only the newest `capacity` of the batch can stay; make room for them, then insert them in one go.
    QList<node::LogLine> batch = std::exchange(m_pending, {});
    if (batch.size() > m_capacity)
        batch.remove(0, batch.size() - m_capacity);
    trimTo(m_capacity - int(batch.size()));
    const int first = int(m_lines.size());
    beginInsertRows(QModelIndex(), first, first + int(batch.size()) - 1);
    for (node::LogLine& line : batch)
        m_lines.push_back(std::move(line));
    endInsertRows();
}

void LogModel::clear()
{
    m_pending.clear();
    m_batchTimer.stop();
    if (m_lines.empty())
        return;
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

void LogModel::trimTo(int lines)
{
    const int excess = int(m_lines.size()) - std::max(0, lines);
    if (excess <= 0)
        return;
    beginRemoveRows(QModelIndex(), 0, excess - 1);
    m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
    endRemoveRows();
}

} // namespace lethean::ui
