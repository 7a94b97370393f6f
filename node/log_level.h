#pragma once

// Log levels of the spec (WIRE.md §11), their mapping to Qt message types, and the command-line
// switch that sets the threshold of every lethean.* category.

#include "ueps/result.h"

#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace lethean::node {

// Ordered by severity, as in Go (DEBUG=0 … ERROR=3): a message is shown when its level >= the threshold.
enum class LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
};

// "DEBUG", "INFO", "WARN", "ERROR"; a value outside the enum (a bad cast) gives "UNKNOWN" as Go does.
QString toString(LogLevel level);

// Case-insensitive DEBUG | INFO | WARN | WARNING | ERROR. Anything else is an error with Go's text
// "logging.ParseLevel: unknown log level: <s>" (Go also returns INFO then; callers pick their fallback).
Result<LogLevel, QString> parseLogLevel(QStringView text);

// QtDebugMsg → Debug, QtInfoMsg → Info, QtWarningMsg → Warn, QtCriticalMsg and QtFatalMsg → Error.
LogLevel logLevelFromMsgType(QtMsgType type);
// The Qt message type a level is written as (Error → QtCriticalMsg: never fatal).
QtMsgType msgTypeForLogLevel(LogLevel level);

// Sets the threshold of every lethean.* category through QLoggingCategory::setFilterRules(): with WARN,
// "lethean.*.debug=false" and "lethean.*.info=false". It owns the API rule set, so other callers of
// setFilterRules() would be overwritten. Qt applies rule sources in this order, later ones winning:
// qtlogging.ini files, QT_LOGGING_CONF, setFilterRules(), then the QT_LOGGING_RULES environment
// variable. So QT_LOGGING_RULES beats this function, which is what we want: --log-level sets the broad
// threshold, QT_LOGGING_RULES fine-tunes it ("lethean.transport.debug=true" to trace one component).
void applyLogLevel(LogLevel level);

} // namespace lethean::node
