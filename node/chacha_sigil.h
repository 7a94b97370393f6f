#pragma once

#include "node/codec_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace lethean::node {

// Enchantrix's ChaCha "sigil" (WIRE.md §4): XOR the plaintext with a SHA-256 counter keystream derived
// from the nonce ("pre-obfuscation"), then XChaCha20-Poly1305 (IETF, empty AAD). Output:
// nonce(24) || ciphertext || tag(16). Used by SMSG frames and by STIM bundles, so it lives on its own.
class ChaChaSigil
{
public:
    static constexpr int kKeySize = 32;
    static constexpr int kNonceSize = 24;
    static constexpr int kTagSize = 16;
    static constexpr int kOverhead = kNonceSize + kTagSize;

    // key must be 32 bytes. A random nonce is drawn from libsodium's CSPRNG.
    static Result<QByteArray, CodecError> seal(QByteArrayView key, QByteArrayView plaintext);
    // Deterministic variant for test vectors: the caller supplies the 24-byte nonce.
    static Result<QByteArray, CodecError> sealWithNonce(QByteArrayView key, QByteArrayView plaintext,
                                                        QByteArrayView nonce);
    static Result<QByteArray, CodecError> open(QByteArrayView key, QByteArrayView sealed);

    // key = SHA-256(password bytes): how Borg turns the SMSG/STIM password into a key.
    static QByteArray keyFromPassword(QByteArrayView password);

private:
    static void applyKeystream(QByteArrayView nonce, char* data, qsizetype size);
};

} // namespace lethean::node
