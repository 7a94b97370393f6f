#pragma once

#include "node/noise/handshake_state.h"
#include "node/public_identity.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace lethean::node {

class NodeIdentity;
class PeerAuthority;

// Protocol 2.0's handshake: Noise_XX_25519_ChaChaPoly_SHA256 with the node's identity key as the
// static key, as pure functions of messages (no socket). Each handshake message travels in one binary
// WebSocket message:
//
//   1  initiator → responder   -> e                    payload: empty
//   2  responder → initiator   <- e, ee, s, es         payload: HandshakePayload JSON (identity, version "2.0")
//   3  initiator → responder   -> s, se                payload: HandshakePayload JSON
//
// Each side takes the peer's static key from the transcript, derives the peer ID from it and refuses a
// payload whose identity claims another key or ID. The initiator checks the responder (expected peer,
// allowlist) before it sends message 3; the responder checks the initiator after message 3 and gives
// its verdict in the first transport message (a handshake_ack envelope) so a refused client learns why.
// The prologue binds the negotiated WebSocket subprotocol, so tampering with the negotiation breaks
// the handshake.
class NoiseHandshake
{
public:
    static constexpr auto kSubprotocol = "lethean.noise.2";

    struct Failure
    {
        QString reason;
        bool tellPeer = false; // responder after message 3: send a rejection ack before closing
        PublicIdentity peer;   // what the peer claimed, when known
    };

    struct Step
    {
        QByteArray send; // the next handshake message to send; empty when none
        bool complete = false;
    };

    struct Authenticated
    {
        PublicIdentity peer;
        QByteArray peerPublicKey;
        noise::TransportCiphers ciphers;
    };

    static QByteArray prologue(const QString& selectedSubprotocol);

    // `ephemeral` is a test seam (the protocol 2.0 transcript vector): production code leaves it
    // empty so that every handshake draws a fresh ephemeral key.
    static Result<NoiseHandshake, Failure> initiator(const NodeIdentity& self, const PeerAuthority& authority,
                                                     const QString& expectedPeerId, const QByteArray& prologue,
                                                     std::optional<noise::KeyPair> ephemeral = {});
    static Result<NoiseHandshake, Failure> responder(const NodeIdentity& self, const PeerAuthority& authority,
                                                     const QByteArray& prologue,
                                                     std::optional<noise::KeyPair> ephemeral = {});

    // Initiator only: message 1.
    Result<QByteArray, Failure> start();
    // A handshake message from the peer; returns what to send next and whether the handshake is done.
    Result<Step, Failure> receive(QByteArrayView message);
    // Once complete, or after a responder-side refusal of message 3 (Failure::tellPeer): the peer and
    // the transport ciphers (moved out; the refusal is sent with them).
    bool hasResult() const { return m_result.has_value(); }
    Authenticated takeResult();
    // Noise's handshake hash h (32 bytes), final once the handshake is complete: the same on both
    // sides, so it identifies the session (the transcript vector records it).
    QByteArray handshakeHash() const { return m_state.handshakeHash(); }

private:
    NoiseHandshake(const NodeIdentity& self, const PeerAuthority& authority, QString expectedPeerId,
                   noise::HandshakeState state);
    QByteArray ownPayload() const;
    Result<PublicIdentity, Failure> checkPeer(QByteArrayView payload) const;

    const NodeIdentity* m_self;
    const PeerAuthority* m_authority;
    QString m_expectedPeerId;
    noise::HandshakeState m_state;
    std::optional<Authenticated> m_result;
    PublicIdentity m_peer;
};

} // namespace lethean::node
