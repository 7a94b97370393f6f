#include "node/chacha_sigil.h"

#include "node/sodium_runtime.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3.0 in favour of EVP, but still part of its API;
// the keystream needs them for speed (see applyKeystream).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstddef>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
const auto* bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char*>(view.data());
}

CodecError error(CodecError::Code code, const QString& message)
{
    return {code, message};
}
} // namespace

QByteArray ChaChaSigil::keyFromPassword(QByteArrayView password)
{
    QByteArray key(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(bytes(password), static_cast<size_t>(password.size()), reinterpret_cast<unsigned char*>(key.data()));
    return key;
}

void ChaChaSigil::applyKeystream(QByteArrayView nonce, char* data, qsizetype size)
{
    // Keystream block i = SHA256(nonce || u64be(i)) (Enchantrix crypto_sigil.go:90-114): one SHA-256
    // compression per 32 bytes of message, the sigil's largest cost. OpenSSL's low-level SHA256_*
    // functions (deprecated in 3.0, see the include above) hash a block in about half the time of an
    // EVP context, whose every init allocates and goes through the provider (BM_Smsg_EncryptDecrypt).
    // The nonce is absorbed once and that state copied for each block.
    SHA256_CTX afterNonce;
    SHA256_Init(&afterNonce);
    SHA256_Update(&afterNonce, nonce.data(), kNonceSize);
    std::array<unsigned char, 8> counterBytes{};
    std::array<unsigned char, SHA256_DIGEST_LENGTH> block{};
    for (qsizetype offset = 0, counter = 0; offset < size; offset += SHA256_DIGEST_LENGTH, ++counter) {
        for (std::size_t i = 0; i < counterBytes.size(); ++i)
            counterBytes[i] = static_cast<unsigned char>(static_cast<quint64>(counter) >> (56 - 8 * i));
        SHA256_CTX context = afterNonce;
        SHA256_Update(&context, counterBytes.data(), counterBytes.size());
        SHA256_Final(block.data(), &context);
        const qsizetype n = std::min<qsizetype>(SHA256_DIGEST_LENGTH, size - offset);
        for (qsizetype i = 0; i < n; ++i)
            data[offset + i] = static_cast<char>(data[offset + i] ^ block[static_cast<std::size_t>(i)]);
    }
    OPENSSL_cleanse(&afterNonce, sizeof afterNonce);
}

Result<QByteArray, CodecError> ChaChaSigil::seal(QByteArrayView key, QByteArrayView plaintext)
{
    if (!ensureSodium())
        return fail(error(CodecError::Code::Internal, u"sigil: libsodium could not be initialised"_s));
    std::array<unsigned char, kNonceSize> nonce{};
    publicRandomBytes(nonce.data(), nonce.size());
    return sealWithNonce(key, plaintext, QByteArrayView(nonce.data(), kNonceSize));
}

Result<QByteArray, CodecError> ChaChaSigil::sealWithNonce(QByteArrayView key, QByteArrayView plaintext,
                                                          QByteArrayView nonce)
{
    if (key.size() != kKeySize || nonce.size() != kNonceSize)
        return fail(error(CodecError::Code::Internal, u"sigil: key must be 32 bytes and nonce 24 bytes"_s));
    QByteArray out(kOverhead + plaintext.size(), Qt::Uninitialized);
    std::copy_n(nonce.data(), kNonceSize, out.data());
    char* body = out.data() + kNonceSize;
    std::copy_n(plaintext.data(), plaintext.size(), body);
    applyKeystream(nonce, body, plaintext.size()); // Go skips this for an empty plaintext: same result
    unsigned long long written = 0;
    auto* target = reinterpret_cast<unsigned char*>(body);
    if (crypto_aead_xchacha20poly1305_ietf_encrypt(target, &written, target,
                                                   static_cast<unsigned long long>(plaintext.size()), nullptr, 0,
                                                   nullptr, bytes(nonce), bytes(key)) != 0)
        return fail(error(CodecError::Code::Internal, u"sigil: encryption failed"_s));
    return out;
}

Result<QByteArray, CodecError> ChaChaSigil::open(QByteArrayView key, QByteArrayView sealed)
{
    if (key.size() != kKeySize)
        return fail(error(CodecError::Code::Internal, u"sigil: key must be 32 bytes"_s));
    if (sealed.size() < kOverhead)
        return fail(error(CodecError::Code::Malformed,
                          u"sigil: %1 bytes is shorter than nonce and tag (40)"_s.arg(sealed.size())));
    const QByteArrayView nonce = sealed.first(kNonceSize);
    const QByteArrayView cipher = sealed.sliced(kNonceSize);
    QByteArray plain(cipher.size() - kTagSize, Qt::Uninitialized);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &written,
                                                   nullptr, bytes(cipher),
                                                   static_cast<unsigned long long>(cipher.size()), nullptr, 0,
                                                   bytes(nonce), bytes(key)) != 0)
        return fail(error(CodecError::Code::Authentication,
                          u"sigil: authentication failed (tampered frame or wrong key)"_s));
    applyKeystream(nonce, plain.data(), plain.size());
    return plain;
}

} // namespace lethean::node
