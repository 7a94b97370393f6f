// Peer registry benchmarks (issue 6). Goals:
// - BM_SelectNearest10/100000 at least 50x faster than BM_LinearScanNearest10/100000 (same run, same
//   points, same answer); go-p2p's figure for a small registry on Apple M-series: select 349 ns.
// - BM_UpdateScoreThenSelect/100000 (a score change, then a selection that must see it) at most 10x
//   BM_RegistrySelectNearest10/100000 (the same selection without the change): no rebuild per update.
//   BM_SelectorMoveThenSelect is the same at the selector alone, without the registry's bookkeeping.
// - BM_SaveRegistry/10000 (serialise and atomically write 10,000 peers) under 50 ms; the file size is
//   reported as the file_bytes counter. BM_LoadRegistry/10000 reads that file back, for reference.
//
// Peers: ping 1–500 ms, 0–10 hops, 0–20,000 km, score 0–100, uniformly at random (fixed seed).

#include "node/identity_crypto.h"
#include "node/peer_registry.h"
#include "node/peer_selector.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <memory>

using lethean::node::Peer;
using lethean::node::PeerRegistry;
using lethean::node::PeerSelector;

namespace {

// The registry's save timer needs an application object; none of its events ever run here.
void ensureApplication()
{
    static int argc = 1;
    static char name[] = "bench_registry";
    static char* argv[] = {name, nullptr};
    static QCoreApplication application(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("lethean.*.info=false"));
}

Peer randomPeer(QRandomGenerator& random, int index)
{
    Peer peer;
    QByteArray key(32, '\0');
    random.fillRange(reinterpret_cast<quint32*>(key.data()), 8);
    peer.publicKey = key;
    peer.id = lethean::node::nodeIdForPublicKey(key);
    peer.name = QStringLiteral("rig-%1").arg(index);
    peer.address =
        QStringLiteral("10.%1.%2.%3:9091").arg(index >> 16).arg((index >> 8) & 0xff).arg(index & 0xff);
    peer.role = QStringLiteral("worker");
    peer.pingMs = 1.0 + random.bounded(499.0);
    peer.hops = int(random.bounded(11));
    peer.geoKm = random.bounded(20000.0);
    peer.score = random.bounded(100.0);
    return peer;
}

PeerSelector::Point pointOf(const Peer& peer)
{
    return PeerSelector::pointFor(peer.pingMs, peer.hops, peer.geoKm, peer.score);
}

QList<Peer> randomPeers(int count)
{
    QRandomGenerator random(20260101);
    QList<Peer> peers;
    peers.reserve(count);
    for (int i = 0; i < count; ++i)
        peers.append(randomPeer(random, i));
    return peers;
}

std::unique_ptr<PeerSelector> selectorOf(const QList<Peer>& peers)
{
    QList<std::pair<QString, PeerSelector::Point>> points;
    points.reserve(peers.size());
    for (const Peer& peer : peers)
        points.append({peer.id, pointOf(peer)});
    auto selector = std::make_unique<PeerSelector>();
    selector->assign(points);
    return selector;
}

// A registry in a temporary folder, filled through addPeer (as peers arrive one by one).
struct RegistryFixture
{
    explicit RegistryFixture(int count)
    {
        ensureApplication();
        registry = std::make_unique<PeerRegistry>(dir.filePath(QStringLiteral("peers.json")));
        (void)registry->load();
        peers = randomPeers(count);
        for (const Peer& peer : std::as_const(peers))
            (void)registry->addPeer(peer);
    }

    QTemporaryDir dir;
    QList<Peer> peers;
    std::unique_ptr<PeerRegistry> registry;
};

void BM_SelectNearest10(benchmark::State& state)
{
    const auto selector = selectorOf(randomPeers(int(state.range(0))));
    if (selector->nearest(10) != selector->nearestByLinearScan(10)) {
        state.SkipWithError("the KD-tree and the linear scan disagree");
        return;
    }
    for (auto _ : state) {
        auto ids = selector->nearest(10);
        benchmark::DoNotOptimize(ids);
    }
}

void BM_LinearScanNearest10(benchmark::State& state)
{
    const auto selector = selectorOf(randomPeers(int(state.range(0))));
    for (auto _ : state) {
        auto ids = selector->nearestByLinearScan(10);
        benchmark::DoNotOptimize(ids);
    }
}

void BM_SelectOptimal(benchmark::State& state)
{
    const auto selector = selectorOf(randomPeers(int(state.range(0))));
    for (auto _ : state) {
        auto ids = selector->nearest(1);
        benchmark::DoNotOptimize(ids);
    }
}

// The selector alone: move one peer (a new score), then select.
void BM_SelectorMoveThenSelect(benchmark::State& state)
{
    const QList<Peer> peers = randomPeers(int(state.range(0)));
    const auto selector = selectorOf(peers);
    QRandomGenerator random(7);
    for (auto _ : state) {
        const Peer& peer = peers[random.bounded(int(peers.size()))];
        selector->upsert(peer.id,
                         PeerSelector::pointFor(peer.pingMs, peer.hops, peer.geoKm, random.bounded(100.0)));
        auto ids = selector->nearest(10);
        benchmark::DoNotOptimize(ids);
    }
    state.counters["full_builds"] = selector->fullBuilds();
}

// The registry's plain selection: ten Peer snapshots.
void BM_RegistrySelectNearest10(benchmark::State& state)
{
    RegistryFixture fixture(int(state.range(0)));
    for (auto _ : state) {
        auto peers = fixture.registry->selectNearestPeers(10);
        benchmark::DoNotOptimize(peers);
    }
}

// One score change through the registry (validation-free path: updateScore), then a selection that
// must see it.
void BM_UpdateScoreThenSelect(benchmark::State& state)
{
    RegistryFixture fixture(int(state.range(0)));
    QRandomGenerator random(11);
    for (auto _ : state) {
        const QString& id = fixture.peers[random.bounded(int(fixture.peers.size()))].id;
        (void)fixture.registry->updateScore(id, random.bounded(100.0));
        auto peers = fixture.registry->selectNearestPeers(10);
        benchmark::DoNotOptimize(peers);
    }
    state.counters["full_builds"] = fixture.registry->selector().fullBuilds();
}

void BM_SaveRegistry(benchmark::State& state)
{
    RegistryFixture fixture(int(state.range(0)));
    const QString id = fixture.peers.front().id;
    int round = 0;
    for (auto _ : state) {
        (void)fixture.registry->updateScore(id, ++round % 100); // something to save
        if (!fixture.registry->flush()) {
            state.SkipWithError("the save failed");
            return;
        }
    }
    state.counters["file_bytes"] = double(QFileInfo(fixture.registry->peersFile()).size());
}

void BM_LoadRegistry(benchmark::State& state)
{
    RegistryFixture fixture(int(state.range(0)));
    (void)fixture.registry->flush();
    for (auto _ : state) {
        PeerRegistry loaded(fixture.registry->peersFile());
        auto report = loaded.load();
        benchmark::DoNotOptimize(report);
    }
}

} // namespace

BENCHMARK(BM_SelectNearest10)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_LinearScanNearest10)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_SelectOptimal)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(BM_SelectorMoveThenSelect)->Arg(100000);
BENCHMARK(BM_RegistrySelectNearest10)->Arg(100000);
BENCHMARK(BM_UpdateScoreThenSelect)->Arg(100000);
BENCHMARK(BM_SaveRegistry)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadRegistry)->Arg(10000)->Unit(benchmark::kMillisecond);
