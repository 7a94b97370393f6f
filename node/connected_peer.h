#pragma once

#include "node/public_identity.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace lethean::node {

// A value snapshot of one authenticated connection, safe to copy across threads (to the GUI, say).
struct ConnectedPeer
{
    PublicIdentity identity;  // as the peer presented it; its ID is bound to publicKey
    QByteArray publicKey;     // 32 raw bytes, proved in the handshake
    QString address;          // host:port of the other end
    bool inbound = false;     // true when the peer dialled us
    QString protocolVersion;  // "1.0" or "2.0"
    bool forwardSecrecy = false;
    QDateTime connectedAt;

    const QString& id() const { return identity.id; }
};

} // namespace lethean::node

Q_DECLARE_METATYPE(lethean::node::ConnectedPeer)
