#include "node/xmrig_miner.h"

#include "node/log_categories.h"
#include "node/logger.h"
#include "node/xmrig_config.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <algorithm>
#include <cmath>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

// A line longer than this without a newline is logged as it is: a miner that never ends a line must
// not grow our memory.
constexpr qsizetype kMaxPartialLine = 64 * 1024;
// While starting, the API is asked this often, so that the start is reported soon after XMRig is up.
constexpr std::chrono::milliseconds kStartingPollInterval{250};

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms % 1000 == 0 ? 0 : 1);
}

Logger logger()
{
    return Logger(lcMiner());
}

} // namespace

XmrigMiner::XmrigMiner(QString name, MiningProfile profile, Settings settings, QObject* parent)
    : Miner(std::move(name), std::move(profile), parent), m_settings(std::move(settings))
{
    m_clock.start();
    m_api.setTimeout(m_settings.apiTimeout);
    m_killTimer.setSingleShot(true);
    m_restartTimer.setSingleShot(true);
    m_startTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &XmrigMiner::poll);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        logEvent(tr("XMRig did not exit within %1 s of SIGTERM; sending SIGKILL")
                     .arg(seconds(m_settings.stopGrace.count())));
        killNow();
    });
    connect(&m_restartTimer, &QTimer::timeout, this, [this] {
        ++m_restarts;
        launch();
    });
    connect(&m_startTimer, &QTimer::timeout, this, [this] {
        // XMRig runs but its API has not answered: report the start anyway; the watchdog takes it from here.
        if (m_process && m_process->state() == QProcess::Running && !m_startReported) {
            logEvent(tr("the API has not answered yet; counting XMRig as started"));
            setState(State::Running);
            reportStarted();
        }
    });
}

XmrigMiner::~XmrigMiner()
{
    m_api.setEndpoint(0, {}); // late API answers are dropped
    if (m_process && m_process->state() != QProcess::NotRunning) {
        disconnect(m_process, nullptr, this, nullptr);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

QString XmrigMiner::type() const
{
    return u"xmrig"_s;
}

QString XmrigMiner::configFile() const
{
    return QDir(m_settings.workDir).filePath(u"config.json"_s);
}

qint64 XmrigMiner::processId() const
{
    return m_process && m_process->state() == QProcess::Running ? m_process->processId() : 0;
}

void XmrigMiner::start()
{
    if (m_startCalled)
        return;
    m_startCalled = true;
    launch();
}

void XmrigMiner::launch()
{
    resetApiState();
    m_onExit = OnExit::Crash;
    setState(State::Starting);

    const auto port = XmrigConfig::findFreeLoopbackPort();
    if (!port)
        return handleExit(port.error());
    const QString token = XmrigConfig::generateAccessToken();
    XmrigConfig config(profile(), port.value(), token);
    config.setPrintTime(m_settings.printTime);
    config.setHealthPrintTime(m_settings.healthPrintTime);
    if (const auto written = config.writeTo(configFile()); !written)
        return handleExit(written.error());
    m_api.setEndpoint(port.value(), token);

    if (m_process)
        m_process->deleteLater(); // the previous run's, already finished
    auto* process = new QProcess(this);
    m_process = process;
    process->setProgram(m_settings.binaryPath);
    process->setArguments(QStringList{u"--config=%1"_s.arg(configFile()), u"--no-color"_s} +
                          profile().extraArgs);
    process->setWorkingDirectory(m_settings.workDir);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    const pid_t supervisor = ::getpid();
    process->setChildProcessModifier([supervisor] {
        // In the child, before exec (async-signal-safe calls only). SIGKILL: a hung miner must go too.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The supervisor may have died before prctl: then nobody would ever send the signal.
        if (::getppid() != supervisor)
            ::_exit(127);
    });
    connect(process, &QProcess::readyReadStandardOutput, this, [this, process] {
        if (process == m_process)
            onOutput();
    });
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
        if (process == m_process)
            onProcessFinished(code, status);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (process == m_process)
            onProcessError(error);
    });

    m_launchedAt = now();
    m_launchedAtWallMs = QDateTime::currentMSecsSinceEpoch();
    logEvent(tr("starting %1 (API on 127.0.0.1:%2)").arg(m_settings.binaryPath).arg(port.value()));
    logger().info(u"starting XMRig"_s,
                  {{u"miner"_s, name()}, {u"binary"_s, m_settings.binaryPath}, {u"apiPort"_s, port.value()}});
    process->start();
    updatePollInterval();
    m_pollTimer.start();
    if (!m_startReported)
        m_startTimer.start(m_settings.startTimeout);
}

void XmrigMiner::stop()
{
    if (m_stopRequested)
        return;
    m_stopRequested = true;
    m_restartTimer.stop();
    m_startTimer.stop();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        logEvent(tr("stopping XMRig"));
        m_onExit = OnExit::Stop;
        stopProcess();
        return;
    }
    // Nothing runs (never started, waiting to restart, or failed): stopped at once, reported on the next
    // turn of the event loop as the contract says.
    m_pollTimer.stop();
    setState(State::Stopped);
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_startReported)
                reportStartFailed(tr("the miner was stopped before it started"));
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
}

void XmrigMiner::stopProcess()
{
    m_pollTimer.stop();
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    m_killTimer.start(m_settings.stopGrace);
}

void XmrigMiner::killNow()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->kill();
}

void XmrigMiner::onOutput()
{
    m_partialLine += m_process->readAllStandardOutput();
    qsizetype start = 0;
    for (qsizetype newline = m_partialLine.indexOf('\n'); newline >= 0;
         newline = m_partialLine.indexOf('\n', start)) {
        QByteArrayView line = QByteArrayView(m_partialLine).sliced(start, newline - start);
        if (line.endsWith('\r'))
            line.chop(1);
        log().append(QString::fromUtf8(line));
        start = newline + 1;
    }
    m_partialLine.remove(0, start);
    if (m_partialLine.size() > kMaxPartialLine)
        flushPartialLine();
}

void XmrigMiner::flushPartialLine()
{
    if (m_partialLine.isEmpty())
        return;
    log().append(QString::fromUtf8(m_partialLine));
    m_partialLine.clear();
}

void XmrigMiner::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    onOutput();
    flushPartialLine();
    const QString how = status == QProcess::CrashExit ? tr("XMRig was killed by a signal")
                                                      : tr("XMRig exited with code %1").arg(exitCode);
    handleExit(how);
}

void XmrigMiner::onProcessError(QProcess::ProcessError error)
{
    // Only a failed start has no finished() to follow.
    if (error != QProcess::FailedToStart)
        return;
    handleExit(tr("cannot run %1: %2").arg(m_settings.binaryPath, m_process->errorString()));
}

void XmrigMiner::handleExit(const QString& how)
{
    m_killTimer.stop();
    m_pollTimer.stop();
    m_startTimer.stop();
    const OnExit onExit = m_onExit;
    m_onExit = OnExit::Crash;
    switch (onExit) {
    case OnExit::Stop:
        logEvent(tr("stopped (%1)").arg(how));
        logger().info(u"XMRig stopped"_s, {{u"miner"_s, name()}});
        setState(State::Stopped);
        if (!m_startReported)
            reportStartFailed(tr("the miner was stopped before it started"));
        Q_EMIT stopped();
        return;
    case OnExit::WatchdogRestart:
        ++m_restarts;
        launch();
        return;
    case OnExit::Crash:
        break;
    }
    if (!m_startReported) {
        // It never ran: a wrong path, a config XMRig refuses, a pool it cannot parse. Restarting would
        // only repeat it; say why, with XMRig's last words.
        const QString last = lastLines(3);
        const QString reason = last.isEmpty() ? how : tr("%1: %2").arg(how, last);
        logEvent(tr("start failed: %1").arg(reason));
        setState(State::Failed);
        m_health = tr("start failed: %1").arg(how);
        reportStartFailed(reason);
        return;
    }
    handleCrash(how);
}

void XmrigMiner::handleCrash(const QString& reason)
{
    const qint64 at = now();
    m_crashTimes.append(at);
    m_crashTimes.removeIf([&](qint64 time) { return at - time > m_settings.crashWindow.count(); });
    const int crashes = int(m_crashTimes.size());
    logger().warn(u"XMRig crashed"_s, {{u"miner"_s, name()}, {u"reason"_s, reason}, {u"crashes"_s, crashes}});
    if (crashes >= m_settings.maxCrashes) {
        const QString why =
            tr("gave up after %1 crashes within %2 min; last: %3")
                .arg(crashes)
                .arg(QString::number(double(m_settings.crashWindow.count()) / 60000.0, 'g', 3))
                .arg(reason);
        m_health = why;
        logEvent(why);
        logger().error(u"gave up restarting XMRig"_s, {{u"miner"_s, name()}, {u"reason"_s, why}});
        setState(State::Failed);
        Q_EMIT crashed(reason);
        Q_EMIT gaveUp(why);
        return;
    }
    const std::chrono::milliseconds delay = backoffDelay(crashes);
    m_health = tr("crashed (%1); restarting in %2 s").arg(reason, seconds(delay.count()));
    logEvent(m_health);
    setState(State::Restarting);
    Q_EMIT crashed(reason);
    m_restartTimer.start(delay);
}

std::chrono::milliseconds XmrigMiner::backoffDelay(int crashesInWindow) const
{
    const qint64 base = std::max<qint64>(m_settings.restartDelay.count(), 1);
    const qint64 cap = std::max<qint64>(m_settings.restartDelayMax.count(), base);
    qint64 delay = base;
    for (int i = 1; i < crashesInWindow && delay < cap; ++i)
        delay *= 2;
    return std::chrono::milliseconds(std::min(delay, cap));
}

void XmrigMiner::reportStarted()
{
    if (m_startReported)
        return;
    m_startReported = true;
    m_startTimer.stop();
    Q_EMIT started();
}

void XmrigMiner::reportStartFailed(const QString& reason)
{
    if (m_startReported)
        return;
    m_startReported = true;
    logger().warn(u"XMRig did not start"_s, {{u"miner"_s, name()}, {u"reason"_s, reason}});
    Q_EMIT startFailed(reason);
}

void XmrigMiner::resetApiState()
{
    m_summary = {};
    m_backends = {};
    m_haveSummary = false;
    m_lastApiOkAt = -1;
    m_lowHashrateSince = -1;
    m_pollsInFlight = 0;
}

void XmrigMiner::updatePollInterval()
{
    const auto interval = state() == State::Starting
                              ? std::min(kStartingPollInterval, m_settings.pollInterval)
                              : m_settings.pollInterval;
    m_pollTimer.setInterval(interval);
}

void XmrigMiner::poll()
{
    checkWatchdog();
    if (!m_process || m_process->state() != QProcess::Running || m_onExit != OnExit::Crash)
        return;
    if (m_pollsInFlight > 0)
        return; // the previous poll is still waiting for its timeout
    m_pollsInFlight = 2;
    m_api.fetchSummary([this](Result<XmrigSummary, QString> result) {
        --m_pollsInFlight;
        if (!result) {
            logger().debug(u"XMRig API"_s, {{u"miner"_s, name()}, {u"error"_s, result.error()}});
            return;
        }
        m_summary = std::move(result).value();
        m_haveSummary = true;
        m_lastApiOkAt = now();
        if (state() == State::Starting) {
            setState(State::Running);
            updatePollInterval();
            logEvent(tr("XMRig %1 is mining (API answered)").arg(m_summary.version));
        }
        reportStarted();
        Q_EMIT statsChanged();
    });
    m_api.fetchBackends([this](Result<XmrigBackends, QString> result) {
        --m_pollsInFlight;
        if (!result)
            return;
        m_backends = std::move(result).value();
        Q_EMIT statsChanged();
    });
}

void XmrigMiner::checkWatchdog()
{
    if (!m_process || m_process->state() != QProcess::Running || m_onExit != OnExit::Crash)
        return;
    const qint64 at = now();
    const qint64 silentFor = at - std::max(m_launchedAt, m_lastApiOkAt);
    if (silentFor >= m_settings.apiDeadAfter.count()) {
        watchdogRestart(m_lastApiOkAt < 0
                            ? tr("API did not answer within %1 s of the start").arg(seconds(silentFor))
                            : tr("API stopped answering for %1 s").arg(seconds(silentFor)));
        return;
    }
    if (m_settings.hashrateFloor <= 0 || !m_summary.hashrate60s || m_lastApiOkAt < 0) {
        m_lowHashrateSince = -1;
        return;
    }
    const double rate = *m_summary.hashrate60s;
    if (rate >= m_settings.hashrateFloor) {
        m_lowHashrateSince = -1;
        return;
    }
    if (m_lowHashrateSince < 0) {
        m_lowHashrateSince = at;
        return;
    }
    const qint64 lowFor = at - m_lowHashrateSince;
    if (lowFor >= m_settings.lowHashrateFor.count())
        watchdogRestart(tr("60 s hashrate %1 H/s stayed below the floor of %2 H/s for %3 s")
                            .arg(QString::number(rate, 'f', 1),
                                 QString::number(m_settings.hashrateFloor, 'f', 1), seconds(lowFor)));
}

void XmrigMiner::watchdogRestart(const QString& reason)
{
    m_health = tr("restarted: %1").arg(reason);
    logEvent(tr("watchdog: %1; restarting XMRig").arg(reason));
    logger().warn(u"watchdog restarts XMRig"_s, {{u"miner"_s, name()}, {u"reason"_s, reason}});
    m_onExit = OnExit::WatchdogRestart;
    setState(State::Restarting);
    Q_EMIT restarted(reason);
    stopProcess();
}

QString XmrigMiner::lastLines(int count) const
{
    const QStringList lines = logBuffer().slice(count + 1, m_launchedAtWallMs).lines;
    QStringList ours;
    for (const QString& line : lines) {
        if (!line.contains(u"]  supervisor "_s))
            ours.append(line.trimmed());
    }
    while (ours.size() > count)
        ours.removeFirst();
    return ours.join(u" / "_s);
}

MinerStatsItem XmrigMiner::stats() const
{
    MinerStatsItem item;
    item.name = name();
    item.type = type();
    item.hashrate = m_summary.hashrate10s.value_or(0);
    item.hashrate60s = m_summary.hashrate60s.value_or(0);
    item.hashrate15m = m_summary.hashrate15m.value_or(0);
    item.shares = m_summary.sharesGood;
    item.rejected = m_summary.sharesTotal - m_summary.sharesGood;
    item.uptime = m_summary.uptime;
    item.pool = m_summary.pool.isEmpty() ? profile().pool : m_summary.pool;
    item.algorithm = m_summary.algorithm;
    item.cpuThreads = m_backends.cpuThreads;
    item.state = stateName(state());
    item.version = m_summary.version;
    item.restarts = m_restarts;
    item.health = m_health;
    item.gpus = m_backends.gpus;
    return item;
}

} // namespace lethean::node
