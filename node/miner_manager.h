#pragma once

#include "node/mining_profile.h"
#include "node/payloads.h"
#include "ueps/result.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

namespace lethean::node {

// What a start or stop ended in.
struct MinerActionOutcome
{
    bool ok = false;
    QString minerName; // the miner started or stopped
    QString error;     // why not, for the reply and the user
};

// A slice of a miner's console output for get_logs.
struct MinerLogSlice
{
    QString minerName;
    QStringList lines; // oldest first
    bool hasMore = false;
};

// The worker's view of the miners on this rig (go-p2p's MinerManager): it never depends on a concrete
// miner. Lives on the node thread; every call returns at once (start and stop finish later, in their
// futures, because a process takes time to start and to stop).
class MinerManager
{
public:
    virtual ~MinerManager() = default;

    // Starts a miner for the profile (already validated by the caller). The future finishes when the miner
    // runs, or with the reason it cannot.
    virtual QFuture<MinerActionOutcome> startMiner(const MiningProfile& profile) = 0;
    // Stops it (gracefully, then forcibly after a grace period). An unknown name fails at once.
    virtual QFuture<MinerActionOutcome> stopMiner(const QString& minerName) = 0;
    // The latest stats of every miner (cached: never waits for a miner's API).
    virtual QList<MinerStatsItem> stats() const = 0;
    virtual QStringList minerNames() const = 0;
    // The last `lines` lines (all when <= 0) at or after sinceMs (Unix ms; 0: no filter).
    virtual Result<MinerLogSlice, QString> logs(const QString& minerName, int lines, qint64 sinceMs) const = 0;
};

} // namespace lethean::node
