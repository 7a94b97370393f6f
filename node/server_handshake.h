#pragma once

#include "node/public_identity.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace lethean::node {

class NodeIdentity;
class PeerAuthority;

// The server's half of the protocol 1.0 handshake (WIRE.md §2.4), as a pure function of the client's
// first frame: no socket, so it is unit-tested and fuzzed on its own (fuzz_handshake).
//
// Kept from go-p2p: the order of checks, the rejection reasons on the wire, silent closes where Go
// closes silently. Fixed (WIRE.md §13.1, §13.2): the claimed ID must be the hash of the presented key,
// and the allowlist is asked about that key, not about a registered ID.
class ServerHandshake
{
public:
    struct Verdict
    {
        enum class Outcome
        {
            Accept, // send `reply` (text), then the peer is authenticated
            Reject, // send `reply` (a rejection ack, text), then close
            Drop    // close without a word, as Go does for unreadable handshakes
        };

        Outcome outcome = Outcome::Drop;
        QString reason;   // for the log
        QByteArray reply; // handshake_ack JSON (empty for Drop)
        PublicIdentity peer;
        QByteArray peerPublicKey; // 32 raw bytes (Accept)
        QByteArray sharedSecret;  // 32 bytes (Accept); the caller wipes it once the codec has it
    };

    // protocol1Allowed false: this node requires protocol 2.0 and refuses every 1.0 handshake.
    ServerHandshake(const NodeIdentity& self, const PeerAuthority& authority, bool protocol1Allowed = true);

    Verdict evaluate(QByteArrayView firstFrame) const;

private:
    Verdict reject(const PublicIdentity& claimed, const QString& wireReason, const QString& logReason) const;

    const NodeIdentity& m_self;
    const PeerAuthority& m_authority;
    bool m_protocol1Allowed;
};

} // namespace lethean::node
