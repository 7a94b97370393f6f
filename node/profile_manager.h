#pragma once

#include "node/mining_profile.h"
#include "ueps/result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace lethean::node {

// The worker's view of stored mining profiles (go-p2p's ProfileManager), so the worker never depends on
// where they are kept. Lives on the node thread.
class ProfileManager
{
public:
    virtual ~ProfileManager() = default;

    virtual std::optional<MiningProfile> profile(const QString& name) const = 0;
    virtual QList<MiningProfile> profiles() const = 0; // sorted by name
    // Validates, then writes atomically; replaces a profile of the same name.
    virtual Result<void, QString> saveProfile(const MiningProfile& profile) = 0;
    // A profile that arrived as JSON (a deploy): the name must be valid and match the JSON's, the
    // profile valid; then as saveProfile().
    virtual Result<void, QString> applyProfile(const QString& name, QByteArrayView json) = 0;
    virtual Result<void, QString> removeProfile(const QString& name) = 0;
};

} // namespace lethean::node
