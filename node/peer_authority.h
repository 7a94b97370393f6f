#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace lethean::node {

// Who may talk to this node. The transport asks it about the key a peer has *proved* (or, in protocol
// 1.0 where a client proves nothing during the handshake, the key whose shared secret every later frame
// must decrypt under) — never about a claimed ID alone (go-p2p's allowlist bypass, WIRE.md §13.1).
// The peer registry implements it; KeyAllowlist is the stand-alone implementation.
class PeerAuthority
{
public:
    virtual ~PeerAuthority() = default;

    // peerId has already been checked against the key (ID = SHA-256(key)[0..16) in hex), so a peer we
    // dial by ID is pinned to its key by that check alone.
    virtual bool isPeerAllowed(const QString& peerId, const QByteArray& publicKey) const = 0;

    // Downgrade protection: whether this peer may speak `version` ("1.0" or "2.0"). The registry answers
    // false for "1.0" once the peer has spoken "2.0", unless the user allowed it.
    virtual bool allowsProtocol(const QString& peerId, QStringView version) const
    {
        Q_UNUSED(peerId);
        Q_UNUSED(version);
        return true;
    }
};

} // namespace lethean::node
