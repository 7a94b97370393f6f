#include "node/identity_crypto.h"

#include "node/base64_std.h"
#include "node/sodium_runtime.h"

#include <QCryptographicHash>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace lethean::node {

QString nodeIdForPublicKey(QByteArrayView publicKey)
{
    const QByteArray digest = QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.first(16).toHex());
}

QString encodePublicKey(QByteArrayView publicKey)
{
    return QString::fromLatin1(publicKey.toByteArray().toBase64());
}

std::optional<QByteArray> decodePublicKey(QStringView base64)
{
    auto decoded = decodeBase64Std(base64.toLatin1());
    if (!decoded || decoded->size() != kPublicKeySize)
        return std::nullopt;
    return decoded;
}

QByteArray generateChallenge()
{
    // ensureSodium() only fails when the OS has no entropy source; randombytes_buf then aborts.
    ensureSodium();
    QByteArray challenge(kChallengeSize, Qt::Uninitialized);
    randombytes_buf(challenge.data(), size_t(challenge.size()));
    return challenge;
}

QByteArray signChallenge(QByteArrayView challenge, QByteArrayView sharedSecret)
{
    QByteArray mac(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    HMAC(EVP_sha256(), sharedSecret.data(), int(sharedSecret.size()),
         reinterpret_cast<const unsigned char*>(challenge.data()), size_t(challenge.size()),
         reinterpret_cast<unsigned char*>(mac.data()), &length);
    mac.truncate(length);
    return mac;
}

bool verifyChallenge(QByteArrayView challenge, QByteArrayView response, QByteArrayView sharedSecret)
{
    const QByteArray expected = signChallenge(challenge, sharedSecret);
    if (response.size() != expected.size())
        return false;
    return CRYPTO_memcmp(expected.constData(), response.data(), size_t(expected.size())) == 0;
}

} // namespace lethean::node
