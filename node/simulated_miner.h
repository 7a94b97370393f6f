#pragma once

#include "node/miner.h"

#include <QRandomGenerator>
#include <QTimer>
#include <chrono>
#include <deque>

namespace lethean::node {

// Demo mode's miner: no process, no pool, made-up but plausible numbers — a hashrate of a few kH/s with
// a few percent of noise, the 60 s and 15 min figures as moving averages that stay unknown until their
// window has filled (as XMRig's do), shares now and then, a rare reject, and log lines shaped like
// XMRig's. Every stats item says `simulated`, so no view can pass the numbers off as real.
//
// Each tick is one simulated second; tests shorten the tick to run minutes of mining in a moment.
class SimulatedMiner : public Miner
{
    Q_OBJECT

public:
    struct Settings
    {
        std::chrono::milliseconds tickInterval{1000};
        // 0: a base hashrate picked at random between 1 and 10 kH/s.
        double baseHashrate = 0;
        double noise = 0.03;               // relative standard deviation of each second's sample
        double sharesPerSecond = 1.0 / 30; // mean share rate
        double rejectChance = 0.02;
        int printEverySeconds = 60; // a "speed" line this often
        quint32 seed = 0;           // 0: random
        int logCapacity = MinerLogBuffer::kDefaultCapacity;
    };

    static constexpr auto kVersion = "6.21.0-simulated";
    static constexpr auto kAlgorithm = "rx/0";

    SimulatedMiner(QString name, MiningProfile profile, Settings settings, QObject* parent = nullptr);

    QString type() const override;
    void start() override;
    void stop() override;
    MinerStatsItem stats() const override;

    double baseHashrate() const { return m_base; }
    qint64 simulatedSeconds() const { return m_seconds; }

private:
    void tick();
    double average(int seconds) const; // < 0: window not yet filled
    void logMiner(const QString& tag, const QString& text);

    Settings m_settings;
    QRandomGenerator m_random;
    QTimer m_timer;
    bool m_startCalled = false;
    bool m_startReported = false; // started() or startFailed() was emitted
    bool m_stopRequested = false;
    double m_base = 0;
    std::deque<double> m_samples; // last 900 seconds, newest at the back
    qint64 m_seconds = 0;
    qint64 m_accepted = 0;
    qint64 m_rejected = 0;
    double m_highest = 0;
    qint64 m_difficulty = 0;
    qint64 m_height = 3000000;
};

} // namespace lethean::node
