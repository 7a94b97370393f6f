// MinerSupervisor: the MinerManager contract the worker relies on (start, stop, stats, logs, unknown
// miner, names), demo mode, the XMRig path check, signals, stopAll(), and resuming the last profile.
// Hostile cases tried: a name that runs already, "../x" as a name, a missing and a non-executable
// XMRig, an unknown miner type, a remembered profile file that is corrupt, the supervisor destroyed with
// a start in flight.

#include "miner_test_support.h"
#include "node/miner_supervisor.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace lethean::node;

namespace {

template <typename T> bool waitFor(const QFuture<T>& future, int timeoutMs = 20000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QTest::qWait(10);
    return future.isFinished();
}

} // namespace

class TestMinerSupervisor : public QObject
{
    Q_OBJECT

private:
    MinerSupervisor::Settings settings(bool demo = false) const
    {
        MinerSupervisor::Settings s;
        s.xmrigPath = QStringLiteral(FAKE_XMRIG_BIN);
        s.demoMode = demo;
        s.minersDir = m_dir->filePath(u"miners"_s);
        s.xmrig = test::fastXmrigSettings();
        s.simulated.tickInterval = std::chrono::milliseconds(5);
        s.simulated.seed = 7;
        return s;
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

    void demoModeContract()
    {
        MinerSupervisor supervisor(settings(/*demo=*/true));
        QSignalSpy startedSpy(&supervisor, &MinerSupervisor::minerStarted);
        // An xmrig profile in demo mode: simulated, and no XMRig needed.
        const auto start = supervisor.startMiner(test::testProfile(u"main"_s, u"xmrig"_s));
        QVERIFY(waitFor(start));
        QVERIFY2(start.result().ok, qPrintable(start.result().error));
        QCOMPARE(start.result().minerName, u"main"_s);
        QCOMPARE(startedSpy.size(), 1);
        QCOMPARE(supervisor.minerNames(), QStringList({u"main"_s}));

        QTRY_VERIFY(supervisor.stats().value(0).uptime >= 12);
        const QList<MinerStatsItem> stats = supervisor.stats();
        QCOMPARE(stats.size(), 1);
        QCOMPARE(stats.at(0).simulated, true);
        QCOMPARE(stats.at(0).state, u"running"_s);

        const auto logs = supervisor.logs(u"main"_s, 3, 0);
        QVERIFY(logs.ok());
        QCOMPARE(logs->minerName, u"main"_s);
        QVERIFY(!logs->lines.isEmpty());
        const auto unknownLogs = supervisor.logs(u"nope"_s, 3, 0);
        QVERIFY(!unknownLogs.ok());
        QCOMPARE(unknownLogs.error(), u"miner not found: nope"_s);

        // The same name again is refused while it runs.
        const auto twice = supervisor.startMiner(test::testProfile(u"main"_s, u"simulated"_s));
        QVERIFY(twice.isFinished());
        QVERIFY(!twice.result().ok);
        QVERIFY2(twice.result().error.contains(u"already running"_s), qPrintable(twice.result().error));

        const auto unknownStop = supervisor.stopMiner(u"nope"_s);
        QVERIFY(unknownStop.isFinished());
        QVERIFY(!unknownStop.result().ok);

        QSignalSpy stoppedSpy(&supervisor, &MinerSupervisor::minerStopped);
        const auto stop = supervisor.stopMiner(u"main"_s);
        QVERIFY(waitFor(stop));
        QVERIFY(stop.result().ok);
        QCOMPARE(stop.result().minerName, u"main"_s);
        QCOMPARE(stoppedSpy.size(), 1);
        QVERIFY(supervisor.minerNames().isEmpty());
        QVERIFY(supervisor.stats().isEmpty());
    }

    void namesForUnnamedProfiles()
    {
        MinerSupervisor supervisor(settings());
        MiningProfile unnamed = test::testProfile(QString(), u"simulated"_s);
        const auto first = supervisor.startMiner(unnamed);
        const auto second = supervisor.startMiner(unnamed);
        QVERIFY(waitFor(first) && waitFor(second));
        QCOMPARE(first.result().minerName, u"simulated-1"_s);
        QCOMPARE(second.result().minerName, u"simulated-2"_s);
        QCOMPARE(supervisor.minerNames(), QStringList({u"simulated-1"_s, u"simulated-2"_s}));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("xmrigPath");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parent folder") << u"../x"_s << u"xmrig"_s << QString() << u"dot"_s;
        QTest::newRow("slash") << u"a/b"_s << u"xmrig"_s << QString() << u"'/'"_s;
        QTest::newRow("unknown type") << u"main"_s << u"cgminer"_s << QString() << u"Unknown miner type"_s;
        QTest::newRow("missing xmrig")
            << u"main"_s << u"xmrig"_s << u"/nonexistent/xmrig"_s
            << u"XMRig not found at /nonexistent/xmrig; set the miner path or use demo mode."_s;
        QTest::newRow("no path") << u"main"_s << u"xmrig"_s << u"-"_s << u"XMRig not found at"_s;
        QTest::newRow("not executable")
            << u"main"_s << u"xmrig"_s << u"*plain file*"_s << u"not executable"_s;
    }
    void refusals()
    {
        QFETCH(QString, name);
        QFETCH(QString, type);
        QFETCH(QString, xmrigPath);
        QFETCH(QString, expected);
        MinerSupervisor::Settings s = settings();
        if (xmrigPath == u"-"_s) {
            s.xmrigPath.clear();
        } else if (xmrigPath == u"*plain file*"_s) {
            s.xmrigPath = m_dir->filePath(u"xmrig"_s);
            QFile plain(s.xmrigPath);
            QVERIFY(plain.open(QIODevice::WriteOnly));
            plain.write("#!/bin/sh\n");
            plain.close();
            QVERIFY(QFile::setPermissions(s.xmrigPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        } else if (!xmrigPath.isEmpty()) {
            s.xmrigPath = xmrigPath;
        }
        MinerSupervisor supervisor(s);
        const auto start = supervisor.startMiner(test::testProfile(name, type));
        QVERIFY(start.isFinished());
        QVERIFY(!start.result().ok);
        QVERIFY2(start.result().error.contains(expected), qPrintable(start.result().error));
        QVERIFY(supervisor.minerNames().isEmpty());
    }

    void xmrigThroughTheSupervisor()
    {
        m_environment.set("FAKE_XMRIG_GPUS", "1");
        MinerSupervisor supervisor(settings());
        QSignalSpy statsSpy(&supervisor, &MinerSupervisor::statsChanged);
        const auto start = supervisor.startMiner(test::testProfile());
        QVERIFY(waitFor(start));
        QVERIFY2(start.result().ok, qPrintable(start.result().error));
        QTRY_COMPARE_WITH_TIMEOUT(supervisor.stats().value(0).gpus.size(), 1, 10000);
        const MinerStatsItem stats = supervisor.stats().at(0);
        QCOMPARE(stats.type, u"xmrig"_s);
        QCOMPARE(stats.simulated, false);
        QVERIFY(statsSpy.size() > 0);
        QVERIFY(QFile::exists(m_dir->filePath(u"miners/main/config.json"_s)));

        // stopAll (shutdown) keeps the remembered profile, so the next start resumes it.
        QVERIFY(QFile::exists(supervisor.lastProfileFile()));
        const QFuture<void> all = supervisor.stopAll();
        QVERIFY(waitFor(all));
        QVERIFY(supervisor.minerNames().isEmpty());
        QVERIFY(QFile::exists(supervisor.lastProfileFile()));
    }

    void crashAndGiveUpSignals()
    {
        m_environment.set("FAKE_XMRIG_CRASH_AFTER_MS", "1000");
        MinerSupervisor::Settings s = settings();
        s.xmrig.maxCrashes = 2;
        MinerSupervisor supervisor(s);
        QSignalSpy crashed(&supervisor, &MinerSupervisor::minerCrashed);
        QSignalSpy gaveUp(&supervisor, &MinerSupervisor::minerGaveUp);
        const auto start = supervisor.startMiner(test::testProfile());
        QVERIFY(waitFor(start));
        QVERIFY(start.result().ok);
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, 30000);
        QCOMPARE(crashed.size(), 2);
        QCOMPARE(gaveUp.at(0).at(0).toString(), u"main"_s);
        // Still listed, as failed, so the desk sees why; a new start replaces it.
        QCOMPARE(supervisor.stats().value(0).state, u"failed"_s);
        m_environment.clear();
        const auto again = supervisor.startMiner(test::testProfile());
        QVERIFY(waitFor(again));
        QVERIFY2(again.result().ok, qPrintable(again.result().error));
        QCOMPARE(supervisor.stats().value(0).state, u"running"_s);
    }

    void failedStartIsNotListed()
    {
        m_environment.set("FAKE_XMRIG_CRASH_AFTER_MS", "0");
        MinerSupervisor supervisor(settings());
        const auto start = supervisor.startMiner(test::testProfile());
        QVERIFY(waitFor(start));
        QVERIFY(!start.result().ok);
        QVERIFY(start.result().error.contains(u"XMRig"_s));
        QTRY_VERIFY(supervisor.minerNames().isEmpty());
        QVERIFY(!QFile::exists(supervisor.lastProfileFile()));
    }

    void resumesTheLastProfile()
    {
        {
            MinerSupervisor first(settings(/*demo=*/true));
            const auto start = first.startMiner(test::testProfile(u"night shift"_s, u"simulated"_s));
            QVERIFY(waitFor(start));
            QVERIFY(start.result().ok);
            QVERIFY(waitFor(first.stopAll()));
        } // the node restarts
        MinerSupervisor second(settings(/*demo=*/true));
        QCOMPARE(second.lastProfile().value_or(MiningProfile{}).name, u"night shift"_s);
        const auto resumed = second.resumeLastProfile();
        QVERIFY(waitFor(resumed));
        QVERIFY2(resumed.result().ok, qPrintable(resumed.result().error));
        QCOMPARE(second.minerNames(), QStringList({u"night shift"_s}));

        // The user stops it: it is forgotten, and the next start resumes nothing.
        QVERIFY(waitFor(second.stopMiner(u"night shift"_s)));
        QVERIFY(!QFile::exists(second.lastProfileFile()));
        const auto nothing = second.resumeLastProfile();
        QVERIFY(nothing.isFinished());
        QVERIFY(!nothing.result().ok);
    }

    void resumeCanBeTurnedOff()
    {
        MinerSupervisor::Settings s = settings(true);
        {
            MinerSupervisor first(s);
            QVERIFY(waitFor(first.startMiner(test::testProfile(u"main"_s, u"simulated"_s))));
            QVERIFY(waitFor(first.stopAll()));
        }
        s.resumeLastProfile = false;
        MinerSupervisor second(s);
        const auto resumed = second.resumeLastProfile();
        QVERIFY(resumed.isFinished());
        QVERIFY(!resumed.result().ok);
        QVERIFY(second.minerNames().isEmpty());
    }

    void corruptRememberedProfile()
    {
        MinerSupervisor supervisor(settings(true));
        QVERIFY(QDir().mkpath(settings().minersDir));
        QFile file(supervisor.lastProfileFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"name\": \"../../etc\", \"minerType\": 5");
        file.close();
        QVERIFY(!supervisor.lastProfile().has_value());
        const auto resumed = supervisor.resumeLastProfile();
        QVERIFY(resumed.isFinished());
        QVERIFY(!resumed.result().ok);
        QVERIFY(supervisor.minerNames().isEmpty());
    }

    void destroyedWithAStartInFlight()
    {
        m_environment.set("FAKE_XMRIG_HANG", "1");
        QFuture<MinerActionOutcome> start;
        {
            MinerSupervisor supervisor(settings());
            start = supervisor.startMiner(test::testProfile());
        }
        QVERIFY(start.isFinished());
        QVERIFY(!start.result().ok);
    }

    void stopAllWithNothingRunning()
    {
        MinerSupervisor supervisor(settings());
        QVERIFY(supervisor.stopAll().isFinished());
    }
};

QTEST_GUILESS_MAIN(TestMinerSupervisor)
#include "tst_miner_supervisor.moc"
