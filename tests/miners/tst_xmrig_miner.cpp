// XmrigMiner against the fake XMRig: start and stats (null windows, GPU health), console lines, crash →
// restart with backoff, give-up, hang → SIGKILL after the grace period, the watchdog (API silent,
// hashrate below the floor), a wrong binary, and no process left behind by the destructor.
// Hostile cases tried: a miner that crashes at start, crashes repeatedly, ignores SIGTERM, stops
// answering its API, answers with garbage, mines far below the floor, and a path that is not a program.

#include "miner_test_support.h"
#include "node/xmrig_miner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace lethean::node;

class TestXmrigMiner : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<XmrigMiner> makeMiner(XmrigMiner::Settings settings = {},
                                          MiningProfile profile = test::testProfile())
    {
        if (settings.binaryPath.isEmpty())
            settings = test::fastXmrigSettings();
        settings.workDir = m_dir->filePath(u"miners/"_s + profile.name);
        return std::make_unique<XmrigMiner>(profile.name, profile, settings);
    }

    static bool logsContain(const Miner& miner, const QString& text)
    {
        const QStringList lines = miner.logs(0, 0).lines;
        return std::any_of(lines.begin(), lines.end(),
                           [&](const QString& line) { return line.contains(text); });
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    test::FakeXmrigEnvironment m_environment;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup()
    {
        m_environment.clear();
        m_dir.reset();
    }

    void startsAndReportsStats()
    {
        m_environment.set("FAKE_XMRIG_WINDOWS_MS", "0,600000,900000");
        m_environment.set("FAKE_XMRIG_SHARE_MS", "100");
        m_environment.set("FAKE_XMRIG_REJECT_EVERY", "3");
        m_environment.set("FAKE_XMRIG_HASHRATE", "4321");
        m_environment.set("FAKE_XMRIG_ARGS_FILE", m_dir->filePath(u"args.txt"_s).toUtf8());
        auto miner = makeMiner();
        QSignalSpy started(miner.get(), &Miner::started);
        QSignalSpy failed(miner.get(), &Miner::startFailed);
        QCOMPARE(miner->stats().state, u"stopped"_s);
        miner->start();
        QCOMPARE(miner->state(), Miner::State::Starting);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 15000);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(miner->state(), Miner::State::Running);
        QVERIFY(miner->processId() > 0);

        QTRY_VERIFY_WITH_TIMEOUT(miner->stats().shares >= 3, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(miner->stats().rejected >= 1, 15000);
        const MinerStatsItem stats = miner->stats();
        QCOMPARE(stats.name, u"main"_s);
        QCOMPARE(stats.type, u"xmrig"_s);
        QCOMPARE(stats.simulated, false);
        QCOMPARE(stats.state, u"running"_s);
        QCOMPARE(stats.hashrate, 4321.0);
        QCOMPARE(stats.hashrate60s, 0.0); // null in the API: unknown, reported as 0
        QCOMPARE(stats.hashrate15m, 0.0);
        QCOMPARE(stats.version, u"6.21.0"_s);
        QCOMPARE(stats.algorithm, u"rx/0"_s);
        QCOMPARE(stats.pool, u"stratum+tcp://pool.example.org:3333"_s);
        QCOMPARE(stats.cpuThreads, 3); // the profile's threads reached XMRig through the config
        QCOMPARE(stats.restarts, 0);
        QVERIFY(stats.gpus.isEmpty());

        // The command line XMRig got: our config and flags, then the profile's extra arguments.
        QFile args(m_dir->filePath(u"args.txt"_s));
        QVERIFY(args.open(QIODevice::ReadOnly));
        const QStringList argv = QString::fromUtf8(args.readAll()).split(u'\n');
        QCOMPARE(argv, QStringList({u"--config=%1"_s.arg(miner->configFile()), u"--no-color"_s,
                                    u"--cpu-priority=2"_s}));
        QCOMPARE(QFile::permissions(miner->configFile()) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());

        QSignalSpy stopped(miner.get(), &Miner::stopped);
        const qint64 pid = miner->processId();
        miner->stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
        QCOMPARE(miner->stats().state, u"stopped"_s);
        QTRY_VERIFY_WITH_TIMEOUT(test::processGone(pid), 5000);
        miner->stop(); // a second stop is harmless and reports nothing more
        QTest::qWait(50);
        QCOMPARE(stopped.size(), 1);
    }

    void windowsFillIn()
    {
        m_environment.set("FAKE_XMRIG_WINDOWS_MS", "0,600,1200");
        auto miner = makeMiner();
        miner->start();
        QTRY_VERIFY_WITH_TIMEOUT(miner->stats().hashrate > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(miner->stats().hashrate60s > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(miner->stats().hashrate15m > 0, 15000);
    }

    void reportsGpuHealth()
    {
        m_environment.set("FAKE_XMRIG_GPUS", "2");
        auto miner = makeMiner();
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(miner->stats().gpus.size(), 2, 15000);
        const GpuHealth first = miner->stats().gpus.at(0);
        QCOMPARE(first.index, 0);
        QCOMPARE(first.name, u"Fake GeForce 0"_s);
        QCOMPARE(first.temperature, 60.0);
        QCOMPARE(first.power, 120.0);
        QCOMPARE(first.fan, 45.0);
        QCOMPARE(miner->stats().gpus.at(1).temperature, 61.0);
    }

    void capturesConsoleLines()
    {
        m_environment.set("FAKE_XMRIG_PRINT_MS", "100");
        m_environment.set("FAKE_XMRIG_SHARE_MS", "100");
        auto miner = makeMiner();
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        miner->start();
        QTRY_VERIFY_WITH_TIMEOUT(logsContain(*miner, u"speed 10s/60s/15m"_s), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(logsContain(*miner, u"accepted (2/0)"_s), 15000);
        QVERIFY(logsContain(*miner, u"XMRig/6.21.0"_s));
        QVERIFY(logsContain(*miner, u"supervisor"_s));
        const MinerLogSlice slice = miner->logs(2, before);
        QCOMPARE(slice.minerName, u"main"_s);
        QCOMPARE(slice.lines.size(), 2);
        QVERIFY(slice.hasMore);
        QVERIFY(miner->logs(10, QDateTime::currentMSecsSinceEpoch() + 60000).lines.isEmpty());
    }

    void crashAtStartFailsTheStart()
    {
        m_environment.set("FAKE_XMRIG_CRASH_AFTER_MS", "0");
        m_environment.set("FAKE_XMRIG_EXIT_CODE", "3");
        auto miner = makeMiner();
        QSignalSpy failed(miner.get(), &Miner::startFailed);
        QSignalSpy started(miner.get(), &Miner::started);
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        const QString reason = failed.at(0).at(0).toString();
        QVERIFY2(reason.contains(u"code 3"_s), qPrintable(reason));
        QVERIFY2(reason.contains(u"fake crash"_s), qPrintable(reason)); // XMRig's last words
        QCOMPARE(miner->state(), Miner::State::Failed);
        QCOMPARE(started.size(), 0);
        QCOMPARE(miner->restarts(), 0);
    }

    void crashRestartsWithBackoff()
    {
        m_environment.set("FAKE_XMRIG_CRASH_AFTER_MS", "1200");
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.restartDelay = std::chrono::milliseconds(100);
        settings.restartDelayMax = std::chrono::milliseconds(400);
        settings.maxCrashes = 100;
        auto miner = makeMiner(settings);
        QSignalSpy crashed(miner.get(), &Miner::crashed);
        QStringList healthAtCrash;
        connect(miner.get(), &Miner::crashed, this, [&] { healthAtCrash.append(miner->health()); });
        miner->start();
        QTRY_VERIFY_WITH_TIMEOUT(crashed.size() >= 4, 30000);
        QVERIFY2(crashed.at(0).at(0).toString().contains(u"signal"_s),
                 qPrintable(crashed.at(0).at(0).toString()));
        // 0.1 s, 0.2 s, 0.4 s, then capped at 0.4 s.
        QVERIFY2(healthAtCrash.at(0).contains(u"restarting in 0.1 s"_s), qPrintable(healthAtCrash.at(0)));
        QVERIFY2(healthAtCrash.at(1).contains(u"restarting in 0.2 s"_s), qPrintable(healthAtCrash.at(1)));
        QVERIFY2(healthAtCrash.at(2).contains(u"restarting in 0.4 s"_s), qPrintable(healthAtCrash.at(2)));
        QVERIFY2(healthAtCrash.at(3).contains(u"restarting in 0.4 s"_s), qPrintable(healthAtCrash.at(3)));
        QTRY_VERIFY_WITH_TIMEOUT(miner->restarts() >= 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(miner->stats().restarts, miner->restarts(), 1000);
        QVERIFY(logsContain(*miner, u"crashed"_s));
    }

    void givesUpAfterRepeatedCrashes()
    {
        m_environment.set("FAKE_XMRIG_CRASH_AFTER_MS", "1000");
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.maxCrashes = 3;
        settings.restartDelay = std::chrono::milliseconds(50);
        auto miner = makeMiner(settings);
        QSignalSpy gaveUp(miner.get(), &Miner::gaveUp);
        QSignalSpy crashed(miner.get(), &Miner::crashed);
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, 30000);
        QCOMPARE(crashed.size(), 3);
        QCOMPARE(miner->state(), Miner::State::Failed);
        const MinerStatsItem stats = miner->stats();
        QCOMPARE(stats.state, u"failed"_s);
        QVERIFY2(stats.health.contains(u"gave up after 3 crashes"_s), qPrintable(stats.health));
        QVERIFY(logsContain(*miner, u"gave up"_s));
        // It stays down.
        QTest::qWait(500);
        QCOMPARE(crashed.size(), 3);
        QCOMPARE(miner->processId(), 0);
        // A failed miner still stops (at once).
        QSignalSpy stopped(miner.get(), &Miner::stopped);
        miner->stop();
        QTRY_COMPARE(stopped.size(), 1);
    }

    void hangIsKilledAfterTheGracePeriod()
    {
        m_environment.set("FAKE_XMRIG_HANG", "1");
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.stopGrace = std::chrono::milliseconds(300);
        auto miner = makeMiner(settings);
        QSignalSpy started(miner.get(), &Miner::started);
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 15000);
        const qint64 pid = miner->processId();
        QSignalSpy stopped(miner.get(), &Miner::stopped);
        QSignalSpy crashed(miner.get(), &Miner::crashed);
        miner->stop();
        QCOMPARE(stopped.size(), 0); // never blocks: the process is still there
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
        QVERIFY(logsContain(*miner, u"SIGKILL"_s));
        QCOMPARE(crashed.size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(test::processGone(pid), 5000);
    }

    void watchdogRestartsASilentApi()
    {
        m_environment.set("FAKE_XMRIG_API_DEAD_AFTER_MS", "1500");
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.apiDeadAfter = std::chrono::milliseconds(1000);
        settings.apiTimeout = std::chrono::milliseconds(300);
        auto miner = makeMiner(settings);
        QSignalSpy restarted(miner.get(), &Miner::restarted);
        QSignalSpy crashed(miner.get(), &Miner::crashed);
        miner->start();
        QTRY_VERIFY_WITH_TIMEOUT(restarted.size() >= 1, 20000);
        QVERIFY2(restarted.at(0).at(0).toString().contains(u"API stopped answering"_s),
                 qPrintable(restarted.at(0).at(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(miner->stats().restarts >= 1, 10000);
        QVERIFY2(miner->stats().health.startsWith(u"restarted: API stopped answering"_s),
                 qPrintable(miner->stats().health));
        QVERIFY(logsContain(*miner, u"watchdog"_s));
        QCOMPARE(crashed.size(), 0); // a watchdog restart is not a crash
        // The new process answers again.
        QTRY_COMPARE_WITH_TIMEOUT(miner->state(), Miner::State::Running, 10000);
    }

    void watchdogRestartsGarbageApi()
    {
        // Answers, but not with XMRig's JSON: as good as silent.
        m_environment.set("FAKE_XMRIG_GARBAGE", "1");
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.apiDeadAfter = std::chrono::milliseconds(800);
        settings.startTimeout = std::chrono::milliseconds(300);
        auto miner = makeMiner(settings);
        QSignalSpy restarted(miner.get(), &Miner::restarted);
        QSignalSpy started(miner.get(), &Miner::started);
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 15000); // counted as started after startTimeout
        QTRY_VERIFY_WITH_TIMEOUT(restarted.size() >= 1, 20000);
        QVERIFY2(restarted.at(0).at(0).toString().contains(u"did not answer"_s),
                 qPrintable(restarted.at(0).at(0).toString()));
    }

    void watchdogRestartsLowHashrate()
    {
        m_environment.set("FAKE_XMRIG_HASHRATE", "10");
        m_environment.set("FAKE_XMRIG_WINDOWS_MS", "0,0,0");
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.hashrateFloor = 100;
        settings.lowHashrateFor = std::chrono::milliseconds(500);
        auto miner = makeMiner(settings);
        QSignalSpy restarted(miner.get(), &Miner::restarted);
        miner->start();
        QTRY_VERIFY_WITH_TIMEOUT(restarted.size() >= 1, 20000);
        QVERIFY2(restarted.at(0).at(0).toString().contains(u"below the floor of 100.0 H/s"_s),
                 qPrintable(restarted.at(0).at(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(miner->stats().restarts >= 1, 10000);
    }

    void unknownSixtySecondRateDoesNotTripTheFloor()
    {
        // XMRig reports null until the 60 s window fills: that is "not yet known", not "too low".
        m_environment.set("FAKE_XMRIG_HASHRATE", "10");
        m_environment.set("FAKE_XMRIG_WINDOWS_MS", "0,600000,900000");
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.hashrateFloor = 100;
        settings.lowHashrateFor = std::chrono::milliseconds(200);
        auto miner = makeMiner(settings);
        QSignalSpy restarted(miner.get(), &Miner::restarted);
        QSignalSpy started(miner.get(), &Miner::started);
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(miner->stats().hashrate, 10.0, 10000);
        QTest::qWait(1000); // five times the floor's limit
        QCOMPARE(restarted.size(), 0);
    }

    void wrongBinaryFailsTheStart_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("missing") << u"/nonexistent/xmrig"_s;
        QTest::newRow("not a program") << u"*plain file*"_s;
    }
    void wrongBinaryFailsTheStart()
    {
        QFETCH(QString, path);
        if (path == u"*plain file*"_s) {
            // Text without an interpreter line: execve refuses it (a file that is not a program).
            path = m_dir->filePath(u"not-a-program"_s);
            QFile plain(path);
            QVERIFY(plain.open(QIODevice::WriteOnly));
            plain.write("just text\n");
            plain.close();
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                    QFileDevice::ExeOwner));
        }
        XmrigMiner::Settings settings = test::fastXmrigSettings();
        settings.binaryPath = path;
        auto miner = makeMiner(settings);
        QSignalSpy failed(miner.get(), &Miner::startFailed);
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY2(failed.at(0).at(0).toString().contains(path), qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(miner->state(), Miner::State::Failed);
    }

    void destructorLeavesNoProcess()
    {
        m_environment.set("FAKE_XMRIG_HANG", "1");
        auto miner = makeMiner();
        QSignalSpy started(miner.get(), &Miner::started);
        miner->start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 15000);
        const qint64 pid = miner->processId();
        QVERIFY(pid > 0);
        miner.reset();
        QVERIFY(test::processGone(pid));
    }

    void stopWhileStarting()
    {
        auto miner = makeMiner();
        QSignalSpy stopped(miner.get(), &Miner::stopped);
        QSignalSpy failed(miner.get(), &Miner::startFailed);
        miner->start();
        miner->stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
        QCOMPARE(failed.size(), 1); // whoever waits for the start hears about it
        QCOMPARE(miner->state(), Miner::State::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestXmrigMiner)
#include "tst_xmrig_miner.moc"
