#include "node/noise/symmetric_state.h"

#include <algorithm>
#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node::noise {

namespace {

NoiseError hashFailure()
{
    return {NoiseError::Code::Internal, u"noise: SHA-256/HMAC failed in OpenSSL"_s};
}

} // namespace

Result<SymmetricState, NoiseError> SymmetricState::initialize(QByteArrayView protocolName)
{
    SymmetricState state;
    if (protocolName.size() <= kHashLen) {
        std::copy_n(protocolName.data(), protocolName.size(), reinterpret_cast<char*>(state.m_hash.data()));
    } else if (!NoiseHash::hash({protocolName}, state.m_hash)) {
        return fail(hashFailure());
    }
    state.m_chainingKey = state.m_hash;
    return state;
}

SymmetricState::~SymmetricState()
{
    wipeSecrets();
}

SymmetricState::SymmetricState(SymmetricState&& other) noexcept
    : m_chainingKey(other.m_chainingKey), m_hash(other.m_hash), m_cipher(std::move(other.m_cipher))
{
    other.wipeSecrets();
}

SymmetricState& SymmetricState::operator=(SymmetricState&& other) noexcept
{
    if (this != &other) {
        m_chainingKey = other.m_chainingKey;
        m_hash = other.m_hash;
        m_cipher = std::move(other.m_cipher);
        other.wipeSecrets();
    }
    return *this;
}

void SymmetricState::wipeSecrets()
{
    sodium_memzero(m_chainingKey.data(), m_chainingKey.size());
    m_cipher = CipherState();
}

Result<void, NoiseError> SymmetricState::mixKey(QByteArrayView inputKeyMaterial)
{
    NoiseHash::Digest tempKey{};
    const bool ok = NoiseHash::hkdf(m_chainingKey, inputKeyMaterial, m_chainingKey, tempKey);
    Result<void, NoiseError> keyed =
        ok ? m_cipher.initializeKey(NoiseHash::view(tempKey)) : Result<void, NoiseError>(fail(hashFailure()));
    sodium_memzero(tempKey.data(), tempKey.size());
    return keyed;
}

Result<void, NoiseError> SymmetricState::mixHash(QByteArrayView data)
{
    if (!NoiseHash::hash({NoiseHash::view(m_hash), data}, m_hash))
        return fail(hashFailure());
    return {};
}

Result<void, NoiseError> SymmetricState::mixKeyAndHash(QByteArrayView inputKeyMaterial)
{
    NoiseHash::Digest tempHash{};
    NoiseHash::Digest tempKey{};
    Result<void, NoiseError> result;
    if (!NoiseHash::hkdf(m_chainingKey, inputKeyMaterial, m_chainingKey, tempHash, &tempKey))
        result = fail(hashFailure());
    else if (auto mixed = mixHash(NoiseHash::view(tempHash)); !mixed)
        result = fail(mixed.error());
    else
        result = m_cipher.initializeKey(NoiseHash::view(tempKey));
    sodium_memzero(tempKey.data(), tempKey.size());
    return result;
}

QByteArray SymmetricState::handshakeHash() const
{
    return NoiseHash::view(m_hash).toByteArray();
}

Result<QByteArray, NoiseError> SymmetricState::encryptAndHash(QByteArrayView plaintext)
{
    auto ciphertext = m_cipher.encryptWithAd(NoiseHash::view(m_hash), plaintext);
    if (!ciphertext)
        return ciphertext;
    if (auto mixed = mixHash(*ciphertext); !mixed)
        return fail(mixed.error());
    return ciphertext;
}

Result<QByteArray, NoiseError> SymmetricState::decryptAndHash(QByteArrayView ciphertext)
{
    auto plaintext = m_cipher.decryptWithAd(NoiseHash::view(m_hash), ciphertext);
    if (!plaintext)
        return plaintext;
    if (auto mixed = mixHash(ciphertext); !mixed)
        return fail(mixed.error());
    return plaintext;
}

Result<std::pair<CipherState, CipherState>, NoiseError> SymmetricState::split()
{
    NoiseHash::Digest tempKey1{};
    NoiseHash::Digest tempKey2{};
    std::pair<CipherState, CipherState> ciphers;
    Result<void, NoiseError> keyed;
    if (!NoiseHash::hkdf(m_chainingKey, {}, tempKey1, tempKey2))
        keyed = fail(hashFailure());
    else if (keyed = ciphers.first.initializeKey(NoiseHash::view(tempKey1)); keyed)
        keyed = ciphers.second.initializeKey(NoiseHash::view(tempKey2));
    sodium_memzero(tempKey1.data(), tempKey1.size());
    sodium_memzero(tempKey2.data(), tempKey2.size());
    wipeSecrets();
    if (!keyed)
        return fail(keyed.error());
    return ciphers;
}

} // namespace lethean::node::noise
