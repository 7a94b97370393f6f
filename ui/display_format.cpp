#include "ui/display_format.h"

#include "node/payloads.h"

#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace lethean::ui {

DisplayFormat::Unit DisplayFormat::hashrateUnit(double value)
{
    const double magnitude = std::isfinite(value) ? std::abs(value) : 0.0;
    if (magnitude >= 1e9)
        return {1e9, tr("GH/s")};
    if (magnitude >= 1e6)
        return {1e6, tr("MH/s")};
    if (magnitude >= 1e3)
        return {1e3, tr("kH/s")};
    return {1, tr("H/s")};
}

QString DisplayFormat::hashrate(double value)
{
    return hashrate(value, hashrateUnit(value));
}

QString DisplayFormat::hashrate(double value, const Unit& unit)
{
    if (!std::isfinite(value) || value < 0)
        return notReported();
    const double scaled = value / unit.divisor;
    // Three significant digits: 1.23, 12.3, 123; whole hashes stay whole.
    const int decimals = unit.divisor == 1 ? (scaled < 10 && scaled != std::floor(scaled) ? 1 : 0)
                         : scaled < 10     ? 2
                         : scaled < 100    ? 1
                                           : 0;
    //: A hashrate: %1 the number, %2 the unit (H/s, kH/s, MH/s)
    return tr("%1 %2").arg(QLocale().toString(scaled, 'f', decimals), unit.symbol);
}

QString DisplayFormat::duration(qint64 seconds)
{
    if (seconds < 0)
        return notReported();
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    if (days > 0)
        //: Duration: days and hours
        return tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        //: Duration: hours and minutes
        return tr("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0)
        //: Duration: minutes and seconds
        return tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    //: Duration: seconds
    return tr("%1 s").arg(seconds);
}

QString DisplayFormat::minerState(const QString& state)
{
    if (state == u"running")
        return tr("Running");
    if (state == u"starting")
        return tr("Starting");
    if (state == u"restarting")
        return tr("Restarting");
    if (state == u"stopped")
        return tr("Stopped");
    if (state == u"failed")
        return tr("Failed");
    if (state.isEmpty())
        //: A miner that does not report a state (a Go worker): it is listed, so it runs
        return tr("Running");
    return state;
}

QString DisplayFormat::gpuHealth(const node::GpuHealth& gpu)
{
    //: GPU health: index, name, temperature, fan, power
    return tr("GPU %1 %2: %3 °C, fan %4 %, %5 W")
        .arg(gpu.index)
        .arg(gpu.name)
        .arg(gpu.temperature, 0, 'f', 0)
        .arg(gpu.fan, 0, 'f', 0)
        .arg(gpu.power, 0, 'f', 0);
}

int DisplayFormat::minerStateSeverity(const QString& state)
{
    if (state == u"failed")
        return 4;
    if (state == u"restarting")
        return 3;
    if (state == u"starting")
        return 2;
    if (state == u"stopped")
        return 0;
    return 1; // running, or not reported
}

} // namespace lethean::ui
