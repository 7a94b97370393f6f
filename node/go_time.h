#pragma once

#include "ueps/result.h"

#include <QDateTime>
#include <QString>
#include <QStringView>

namespace lethean::node {

// A point in time as Go's time.Time puts it on the wire: RFC 3339 with up to nine fractional digits
// (trailing zeros trimmed) and a `Z` or ±HH:MM offset (WIRE.md §1.1, §3). QDateTime stops at
// milliseconds, so the time is kept as whole seconds since the epoch plus nanoseconds, with the
// offset it was written in: a parsed timestamp is written back byte for byte.
class GoTime
{
public:
    // The null time: invalid, and formats as an empty string.
    GoTime() = default;
    // nanosecond is the whole sub-second part (0…999'999'999); the QDateTime's own milliseconds are
    // ignored. The offset is the QDateTime's offset from UTC.
    GoTime(const QDateTime& dateTime, int nanosecond);

    // Now, in UTC, with the system clock's full (nanosecond) resolution. UTC rather than Go's local
    // offset, so messages do not tell peers our time zone.
    static GoTime now();
    static GoTime fromUnix(qint64 seconds, int nanosecond, int offsetSeconds = 0);
    // Strict RFC 3339 (Go's time.RFC3339 layout, as time.Time.UnmarshalJSON reads it).
    static Result<GoTime, QString> parse(QStringView text);

    bool isNull() const { return !m_valid; }
    qint64 unixSeconds() const { return m_seconds; }
    int nanosecond() const { return m_nanosecond; }
    int offsetSeconds() const { return m_offsetSeconds; }
    qint64 toMSecsSinceEpoch() const;
    // Millisecond precision, in the time's own offset.
    QDateTime toDateTime() const;
    // Go's RFC3339Nano rendering; empty for a null time.
    QString toString() const;

    // Same instant, same nanoseconds and same offset: the same wire text.
    friend bool operator==(const GoTime&, const GoTime&) = default;

private:
    qint64 m_seconds = 0; // since 1970-01-01T00:00:00Z
    int m_nanosecond = 0;
    int m_offsetSeconds = 0;
    bool m_valid = false;
};

// Free-function spellings of the above, shared by the identity file and the message envelope.
QString formatGoTime(const QDateTime& dateTime, int nanosecond);
Result<GoTime, QString> parseGoTime(QStringView text);

} // namespace lethean::node
