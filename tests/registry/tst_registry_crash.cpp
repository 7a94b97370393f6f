// Kill -9 at any moment of a save leaves the old peers.json or the new one, never a mixture or a
// truncated file: a helper saves generation after generation and is killed at random moments.

#include "node/peer_registry.h"
#include "node/peer_store.h"
#include "tests/registry/registry_save_generation.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using lethean::node::PeerRegistry;
using lethean::node::PeerStore;

class TestRegistryCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killDuringSavesLeavesAWholeFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"peers.json"_s);
        QRandomGenerator random(QRandomGenerator::global()->generate());
        int nextGeneration = 0;
        int killedMidRun = 0;
        for (int round = 0; round < 30; ++round) {
            QProcess helper;
            helper.setProcessChannelMode(QProcess::SeparateChannels);
            helper.start(QStringLiteral(REGISTRY_SAVE_LOOP_BIN), {path, QString::number(nextGeneration)});
            QVERIFY(helper.waitForStarted());
            // The helper has committed at least one generation of its own (every other round two, so
            // that some kills land while it saves continuously even where a save is slower than the
            // random wait below, as under ASan on a loaded machine)...
            QString out;
            const qsizetype committed = round % 2 == 0 ? 2 : 1;
            QTRY_VERIFY_WITH_TIMEOUT(
                (out += QString::fromLatin1(helper.readAllStandardOutput())).count(u'\n') >= committed, 10000);
            // ...and is now somewhere inside its next save: a random moment is the point of this test.
            QTest::qWait(int(random.bounded(25)));
            ::kill(pid_t(helper.processId()), SIGKILL);
            QVERIFY(helper.waitForFinished(5000));
            QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
            out += QString::fromLatin1(helper.readAllStandardOutput());
            const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
            const QString err = QString::fromLocal8Bit(helper.readAllStandardError());
            QVERIFY2(err.isEmpty(), qPrintable(err));
            // A line is printed only after its generation is committed; the last line may be cut.
            const int lastReported =
                out.endsWith(u'\n') ? lines.back().toInt() : lines.value(lines.size() - 2).toInt();

            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto parsed = PeerStore::parsePeers(file.readAll());
            QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
            const int onDisk = lethean::test::generationOf(parsed.peers);
            QVERIFY2(
                onDisk == lastReported || onDisk == lastReported + 1,
                qPrintable(u"file holds generation %1, helper reported %2"_s.arg(onDisk).arg(lastReported)));
            if (onDisk == lastReported + 1 || lines.size() > 1)
                ++killedMidRun;
            nextGeneration = onDisk + 1;
        }
        QVERIFY(killedMidRun > 0);
        // The registry itself finds nothing to complain about.
        PeerRegistry registry(path);
        const auto report = registry.load();
        QVERIFY(report.problems.isEmpty());
        QVERIFY(QDir(dir.path()).entryList({u"*.corrupt-*"_s}, QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRegistryCrash)
#include "tst_registry_crash.moc"
