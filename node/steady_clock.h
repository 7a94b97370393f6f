#pragma once

#include <chrono>
#include <functional>

namespace lethean::node {

// Monotonic time source for timers that must not jump with the wall clock (dedup TTL, token buckets).
// Injectable so tests can move time forward instead of sleeping.
using SteadyClock = std::function<std::chrono::steady_clock::time_point()>;

inline SteadyClock systemSteadyClock()
{
    return [] { return std::chrono::steady_clock::now(); };
}

} // namespace lethean::node
