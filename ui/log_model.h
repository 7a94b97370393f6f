#pragma once

#include "node/log_line.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>
#include <deque>

namespace lethean::ui {

class NodeClient;

// The node's log lines as a table (time, level, component, message with its fields), newest last, at most
// capacity() of them: the oldest go first. Lines arrive one by one from NodeClient::logLine but are added
// in batches (one insert per kBatchInterval), so a burst of logging costs the views one update, not one
// per line.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        LevelColumn,
        ComponentColumn,
        MessageColumn,
        ColumnCount
    };

    enum Role
    {
        LevelRole = Qt::UserRole + 1, // node::LogLevel as int
        LineTextRole                  // the whole formatted line, as in the log file
    };

    static constexpr int kDefaultCapacity = 5000;
    static constexpr std::chrono::milliseconds kBatchInterval{100};

    explicit LogModel(QObject* parent = nullptr);

    // Takes the client's backlog, then follows its logLine signal.
    void setClient(NodeClient& client);

    int capacity() const { return m_capacity; }
    // Shrinking drops the oldest lines at once.
    void setCapacity(int lines);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const node::LogLine& lineAt(int row) const { return m_lines.at(std::size_t(row)); }

    // Queues a line for the next batch.
    void append(const node::LogLine& line);
    void append(const QList<node::LogLine>& lines);
    // Adds the queued lines now (the batch timer calls it; tests may too).
    void flush();
    void clear();

private:
    void trimTo(int lines);

    std::deque<node::LogLine> m_lines;
    QList<node::LogLine> m_pending;
    int m_capacity = kDefaultCapacity;
    QTimer m_batchTimer;
};

} // namespace lethean::ui
