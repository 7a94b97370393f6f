#pragma once

#include "node/logger.h"
#include "ueps/result.h"
#include "ui/history_store.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class QSqlDatabase;
class QSqlQuery;

namespace lethean::ui {

// HistoryStore's other half: owns the SQLite connection and runs every statement, on the store's thread.
// Made, used and destroyed only there (a QSqlDatabase connection must stay on the thread that opened it).
class HistoryWorker : public QObject
{
    Q_OBJECT

public:
    HistoryWorker(QString path, HistoryLimits limits, HistoryStore::Clock clock);
    ~HistoryWorker() override;

    Result<void, QString> open();
    void close();

    void append(const HistorySample& sample);
    void flush();
    HistorySeries series(const QString& rigId, qint64 fromMs, qint64 toMs);
    QList<HistoryRig> rigs();
    Result<void, QString> exportCsv(const QString& rigId, const QString& path);
    qint64 compact();

Q_SIGNALS:
    void failed(const QString& error);

private:
    QSqlDatabase database() const;
    qint64 now() const;
    bool exec(QSqlQuery& query, const char* what);
    bool execText(const QString& sql, const char* what);
    bool createSchema();
    bool downsample(int fromTier, int toTier, qint64 bucketMs, qint64 cutoffMs);
    bool trimToRowCap();
    qint64 rowCount();
    void reportFailure(const QString& what, const QString& detail);

    QString m_path;
    QString m_connection;
    HistoryLimits m_limits;
    HistoryStore::Clock m_clock;
    QList<HistorySample> m_pending;
    QTimer m_flushTimer;
    QTimer m_compactionTimer;
    bool m_open = false;
    node::Logger m_log;
};

} // namespace lethean::ui
