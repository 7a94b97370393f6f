#include "node/simulated_miner.h"

#include <QDateTime>
#include <QThread>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

constexpr int kWindow10s = 10;
constexpr int kWindow60s = 60;
constexpr int kWindow15m = 900;

QString rate(double value)
{
    return value < 0 ? u"n/a"_s : QString::number(value, 'f', 1);
}

} // namespace

SimulatedMiner::SimulatedMiner(QString name, MiningProfile profile, Settings settings, QObject* parent)
    : Miner(std::move(name), std::move(profile), parent), m_settings(settings),
      m_random(settings.seed != 0 ? settings.seed : QRandomGenerator::global()->generate())
{
    m_base = m_settings.baseHashrate > 0 ? m_settings.baseHashrate : 1000.0 + m_random.bounded(9000.0);
    // A difficulty that gives the configured share rate at the base hashrate, as a pool's vardiff would.
    m_difficulty = qint64(std::max(1.0, m_base / std::max(m_settings.sharesPerSecond, 1e-6)));
    m_timer.setInterval(m_settings.tickInterval);
    connect(&m_timer, &QTimer::timeout, this, &SimulatedMiner::tick);
}

QString SimulatedMiner::type() const
{
    return u"simulated"_s;
}

void SimulatedMiner::logMiner(const QString& tag, const QString& text)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    log().append(u"[%1]  %2 %3"_s.arg(stamp, tag.leftJustified(8), text));
}

void SimulatedMiner::start()
{
    if (m_startCalled)
        return;
    m_startCalled = true;
    setState(State::Starting);
    const int threads = profile().threads > 0 ? profile().threads : std::max(1, QThread::idealThreadCount());
    log().append(u" * ABOUT        XMRig/%1 (simulated: demo mode, no real mining)"_s.arg(
        QLatin1StringView(kVersion)));
    log().append(u" * POOL #1      %1 algo auto"_s.arg(profile().pool));
    logMiner(u"net"_s, u"use pool %1"_s.arg(profile().pool));
    logMiner(u"net"_s, u"new job from %1 diff %2 algo %3 height %4"_s.arg(profile().pool)
                           .arg(m_difficulty)
                           .arg(QLatin1StringView(kAlgorithm))
                           .arg(m_height));
    logMiner(u"cpu"_s, u"READY threads %1/%1 (%1) huge pages 0%"_s.arg(threads));
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_stopRequested)
                return;
            setState(State::Running);
            m_timer.start();
            m_startReported = true;
            Q_EMIT started();
        },
        Qt::QueuedConnection);
}

void SimulatedMiner::stop()
{
    if (m_stopRequested)
        return;
    m_stopRequested = true;
    m_timer.stop();
    logEvent(u"stopped"_s);
    setState(State::Stopped);
    QMetaObject::invokeMethod(
        this,
        [this] {
            // Whoever waits for the start hears about it, as from an XmrigMiner.
            if (!m_startReported) {
                m_startReported = true;
                Q_EMIT startFailed(tr("the miner was stopped before it started"));
            }
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
}

void SimulatedMiner::tick()
{
    ++m_seconds;
    // A sum of uniforms is close enough to a normal deviate for noise.
    double gauss = 0;
    for (int i = 0; i < 12; ++i)
        gauss += m_random.generateDouble();
    gauss -= 6.0;
    const double sample = std::max(0.0, m_base * (1.0 + m_settings.noise * gauss));
    m_samples.push_back(sample);
    while (m_samples.size() > std::size_t(kWindow15m))
        m_samples.pop_front();
    m_highest = std::max(m_highest, average(kWindow10s));

    // Shares arrive as a Poisson process with the pool's rate at this second's hashrate.
    const double chance = std::min(1.0, m_settings.sharesPerSecond * sample / m_base);
    if (m_random.generateDouble() < chance) {
        const bool rejected = m_random.generateDouble() < m_settings.rejectChance;
        const int ms = 20 + int(m_random.bounded(80));
        if (rejected) {
            ++m_rejected;
            logMiner(u"cpu"_s, u"rejected (%1/%2) diff %3 \"low difficulty share\" (%4 ms)"_s.arg(m_accepted)
                                   .arg(m_rejected)
                                   .arg(m_difficulty)
                                   .arg(ms));
        } else {
            ++m_accepted;
            logMiner(u"cpu"_s, u"accepted (%1/%2) diff %3 (%4 ms)"_s.arg(m_accepted)
                                   .arg(m_rejected)
                                   .arg(m_difficulty)
                                   .arg(ms));
        }
    }
    if (m_seconds % 120 == 0) {
        ++m_height;
        logMiner(u"net"_s, u"new job from %1 diff %2 algo %3 height %4"_s.arg(profile().pool)
                               .arg(m_difficulty)
                               .arg(QLatin1StringView(kAlgorithm))
                               .arg(m_height));
    }
    if (m_settings.printEverySeconds > 0 && m_seconds % m_settings.printEverySeconds == 0) {
        logMiner(u"miner"_s, u"speed 10s/60s/15m %1 %2 %3 H/s max %4 H/s"_s.arg(
                                 rate(average(kWindow10s)), rate(average(kWindow60s)),
                                 rate(average(kWindow15m)), rate(m_highest)));
    }
    Q_EMIT statsChanged();
}

double SimulatedMiner::average(int seconds) const
{
    if (m_samples.size() < std::size_t(seconds))
        return -1;
    double sum = 0;
    for (auto it = m_samples.end() - seconds; it != m_samples.end(); ++it)
        sum += *it;
    return sum / seconds;
}

MinerStatsItem SimulatedMiner::stats() const
{
    MinerStatsItem item;
    item.name = name();
    item.type = type();
    item.simulated = true;
    item.hashrate = std::max(0.0, average(kWindow10s));
    item.hashrate60s = std::max(0.0, average(kWindow60s));
    item.hashrate15m = std::max(0.0, average(kWindow15m));
    item.shares = m_accepted;
    item.rejected = m_rejected;
    item.uptime = m_seconds;
    item.pool = profile().pool;
    item.algorithm = QString::fromLatin1(kAlgorithm);
    item.cpuThreads = profile().threads > 0 ? profile().threads : std::max(1, QThread::idealThreadCount());
    item.state = stateName(state());
    item.version = QString::fromLatin1(kVersion);
    return item;
}

} // namespace lethean::node
