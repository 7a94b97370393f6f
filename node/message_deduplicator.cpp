#include "node/message_deduplicator.h"

#include <utility>

namespace lethean::node {

MessageDeduplicator::MessageDeduplicator(std::chrono::milliseconds ttl, std::size_t maxEntries,
                                         SteadyClock clock)
    : m_ttl(ttl), m_maxEntries(maxEntries == 0 ? 1 : maxEntries), m_clock(std::move(clock))
{
}

QString MessageDeduplicator::keyFor(const QString& peerId, const QString& messageId)
{
    // A NUL cannot occur in a peer ID (hex), so the key is unambiguous.
    return peerId + QChar(u'\0') + messageId;
}

bool MessageDeduplicator::markIfNew(const QString& peerId, const QString& messageId)
{
    const TimePoint now = m_clock();
    expire(now);
    QString key = keyFor(peerId, messageId);
    if (m_seen.contains(key))
        return false;
    if (m_seen.size() >= static_cast<qsizetype>(m_maxEntries)) {
        m_seen.remove(m_order.front().key);
        m_order.pop_front();
        ++m_evictedForSpace;
    }
    m_seen.insert(key, now);
    m_order.push_back({std::move(key), now});
    return true;
}

bool MessageDeduplicator::contains(const QString& peerId, const QString& messageId) const
{
    const auto it = m_seen.constFind(keyFor(peerId, messageId));
    return it != m_seen.cend() && m_clock() - it.value() < m_ttl;
}

void MessageDeduplicator::expire(TimePoint now)
{
    while (!m_order.empty() && now - m_order.front().seenAt >= m_ttl) {
        m_seen.remove(m_order.front().key);
        m_order.pop_front();
    }
}

} // namespace lethean::node
