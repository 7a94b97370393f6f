#include "node/peer_auth_mode.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

QString peerAuthModeToString(PeerAuthMode mode)
{
    switch (mode) {
    case PeerAuthMode::Allowlist:
        return u"allowlist"_s;
    case PeerAuthMode::Open:
        return u"open"_s;
    }
    return {}; // not a PeerAuthMode value: the caller cast an int
}

std::optional<PeerAuthMode> peerAuthModeFromString(QStringView text)
{
    for (const PeerAuthMode mode : {PeerAuthMode::Allowlist, PeerAuthMode::Open}) {
        if (text == peerAuthModeToString(mode))
            return mode;
    }
    return std::nullopt;
}

} // namespace lethean::node
