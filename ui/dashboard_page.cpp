#include "ui/dashboard_page.h"

#include "ui/display_format.h"
#include "ui/history_store.h"
#include "ui/table_views.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

DashboardPage::DashboardPage(RigTableModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(u"dashboardPage"_s);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(RigTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);
    createWidgets();
    connect(&m_model, &RigTableModel::totalsChanged, this, &DashboardPage::updateTotals);
    connect(m_chart, &HashrateChart::historyRequested, this, &DashboardPage::loadHistory);
    updateTotals(m_model.totals());
}

QWidget* DashboardPage::createCard(const QString& title, QLabel*& value, QLabel*& detail, const QString& name)
{
    auto* card = new QFrame(this);
    card->setObjectName(name);
    card->setFrameShape(QFrame::StyledPanel);
    card->setStyleSheet(u"QFrame#%1 { border: 1px solid palette(mid); border-radius: 4px; }"_s.arg(name));
    auto* caption = new QLabel(title, card);
    caption->setStyleSheet(u"color: palette(dark);"_s);
    value = new QLabel(card);
    value->setObjectName(name + u"Value"_s);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.7);
    big.setBold(true);
    value->setFont(big);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detail = new QLabel(card);
    detail->setObjectName(name + u"Detail"_s);
    detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(card);
    layout->setSpacing(2);
    layout->addWidget(caption);
    layout->addWidget(value);
    layout->addWidget(detail);
    return card;
}

void DashboardPage::createWidgets()
{
    auto* cards = new QHBoxLayout;
    cards->addWidget(createCard(tr("Rigs online"), m_rigsValue, m_rigsDetail, u"rigsCard"_s), 1);
    cards->addWidget(createCard(tr("Total hashrate"), m_hashrateValue, m_hashrateDetail, u"hashrateCard"_s), 1);
    cards->addWidget(createCard(tr("Shares"), m_sharesValue, m_sharesDetail, u"sharesCard"_s), 1);

    m_view = new QTableView(this);
    m_view->setObjectName(u"rigTable"_s);
    m_view->setAccessibleName(tr("Rigs"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RigTableModel::NameColumn, Qt::AscendingOrder);
    setUpRowTable(*m_view);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    // Fixed widths rather than ResizeToContents: measuring 100 rows on every update costs frames.
    const int digit = m_view->fontMetrics().horizontalAdvance(u'0');
    const std::pair<int, int> widths[] = {
        {RigTableModel::NameColumn, 16},       {RigTableModel::StatusColumn, 12},  {RigTableModel::MinerStateColumn, 11},
        {RigTableModel::Hashrate10sColumn, 12}, {RigTableModel::Hashrate60sColumn, 12}, {RigTableModel::AcceptedColumn, 9},
        {RigTableModel::RejectedColumn, 8},    {RigTableModel::UptimeColumn, 11},  {RigTableModel::GpuColumn, 14},
        {RigTableModel::PingColumn, 8},        {RigTableModel::ScoreColumn, 6},    {RigTableModel::ProtocolColumn, 22}};
    for (const auto& [column, chars] : widths)
        header->resizeSection(column, chars * digit + 16);
    // Column widths follow the content when rows come or go (not on every update: measuring 100 rows
    // each second would cost frames), at most once per event-loop turn.
    m_fitColumns.setSingleShot(true);
    m_fitColumns.setInterval(0);
    connect(&m_fitColumns, &QTimer::timeout, this, [this] {
        m_view->resizeColumnsToContents();
        m_view->horizontalHeader()->setStretchLastSection(true);
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, &m_fitColumns, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::modelReset, &m_fitColumns, qOverload<>(&QTimer::start));
    connect(&m_model, &RigTableModel::rigStatsChanged, this, [this] {
        if (!m_fittedWithStats) {
            m_fittedWithStats = true;
            m_fitColumns.start();
        }
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT rigActivated(index.data(RigTableModel::RigIdRole).toString());
    });

    m_chart = new HashrateChart(this);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    m_export = new QPushButton(QIcon(u":/icons/save.svg"_s), tr("&Export history…"), this);
    m_export->setObjectName(u"exportHistory"_s);
    m_export->setToolTip(tr("Save the selected rig's hashrate history (every rig's when none is selected) as CSV"));
    m_export->setEnabled(false);
    connect(m_export, &QPushButton::clicked, this, &DashboardPage::chooseExportFile);
    m_message = new QLabel(this);
    m_message->setObjectName(u"dashboardMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 1);
    bottom->addWidget(m_export);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(cards);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
}

void DashboardPage::setHistoryStore(HistoryStore* store)
{
    m_history = store;
    m_export->setEnabled(store != nullptr);
    m_chart->setRange(m_chart->range()); // loads the history of the range shown
}

void DashboardPage::setClock(std::function<qint64()> clock)
{
    m_clock = clock;
    m_chart->setClock(std::move(clock));
}

qint64 DashboardPage::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QString DashboardPage::selectedRigId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(RigTableModel::RigIdRole).toString();
}

void DashboardPage::updateStats(const QList<node::PeerStatsResult>& results)
{
    m_model.updateStats(results);
    const qint64 at = now();
    // Every rig of a round is sampled at the same moment, so the total of a history bucket is always
    // the sum of the same rigs (per-rig timers would drift apart and make the total dip).
    const bool sample = m_history && (m_lastSampleMs < 0 || at - m_lastSampleMs >= kSampleInterval.count());
    if (sample)
        m_lastSampleMs = at;
    for (const node::PeerStatsResult& result : results) {
        const int row = m_model.rowOf(result.peerId);
        if (row < 0)
            continue;
        const RigSnapshot& rig = m_model.rigAt(row);
        const QString name = m_model.data(m_model.index(row, RigTableModel::NameColumn)).toString();
        if (result.stats)
            m_chart->appendPoint(rig.id, name, at, rig.hashrate10s(), rig.isSimulated());
        if (!sample)
            continue;
        const bool online = bool(result.stats);
        m_history->record(HistorySample{rig.id, name, at, online ? rig.hashrate10s() : 0.0,
                                        online ? rig.hashrate60s() : 0.0, rig.accepted(), rig.rejected(), online,
                                        rig.isSimulated()});
    }
    const RigTotals& totals = m_model.totals();
    m_chart->appendPoint(HistoryStore::kTotal, QString(), at, totals.hashrate10s, totals.simulated);
}

void DashboardPage::updateTotals(const RigTotals& totals)
{
    const QLocale locale;
    m_rigsValue->setText(tr("%1 of %2").arg(totals.online).arg(totals.rigs));
    m_rigsDetail->setText(tr("%n mining", nullptr, totals.mining));
    m_hashrateValue->setText(DisplayFormat::hashrate(totals.hashrate10s));
    QString detail = tr("60 s average: %1").arg(DisplayFormat::hashrate(totals.hashrate60s));
    if (totals.simulated)
        detail += u" — "_s + tr("includes simulated miners");
    m_hashrateDetail->setText(detail);
    m_hashrateDetail->setStyleSheet(totals.simulated ? u"color: #6a3d9a;"_s : QString());
    m_sharesValue->setText(locale.toString(totals.accepted));
    const qint64 all = totals.accepted + totals.rejected;
    //: Shares card, under the number of accepted shares: %1 rejected shares, %2 the rejected share in percent
    m_sharesDetail->setText(tr("accepted · %1 rejected (%2 %)")
                                .arg(locale.toString(totals.rejected))
                                .arg(locale.toString(all > 0 ? 100.0 * double(totals.rejected) / double(all) : 0.0,
                                                     'f', 1)));
    for (QLabel* label : {m_rigsValue, m_hashrateValue, m_sharesValue, m_rigsDetail, m_hashrateDetail, m_sharesDetail})
        label->setAccessibleName(label->text());
}

QString DashboardPage::totalsText() const
{
    return QStringList{m_rigsValue->text(), m_rigsDetail->text(), m_hashrateValue->text(), m_hashrateDetail->text(),
                       m_sharesValue->text(), m_sharesDetail->text()}
        .join(u" | "_s);
}

void DashboardPage::loadHistory(HashrateChart::Range range, qint64 fromMs, qint64 toMs)
{
    Q_UNUSED(range)
    if (!m_history)
        return;
    const quint64 generation = ++m_historyGeneration;
    QList<std::pair<QString, QString>> lines{{HistoryStore::kTotal, QString()}};
    for (int row = 0; row < m_model.rowCount(); ++row)
        lines.append({m_model.rigAt(row).id, m_model.data(m_model.index(row, RigTableModel::NameColumn)).toString()});
    for (const auto& [id, name] : lines)
        m_history->series(id, fromMs, toMs).then(this, [this, generation, name](const HistorySeries& series) {
            if (generation == m_historyGeneration)
                m_chart->setSeries(series.rigId, name, series.points);
        });
}

void DashboardPage::chooseExportFile()
{
    const QString rigId = selectedRigId();
    const int row = m_model.rowOf(rigId);
    const QString base = row >= 0 ? m_model.data(m_model.index(row, RigTableModel::NameColumn)).toString()
                                  : tr("all-rigs");
    const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' + base +
                          u"-hashrate.csv"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export hashrate history"), start,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportHistory(path);
}

void DashboardPage::exportHistory(const QString& path)
{
    if (!m_history) {
        showMessage(tr("No history is being kept."), true);
        return;
    }
    const QString rigId = selectedRigId();
    showMessage(tr("Exporting…"));
    m_history->exportCsv(rigId.isEmpty() ? HistoryStore::kTotal : rigId, path)
        .then(this, [this, path](const Result<void, QString>& outcome) {
            if (outcome)
                showMessage(tr("Saved the history to %1.").arg(QDir::toNativeSeparators(path)));
            else
                showMessage(tr("Could not export the history: %1").arg(outcome.error()), true);
        });
}

void DashboardPage::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? u"color: #b01e1e;"_s : QString());
    m_message->setAccessibleName(text);
}

} // namespace lethean::ui
