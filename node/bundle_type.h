#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace lethean::node {

// What a deployment bundle carries (WIRE.md §8.1): a mining profile (JSON), a miner (binary plus its
// config) or several files. The names are go-p2p's and travel in the deploy message's "type".
enum class BundleType
{
    Profile,
    Miner,
    Full
};

// "profile", "miner", "full".
QString bundleTypeToString(BundleType type);
// Case-sensitive, as Go compares them; nullopt for anything else.
std::optional<BundleType> bundleTypeFromString(QStringView text);

} // namespace lethean::node
