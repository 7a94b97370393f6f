#include "node/secret_bytes.h"

#include <sodium.h>
#include <utility>

namespace lethean::node {

SecretBytes::SecretBytes(qsizetype size) : m_data(std::make_unique<unsigned char[]>(size)), m_size(size)
{
    m_locked = size > 0 && sodium_mlock(m_data.get(), size_t(size)) == 0;
}

SecretBytes SecretBytes::copyOf(QByteArrayView bytes)
{
    SecretBytes secret(bytes.size());
    if (!bytes.isEmpty())
        std::copy(bytes.begin(), bytes.end(), secret.m_data.get());
    return secret;
}

SecretBytes::~SecretBytes()
{
    release();
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : m_data(std::move(other.m_data)), m_size(std::exchange(other.m_size, 0)),
      m_locked(std::exchange(other.m_locked, false))
{}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::move(other.m_data);
        m_size = std::exchange(other.m_size, 0);
        m_locked = std::exchange(other.m_locked, false);
    }
    return *this;
}

bool SecretBytes::equals(QByteArrayView other) const
{
    return other.size() == m_size &&
           (m_size == 0 || sodium_memcmp(m_data.get(), other.data(), size_t(m_size)) == 0);
}

void SecretBytes::release()
{
    if (!m_data)
        return;
    // sodium_munlock zeroes before unlocking; an unlocked buffer is zeroed explicitly.
    if (m_locked)
        sodium_munlock(m_data.get(), size_t(m_size));
    else
        sodium_memzero(m_data.get(), size_t(m_size));
    m_data.reset();
    m_size = 0;
    m_locked = false;
}

} // namespace lethean::node
