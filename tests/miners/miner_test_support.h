#pragma once

// Shared by the miner suites: a valid profile, supervisor timings short enough for tests, and the fake
// XMRig's environment (inherited by every process the supervisor starts, so it never knows).

#include "node/mining_profile.h"
#include "node/xmrig_miner.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <cerrno>
#include <csignal>
#include <utility>

namespace lethean::node::test {

using namespace std::chrono_literals;

inline MiningProfile testProfile(const QString& name = QStringLiteral("main"),
                                 const QString& type = QStringLiteral("xmrig"))
{
    MiningProfile profile;
    profile.name = name;
    profile.minerType = type;
    profile.pool = QStringLiteral("stratum+tcp://pool.example.org:3333");
    profile.wallet = QStringLiteral("iz5wallet");
    profile.workerName = QStringLiteral("rig-1");
    profile.threads = 3;
    profile.donateLevel = 1;
    profile.extraArgs = {QStringLiteral("--cpu-priority=2")};
    return profile;
}

// Timings for tests: polls every 100 ms, restarts within a second. The watchdog's API limit is long
// unless a test is about it, so a loaded machine cannot trip it.
inline XmrigMiner::Settings fastXmrigSettings(const QString& workDir = {})
{
    XmrigMiner::Settings settings;
    settings.binaryPath = QStringLiteral(FAKE_XMRIG_BIN);
    settings.workDir = workDir;
    settings.pollInterval = 100ms;
    settings.apiTimeout = 1000ms;
    settings.startTimeout = 10000ms;
    settings.stopGrace = 2000ms;
    settings.restartDelay = 100ms;
    settings.restartDelayMax = 400ms;
    settings.maxCrashes = 5;
    settings.crashWindow = 60000ms;
    settings.apiDeadAfter = 20000ms;
    settings.lowHashrateFor = 1000ms;
    settings.printTime = 1;
    settings.healthPrintTime = 0;
    return settings;
}

// Sets FAKE_XMRIG_* variables for one test and removes them again.
class FakeXmrigEnvironment
{
public:
    FakeXmrigEnvironment() = default;
    FakeXmrigEnvironment(const FakeXmrigEnvironment&) = delete;
    FakeXmrigEnvironment& operator=(const FakeXmrigEnvironment&) = delete;
    ~FakeXmrigEnvironment() { clear(); }

    void set(const char* name, const QByteArray& value)
    {
        qputenv(name, value);
        m_names.append(name);
    }
    void clear()
    {
        for (const QByteArray& name : std::as_const(m_names))
            qunsetenv(name.constData());
        m_names.clear();
    }

private:
    QList<QByteArray> m_names;
};

// Whether a process is gone: no such PID, or a zombie nobody has reaped yet (the container's PID 1 may
// never reap orphans; a zombie runs no code).
inline bool processGone(qint64 pid)
{
    if (pid <= 0)
        return true;
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return true;
    QFile status(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return true;
    const QByteArray stat = status.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return close > 0 && close + 2 < stat.size() && (stat.at(close + 2) == 'Z' || stat.at(close + 2) == 'X');
}

inline qint64 readPidFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toLongLong();
}

} // namespace lethean::node::test
