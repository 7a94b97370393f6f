#include "node/noise/cipher_state.h"

#include "node/sodium_runtime.h"

#include <algorithm>
#include <sodium.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace lethean::node::noise {

namespace {

static_assert(crypto_aead_chacha20poly1305_ietf_KEYBYTES == kKeyLen);
static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == kTagLen);
static_assert(crypto_aead_chacha20poly1305_ietf_NPUBBYTES == 12);

const unsigned char* bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char*>(view.data());
}

NoiseError error(NoiseError::Code code, const QString& message)
{
    return {code, message};
}

} // namespace

CipherState::~CipherState()
{
    wipe();
}

CipherState::CipherState(CipherState&& other) noexcept
    : m_key(other.m_key), m_nonce(other.m_nonce), m_hasKey(other.m_hasKey)
{
    other.wipe();
}

CipherState& CipherState::operator=(CipherState&& other) noexcept
{
    if (this != &other) {
        m_key = other.m_key;
        m_nonce = other.m_nonce;
        m_hasKey = other.m_hasKey;
        other.wipe();
    }
    return *this;
}

void CipherState::wipe()
{
    sodium_memzero(m_key.data(), m_key.size());
    m_hasKey = false;
    m_nonce = 0;
}

Result<void, NoiseError> CipherState::initializeKey(QByteArrayView key)
{
    if (!key.isEmpty() && key.size() != kKeyLen)
        return fail(error(NoiseError::Code::InvalidArgument,
                          u"noise: a cipher key is 32 bytes, not %1"_s.arg(key.size())));
    if (!ensureSodium())
        return fail(error(NoiseError::Code::Internal, u"noise: libsodium could not be initialised"_s));
    wipe();
    if (!key.isEmpty()) {
        std::copy_n(bytes(key), kKeyLen, m_key.begin());
        m_hasKey = true;
    }
    return {};
}

CipherState::Nonce CipherState::nonceBytes(quint64 n)
{
    // §12.3: 32 bits of zeros followed by the little-endian encoding of n.
    Nonce nonce{};
    for (int i = 0; i < 8; ++i)
        nonce[static_cast<size_t>(4 + i)] = static_cast<unsigned char>(n >> (8 * i));
    return nonce;
}

Result<void, NoiseError> CipherState::checkNonce() const
{
    if (m_nonce == kReservedNonce)
        return fail(error(NoiseError::Code::NonceExhausted,
                          u"noise: nonce exhausted (2^64-1 is reserved); the session must end"_s));
    return {};
}

Result<QByteArray, NoiseError> CipherState::encryptWithAd(QByteArrayView ad, QByteArrayView plaintext)
{
    QByteArray out(plaintext.size() + (m_hasKey ? kTagLen : 0), Qt::Uninitialized);
    if (auto sealed = encryptWithAdInto(ad, plaintext, out.data()); !sealed)
        return fail(sealed.error());
    return out;
}

Result<void, NoiseError> CipherState::encryptWithAdInto(QByteArrayView ad, QByteArrayView plaintext, char* out)
{
    const qsizetype overhead = m_hasKey ? kTagLen : 0;
    if (plaintext.size() > kMaxMessageSize - overhead)
        return fail(error(
            NoiseError::Code::TooLarge,
            u"noise: %1 bytes of plaintext exceed the 65535-byte message limit"_s.arg(plaintext.size())));
    if (!m_hasKey) {
        std::copy_n(plaintext.data(), plaintext.size(), out);
        return {};
    }
    if (auto nonceOk = checkNonce(); !nonceOk)
        return fail(nonceOk.error());
    const Nonce nonce = nonceBytes(m_nonce);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_encrypt(
            reinterpret_cast<unsigned char*>(out), &written, bytes(plaintext),
            static_cast<unsigned long long>(plaintext.size()), bytes(ad),
            static_cast<unsigned long long>(ad.size()), nullptr, nonce.data(), m_key.data()) != 0)
        return fail(error(NoiseError::Code::Internal, u"noise: encryption failed"_s));
    ++m_nonce;
    return {};
}

Result<QByteArray, NoiseError> CipherState::decryptWithAd(QByteArrayView ad, QByteArrayView ciphertext)
{
    if (ciphertext.size() > kMaxMessageSize)
        return fail(error(NoiseError::Code::TooLarge,
                          u"noise: a %1-byte message exceeds the 65535-byte limit"_s.arg(ciphertext.size())));
    if (!m_hasKey)
        return ciphertext.toByteArray();
    if (auto nonceOk = checkNonce(); !nonceOk)
        return fail(nonceOk.error());
    if (ciphertext.size() < kTagLen)
        return fail(error(NoiseError::Code::Malformed,
                          u"noise: %1 bytes is shorter than the 16-byte tag"_s.arg(ciphertext.size())));
    QByteArray out(ciphertext.size() - kTagLen, Qt::Uninitialized);
    const Nonce nonce = nonceBytes(m_nonce);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, bytes(ciphertext),
            static_cast<unsigned long long>(ciphertext.size()), bytes(ad),
            static_cast<unsigned long long>(ad.size()), nonce.data(), m_key.data()) != 0) {
        // libsodium leaves the output unspecified on failure; nothing of it may escape.
        sodium_memzero(out.data(), static_cast<size_t>(out.size()));
        return fail(error(NoiseError::Code::Authentication,
                          u"noise: authentication failed (tampered, replayed, reordered or wrong key)"_s));
    }
    ++m_nonce;
    return out;
}

Result<void, NoiseError> CipherState::rekey()
{
    if (!m_hasKey)
        return fail(error(NoiseError::Code::WrongState, u"noise: rekey needs a key"_s));
    static constexpr std::array<unsigned char, kKeyLen> kZeros{};
    std::array<unsigned char, kKeyLen + kTagLen> encrypted{};
    const Nonce maxNonce = nonceBytes(kReservedNonce);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_encrypt(encrypted.data(), &written, kZeros.data(), kZeros.size(),
                                                  nullptr, 0, nullptr, maxNonce.data(), m_key.data()) != 0)
        return fail(error(NoiseError::Code::Internal, u"noise: rekey encryption failed"_s));
    std::copy_n(encrypted.begin(), kKeyLen, m_key.begin());
    sodium_memzero(encrypted.data(), encrypted.size());
    return {};
}

} // namespace lethean::node::noise
