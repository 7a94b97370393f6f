#include "node/log_level.h"

#include <QLoggingCategory>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace lethean::node {

QString toString(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return u"DEBUG"_s;
    case LogLevel::Info:
        return u"INFO"_s;
    case LogLevel::Warn:
        return u"WARN"_s;
    case LogLevel::Error:
        return u"ERROR"_s;
    }
    return u"UNKNOWN"_s;
}

Result<LogLevel, QString> parseLogLevel(QStringView text)
{
    const auto is = [text](QStringView name) {
        return text.compare(name, Qt::CaseInsensitive) == 0;
    };
    if (is(u"DEBUG"))
        return LogLevel::Debug;
    if (is(u"INFO"))
        return LogLevel::Info;
    if (is(u"WARN") || is(u"WARNING"))
        return LogLevel::Warn;
    if (is(u"ERROR"))
        return LogLevel::Error;
    return fail(u"logging.ParseLevel: unknown log level: "_s + text.toString());
}

LogLevel logLevelFromMsgType(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return LogLevel::Debug;
    case QtInfoMsg:
        return LogLevel::Info;
    case QtWarningMsg:
        return LogLevel::Warn;
    case QtCriticalMsg:
    case QtFatalMsg:
        return LogLevel::Error;
    }
    return LogLevel::Error;
}

QtMsgType msgTypeForLogLevel(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QtDebugMsg;
    case LogLevel::Info:
        return QtInfoMsg;
    case LogLevel::Warn:
        return QtWarningMsg;
    case LogLevel::Error:
        return QtCriticalMsg;
    }
    return QtCriticalMsg;
}

void applyLogLevel(LogLevel level)
{
    const auto rule = [level](const QString& qtLevel, LogLevel threshold) {
        const bool enabled = level <= threshold;
        return u"lethean.*."_s + qtLevel + (enabled ? u"=true"_s : u"=false"_s);
    };
    const QStringList rules{
        rule(u"debug"_s, LogLevel::Debug),
        rule(u"info"_s, LogLevel::Info),
        rule(u"warning"_s, LogLevel::Warn),
        rule(u"critical"_s, LogLevel::Error),
    };
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
}

} // namespace lethean::node
