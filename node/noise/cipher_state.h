#pragma once

#include "node/noise/noise_constants.h"
#include "node/noise/noise_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <array>

namespace lethean::node::noise {

// Noise §5.1 CipherState with the ChaChaPoly cipher functions of §12.3: a key k (or none) and a
// 64-bit counter nonce n. ENCRYPT is libsodium's ChaCha20-Poly1305 IETF with the 96-bit nonce
// 4 zero bytes || little-endian n. After the handshake the transport uses one CipherState per
// direction: each message must be decrypted in the order it was encrypted, so a replayed, reordered or
// dropped message fails authentication.
//
// Every operation also enforces the 65535-byte Noise message limit (§3). A failed decryption leaves n
// unchanged, as §5.1 says; the caller decides whether to go on (the transport closes the connection).
// Move-only: a key never silently multiplies; the key is wiped on destruction and when moved away.
class CipherState
{
public:
    CipherState() = default; // no key: EncryptWithAd/DecryptWithAd pass data through (§5.1)
    ~CipherState();
    CipherState(CipherState&& other) noexcept;
    CipherState& operator=(CipherState&& other) noexcept;
    CipherState(const CipherState&) = delete;
    CipherState& operator=(const CipherState&) = delete;

    // InitializeKey(key): key is 32 bytes, or empty for "no key". Sets n = 0.
    Result<void, NoiseError> initializeKey(QByteArrayView key);
    bool hasKey() const { return m_hasKey; }
    // SetNonce(n); for test vectors and for tests of the nonce limit.
    void setNonce(quint64 nonce) { m_nonce = nonce; }
    quint64 nonce() const { return m_nonce; }

    // EncryptWithAd / DecryptWithAd (§5.1). Refused when n is the reserved 2^64-1 (NonceExhausted),
    // when the output or input exceeds 65535 bytes (TooLarge), and, for decryption, when the input is
    // shorter than the tag (Malformed) or the tag does not verify (Authentication).
    Result<QByteArray, NoiseError> encryptWithAd(QByteArrayView ad, QByteArrayView plaintext);
    // EncryptWithAd into `out`, which has room for plaintext.size() bytes plus the tag when there is
    // a key (a frame being built: no intermediate buffer).
    Result<void, NoiseError> encryptWithAdInto(QByteArrayView ad, QByteArrayView plaintext, char* out);
    Result<QByteArray, NoiseError> decryptWithAd(QByteArrayView ad, QByteArrayView ciphertext);

    // Rekey() (§4.2, §11.3): k = the first 32 bytes of ENCRYPT(k, 2^64-1, empty, 32 zero bytes); n is
    // unchanged. Both sides must rekey at the same point in the message stream.
    Result<void, NoiseError> rekey();

private:
    using Key = std::array<unsigned char, kKeyLen>;
    using Nonce = std::array<unsigned char, 12>;

    static Nonce nonceBytes(quint64 n);
    Result<void, NoiseError> checkNonce() const;
    void wipe();

    Key m_key{};
    quint64 m_nonce = 0;
    bool m_hasKey = false;
};

} // namespace lethean::node::noise
