#pragma once

#include "node/steady_clock.h"

#include <QHash>
#include <QString>

#include <chrono>
#include <cstddef>
#include <deque>

namespace lethean::node {

// Drops messages whose ID was already seen from the same peer within the TTL (WIRE.md §5: 5 minutes).
//
// Differences from go-p2p, on purpose:
// - keyed by (authenticated peer ID, message ID), so one peer cannot pre-register IDs to suppress
//   another peer's messages;
// - memory is bounded: at most maxEntries IDs are remembered (default 50,000, about 8 MiB at worst);
//   when full, the oldest entry is forgotten first. Expiry is swept incrementally on every call from the
//   front of an insertion-ordered queue, so there is no periodic full scan;
// - check-and-mark is one operation (Go checks, then marks, and can let a racing duplicate through).
// Owned by the transport's thread; not thread-safe by design.
class MessageDeduplicator
{
public:
    static constexpr std::chrono::milliseconds kDefaultTtl{std::chrono::minutes(5)};
    static constexpr std::size_t kDefaultMaxEntries = 50'000;

    explicit MessageDeduplicator(std::chrono::milliseconds ttl = kDefaultTtl,
                                 std::size_t maxEntries = kDefaultMaxEntries,
                                 SteadyClock clock = systemSteadyClock());

    // True when (peer, id) is new: it is recorded and the message should be delivered. False for a
    // duplicate inside the TTL.
    bool markIfNew(const QString& peerId, const QString& messageId);

    bool contains(const QString& peerId, const QString& messageId) const;
    std::size_t size() const { return m_seen.size(); }
    std::size_t maxEntries() const { return m_maxEntries; }
    std::size_t evictedForSpace() const { return m_evictedForSpace; }

private:
    using TimePoint = std::chrono::steady_clock::time_point;
    struct Entry
    {
        QString key;
        TimePoint seenAt;
    };

    static QString keyFor(const QString& peerId, const QString& messageId);
    void expire(TimePoint now);

    std::chrono::milliseconds m_ttl;
    std::size_t m_maxEntries;
    SteadyClock m_clock;
    QHash<QString, TimePoint> m_seen;
    std::deque<Entry> m_order; // insertion order == expiry order, since the TTL is the same for all
    std::size_t m_evictedForSpace = 0;
};

} // namespace lethean::node
