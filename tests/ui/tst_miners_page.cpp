// MinersPage, MinerTableModel and MinerLogView: start and stop requests and their outcomes, live miner
// rows, the log with its filter, follow mode and save. Hostile input tried: a start on an offline rig,
// an invalid profile, a late log answer for a miner no longer shown, a miner that disappears from the
// stats while selected, and a save to a path that cannot be written.

#include "mining_fixtures.h"
#include "ui/miner_log_view.h"
#include "ui/miner_table_model.h"
#include "ui/miners_page.h"
#include "ui/rig_table_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::MiningProfile;
using lethean::ui::MinerLogView;
using lethean::ui::MinersPage;
using lethean::ui::MinerTableModel;
using lethean::ui::RigTableModel;

namespace {
using fixtures::profile;

QStringList logLines()
{
    return {u"[2024-05-01 12:00:01.000]  net  use pool pool.lethean.example:3333"_s,
            u"[2024-05-01 12:00:02.113]  cpu  READY threads 8/8 (8) huge pages 100%"_s,
            u"[2024-05-01 12:00:12.500]  net  new job from pool.lethean.example:3333 diff 120001"_s,
            u"[2024-05-01 12:00:31.002]  cpu  accepted (1/0) diff 120001 (41 ms)"_s,
            u"[2024-05-01 12:01:01.004]  miner speed 10s/60s/15m 8420.1 8390.4 n/a H/s max 8501.2 H/s"_s,
            u"[2024-05-01 12:01:40.777]  cpu  rejected (1/1) diff 120001 \"low difficulty share\" (39 ms)"_s};
}
} // namespace

class TestMinersPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minerModelUpdatesInPlace()
    {
        MinerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto a = fixtures::miner(u"xmrig-0"_s, 8000);
        auto b = fixtures::miner(u"xmrig-gpu"_s, 2e6);
        model.setMiners({a, b});
        QCOMPARE(model.rowCount(), 2);
        QSignalSpy changed(&model, &MinerTableModel::dataChanged);
        QSignalSpy removed(&model, &MinerTableModel::rowsRemoved);
        a.uptime += 120; // shown to the minute
        model.setMiners({a, b});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(MinerTableModel::UptimeColumn));
        // The first miner stops: its row goes, the other keeps its data.
        model.setMiners({b});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0, MinerTableModel::Hashrate10sColumn)).toString(), u"2.00 MH/s"_s);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void startsAndStopsMiners()
    {
        RigTableModel rigs;
        const auto farm = fixtures::farm();
        rigs.resetPeers(farm.peers);
        rigs.updateStats(farm.results);
        MinersPage page(rigs);
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy startRequested(&page, &MinersPage::startRequested);
        QSignalSpy stopRequested(&page, &MinersPage::stopRequested);
        QSignalSpy logsRequested(&page, &MinersPage::logsRequested);

        MiningProfile broken = profile(u"broken"_s);
        broken.wallet.clear();
        page.setProfiles({profile(u"main"_s), broken});
        const QString office = fixtures::peerId(u"office-pc"_s);
        page.setCurrentRig(office);
        QCOMPARE(page.currentRigId(), office);
        QCOMPARE(page.minerModel().rowCount(), 1);

        page.selectProfile(u"main"_s);
        auto* start = page.findChild<QPushButton*>(u"startMiner"_s);
        QVERIFY(start->isEnabled());
        start->click();
        QCOMPARE(startRequested.size(), 1);
        QCOMPARE(startRequested.first().at(0).toString(), office);
        QCOMPARE(startRequested.first().at(1).value<MiningProfile>().name, u"main"_s);
        QVERIFY(!start->isEnabled()); // until the answer
        page.startFinished(office, QString(), u"miner binary not found: xmrig"_s);
        QVERIFY(page.messageText().contains(u"miner binary not found: xmrig"_s));
        QVERIFY(start->isEnabled());

        // An invalid profile is refused here, with the validator's reason.
        page.selectProfile(u"broken"_s);
        page.startSelectedProfile();
        QCOMPARE(startRequested.size(), 1);
        QVERIFY(page.messageText().contains(u"wallet"_s, Qt::CaseInsensitive));

        // An offline rig cannot be started.
        page.setCurrentRig(fixtures::peerId(u"cellar-server"_s));
        QVERIFY(!start->isEnabled());

        page.setCurrentRig(office);
        page.selectMiner(u"xmrig-0"_s);
        QCOMPARE(page.selectedMinerName(), u"xmrig-0"_s);
        QCOMPARE(logsRequested.size(), 1);
        QCOMPARE(logsRequested.first().at(1).toString(), u"xmrig-0"_s);
        page.findChild<QPushButton*>(u"stopMiner"_s)->click();
        QCOMPARE(stopRequested.size(), 1);
        QCOMPARE(stopRequested.first().at(1).toString(), u"xmrig-0"_s);
        page.stopFinished(office, u"xmrig-0"_s, QString());
        QCOMPARE(page.messageText(), u"Stopped xmrig-0 on office-pc."_s);

        // The miner's log arrives; a late answer for another miner is dropped.
        page.logsReceived(office, u"xmrig-0"_s, logLines());
        page.logsReceived(office, u"xmrig-other"_s, {u"not for this view"_s});
        QCOMPARE(page.logView().lines(), logLines());
        page.logView().setFilterText(u"accepted"_s);
        QCOMPARE(page.logView().visibleLines().size(), 1);
        page.logView().setFilterText(QString());
        fixtures::saveScreenshot(page, u"miners_page"_s);

        // The miner disappears from the rig's stats: its row goes and nothing dangles.
        rigs.updateStats({fixtures::stats(fixtures::peer(u"office-pc"_s, u"dual"_s), {})});
        QCOMPARE(page.minerModel().rowCount(), 0);
        QVERIFY(page.selectedMinerName().isEmpty());
        page.logsFailed(office, u"xmrig-0"_s, u"request timeout"_s); // no longer shown: ignored
    }

    void logViewFollowsFiltersCopiesAndSaves()
    {
        MinerLogView view;
        view.resize(700, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.isFollowing());
        QStringList many;
        for (int i = 0; i < 400; ++i)
            many.append(u"line %1 speed 10s 8420 H/s"_s.arg(i));
        view.setLines(many);
        QCOMPARE(view.statusText(), u"400 of 400 lines"_s);
        view.setFilterText(u"line 39"_s);
        QCOMPARE(view.visibleLines().size(), 11); // 39 and 390–399
        view.copyToClipboard();
        QCOMPARE(QApplication::clipboard()->text().split(u'\n').size(), 11);

        QTemporaryDir dir;
        const QString path = dir.filePath(u"miner.log"_s);
        auto saved = view.saveTo(path);
        saved.waitForFinished();
        QVERIFY(saved.result().ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()).count(u'\n'), 11);
        QTRY_VERIFY(view.statusText().startsWith(u"Saved 11 line(s)"_s));

        auto refused = view.saveTo(dir.filePath(u"missing/dir/miner.log"_s));
        refused.waitForFinished();
        QVERIFY(!refused.result().ok());
        QTRY_VERIFY(view.statusText().startsWith(u"Could not save"_s));

        // More lines than the cap: the oldest are cut.
        QStringList flood(MinerLogView::kMaxLines + 10, u"x"_s);
        flood.last() = u"newest"_s;
        view.setFilterText(QString());
        view.setLines(flood);
        QCOMPARE(view.lines().size(), MinerLogView::kMaxLines);
        QCOMPARE(view.lines().last(), u"newest"_s);
    }

    // The level filter reads XMRig's and the supervisor's words; it combines with the text filter.
    void logViewFiltersByLevel()
    {
        using Level = MinerLogView::Level;
        QCOMPARE(MinerLogView::levelOf(u"[2026-11-25 10:00:00.000]  net      accepted (3/0) diff 1000"_s), Level::Info);
        QCOMPARE(MinerLogView::levelOf(u"[…]  net      rejected (3/1) diff 1000 \"low difficulty share\""_s), Level::Warning);
        QCOMPARE(MinerLogView::levelOf(u"[…]  net      pool.example:3333 login error code: 6"_s), Level::Error);
        QCOMPARE(MinerLogView::levelOf(u"[…]  cpu      FAILED to allocate RandomX dataset"_s), Level::Error);
        QCOMPARE(MinerLogView::levelOf(u"restarted: API stopped answering"_s), Level::Warning);
        QCOMPARE(MinerLogView::levelOf(u"crashed (exit code 1); restarting in 2 s"_s), Level::Error);
        QCOMPARE(MinerLogView::levelOf(u"errorless terror"_s), Level::Info); // words, not substrings
        QCOMPARE(MinerLogView::levelOf(QString()), Level::Info);

        MinerLogView view;
        view.setLines({u"speed 10s/60s/15m 8420 H/s"_s, u"net rejected (1/1)"_s, u"net connect error"_s,
                       u"net accepted (2/1)"_s});
        QCOMPARE(view.visibleLines().size(), 4);
        view.setMinimumLevel(Level::Warning);
        QCOMPARE(view.visibleLines(), QStringList({u"net rejected (1/1)"_s, u"net connect error"_s}));
        view.setMinimumLevel(Level::Error);
        QCOMPARE(view.visibleLines(), QStringList({u"net connect error"_s}));
        view.setMinimumLevel(Level::Warning);
        view.setFilterText(u"rejected"_s);
        QCOMPARE(view.visibleLines(), QStringList({u"net rejected (1/1)"_s}));
        QCOMPARE(view.minimumLevel(), Level::Warning);
    }
};

QTEST_MAIN(TestMinersPage)
#include "tst_miners_page.moc"
