#include "node/noise_handshake.h"

#include "node/identity_crypto.h"
#include "node/node_identity.h"
#include "node/payloads.h"
#include "node/peer_authority.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
using Failure = NoiseHandshake::Failure;

Unexpected<Failure> failure(const QString& reason, bool tellPeer = false, const PublicIdentity& peer = {})
{
    return fail(Failure{reason, tellPeer, peer});
}

Result<noise::HandshakeState, Failure> makeState(const NodeIdentity& self, noise::HandshakeState::Role role,
                                                 const QByteArray& prologue,
                                                 std::optional<noise::KeyPair> ephemeral)
{
    auto key = self.noiseStaticKey();
    if (!key)
        return failure(u"no Noise static key: "_s + key.error().message);
    auto state = noise::HandshakeState::initialize(noise::HandshakePattern::xx(), role, prologue, std::move(*key),
                                                   std::move(ephemeral));
    if (!state)
        return failure(u"cannot start the Noise handshake: "_s + state.error().message);
    return std::move(*state);
}
} // namespace

QByteArray NoiseHandshake::prologue(const QString& selectedSubprotocol)
{
    return "lethean-p2p/2.0;subprotocol=" + selectedSubprotocol.toUtf8();
}

NoiseHandshake::NoiseHandshake(const NodeIdentity& self, const PeerAuthority& authority, QString expectedPeerId,
                               noise::HandshakeState state)
    : m_self(&self), m_authority(&authority), m_expectedPeerId(std::move(expectedPeerId)), m_state(std::move(state))
{
}

Result<NoiseHandshake, Failure> NoiseHandshake::initiator(const NodeIdentity& self, const PeerAuthority& authority,
                                                          const QString& expectedPeerId, const QByteArray& prologue,
                                                          std::optional<noise::KeyPair> ephemeral)
{
    auto state = makeState(self, noise::HandshakeState::Role::Initiator, prologue, std::move(ephemeral));
    if (!state)
        return fail(state.error());
    return NoiseHandshake(self, authority, expectedPeerId, std::move(*state));
}

Result<NoiseHandshake, Failure> NoiseHandshake::responder(const NodeIdentity& self, const PeerAuthority& authority,
                                                          const QByteArray& prologue,
                                                          std::optional<noise::KeyPair> ephemeral)
{
    auto state = makeState(self, noise::HandshakeState::Role::Responder, prologue, std::move(ephemeral));
    if (!state)
        return fail(state.error());
    return NoiseHandshake(self, authority, QString(), std::move(*state));
}

QByteArray NoiseHandshake::ownPayload() const
{
    HandshakePayload payload;
    payload.identity = m_self->publicIdentity();
    payload.version = u"2.0"_s;
    return payload.toJson();
}

Result<QByteArray, Failure> NoiseHandshake::start()
{
    if (!m_state.isInitiator() || !m_state.isWriteTurn())
        return failure(u"noise handshake: start() out of turn"_s);
    auto first = m_state.writeMessage({});
    if (!first)
        return failure(u"noise handshake: "_s + first.error().message);
    return std::move(first->data);
}

Result<PublicIdentity, Failure> NoiseHandshake::checkPeer(QByteArrayView payload) const
{
    auto parsed = HandshakePayload::fromJson(payload);
    if (!parsed)
        return failure(u"unreadable handshake payload: "_s + parsed.error().message);
    const PublicIdentity& claimed = parsed->identity;
    const QByteArray provedKey = m_state.remoteStaticKey();
    // Identity comes from the key the transcript proved, never from a claimed field.
    if (decodePublicKey(claimed.publicKey) != std::optional<QByteArray>(provedKey))
        return failure(u"identity claims a key other than the one it proved"_s, true, claimed);
    if (claimed.id != nodeIdForPublicKey(provedKey))
        return failure(u"peer ID does not match its public key"_s, true, claimed);
    if (parsed->version != u"2.0"_s)
        return failure(u"unexpected protocol version %1 in a Noise handshake"_s.arg(parsed->version), true, claimed);
    if (!m_expectedPeerId.isEmpty() && claimed.id != m_expectedPeerId)
        return failure(u"dialled peer %1 but the server is %2"_s.arg(m_expectedPeerId, claimed.id), false, claimed);
    if (!m_authority->isPeerAllowed(claimed.id, provedKey))
        return failure(m_state.isInitiator() ? u"server %1 is not authorized"_s.arg(claimed.id)
                                             : u"peer not authorized"_s,
                       true, claimed);
    return claimed;
}

Result<NoiseHandshake::Step, Failure> NoiseHandshake::receive(QByteArrayView message)
{
    auto read = m_state.readMessage(message);
    if (!read)
        return failure(u"noise handshake: "_s + read.error().message);

    if (m_state.isInitiator()) {
        // Message 2: the responder's identity, proved by its static key.
        auto peer = checkPeer(read->data);
        if (!peer)
            return fail(Failure{peer.error().reason, false, peer.error().peer});
        auto third = m_state.writeMessage(ownPayload());
        if (!third || !third->ciphers)
            return failure(u"noise handshake: "_s + (third ? u"no transport keys"_s : third.error().message));
        m_result = Authenticated{*peer, m_state.remoteStaticKey(), std::move(*third->ciphers)};
        return Step{std::move(third->data), true};
    }

    if (!read->ciphers) {
        // Message 1: answer with message 2, carrying our identity.
        auto second = m_state.writeMessage(ownPayload());
        if (!second)
            return failure(u"noise handshake: "_s + second.error().message);
        return Step{std::move(second->data), false};
    }
    // Message 3: the initiator's identity. The ciphers exist either way, so a rejection can be sent
    // encrypted; the caller keeps the connection only on success.
    m_result = Authenticated{{}, m_state.remoteStaticKey(), std::move(*read->ciphers)};
    auto peer = checkPeer(read->data);
    if (!peer)
        return fail(peer.error());
    m_result->peer = *peer;
    return Step{{}, true};
}

NoiseHandshake::Authenticated NoiseHandshake::takeResult()
{
    Authenticated result = std::move(*m_result);
    m_result.reset();
    return result;
}

} // namespace lethean::node
