#pragma once

#include <chrono>

namespace lethean::node {

// The controller's timeouts (WIRE.md §7.1: stats and logs 10 s, start and stop 30 s, ping 5 s). Each
// covers the whole request, connecting included, so a dead peer costs at most its own timeout.
struct ControllerConfig
{
    std::chrono::milliseconds statsTimeout{std::chrono::seconds(10)};
    std::chrono::milliseconds logsTimeout{std::chrono::seconds(10)};
    std::chrono::milliseconds minerTimeout{std::chrono::seconds(30)}; // start_miner, stop_miner
    std::chrono::milliseconds pingTimeout{std::chrono::seconds(5)};
    std::chrono::milliseconds deployTimeout{std::chrono::seconds(60)};
    // How long a finished request is remembered, to tell a late or duplicate reply from a stray one.
    std::chrono::milliseconds finishedMemory{std::chrono::minutes(5)};
};

} // namespace lethean::node
