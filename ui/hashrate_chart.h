#pragma once

#include "ui/display_format.h"
#include "ui/history_store.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>

class QButtonGroup;
class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace lethean::ui {

// Hashrate over time (QtCharts): the total of every rig and each rig's own line, over the last hour, day
// or 30 days. History arrives whole (setSeries, from HistoryStore::series) and live samples one by one
// (appendPoint); live samples fold into the range's bucket and reach the chart in one batch per
// kRedrawInterval, by replacing the points of the existing series, never by making new ones. The value
// axis picks H/s, kH/s or MH/s from the largest value shown. Data from demo miners is labelled as such.
class HashrateChart : public QWidget
{
    Q_OBJECT

public:
    enum class Range
    {
        Hour,
        Day,
        Month // the last 30 days
    };
    Q_ENUM(Range)

    // What the chooser shows: only the total, the total and every rig, or one rig (setVisibleRig).
    enum class Show
    {
        Total,
        TotalAndRigs,
        OneRig
    };

    static constexpr std::chrono::milliseconds kRedrawInterval{250};
    // With more rig lines than this the legend is hidden (it would cover the plot).
    static constexpr int kMaxLegendEntries = 8;

    explicit HashrateChart(QWidget* parent = nullptr);
    ~HashrateChart() override;

    static qint64 rangeMs(Range range);
    // The spacing of the points for a range (10 s for an hour, 2 min for a day, 1 h for 30 days).
    static qint64 bucketMs(Range range);

    Range range() const { return m_range; }
    void setRange(Range range);
    Show showing() const { return m_show; }
    QString visibleRig() const { return m_visibleRig; }
    void setShow(Show show);
    void setVisibleRig(const QString& key);

    // Unix milliseconds; tests inject their own clock.
    void setClock(std::function<qint64()> clock);
    qint64 now() const;

    // The whole history of one line (key HistoryStore::kTotal for the total) for the current range.
    void setSeries(const QString& key, const QString& label, const QList<HistoryPoint>& points);
    // One live sample (H/s): averaged into the last point while it falls in the same bucket.
    void appendPoint(const QString& key, const QString& label, qint64 timeMs, double hashrate, bool simulated);
    void removeSeries(const QString& key);
    void clear();
    // Applies pending samples now (the redraw timer calls it; tests and benchmarks may too).
    void redraw();

    // For tests and the page around it.
    QChart* chart() const { return m_chart; }
    QLineSeries* lineSeries(const QString& key) const;
    const DisplayFormat::Unit& unit() const { return m_unit; }
    bool isShowingSimulated() const;
    QString valueAxisTitle() const;
    QList<QString> keys() const { return m_lines.keys(); }

Q_SIGNALS:
    // The range changed: the owner loads that range's history (setSeries for each line).
    void historyRequested(lethean::ui::HashrateChart::Range range, qint64 fromMs, qint64 toMs);

private:
    struct Line
    {
        QString label;
        QList<QPointF> points; // x: Unix ms at the start of the bucket, y: H/s
        int lastBucketSamples = 0;
        bool simulated = false;
        bool dirty = true;
        QLineSeries* series = nullptr;
    };

    void createWidgets();
    Line& lineFor(const QString& key, const QString& label);
    void trimOld(Line& line) const;
    void scheduleRedraw();
    bool isVisible(const QString& key) const;
    void updateVisibility();
    void updateUnit();
    void updateAxes();
    void updateSimulatedNotice();
    void updateChooser();
    void onChooserActivated(int index);
    QString seriesName(const QString& key, const Line& line) const;

    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QDateTimeAxis* m_timeAxis = nullptr;
    QValueAxis* m_valueAxis = nullptr;
    QButtonGroup* m_rangeButtons = nullptr;
    QComboBox* m_chooser = nullptr;
    QLabel* m_simulatedNotice = nullptr;
    QLabel* m_emptyNotice = nullptr;
    QHash<QString, Line> m_lines;
    Range m_range = Range::Hour;
    Show m_show = Show::Total;
    QString m_visibleRig;
    DisplayFormat::Unit m_unit;
    double m_largest = 0; // H/s, the largest value shown
    QTimer m_redrawTimer;
    std::function<qint64()> m_clock;
};

} // namespace lethean::ui
