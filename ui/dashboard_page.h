#pragma once

#include "node/controller.h"
#include "ui/hashrate_chart.h"
#include "ui/rig_table_model.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lethean::ui {

class HistoryStore;

// The Dashboard: totals (rigs online, total hashrate, shares), the rig table and the hashrate chart.
// updateStats() takes each stats round (Controller::getAllStats through NodeClient): it updates the
// shared RigTableModel, adds a live point per rig and the total to the chart, and samples every rig
// into the history store (one sample per rig per kSampleInterval). The chart's older points come from
// the history store whenever its range changes.
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kSampleInterval{10'000};

    explicit DashboardPage(RigTableModel& model, QWidget* parent = nullptr);

    // The history to record into and to load the chart from; may be null (no history).
    void setHistoryStore(HistoryStore* store);
    // Unix milliseconds, for the chart and the samples; tests and benchmarks inject their own.
    void setClock(std::function<qint64()> clock);

    RigTableModel& model() { return m_model; }
    HashrateChart& chart() { return *m_chart; }
    QTableView& view() { return *m_view; }
    QSortFilterProxyModel& proxy() { return *m_proxy; }
    QString selectedRigId() const;
    // The totals as the cards show them (tests).
    QString totalsText() const;

    // Writes the selected rig's history (every rig's when none is selected) as CSV; the page reports it.
    void exportHistory(const QString& path);

public Q_SLOTS:
    void updateStats(const QList<lethean::node::PeerStatsResult>& results);

Q_SIGNALS:
    // A rig was double-clicked (or Enter pressed on it): the window shows it on the Miners page.
    void rigActivated(const QString& rigId);

private:
    void createWidgets();
    QWidget* createCard(const QString& title, QLabel*& value, QLabel*& detail, const QString& name);
    void updateTotals(const RigTotals& totals);
    void loadHistory(HashrateChart::Range range, qint64 fromMs, qint64 toMs);
    void chooseExportFile();
    void showMessage(const QString& text, bool isError = false);
    qint64 now() const;

    RigTableModel& m_model;
    QPointer<HistoryStore> m_history;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    HashrateChart* m_chart = nullptr;
    QLabel* m_rigsValue = nullptr;
    QLabel* m_rigsDetail = nullptr;
    QLabel* m_hashrateValue = nullptr;
    QLabel* m_hashrateDetail = nullptr;
    QLabel* m_sharesValue = nullptr;
    QLabel* m_sharesDetail = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_message = nullptr;
    qint64 m_lastSampleMs = -1; // when the rigs were last sampled into the history
    QTimer m_fitColumns;
    bool m_fittedWithStats = false;
    quint64 m_historyGeneration = 0;        // answers for an older range are dropped
    std::function<qint64()> m_clock;
};

} // namespace lethean::ui
