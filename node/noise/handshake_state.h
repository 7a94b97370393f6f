#pragma once

#include "node/noise/handshake_pattern.h"
#include "node/noise/key_pair.h"
#include "node/noise/noise_error.h"
#include "node/noise/symmetric_state.h"
#include "node/noise/transport_ciphers.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace lethean::node::noise {

// Noise §5.3 HandshakeState for Noise_{NN,XX,IK}_25519_ChaChaPoly_SHA256: runs a pattern's messages
// in turn, processing the tokens e, s, ee, es, se and ss, and after the last message hands out the two
// transport CipherStates from Split().
//
// Fail-closed: any error (a key of the wrong length, a message too short, too long or that does not
// authenticate, an all-zero DH, calling out of turn) is returned as a value and moves the state to
// Failed, wiping its secrets; every later call answers WrongState. A handshake gets no second chance.
// Move-only.
class HandshakeState
{
public:
    enum class Role
    {
        Initiator,
        Responder
    };

    // What WriteMessage/ReadMessage produce: the message to send (write) or the decrypted payload
    // (read), and, after the pattern's last message, the transport ciphers.
    struct Output
    {
        QByteArray data;
        std::optional<TransportCiphers> ciphers;
    };

    // Initialize(handshake_pattern, initiator, prologue, s, e, rs, re) (§5.3). s is this side's
    // static key pair (required when the pattern uses it), rs the peer's static public key when a
    // pre-message carries it (IK's initiator). e, when given, is used for this side's "e" token instead
    // of a freshly generated key pair: only for test vectors and benchmarks, never in production.
    static Result<HandshakeState, NoiseError> initialize(const HandshakePattern& pattern, Role role,
                                                         QByteArrayView prologue,
                                                         std::optional<KeyPair> s = std::nullopt,
                                                         std::optional<KeyPair> e = std::nullopt,
                                                         QByteArrayView rs = {}, QByteArrayView re = {});

    ~HandshakeState() = default;
    HandshakeState(HandshakeState&&) noexcept = default;
    HandshakeState& operator=(HandshakeState&&) noexcept = default;
    HandshakeState(const HandshakeState&) = delete;
    HandshakeState& operator=(const HandshakeState&) = delete;

    // WriteMessage(payload) / ReadMessage(message) (§5.3). A Noise message is at most 65535 bytes, so
    // the payload must leave room for the keys and tags the message carries.
    Result<Output, NoiseError> writeMessage(QByteArrayView payload);
    Result<Output, NoiseError> readMessage(QByteArrayView message);

    Role role() const { return m_role; }
    bool isInitiator() const { return m_role == Role::Initiator; }
    // True when the next call must be writeMessage (and the handshake is still running).
    bool isWriteTurn() const;
    bool isComplete() const { return m_status == Status::Complete; }
    bool hasFailed() const { return m_status == Status::Failed; }

    // "Noise_XX_25519_ChaChaPoly_SHA256" and the like.
    QByteArray protocolName() const;
    // GetHandshakeHash(): h, final once the handshake is complete; both sides then hold the same value.
    QByteArray handshakeHash() const { return m_symmetric.handshakeHash(); }
    // The peer's static public key once the transcript carried it (or as given), else empty. Only
    // authenticated once the handshake is complete.
    QByteArray remoteStaticKey() const { return m_rs; }
    QByteArray remoteEphemeralKey() const { return m_re; }

private:
    enum class Status
    {
        Running,
        Complete,
        Failed
    };

    HandshakeState(const HandshakePattern& pattern, Role role, SymmetricState symmetric);

    static Result<void, NoiseError> checkKeys(const HandshakePattern& pattern, Role role, bool hasS,
                                              bool hasE, QByteArrayView rs, QByteArrayView re);
    Result<void, NoiseError> mixPreMessages();
    Result<void, NoiseError> writeToken(HandshakePattern::Token token, QByteArray& out);
    Result<void, NoiseError> readToken(HandshakePattern::Token token, QByteArrayView& message);
    Result<void, NoiseError> mixDh(HandshakePattern::Token token);
    Result<Output, NoiseError> finishMessage(QByteArray data);
    // Marks the state Failed, wipes its secrets and passes the error on.
    Unexpected<NoiseError> abort(NoiseError error);

    const HandshakePattern* m_pattern;
    Role m_role;
    SymmetricState m_symmetric;
    std::optional<KeyPair> m_s;
    std::optional<KeyPair> m_e;
    QByteArray m_rs;
    QByteArray m_re;
    qsizetype m_messageIndex = 0;
    Status m_status = Status::Running;
};

} // namespace lethean::node::noise
