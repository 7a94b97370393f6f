#include "node/log_categories.h"

namespace lethean::node {

// QtInfoMsg is the threshold a category starts with before any rule applies: the spec's default level.
Q_LOGGING_CATEGORY(lcNode, "lethean.node", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIdentity, "lethean.identity", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransport, "lethean.transport", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPeers, "lethean.peers", QtInfoMsg)
Q_LOGGING_CATEGORY(lcController, "lethean.controller", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWorker, "lethean.worker", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMiner, "lethean.miner", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBundle, "lethean.bundle", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDispatcher, "lethean.dispatcher", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProfiles, "lethean.profiles", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "lethean.ui", QtInfoMsg)

QString componentForCategory(const char* categoryName)
{
    const QLatin1StringView name(categoryName);
    const QLatin1StringView prefix("lethean.");
    if (name.isEmpty() || name == QLatin1StringView("default"))
        return {};
    if (name.startsWith(prefix))
        return QString(name.sliced(prefix.size()));
    return QString(name);
}

} // namespace lethean::node
