#include "node/noise/key_pair.h"

#include "node/sodium_runtime.h"

#include <algorithm>
#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node::noise {

namespace {

static_assert(crypto_scalarmult_BYTES == kDhLen && crypto_scalarmult_SCALARBYTES == kDhLen);

NoiseError sodiumUnavailable()
{
    return {NoiseError::Code::Internal, u"noise: libsodium could not be initialised"_s};
}

} // namespace

Result<KeyPair, NoiseError> KeyPair::generate()
{
    if (!ensureSodium())
        return fail(sodiumUnavailable());
    KeyPair pair;
    randombytes_buf(pair.m_private.data(), pair.m_private.size());
    if (auto derived = pair.derivePublic(); !derived)
        return fail(derived.error());
    return pair;
}

Result<KeyPair, NoiseError> KeyPair::fromPrivateKey(QByteArrayView privateKey)
{
    if (privateKey.size() != kDhLen)
        return fail(NoiseError{NoiseError::Code::InvalidArgument,
                               u"noise: an X25519 private key is 32 bytes, not %1"_s.arg(privateKey.size())});
    if (!ensureSodium())
        return fail(sodiumUnavailable());
    KeyPair pair;
    std::copy_n(reinterpret_cast<const unsigned char*>(privateKey.data()), kDhLen, pair.m_private.begin());
    if (auto derived = pair.derivePublic(); !derived)
        return fail(derived.error());
    return pair;
}

Result<void, NoiseError> KeyPair::derivePublic()
{
    // Fails only for a private key that clamps to zero, which 32 random bytes never are in practice.
    if (crypto_scalarmult_base(m_public.data(), m_private.data()) != 0)
        return fail(NoiseError{NoiseError::Code::InvalidKey, u"noise: unusable X25519 private key"_s});
    return {};
}

KeyPair::~KeyPair()
{
    wipe();
}

KeyPair::KeyPair(KeyPair&& other) noexcept : m_private(other.m_private), m_public(other.m_public)
{
    other.wipe();
}

KeyPair& KeyPair::operator=(KeyPair&& other) noexcept
{
    if (this != &other) {
        m_private = other.m_private;
        m_public = other.m_public;
        other.wipe();
    }
    return *this;
}

KeyPair KeyPair::clone() const
{
    KeyPair copy;
    copy.m_private = m_private;
    copy.m_public = m_public;
    return copy;
}

void KeyPair::wipe()
{
    sodium_memzero(m_private.data(), m_private.size());
    sodium_memzero(m_public.data(), m_public.size());
}

Result<void, NoiseError> KeyPair::dh(QByteArrayView remotePublic, SharedSecret& out) const
{
    if (remotePublic.size() != kDhLen)
        return fail(
            NoiseError{NoiseError::Code::InvalidArgument,
                       u"noise: an X25519 public key is 32 bytes, not %1"_s.arg(remotePublic.size())});
    // crypto_scalarmult returns -1 when the result is all zeros (a low-order point); the explicit
    // constant-time check below keeps that guarantee even if a libsodium build behaved otherwise.
    const int rc = crypto_scalarmult(out.data(), m_private.data(),
                                     reinterpret_cast<const unsigned char*>(remotePublic.data()));
    if (rc != 0 || sodium_is_zero(out.data(), out.size()) != 0) {
        sodium_memzero(out.data(), out.size());
        return fail(NoiseError{NoiseError::Code::InvalidKey,
                               u"noise: X25519 gave the all-zero secret (low-order public key)"_s});
    }
    return {};
}

} // namespace lethean::node::noise
