#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace lethean::node {

// A miner's recent console output: a bounded ring of lines, each stamped with the time it was received
// (Unix ms), so get_logs can ask for "the last N lines since T" (WIRE.md §7.2). The oldest line is
// dropped when the ring is full: a chatty miner never grows the node's memory.
//
// A value type used on one thread (the miner's owner); it takes no lock.
class MinerLogBuffer
{
public:
    static constexpr int kDefaultCapacity = 10000;
    // get_logs answers at most this many lines; asking for fewer than 1 or more means this many.
    static constexpr int kMaxSliceLines = 10000;
    // A longer line is cut (and marked with "…"): one runaway line must not fill a reply.
    static constexpr int kMaxLineLength = 4096;

    struct Slice
    {
        QStringList lines; // oldest first
        bool hasMore = false;
    };

    explicit MinerLogBuffer(int capacity = kDefaultCapacity);

    // Adds one line without its newline. Control characters (colour escapes included) are removed.
    void append(const QString& line, qint64 receivedAtMs);
    // Stamped with the current time.
    void append(const QString& line);

    // The last `lines` lines received at or after sinceMs (0 or less: no filter). lines <= 0 or above
    // kMaxSliceLines means kMaxSliceLines. hasMore as go-p2p's worker sets it: the slice is full
    // (result size >= lines), so there may be more.
    Slice slice(int lines, qint64 sinceMs) const;

    int size() const { return m_count; }
    int capacity() const { return int(m_entries.size()); }
    // Lines dropped because the ring was full, since construction.
    qint64 droppedLines() const { return m_dropped; }
    void clear();

    // The line as stored: control characters and ANSI escape sequences removed, cut at kMaxLineLength.
    static QString sanitize(const QString& line);

private:
    struct Entry
    {
        qint64 receivedAtMs = 0;
        QString line;
    };

    const Entry& at(int index) const; // 0 = oldest

    std::vector<Entry> m_entries;
    int m_head = 0; // index of the oldest entry
    int m_count = 0;
    qint64 m_dropped = 0;
};

} // namespace lethean::node
