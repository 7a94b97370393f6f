#pragma once

#include "node/steady_clock.h"

#include <chrono>

namespace lethean::node {

// Per-peer rate limit (WIRE.md §5: capacity 100, 50 tokens a second, starts full). Unlike go-p2p, the
// refill is continuous: Go adds floor(seconds) × 50 and loses the fraction whenever a call comes less
// than a second after the last refill, so a steady 49 msg/s sender can be starved. Owned by one
// connection on the transport's thread.
class TokenBucket
{
public:
    static constexpr double kDefaultCapacity = 100.0;
    static constexpr double kDefaultRefillPerSecond = 50.0;

    explicit TokenBucket(double capacity = kDefaultCapacity, double refillPerSecond = kDefaultRefillPerSecond,
                         SteadyClock clock = systemSteadyClock());

    // Takes one token; false when the bucket is empty (the frame is to be dropped).
    bool tryTake();
    double available();

private:
    void refill();

    double m_capacity;
    double m_refillPerSecond;
    double m_tokens;
    SteadyClock m_clock;
    std::chrono::steady_clock::time_point m_lastRefill;
};

} // namespace lethean::node
