#pragma once

// The component-scoped logger of the spec (WIRE.md §11) on top of QLoggingCategory. A Logger is a light
// value (one pointer): keep one as a member, m_log{lcTransport}, and call
//   m_log.info(u"peer connected"_s, {{u"peer"_s, id}, {u"addr"_s, addr}});
// Messages go through Qt's message handler, like qCInfo(lcTransport) << … does, so both end up in the
// same LogSink with the same line format, and both obey the same category rules.

#include "node/log_level.h"
#include "node/log_line.h"

#include <QLoggingCategory>
#include <QString>

namespace lethean::node {

class Logger
{
public:
    using CategoryFunction = const QLoggingCategory& (*)();

    explicit Logger(const QLoggingCategory& category);
    // Takes the function Q_LOGGING_CATEGORY defines: Logger{lcTransport}.
    explicit Logger(CategoryFunction category);

    void debug(const QString& message, const LogFields& fields = {}) const;
    void info(const QString& message, const LogFields& fields = {}) const;
    void warn(const QString& message, const LogFields& fields = {}) const;
    void error(const QString& message, const LogFields& fields = {}) const;
    void log(LogLevel level, const QString& message, const LogFields& fields = {}) const;

    // Whether a message at this level passes the category's current rules (cheap; use it to skip
    // building expensive fields).
    bool isEnabled(LogLevel level) const;
    const QLoggingCategory& category() const { return *m_category; }
    QString component() const;

private:
    const QLoggingCategory* m_category;
};

} // namespace lethean::node
