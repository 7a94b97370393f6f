#include "ui/log_filter_proxy.h"

#include "ui/log_model.h"

namespace lethean::ui {

LogFilterProxy::LogFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void LogFilterProxy::setMinimumLevel(node::LogLevel level)
{
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateRowsFilter();
}

void LogFilterProxy::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    invalidateRowsFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(LogModel::LevelRole).toInt() < int(m_minimumLevel))
        return false;
    return m_searchText.isEmpty() ||
           index.data(LogModel::LineTextRole).toString().contains(m_searchText, Qt::CaseInsensitive);
}

} // namespace lethean::ui
