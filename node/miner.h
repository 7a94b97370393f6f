#pragma once

#include "node/miner_log_buffer.h"
#include "node/miner_manager.h"
#include "node/mining_profile.h"
#include "node/payloads.h"

#include <QObject>
#include <QString>

namespace lethean::node {

// One miner the supervisor runs: an XMRig process or the simulated miner. Lives on the node thread.
// start() and stop() return at once and report by signal; stats() and logs() answer from what is
// cached, never waiting for the miner.
class Miner : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Starting, // launched, not yet known to be mining
        Running,
        Restarting, // after a crash or a watchdog event, waiting to start again
        Stopped,
        Failed // gave up (or could not start)
    };
    // The `state` strings of our stats: "starting", "running", "restarting", "stopped", "failed".
    static QString stateName(State state);

    Miner(QString name, MiningProfile profile, QObject* parent = nullptr);

    const QString& name() const { return m_name; }
    const MiningProfile& profile() const { return m_profile; }
    State state() const { return m_state; }
    // "xmrig" or "simulated": the stats' `type`.
    virtual QString type() const = 0;

    // Starts once: started() when it mines, or startFailed(reason). A second call does nothing.
    virtual void start() = 0;
    // Stops: stopped() follows exactly once, also when it was not running (then on the next turn of the
    // event loop).
    virtual void stop() = 0;

    virtual MinerStatsItem stats() const = 0;
    MinerLogSlice logs(int lines, qint64 sinceMs) const;
    const MinerLogBuffer& logBuffer() const { return m_log; }

Q_SIGNALS:
    void started();
    void startFailed(const QString& reason);
    void stopped();
    // The miner exited on its own; a restart follows unless gaveUp() comes next.
    void crashed(const QString& reason);
    // The watchdog restarted it (API silent, hashrate below the floor).
    void restarted(const QString& reason);
    void gaveUp(const QString& reason);
    void stateChanged(lethean::node::Miner::State state);
    // Stats or state changed (at most once per poll or tick).
    void statsChanged();

protected:
    void setState(State state);
    // A line of our own in the miner's log, shaped like XMRig's ("[date time]  supervisor text").
    void logEvent(const QString& text);
    MinerLogBuffer& log() { return m_log; }

private:
    QString m_name;
    MiningProfile m_profile;
    State m_state = State::Stopped;
    MinerLogBuffer m_log;
};

} // namespace lethean::node
