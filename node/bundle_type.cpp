#include "node/bundle_type.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

QString bundleTypeToString(BundleType type)
{
    switch (type) {
    case BundleType::Profile:
        return u"profile"_s;
    case BundleType::Miner:
        return u"miner"_s;
    case BundleType::Full:
        return u"full"_s;
    }
    return u"profile"_s;
}

std::optional<BundleType> bundleTypeFromString(QStringView text)
{
    for (const BundleType type : {BundleType::Profile, BundleType::Miner, BundleType::Full}) {
        if (text == bundleTypeToString(type))
            return type;
    }
    return std::nullopt;
}

} // namespace lethean::node
