// RigNotifier: which changes of the rig table become a notification, once each, with a fake clock and
// the timer off (each test calls checkNow() where the timer would). Hostile input tried: NaN, negative,
// infinite and absurdly big hashrates, a one-round spike, stats errors from a rig never seen, rigs with
// no name or with control, bidi-override and %-placeholder characters in their names, a miner listed
// twice with different states, negative restart counters, thresholds out of range, and a rig removed
// while its offline grace runs.

#include "mining_fixtures.h"
#include "ui/rig_notifier.h"
#include "ui/rig_table_model.h"

#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using lethean::node::MinerStatsItem;
using lethean::node::Peer;
using lethean::ui::RigNotifier;
using lethean::ui::RigTableModel;
using Kind = RigNotifier::Kind;

namespace {

constexpr qint64 kStart = 1'700'000'000'000; // Unix ms
constexpr qint64 kRound = 10'000;            // the stats round of the dashboard
constexpr qint64 kMinute = 60'000;

// The rig table, the notifier on a fake clock, and a spy on what it says.
struct Harness
{
    explicit Harness(int percent = 30, int seconds = 300)
        : notifier(
              model, [this] { return now; }, percent, seconds)
    {
        notifier.setCheckInterval(std::chrono::milliseconds(0));
    }

    // Time passes without a model change; the timer would check.
    void advance(qint64 ms)
    {
        now += ms;
        notifier.checkNow();
    }

    // One stats round every kRound for `forMs`, with these miners; their uptime follows the clock from
    // minerStartedAt, as a running XMRig's does.
    void feed(const Peer& rig, QList<MinerStatsItem> miners, qint64 forMs)
    {
        for (qint64 elapsed = 0; elapsed < forMs; elapsed += kRound) {
            now += kRound;
            for (MinerStatsItem& miner : miners)
                miner.uptime = (now - minerStartedAt) / 1000;
            model.updateStats({fixtures::stats(rig, miners)});
            notifier.checkNow();
        }
    }

    QList<Kind> kinds() const
    {
        QList<Kind> result;
        for (const QList<QVariant>& args : spy)
            result.append(args.at(0).value<Kind>());
        return result;
    }
    QString rigId(int i) const { return spy.at(i).at(1).toString(); }
    QString title(int i) const { return spy.at(i).at(2).toString(); }
    QString text(int i) const { return spy.at(i).at(3).toString(); }

    qint64 now = kStart;
    qint64 minerStartedAt = kStart - 3600'000;
    RigTableModel model;
    RigNotifier notifier;
    QSignalSpy spy{&notifier, &RigNotifier::notify};
};

// A miner that mines `rate` over 10 s and 60 s alike.
MinerStatsItem rateMiner(double rate, const QString& name = u"xmrig-0"_s, const QString& state = u"running"_s)
{
    MinerStatsItem miner = fixtures::miner(name, rate, 100, 0, 3600, state);
    miner.hashrate60s = rate;
    return miner;
}

MinerStatsItem withRestarts(MinerStatsItem miner, qint64 restarts, const QString& health,
                            const QString& state)
{
    miner.restarts = restarts;
    miner.health = health;
    miner.state = state;
    return miner;
}

// A rig that was seen online and mining, so later changes are news.
Peer onlineRig(Harness& h, const QString& name = u"rig-3"_s,
               QList<MinerStatsItem> miners = {rateMiner(10'000)})
{
    const Peer rig = fixtures::peer(name);
    h.model.updatePeer(rig);
    h.feed(rig, std::move(miners), kRound);
    return rig;
}

Peer disconnected(Peer peer)
{
    peer.connected = false;
    return peer;
}

} // namespace

class TestRigNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offlineAfterOnlineIsSaidOnceAfterTheGrace()
    {
        Harness h;
        const Peer rig = onlineRig(h);
        h.model.updatePeer(disconnected(rig));
        h.advance(RigNotifier::kOfflineGrace.count() / 2);
        QCOMPARE(h.spy.size(), 0); // a reconnect may still come
        h.advance(RigNotifier::kOfflineGrace.count() / 2);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::RigOffline});
        QCOMPARE(h.rigId(0), rig.id);
        QCOMPARE(h.title(0), u"Rig offline"_s);
        QCOMPARE(h.text(0), u"“rig-3” stopped answering."_s);

        // Still offline, more snapshots and checks: nothing new.
        h.model.updatePeer(disconnected(rig));
        h.advance(10 * kMinute);
        QCOMPARE(h.spy.size(), 1);

        // Back: the all-clear for what was said, once.
        h.model.updatePeer(rig);
        h.feed(rig, {rateMiner(10'000)}, 3 * kRound);
        QCOMPARE(h.kinds(), (QList<Kind>{Kind::RigOffline, Kind::RigOnline}));
        QCOMPARE(h.title(1), u"Rig back online"_s);
        QVERIFY2(h.text(1).startsWith(u"“rig-3” answers again after 11 min"_s), qPrintable(h.text(1)));

        // Connected but its stats requests fail: offline too, with the reason.
        h.model.updateStats({fixtures::failedStats(rig, u"request timeout"_s)});
        h.advance(RigNotifier::kOfflineGrace.count());
        QCOMPARE(h.spy.size(), 3);
        QCOMPARE(h.kinds().last(), Kind::RigOffline);
        QCOMPARE(h.text(2), u"“rig-3” is connected but stopped answering: request timeout."_s);
    }

    void briefOutageIsQuiet()
    {
        Harness h;
        const Peer rig = onlineRig(h);
        for (int i = 0; i < 5; ++i) {
            h.model.updatePeer(disconnected(rig));
            h.advance(RigNotifier::kOfflineGrace.count() - 1000);
            h.model.updatePeer(rig);
            h.advance(1000);
            // One stats round timed out, the next answered.
            h.model.updateStats({fixtures::failedStats(rig, u"request timeout"_s)});
            h.advance(kRound);
            h.feed(rig, {rateMiner(10'000)}, kRound);
        }
        QCOMPARE(h.spy.size(), 0);
    }

    void neverOnlineRigIsQuiet()
    {
        Harness h;
        // Known from the registry, switched off for the season; and one paired now that never answers.
        const Peer cellar = fixtures::peer(u"cellar-server"_s, u"worker"_s, false);
        h.model.resetPeers({cellar});
        h.model.updatePeer(disconnected(fixtures::peer(u"new-rig"_s)));
        h.advance(30 * kMinute);
        h.model.updatePeer(cellar);
        h.advance(30 * kMinute);
        // Connected, but its first stats request fails: it was never online either.
        const Peer stranger = fixtures::peer(u"stranger"_s);
        h.model.updateStats({fixtures::failedStats(stranger, u"request timeout"_s)});
        h.advance(30 * kMinute);
        // Connected (so the table calls it online) but its first stats request fails: it never answered.
        const Peer shy = fixtures::peer(u"shy-rig"_s);
        h.model.updatePeer(shy);
        h.advance(kRound);
        h.model.updateStats({fixtures::failedStats(shy, u"request timeout"_s)});
        h.advance(30 * kMinute);
        QCOMPARE(h.spy.size(), 0);
    }

    void resetsAndFirstStatsAreTakenAsTheyAre()
    {
        Harness h;
        // The farm as the node's start shows it: one rig offline, one not answering, a miner restarting
        // with three restarts behind it, one failed.
        auto farm = fixtures::farm();
        h.model.resetPeers(farm.peers);
        auto failed =
            withRestarts(rateMiner(0, u"xmrig-1"_s), 5,
                         u"gave up after 5 crashes within 10 min; last: exit code 1"_s, u"failed"_s);
        farm.results.append(fixtures::stats(fixtures::peer(u"broken-box"_s), {failed}));
        h.model.updateStats(farm.results);
        h.advance(30 * kMinute);
        QCOMPARE(h.spy.size(), 0);

        // The node restarts: the reset shows every rig disconnected. Not news.
        QList<Peer> down;
        for (const Peer& peer : farm.peers)
            down.append(disconnected(peer));
        h.model.resetPeers(down);
        h.advance(30 * kMinute);
        QCOMPARE(h.spy.size(), 0);

        // A notifier made over a model that already shows rigs takes them as they are too.
        Harness late;
        late.model.resetPeers(farm.peers);
        late.model.updateStats(farm.results);
        RigNotifier second(late.model, [&late] { return late.now; });
        second.setCheckInterval(std::chrono::milliseconds(0));
        QSignalSpy spy(&second, &RigNotifier::notify);
        second.checkNow();
        late.model.updateStats(farm.results);
        late.now += 30 * kMinute;
        second.checkNow();
        QCOMPARE(spy.size(), 0);
    }

    void crashRestartIsSaid_data()
    {
        QTest::addColumn<bool>(
            "seenRestarting"); // a round caught the miner between the crash and the restart
        QTest::newRow("restarting seen") << true;
        QTest::newRow("straight back to running") << false;
    }

    void crashRestartIsSaid()
    {
        QFETCH(bool, seenRestarting);
        Harness h;
        const Peer rig = onlineRig(h);
        const QString crash = u"crashed (exit code 139); restarting in 5 s"_s;
        if (seenRestarting) {
            h.feed(rig, {withRestarts(rateMiner(0), 0, crash, u"restarting"_s)}, kRound);
            h.feed(rig, {withRestarts(rateMiner(0), 1, crash, u"starting"_s)}, kRound);
            QCOMPARE(h.spy.size(), seenRestarting ? 1 : 0);
        }
        h.feed(rig, {withRestarts(rateMiner(10'000), 1, crash, u"running"_s)}, 5 * kRound);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::MinerCrashed});
        QCOMPARE(h.title(0), u"Miner crashed"_s);
        QCOMPARE(h.text(0), u"Miner xmrig-0 on “rig-3” crashed (exit code 139) and was restarted."_s);

        // The next crash is said again; the same counter is not.
        h.feed(
            rig,
            {withRestarts(rateMiner(10'000), 2, u"crashed (signal 9); restarting in 10 s"_s, u"running"_s)},
            5 * kRound);
        QCOMPARE(h.spy.size(), 2);
        QVERIFY(h.text(1).contains(u"(signal 9)"_s));
    }

    void watchdogRestartIsQuiet()
    {
        // The supervisor's own repair (XMRig hung or mined below its floor) is not a crash: the miners page
        // counts it, and the hashrate rule speaks if it does not help.
        Harness h;
        const Peer rig = onlineRig(h);
        const QString watchdog = u"restarted: API stopped answering for 60 s"_s;
        h.feed(rig, {withRestarts(rateMiner(0), 0, watchdog, u"restarting"_s)}, kRound);
        h.feed(rig, {withRestarts(rateMiner(10'000), 1, watchdog, u"running"_s)}, 3 * kRound);
        h.feed(rig,
               {withRestarts(rateMiner(10'000), 2, u"restarted: 60 s hashrate 1.0 H/s stayed below"_s,
                             u"running"_s)},
               3 * kRound);
        QCOMPARE(h.spy.size(), 0);
    }

    void restartWithoutKnownHealthCountsAsCrash()
    {
        Harness h;
        const Peer rig = onlineRig(h);
        h.feed(rig, {withRestarts(rateMiner(10'000), 1, QString(), u"running"_s)}, kRound);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::MinerCrashed});
        QCOMPARE(h.text(0), u"Miner xmrig-0 on “rig-3” crashed and was restarted."_s);
    }

    void gaveUpIsSaidOnce()
    {
        Harness h;
        const Peer rig = onlineRig(h);
        const QString why = u"gave up after 5 crashes within 10 min; last: exit code 1"_s;
        // It crashed once more and was given up in the same breath: one notification, the gave-up one.
        h.feed(rig, {withRestarts(rateMiner(0), 4, why, u"failed"_s)}, 10 * kRound);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::MinerGaveUp});
        QCOMPARE(h.title(0), u"Miner failed"_s);
        QCOMPARE(h.text(0), u"Miner xmrig-0 on “rig-3” stopped for good: "_s + why);
        h.advance(30 * kMinute);
        QCOMPARE(h.spy.size(), 1);

        // Started again by hand, it fails to start: a new event.
        h.feed(rig, {withRestarts(rateMiner(0), 0, QString(), u"starting"_s)}, kRound);
        h.feed(rig, {withRestarts(rateMiner(0), 0, u"start failed: cannot run xmrig"_s, u"failed"_s)},
               kRound);
        QCOMPARE(h.kinds(), (QList<Kind>{Kind::MinerGaveUp, Kind::MinerGaveUp}));
        QVERIFY(h.text(1).endsWith(u"start failed: cannot run xmrig"_s));
    }

    void hashrateDropIsSaidOnceAndRearms()
    {
        Harness h(30, 300);
        const Peer rig = onlineRig(h);
        h.feed(rig, {rateMiner(10'000)}, 10 * kMinute);

        // Halved, but for less than the threshold's 300 s: nothing.
        h.feed(rig, {rateMiner(5'000)}, 280'000);
        h.feed(rig, {rateMiner(10'000)}, 2 * kMinute);
        QCOMPARE(h.spy.size(), 0);

        // Halved for longer: said once, however long it lasts.
        h.feed(rig, {rateMiner(5'000)}, 400'000);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::HashrateDropped});
        QCOMPARE(h.title(0), u"Hashrate dropped"_s);
        QVERIFY2(h.text(0).startsWith(
                     u"“rig-3” has mined at 5.00 kH/s for 5 min 0 s, 50% below its usual 10.0 kH/s."_s),
                 qPrintable(h.text(0)));
        h.feed(rig, {rateMiner(5'000)}, 5 * kMinute);
        QCOMPARE(h.spy.size(), 1);

        // Recovered: said, and the rule is armed again.
        h.feed(rig, {rateMiner(9'800)}, kMinute);
        QCOMPARE(h.kinds(), (QList<Kind>{Kind::HashrateDropped, Kind::HashrateRecovered}));
        QCOMPARE(h.text(1), u"“rig-3” is back to 9.80 kH/s."_s);
        h.feed(rig, {rateMiner(4'000)}, 6 * kMinute);
        QCOMPARE(h.kinds(),
                 (QList<Kind>{Kind::HashrateDropped, Kind::HashrateRecovered, Kind::HashrateDropped}));
    }

    void hashrateHoveringAtTheThresholdDoesNotFlap()
    {
        Harness h(30, 60);
        const Peer rig = onlineRig(h);
        h.feed(rig, {rateMiner(10'000)}, 10 * kMinute);
        h.feed(rig, {rateMiner(6'500)}, 2 * kMinute); // below 70 %: dropped
        for (int i = 0; i < 10; ++i) {
            h.feed(rig, {rateMiner(7'200)}, 2 * kMinute); // above the threshold, short of the recovery
            h.feed(rig, {rateMiner(6'500)}, 2 * kMinute);
        }
        QCOMPARE(h.kinds(), QList<Kind>{Kind::HashrateDropped});
    }

    void lastingDropBecomesTheNewLevel()
    {
        // A GPU gone for good: said once; after a whole reference window at the new level, a further drop
        // from it is news again.
        Harness h(30, 300);
        const Peer rig = onlineRig(h);
        h.feed(rig, {rateMiner(10'000)}, 10 * kMinute);
        h.feed(rig, {rateMiner(5'000)}, 6 * kMinute);
        QCOMPARE(h.spy.size(), 1);
        h.feed(rig, {rateMiner(5'000)}, 20 * kMinute);
        QCOMPARE(h.spy.size(), 1);
        h.feed(rig, {rateMiner(2'000)}, 6 * kMinute);
        QCOMPARE(h.kinds(), (QList<Kind>{Kind::HashrateDropped, Kind::HashrateDropped}));
        QVERIFY2(h.text(1).contains(u"60% below its usual 5.00 kH/s"_s), qPrintable(h.text(1)));
    }

    void sixtySecondRateFallsBackToTenSeconds()
    {
        Harness h(30, 120);
        MinerStatsItem young = rateMiner(10'000);
        young.hashrate60s = 0; // XMRig's 60 s window not filled
        const Peer rig = onlineRig(h, u"rig-3"_s, {young});
        h.feed(rig, {young}, 5 * kMinute);
        QCOMPARE(h.spy.size(), 0); // 0 H/s over 60 s is "not yet", not a drop
        young.hashrate = 3'000;
        h.feed(rig, {young}, 3 * kMinute);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::HashrateDropped});
        QVERIFY(h.text(0).contains(u"3.00 kH/s"_s));
    }

    void stopsAndStartsOnPurposeAreQuiet()
    {
        Harness h(30, 60);
        const Peer rig = onlineRig(h, u"rig-3"_s, {rateMiner(10'000, u"cpu"_s), rateMiner(10'000, u"gpu"_s)});
        h.feed(rig, {rateMiner(10'000, u"cpu"_s), rateMiner(10'000, u"gpu"_s)}, 10 * kMinute);

        // One of two miners stopped: half the rate, by choice.
        h.feed(rig, {rateMiner(10'000, u"cpu"_s), rateMiner(0, u"gpu"_s, u"stopped"_s)}, 10 * kMinute);
        // All stopped (state stopped, then gone from the list).
        h.feed(rig, {rateMiner(0, u"cpu"_s, u"stopped"_s)}, 10 * kMinute);
        h.feed(rig, {}, 10 * kMinute);
        // Started again with fewer threads: a lower rate from the start.
        h.minerStartedAt = h.now;
        h.feed(rig, {rateMiner(0, u"cpu"_s, u"starting"_s)}, kRound);
        h.feed(rig, {rateMiner(2'000, u"cpu"_s)}, 10 * kMinute);
        // Restarted by the user under the same name between two rounds (the counter did not move, the
        // uptime went back): its new rate is the new normal.
        h.feed(rig, {rateMiner(9'000, u"cpu"_s)}, 10 * kMinute);
        h.minerStartedAt = h.now;
        h.feed(rig, {rateMiner(1'000, u"cpu"_s)}, 10 * kMinute);
        QCOMPARE(h.spy.size(), 0);
    }

    void minerStuckInWatchdogRestartsIsADrop()
    {
        // The watchdog restarts a miner that mines below its floor, over and over; each restart is quiet,
        // but the rate stays low, so the drop is said.
        Harness h(30, 300);
        const Peer rig = onlineRig(h);
        h.feed(rig, {rateMiner(10'000)}, 10 * kMinute);
        const QString watchdog = u"restarted: 60 s hashrate 200.0 H/s stayed below the floor"_s;
        for (qint64 restarts = 1; restarts <= 6; ++restarts) {
            h.feed(rig, {withRestarts(rateMiner(0), restarts - 1, watchdog, u"restarting"_s)}, kRound);
            h.minerStartedAt = h.now;
            h.feed(rig, {withRestarts(rateMiner(200), restarts, watchdog, u"running"_s)}, kMinute);
        }
        QCOMPARE(h.kinds(), QList<Kind>{Kind::HashrateDropped});
    }

    void offlineRigIsNotADrop()
    {
        Harness h(30, 60);
        const Peer rig = onlineRig(h);
        h.feed(rig, {rateMiner(10'000)}, 10 * kMinute);
        h.model.updatePeer(disconnected(rig));
        h.advance(20 * kMinute);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::RigOffline});
        // It lost touch but mined on: same run, same reference, nothing more to say.
        h.model.updatePeer(rig);
        h.feed(rig, {rateMiner(10'000)}, 10 * kMinute);
        QCOMPARE(h.kinds(), (QList<Kind>{Kind::RigOffline, Kind::RigOnline}));
    }

    void removedRigIsForgotten()
    {
        Harness h;
        Peer rig = onlineRig(h);
        const QString why = u"gave up after 5 crashes within 10 min; last: exit code 1"_s;
        h.feed(rig, {withRestarts(rateMiner(0), 4, why, u"failed"_s)}, kRound);
        QCOMPARE(h.spy.size(), 1);

        // Goes offline and is removed before the grace ends: nothing.
        h.model.updatePeer(disconnected(rig));
        h.advance(kRound);
        h.model.removePeer(rig.id);
        h.advance(30 * kMinute);
        QCOMPARE(h.spy.size(), 1);

        // Added again: a new rig. Offline is not news (never online since), its failed miner neither.
        h.model.updatePeer(disconnected(rig));
        h.advance(30 * kMinute);
        h.model.updatePeer(rig);
        h.feed(rig, {withRestarts(rateMiner(0), 4, why, u"failed"_s)}, kRound);
        QCOMPARE(h.spy.size(), 1);
        // From here it is watched as any rig.
        h.model.updatePeer(disconnected(rig));
        h.advance(RigNotifier::kOfflineGrace.count());
        QCOMPARE(h.kinds(), (QList<Kind>{Kind::MinerGaveUp, Kind::RigOffline}));
    }

    void slotMayChangeTheModel()
    {
        // The window removes a rig when told it is gone (say): the notifier's memory must not be pulled
        // from under it, and the other rig's notification still comes.
        Harness h;
        const Peer first = onlineRig(h, u"rig-1"_s);
        const Peer second = onlineRig(h, u"rig-2"_s);
        QObject::connect(&h.notifier, &RigNotifier::notify, &h.model,
                         [&h](Kind, const QString& rigId) { h.model.removePeer(rigId); });
        h.model.updatePeer(disconnected(first));
        h.model.updatePeer(disconnected(second));
        h.advance(RigNotifier::kOfflineGrace.count());
        QCOMPARE(h.kinds(), (QList<Kind>{Kind::RigOffline, Kind::RigOffline}));
        QCOMPARE(h.model.rowCount(), 0);
        h.advance(RigNotifier::kOfflineGrace.count());
        QCOMPARE(h.spy.size(), 2);
    }

    void hostileHashratesAreNoDrop_data()
    {
        QTest::addColumn<double>("bad");
        QTest::newRow("NaN") << std::nan("");
        QTest::newRow("negative") << -5'000.0;
        QTest::newRow("infinite") << std::numeric_limits<double>::infinity();
        QTest::newRow("huge") << 1e300;
    }

    void hostileHashratesAreNoDrop()
    {
        QFETCH(double, bad);
        Harness h(30, 60);
        const Peer rig = onlineRig(h);
        h.feed(rig, {rateMiner(10'000)}, 5 * kMinute);
        // A whole stretch of garbage says nothing...
        h.feed(rig, {rateMiner(bad)}, 10 * kMinute);
        // ...nor does one garbage round in a normal stretch (it must not become the reference)...
        h.feed(rig, {rateMiner(bad)}, kRound);
        h.feed(rig, {rateMiner(10'000)}, 10 * kMinute);
        // ...nor garbage in one of two miners.
        h.feed(rig, {rateMiner(10'000), rateMiner(bad, u"xmrig-1"_s)}, 10 * kMinute);
        QCOMPARE(h.spy.size(), 0);
        // And the rule still works afterwards.
        h.feed(rig, {rateMiner(10'000)}, 5 * kMinute);
        h.feed(rig, {rateMiner(1'000)}, 2 * kMinute);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::HashrateDropped});
    }

    void hostileNamesAndMinerLists()
    {
        Harness h;
        // No name anywhere: the start of its ID stands in.
        Peer nameless = fixtures::peer(u"nameless"_s);
        nameless.name.clear();
        h.model.updatePeer(nameless);
        auto payload = fixtures::stats(nameless, {rateMiner(10'000)});
        payload.peerName.clear();
        payload.stats.value().nodeName.clear();
        h.model.updateStats({payload});
        h.advance(kRound);
        h.model.updatePeer(disconnected(nameless));
        h.advance(RigNotifier::kOfflineGrace.count());
        QCOMPARE(h.spy.size(), 1);
        QCOMPARE(h.text(0), u"“%1” stopped answering."_s.arg(nameless.id.left(8)));

        // Line breaks, a right-to-left override, placeholders and a great length in a name.
        Peer odd = fixtures::peer(u"odd\n\u202Erig %2 %1"_s + QString(200, u'x'));
        h.model.updatePeer(odd);
        h.feed(odd, {rateMiner(10'000)}, kRound);
        h.model.updatePeer(disconnected(odd));
        h.advance(RigNotifier::kOfflineGrace.count());
        QCOMPARE(h.spy.size(), 2);
        const QString text = h.text(1);
        QVERIFY2(text.startsWith(u"“odd rig %2 %1xxx"_s), qPrintable(text));
        QVERIFY(text.contains(u"…” stopped answering."_s));
        QVERIFY(!text.contains(u'\n'));
        QVERIFY(!text.contains(QChar(0x202E)));
        QVERIFY(text.size() < 100);

        // A miner listed twice with different states, and a negative counter: no notification, round
        // after round.
        const Peer twice = onlineRig(h, u"twice"_s);
        auto failed = withRestarts(rateMiner(0), -3, u"gave up"_s, u"failed"_s);
        for (int i = 0; i < 5; ++i) {
            h.feed(twice, {rateMiner(10'000), failed}, kRound);
            h.feed(twice, {failed, rateMiner(10'000)}, kRound);
        }
        // The rounds differ in which entry comes first: the failed one is said once, not every other round.
        QCOMPARE(h.kinds().mid(2), QList<Kind>{Kind::MinerGaveUp});
        const qsizetype after = h.spy.size();
        for (int i = 0; i < 5; ++i) {
            h.feed(twice, {rateMiner(10'000), failed}, kRound);
            h.feed(twice, {failed, rateMiner(10'000)}, kRound);
        }
        QCOMPARE(h.spy.size(), after);
    }

    void thresholdsFollowTheSettings()
    {
        Harness h(30, 300);
        h.notifier.setThresholds(0, -5); // out of range: clamped
        QCOMPARE(h.notifier.dropPercent(), 1);
        QCOMPARE(h.notifier.dropSeconds(), 0);
        h.notifier.setThresholds(500, 1'000'000);
        QCOMPARE(h.notifier.dropPercent(), 100);
        QCOMPARE(h.notifier.dropSeconds(), 86400);

        // 60 %: a halving is not enough; a fall to a third is, after 60 s.
        h.notifier.setThresholds(60, 60);
        const Peer rig = onlineRig(h);
        h.feed(rig, {rateMiner(9'000)}, 5 * kMinute);
        h.feed(rig, {rateMiner(4'500)}, 5 * kMinute);
        QCOMPARE(h.spy.size(), 0);
        h.feed(rig, {rateMiner(3'000)}, 50'000);
        QCOMPARE(h.spy.size(), 0);
        h.feed(rig, {rateMiner(3'000)}, 20'000);
        QCOMPARE(h.kinds(), QList<Kind>{Kind::HashrateDropped});
    }

    void timerChecksWithoutModelChanges()
    {
        // The real clock and timer: nothing but the timer can say a rig has stayed offline.
        qint64 now = kStart;
        RigTableModel model;
        RigNotifier notifier(model, [&now] { return now; });
        notifier.setCheckInterval(std::chrono::milliseconds(20));
        QSignalSpy spy(&notifier, &RigNotifier::notify);
        const Peer rig = fixtures::peer(u"rig-3"_s);
        model.updatePeer(rig);
        model.updateStats({fixtures::stats(rig, {rateMiner(10'000)})});
        model.updatePeer(disconnected(rig));
        now += RigNotifier::kOfflineGrace.count();
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 5000);
    }

    void simulatedRigsAreMarked()
    {
        Harness h;
        const Peer rig = onlineRig(h, u"demo-box"_s,
                                   {fixtures::miner(u"simulated-0"_s, 5150, 77, 0, 640, u"running"_s, true)});
        h.model.updatePeer(disconnected(rig));
        h.advance(RigNotifier::kOfflineGrace.count());
        QCOMPARE(h.text(0), u"“demo-box” (simulated) stopped answering."_s);
    }
};

QTEST_MAIN(TestRigNotifier)
#include "tst_rig_notifier.moc"
