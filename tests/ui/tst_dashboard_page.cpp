// DashboardPage: a realistic farm's stats rounds update the cards, the rig table, the chart and the
// history store (one sample per rig per 10 s, on an injected clock); the chart loads its range from the
// store. Hostile input tried: a round in which a rig fails, a round for a rig the table has not seen,
// and rounds faster than the sample interval (must not flood the history).

#include "mining_fixtures.h"
#include "ui/dashboard_page.h"
#include "ui/history_store.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using lethean::ui::DashboardPage;
using lethean::ui::HistoryStore;
using lethean::ui::RigTableModel;

namespace {
constexpr qint64 kStart = 1714564800000; // 2024-05-01T12:00:00Z

// The farm's numbers wobble a little from round to round, as real miners' do.
QList<lethean::node::PeerStatsResult> round(int n)
{
    auto results = fixtures::farm().results;
    for (auto& result : results)
        if (result.stats)
            for (auto& miner : result.stats.value().miners) {
                miner.hashrate *= 1.0 + 0.03 * ((n * 7 + miner.name.size()) % 5 - 2) / 2.0;
                miner.shares += n;
                miner.uptime += n;
            }
    return results;
}
} // namespace

class TestDashboardPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAFarmAndRecordsItsHistory()
    {
        QTemporaryDir dir;
        auto now = std::make_shared<std::atomic<qint64>>(kStart);
        auto clock = [now] { return now->load(); };
        HistoryStore history(dir.filePath(u"history.sqlite"_s), {}, clock);
        QSignalSpy opened(&history, &HistoryStore::opened);
        QVERIFY(opened.wait(5000));

        RigTableModel model;
        const auto farm = fixtures::farm();
        model.resetPeers(farm.peers);
        DashboardPage page(model);
        QAbstractItemModelTester tester(&page.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setClock(clock);
        page.setHistoryStore(&history);
        page.resize(1100, 720);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // Thirty rounds, one every 2 s: one history sample per rig every 10 s.
        for (int n = 0; n < 30; ++n) {
            page.updateStats(round(n));
            *now += 2000;
        }
        page.chart().redraw();
        QCOMPARE(page.findChild<QLabel*>(u"rigsCardValue"_s)->text(), u"6 of 8"_s);
        QVERIFY(page.totalsText().contains(u"MH/s"_s));
        QVERIFY(page.totalsText().contains(u"includes simulated miners"_s));
        QVERIFY(page.chart().isShowingSimulated());
        QLineSeries* total = page.chart().lineSeries(HistoryStore::kTotal);
        QVERIFY(total);
        QCOMPARE(total->count(), 6); // 60 s of rounds in 10 s buckets
        QCOMPARE(page.view().model()->rowCount(), 8);

        const QString garage = fixtures::peerId(u"garage-rig"_s);
        auto series = history.series(garage, kStart - 1000, now->load());
        series.waitForFinished();
        QCOMPARE(series.result().points.size(), 6); // not 30
        // The rig that does not answer is recorded as offline.
        auto offline = history.series(fixtures::peerId(u"spare-laptop"_s), kStart - 1000, now->load());
        offline.waitForFinished();
        QVERIFY(!offline.result().points.isEmpty());
        QCOMPARE(offline.result().points.first().online, 0.0);

        // A round from a rig not in the table adds it, and its line.
        const auto stranger = fixtures::peer(u"shed-rig"_s);
        page.updateStats({fixtures::stats(stranger, {fixtures::miner(u"xmrig-0"_s, 3100)})});
        QCOMPARE(model.rowCount(), 9);
        QVERIFY(page.chart().lineSeries(stranger.id));

        // Choosing another range reloads the chart from the history.
        page.chart().setRange(lethean::ui::HashrateChart::Range::Day);
        QTRY_VERIFY(page.chart().lineSeries(HistoryStore::kTotal)->count() > 0);
        page.chart().setRange(lethean::ui::HashrateChart::Range::Hour);
        QTRY_VERIFY(page.chart().lineSeries(HistoryStore::kTotal)->count() >= 6);

        // The export goes through the store; the page says where it went.
        page.view().selectRow(0);
        const QString csv = dir.filePath(u"export.csv"_s);
        page.exportHistory(csv);
        QTRY_VERIFY(page.findChild<QLabel*>(u"dashboardMessage"_s)->text().startsWith(u"Saved the history"_s));
        QVERIFY(QFile::exists(csv));

        page.chart().redraw();
        const QImage image = fixtures::saveScreenshot(page, u"dashboard_page"_s);
        QVERIFY(fixtures::isVaried(image));
    }

    void sortsByClickingAHeader()
    {
        RigTableModel model;
        const auto farm = fixtures::farm();
        model.resetPeers(farm.peers);
        model.updateStats(farm.results);
        DashboardPage page(model);
        page.view().sortByColumn(RigTableModel::Hashrate10sColumn, Qt::DescendingOrder);
        QCOMPARE(page.view().model()->index(0, 0).data().toString(), u"garage-rig"_s);
        page.view().sortByColumn(RigTableModel::GpuColumn, Qt::DescendingOrder);
        QCOMPARE(page.view().model()->index(0, 0).data().toString(), u"attic-rig"_s); // 86 °C
        QSignalSpy activated(&page, &DashboardPage::rigActivated);
        Q_EMIT page.view().activated(page.view().model()->index(0, 3));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), fixtures::peerId(u"attic-rig"_s));
    }
};

QTEST_MAIN(TestDashboardPage)
#include "tst_dashboard_page.moc"
