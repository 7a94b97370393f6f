// HistoryStore: samples in, series and CSV out, downsampling with age under an injected clock, the row
// cap, and a file that survives a restart. Hostile input tried: NaN and negative hashrates, a rig name
// built to run as a spreadsheet formula and to break CSV quoting, a late sample for a bucket already
// compacted, a database path that is a directory, and the reserved total ID used as a rig ID.

#include "ui/history_store.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using lethean::ui::HistoryLimits;
using lethean::ui::HistorySample;
using lethean::ui::HistorySeries;
using lethean::ui::HistoryStore;

namespace {
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// 2024-01-01T00:00:00Z: bucket-aligned, so expected buckets are easy to state.
constexpr qint64 kBase = 1704067200000;

template <typename T> T await(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

HistorySample sample(const QString& rig, qint64 time, double hashrate, bool online = true)
{
    return HistorySample{rig, rig + u"-name"_s, time, hashrate, hashrate * 0.9, time / kSecond, 1, online, false};
}
} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<std::atomic<qint64>> m_now = std::make_shared<std::atomic<qint64>>(kBase);

    std::unique_ptr<HistoryStore> open(const QString& name, HistoryLimits limits = {})
    {
        auto clock = [now = m_now] { return now->load(); };
        auto store = std::make_unique<HistoryStore>(m_dir.filePath(name), limits, clock);
        QSignalSpy opened(store.get(), &HistoryStore::opened);
        if (!opened.wait(5000))
            return nullptr;
        return store;
    }

    static QStringList csvLines(HistoryStore& store, const QString& rig, const QString& path)
    {
        const auto outcome = await(store.exportCsv(rig, path));
        if (!outcome)
            return {u"error: "_s + outcome.error()};
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void init()
    {
        // A timer left on the wrong thread only warns: make that a failure.
        QTest::failOnWarning(QRegularExpression(u"Timers cannot"_s));
        QVERIFY(m_dir.isValid());
        m_now->store(kBase);
    }

    void bucketForRange_data()
    {
        QTest::addColumn<qint64>("age");  // how long before now the range starts
        QTest::addColumn<qint64>("span"); // its length
        QTest::addColumn<qint64>("bucket");
        QTest::newRow("last hour: raw 10 s") << kHour << kHour << 10 * kSecond;
        QTest::newRow("last day: 2 min") << kDay << kDay << 2 * kMinute;
        QTest::newRow("last 30 days: 1 h") << 30 * kDay << 30 * kDay << kHour;
        QTest::newRow("an hour two days ago: the 5 min tier") << 2 * kDay << kHour << 5 * kMinute;
        QTest::newRow("an hour 40 days ago: the hourly tier") << 40 * kDay << kHour << kHour;
        QTest::newRow("a year: a point a day") << 365 * kDay << 365 * kDay << kDay;
        QTest::newRow("reversed range") << kHour << -kHour << 10 * kSecond;
    }

    void bucketForRange()
    {
        QFETCH(qint64, age);
        QFETCH(qint64, span);
        QFETCH(qint64, bucket);
        const qint64 now = kBase + 400 * kDay;
        QCOMPARE(HistoryStore::bucketFor(now - age, now - age + span, now, HistoryLimits{}), bucket);
    }

    void recordsAndReadsSeries()
    {
        auto store = open(u"series.sqlite"_s);
        QVERIFY(store);
        for (int i = 0; i < 30; ++i) {
            store->record(sample(u"rigA"_s, kBase + i * 10 * kSecond, 1000 + i));
            store->record(sample(u"rigB"_s, kBase + i * 10 * kSecond, 500));
        }
        // The reserved total ID is not a rig: its samples are refused.
        store->record(sample(HistoryStore::kTotal, kBase, 1e9));
        m_now->store(kBase + 5 * kMinute);

        const HistorySeries a = await(store->series(u"rigA"_s, kBase, kBase + kHour));
        QCOMPARE(a.bucketMs, 10 * kSecond);
        QCOMPARE(a.points.size(), 30);
        QCOMPARE(a.points.first().timeMs, kBase);
        QCOMPARE(a.points.first().hashrate10s, 1000.0);
        QCOMPARE(a.points.last().hashrate10s, 1029.0);
        QCOMPARE(a.points.last().online, 1.0);

        const HistorySeries total = await(store->series(HistoryStore::kTotal, kBase, kBase + kHour));
        QCOMPARE(total.points.size(), 30);
        QCOMPARE(total.points.first().hashrate10s, 1500.0); // the sum of the rigs, not the refused sample
        QCOMPARE(total.points.first().online, 2.0);

        const auto rigs = await(store->rigs());
        QCOMPARE(rigs.size(), 2);
        QCOMPARE(rigs.first().name, u"rigA-name"_s);

        // A range before everything is empty, not an error.
        QVERIFY(await(store->series(u"rigA"_s, kBase - kDay, kBase - kHour)).points.isEmpty());
    }

    void flushesOnItsOwn()
    {
        HistoryLimits limits;
        limits.flushInterval = std::chrono::milliseconds(20);
        auto store = open(u"flush.sqlite"_s, limits);
        QVERIFY(store);
        store->record(sample(u"rigA"_s, kBase, 7));
        // Read by a second connection, without asking the store (which would flush first).
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader"_s);
        db.setDatabaseName(m_dir.filePath(u"flush.sqlite"_s));
        QVERIFY(db.open());
        auto rows = [&db] {
            QSqlQuery query(db);
            return query.exec(u"SELECT COUNT(*) FROM samples"_s) && query.next() ? query.value(0).toInt() : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 5000);
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"reader"_s);
    }

    void hostileNumbersAreStoredAsZero()
    {
        auto store = open(u"nan.sqlite"_s);
        QVERIFY(store);
        store->record(sample(u"rigA"_s, kBase, std::nan("")));
        store->record(sample(u"rigA"_s, kBase + 10 * kSecond, -5));
        store->record(sample(u"rigA"_s, kBase + 20 * kSecond, HUGE_VAL));
        const HistorySeries a = await(store->series(u"rigA"_s, kBase, kBase + kHour));
        QCOMPARE(a.points.size(), 3);
        for (const auto& point : a.points)
            QCOMPARE(point.hashrate10s, 0.0);
    }

    void downsamplesWithAge()
    {
        auto store = open(u"age.sqlite"_s);
        QVERIFY(store);
        // Ten minutes of 10 s samples: 60 raw rows, hashrate 100 in the first 5 minutes and 200 after.
        for (int i = 0; i < 60; ++i)
            store->record(sample(u"rigA"_s, kBase + i * 10 * kSecond, i < 30 ? 100 : 200));
        m_now->store(kBase + 10 * kMinute);
        QCOMPARE(await(store->compact()), qint64(60)); // young: nothing is averaged yet

        // Two days later the raw samples have become 5-minute averages.
        m_now->store(kBase + 2 * kDay);
        QCOMPARE(await(store->compact()), qint64(2));
        HistorySeries a = await(store->series(u"rigA"_s, kBase, kBase + 10 * kMinute));
        QCOMPARE(a.bucketMs, 5 * kMinute);
        QCOMPARE(a.points.size(), 2);
        QCOMPARE(a.points.at(0).timeMs, kBase);
        QCOMPARE(a.points.at(0).hashrate10s, 100.0);
        QCOMPARE(a.points.at(1).hashrate10s, 200.0);
        QCOMPARE(a.points.at(1).accepted, (kBase + 59 * 10 * kSecond) / kSecond); // the latest count
        const QStringList medium = csvLines(*store, u"rigA"_s, m_dir.filePath(u"medium.csv"_s));
        QCOMPARE(medium.size(), 3);
        QVERIFY2(medium.at(1).contains(u",300,30,100.00,"_s), qPrintable(medium.at(1)));

        // A late sample for a bucket that was already averaged is merged into it, weighted: (30·100 + 400) / 31.
        store->record(sample(u"rigA"_s, kBase + 10 * kSecond, 400));
        QCOMPARE(await(store->compact()), qint64(2));
        a = await(store->series(u"rigA"_s, kBase, kBase + 10 * kMinute));
        QCOMPARE(a.points.size(), 2);
        QVERIFY(std::abs(a.points.at(0).hashrate10s - 3400.0 / 31.0) < 1e-9);

        // Forty days on: one hourly row, weighted by the 61 samples it stands for.
        m_now->store(kBase + 40 * kDay);
        QCOMPARE(await(store->compact()), qint64(1));
        a = await(store->series(u"rigA"_s, kBase, kBase + kHour));
        QCOMPARE(a.bucketMs, kHour);
        QCOMPARE(a.points.size(), 1);
        QVERIFY(std::abs(a.points.at(0).hashrate10s - (3400.0 + 30 * 200) / 61.0) < 1e-9);
        const QStringList coarse = csvLines(*store, u"rigA"_s, m_dir.filePath(u"coarse.csv"_s));
        QCOMPARE(coarse.size(), 2);
        QVERIFY2(coarse.at(1).contains(u",3600,61,"_s), qPrintable(coarse.at(1)));

        // Past a year it is gone, and so is the rig.
        m_now->store(kBase + 366 * kDay);
        QCOMPARE(await(store->compact()), qint64(0));
        QVERIFY(await(store->rigs()).isEmpty());
    }

    void survivesRestart()
    {
        {
            auto store = open(u"restart.sqlite"_s);
            QVERIFY(store);
            for (int i = 0; i < 12; ++i)
                store->record(sample(u"rigA"_s, kBase + i * 10 * kSecond, 42));
            // Destroyed right away: the queued samples are still written.
        }
        auto again = open(u"restart.sqlite"_s);
        QVERIFY(again);
        const HistorySeries a = await(again->series(u"rigA"_s, kBase, kBase + kHour));
        QCOMPARE(a.points.size(), 12);
        QCOMPARE(a.points.last().hashrate10s, 42.0);
    }

    void exportsCsv()
    {
        auto store = open(u"csv.sqlite"_s);
        QVERIFY(store);
        HistorySample hostile = sample(u"rigX"_s, kBase, 1234.5);
        hostile.rigName = u"=HYPERLINK(\"http://evil\"),\"x\""_s;
        hostile.simulated = true;
        store->record(hostile);
        store->record(sample(u"rigY"_s, kBase + 10 * kSecond, 10, false));

        const QStringList lines = csvLines(*store, u"rigX"_s, m_dir.filePath(u"x.csv"_s));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), u"time_utc,rig_id,rig_name,resolution_s,samples,hashrate_10s_hs,hashrate_60s_hs,"
                              "accepted,rejected,online,simulated"_s);
        // Quoted (it has commas and quotes), doubled quotes, and an apostrophe so it is not a formula.
        QCOMPARE(lines.at(1), u"2024-01-01T00:00:00Z,rigX,\"'=HYPERLINK(\"\"http://evil\"\"),\"\"x\"\"\",0,1,1234.50,"
                              "1111.05,1704067200,1,1.000,1"_s);

        const QStringList all = csvLines(*store, HistoryStore::kTotal, m_dir.filePath(u"all.csv"_s));
        QCOMPARE(all.size(), 3);
        QVERIFY(all.at(2).startsWith(u"2024-01-01T00:00:10Z,rigY,rigY-name,0,1,10.00,9.00,"_s));
        QVERIFY(all.at(2).endsWith(u",0.000,0"_s));

        // A path that cannot be written gives an error, not a crash or an empty file somewhere.
        const auto refused = await(store->exportCsv(u"rigX"_s, m_dir.filePath(u"no/such/dir/x.csv"_s)));
        QVERIFY(!refused);
        QVERIFY(!refused.error().isEmpty());
    }

    void staysUnderTheRowCap()
    {
        HistoryLimits limits;
        limits.maxRows = 50;
        auto store = open(u"cap.sqlite"_s, limits);
        QVERIFY(store);
        for (int i = 0; i < 200; ++i)
            store->record(sample(i % 2 ? u"rigA"_s : u"rigB"_s, kBase + i * 10 * kSecond, i));
        m_now->store(kBase + 200 * 10 * kSecond);
        QCOMPARE(await(store->compact()), qint64(50));
        // The oldest went first: the newest sample is still there, the first is not.
        const HistorySeries total = await(store->series(HistoryStore::kTotal, kBase, kBase + kHour));
        QCOMPARE(total.points.size(), 50);
        QCOMPARE(total.points.last().hashrate10s, 199.0);
        QCOMPARE(total.points.first().timeMs, kBase + 150 * 10 * kSecond);
    }

    void reportsAnUnusablePath()
    {
        // A directory where the database file should be.
        QVERIFY(QDir(m_dir.path()).mkpath(u"is-a-directory"_s));
        HistoryStore store(m_dir.filePath(u"is-a-directory"_s));
        QSignalSpy failed(&store, &HistoryStore::failed);
        QVERIFY(failed.wait(5000));
        QVERIFY(!failed.first().first().toString().isEmpty());
        // Later calls answer (empty) instead of hanging.
        QVERIFY(await(store.series(u"rigA"_s, 0, kHour)).points.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_history_store.moc"
