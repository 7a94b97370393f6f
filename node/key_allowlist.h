#pragma once

#include "node/peer_authority.h"

#include <QSet>

namespace lethean::node {

// A PeerAuthority that is just a set of allowed public keys, plus the open mode. Allowlist is the
// default (a rig accepts only peers it was paired with), unlike go-p2p's open default.
class KeyAllowlist final : public PeerAuthority
{
public:
    enum class Mode
    {
        Allowlist,
        Open
    };

    explicit KeyAllowlist(Mode mode = Mode::Allowlist) : m_mode(mode) {}

    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    void allow(const QByteArray& publicKey);
    void revoke(const QByteArray& publicKey);

    bool isPeerAllowed(const QString& peerId, const QByteArray& publicKey) const override;

private:
    Mode m_mode;
    QSet<QByteArray> m_keys;
};

} // namespace lethean::node
