#include "ui/table_views.h"

#include <QHeaderView>
#include <QTableView>

namespace lethean::ui {

void setUpRowTable(QTableView& view, QAbstractItemView::SelectionMode mode)
{
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setSelectionMode(mode);
    view.setEditTriggers(QAbstractItemView::NoEditTriggers);
    view.setAlternatingRowColors(true);
    view.setShowGrid(false);
    view.setWordWrap(false);
    view.verticalHeader()->hide();
}

} // namespace lethean::ui
