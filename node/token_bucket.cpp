#include "node/token_bucket.h"

#include <algorithm>
#include <utility>

namespace lethean::node {

TokenBucket::TokenBucket(double capacity, double refillPerSecond, SteadyClock clock)
    : m_capacity(capacity), m_refillPerSecond(refillPerSecond), m_tokens(capacity), m_clock(std::move(clock)),
      m_lastRefill(m_clock())
{
}

bool TokenBucket::tryTake()
{
    refill();
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

double TokenBucket::available()
{
    refill();
    return m_tokens;
}

void TokenBucket::refill()
{
    const auto now = m_clock();
    const std::chrono::duration<double> elapsed = now - m_lastRefill;
    if (elapsed.count() <= 0.0)
        return;
    m_tokens = std::min(m_capacity, m_tokens + elapsed.count() * m_refillPerSecond);
    m_lastRefill = now;
}

} // namespace lethean::node
