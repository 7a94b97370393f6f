#include "node/log_sink.h"

#include "node/log_categories.h"

#include <QCoreApplication>
#include <QDir>
#include <QMutexLocker>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

// The installed sink, read by the message handler on every thread. A plain atomic pointer rather than
// instance(): it is constant-initialised and never destroyed, so a message logged during static
// destruction, after ~LogSink has run, finds null and goes to stderr instead of a dead object.
constinit std::atomic<LogSink*> s_active{nullptr};

// Fields a Logger hands to the handler on the same thread (see LogSink::FieldsScope).
constinit thread_local const LogFields* t_pendingFields = nullptr;

QString rotatedName(const QString& base, int index)
{
    return base + u'.' + QString::number(index);
}

} // namespace

LogSink::FieldsScope::FieldsScope(const LogFields& fields) : m_previous(t_pendingFields)
{
    t_pendingFields = &fields;
}

LogSink::FieldsScope::~FieldsScope()
{
    t_pendingFields = m_previous;
}

LogSink::LogSink()
{
    qRegisterMetaType<LogLine>();
    // Whichever thread first asks for the sink, it belongs with the application object, not with a
    // worker thread that may finish first.
    if (const QCoreApplication* app = QCoreApplication::instance(); app && thread() != app->thread())
        moveToThread(app->thread());
}

// Runs at exit. Uninstalling first means later messages (other statics' destructors) reach the previous
// handler, not this half-destroyed object; taking the lock waits for a line still being written.
LogSink::~LogSink()
{
    uninstall();
    const QMutexLocker lock(&m_mutex);
    m_file.close();
}

LogSink& LogSink::instance()
{
    static LogSink sink;
    return sink;
}

bool LogSink::isActive()
{
    return s_active.load(std::memory_order_acquire) != nullptr;
}

void LogSink::install()
{
    const QMutexLocker lock(&m_mutex);
    if (m_installed)
        return;
    // Published before the handler goes in, so the handler never sees itself installed without a sink.
    s_active.store(this, std::memory_order_release);
    m_previousHandler = qInstallMessageHandler(&LogSink::handleMessage);
    m_installed = true;
}

void LogSink::uninstall()
{
    const QMutexLocker lock(&m_mutex);
    if (!m_installed)
        return;
    const QtMessageHandler current = qInstallMessageHandler(m_previousHandler);
    // Someone installed a handler over ours: leave theirs in place (it may still chain to us, and
    // handleMessage copes with that by writing to stderr).
    if (current != &LogSink::handleMessage)
        qInstallMessageHandler(current);
    s_active.store(nullptr, std::memory_order_release);
    m_previousHandler = nullptr;
    m_installed = false;
}

bool LogSink::isInstalled() const
{
    const QMutexLocker lock(&m_mutex);
    return m_installed;
}

void LogSink::setStderrEnabled(bool enabled)
{
    const QMutexLocker lock(&m_mutex);
    m_stderr = enabled;
}

bool LogSink::isStderrEnabled() const
{
    const QMutexLocker lock(&m_mutex);
    return m_stderr;
}

Result<void, QString> LogSink::enableFile(const QString& dir, qint64 maxBytes, int keep)
{
    if (maxBytes <= 0 || keep < 0)
        return fail(u"LogSink.enableFile: invalid limits (maxBytes %1, keep %2)"_s.arg(maxBytes).arg(keep));
    if (!QDir().mkpath(dir))
        return fail(u"LogSink.enableFile: cannot create log directory %1"_s.arg(dir));
    const QMutexLocker lock(&m_mutex);
    m_file.close();
    m_file.setFileName(QDir(dir).filePath(u"lethean.log"_s));
    m_maxFileBytes = maxBytes;
    m_keepFiles = keep;
    if (!openFile())
        return fail(u"LogSink.enableFile: cannot open %1: %2"_s.arg(m_file.fileName(), m_file.errorString()));
    return {};
}

void LogSink::disableFile()
{
    const QMutexLocker lock(&m_mutex);
    m_file.close();
}

QString LogSink::filePath() const
{
    const QMutexLocker lock(&m_mutex);
    return m_file.isOpen() ? m_file.fileName() : QString();
}

void LogSink::setCapacity(int lines)
{
    const QMutexLocker lock(&m_mutex);
    m_capacity = std::max(lines, 0);
    trimRing();
}

int LogSink::capacity() const
{
    const QMutexLocker lock(&m_mutex);
    return m_capacity;
}

QList<LogLine> LogSink::recent(int max) const
{
    const QMutexLocker lock(&m_mutex);
    const auto size = static_cast<qsizetype>(m_ring.size());
    const qsizetype count = max < 0 ? size : std::min<qsizetype>(max, size);
    return QList<LogLine>(m_ring.end() - count, m_ring.end());
}

QList<LogLine> LogSink::recent(const LogFilter& filter, int max) const
{
    QList<LogLine> picked;
    const QMutexLocker lock(&m_mutex);
    for (auto it = m_ring.rbegin(); it != m_ring.rend() && (max < 0 || picked.size() < max); ++it) {
        if (filter.matches(*it))
            picked.append(*it);
    }
    std::reverse(picked.begin(), picked.end());
    return picked;
}

void LogSink::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_ring.clear();
}

void LogSink::setClock(Clock clock)
{
    const QMutexLocker lock(&m_mutex);
    m_clock = std::move(clock);
}

void LogSink::write(QtMsgType type, const char* category, const QString& message, const LogFields& fields)
{
    LogLine line;
    line.level = logLevelFromMsgType(type);
    line.component = componentForCategory(category);
    line.message = message;
    line.fields = fields;
    const QString body = formatLogBody(line.level, line.component, line.message, line.fields);
    {
        const QMutexLocker lock(&m_mutex);
        // Stamped under the lock so the ring buffer and the file are in timestamp order.
        line.timestamp = m_clock ? m_clock() : QDateTime::currentDateTime();
        line.text = formatLogTimestamp(line.timestamp) + body;
        const QByteArray bytes = (line.text + u'\n').toUtf8();
        if (m_stderr)
            writeStderr(bytes);
        if (m_file.isOpen())
            appendToFile(bytes);
        remember(line);
    }
    Q_EMIT lineLogged(line);
}

void LogSink::handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const LogFields* pending = std::exchange(t_pendingFields, nullptr);
    const LogFields none;
    const LogFields& fields = pending ? *pending : none;
    if (LogSink* sink = s_active.load(std::memory_order_acquire)) {
        sink->write(type, context.category, message, fields);
        return;
    }
    // Reached only when another handler chains to us after uninstall(): format, but keep nothing.
    const LogLevel level = logLevelFromMsgType(type);
    const QString text = formatLogTimestamp(QDateTime::currentDateTime()) +
                         formatLogBody(level, componentForCategory(context.category), message, fields);
    const QByteArray bytes = (text + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
}

void LogSink::writeStderr(const QByteArray& bytes) const
{
    // One fwrite per line: stderr is unbuffered, so the line reaches the terminal whole.
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
}

void LogSink::appendToFile(const QByteArray& bytes)
{
    if (m_fileSize > 0 && m_fileSize + bytes.size() > m_maxFileBytes)
        rotateFile();
    if (!m_file.isOpen())
        return;
    const qint64 written = m_file.write(bytes);
    if (written > 0)
        m_fileSize += written;
}

void LogSink::rotateFile()
{
    m_file.close();
    const QString base = m_file.fileName();
    if (m_keepFiles == 0) {
        QFile::remove(base);
    } else {
        QFile::remove(rotatedName(base, m_keepFiles));
        for (int i = m_keepFiles - 1; i >= 1; --i)
            QFile::rename(rotatedName(base, i), rotatedName(base, i + 1));
        QFile::rename(base, rotatedName(base, 1));
    }
    // If the new file cannot be opened, logging carries on without a file (stderr and the ring buffer);
    // reporting it here would recurse into the handler.
    openFile();
}

bool LogSink::openFile()
{
    // Unbuffered: each line is one write(2), so it is on disk before a fatal message aborts the process.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return false;
    m_fileSize = m_file.size();
    return true;
}

void LogSink::remember(const LogLine& line)
{
    if (m_capacity == 0)
        return;
    m_ring.push_back(line);
    trimRing();
}

void LogSink::trimRing()
{
    while (m_ring.size() > static_cast<std::size_t>(m_capacity))
        m_ring.pop_front();
}

} // namespace lethean::node
