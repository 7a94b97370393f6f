// Deployment bundles against their floors, in one run, with the ratios printed at the end.
//
// BM_BundleSeal/{1MiB,64MiB}, BM_BundleOpen/{…}: SealedBundle sealing to a node key and opening with
//   the recipient's identity, memory to memory, 64 KiB chunks, SHA-256 checksum included.
// BM_SecretstreamRaw/{…}: bare crypto_secretstream_xchacha20poly1305_push over the same bytes in the
//   same chunks (BM_SecretstreamRawPull: the pull side). Goal: seal and open at least 0.8x raw.
// BM_ExtractTarGz/64MiB: SafeExtractor, every check on, of a 64 MiB tar.gz (16 files of binary-like
//   data, about 3:1) into a fresh folder; BM_BsdtarTarGz/64MiB: the system `bsdtar -xzf` (Debian
//   libarchive-tools) on the same archive into a fresh folder, through QProcess. Goal: at least 0.8x.
// BM_OpenPeakMemory/64MiB: opens a 64 MiB bundle from a file once and reports the peak heap growth
//   during the open (every malloc in the process is counted while it runs). Goal: under 2x the chunk
//   size plus a constant.
// All timings are wall clock (the checksum runs on a helper thread; bsdtar in another process).

#include "node/bundle_key.h"
#include "node/go_time.h"
#include "node/node_identity.h"
#include "node/safe_extractor.h"
#include "node/sealed_bundle.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <archive.h>
#include <archive_entry.h>
#include <atomic>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <malloc.h>
#include <map>
#include <sodium.h>
#include <string>

using namespace lethean::node;
using namespace Qt::StringLiterals;

// --- heap accounting: every malloc in the process, counted only while g_tracking is set ----------
extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* pointer);
}

namespace {
std::atomic<bool> g_tracking{false};
std::atomic<long long> g_current{0};
std::atomic<long long> g_peak{0};

void account(long long delta)
{
    if (!g_tracking.load(std::memory_order_relaxed))
        return;
    const long long now = g_current.fetch_add(delta, std::memory_order_relaxed) + delta;
    long long peak = g_peak.load(std::memory_order_relaxed);
    while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
}
long long usable(void* pointer)
{
    return pointer ? static_cast<long long>(malloc_usable_size(pointer)) : 0;
}
} // namespace

extern "C" {
void* malloc(size_t size)
{
    void* pointer = __libc_malloc(size);
    account(usable(pointer));
    return pointer;
}
void* calloc(size_t count, size_t size)
{
    void* pointer = __libc_calloc(count, size);
    account(usable(pointer));
    return pointer;
}
void* realloc(void* pointer, size_t size)
{
    const long long before = usable(pointer);
    void* moved = __libc_realloc(pointer, size);
    account(usable(moved) - (moved || size == 0 ? before : 0));
    return moved;
}
void free(void* pointer)
{
    account(-usable(pointer));
    __libc_free(pointer);
}
void* memalign(size_t alignment, size_t size)
{
    void* pointer = __libc_memalign(alignment, size);
    account(usable(pointer));
    return pointer;
}
void* aligned_alloc(size_t alignment, size_t size)
{
    return memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size)
{
    *out = memalign(alignment, size);
    return *out ? 0 : 12; // ENOMEM
}
}

namespace {

constexpr qint64 kMiB = 1024 * 1024;

const NodeIdentity& identity(const char* hex)
{
    static std::map<std::string, NodeIdentity> identities;
    auto it = identities.find(hex);
    if (it == identities.end()) {
        auto made = NodeIdentity::fromPrivateKey(QByteArray::fromHex(hex), u"bench"_s, NodeRole::Dual,
                                                 GoTime::fromUnix(1767225600, 0));
        it = identities.emplace(hex, std::move(*made)).first;
    }
    return it->second;
}
const NodeIdentity& alice()
{
    return identity("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
}
const NodeIdentity& bob()
{
    return identity("2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40");
}

const QByteArray& content(qint64 size)
{
    static std::map<qint64, QByteArray> cache;
    auto& data = cache[size];
    if (data.isEmpty()) {
        data.resize(size);
        randombytes_buf(data.data(), static_cast<size_t>(size));
    }
    return data;
}

SealedBundle::Options options()
{
    SealedBundle::Options result;
    result.type = BundleType::Miner;
    result.name = u"bench"_s;
    result.executable = u"xmrig"_s;
    result.content = BundleHeader::Content::Tar;
    return result;
}

const QByteArray& sealedBundle(qint64 size)
{
    static std::map<qint64, QByteArray> cache;
    auto& data = cache[size];
    if (data.isEmpty())
        data = *SealedBundle::seal(content(size), options(), BundleKey::sealTo(alice(), bob().publicKey()));
    return data;
}

// Throws everything away, as fast as possible.
class NullDevice : public QIODevice
{
public:
    NullDevice() { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64 size) override { return size; }
};

void BM_SecretstreamRaw(benchmark::State& state)
{
    const QByteArray& data = content(state.range(0));
    const qint64 chunk = BundleHeader::kDefaultChunkSize;
    QByteArray out(chunk + crypto_secretstream_xchacha20poly1305_ABYTES, Qt::Uninitialized);
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    crypto_secretstream_xchacha20poly1305_keygen(key);
    for (auto _ : state) {
        crypto_secretstream_xchacha20poly1305_state stream;
        unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
        crypto_secretstream_xchacha20poly1305_init_push(&stream, header, key);
        for (qint64 offset = 0; offset < data.size(); offset += chunk) {
            const qint64 n = std::min(chunk, data.size() - offset);
            const bool last = offset + n >= data.size();
            crypto_secretstream_xchacha20poly1305_push(
                &stream, reinterpret_cast<unsigned char*>(out.data()), nullptr,
                reinterpret_cast<const unsigned char*>(data.constData() + offset),
                static_cast<unsigned long long>(n), nullptr, 0,
                last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(state.iterations() * data.size());
}

void BM_SecretstreamRawPull(benchmark::State& state)
{
    const QByteArray& data = content(state.range(0));
    const qint64 chunk = BundleHeader::kDefaultChunkSize;
    const qint64 record = chunk + crypto_secretstream_xchacha20poly1305_ABYTES;
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    crypto_secretstream_xchacha20poly1305_keygen(key);
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    QByteArray sealed;
    {
        crypto_secretstream_xchacha20poly1305_state stream;
        crypto_secretstream_xchacha20poly1305_init_push(&stream, header, key);
        QByteArray out(record, Qt::Uninitialized);
        for (qint64 offset = 0; offset < data.size(); offset += chunk) {
            const qint64 n = std::min(chunk, data.size() - offset);
            unsigned long long written = 0;
            crypto_secretstream_xchacha20poly1305_push(
                &stream, reinterpret_cast<unsigned char*>(out.data()), &written,
                reinterpret_cast<const unsigned char*>(data.constData() + offset),
                static_cast<unsigned long long>(n), nullptr, 0,
                offset + n >= data.size() ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
            sealed.append(out.constData(), static_cast<qsizetype>(written));
        }
    }
    QByteArray plain(chunk, Qt::Uninitialized);
    for (auto _ : state) {
        crypto_secretstream_xchacha20poly1305_state stream;
        crypto_secretstream_xchacha20poly1305_init_pull(&stream, header, key);
        for (qint64 offset = 0; offset < sealed.size(); offset += record) {
            const qint64 n = std::min(record, sealed.size() - offset);
            unsigned char tag = 0;
            if (crypto_secretstream_xchacha20poly1305_pull(
                    &stream, reinterpret_cast<unsigned char*>(plain.data()), nullptr, &tag,
                    reinterpret_cast<const unsigned char*>(sealed.constData() + offset),
                    static_cast<unsigned long long>(n), nullptr, 0) != 0)
                state.SkipWithError("raw pull failed");
        }
        benchmark::DoNotOptimize(plain.data());
    }
    state.SetBytesProcessed(state.iterations() * data.size());
}

void BM_BundleSeal(benchmark::State& state)
{
    const QByteArray& data = content(state.range(0));
    const BundleKey key = BundleKey::sealTo(alice(), bob().publicKey());
    QByteArray input = QByteArray::fromRawData(data.constData(), data.size());
    QByteArray output;
    output.reserve(data.size() + data.size() / 1000 + 4096);
    for (auto _ : state) {
        QBuffer in(&input);
        in.open(QIODevice::ReadOnly);
        output.resize(0);
        QBuffer out(&output);
        out.open(QIODevice::WriteOnly);
        if (!SealedBundle::seal(in, data.size(), out, options(), key))
            state.SkipWithError("seal failed");
        benchmark::DoNotOptimize(output.data());
    }
    state.SetBytesProcessed(state.iterations() * data.size());
}

void BM_BundleOpen(benchmark::State& state)
{
    QByteArray sealed = sealedBundle(state.range(0));
    const BundleKey key = BundleKey::openAs(bob());
    for (auto _ : state) {
        QBuffer in(&sealed);
        in.open(QIODevice::ReadOnly);
        NullDevice out;
        if (!SealedBundle::open(in, out, key, 1LL << 32))
            state.SkipWithError("open failed");
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

// A 64 MiB tar.gz of 16 files that compress about like executables: random runs between zero runs.
const QString& tarGzArchive()
{
    static QTemporaryDir dir;
    static QString path;
    if (!path.isEmpty())
        return path;
    path = dir.filePath(u"bench.tar.gz"_s);
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_gzip(a);
    archive_write_open_filename(a, QFile::encodeName(path).constData());
    QByteArray block(4 * kMiB, '\0');
    for (qint64 i = 0; i < block.size(); i += 256)
        randombytes_buf(block.data() + i, 96);
    for (int file = 0; file < 16; ++file) {
        archive_entry* entry = archive_entry_new();
        archive_entry_copy_pathname(entry, QByteArray("bin/file-" + QByteArray::number(file)).constData());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, block.size());
        archive_write_header(a, entry);
        archive_write_data(a, block.constData(), static_cast<size_t>(block.size()));
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    return path;
}

void BM_ExtractTarGz(benchmark::State& state)
{
    const QString& archivePath = tarGzArchive();
    QTemporaryDir work;
    const SafeExtractor extractor;
    int round = 0;
    for (auto _ : state) {
        const QString dest = work.filePath(u"out-%1"_s.arg(round++));
        QFile archive(archivePath);
        archive.open(QIODevice::ReadOnly);
        if (!extractor.extract(archive, dest))
            state.SkipWithError("extraction failed");
        state.PauseTiming();
        QDir(dest).removeRecursively();
        state.ResumeTiming();
    }
    state.SetBytesProcessed(state.iterations() * 64 * kMiB);
}

void BM_BsdtarTarGz(benchmark::State& state)
{
    const QString& archivePath = tarGzArchive();
    const QString bsdtar = QStandardPaths::findExecutable(u"bsdtar"_s);
    if (bsdtar.isEmpty()) {
        state.SkipWithError("bsdtar not found (Debian: libarchive-tools)");
        return;
    }
    QTemporaryDir work;
    int round = 0;
    for (auto _ : state) {
        const QString dest = work.filePath(u"out-%1"_s.arg(round++));
        QDir().mkpath(dest);
        QProcess process;
        process.start(bsdtar, {u"-xzf"_s, archivePath, u"-C"_s, dest});
        if (!process.waitForFinished(120000) || process.exitCode() != 0)
            state.SkipWithError("bsdtar failed");
        state.PauseTiming();
        QDir(dest).removeRecursively();
        state.ResumeTiming();
    }
    state.SetBytesProcessed(state.iterations() * 64 * kMiB);
}

void BM_OpenPeakMemory(benchmark::State& state)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bundle"_s);
    {
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(sealedBundle(state.range(0)));
    }
    const BundleKey key = BundleKey::openAs(bob());
    long long peak = 0;
    for (auto _ : state) {
        QFile in(path);
        in.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        NullDevice out;
        g_current = 0;
        g_peak = 0;
        g_tracking = true;
        const bool ok = SealedBundle::open(in, out, key, 1LL << 32).ok();
        g_tracking = false;
        if (!ok)
            state.SkipWithError("open failed");
        peak = g_peak.load();
    }
    state.counters["peak_heap_KiB"] = static_cast<double>(peak) / 1024.0;
    state.counters["chunk_KiB"] = BundleHeader::kDefaultChunkSize / 1024.0;
    std::printf(
        "peak heap while opening a %lld MiB bundle: %.1f KiB (chunk %d KiB; goal < 2 x chunk + constant)\n",
        static_cast<long long>(state.range(0) / kMiB), static_cast<double>(peak) / 1024.0,
        static_cast<int>(BundleHeader::kDefaultChunkSize / 1024));
}

// Collects bytes/s per run so main() can print the ratios the goals are stated in.
class RatioReporter : public benchmark::ConsoleReporter
{
public:
    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const Run& run : runs) {
            const auto it = run.counters.find("bytes_per_second");
            if (it != run.counters.end() && run.run_type == Run::RT_Iteration)
                speeds[run.benchmark_name()] = it->second.value;
        }
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, double> speeds;
};

void printRatio(const RatioReporter& reporter, const std::string& name, const std::string& baseline)
{
    const auto a = reporter.speeds.find(name);
    const auto b = reporter.speeds.find(baseline);
    if (a == reporter.speeds.end() || b == reporter.speeds.end() || b->second <= 0)
        return;
    std::printf("%-32s / %-32s = %.2fx\n", name.c_str(), baseline.c_str(), a->second / b->second);
}

} // namespace

BENCHMARK(BM_SecretstreamRaw)->Arg(kMiB)->Arg(64 * kMiB)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SecretstreamRawPull)->Arg(kMiB)->Arg(64 * kMiB)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BundleSeal)->Arg(kMiB)->Arg(64 * kMiB)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BundleOpen)->Arg(kMiB)->Arg(64 * kMiB)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtractTarGz)->Arg(64 * kMiB)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BsdtarTarGz)->Arg(64 * kMiB)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenPeakMemory)->Arg(64 * kMiB)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nRatios (goal >= 0.80):\n");
    for (const char* size : {"1048576", "67108864"}) {
        const std::string s = std::string("/") + size + "/real_time";
        printRatio(reporter, "BM_BundleSeal" + s, "BM_SecretstreamRaw" + s);
        printRatio(reporter, "BM_BundleOpen" + s, "BM_SecretstreamRaw" + s);
        printRatio(reporter, "BM_BundleOpen" + s, "BM_SecretstreamRawPull" + s);
    }
    printRatio(reporter, "BM_ExtractTarGz/67108864/real_time", "BM_BsdtarTarGz/67108864/real_time");
    benchmark::Shutdown();
    return 0;
}
