#pragma once

#include "node/public_identity.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace lethean::node {

class NodeIdentity;
class PeerAuthority;

// The client's half of the protocol 1.0 handshake (WIRE.md §2.5), without a socket: it builds the
// handshake frame (with a fresh 32-byte challenge) and judges the server's ack.
//
// Fixed from go-p2p (WIRE.md §13.2, §13.3): the ack's ID must be the hash of its key; a client that
// dialled a peer it knows refuses a server presenting any other key (no trivial man in the middle);
// the server must also pass our allowlist. Since the ID is bound to the key, dialling a known peer ID
// pins its key.
class ClientHandshake
{
public:
    struct Accepted
    {
        PublicIdentity peer;
        QByteArray peerPublicKey; // 32 raw bytes
        QByteArray sharedSecret;  // the caller wipes it once the codec has it
    };

    // expectedPeerId: the ID we dialled, when known (empty for a first contact by address).
    ClientHandshake(const NodeIdentity& self, const PeerAuthority& authority, const QString& expectedPeerId);
    ~ClientHandshake();

    // The handshake message (text frame). Each call draws a new challenge.
    QByteArray request();
    Result<Accepted, QString> evaluateAck(QByteArrayView frame) const;

private:
    const NodeIdentity& m_self;
    const PeerAuthority& m_authority;
    QString m_expectedPeerId;
    QByteArray m_challenge;
};

} // namespace lethean::node
