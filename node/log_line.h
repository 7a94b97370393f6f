#pragma once

// One formatted log line as the sink records it, and the spec's line format (WIRE.md §11):
//   YYYY/MM/DD HH:MM:SS [LEVEL] [component] message | key=value key=value

#include "node/log_level.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>
#include <utility>

namespace lethean::node {

// Structured fields, printed as key=value in insertion order. Go keeps them in a map and prints them in
// random order (WIRE.md §13 #25); ours are deterministic, so lines can be compared and grepped.
using LogFields = QList<std::pair<QString, QVariant>>;

struct LogLine
{
    QDateTime timestamp; // local time, as printed
    LogLevel level = LogLevel::Info;
    QString component; // "transport" for lethean.transport; empty for Qt's default category
    QString message;
    LogFields fields;
    QString text; // the whole formatted line, without the trailing newline
};

// Picks lines out of the sink's ring buffer (log views, get_logs replies).
struct LogFilter
{
    QString component;                   // empty: every component
    LogLevel minLevel = LogLevel::Debug; // lines at this level or above
    QDateTime since;                     // invalid: no lower bound; else lines stamped at or after it

    bool matches(const LogLine& line) const;
};

// "2006/01/02 15:04:05": local time, no zone, no fraction (Go's log layout).
QString formatLogTimestamp(const QDateTime& time);

// A field value as Go's %v would print it (bools true/false, numbers in shortest form, lists as
// [a b]); quoted and escaped like Go's %q when it is empty or holds a space, a quote, '=', or a
// control or other non-printable character, so a line always splits back into its fields.
QString formatLogValue(const QVariant& value);

// " | k=v k=v", or an empty string when there are no fields.
QString formatLogFields(const LogFields& fields);

// Everything after the timestamp: " [LEVEL]", " [component]" when there is one, " message", fields.
QString formatLogBody(LogLevel level, const QString& component, const QString& message,
                      const LogFields& fields);

// The timestamp followed by the body: what LogLine::text holds.
QString formatLogLine(const LogLine& line);

} // namespace lethean::node

Q_DECLARE_METATYPE(lethean::node::LogLine)
