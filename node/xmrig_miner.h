#pragma once

#include "node/miner.h"
#include "node/xmrig_api_client.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QProcess>
#include <QTimer>
#include <chrono>

namespace lethean::node {

// The supervisor of one XMRig process (shared/spec/XMRIG.md): writes its config (API on 127.0.0.1, a
// free port and a fresh token each launch), runs it with QProcess, keeps its console lines, polls its
// HTTP API for stats, and keeps it alive:
//   - an unexpected exit is a crash: restart after 1 s, 2 s, 4 s … (capped), and give up (state
//     "failed") after maxCrashes crashes within crashWindow;
//   - the watchdog restarts a miner whose API has been silent for apiDeadAfter, or whose 60 s hashrate
//     (once XMRig knows it) has stayed below hashrateFloor for lowHashrateFor;
//   - stop: SIGTERM, then SIGKILL after stopGrace. The event loop never blocks on the process, except in
//     the destructor, which kills it (SIGKILL is immediate) so that no miner outlives its supervisor;
//   - the child asks the kernel (PR_SET_PDEATHSIG) for SIGKILL when the thread that started it dies, so a
//     node killed with SIGKILL leaves no orphan either.
// Every supervisor event is a line in the miner's log and the `health` text of its stats.
class XmrigMiner : public Miner
{
    Q_OBJECT

public:
    struct Settings
    {
        QString binaryPath;
        QString workDir; // config.json is written here; XMRig runs here
        std::chrono::milliseconds pollInterval{2000};
        std::chrono::milliseconds apiTimeout{3000};
        // The start is reported when the API first answers, or after this long with XMRig still running.
        std::chrono::milliseconds startTimeout{15000};
        std::chrono::milliseconds stopGrace{10000};
        std::chrono::milliseconds restartDelay{1000}; // after the first crash; doubles per crash
        std::chrono::milliseconds restartDelayMax{60000};
        int maxCrashes = 5;
        std::chrono::milliseconds crashWindow{std::chrono::minutes(10)};
        std::chrono::milliseconds apiDeadAfter{60000};
        double hashrateFloor = 0; // H/s; 0: off
        std::chrono::milliseconds lowHashrateFor{std::chrono::minutes(5)};
        int printTime = 60;       // XMRig's print-time (s)
        int healthPrintTime = 60; // XMRig's health-print-time (s)
        int logCapacity = MinerLogBuffer::kDefaultCapacity;
    };

    XmrigMiner(QString name, MiningProfile profile, Settings settings, QObject* parent = nullptr);
    // Kills a running XMRig and waits for it (briefly: SIGKILL cannot be ignored).
    ~XmrigMiner() override;

    QString type() const override;
    void start() override;
    void stop() override;
    MinerStatsItem stats() const override;

    const Settings& settings() const { return m_settings; }
    QString configFile() const;
    // The running process's PID, 0 when none.
    qint64 processId() const;
    int restarts() const { return m_restarts; }
    QString health() const { return m_health; }

private:
    enum class OnExit
    {
        Crash,          // nobody asked it to exit
        Stop,           // stop(): report stopped
        WatchdogRestart // launch again at once
    };

    void launch();
    void stopProcess();
    void onOutput();
    void flushPartialLine();
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void handleExit(const QString& how);
    void handleCrash(const QString& reason);
    void reportStarted();
    void reportStartFailed(const QString& reason);
    void poll();
    void checkWatchdog();
    void watchdogRestart(const QString& reason);
    void resetApiState();
    void updatePollInterval();
    void killNow();
    qint64 now() const { return m_clock.elapsed(); }
    std::chrono::milliseconds backoffDelay(int crashesInWindow) const;
    QString lastLines(int count) const;

    Settings m_settings;
    XmrigApiClient m_api;
    QPointer<QProcess> m_process;
    QTimer m_pollTimer;
    QTimer m_killTimer;
    QTimer m_restartTimer;
    QTimer m_startTimer;
    QElapsedTimer m_clock;

    OnExit m_onExit = OnExit::Crash;
    bool m_startCalled = false;
    bool m_startReported = false; // started() or startFailed() was emitted
    bool m_stopRequested = false;
    QList<qint64> m_crashTimes; // steady ms, within crashWindow
    int m_restarts = 0;
    QString m_health;
    QByteArray m_partialLine;

    qint64 m_launchedAt = 0;
    qint64 m_launchedAtWallMs = 0;
    qint64 m_lastApiOkAt = -1;
    qint64 m_lowHashrateSince = -1;
    int m_pollsInFlight = 0;
    bool m_haveSummary = false;
    XmrigSummary m_summary;
    XmrigBackends m_backends;
};

} // namespace lethean::node
