#include "node/miner_log_buffer.h"

#include <QDateTime>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace lethean::node {

MinerLogBuffer::MinerLogBuffer(int capacity) : m_entries(std::size_t(std::max(capacity, 1))) {}

void MinerLogBuffer::append(const QString& line)
{
    append(line, QDateTime::currentMSecsSinceEpoch());
}

void MinerLogBuffer::append(const QString& line, qint64 receivedAtMs)
{
    const int cap = capacity();
    const int slot = (m_head + m_count) % cap;
    m_entries[std::size_t(slot)] = Entry{receivedAtMs, sanitize(line)};
    if (m_count < cap) {
        ++m_count;
    } else {
        m_head = (m_head + 1) % cap;
        ++m_dropped;
    }
}

const MinerLogBuffer::Entry& MinerLogBuffer::at(int index) const
{
    return m_entries[std::size_t((m_head + index) % capacity())];
}

MinerLogBuffer::Slice MinerLogBuffer::slice(int lines, qint64 sinceMs) const
{
    if (lines <= 0 || lines > kMaxSliceLines)
        lines = kMaxSliceLines;
    // Newest first, then reversed. Timestamps come from the wall clock, which may step back, so every
    // line is tested rather than stopping at the first one before sinceMs.
    QStringList newestFirst;
    for (int i = m_count - 1; i >= 0 && newestFirst.size() < lines; --i) {
        const Entry& entry = at(i);
        if (sinceMs <= 0 || entry.receivedAtMs >= sinceMs)
            newestFirst.append(entry.line);
    }
    Slice result;
    result.lines.reserve(newestFirst.size());
    for (auto it = newestFirst.crbegin(); it != newestFirst.crend(); ++it)
        result.lines.append(*it);
    result.hasMore = result.lines.size() >= lines;
    return result;
}

void MinerLogBuffer::clear()
{
    std::fill(m_entries.begin(), m_entries.end(), Entry{});
    m_head = 0;
    m_count = 0;
}

QString MinerLogBuffer::sanitize(const QString& line)
{
    QString out;
    out.reserve(std::min<qsizetype>(line.size(), kMaxLineLength + 1));
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\x1b') {
            // ESC [ parameters final-byte (CSI, XMRig's colours); any other escape drops ESC and the
            // next character.
            if (i + 1 < line.size() && line.at(i + 1) == u'[') {
                i += 2;
                while (i < line.size() && !(line.at(i).unicode() >= 0x40 && line.at(i).unicode() <= 0x7e))
                    ++i;
            } else {
                ++i;
            }
            continue;
        }
        if (c == u'\t') {
            out.append(u' ');
            continue;
        }
        if (c.category() == QChar::Other_Control)
            continue;
        if (out.size() >= kMaxLineLength) {
            out.append(u'…');
            break;
        }
        out.append(c);
    }
    return out;
}

} // namespace lethean::node
