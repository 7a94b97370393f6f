#pragma once

#include "ueps/result.h"

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

class QThread;

namespace lethean::ui {

class HistoryWorker;

// One rig's stats at one moment, as the app samples them (about every 10 s).
struct HistorySample
{
    QString rigId;
    QString rigName;
    qint64 timeMs = 0;      // Unix milliseconds
    double hashrate10s = 0; // H/s
    double hashrate60s = 0; // H/s
    qint64 accepted = 0;    // shares since the miner started
    qint64 rejected = 0;
    bool online = false;
    bool simulated = false; // demo mode: the chart says so
};

// One point of a chart: a bucket's average (one rig) or the sum of the rigs' averages (the total).
struct HistoryPoint
{
    qint64 timeMs = 0; // start of the bucket
    double hashrate10s = 0;
    double hashrate60s = 0;
    qint64 accepted = 0;
    qint64 rejected = 0;
    double online = 0; // one rig: the fraction of samples online; the total: rigs online on average
    bool simulated = false;

    friend bool operator==(const HistoryPoint&, const HistoryPoint&) = default;
};

struct HistorySeries
{
    QString rigId; // HistoryStore::kTotal for the sum of every rig
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 bucketMs = 0; // the spacing of the points
    QList<HistoryPoint> points; // oldest first
};

// A known rig, as the history has seen it.
struct HistoryRig
{
    QString id;
    QString name;
    qint64 lastSampleMs = 0;
};

// Limits of the database. Samples are kept at three resolutions that coarsen with age (as RRDtool and
// every rig manager do): raw for a day, 5-minute averages for 30 days, hourly averages for a year. The row
// cap bounds the file however many rigs there are: past it, the oldest rows go first.
struct HistoryLimits
{
    std::chrono::milliseconds rawAge{std::chrono::hours(24)};
    std::chrono::milliseconds mediumAge{std::chrono::hours(24 * 30)};
    std::chrono::milliseconds maxAge{std::chrono::hours(24 * 365)};
    std::chrono::milliseconds mediumBucket{std::chrono::minutes(5)};
    std::chrono::milliseconds coarseBucket{std::chrono::hours(1)};
    // About 60 MB on disk: a day of 10 s samples for 40 rigs plus their month and year.
    qint64 maxRows = 1'000'000;
    std::chrono::milliseconds compactionInterval{std::chrono::minutes(10)};
    // Samples are written in one transaction per flush, not one per sample.
    std::chrono::milliseconds flushInterval{std::chrono::seconds(2)};
};

// The rigs' hashrate history in a local SQLite file (Qt SQL, QSQLITE). Every SQL statement runs on the
// store's own thread, on a connection opened there; the GUI thread only posts samples and receives
// results as futures (continue them with `future.then(this, …)`), so a slow disk never freezes a window.
// The file survives restarts: a store opened on the same path sees everything recorded before.
//
// Use from the thread that made the store. The clock is called on the store's thread.
class HistoryStore : public QObject
{
    Q_OBJECT

public:
    // The rig ID that stands for "every rig together" in series().
    static inline const QString kTotal = QStringLiteral("*");
    // Charts get at most about this many points, whatever the range.
    static constexpr int kMaxPoints = 720;

    using Clock = std::function<qint64()>; // Unix milliseconds

    // Opens (creating when needed) the database at databasePath on the store's thread; opened() or
    // failed() follows. clock defaults to the system clock; tests inject their own.
    explicit HistoryStore(const QString& databasePath, HistoryLimits limits = {}, Clock clock = {},
                          QObject* parent = nullptr);
    // Writes what is queued, closes the database and ends the thread (waits for the statement under way).
    ~HistoryStore() override;

    const QString& path() const { return m_path; }
    const HistoryLimits& limits() const { return m_limits; }

    // Queues a sample; it is written with the next flush.
    void record(const HistorySample& sample);
    void record(const QString& rigId, const QString& rigName, qint64 timeMs, double hashrate10s, double hashrate60s,
                qint64 accepted, qint64 rejected, bool online);

    // The points of one rig (or kTotal) between two times, at the resolution the range calls for
    // (bucketFor). Queued samples are written first, so what was recorded is in the answer.
    QFuture<HistorySeries> series(const QString& rigId, qint64 fromMs, qint64 toMs);
    // Every rig with history, by name.
    QFuture<QList<HistoryRig>> rigs();
    // Writes one rig's history (every resolution, oldest first) as CSV; kTotal writes every rig's.
    QFuture<Result<void, QString>> exportCsv(const QString& rigId, const QString& path);
    // Downsamples and trims now (also runs every compactionInterval). Gives the number of rows left.
    QFuture<qint64> compact();
    // Writes the queued samples now.
    QFuture<void> flush();

    // The spacing of series() points for a range: at least the resolution the data has at that age
    // (raw, 5 min, 1 h), at least span / kMaxPoints, rounded up to a step a clock reader knows.
    static qint64 bucketFor(qint64 fromMs, qint64 toMs, qint64 nowMs, const HistoryLimits& limits);

Q_SIGNALS:
    void opened();
    // The database could not be opened or written; the message is for the user.
    void failed(const QString& error);

private:
    template <typename T, typename Work> QFuture<T> onWorker(Work&& work);

    QString m_path;
    HistoryLimits m_limits;
    QThread* m_thread = nullptr;
    HistoryWorker* m_worker = nullptr; // lives on m_thread
};

} // namespace lethean::ui

Q_DECLARE_METATYPE(lethean::ui::HistorySample)
Q_DECLARE_METATYPE(lethean::ui::HistorySeries)
