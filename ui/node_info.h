#pragma once

#include "node/peer_auth_mode.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lethean::ui {

// What the GUI knows about its own node once it runs: a value snapshot taken on the node thread and handed
// over by NodeClient::nodeStarted (Bitcoin Core's ClientModel keeps the same kind of copy).
struct NodeInfo
{
    QString id;
    QString name;
    QString role;        // "controller", "worker" or "dual"
    QString pairingCode; // what another node pastes to pair with this one
    // host:port peers can reach us on; empty when the node is not listening (see listenError).
    QStringList listeningAddresses;
    // Why the node does not accept connections (the port is taken, say). The node still runs: it can dial
    // out and every page stays usable. Empty while listening.
    QString listenError;
    node::PeerAuthMode authMode = node::PeerAuthMode::Allowlist;
    QString dataDir;

    bool isListening() const { return listenError.isEmpty() && !listeningAddresses.isEmpty(); }
};

} // namespace lethean::ui

Q_DECLARE_METATYPE(lethean::ui::NodeInfo)
