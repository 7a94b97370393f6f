#pragma once

#include "node/miner.h"
#include "node/miner_manager.h"
#include "node/simulated_miner.h"
#include "node/xmrig_miner.h"

#include <QFuture>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <optional>

namespace lethean::node {

// The concrete MinerManager: owns this rig's miners by name, makes an XmrigMiner or a SimulatedMiner
// for a profile (every miner is simulated in demo mode), reports their events by signal, and keeps
// mining without the controller: the profile last started is remembered (miners/.last-profile.json,
// removed when the user stops that miner) and resumeLastProfile() starts it again after a restart.
// Lives on the node thread. Destroying it kills every XMRig it runs (see XmrigMiner); stopAll() is the
// clean way out.
class MinerSupervisor : public QObject, public MinerManager
{
    Q_OBJECT

public:
    struct Settings
    {
        QString xmrigPath;     // the XMRig executable
        bool demoMode = false; // every miner is simulated, whatever its profile says
        QString minersDir;     // DataPaths::minersDir(): <minersDir>/<name>/config.json
        bool resumeLastProfile = true;
        // Timings and watchdog of each XMRig (binaryPath and workDir are filled in per miner).
        XmrigMiner::Settings xmrig;
        SimulatedMiner::Settings simulated;
    };

    explicit MinerSupervisor(Settings settings, QObject* parent = nullptr);
    ~MinerSupervisor() override;

    const Settings& settings() const { return m_settings; }

    // MinerManager. A name is the profile's, or "<type>-N" for a profile without one; a name that is
    // running is refused. A failed miner of that name is replaced.
    QFuture<MinerActionOutcome> startMiner(const MiningProfile& profile) override;
    QFuture<MinerActionOutcome> stopMiner(const QString& minerName) override;
    QList<MinerStatsItem> stats() const override; // sorted by name
    QStringList minerNames() const override;      // sorted
    Result<MinerLogSlice, QString> logs(const QString& minerName, int lines, qint64 sinceMs) const override;

    // Whether the XMRig binary can be run; the error says what to do about it.
    Result<void, QString> checkXmrigBinary() const;

    // Stops every miner (SIGTERM, then SIGKILL after the grace period); finishes when all have exited.
    // The remembered profile is kept, so the next start resumes it.
    QFuture<void> stopAll();

    // The remembered profile, if any (and readable).
    std::optional<MiningProfile> lastProfile() const;
    QString lastProfileFile() const;
    // Starts the remembered profile when the setting is on and there is one; else finishes at once with
    // ok = false and the reason.
    QFuture<MinerActionOutcome> resumeLastProfile();

    // The miner object, for tests and the GUI's details view; nullptr when unknown.
    Miner* miner(const QString& name) const;

Q_SIGNALS:
    void minerStarted(const QString& name);
    void minerStopped(const QString& name);
    void minerCrashed(const QString& name, const QString& reason);
    void minerRestarted(const QString& name, const QString& reason); // by the watchdog
    void minerGaveUp(const QString& name, const QString& reason);
    void statsChanged(const QString& name);

private:
    Result<QString, QString> nameFor(const MiningProfile& profile) const;
    Miner* createMiner(const QString& name, const MiningProfile& profile);
    void forget(const QString& name);
    void rememberProfile(const MiningProfile& profile);
    void forgetRememberedProfile(const QString& minerName);

    Settings m_settings;
    QMap<QString, QPointer<Miner>> m_miners;
};

} // namespace lethean::node
