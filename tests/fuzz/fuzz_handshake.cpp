// libFuzzer target for both halves of the protocol 1.0 handshake (WIRE.md §2.4, §2.5): untrusted bytes
// go to ServerHandshake::evaluate, ClientHandshake::evaluateAck and the envelope and payload parsers
// they stand on. Never a crash, and every verdict obeys the invariants below (abort() on a violation,
// so the fuzzer reports it).
//
// Input: byte 0 picks the configuration, the rest is the frame.
//   bit 0: the server's authority is an allowlist (else open);
//   bit 1: the client's authority is an allowlist (else open);
//   bit 2: the client dialled the server by ID (else by address, expecting no particular peer).
// The identities are go-vectors.json's: the server is B and the client A, and each allowlist holds
// only the other's key, so the seed frames from go-vectors.json get through every check.

#include "node/client_handshake.h"
#include "node/identity_crypto.h"
#include "node/key_allowlist.h"
#include "node/message.h"
#include "node/node_identity.h"
#include "node/payloads.h"
#include "node/server_handshake.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>

using namespace lethean::node;
using namespace Qt::StringLiterals;

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

NodeIdentity vectorIdentity(const char* privateKeyHex, const QString& name, NodeRole role)
{
    auto identity = NodeIdentity::fromPrivateKey(QByteArray::fromHex(privateKeyHex), name, role,
                                                 GoTime::fromUnix(1767225600, 0)); // 2026-01-01T00:00:00Z
    check(identity.ok());
    return std::move(identity).value();
}

// Built once: deriving keys per input would only slow the fuzzer down, and none of this changes.
struct Fixture
{
    NodeIdentity server = vectorIdentity("2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40",
                                         u"vector-b"_s, NodeRole::Worker);
    NodeIdentity client = vectorIdentity("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
                                         u"vector-a"_s, NodeRole::Controller);
    KeyAllowlist open{KeyAllowlist::Mode::Open};
    KeyAllowlist serverAllowlist{KeyAllowlist::Mode::Allowlist};
    KeyAllowlist clientAllowlist{KeyAllowlist::Mode::Allowlist};

    Fixture()
    {
        serverAllowlist.allow(client.publicKey());
        clientAllowlist.allow(server.publicKey());
    }
};

const Fixture& fixture()
{
    static const Fixture instance;
    return instance;
}

// A parsed payload written back and read again is the same payload. Only for a payload that was
// present: the default P that an absent one gives has a null createdAt, which no reader accepts.
template <typename P> void checkPayloadRoundTrip(const Message& message)
{
    auto payload = parsePayload<P>(message);
    if (!payload) {
        check(!payload.error().message.isEmpty());
        return;
    }
    if (!message.hasPayload())
        return;
    auto again = P::fromJson(payload->toJson());
    check(again.ok() && *again == *payload);
}

// Every ack the server writes is a handshake_ack from the server to the claimed ID, carrying the
// server's own identity.
HandshakeAckPayload checkServerAck(const QByteArray& reply, const QString& peerId)
{
    const Fixture& f = fixture();
    check(!reply.isEmpty());
    auto message = Message::fromJson(reply);
    check(message.ok());
    check(message->type == MessageType::HandshakeAck && message->from == f.server.id() &&
          message->to == peerId && message->replyTo.isEmpty());
    auto ack = parsePayload<HandshakeAckPayload>(*message);
    check(ack.ok() && ack->identity == f.server.publicIdentity());
    return std::move(ack).value();
}

void checkServer(QByteArrayView frame, bool allowlist)
{
    using Outcome = ServerHandshake::Verdict::Outcome;
    const Fixture& f = fixture();
    const ServerHandshake handshake(f.server, allowlist ? f.serverAllowlist : f.open);
    const ServerHandshake::Verdict verdict = handshake.evaluate(frame);
    check(!verdict.reason.isEmpty());

    switch (verdict.outcome) {
    case Outcome::Drop:
        check(verdict.reply.isEmpty() && verdict.peerPublicKey.isEmpty() && verdict.sharedSecret.isEmpty());
        return;
    case Outcome::Reject: {
        check(verdict.peerPublicKey.isEmpty() && verdict.sharedSecret.isEmpty());
        const HandshakeAckPayload ack = checkServerAck(verdict.reply, verdict.peer.id);
        check(!ack.accepted && !ack.reason.isEmpty() && ack.challengeResponse.isEmpty());
        // A client, however configured, reads a rejection as one.
        const ClientHandshake client(f.client, f.open, QString());
        auto answer = client.evaluateAck(verdict.reply);
        check(!answer.ok() && answer.error() == u"handshake rejected: "_s + ack.reason);
        return;
    }
    case Outcome::Accept: {
        check(verdict.peerPublicKey.size() == kPublicKeySize &&
              verdict.sharedSecret.size() == kSharedSecretSize);
        // The claimed ID is bound to the presented key (WIRE.md §13.2), and an allowlist is asked about
        // that key (§13.1).
        check(verdict.peer.id == nodeIdForPublicKey(verdict.peerPublicKey));
        check(!allowlist || verdict.peerPublicKey == f.client.publicKey());
        auto secret = f.server.deriveSharedSecret(QByteArrayView(verdict.peerPublicKey));
        check(secret.ok() && secret->equals(verdict.sharedSecret));

        // Only a well-formed handshake of a supported version gets this far, and what it claimed is
        // what the verdict reports.
        auto message = Message::fromJson(frame);
        check(message.ok() && message->type == MessageType::Handshake);
        auto hello = parsePayload<HandshakePayload>(*message);
        check(hello.ok() && isProtocolVersionSupported(hello->version) && hello->identity == verdict.peer);

        // The ack proves the server's key by signing the client's challenge, and signs nothing when
        // there was none (as Go does).
        const HandshakeAckPayload ack = checkServerAck(verdict.reply, verdict.peer.id);
        check(ack.accepted && ack.reason.isEmpty());
        if (hello->challenge.isEmpty())
            check(ack.challengeResponse.isEmpty());
        else
            check(verifyChallenge(hello->challenge, ack.challengeResponse, verdict.sharedSecret));
        return;
    }
    }
}

// The client never called request() (its challenge would be random, and runs irreproducible), so
// its challenge is empty and the only response it can accept is HMAC(secret, ""). The seed corpus
// holds such an ack, from B.
void checkClient(QByteArrayView frame, bool allowlist, bool dialledById)
{
    const Fixture& f = fixture();
    const ClientHandshake handshake(f.client, allowlist ? f.clientAllowlist : f.open,
                                    dialledById ? f.server.id() : QString());
    auto result = handshake.evaluateAck(frame);
    if (!result) {
        check(!result.error().isEmpty());
        return;
    }
    const ClientHandshake::Accepted& accepted = *result;
    check(accepted.peerPublicKey.size() == kPublicKeySize &&
          accepted.sharedSecret.size() == kSharedSecretSize);
    check(accepted.peer.id == nodeIdForPublicKey(accepted.peerPublicKey));
    // Dialling by ID pins the key; an allowlist admits only the server's key.
    check(!dialledById || accepted.peerPublicKey == f.server.publicKey());
    check(!allowlist || accepted.peerPublicKey == f.server.publicKey());
    auto secret = f.client.deriveSharedSecret(QByteArrayView(accepted.peerPublicKey));
    check(secret.ok() && secret->equals(accepted.sharedSecret));

    auto message = Message::fromJson(frame);
    check(message.ok() && message->type == MessageType::HandshakeAck);
    auto ack = parsePayload<HandshakeAckPayload>(*message);
    check(ack.ok() && ack->accepted && ack->identity == accepted.peer);
    check(verifyChallenge(QByteArray(), ack->challengeResponse, accepted.sharedSecret));
}

void checkParsers(QByteArrayView frame)
{
    auto message = Message::fromJson(frame);
    if (!message) {
        check(!message.error().message.isEmpty());
        return;
    }
    checkPayloadRoundTrip<HandshakePayload>(*message);
    checkPayloadRoundTrip<HandshakeAckPayload>(*message);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t flags = data[0];
    const QByteArrayView frame(data + 1, static_cast<qsizetype>(size - 1));
    checkParsers(frame);
    checkServer(frame, (flags & 0x01) != 0);
    checkClient(frame, (flags & 0x02) != 0, (flags & 0x04) != 0);
    return 0;
}
