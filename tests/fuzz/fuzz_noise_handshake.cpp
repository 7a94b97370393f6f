// libFuzzer target for the protocol 2.0 Noise handshake (node/noise/HandshakeState): arbitrary bytes
// stand in for one handshake message, after the genuine messages before it, for either role. It must
// never crash, and it must never accept a forged authenticated message nor complete a handshake on
// one: abort() on a violation, so the fuzzer reports it.
//
// Input: the last byte picks the case (the provider takes integers from the back), the rest is the
// message that the reading side receives at that step:
//   0  XX, responder reads message 1   (-> e: nothing authenticates it, so it may be accepted, but
//                                       the responder cannot complete from there)
//   1  XX, initiator reads message 2   (<- e, ee, s, es) after a genuine message 1
//   2  XX, responder reads message 3   (-> s, se) after genuine messages 1 and 2
//   3  IK, responder reads message 1   (-> e, es, s, ss)
//   4  IK, initiator reads message 2   (<- e, ee, se) after a genuine message 1
//   5  NN, responder reads message 1   (-> e)
//   6  NN, initiator reads message 2   (<- e, ee) after a genuine message 1
// Keys, prologue and payloads are the cacophony vectors' (shared/spec/noise-vectors), ephemerals
// included, so the genuine messages are the vectors' ciphertexts: the seed corpus holds them (each
// followed by its case byte) and a few truncated and bit-flipped variants. Only the genuine message may
// be accepted where the transcript is authenticated; anything else accepted would be a forgery.

#include "node/noise/handshake_pattern.h"
#include "node/noise/handshake_state.h"
#include "node/noise/key_pair.h"

#include <QByteArray>
#include <QByteArrayView>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <optional>
#include <vector>

using namespace lethean::node::noise;
using Role = HandshakeState::Role;
using Token = HandshakePattern::Token;

// UBSan only prints by default (the fuzz build compiles recoverable checks), and libFuzzer would take
// a printed report for a pass; halting turns undefined behaviour into a reported crash.
extern "C" const char* __ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

const QByteArray kPrologue = QByteArray::fromHex("4a6f686e2047616c74");
const std::array<QByteArray, 3> kPayloads{QByteArray::fromHex("4c756477696720766f6e204d69736573"),
                                          QByteArray::fromHex("4d757272617920526f746862617264"),
                                          QByteArray::fromHex("462e20412e20486179656b")};

KeyPair vectorKey(const char* hex)
{
    auto pair = KeyPair::fromPrivateKey(QByteArray::fromHex(hex));
    check(pair.ok());
    return std::move(pair).value();
}

KeyPair staticKey(Role role)
{
    return vectorKey(role == Role::Initiator
                         ? "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1"
                         : "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893");
}

KeyPair ephemeralKey(Role role)
{
    return vectorKey(role == Role::Initiator
                         ? "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a"
                         : "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");
}

HandshakeState start(const HandshakePattern& pattern, Role role)
{
    const bool usesStatic = &pattern != &HandshakePattern::nn();
    QByteArray remoteStatic;
    if (&pattern == &HandshakePattern::ik() && role == Role::Initiator)
        remoteStatic = staticKey(Role::Responder).publicKey().toByteArray();
    auto state = HandshakeState::initialize(
        pattern, role, kPrologue, usesStatic ? std::optional<KeyPair>(staticKey(role)) : std::nullopt,
        ephemeralKey(role), remoteStatic);
    check(state.ok());
    return std::move(state).value();
}

// Whether the payload of message `step` is encrypted, i.e. a DH token came at or before it: only
// then can a reader tell a forged message from the genuine one.
bool authenticated(const HandshakePattern& pattern, size_t step)
{
    for (size_t i = 0; i <= step; ++i) {
        for (const Token token : pattern.messages()[i]) {
            if (token != Token::E && token != Token::S)
                return true;
        }
    }
    return false;
}

void fuzzStep(const HandshakePattern& pattern, size_t step, const QByteArray& received)
{
    HandshakeState initiator = start(pattern, Role::Initiator);
    HandshakeState responder = start(pattern, Role::Responder);
    QByteArray genuine;
    for (size_t i = 0; i <= step; ++i) {
        HandshakeState& writer = i % 2 == 0 ? initiator : responder;
        auto written = writer.writeMessage(kPayloads[i]);
        check(written.ok());
        genuine = written->data;
        if (i < step) {
            HandshakeState& reader = i % 2 == 0 ? responder : initiator;
            check(reader.readMessage(genuine).ok());
        }
    }

    HandshakeState& reader = step % 2 == 0 ? responder : initiator;
    auto read = reader.readMessage(received);
    const bool isGenuine = received == genuine;
    if (!read.ok()) {
        check(!isGenuine);
        // Fail-closed: the state is dead, even for the genuine message now.
        check(reader.hasFailed() && !reader.isComplete());
        check(!reader.readMessage(genuine).ok() && !reader.writeMessage({}).ok());
        return;
    }
    check(isGenuine || !authenticated(pattern, step)); // a forged authenticated message got through
    check(!read->ciphers || isGenuine);                // a handshake completed on a forged message
    if (isGenuine)
        check(read->data == kPayloads[step]);
    if (!isGenuine && reader.isWriteTurn()) {
        // An unauthenticated message was taken: the reader answers (or refuses a low-order key). Where
        // the forger still has a message to send (XX's message 3), the reader cannot complete before
        // reading it, and that message authenticates the transcript. NN's responder does complete
        // here: NN authenticates no one, by design.
        auto answer = reader.writeMessage({});
        if (step + 2 < pattern.messages().size())
            check((!answer.ok() || !answer->ciphers) && !reader.isComplete());
    }
}

struct Case
{
    const HandshakePattern& pattern;
    size_t step;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::array<Case, 7> cases{Case{HandshakePattern::xx(), 0}, Case{HandshakePattern::xx(), 1},
                                    Case{HandshakePattern::xx(), 2}, Case{HandshakePattern::ik(), 0},
                                    Case{HandshakePattern::ik(), 1}, Case{HandshakePattern::nn(), 0},
                                    Case{HandshakePattern::nn(), 1}};
    FuzzedDataProvider provider(data, size);
    const Case& chosen = cases[provider.ConsumeIntegralInRange<size_t>(0, cases.size() - 1)];
    const std::vector<char> rest = provider.ConsumeRemainingBytes<char>();
    fuzzStep(chosen.pattern, chosen.step, QByteArray(rest.data(), qsizetype(rest.size())));
    return 0;
}
