// LogSink: the ring buffer, lineLogged, the rotating file, and many threads logging at once.

#include "node/log_categories.h"
#include "node/log_level.h"
#include "node/log_sink.h"
#include "node/logger.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace lethean::node;

namespace {

const QDateTime kFixedTime(QDate(2024, 1, 2), QTime(15, 4, 5));

// A whole line as the sink writes it, with the spec's prefix.
const QRegularExpression& linePattern()
{
    static const QRegularExpression pattern(
        uR"(^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \[(DEBUG|INFO|WARN|ERROR)\]( \[[a-z.]+\])? .*$)"_s);
    return pattern;
}

QStringList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the file ends in a newline
    return lines;
}

QStringList messages(const QList<LogLine>& lines)
{
    QStringList out;
    for (const LogLine& line : lines)
        out.append(line.message);
    return out;
}

void logNumbered(int from, int to)
{
    const Logger log(lcNode);
    for (int i = from; i < to; ++i)
        log.info(u"line %1"_s.arg(i, 4, 10, QChar(u'0')));
}

} // namespace

class TestLogSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        LogSink& sink = LogSink::instance();
        sink.setStderrEnabled(false);
        sink.disableFile();
        sink.setCapacity(LogSink::kDefaultCapacity);
        sink.clear();
        sink.setClock([] { return kFixedTime; });
        applyLogLevel(LogLevel::Info);
        sink.install();
    }

    void cleanup()
    {
        LogSink& sink = LogSink::instance();
        sink.uninstall();
        sink.disableFile();
        sink.setClock({});
    }

    void defaults()
    {
        QCOMPARE(LogSink::kDefaultCapacity, 2000);
        QCOMPARE(LogSink::kDefaultMaxFileBytes, 5 * 1024 * 1024);
        QCOMPARE(LogSink::kDefaultKeepFiles, 3);
        QCOMPARE(LogSink::instance().capacity(), 2000);
        QVERIFY(LogSink::instance().isInstalled());
        QVERIFY(LogSink::isActive());
        QVERIFY(LogSink::instance().filePath().isEmpty());
    }

    // --- ring buffer ---

    void ringKeepsTheLastN()
    {
        LogSink& sink = LogSink::instance();
        sink.setCapacity(3);
        logNumbered(0, 3);
        QCOMPARE(messages(sink.recent()), (QStringList{u"line 0000"_s, u"line 0001"_s, u"line 0002"_s}));
        logNumbered(3, 4); // N + 1: the oldest goes
        QCOMPARE(messages(sink.recent()), (QStringList{u"line 0001"_s, u"line 0002"_s, u"line 0003"_s}));
        QCOMPARE(messages(sink.recent(2)), (QStringList{u"line 0002"_s, u"line 0003"_s}));
        QCOMPARE(messages(sink.recent(0)), QStringList());
        QCOMPARE(sink.recent(99).size(), 3);
    }

    void capacityChanges()
    {
        LogSink& sink = LogSink::instance();
        sink.setCapacity(5);
        logNumbered(0, 5);
        sink.setCapacity(2); // shrinking drops the oldest
        QCOMPARE(sink.capacity(), 2);
        QCOMPARE(messages(sink.recent()), (QStringList{u"line 0003"_s, u"line 0004"_s}));
        sink.setCapacity(4); // growing keeps what is there and fills up
        logNumbered(5, 8);
        QCOMPARE(messages(sink.recent()),
                 (QStringList{u"line 0004"_s, u"line 0005"_s, u"line 0006"_s, u"line 0007"_s}));
        sink.setCapacity(0); // keep nothing
        logNumbered(8, 9);
        QVERIFY(sink.recent().isEmpty());
        sink.setCapacity(-5);
        QCOMPARE(sink.capacity(), 0);
    }

    void clearEmptiesTheRing()
    {
        logNumbered(0, 3);
        LogSink::instance().clear();
        QVERIFY(LogSink::instance().recent().isEmpty());
    }

    void filterByComponentLevelAndTime()
    {
        LogSink& sink = LogSink::instance();
        QDateTime now = kFixedTime;
        sink.setClock([&now] { return now; });
        Logger(lcTransport).info(u"t1"_s);
        Logger(lcPeers).warn(u"p1"_s);
        now = now.addSecs(10);
        Logger(lcTransport).error(u"t2"_s);
        Logger(lcTransport).info(u"t3"_s);
        qInfo("plain");

        LogFilter byComponent;
        byComponent.component = u"transport"_s;
        QCOMPARE(messages(sink.recent(byComponent)), (QStringList{u"t1"_s, u"t2"_s, u"t3"_s}));
        QCOMPARE(messages(sink.recent(byComponent, 2)), (QStringList{u"t2"_s, u"t3"_s}));

        LogFilter byLevel;
        byLevel.minLevel = LogLevel::Warn;
        QCOMPARE(messages(sink.recent(byLevel)), (QStringList{u"p1"_s, u"t2"_s}));

        LogFilter bySince;
        bySince.since = kFixedTime.addSecs(5);
        QCOMPARE(messages(sink.recent(bySince)), (QStringList{u"t2"_s, u"t3"_s, u"plain"_s}));

        LogFilter all;
        QCOMPARE(sink.recent(all).size(), 5);
        QVERIFY(all.matches(sink.recent().first()));
    }

    // --- lineLogged ---

    void lineLoggedIsEmittedPerLine()
    {
        QSignalSpy spy(&LogSink::instance(), &LogSink::lineLogged);
        Logger(lcMiner).warn(u"hashrate dropped"_s, {{u"rig"_s, u"r1"_s}});
        qCDebug(lcMiner) << "filtered out: no signal";
        QCOMPARE(spy.count(), 1);
        const auto line = spy.at(0).at(0).value<LogLine>();
        QCOMPARE(line.text, u"2024/01/02 15:04:05 [WARN] [miner] hashrate dropped | rig=r1"_s);
        QCOMPARE(toString(line.level), toString(LogLevel::Warn));
        QCOMPARE(line.component, u"miner"_s);
    }

    // A receiver on another thread gets the line queued (the metatype is registered).
    void lineLoggedCrossesThreads()
    {
        QObject receiver;
        QList<LogLine> received;
        QThread* receiverThread = nullptr;
        connect(&LogSink::instance(), &LogSink::lineLogged, &receiver, [&](const LogLine& line) {
            received.append(line);
            receiverThread = QThread::currentThread();
        });
        std::unique_ptr<QThread> worker(QThread::create([] { Logger(lcWorker).info(u"from worker"_s); }));
        worker->start();
        QVERIFY(worker->wait(10000));
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.first().message, u"from worker"_s);
        QCOMPARE(receiverThread, QThread::currentThread());
    }

    // A receiver that logs from inside the signal neither deadlocks nor loops: Qt prints its message
    // to stderr itself, since the handler is already running on this thread.
    void aReceiverThatLogsDoesNotRecurse()
    {
        QObject receiver;
        int calls = 0;
        connect(
            &LogSink::instance(), &LogSink::lineLogged, &receiver,
            [&calls](const LogLine&) {
                ++calls;
                Logger(lcUi).info(u"echo"_s, {{u"k"_s, 1}});
            },
            Qt::DirectConnection);
        Logger(lcUi).info(u"original"_s);
        QCOMPARE(calls, 1);
        QCOMPARE(messages(LogSink::instance().recent()), QStringList{u"original"_s});
        Logger(lcUi).info(u"after"_s, {{u"n"_s, 2}}); // the echo's fields did not stay behind
        QCOMPARE(LogSink::instance().recent().last().text, u"2024/01/02 15:04:05 [INFO] [ui] after | n=2"_s);
    }

    // --- the file ---

    void fileRotates()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString logDir = dir.filePath(u"logs"_s); // created by enableFile
        LogSink& sink = LogSink::instance();
        const auto enabled = sink.enableFile(logDir, 200, 2);
        QVERIFY2(enabled.ok(), qPrintable(enabled ? QString() : enabled.error()));
        const QString base = QDir(logDir).filePath(u"lethean.log"_s);
        QCOMPARE(sink.filePath(), base);

        // Each line is "2024/01/02 15:04:05 [INFO] [node] line 0000\n": 44 bytes, so 4 fit in 200.
        logNumbered(0, 30);

        QVERIFY(QFile::exists(base));
        QVERIFY(QFile::exists(base + u".1"_s));
        QVERIFY(QFile::exists(base + u".2"_s));
        QVERIFY(!QFile::exists(base + u".3"_s)); // keep = 2
        QStringList all;
        for (const QString& path : {base + u".2"_s, base + u".1"_s, base}) {
            QVERIFY(QFileInfo(path).size() <= 200);
            const QStringList lines = readLines(path);
            QVERIFY(!lines.isEmpty());
            for (const QString& line : lines)
                QVERIFY2(linePattern().match(line).hasMatch(), qPrintable(line)); // complete lines only
            all += lines;
        }
        // The files hold the newest lines, consecutive and in order: 4 + 4 + 2 of the 30.
        QCOMPARE(all.size(), 10);
        for (int i = 0; i < all.size(); ++i)
            QVERIFY(all.at(i).endsWith(u"line %1"_s.arg(20 + i, 4, 10, QChar(u'0'))));
    }

    void fileAppendsToAnExistingLog()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LogSink& sink = LogSink::instance();
        QVERIFY(sink.enableFile(dir.path()).ok());
        logNumbered(0, 2);
        sink.disableFile();
        QVERIFY(sink.enableFile(dir.path()).ok());
        logNumbered(2, 3);
        const QStringList lines = readLines(dir.filePath(u"lethean.log"_s));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.last().endsWith(u"line 0002"_s));
    }

    void keepZeroKeepsNoOldFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(LogSink::instance().enableFile(dir.path(), 100, 0).ok());
        logNumbered(0, 10);
        QVERIFY(!QFile::exists(dir.filePath(u"lethean.log.1"_s)));
        const QStringList lines = readLines(dir.filePath(u"lethean.log"_s));
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.last().endsWith(u"line 0009"_s));
    }

    // A line longer than the limit still goes out whole, in a file of its own.
    void oversizedLineIsNotSplit()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(LogSink::instance().enableFile(dir.path(), 50, 1).ok());
        const QString longMessage(120, u'x');
        Logger(lcNode).info(longMessage);
        Logger(lcNode).info(longMessage);
        const QStringList current = readLines(dir.filePath(u"lethean.log"_s));
        const QStringList previous = readLines(dir.filePath(u"lethean.log.1"_s));
        QCOMPARE(current.size(), 1);
        QCOMPARE(previous.size(), 1);
        QVERIFY(current.first().endsWith(longMessage));
    }

    void enableFileReportsErrors()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile blocker(dir.filePath(u"not-a-dir"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        LogSink& sink = LogSink::instance();
        const auto underAFile = sink.enableFile(dir.filePath(u"not-a-dir/logs"_s));
        QVERIFY(!underAFile.ok());
        QVERIFY(underAFile.error().startsWith(u"LogSink.enableFile: cannot create log directory"_s));
        QVERIFY(!sink.enableFile(dir.path(), 0).ok());
        QVERIFY(!sink.enableFile(dir.path(), 100, -1).ok());
        QVERIFY(sink.filePath().isEmpty());
    }

    // Messages keep flowing after the file is closed (as at shutdown): no crash, no write.
    void loggingAfterTheFileIsClosed()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LogSink& sink = LogSink::instance();
        QVERIFY(sink.enableFile(dir.path()).ok());
        logNumbered(0, 1);
        sink.disableFile();
        QVERIFY(sink.filePath().isEmpty());
        logNumbered(1, 3);
        QCOMPARE(readLines(dir.filePath(u"lethean.log"_s)).size(), 1);
        QCOMPARE(sink.recent().size(), 3);
    }

    // --- install / uninstall ---

    void uninstallRestoresThePreviousHandler()
    {
        LogSink& sink = LogSink::instance();
        sink.uninstall();
        static QStringList captured;
        captured.clear();
        const QtMessageHandler original = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext&, const QString& message) { captured.append(message); });
        sink.install();
        sink.install(); // idempotent
        qCInfo(lcNode).noquote() << "to the sink";
        QVERIFY(captured.isEmpty());
        sink.uninstall();
        QVERIFY(!sink.isInstalled());
        QVERIFY(!LogSink::isActive());
        qCInfo(lcNode).noquote() << "to the previous handler";
        qInstallMessageHandler(original);
        QCOMPARE(captured, QStringList{u"to the previous handler"_s});
        QCOMPARE(messages(sink.recent()), QStringList{u"to the sink"_s});
    }

    void stderrSwitch()
    {
        LogSink& sink = LogSink::instance();
        sink.setStderrEnabled(true);
        QVERIFY(sink.isStderrEnabled());
        sink.setStderrEnabled(false);
        QVERIFY(!sink.isStderrEnabled());
    }

    // --- threads ---

    void manyThreads_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::newRow("default capacity") << LogSink::kDefaultCapacity;
        QTest::newRow("room for all") << 5000;
    }

    // 8 threads × 500 calls, through Logger (with fields) and the Qt macros, into the ring and a
    // rotating file at once. Run under the asan and tsan presets too.
    void manyThreads()
    {
        QFETCH(int, capacity);
        constexpr int kThreads = 8;
        constexpr int kPerThread = 500;
        LogSink& sink = LogSink::instance();
        sink.setClock({});
        sink.setCapacity(capacity);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(sink.enableFile(dir.path(), 64 * 1024, 2).ok());

        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([t] {
                const Logger log(lcTransport);
                for (int i = 0; i < kPerThread; ++i) {
                    if (i % 2 == 0)
                        log.info(u"msg"_s, {{u"thread"_s, t}, {u"seq"_s, i}, {u"note"_s, u"a b"_s}});
                    else
                        qCInfo(lcTransport).noquote() << u"msg | thread=%1 seq=%2"_s.arg(t).arg(i);
                }
            }));
        }
        for (const auto& thread : threads)
            thread->start();
        for (const auto& thread : threads)
            QVERIFY(thread->wait(60000));

        const QList<LogLine> lines = sink.recent();
        const int expected = std::min(capacity, kThreads * kPerThread);
        QCOMPARE(lines.size(), expected);
        static const QRegularExpression shape(
            uR"(^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \[INFO\] \[transport\] msg \| thread=(\d) seq=(\d+)( note="a b")?$)"_s);
        std::vector<int> nextSeq(kThreads, -1);
        for (const LogLine& line : lines) {
            const QRegularExpressionMatch match = shape.match(line.text);
            QVERIFY2(match.hasMatch(), qPrintable(line.text));
            const int thread = match.captured(1).toInt();
            const int seq = match.captured(2).toInt();
            QVERIFY(seq > nextSeq[thread]); // each thread's lines stay in its order
            nextSeq[thread] = seq;
        }
        if (expected == kThreads * kPerThread) {
            for (int t = 0; t < kThreads; ++t)
                QCOMPARE(nextSeq[t], kPerThread - 1);
        }
        for (const QString& name : QDir(dir.path()).entryList(QDir::Files)) {
            for (const QString& text : readLines(dir.filePath(name)))
                QVERIFY2(shape.match(text).hasMatch(), qPrintable(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestLogSink)
#include "tst_log_sink.moc"
