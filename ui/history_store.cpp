#include "ui/history_store.h"

#include "ui/history_worker.h"

#include <QPromise>
#include <QThread>

#include <memory>

namespace lethean::ui {

HistoryStore::HistoryStore(const QString& databasePath, HistoryLimits limits, Clock clock, QObject* parent)
    : QObject(parent), m_path(databasePath), m_limits(limits)
{
    qRegisterMetaType<HistorySample>();
    qRegisterMetaType<HistorySeries>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("history"));
    m_worker = new HistoryWorker(databasePath, limits, std::move(clock));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &HistoryWorker::failed, this, &HistoryStore::failed);
    m_thread->start(QThread::LowPriority);
    // The connection is opened on the worker's thread, where every later statement runs.
    QMetaObject::invokeMethod(
        m_worker,
        [this, worker = m_worker] {
            Result<void, QString> outcome = worker->open();
            QMetaObject::invokeMethod(
                this,
                [this, outcome = std::move(outcome)] {
                    if (outcome)
                        Q_EMIT opened();
                    else
                        Q_EMIT failed(outcome.error());
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

HistoryStore::~HistoryStore()
{
    // Queued behind every request already posted, so each of them still gets its answer.
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            delete worker;
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
}

template <typename T, typename Work> QFuture<T> HistoryStore::onWorker(Work&& work)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    // A promise destroyed unfinished (the store went first) cancels its future.
    QMetaObject::invokeMethod(
        m_worker,
        [promise, worker = m_worker, work = std::forward<Work>(work)]() mutable {
            if constexpr (std::is_void_v<T>) {
                work(*worker);
            } else {
                promise->addResult(work(*worker));
            }
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

void HistoryStore::record(const HistorySample& sample)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, sample] { worker->append(sample); }, Qt::QueuedConnection);
}

void HistoryStore::record(const QString& rigId, const QString& rigName, qint64 timeMs, double hashrate10s,
                          double hashrate60s, qint64 accepted, qint64 rejected, bool online)
{
    record(HistorySample{rigId, rigName, timeMs, hashrate10s, hashrate60s, accepted, rejected, online, false});
}

QFuture<HistorySeries> HistoryStore::series(const QString& rigId, qint64 fromMs, qint64 toMs)
{
    return onWorker<HistorySeries>(
        [rigId, fromMs, toMs](HistoryWorker& worker) { return worker.series(rigId, fromMs, toMs); });
}

QFuture<QList<HistoryRig>> HistoryStore::rigs()
{
    return onWorker<QList<HistoryRig>>([](HistoryWorker& worker) { return worker.rigs(); });
}

QFuture<Result<void, QString>> HistoryStore::exportCsv(const QString& rigId, const QString& path)
{
    return onWorker<Result<void, QString>>(
        [rigId, path](HistoryWorker& worker) { return worker.exportCsv(rigId, path); });
}

QFuture<qint64> HistoryStore::compact()
{
    return onWorker<qint64>([](HistoryWorker& worker) { return worker.compact(); });
}

QFuture<void> HistoryStore::flush()
{
    return onWorker<void>([](HistoryWorker& worker) { worker.flush(); });
}

} // namespace lethean::ui
