#pragma once

#include "node/logger.h"

#include <QString>
#include <QStringList>

namespace lethean::node {

// The record of every remote action this worker accepted or refused (start, stop, deploy), with the
// peer that asked. The fixed list of remote actions — no remote shell, ever — is a security promise;
// this file is its evidence. One line per action, appended and flushed at once to <dataHome>/audit.log
// (rotated to audit.log.1 past 1 MiB), readable remotely with get_logs for the miner name "audit".
//   2026-11-25T20:15:02.114Z accepted start_miner from 3f5a…(desk) profile=main
class AuditLog
{
public:
    static constexpr qint64 kMaxBytes = 1024 * 1024;
    static inline const QString kLogName = QStringLiteral("audit"); // get_logs minerName

    explicit AuditLog(QString file);

    const QString& file() const { return m_file; }
    // outcome: "accepted" or "refused"; detail: what was asked, and why it was refused.
    void record(const QString& outcome, const QString& action, const QString& peerId, const QString& peerName,
                const QString& detail);
    // The last `lines` lines (all when <= 0) whose time is at or after sinceMs (0: no filter), oldest
    // first, from the current file and the rotated one.
    QStringList tail(int lines, qint64 sinceMs = 0) const;

private:
    void rotateIfFull();

    QString m_file;
    Logger m_log;
};

} // namespace lethean::node
