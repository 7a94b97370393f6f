// The protocol 2.0 Noise core in memory, against its floor.
//
// BM_NoiseHandshake: one full Noise_XX_25519_ChaChaPoly_SHA256 handshake, both sides (initialize,
//   three messages, split), with fresh ephemeral keys each time and the long-term static keys made
//   once outside the loop, as a node has them. Reported as handshakes per second (items/s).
// BM_X25519_DH: one libsodium crypto_scalarmult, the baseline. XX costs 8 scalar multiplications in
//   all (per side: one ephemeral key generation and the ee, es and se DHs), so the goal is a handshake
//   at most 9x one DH: the hashing, AEAD and bookkeeping may add about one DH's worth on top.
// BM_NoiseTransport/1024: encrypt and decrypt one 1 KiB transport message with the split CipherStates.

#include "node/noise/handshake_pattern.h"
#include "node/noise/handshake_state.h"
#include "node/noise/key_pair.h"
#include "node/sodium_runtime.h"

#include <QByteArray>
#include <array>
#include <benchmark/benchmark.h>
#include <cstdint>
#include <optional>
#include <sodium.h>

using namespace lethean::node::noise;
using Role = HandshakeState::Role;

namespace {

const QByteArray kPrologue = QByteArrayLiteral("lethean bench_noise");

std::optional<KeyPair> newKey()
{
    auto pair = KeyPair::generate();
    if (!pair)
        return std::nullopt;
    return std::move(pair).value();
}

struct Sides
{
    TransportCiphers initiator;
    TransportCiphers responder;
};

// One complete XX handshake, both sides. The static key pairs are the nodes' long-lived identities,
// made once; each handshake gets its own copy (HandshakeState owns what it is given) and generates its
// own ephemeral keys, as in production.
std::optional<Sides> handshake(const KeyPair& initiatorStatic, const KeyPair& responderStatic)
{
    auto initiator = HandshakeState::initialize(HandshakePattern::xx(), Role::Initiator, kPrologue,
                                                initiatorStatic.clone());
    auto responder = HandshakeState::initialize(HandshakePattern::xx(), Role::Responder, kPrologue,
                                                responderStatic.clone());
    if (!initiator || !responder)
        return std::nullopt;
    auto m1 = initiator->writeMessage({});
    if (!m1 || !responder->readMessage(m1->data))
        return std::nullopt;
    auto m2 = responder->writeMessage({});
    if (!m2 || !initiator->readMessage(m2->data))
        return std::nullopt;
    auto m3 = initiator->writeMessage({});
    if (!m3)
        return std::nullopt;
    auto last = responder->readMessage(m3->data);
    if (!last || !m3->ciphers || !last->ciphers)
        return std::nullopt;
    return Sides{std::move(*m3->ciphers), std::move(*last->ciphers)};
}

void BM_NoiseHandshake(benchmark::State& state)
{
    const auto initiatorStatic = newKey();
    const auto responderStatic = newKey();
    if (!initiatorStatic || !responderStatic) {
        state.SkipWithError("no static keys");
        return;
    }
    for (auto _ : state) {
        auto sides = handshake(*initiatorStatic, *responderStatic);
        if (!sides) {
            state.SkipWithError("the handshake failed");
            return;
        }
        benchmark::DoNotOptimize(sides);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_X25519_DH(benchmark::State& state)
{
    if (!lethean::node::ensureSodium()) {
        state.SkipWithError("libsodium could not be initialised");
        return;
    }
    std::array<unsigned char, crypto_scalarmult_SCALARBYTES> secret{};
    std::array<unsigned char, crypto_scalarmult_BYTES> peerPublic{};
    std::array<unsigned char, crypto_scalarmult_BYTES> shared{};
    randombytes_buf(secret.data(), secret.size());
    std::array<unsigned char, crypto_scalarmult_SCALARBYTES> peerSecret{};
    randombytes_buf(peerSecret.data(), peerSecret.size());
    if (crypto_scalarmult_base(peerPublic.data(), peerSecret.data()) != 0) {
        state.SkipWithError("no peer key");
        return;
    }
    for (auto _ : state) {
        if (crypto_scalarmult(shared.data(), secret.data(), peerPublic.data()) != 0) {
            state.SkipWithError("DH failed");
            return;
        }
        benchmark::DoNotOptimize(shared);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_NoiseTransport(benchmark::State& state)
{
    const auto initiatorStatic = newKey();
    const auto responderStatic = newKey();
    auto session =
        initiatorStatic && responderStatic ? handshake(*initiatorStatic, *responderStatic) : std::nullopt;
    if (!session) {
        state.SkipWithError("the handshake failed");
        return;
    }
    const QByteArray payload(static_cast<qsizetype>(state.range(0)), 'p');
    for (auto _ : state) {
        auto sealed = session->initiator.send.encryptWithAd({}, payload);
        auto opened = session->responder.receive.decryptWithAd({}, *sealed);
        if (!opened) {
            state.SkipWithError("decryption failed");
            return;
        }
        benchmark::DoNotOptimize(opened);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

} // namespace

BENCHMARK(BM_NoiseHandshake);
BENCHMARK(BM_X25519_DH);
BENCHMARK(BM_NoiseTransport)->Arg(1024);
