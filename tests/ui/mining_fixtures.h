#pragma once

// Realistic rigs, peers and stats for the mining pages' tests and screenshots, and a screenshot helper.

#include "gui_test_support.h"
#include "node/controller.h"
#include "node/mining_profile.h"
#include "node/payloads.h"
#include "node/peer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QImage>
#include <QWidget>

namespace fixtures {

using namespace Qt::StringLiterals;

// 32 lowercase hex characters, stable for a given seed (as a node ID is).
inline QString peerId(const QString& seed)
{
    return QString::fromLatin1(QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

inline lethean::node::Peer peer(const QString& name, const QString& role = u"worker"_s, bool connected = true,
                                double pingMs = 12, double score = 72, const QString& protocol = u"2.0"_s)
{
    lethean::node::Peer p;
    p.id = peerId(name);
    p.name = name;
    p.role = role;
    p.address = u"192.168.1.%1:9091"_s.arg(10 + name.size());
    p.connected = connected;
    p.pingMs = pingMs;
    p.score = score;
    p.protocolVersion = protocol;
    return p;
}

inline lethean::node::MinerStatsItem miner(const QString& name, double hashrate, qint64 shares = 120, qint64 rejected = 1,
                                           qint64 uptime = 3 * 3600 + 420, const QString& state = u"running"_s,
                                           bool simulated = false)
{
    lethean::node::MinerStatsItem m;
    m.name = name;
    m.type = simulated ? u"simulated"_s : u"xmrig"_s;
    m.hashrate = hashrate;
    m.hashrate60s = hashrate * 0.98;
    m.hashrate15m = hashrate * 0.97;
    m.shares = shares;
    m.rejected = rejected;
    m.uptime = uptime;
    m.pool = u"stratum+tcp://pool.lethean.example:3333"_s;
    m.algorithm = u"rx/0"_s;
    m.cpuThreads = 8;
    m.simulated = simulated;
    m.state = state;
    m.version = u"6.21.0"_s;
    return m;
}

// A profile that passes the validator: pool and wallet filled in.
inline lethean::node::MiningProfile profile(const QString& name)
{
    lethean::node::MiningProfile p;
    p.name = name;
    p.minerType = u"xmrig"_s;
    p.pool = u"stratum+tcp://pool.lethean.example:3333"_s;
    p.wallet = u"iz5ZnLKBJ1Q8rJYNPxb4vdR2G5kzTDpVsS8wHbC1pe5dJ7Fx2uMpbhT4cLVxAyTG3Nn7a1rBq4m9DDfrCFZ5Uj1Q2bgt1NDrW"_s;
    return p;
}

inline lethean::node::GpuHealth gpu(qint64 index, double temperature)
{
    return lethean::node::GpuHealth{index, u"NVIDIA GeForce RTX 3070"_s, temperature, 55, 140};
}

inline lethean::node::PeerStatsResult stats(const lethean::node::Peer& p, QList<lethean::node::MinerStatsItem> miners,
                                            qint64 uptime = 86400 + 7200)
{
    lethean::node::StatsPayload payload;
    payload.nodeId = p.id;
    payload.nodeName = p.name;
    payload.miners = std::move(miners);
    payload.uptime = uptime;
    return lethean::node::PeerStatsResult{p.id, p.name, payload};
}

inline lethean::node::PeerStatsResult failedStats(const lethean::node::Peer& p, const QString& message)
{
    lethean::node::ControllerError error;
    error.kind = lethean::node::ControllerError::Kind::Timeout;
    error.message = message;
    return lethean::node::PeerStatsResult{p.id, p.name, lethean::fail(error)};
}

// A home miner's farm: a mix of CPU and GPU rigs, one offline, one on protocol 1.0, one in demo mode, one
// whose miner is restarting.
struct Farm
{
    QList<lethean::node::Peer> peers;
    QList<lethean::node::PeerStatsResult> results;
};

inline Farm farm()
{
    Farm f;
    auto add = [&](lethean::node::Peer p, QList<lethean::node::MinerStatsItem> miners, bool answers = true) {
        f.peers.append(p);
        if (p.connected && answers)
            f.results.append(stats(p, std::move(miners)));
        else if (p.connected)
            f.results.append(failedStats(p, u"request timeout"_s));
    };
    auto gpuMiner = miner(u"xmrig-gpu"_s, 2.41e6, 4810, 12, 5 * 86400 + 3600);
    gpuMiner.gpus = {gpu(0, 63), gpu(1, 71)};
    add(peer(u"garage-rig"_s, u"worker"_s, true, 4.2, 88), {gpuMiner});
    add(peer(u"office-pc"_s, u"dual"_s, true, 18, 64), {miner(u"xmrig-0"_s, 8420, 391, 2)});
    auto hot = miner(u"xmrig-gpu"_s, 1.12e6, 2210, 140, 7200);
    hot.gpus = {gpu(0, 86)};
    add(peer(u"attic-rig"_s, u"worker"_s, true, 33, 51, u"1.0"_s), {hot});
    add(peer(u"demo-box"_s, u"worker"_s, true, 1.1, 50), {miner(u"simulated-0"_s, 5150, 77, 0, 640, u"running"_s, true)});
    auto restarting = miner(u"xmrig-0"_s, 0, 12, 0, 40, u"restarting"_s);
    restarting.restarts = 3;
    restarting.health = u"restarted: API stopped answering"_s;
    add(peer(u"loft-nuc"_s, u"worker"_s, true, 9, 47), {restarting});
    add(peer(u"cellar-server"_s, u"worker"_s, false, 0, 22), {});
    add(peer(u"spare-laptop"_s, u"worker"_s, true, 140, 35), {}, false);
    add(peer(u"living-room"_s, u"dual"_s, true, 7, 70), {});
    return f;
}

// Saves a widget's image as gui_test_support does, after the pending layout requests have run (as the
// event loop runs them before a paint), and returns it.
inline QImage saveScreenshot(QWidget& widget, const QString& name)
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return lethean::ui::test::saveScreenshot(widget, name);
}

// True when the image is not one flat colour (something was drawn).
inline bool isVaried(const QImage& image)
{
    return lethean::ui::test::hasContent(image);
}

} // namespace fixtures
