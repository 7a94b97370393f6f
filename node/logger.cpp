#include "node/logger.h"

#include "node/log_categories.h"
#include "node/log_sink.h"

#include <QtGlobal>

namespace lethean::node {

Logger::Logger(const QLoggingCategory& category) : m_category(&category) {}

Logger::Logger(CategoryFunction category) : Logger(category()) {}

void Logger::debug(const QString& message, const LogFields& fields) const
{
    log(LogLevel::Debug, message, fields);
}

void Logger::info(const QString& message, const LogFields& fields) const
{
    log(LogLevel::Info, message, fields);
}

void Logger::warn(const QString& message, const LogFields& fields) const
{
    log(LogLevel::Warn, message, fields);
}

void Logger::error(const QString& message, const LogFields& fields) const
{
    log(LogLevel::Error, message, fields);
}

void Logger::log(LogLevel level, const QString& message, const LogFields& fields) const
{
    const QtMsgType type = msgTypeForLogLevel(level);
    if (!m_category->isEnabled(type))
        return;
    const QMessageLogContext context(nullptr, 0, nullptr, m_category->categoryName());
    if (fields.isEmpty()) {
        qt_message_output(type, context, message);
        return;
    }
    // Qt's handler only carries text. With our sink in place the fields travel beside the message (a
    // thread-local the handler picks up on this same thread) and stay structured in the ring buffer;
    // under any other handler they are appended to the text so that they are not lost.
    if (!LogSink::isActive()) {
        qt_message_output(type, context, message + formatLogFields(fields));
        return;
    }
    const LogSink::FieldsScope scope(fields);
    qt_message_output(type, context, message);
}

bool Logger::isEnabled(LogLevel level) const
{
    return m_category->isEnabled(msgTypeForLogLevel(level));
}

QString Logger::component() const
{
    return componentForCategory(m_category->categoryName());
}

} // namespace lethean::node
