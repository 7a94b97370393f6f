#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace lethean::node {

// Who may connect (WIRE.md §6.2). Go's PeerAuthOpen = 0 and PeerAuthAllowlist = 1, with Open the default
// and nothing persisted; ours defaults to Allowlist (a rig accepts only the peers it was paired with: an
// open miner-control port is how rigs get their wallets swapped) and the registry persists the mode.
enum class PeerAuthMode
{
    Allowlist,
    Open
};

// "allowlist", "open": the words of --auth-mode and of the settings sidecar (docs/registry.md).
QString peerAuthModeToString(PeerAuthMode mode);
// Case-sensitive; nullopt for anything else.
std::optional<PeerAuthMode> peerAuthModeFromString(QStringView text);

} // namespace lethean::node
