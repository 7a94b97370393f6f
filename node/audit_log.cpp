#include "node/audit_log.h"

#include "node/log_categories.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
QStringList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        if (line.endsWith(u'\n'))
            line.chop(1);
        if (!line.isEmpty())
            lines.append(line);
    }
    return lines;
}

// A line's own time (its first field), in Unix ms; 0 when it has none.
qint64 lineTimeMs(const QString& line)
{
    const QDateTime time = QDateTime::fromString(line.section(u' ', 0, 0), Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

// Keeps a line on one line whatever a peer put in a name or a profile.
QString oneLine(QString text)
{
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text;
}
} // namespace

AuditLog::AuditLog(QString file) : m_file(std::move(file)), m_log(lcWorker())
{
}

void AuditLog::record(const QString& outcome, const QString& action, const QString& peerId, const QString& peerName,
                      const QString& detail)
{
    rotateIfFull();
    const QString line = u"%1 %2 %3 from %4(%5) %6\n"_s.arg(
        QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), outcome, action, peerId, oneLine(peerName),
        oneLine(detail));
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QFile file(m_file);
    if (!file.open(QIODevice::Append | QIODevice::WriteOnly) || file.write(line.toUtf8()) < 0 || !file.flush()) {
        // Losing the record of a remote action is worth an error line in the node log.
        m_log.error(u"cannot append to the audit log"_s, {{u"file"_s, m_file}, {u"error"_s, file.errorString()}});
        return;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QStringList AuditLog::tail(int lines, qint64 sinceMs) const
{
    QStringList all = readLines(m_file + u".1"_s) + readLines(m_file);
    if (sinceMs > 0) {
        all.erase(std::remove_if(all.begin(), all.end(),
                                 [sinceMs](const QString& line) { return lineTimeMs(line) < sinceMs; }),
                  all.end());
    }
    if (lines > 0 && all.size() > lines)
        all = all.mid(all.size() - lines);
    return all;
}

void AuditLog::rotateIfFull()
{
    if (QFileInfo(m_file).size() < kMaxBytes)
        return;
    const QString rotated = m_file + u".1"_s;
    QFile::remove(rotated);
    if (!QFile::rename(m_file, rotated))
        m_log.warn(u"cannot rotate the audit log"_s, {{u"file"_s, m_file}});
}

} // namespace lethean::node
