#pragma once

#include "node/log_level.h"

#include <QSortFilterProxyModel>
#include <QString>

namespace lethean::ui {

// Shows the LogModel lines at or above a level whose text (the whole line: component, message, fields)
// contains the search text, ignoring case. Keeps the model's order (oldest first): no sorting.
class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LogFilterProxy(QObject* parent = nullptr);

    node::LogLevel minimumLevel() const { return m_minimumLevel; }
    void setMinimumLevel(node::LogLevel level);
    const QString& searchText() const { return m_searchText; }
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    node::LogLevel m_minimumLevel = node::LogLevel::Debug;
    QString m_searchText;
};

} // namespace lethean::ui
