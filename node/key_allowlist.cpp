#include "node/key_allowlist.h"

namespace lethean::node {

void KeyAllowlist::allow(const QByteArray& publicKey)
{
    m_keys.insert(publicKey);
}

void KeyAllowlist::revoke(const QByteArray& publicKey)
{
    m_keys.remove(publicKey);
}

bool KeyAllowlist::isPeerAllowed(const QString& peerId, const QByteArray& publicKey) const
{
    Q_UNUSED(peerId); // the caller has bound the ID to the key; the key is what is allowed
    switch (m_mode) {
    case Mode::Open:
        return true;
    case Mode::Allowlist:
        return m_keys.contains(publicKey);
    }
    return false;
}

} // namespace lethean::node
