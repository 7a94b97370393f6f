#include "node/server_handshake.h"

#include "node/identity_crypto.h"
#include "node/message.h"
#include "node/node_identity.h"
#include "node/payloads.h"
#include "node/peer_authority.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
using Outcome = ServerHandshake::Verdict::Outcome;

ServerHandshake::Verdict drop(const QString& reason)
{
    ServerHandshake::Verdict verdict;
    verdict.outcome = Outcome::Drop;
    verdict.reason = reason;
    return verdict;
}

// Go formats the supported list with %v: [1.0]
QString supportedListForWire()
{
    return u'[' + supportedProtocolVersions().join(u' ') + u']';
}
} // namespace

ServerHandshake::ServerHandshake(const NodeIdentity& self, const PeerAuthority& authority, bool protocol1Allowed)
    : m_self(self), m_authority(authority), m_protocol1Allowed(protocol1Allowed)
{
}

ServerHandshake::Verdict ServerHandshake::reject(const PublicIdentity& claimed, const QString& wireReason,
                                                 const QString& logReason) const
{
    HandshakeAckPayload ack;
    ack.identity = m_self.publicIdentity();
    ack.accepted = false;
    ack.reason = wireReason;
    Verdict verdict;
    verdict.outcome = Outcome::Reject;
    verdict.reason = logReason;
    verdict.peer = claimed;
    verdict.reply = Message::create(m_self.id(), claimed.id, ack).toJson();
    return verdict;
}

ServerHandshake::Verdict ServerHandshake::evaluate(QByteArrayView firstFrame) const
{
    auto message = Message::fromJson(firstFrame);
    if (!message)
        return drop(u"unreadable handshake: "_s + message.error().message);
    if (message->type != MessageType::Handshake)
        return drop(u"expected a handshake, got %1"_s.arg(messageTypeToString(message->type)));
    auto payload = parsePayload<HandshakePayload>(*message);
    if (!payload)
        return drop(u"unreadable handshake payload: "_s + payload.error().message);
    const PublicIdentity& claimed = payload->identity;

    if (!isProtocolVersionSupported(payload->version)) {
        const QString reason = u"incompatible protocol version %1, supported: %2"_s.arg(payload->version,
                                                                                       supportedListForWire());
        return reject(claimed, reason, reason);
    }

    const std::optional<QByteArray> key = decodePublicKey(claimed.publicKey);
    if (!key)
        return drop(u"handshake public key is not 32 bytes of standard base64"_s);
    auto secret = m_self.deriveSharedSecret(QByteArrayView(*key));
    if (!secret)
        return drop(u"no shared secret with the presented key: "_s + secret.error().message);

    // go-p2p never checks this, so a client could claim a victim's ID (WIRE.md §13.2).
    if (nodeIdForPublicKey(*key) != claimed.id)
        return reject(claimed, u"peer ID does not match its public key"_s,
                      u"claimed ID %1 is not the hash of the presented key"_s.arg(claimed.id));
    if (!m_authority.isPeerAllowed(claimed.id, *key))
        return reject(claimed, u"peer not authorized"_s, u"peer not authorized (key not allowlisted)"_s);
    if (!m_protocol1Allowed)
        return reject(claimed, u"protocol 2.0 required"_s, u"protocol 1.0 refused: this node requires 2.0"_s);
    if (!m_authority.allowsProtocol(claimed.id, u"1.0"))
        return reject(claimed, u"protocol downgrade refused"_s,
                      u"peer has spoken protocol 2.0 before; 1.0 refused (downgrade)"_s);

    HandshakeAckPayload ack;
    ack.identity = m_self.publicIdentity();
    ack.accepted = true;
    if (!payload->challenge.isEmpty()) // Go signs any challenge length, and none when absent
        ack.challengeResponse = signChallenge(payload->challenge, secret->view());

    Verdict verdict;
    verdict.outcome = Outcome::Accept;
    verdict.reason = u"accepted"_s;
    verdict.peer = claimed;
    verdict.peerPublicKey = *key;
    verdict.sharedSecret = secret->toByteArray();
    verdict.reply = Message::create(m_self.id(), claimed.id, ack).toJson();
    return verdict;
}

} // namespace lethean::node
