#include "node/client_handshake.h"

#include "node/identity_crypto.h"
#include "node/message.h"
#include "node/node_identity.h"
#include "node/payloads.h"
#include "node/peer_authority.h"

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node {

ClientHandshake::ClientHandshake(const NodeIdentity& self, const PeerAuthority& authority,
                                 const QString& expectedPeerId)
    : m_self(self), m_authority(authority), m_expectedPeerId(expectedPeerId)
{
}

ClientHandshake::~ClientHandshake()
{
    sodium_memzero(m_challenge.data(), static_cast<size_t>(m_challenge.size()));
}

QByteArray ClientHandshake::request()
{
    m_challenge = generateChallenge();
    HandshakePayload payload;
    payload.identity = m_self.publicIdentity();
    payload.challenge = m_challenge;
    payload.version = QString::fromLatin1(kProtocolVersion);
    return Message::create(m_self.id(), m_expectedPeerId, payload).toJson();
}

Result<ClientHandshake::Accepted, QString> ClientHandshake::evaluateAck(QByteArrayView frame) const
{
    auto message = Message::fromJson(frame);
    if (!message)
        return fail(u"unreadable handshake_ack: "_s + message.error().message);
    if (message->type != MessageType::HandshakeAck)
        return fail(u"expected handshake_ack, got %1"_s.arg(messageTypeToString(message->type)));
    auto ack = parsePayload<HandshakeAckPayload>(*message);
    if (!ack)
        return fail(u"unreadable handshake_ack payload: "_s + ack.error().message);
    if (!ack->accepted)
        return fail(u"handshake rejected: "_s + ack->reason);

    const PublicIdentity& server = ack->identity;
    const std::optional<QByteArray> key = decodePublicKey(server.publicKey);
    if (!key)
        return fail(u"server public key is not 32 bytes of standard base64"_s);
    if (nodeIdForPublicKey(*key) != server.id)
        return fail(u"server ID %1 does not match its public key"_s.arg(server.id));
    if (!m_expectedPeerId.isEmpty() && server.id != m_expectedPeerId)
        return fail(u"dialled peer %1 but the server is %2"_s.arg(m_expectedPeerId, server.id));
    if (!m_authority.isPeerAllowed(server.id, *key))
        return fail(u"server %1 is not authorized"_s.arg(server.id));

    auto secret = m_self.deriveSharedSecret(QByteArrayView(*key));
    if (!secret)
        return fail(u"no shared secret with the server key: "_s + secret.error().message);
    if (ack->challengeResponse.isEmpty())
        return fail(u"server sent no challenge response"_s);
    if (!verifyChallenge(m_challenge, ack->challengeResponse, secret->view()))
        return fail(u"challenge response verification failed"_s);
    return Accepted{server, *key, secret->toByteArray()};
}

} // namespace lethean::node
