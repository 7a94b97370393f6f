// HashrateChart: history and live points, the unit the axis picks, the range buttons, the rig chooser
// and the simulated label. Hostile input tried: a NaN sample, a sample older than what is shown, a jump
// from H/s to MH/s (every line must be rescaled), and the removal of the rig being shown.

#include "mining_fixtures.h"
#include "ui/hashrate_chart.h"

#include <QAbstractButton>
#include <QChart>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;
using lethean::ui::HashrateChart;
using lethean::ui::HistoryPoint;
using lethean::ui::HistoryStore;

namespace {
constexpr qint64 kNow = 1704067200000 + 3600 * 1000; // a whole hour
}

class TestHashrateChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsHistoryThenLivePoints()
    {
        HashrateChart chart;
        qint64 now = kNow;
        chart.setClock([&now] { return now; });
        chart.resize(800, 360);
        QList<HistoryPoint> history;
        for (int i = 0; i < 60; ++i)
            history.append(HistoryPoint{kNow - 600'000 + i * 10'000, 12'000.0 + i * 10, 0, 0, 0, 1, false});
        chart.setSeries(HistoryStore::kTotal, QString(), history);
        chart.redraw();
        QLineSeries* total = chart.lineSeries(HistoryStore::kTotal);
        QVERIFY(total);
        QCOMPARE(total->count(), 60);
        QCOMPARE(chart.unit().symbol, u"kH/s"_s);
        QCOMPARE(chart.valueAxisTitle(), u"Hashrate (kH/s)"_s);
        QCOMPARE(total->at(0).y(), 12.0); // in the axis unit
        QVERIFY(!chart.findChild<QLabel*>(u"chartEmptyNotice"_s)->isVisibleTo(&chart));

        // Live samples in the same 10 s bucket are averaged into one point; the next bucket adds one.
        now += 10'000;
        chart.appendPoint(HistoryStore::kTotal, QString(), now, 13'000, false);
        chart.appendPoint(HistoryStore::kTotal, QString(), now + 3'000, 15'000, false);
        chart.appendPoint(HistoryStore::kTotal, QString(), now + 5'000, std::nan(""), false); // ignored
        chart.appendPoint(HistoryStore::kTotal, QString(), kNow - 3'600'000, 1, false);      // older: ignored
        chart.redraw();
        QCOMPARE(chart.lineSeries(HistoryStore::kTotal), total); // the same series, not a new one
        QCOMPARE(total->count(), 61);
        QCOMPARE(total->at(60).y(), 14.0);
        now += 10'000;
        chart.appendPoint(HistoryStore::kTotal, QString(), now, 2.5e6, false);
        chart.redraw();
        QCOMPARE(total->count(), 62);
        // A value in MH/s rescales everything shown.
        QCOMPARE(chart.unit().symbol, u"MH/s"_s);
        QCOMPARE(total->at(60).y(), 0.014);
        auto* axis = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical).first());
        QVERIFY(axis->max() >= 2.5);
        fixtures::saveScreenshot(chart, u"hashrate_chart_hour"_s);
    }

    void switchesRangesAndAsksForHistory()
    {
        HashrateChart chart;
        chart.setClock([] { return kNow; });
        QSignalSpy requested(&chart, &HashrateChart::historyRequested);
        chart.appendPoint(HistoryStore::kTotal, QString(), kNow, 1000, false);
        chart.redraw();
        QCOMPARE(chart.lineSeries(HistoryStore::kTotal)->count(), 1);

        auto* dayButton = chart.findChild<QAbstractButton*>(u"range1"_s);
        QVERIFY(dayButton);
        QCOMPARE(dayButton->accessibleName(), u"Last day"_s);
        dayButton->click();
        QCOMPARE(chart.range(), HashrateChart::Range::Day);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(1).toLongLong(), kNow - 86'400'000);
        QCOMPARE(requested.first().at(2).toLongLong(), kNow);
        // The old range's points are dropped; the owner sends the new range's history.
        QCOMPARE(chart.lineSeries(HistoryStore::kTotal)->count(), 0);
        QCOMPARE(HashrateChart::bucketMs(HashrateChart::Range::Day), qint64(120'000));
        QCOMPARE(HashrateChart::bucketMs(HashrateChart::Range::Month), qint64(3'600'000));

        chart.setRange(HashrateChart::Range::Month);
        QVERIFY(chart.findChild<QAbstractButton*>(u"range2"_s)->isChecked());
        QVERIFY(!dayButton->isChecked());
    }

    void choosesRigsAndLabelsSimulatedData()
    {
        HashrateChart chart;
        chart.setClock([] { return kNow; });
        chart.resize(800, 360);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.appendPoint(HistoryStore::kTotal, QString(), kNow, 9000, true);
        chart.appendPoint(u"rigA"_s, u"garage-rig"_s, kNow, 4000, false);
        chart.appendPoint(u"rigB"_s, u"demo-box"_s, kNow, 5000, true);
        chart.redraw();

        // Only the total is shown at first, and it is marked simulated (part of it is).
        QVERIFY(chart.lineSeries(HistoryStore::kTotal)->isVisible());
        QVERIFY(!chart.lineSeries(u"rigA"_s)->isVisible());
        auto* notice = chart.findChild<QLabel*>(u"simulatedNotice"_s);
        QVERIFY(notice->isVisible());
        QVERIFY(chart.lineSeries(HistoryStore::kTotal)->name().contains(u"simulated"_s));

        auto* chooser = chart.findChild<QComboBox*>(u"chartRigChooser"_s);
        QCOMPARE(chooser->count(), 4); // total, total and rigs, two rigs by name
        QCOMPARE(chooser->itemText(2), u"demo-box"_s);
        chart.setVisibleRig(u"rigA"_s);
        QVERIFY(chart.lineSeries(u"rigA"_s)->isVisible());
        QVERIFY(!chart.lineSeries(HistoryStore::kTotal)->isVisible());
        QVERIFY(!notice->isVisible()); // the real rig alone is not simulated
        QCOMPARE(chart.lineSeries(u"rigA"_s)->count(), 1); // hidden while it was added, filled when shown
        QCOMPARE(chooser->currentText(), u"garage-rig"_s);

        chart.setShow(HashrateChart::Show::TotalAndRigs);
        QVERIFY(chart.lineSeries(u"rigB"_s)->isVisible());
        QVERIFY(chart.chart()->legend()->isVisible());
        fixtures::saveScreenshot(chart, u"hashrate_chart_rigs"_s);

        // The rig being shown goes away: back to the total, no dangling series.
        chart.setVisibleRig(u"rigB"_s);
        chart.removeSeries(u"rigB"_s);
        QVERIFY(!chart.lineSeries(u"rigB"_s));
        QCOMPARE(chart.showing(), HashrateChart::Show::Total);
        QCOMPARE(chooser->count(), 3);
    }
};

QTEST_MAIN(TestHashrateChart)
#include "tst_hashrate_chart.moc"
