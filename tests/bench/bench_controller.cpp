// Controller fan-out: getAllStats to N workers against one get_stats in the same run, and the resident
// memory of an idle worker node (the real lethean-node) with a miner running.
//
// Each worker node lives on its own QThread (as each rig is its own machine); the controller lives on
// the main thread and sleeps in its event loop while it waits, as the desk does. On a 2-core machine
// the workers' CPU work still shares two cores with the controller's, so the fan-out cannot be flat in
// N: the counters say where the time goes (see docs/controller.md, "Measured").
//
// Counters: ratio_to_single (a fan-out's time over BM_GetStatsSingle's in this run), cores,
// controller_cpu_us_per_peer (the controller thread's CPU per request: this part is serial however many
// cores there are), process_cpu_us_per_peer (all threads: controller plus workers plus the kernel's
// loopback TCP on their behalf). The run's context lists the core count and the load average.

#include "node/controller.h"
#include "node/key_allowlist.h"
#include "node/miner_supervisor.h"
#include "node/node_identity.h"
#include "node/peer_registry.h"
#include "node/profile_store.h"
#include "node/transport.h"
#include "node/worker.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <benchmark/benchmark.h>
#include <csignal>
#include <ctime>
#include <memory>
#include <string>
#include <thread>

using namespace Qt::StringLiterals;
using namespace lethean::node;
using namespace std::chrono_literals;

namespace {

// Sleeps in an event loop until the future is done. (processEvents with a time limit never sleeps: it
// would spin the controller's thread and take a core away from the workers on a small machine.)
template <typename T> T await(QFuture<T> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.result();
}

double cpuMicroseconds(clockid_t clock)
{
    timespec now{};
    clock_gettime(clock, &now);
    return double(now.tv_sec) * 1e6 + double(now.tv_nsec) / 1e3;
}

// Every thread of the process: the controller, the workers, and the kernel's TCP work done on their behalf.
double processCpuMicroseconds()
{
    return cpuMicroseconds(CLOCK_PROCESS_CPUTIME_ID);
}

// The calling thread alone (the controller's, in the benchmarks).
double threadCpuMicroseconds()
{
    return cpuMicroseconds(CLOCK_THREAD_CPUTIME_ID);
}

// Wall time per iteration of BM_GetStatsSingle in this run: the denominator of ratio_to_single.
double g_singleRequestUs = 0;

NodeIdentity freshIdentity(const QString& name, NodeRole role)
{
    auto identity = NodeIdentity::generate(name, role);
    if (!identity)
        qFatal("bench_controller: cannot generate an identity");
    return std::move(*identity);
}

TransportConfig loopback()
{
    TransportConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.listenPort = 0;
    config.rateLimitEnabled = false; // the benchmark floods on purpose
    return config;
}

// A worker node on its own thread: transport, a simulated miner running, the worker.
class WorkerNode
{
public:
    WorkerNode(int index)
    {
        m_thread.start();
        QObject context;
        context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &context,
            [this, index] {
                m_identity = std::make_unique<NodeIdentity>(freshIdentity(u"rig-%1"_s.arg(index), NodeRole::Worker));
                m_transport = std::make_unique<Transport>(*m_identity, m_open, loopback());
                MinerSupervisor::Settings settings;
                settings.demoMode = true;
                settings.minersDir = m_dir.filePath(u"miners"_s);
                settings.resumeLastProfile = false;
                m_miners = std::make_unique<MinerSupervisor>(settings);
                MiningProfile profile;
                profile.name = u"main"_s;
                profile.minerType = u"simulated"_s;
                profile.pool = u"stratum+tcp://pool.example.org:3333"_s;
                profile.wallet = u"wallet"_s;
                (void)m_miners->startMiner(profile);
                m_worker = std::make_unique<Worker>(*m_identity, *m_transport, m_miners.get(), nullptr, nullptr);
                if (!m_transport->start())
                    qFatal("bench_controller: a worker cannot listen");
                m_port = m_transport->serverPort();
            },
            Qt::BlockingQueuedConnection);
    }

    ~WorkerNode()
    {
        QObject context;
        context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &context,
            [this] {
                m_worker.reset();
                m_miners.reset();
                m_transport.reset();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    QString address() const { return u"127.0.0.1:%1"_s.arg(m_port); }
    QString id() const { return m_identity->id(); }

private:
    QThread m_thread;
    QTemporaryDir m_dir;
    KeyAllowlist m_open{KeyAllowlist::Mode::Open};
    std::unique_ptr<NodeIdentity> m_identity;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<MinerSupervisor> m_miners;
    std::unique_ptr<Worker> m_worker;
    quint16 m_port = 0;
};

// The desk with N connected workers.
struct Mesh
{
    explicit Mesh(int workers)
        : identity(freshIdentity(u"desk"_s, NodeRole::Controller)), registry(dir.filePath(u"peers.json"_s)),
          transport(identity, registry, loopback()), controller(identity, transport, registry)
    {
        (void)registry.setAuthMode(PeerAuthMode::Open);
        for (int i = 0; i < workers; ++i) {
            rigs.push_back(std::make_unique<WorkerNode>(i));
            if (!await(transport.connectToPeer(rigs.back()->address(), rigs.back()->id())).ok)
                qFatal("bench_controller: cannot connect to a worker");
        }
    }

    QTemporaryDir dir;
    NodeIdentity identity;
    PeerRegistry registry;
    Transport transport;
    Controller controller;
    std::vector<std::unique_ptr<WorkerNode>> rigs;
};

void BM_GetStatsSingle(benchmark::State& state)
{
    Mesh mesh(1);
    const QString peer = mesh.rigs.front()->id();
    QElapsedTimer wall;
    wall.start();
    const double cpuBefore = processCpuMicroseconds();
    const double controllerCpuBefore = threadCpuMicroseconds();
    for (auto _ : state) {
        const auto stats = await(mesh.controller.getStats(peer));
        if (!stats)
            state.SkipWithError(qPrintable(stats.error().message));
    }
    const double iterations = double(std::max<benchmark::IterationCount>(state.iterations(), 1));
    g_singleRequestUs = double(wall.nsecsElapsed()) / 1e3 / iterations;
    state.counters["requests_per_s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["process_cpu_us_per_peer"] = (processCpuMicroseconds() - cpuBefore) / iterations;
    state.counters["controller_cpu_us_per_peer"] = (threadCpuMicroseconds() - controllerCpuBefore) / iterations;
    state.counters["cores"] = double(std::thread::hardware_concurrency());
}
BENCHMARK(BM_GetStatsSingle)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_GetAllStats(benchmark::State& state)
{
    const int workers = int(state.range(0));
    Mesh mesh(workers);
    QElapsedTimer wall;
    wall.start();
    const double cpuBefore = processCpuMicroseconds();
    const double controllerCpuBefore = threadCpuMicroseconds();
    for (auto _ : state) {
        const auto all = await(mesh.controller.getAllStats());
        if (all.size() != workers)
            state.SkipWithError("missing results");
        for (const PeerStatsResult& one : all) {
            if (!one.stats)
                state.SkipWithError(qPrintable(one.stats.error().message));
        }
    }
    const double iterations = double(std::max<benchmark::IterationCount>(state.iterations(), 1));
    const double fanOutUs = double(wall.nsecsElapsed()) / 1e3 / iterations;
    state.counters["workers"] = workers;
    state.counters["cores"] = double(std::thread::hardware_concurrency());
    if (g_singleRequestUs > 0)
        state.counters["ratio_to_single"] = fanOutUs / g_singleRequestUs;
    state.counters["process_cpu_us_per_peer"] = (processCpuMicroseconds() - cpuBefore) / iterations / workers;
    state.counters["controller_cpu_us_per_peer"] = (threadCpuMicroseconds() - controllerCpuBefore) / iterations / workers;
}
BENCHMARK(BM_GetAllStats)->Arg(1)->Arg(10)->Arg(50)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same 50 requests one after another: what "sequential" would cost, for the comparison.
void BM_GetStatsSequential50(benchmark::State& state)
{
    Mesh mesh(50);
    for (auto _ : state) {
        for (const auto& rig : mesh.rigs) {
            if (!await(mesh.controller.getStats(rig->id())))
                state.SkipWithError("a request failed");
        }
    }
}
BENCHMARK(BM_GetStatsSequential50)->Unit(benchmark::kMicrosecond)->UseRealTime();

double residentMegabytesOf(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0; // the kernel writes kB
    }
    return 0;
}

// The real lethean-node, worker role, demo mode, resuming a remembered profile (so a miner runs), idle
// for a few seconds with its keepalive and the miner's ticks: its resident memory.
void BM_WorkerIdleResidentMemory(benchmark::State& state)
{
    for (auto _ : state) {
        QTemporaryDir dataDir;
        MinerSupervisor::Settings settings;
        settings.minersDir = QDir(dataDir.path()).filePath(u"miners"_s);
        const QString remembered = MinerSupervisor(settings).lastProfileFile();
        QDir().mkpath(QFileInfo(remembered).absolutePath());
        MiningProfile profile;
        profile.name = u"main"_s;
        profile.minerType = u"simulated"_s;
        profile.pool = u"stratum+tcp://pool.example.org:3333"_s;
        profile.wallet = u"wallet"_s;
        QFile file(remembered);
        if (!file.open(QIODevice::WriteOnly) || file.write(profile.toJson()) < 0)
            state.SkipWithError("cannot write the remembered profile");
        file.close();
        QProcess node;
        node.start(QStringLiteral(LETHEAN_NODE_BIN), {u"--data-dir"_s, dataDir.path(), u"--listen"_s, u"127.0.0.1:0"_s,
                                                      u"--role"_s, u"worker"_s, u"--demo"_s});
        if (!node.waitForStarted()) {
            state.SkipWithError("cannot start lethean-node");
            return;
        }
        QElapsedTimer idle;
        idle.start();
        QString log;
        while (idle.elapsed() < 4000) {
            node.waitForReadyRead(100);
            log += QString::fromUtf8(node.readAllStandardError());
        }
        if (!log.contains(u"resumed the last profile"_s))
            state.SkipWithError("the miner did not start");
        state.counters["rss_mb"] = residentMegabytesOf(node.processId());
        ::kill(pid_t(node.processId()), SIGTERM);
        node.waitForFinished(15000);
    }
}
BENCHMARK(BM_WorkerIdleResidentMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

// Qt's event loop needs a QCoreApplication before any socket exists, so this replaces benchmark_main.
int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"lethean.*.info=false\nlethean.*.debug=false"_s);
    benchmark::Initialize(&argc, argv);
    // What a reader needs to judge the fan-out figures: the cores shared by controller and workers, and
    // whether something else was using them.
    benchmark::AddCustomContext("cores", std::to_string(std::thread::hardware_concurrency()));
    QFile loadAverage(u"/proc/loadavg"_s);
    if (loadAverage.open(QIODevice::ReadOnly))
        benchmark::AddCustomContext("loadavg_at_start", loadAverage.readAll().trimmed().toStdString());
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
