// No orphaned miner: a node that dies (SIGKILL: no destructor runs) or exits without stopping its miners
// must not leave XMRig running on the rig. miner_host runs a MinerSupervisor with the fake XMRig, which
// writes its PID to a file; the test kills the host and checks the fake is gone within a few seconds.
// Hostile cases tried: SIGKILL of the node (only the kernel's PR_SET_PDEATHSIG can act), a normal exit
// that skips stopAll(), and a fake XMRig that ignores SIGTERM in both.

#include "miner_test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace Qt::StringLiterals;
using namespace lethean::node;

class TestMinerOrphans : public QObject
{
    Q_OBJECT

private:
    // Starts the host, waits for STARTED and returns the fake's PID.
    qint64 startHost(QProcess& host, const QTemporaryDir& dir, const QStringList& extra)
    {
        host.setProgram(QStringLiteral(MINER_HOST_BIN));
        host.setArguments(QStringList{QStringLiteral(FAKE_XMRIG_BIN), dir.filePath(u"miners"_s)} + extra);
        host.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        host.start();
        if (!host.waitForStarted(10000))
            return 0;
        QByteArray output;
        for (QDeadlineTimer deadline(20000); !deadline.hasExpired() && !output.contains('\n');) {
            host.waitForReadyRead(200);
            output += host.readAllStandardOutput();
        }
        if (!output.startsWith("STARTED")) {
            qWarning("host said: %s", output.constData());
            return 0;
        }
        return test::readPidFile(dir.filePath(u"fake.pid"_s));
    }

private Q_SLOTS:
    void cleanup() { m_environment.clear(); }

    void minerDiesWithAKilledNode_data()
    {
        QTest::addColumn<bool>("hang");
        QTest::newRow("well-behaved miner") << false;
        QTest::newRow("miner that ignores SIGTERM") << true;
    }
    void minerDiesWithAKilledNode()
    {
        QFETCH(bool, hang);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        m_environment.set("FAKE_XMRIG_PID_FILE", dir.filePath(u"fake.pid"_s).toUtf8());
        if (hang)
            m_environment.set("FAKE_XMRIG_HANG", "1");

        QProcess host;
        const qint64 minerPid = startHost(host, dir, {});
        QVERIFY(minerPid > 0);
        QVERIFY(!test::processGone(minerPid));

        ::kill(pid_t(host.processId()), SIGKILL);
        QVERIFY(host.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(test::processGone(minerPid), 5000);
    }

    void minerDiesWhenTheNodeExitsWithoutStopping()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        m_environment.set("FAKE_XMRIG_PID_FILE", dir.filePath(u"fake.pid"_s).toUtf8());
        m_environment.set("FAKE_XMRIG_HANG", "1");

        QProcess host;
        const qint64 minerPid = startHost(host, dir, {u"--exit-after-start"_s});
        QVERIFY(minerPid > 0);
        QVERIFY(host.waitForFinished(15000));
        QCOMPARE(host.exitStatus(), QProcess::NormalExit);
        QCOMPARE(host.exitCode(), 0);
        // The destructor killed and reaped it before main() returned.
        QTRY_VERIFY_WITH_TIMEOUT(test::processGone(minerPid), 5000);
    }

private:
    test::FakeXmrigEnvironment m_environment;
};

QTEST_GUILESS_MAIN(TestMinerOrphans)
#include "tst_miner_orphans.moc"
