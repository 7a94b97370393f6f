#pragma once

#include <QAbstractItemView>

class QTableView;

namespace lethean::ui {

// The look every list-like table of the app shares (rigs, peers, miners, log lines): whole rows
// selected, read-only, striped, no grid, no wrapping, no row numbers. Sorting, row heights and column
// widths stay with each page, which knows its data.
void setUpRowTable(QTableView& view,
                   QAbstractItemView::SelectionMode mode = QAbstractItemView::SingleSelection);

} // namespace lethean::ui
