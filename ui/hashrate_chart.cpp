#include "ui/hashrate_chart.h"

#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
const QColor kTotalColour(0x1f, 0x5f, 0xa8);
constexpr int kTimeTicks = 7;
} // namespace

HashrateChart::HashrateChart(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"hashrateChart"_s);
    m_unit = DisplayFormat::hashrateUnit(0);
    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(kRedrawInterval);
    connect(&m_redrawTimer, &QTimer::timeout, this, &HashrateChart::redraw);
    createWidgets();
    updateAxes();
    updateSimulatedNotice();
}

HashrateChart::~HashrateChart() = default;

qint64 HashrateChart::rangeMs(Range range)
{
    switch (range) {
    case Range::Hour:
        return 3'600'000;
    case Range::Day:
        return 86'400'000;
    case Range::Month:
        return 30LL * 86'400'000;
    }
    return 3'600'000;
}

qint64 HashrateChart::bucketMs(Range range)
{
    // The same spacing the history gives for a range ending now.
    return HistoryStore::bucketFor(0, rangeMs(range), rangeMs(range), HistoryLimits{});
}

void HashrateChart::createWidgets()
{
    m_rangeButtons = new QButtonGroup(this);
    m_rangeButtons->setExclusive(true);
    auto* buttons = new QHBoxLayout;
    const std::pair<Range, QString> ranges[] = {
        {Range::Hour, tr("Last &hour")}, {Range::Day, tr("Last &day")}, {Range::Month, tr("Last &30 days")}};
    for (const auto& [range, text] : ranges) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setCheckable(true);
        button->setChecked(range == m_range);
        button->setAutoRaise(false);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setAccessibleName(QString(text).remove(u'&'));
        button->setObjectName(u"range"_s + QString::number(int(range)));
        m_rangeButtons->addButton(button, int(range));
        buttons->addWidget(button);
    }
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range(id)); });

    m_chooser = new QComboBox(this);
    m_chooser->setObjectName(u"chartRigChooser"_s);
    m_chooser->setAccessibleName(tr("Rigs shown in the chart"));
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* showLabel = new QLabel(tr("&Show:"), this);
    showLabel->setBuddy(m_chooser);
    connect(m_chooser, &QComboBox::activated, this, &HashrateChart::onChooserActivated);
    buttons->addStretch();
    buttons->addWidget(showLabel);
    buttons->addWidget(m_chooser);

    m_simulatedNotice = new QLabel(tr("Simulated data: demo miners make these numbers up, nothing is being mined."),
                                   this);
    m_simulatedNotice->setObjectName(u"simulatedNotice"_s);
    m_simulatedNotice->setWordWrap(true);
    m_simulatedNotice->setStyleSheet(
        u"background: #efe6f7; color: #4b2a70; border: 1px solid #b79fd3; border-radius: 3px; padding: 3px 6px;"_s);

    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->hide();
    m_chart->setAnimationOptions(QChart::NoAnimation); // live data: animations would lag and cost frames
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setTickCount(kTimeTicks);
    m_valueAxis = new QValueAxis;
    m_valueAxis->setLabelFormat(u"%.3g"_s);
    m_valueAxis->setMin(0);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);

    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(u"hashrateChartView"_s);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Hashrate chart"));
    m_view->setMinimumHeight(180);

    m_emptyNotice = new QLabel(tr("No hashrate recorded in this range yet."), this);
    m_emptyNotice->setObjectName(u"chartEmptyNotice"_s);
    m_emptyNotice->setAlignment(Qt::AlignCenter);
    m_emptyNotice->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyNotice->setStyleSheet(u"color: #707070;"_s);

    auto* plot = new QGridLayout;
    plot->addWidget(m_view, 0, 0);
    plot->addWidget(m_emptyNotice, 0, 0, Qt::AlignCenter);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_simulatedNotice);
    layout->addLayout(plot, 1);
    updateChooser();
}

void HashrateChart::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
    updateAxes();
}

qint64 HashrateChart::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void HashrateChart::setRange(Range range)
{
    if (QAbstractButton* button = m_rangeButtons->button(int(range)))
        button->setChecked(true);
    if (range != m_range) {
        m_range = range;
        // The points of the old range have the old spacing: the owner sends the new range's history.
        for (Line& line : m_lines) {
            line.points.clear();
            line.lastBucketSamples = 0;
            line.dirty = true;
        }
        redraw();
    }
    const qint64 to = now();
    Q_EMIT historyRequested(m_range, to - rangeMs(m_range), to);
}

void HashrateChart::setShow(Show show)
{
    m_show = show;
    updateVisibility();
    updateChooser();
    redraw();
}

void HashrateChart::setVisibleRig(const QString& key)
{
    m_visibleRig = key;
    m_show = Show::OneRig;
    updateVisibility();
    updateChooser();
    redraw();
}

void HashrateChart::onChooserActivated(int index)
{
    const QVariant key = m_chooser->itemData(index);
    if (index == 0)
        setShow(Show::Total);
    else if (index == 1)
        setShow(Show::TotalAndRigs);
    else
        setVisibleRig(key.toString());
}

void HashrateChart::updateChooser()
{
    QList<std::pair<QString, QString>> rigs; // label, key
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        if (it.key() != HistoryStore::kTotal)
            rigs.append({it->label, it.key()});
    std::sort(rigs.begin(), rigs.end(), [](const auto& a, const auto& b) {
        return QString::localeAwareCompare(a.first, b.first) < 0;
    });
    QSignalBlocker block(m_chooser);
    m_chooser->clear();
    m_chooser->addItem(tr("Total of all rigs"));
    m_chooser->addItem(tr("Total and each rig"));
    for (const auto& [label, key] : rigs)
        m_chooser->addItem(label, key);
    switch (m_show) {
    case Show::Total:
        m_chooser->setCurrentIndex(0);
        break;
    case Show::TotalAndRigs:
        m_chooser->setCurrentIndex(1);
        break;
    case Show::OneRig:
        m_chooser->setCurrentIndex(std::max(0, m_chooser->findData(m_visibleRig)));
        break;
    }
}

HashrateChart::Line& HashrateChart::lineFor(const QString& key, const QString& label)
{
    auto it = m_lines.find(key);
    if (it != m_lines.end()) {
        if (!label.isEmpty() && it->label != label) {
            it->label = label;
            it->series->setName(seriesName(key, *it));
            updateChooser();
        }
        return *it;
    }
    Line line;
    line.label = label.isEmpty() ? key.left(8) : label;
    line.series = new QLineSeries;
    QPen pen = line.series->pen();
    if (key == HistoryStore::kTotal) {
        pen.setColor(kTotalColour);
        pen.setWidthF(2.5);
        line.label = tr("Total");
    } else {
        pen.setWidthF(1.5);
    }
    m_chart->addSeries(line.series);
    if (key != HistoryStore::kTotal)
        pen.setColor(line.series->color()); // keep the theme's colour for the rig
    line.series->setPen(pen);
    line.series->attachAxis(m_timeAxis);
    line.series->attachAxis(m_valueAxis);
    line.series->setName(seriesName(key, line));
    line.series->setVisible(isVisible(key));
    it = m_lines.insert(key, line);
    if (key != HistoryStore::kTotal)
        updateChooser();
    updateVisibility();
    return *it;
}

QString HashrateChart::seriesName(const QString& key, const Line& line) const
{
    Q_UNUSED(key)
    //: A chart line's name when its data comes from a demo miner
    return line.simulated ? tr("%1 (simulated)").arg(line.label) : line.label;
}

void HashrateChart::setSeries(const QString& key, const QString& label, const QList<HistoryPoint>& points)
{
    Line& line = lineFor(key, label);
    // Live points newer than the history (they arrived while it was read) stay after it.
    const double newest = points.isEmpty() ? -1.0 : double(points.last().timeMs);
    QList<QPointF> live;
    for (const QPointF& p : std::as_const(line.points))
        if (p.x() > newest)
            live.append(p);
    line.points.clear();
    line.points.reserve(points.size() + live.size());
    bool simulated = false;
    for (const HistoryPoint& point : points) {
        line.points.append(QPointF(double(point.timeMs), point.hashrate10s));
        simulated = simulated || point.simulated;
    }
    if (live.isEmpty())
        line.lastBucketSamples = points.isEmpty() ? 0 : 1;
    line.points.append(live);
    if (simulated != line.simulated) {
        line.simulated = simulated;
        line.series->setName(seriesName(key, line));
    }
    line.dirty = true;
    scheduleRedraw();
}

void HashrateChart::appendPoint(const QString& key, const QString& label, qint64 timeMs, double hashrate,
                                bool simulated)
{
    if (!std::isfinite(hashrate))
        return;
    Line& line = lineFor(key, label);
    const qint64 bucket = bucketMs(m_range);
    const double bucketStart = double(timeMs - timeMs % bucket);
    if (!line.points.isEmpty() && line.points.last().x() == bucketStart) {
        // Same bucket: a running mean, as the history's averages are.
        QPointF& last = line.points.last();
        last.setY((last.y() * line.lastBucketSamples + hashrate) / (line.lastBucketSamples + 1));
        ++line.lastBucketSamples;
    } else if (line.points.isEmpty() || line.points.last().x() < bucketStart) {
        line.points.append(QPointF(bucketStart, hashrate));
        line.lastBucketSamples = 1;
    } else {
        return; // older than what is shown: the history already has it
    }
    if (simulated && !line.simulated) {
        line.simulated = true;
        line.series->setName(seriesName(key, line));
    }
    trimOld(line);
    line.dirty = true;
    scheduleRedraw();
}

void HashrateChart::removeSeries(const QString& key)
{
    auto it = m_lines.find(key);
    if (it == m_lines.end())
        return;
    m_chart->removeSeries(it->series);
    delete it->series;
    m_lines.erase(it);
    if (m_visibleRig == key && m_show == Show::OneRig)
        m_show = Show::Total;
    updateChooser();
    updateVisibility();
    redraw();
}

void HashrateChart::clear()
{
    for (Line& line : m_lines) {
        m_chart->removeSeries(line.series);
        delete line.series;
    }
    m_lines.clear();
    updateChooser();
    redraw();
}

void HashrateChart::trimOld(Line& line) const
{
    const double oldest = double(now() - rangeMs(m_range) - bucketMs(m_range));
    qsizetype drop = 0;
    while (drop < line.points.size() && line.points.at(drop).x() < oldest)
        ++drop;
    if (drop > 0)
        line.points.remove(0, drop);
}

void HashrateChart::scheduleRedraw()
{
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

bool HashrateChart::isVisible(const QString& key) const
{
    switch (m_show) {
    case Show::Total:
        return key == HistoryStore::kTotal;
    case Show::TotalAndRigs:
        return true;
    case Show::OneRig:
        return key == m_visibleRig;
    }
    return false;
}

void HashrateChart::updateVisibility()
{
    int shown = 0;
    for (auto it = m_lines.begin(); it != m_lines.end(); ++it) {
        const bool visible = isVisible(it.key());
        if (it->series->isVisible() != visible)
            it->series->setVisible(visible);
        shown += visible ? 1 : 0;
    }
    m_chart->legend()->setVisible(shown > 1 && shown <= kMaxLegendEntries);
    // Hidden lines are not in the legend either.
    for (auto it = m_lines.begin(); it != m_lines.end(); ++it)
        for (QLegendMarker* marker : m_chart->legend()->markers(it->series))
            marker->setVisible(it->series->isVisible());
}

void HashrateChart::redraw()
{
    m_redrawTimer.stop();
    for (Line& line : m_lines)
        trimOld(line);
    const DisplayFormat::Unit before = m_unit;
    updateUnit();
    const bool rescale = before.divisor != m_unit.divisor;
    for (auto it = m_lines.begin(); it != m_lines.end(); ++it) {
        Line& line = *it;
        // Hidden lines keep their changes until they are shown: 100 rigs cost one line per tick.
        if ((!line.dirty && !rescale) || !isVisible(it.key())) {
            line.dirty = line.dirty || rescale;
            continue;
        }
        QList<QPointF> scaled;
        scaled.reserve(line.points.size());
        for (const QPointF& p : std::as_const(line.points))
            scaled.append(QPointF(p.x(), p.y() / m_unit.divisor));
        line.series->replace(scaled); // one change signal, whatever the number of points
        // One or two points draw no visible line: markers show them.
        const bool sparse = scaled.size() <= 2;
        if (line.series->pointsVisible() != sparse)
            line.series->setPointsVisible(sparse);
        line.dirty = false;
    }
    updateAxes();
    updateSimulatedNotice();
}

void HashrateChart::updateUnit()
{
    double largest = 0;
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it) {
        if (!isVisible(it.key()))
            continue;
        for (const QPointF& p : it->points)
            largest = std::max(largest, p.y());
    }
    m_unit = DisplayFormat::hashrateUnit(largest);
    m_largest = largest;
}

void HashrateChart::updateAxes()
{
    const qint64 to = now();
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(to - rangeMs(m_range)), QDateTime::fromMSecsSinceEpoch(to));
    m_timeAxis->setFormat(m_range == Range::Month ? u"d MMM"_s : u"HH:mm"_s);
    m_timeAxis->setTitleText(m_range == Range::Month ? tr("Date") : tr("Time"));
    const double top = m_largest > 0 ? m_largest / m_unit.divisor * 1.15 : 1.0;
    m_valueAxis->setRange(0, top);
    m_valueAxis->applyNiceNumbers();
    m_valueAxis->setTitleText(valueAxisTitle());
    bool anyPoints = false;
    for (auto it = m_lines.cbegin(); it != m_lines.cend() && !anyPoints; ++it)
        anyPoints = isVisible(it.key()) && !it->points.isEmpty();
    m_emptyNotice->setVisible(!anyPoints);
}

QString HashrateChart::valueAxisTitle() const
{
    //: Chart axis title: %1 is the unit (H/s, kH/s, MH/s)
    return tr("Hashrate (%1)").arg(m_unit.symbol);
}

bool HashrateChart::isShowingSimulated() const
{
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        if (it->simulated && isVisible(it.key()))
            return true;
    return false;
}

void HashrateChart::updateSimulatedNotice()
{
    m_simulatedNotice->setVisible(isShowingSimulated());
}

QLineSeries* HashrateChart::lineSeries(const QString& key) const
{
    auto it = m_lines.constFind(key);
    return it == m_lines.cend() ? nullptr : it->series;
}

} // namespace lethean::ui
