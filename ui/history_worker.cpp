#include "ui/history_worker.h"

#include "node/log_categories.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <cmath>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
// Tiers of the samples table: raw samples, then the two averaged resolutions.
constexpr int kRawTier = 0;
constexpr int kMediumTier = 1;
constexpr int kCoarseTier = 2;
// A flush this large is written at once rather than waiting for the timer.
constexpr qsizetype kFlushBatch = 2000;

// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula (a rig name
// comes from the network: "=HYPERLINK(…)" must stay text).
QString csvField(const QString& text)
{
    QString field = text;
    if (!field.isEmpty() && QStringView(u"=+-@\t\r").contains(field.front()))
        field.prepend(u'\'');
    if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n') || field.contains(u'\r'))
        return u'"' + QString(field).replace(u"\""_s, u"\"\""_s) + u'"';
    return field;
}

QString number(double value, int decimals)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QString();
}
} // namespace

HistoryWorker::HistoryWorker(QString path, HistoryLimits limits, HistoryStore::Clock clock)
    : m_path(std::move(path)),
      m_connection(u"lethean-history-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_limits(limits),
      m_clock(std::move(clock)),
      m_log(node::lcUi)
{
    // Children, so that moveToThread takes the timers along to the store's thread (they are members, and
    // are destroyed before QObject's destructor would delete them as children).
    m_flushTimer.setParent(this);
    m_compactionTimer.setParent(this);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(m_limits.flushInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &HistoryWorker::flush);
    m_compactionTimer.setInterval(m_limits.compactionInterval);
    connect(&m_compactionTimer, &QTimer::timeout, this, [this] { compact(); });
}

HistoryWorker::~HistoryWorker()
{
    close();
}

QSqlDatabase HistoryWorker::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

qint64 HistoryWorker::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<void, QString> HistoryWorker::open()
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return fail(tr("The SQLite driver for Qt is not installed (Debian package libqt6sql6-sqlite)."));
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(m_path);
        if (!db.open())
            return fail(tr("Cannot open the history database %1: %2")
                            .arg(QDir::toNativeSeparators(m_path), db.lastError().text()));
    }
    m_open = true;
    if (!createSchema()) {
        close();
        return fail(tr("The history database %1 cannot be used (damaged, or not a database).")
                        .arg(QDir::toNativeSeparators(m_path)));
    }
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_compactionTimer.start();
    compact();
    return {};
}

bool HistoryWorker::createSchema()
{
    // auto_vacuum takes effect only before the first table exists: a new file returns freed pages to the
    // file system when compaction deletes rows, so the size bound holds on disk, not only in rows.
    return execText(u"PRAGMA auto_vacuum = INCREMENTAL"_s, "auto_vacuum") &&
           execText(u"PRAGMA journal_mode = WAL"_s, "journal_mode") &&
           execText(u"PRAGMA synchronous = NORMAL"_s, "synchronous") &&
           execText(u"CREATE TABLE IF NOT EXISTS rigs (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                    "last_sample INTEGER NOT NULL)"_s,
                    "create rigs") &&
           // n: how many raw samples the row stands for, so averages of averages stay weighted.
           execText(u"CREATE TABLE IF NOT EXISTS samples (rig TEXT NOT NULL, tier INTEGER NOT NULL, "
                    "t INTEGER NOT NULL, n INTEGER NOT NULL, h10 REAL NOT NULL, h60 REAL NOT NULL, "
                    "accepted INTEGER NOT NULL, rejected INTEGER NOT NULL, online REAL NOT NULL, "
                    "simulated INTEGER NOT NULL, PRIMARY KEY (rig, tier, t)) WITHOUT ROWID"_s,
                    "create samples") &&
           execText(u"CREATE INDEX IF NOT EXISTS samples_by_time ON samples (t)"_s, "create index");
}

void HistoryWorker::close()
{
    if (!m_open)
        return;
    flush();
    m_flushTimer.stop();
    m_compactionTimer.stop();
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_open = false;
}

bool HistoryWorker::exec(QSqlQuery& query, const char* what)
{
    if (query.exec())
        return true;
    reportFailure(QString::fromLatin1(what), query.lastError().text());
    return false;
}

bool HistoryWorker::execText(const QString& sql, const char* what)
{
    QSqlQuery query(database());
    if (query.exec(sql))
        return true;
    reportFailure(QString::fromLatin1(what), query.lastError().text());
    return false;
}

void HistoryWorker::reportFailure(const QString& what, const QString& detail)
{
    m_log.warn(u"history database statement failed"_s, {{u"step"_s, what}, {u"error"_s, detail}});
    Q_EMIT failed(tr("The hashrate history could not be saved: %1").arg(detail));
}

void HistoryWorker::append(const HistorySample& sample)
{
    if (!m_open || sample.rigId.isEmpty() || sample.rigId == HistoryStore::kTotal)
        return;
    m_pending.append(sample);
    if (m_pending.size() >= kFlushBatch)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void HistoryWorker::flush()
{
    m_flushTimer.stop();
    if (!m_open || m_pending.isEmpty())
        return;
    QSqlDatabase db = database();
    db.transaction();
    QSqlQuery sample(db);
    sample.prepare(u"INSERT OR REPLACE INTO samples (rig, tier, t, n, h10, h60, accepted, rejected, online, "
                   "simulated) VALUES (?, 0, ?, 1, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery rig(db);
    rig.prepare(u"INSERT INTO rigs (id, name, last_sample) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "name = CASE WHEN excluded.last_sample >= last_sample THEN excluded.name ELSE name END, "
                "last_sample = max(last_sample, excluded.last_sample)"_s);
    bool ok = true;
    for (const HistorySample& s : std::as_const(m_pending)) {
        // NaN and infinities (a miner's API glitch) are stored as 0 rather than poisoning every average.
        const double h10 = std::isfinite(s.hashrate10s) ? std::max(0.0, s.hashrate10s) : 0.0;
        const double h60 = std::isfinite(s.hashrate60s) ? std::max(0.0, s.hashrate60s) : 0.0;
        sample.addBindValue(s.rigId);
        sample.addBindValue(s.timeMs);
        sample.addBindValue(h10);
        sample.addBindValue(h60);
        sample.addBindValue(s.accepted);
        sample.addBindValue(s.rejected);
        sample.addBindValue(s.online ? 1.0 : 0.0);
        sample.addBindValue(s.simulated ? 1 : 0);
        rig.addBindValue(s.rigId);
        rig.addBindValue(s.rigName);
        rig.addBindValue(s.timeMs);
        if (!exec(sample, "insert sample") || !exec(rig, "insert rig")) {
            ok = false;
            break;
        }
    }
    m_pending.clear();
    if (ok)
        db.commit();
    else
        db.rollback();
}

qint64 HistoryStore::bucketFor(qint64 fromMs, qint64 toMs, qint64 nowMs, const HistoryLimits& limits)
{
    using namespace std::chrono;
    // Steps a person reads off a clock; the smallest that keeps the chart under kMaxPoints wins.
    static constexpr qint64 kSteps[] = {10'000,    30'000,    60'000,    120'000,    300'000,
                                        600'000,   900'000,   1'800'000, 3'600'000,  7'200'000,
                                        10'800'000, 21'600'000, 43'200'000, 86'400'000, 604'800'000};
    const qint64 age = nowMs - fromMs;
    qint64 floor = kSteps[0];
    if (age > limits.mediumAge.count())
        floor = limits.coarseBucket.count();
    else if (age > limits.rawAge.count())
        floor = limits.mediumBucket.count();
    const qint64 wanted = std::max(floor, (std::max<qint64>(toMs - fromMs, 0) + kMaxPoints - 1) / kMaxPoints);
    for (qint64 step : kSteps)
        if (step >= wanted)
            return step;
    return wanted;
}

HistorySeries HistoryWorker::series(const QString& rigId, qint64 fromMs, qint64 toMs)
{
    flush();
    HistorySeries result;
    result.rigId = rigId;
    result.fromMs = fromMs;
    result.toMs = toMs;
    result.bucketMs = HistoryStore::bucketFor(fromMs, toMs, now(), m_limits);
    if (!m_open || toMs < fromMs)
        return result;

    QSqlQuery query(database());
    query.setForwardOnly(true);
    // Weighted by n: a 5-minute row counts as the 30 samples it averages.
    static const QString perRig =
        u"SELECT rig, (t / :bucket) * :bucket AS bt, SUM(h10 * n) / SUM(n) AS h10, SUM(h60 * n) / SUM(n) AS h60, "
        "MAX(accepted) AS accepted, MAX(rejected) AS rejected, SUM(online * n) / SUM(n) AS online, "
        "MAX(simulated) AS simulated FROM samples WHERE t >= :from AND t <= :to %1 GROUP BY rig, bt"_s;
    if (rigId == HistoryStore::kTotal) {
        // The total of a bucket is the sum of each rig's average in it.
        query.prepare(u"SELECT bt, SUM(h10), SUM(h60), SUM(accepted), SUM(rejected), SUM(online), MAX(simulated) "
                      "FROM ("_s +
                      perRig.arg(QString()) + u") GROUP BY bt ORDER BY bt"_s);
    } else {
        query.prepare(u"SELECT bt, h10, h60, accepted, rejected, online, simulated FROM ("_s +
                      perRig.arg(u"AND rig = :rig"_s) + u") ORDER BY bt"_s);
        query.bindValue(u":rig"_s, rigId);
    }
    query.bindValue(u":bucket"_s, result.bucketMs);
    query.bindValue(u":from"_s, fromMs);
    query.bindValue(u":to"_s, toMs);
    if (!exec(query, "series"))
        return result;
    while (query.next()) {
        HistoryPoint point;
        point.timeMs = query.value(0).toLongLong();
        point.hashrate10s = query.value(1).toDouble();
        point.hashrate60s = query.value(2).toDouble();
        point.accepted = query.value(3).toLongLong();
        point.rejected = query.value(4).toLongLong();
        point.online = query.value(5).toDouble();
        point.simulated = query.value(6).toInt() != 0;
        result.points.append(point);
    }
    return result;
}

QList<HistoryRig> HistoryWorker::rigs()
{
    flush();
    QList<HistoryRig> result;
    if (!m_open)
        return result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, name, last_sample FROM rigs ORDER BY name COLLATE NOCASE, id"_s);
    if (!exec(query, "rigs"))
        return result;
    while (query.next())
        result.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong()});
    return result;
}

Result<void, QString> HistoryWorker::exportCsv(const QString& rigId, const QString& path)
{
    flush();
    if (!m_open)
        return fail(tr("The history database is not open."));
    QSqlQuery query(database());
    query.setForwardOnly(true);
    const bool all = rigId == HistoryStore::kTotal;
    query.prepare(u"SELECT s.rig, r.name, s.tier, s.t, s.n, s.h10, s.h60, s.accepted, s.rejected, s.online, "
                  "s.simulated FROM samples s LEFT JOIN rigs r ON r.id = s.rig "_s +
                  (all ? QString() : u"WHERE s.rig = :rig "_s) + u"ORDER BY s.rig, s.t"_s);
    if (!all)
        query.bindValue(u":rig"_s, rigId);
    if (!exec(query, "export"))
        return fail(tr("Reading the history failed: %1").arg(query.lastError().text()));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    file.write("time_utc,rig_id,rig_name,resolution_s,samples,hashrate_10s_hs,hashrate_60s_hs,accepted,rejected,"
               "online,simulated\n");
    const qint64 resolution[] = {0, m_limits.mediumBucket.count() / 1000, m_limits.coarseBucket.count() / 1000};
    while (query.next()) {
        const int tier = std::clamp(query.value(2).toInt(), kRawTier, kCoarseTier);
        const QStringList fields{
            QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC).toString(Qt::ISODate),
            csvField(query.value(0).toString()),
            csvField(query.value(1).toString()),
            QString::number(resolution[tier]),
            QString::number(query.value(4).toLongLong()),
            number(query.value(5).toDouble(), 2),
            number(query.value(6).toDouble(), 2),
            QString::number(query.value(7).toLongLong()),
            QString::number(query.value(8).toLongLong()),
            number(query.value(9).toDouble(), 3),
            QString::number(query.value(10).toInt()),
        };
        file.write(fields.join(u',').toUtf8() + '\n');
    }
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

bool HistoryWorker::downsample(int fromTier, int toTier, qint64 bucketMs, qint64 cutoffMs)
{
    // Rows below the cutoff (a bucket boundary, so no bucket is split) become one averaged row per rig and
    // bucket. A bucket that already exists (a late sample) is merged with it, weighted by n.
    QSqlQuery merge(database());
    merge.prepare(
        u"INSERT INTO samples (rig, tier, t, n, h10, h60, accepted, rejected, online, simulated) "
        "SELECT rig, :toTier, (t / :bucket) * :bucket AS bt, SUM(n), SUM(h10 * n) / SUM(n), SUM(h60 * n) / SUM(n), "
        "MAX(accepted), MAX(rejected), SUM(online * n) / SUM(n), MAX(simulated) FROM samples "
        "WHERE tier = :fromTier AND t < :cutoff GROUP BY rig, bt "
        "ON CONFLICT (rig, tier, t) DO UPDATE SET "
        "h10 = (h10 * n + excluded.h10 * excluded.n) / (n + excluded.n), "
        "h60 = (h60 * n + excluded.h60 * excluded.n) / (n + excluded.n), "
        "online = (online * n + excluded.online * excluded.n) / (n + excluded.n), "
        "accepted = max(accepted, excluded.accepted), rejected = max(rejected, excluded.rejected), "
        "simulated = max(simulated, excluded.simulated), n = n + excluded.n"_s);
    merge.bindValue(u":toTier"_s, toTier);
    merge.bindValue(u":bucket"_s, bucketMs);
    merge.bindValue(u":fromTier"_s, fromTier);
    merge.bindValue(u":cutoff"_s, cutoffMs);
    if (!exec(merge, "downsample"))
        return false;
    QSqlQuery remove(database());
    remove.prepare(u"DELETE FROM samples WHERE tier = :tier AND t < :cutoff"_s);
    remove.bindValue(u":tier"_s, fromTier);
    remove.bindValue(u":cutoff"_s, cutoffMs);
    return exec(remove, "delete downsampled");
}

qint64 HistoryWorker::rowCount()
{
    QSqlQuery query(database());
    if (!query.exec(u"SELECT COUNT(*) FROM samples"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

bool HistoryWorker::trimToRowCap()
{
    const qint64 excess = rowCount() - m_limits.maxRows;
    if (excess <= 0)
        return true;
    QSqlQuery trim(database());
    trim.prepare(u"DELETE FROM samples WHERE (rig, tier, t) IN "
                 "(SELECT rig, tier, t FROM samples ORDER BY t LIMIT :excess)"_s);
    trim.bindValue(u":excess"_s, excess);
    return exec(trim, "trim to row cap");
}

qint64 HistoryWorker::compact()
{
    flush();
    if (!m_open)
        return -1;
    const qint64 at = now();
    auto cutoff = [at](std::chrono::milliseconds age, std::chrono::milliseconds bucket) {
        const qint64 edge = at - age.count();
        return edge - ((edge % bucket.count()) + bucket.count()) % bucket.count();
    };
    QSqlDatabase db = database();
    db.transaction();
    QSqlQuery expire(db);
    expire.prepare(u"DELETE FROM samples WHERE t < :oldest"_s);
    expire.bindValue(u":oldest"_s, at - m_limits.maxAge.count());
    const bool ok =
        downsample(kRawTier, kMediumTier, m_limits.mediumBucket.count(), cutoff(m_limits.rawAge, m_limits.mediumBucket)) &&
        downsample(kMediumTier, kCoarseTier, m_limits.coarseBucket.count(),
                   cutoff(m_limits.mediumAge, m_limits.coarseBucket)) &&
        exec(expire, "expire") && trimToRowCap() &&
        execText(u"DELETE FROM rigs WHERE id NOT IN (SELECT DISTINCT rig FROM samples)"_s, "forget rigs");
    if (!ok) {
        db.rollback();
        return -1;
    }
    db.commit();
    execText(u"PRAGMA incremental_vacuum"_s, "incremental_vacuum");
    return rowCount();
}

} // namespace lethean::ui
