#pragma once

// The process-wide destination of every log message: Qt's message handler formats each one into the
// spec's line (WIRE.md §11) and writes it to stderr, optionally to a size-capped rotating file, and into
// an in-memory ring buffer that log views and get_logs replies read.
//
//   LogSink::instance().install();
//   applyLogLevel(level);                               // from --log-level
//   if (auto r = LogSink::instance().enableFile(paths.logDir()); !r) …
//
// Threads: messages arrive on whatever thread logs; the sink serialises them (see m_mutex). Its
// settings (install, enableFile, setCapacity …) may be called from any thread too.

#include "node/log_line.h"
#include "ueps/result.h"

#include <QDateTime>
#include <QFile>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <deque>
#include <functional>

namespace lethean::node {

class LogSink : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kDefaultMaxFileBytes = 5 * 1024 * 1024;
    static constexpr int kDefaultKeepFiles = 3;
    static constexpr int kDefaultCapacity = 2000;
    using Clock = std::function<QDateTime()>;

    // Created on first use; destroyed at exit, when it uninstalls itself first (see ~LogSink).
    static LogSink& instance();
    // True while a sink is installed as Qt's message handler. Safe at any time, even during exit.
    static bool isActive();

    // Installs the message handler, remembering the previous one; uninstall() puts that one back.
    void install();
    void uninstall();
    bool isInstalled() const;

    // stderr output is on by default; tests switch it off to keep their output readable.
    void setStderrEnabled(bool enabled);
    bool isStderrEnabled() const;

    // Appends to <dir>/lethean.log (creating dir). Before a line would take the file past maxBytes it
    // is rotated: lethean.log → lethean.log.1 → … → lethean.log.<keep>, the oldest dropped; a line is
    // never split. keep 0 keeps no old file.
    Result<void, QString> enableFile(const QString& dir, qint64 maxBytes = kDefaultMaxFileBytes,
                                     int keep = kDefaultKeepFiles);
    void disableFile();
    QString filePath() const; // empty when no file is open

    // How many recent lines the ring buffer keeps (default 2,000); shrinking drops the oldest.
    void setCapacity(int lines);
    int capacity() const;
    // The newest lines, oldest first: all of them when max < 0, else the last max.
    QList<LogLine> recent(int max = -1) const;
    QList<LogLine> recent(const LogFilter& filter, int max = -1) const;
    void clear();

    // The time source for timestamps (tests pin it); an empty Clock restores the system clock.
    void setClock(Clock clock);

    // Hands a Logger's fields to the handler that Qt calls, synchronously, on this same thread: Qt's
    // handler signature has room for text only. The innermost scope wins and the handler consumes the
    // fields, so a message that the same thread logs from inside the handler cannot pick them up.
    class FieldsScope
    {
    public:
        explicit FieldsScope(const LogFields& fields);
        ~FieldsScope();
        FieldsScope(const FieldsScope&) = delete;
        FieldsScope& operator=(const FieldsScope&) = delete;

    private:
        const LogFields* m_previous;
    };

Q_SIGNALS:
    // One per recorded line, emitted on the logging thread after the sink's lock is released; receivers
    // on other threads get it queued (the type is a registered metatype). A directly connected receiver
    // runs inside Qt's message handler: what it logs itself Qt prints straight to stderr, unrecorded.
    void lineLogged(const lethean::node::LogLine& line);

private:
    LogSink();
    ~LogSink() override;

    static void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message);
    // Formats and records one message. Reached only through handleMessage, inside Qt's per-thread
    // recursion guard: a message raised while m_mutex is held (a Qt warning from the file code) is
    // printed by Qt directly instead of coming back here and deadlocking on the lock.
    void write(QtMsgType type, const char* category, const QString& message, const LogFields& fields);

    // The helpers below run with m_mutex held.
    void writeStderr(const QByteArray& bytes) const;
    void appendToFile(const QByteArray& bytes);
    void rotateFile();
    bool openFile();
    void remember(const LogLine& line);
    void trimRing();

    // The one place where many threads meet: every thread that logs ends up in write(), so the ring
    // buffer, the file (its size count and rotation) and the settings below are guarded by this
    // mutex. Each line is formatted before the lock is taken and the signal is emitted after it is
    // released, so the critical section is only the appends.
    mutable QMutex m_mutex;
    std::deque<LogLine> m_ring;
    int m_capacity = kDefaultCapacity;
    QFile m_file;
    qint64 m_fileSize = 0;
    qint64 m_maxFileBytes = kDefaultMaxFileBytes;
    int m_keepFiles = kDefaultKeepFiles;
    bool m_stderr = true;
    Clock m_clock;
    QtMessageHandler m_previousHandler = nullptr;
    bool m_installed = false;
};

} // namespace lethean::node
