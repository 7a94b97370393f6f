// SimulatedMiner (demo mode): plausible numbers, clearly labelled simulated, log lines like XMRig's.
// Ticks are shortened so that minutes of simulated mining pass in a moment (each tick is one simulated
// second). Hostile cases tried: stop before the start is reported, a second start and stop, zero noise.

#include "miner_test_support.h"
#include "node/simulated_miner.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lethean::node;

namespace {

SimulatedMiner::Settings fastSettings()
{
    SimulatedMiner::Settings settings;
    settings.tickInterval = std::chrono::milliseconds(1);
    settings.baseHashrate = 5000;
    settings.sharesPerSecond = 0.5;
    settings.rejectChance = 0.2;
    settings.printEverySeconds = 10;
    settings.seed = 42;
    return settings;
}

bool logsContain(const Miner& miner, const QString& text)
{
    const QStringList lines = miner.logs(0, 0).lines;
    return std::any_of(lines.begin(), lines.end(), [&](const QString& line) { return line.contains(text); });
}

} // namespace

class TestSimulatedMiner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minesPlausibly()
    {
        SimulatedMiner miner(u"demo"_s, test::testProfile(u"demo"_s, u"simulated"_s), fastSettings());
        QSignalSpy started(&miner, &Miner::started);
        miner.start();
        miner.start(); // once only
        QTRY_COMPARE(started.size(), 1);
        QCOMPARE(miner.state(), Miner::State::Running);

        // Before the 10 s window fills, the hashrate is unknown (0), as XMRig's null.
        QTRY_VERIFY_WITH_TIMEOUT(miner.simulatedSeconds() >= 70, 20000);
        MinerStatsItem stats = miner.stats();
        QCOMPARE(stats.simulated, true);
        QCOMPARE(stats.type, u"simulated"_s);
        QCOMPARE(stats.state, u"running"_s);
        QVERIFY2(stats.hashrate > 4000 && stats.hashrate < 6000, qPrintable(QString::number(stats.hashrate)));
        QVERIFY2(stats.hashrate60s > 4500 && stats.hashrate60s < 5500,
                 qPrintable(QString::number(stats.hashrate60s)));
        QCOMPARE(stats.hashrate15m, 0.0); // 900 s not yet simulated
        QVERIFY(stats.uptime >= 70);
        QVERIFY(stats.shares > 0);
        QCOMPARE(stats.pool, u"stratum+tcp://pool.example.org:3333"_s);
        QCOMPARE(stats.algorithm, u"rx/0"_s);
        QCOMPARE(stats.cpuThreads, 3);
        QVERIFY(stats.version.contains(u"simulated"_s));

        QTRY_VERIFY_WITH_TIMEOUT(miner.stats().rejected > 0, 20000);
        QVERIFY(logsContain(miner, u"speed 10s/60s/15m"_s));
        QVERIFY(logsContain(miner, u"accepted ("_s));
        QVERIFY(logsContain(miner, u"simulated"_s));

        QSignalSpy stopped(&miner, &Miner::stopped);
        miner.stop();
        miner.stop();
        QTRY_COMPARE(stopped.size(), 1);
        QCOMPARE(miner.stats().state, u"stopped"_s);
        const qint64 uptime = miner.stats().uptime;
        QTest::qWait(50);
        QCOMPARE(miner.stats().uptime, uptime); // no ticks after stop
    }

    void randomBaseHashrateIsInRange()
    {
        for (quint32 seed = 1; seed <= 50; ++seed) {
            SimulatedMiner::Settings settings;
            settings.seed = seed;
            SimulatedMiner miner(u"demo"_s, test::testProfile(u"demo"_s, u"simulated"_s), settings);
            QVERIFY(miner.baseHashrate() >= 1000 && miner.baseHashrate() <= 10000);
        }
    }

    void stopBeforeStartedIsReported()
    {
        SimulatedMiner miner(u"demo"_s, test::testProfile(u"demo"_s, u"simulated"_s), fastSettings());
        QSignalSpy started(&miner, &Miner::started);
        QSignalSpy stopped(&miner, &Miner::stopped);
        QSignalSpy failed(&miner, &Miner::startFailed);
        miner.start();
        miner.stop();
        QTRY_COMPARE(stopped.size(), 1);
        QTest::qWait(20);
        QCOMPARE(started.size(), 0);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(miner.state(), Miner::State::Stopped);
    }

    void stopWithoutStart()
    {
        SimulatedMiner miner(u"demo"_s, test::testProfile(u"demo"_s, u"simulated"_s), fastSettings());
        QSignalSpy stopped(&miner, &Miner::stopped);
        QSignalSpy failed(&miner, &Miner::startFailed);
        miner.stop();
        QTRY_COMPARE(stopped.size(), 1);
        QCOMPARE(failed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSimulatedMiner)
#include "tst_simulated_miner.moc"
