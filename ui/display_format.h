#pragma once

#include <QCoreApplication>
#include <QString>

namespace lethean::node {
struct GpuHealth;
}

namespace lethean::ui {

// How the mining pages write numbers for people: hashrates in the unit their size calls for, durations
// in the two largest units, miner states in words. One place, so the table, the chart and the totals
// agree.
class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(lethean::ui::DisplayFormat)

public:
    struct Unit
    {
        double divisor = 1;
        QString symbol; // "H/s", "kH/s", "MH/s", "GH/s"
    };

    // The unit that shows `value` (H/s) with one to three digits before the point.
    static Unit hashrateUnit(double value);
    // "1.23 kH/s"; "0 H/s" for zero, "—" for a negative or non-finite value (not reported).
    static QString hashrate(double value);
    static QString hashrate(double value, const Unit& unit);
    // "3 d 4 h", "2 h 5 min", "4 min 10 s", "45 s"; "—" when negative.
    static QString duration(qint64 seconds);
    // A miner's state word ("running", …) in the user's language; unknown words are shown as they are.
    static QString minerState(const QString& state);
    // One GPU thread's health for a tooltip: "GPU 0 RTX 3070: 64 °C, fan 50 %, 140 W".
    static QString gpuHealth(const node::GpuHealth& gpu);
    // Orders states by how much they need attention: failed first.
    static int minerStateSeverity(const QString& state);
    static QString notReported() { return QStringLiteral("—"); }
};

} // namespace lethean::ui
