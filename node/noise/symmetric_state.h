#pragma once

#include "node/noise/cipher_state.h"
#include "node/noise/noise_error.h"
#include "node/noise/noise_hash.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <utility>

namespace lethean::node::noise {

// Noise §5.2 SymmetricState with SHA256 (§12.5): the chaining key ck, the handshake hash h and a
// CipherState. HKDF is §4.3's, on HMAC-SHA256 (NoiseHash). Move-only; ck is wiped on destruction.
class SymmetricState
{
public:
    // InitializeSymmetric(protocol_name): h = the name zero-padded to 32 bytes, or SHA-256(name) when
    // it is longer; ck = h; no key.
    static Result<SymmetricState, NoiseError> initialize(QByteArrayView protocolName);

    ~SymmetricState();
    SymmetricState(SymmetricState&& other) noexcept;
    SymmetricState& operator=(SymmetricState&& other) noexcept;
    SymmetricState(const SymmetricState&) = delete;
    SymmetricState& operator=(const SymmetricState&) = delete;

    // MixKey(ikm): ck, temp_k = HKDF(ck, ikm, 2); InitializeKey(temp_k).
    Result<void, NoiseError> mixKey(QByteArrayView inputKeyMaterial);
    // MixHash(data): h = SHA-256(h || data).
    Result<void, NoiseError> mixHash(QByteArrayView data);
    // MixKeyAndHash(ikm): ck, temp_h, temp_k = HKDF(ck, ikm, 3); MixHash(temp_h); InitializeKey(temp_k).
    // Only psk patterns use it; kept for completeness of §5.2.
    Result<void, NoiseError> mixKeyAndHash(QByteArrayView inputKeyMaterial);

    // GetHandshakeHash(): h (32 bytes). After the handshake it names the session (channel binding).
    QByteArray handshakeHash() const;
    bool hasKey() const { return m_cipher.hasKey(); }

    // EncryptAndHash(plaintext): c = EncryptWithAd(h, plaintext); MixHash(c).
    Result<QByteArray, NoiseError> encryptAndHash(QByteArrayView plaintext);
    // DecryptAndHash(ciphertext): p = DecryptWithAd(h, ciphertext); MixHash(ciphertext).
    Result<QByteArray, NoiseError> decryptAndHash(QByteArrayView ciphertext);

    // Split(): temp_k1, temp_k2 = HKDF(ck, empty, 2); returns (c1, c2) where c1 encrypts initiator to
    // responder and c2 responder to initiator. Wipes ck and k afterwards (§5.2: the SymmetricState
    // may be deleted except for h); handshakeHash() stays valid.
    Result<std::pair<CipherState, CipherState>, NoiseError> split();

    // Wipes ck and k, keeping h: for a handshake that failed and must hold no key material.
    void wipeSecrets();

private:
    SymmetricState() = default;

    NoiseHash::Digest m_chainingKey{};
    NoiseHash::Digest m_hash{};
    CipherState m_cipher;
};

} // namespace lethean::node::noise
