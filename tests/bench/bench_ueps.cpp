// UEPS marshal and read+verify throughput against a bare OpenSSL HMAC-SHA256 over the same bytes.
// Goal (docs/ueps.md): read+verify at >= 0.8x the bare HMAC's bytes/s at 1 KiB and >= 0.95x at 64 KiB.
//
// A UEPS payload is at most 65535 bytes (u16 TLV length), so the 65536 argument runs the UEPS
// benchmarks with a 65535-byte payload and counts 65535 bytes per packet; the HMAC baseline MACs the
// full 65536.

#include "ueps/packet_builder.h"
#include "ueps/packet_reader.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <cstdint>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <vector>

namespace {

using lethean::ueps::kMaxTlvValue;
using lethean::ueps::PacketBuilder;

const std::vector<std::uint8_t> kKey(32, 0x42);

std::size_t payloadSize(const benchmark::State& state)
{
    return std::min(static_cast<std::size_t>(state.range(0)), kMaxTlvValue);
}

std::vector<std::uint8_t> payloadOf(std::size_t size)
{
    std::vector<std::uint8_t> payload(size);
    for (std::size_t i = 0; i < size; ++i) {
        payload[i] = static_cast<std::uint8_t>(i * 131 + 7);
    }
    return payload;
}

void BM_UepsMarshal(benchmark::State& state)
{
    const std::size_t size = payloadSize(state);
    const PacketBuilder builder(0x20, payloadOf(size));
    for (auto _ : state) {
        auto packet = builder.marshalAndSign(kKey);
        benchmark::DoNotOptimize(packet);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void BM_UepsReadVerify(benchmark::State& state)
{
    const std::size_t size = payloadSize(state);
    auto packet = PacketBuilder(0x20, payloadOf(size)).marshalAndSign(kKey);
    if (!packet || !lethean::ueps::readAndVerify(*packet, kKey)) {
        state.SkipWithError("the packet does not round-trip");
        return;
    }
    for (auto _ : state) {
        auto read = lethean::ueps::readAndVerify(*packet, kKey);
        benchmark::DoNotOptimize(read);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

// The baseline: the cheapest honest use of libcrypto for one keyed MAC per message. The algorithm is
// fetched and the context built once, outside the loop; each iteration keys, MACs and finalises.
void BM_HmacSha256(benchmark::State& state)
{
    const auto size = static_cast<std::size_t>(state.range(0));
    const std::vector<std::uint8_t> data = payloadOf(size);
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* ctx = mac != nullptr ? EVP_MAC_CTX_new(mac) : nullptr;
    char digestName[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
                                 OSSL_PARAM_construct_end()};
    if (ctx == nullptr || EVP_MAC_CTX_set_params(ctx, params) != 1) {
        state.SkipWithError("EVP_MAC HMAC/SHA256 unavailable");
    } else {
        unsigned char digest[32];
        std::size_t written = 0;
        for (auto _ : state) {
            EVP_MAC_init(ctx, kKey.data(), kKey.size(), nullptr);
            EVP_MAC_update(ctx, data.data(), data.size());
            EVP_MAC_final(ctx, digest, &written, sizeof digest);
            benchmark::DoNotOptimize(digest);
        }
        state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
    }
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
}

// For reference only: OpenSSL 3's one-shot HMAC() fetches the algorithm and builds a context on every
// call, the per-message setup that HmacSha256 avoids by fetching once and reusing a context.
void BM_HmacSha256OneShot(benchmark::State& state)
{
    const auto size = static_cast<std::size_t>(state.range(0));
    const std::vector<std::uint8_t> data = payloadOf(size);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int written = 0;
    for (auto _ : state) {
        HMAC(EVP_sha256(), kKey.data(), static_cast<int>(kKey.size()), data.data(), data.size(), digest,
             &written);
        benchmark::DoNotOptimize(digest);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

} // namespace

BENCHMARK(BM_UepsMarshal)->Arg(64)->Arg(1024)->Arg(65536);
BENCHMARK(BM_UepsReadVerify)->Arg(64)->Arg(1024)->Arg(65536);
BENCHMARK(BM_HmacSha256)->Arg(64)->Arg(1024)->Arg(65536);
BENCHMARK(BM_HmacSha256OneShot)->Arg(64)->Arg(1024)->Arg(65536);
