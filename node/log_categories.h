#pragma once

// One QLoggingCategory per component, all named "lethean.<component>", so that QT_LOGGING_RULES and
// applyLogLevel() can address the whole node ("lethean.*") or a single part of it
// ("lethean.transport.debug=true"). Every category starts at INFO: debug output is off unless enabled.

#include <QLoggingCategory>
#include <QString>

namespace lethean::node {

Q_DECLARE_LOGGING_CATEGORY(lcNode)
Q_DECLARE_LOGGING_CATEGORY(lcIdentity)
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcPeers)
Q_DECLARE_LOGGING_CATEGORY(lcController)
Q_DECLARE_LOGGING_CATEGORY(lcWorker)
Q_DECLARE_LOGGING_CATEGORY(lcMiner)
Q_DECLARE_LOGGING_CATEGORY(lcBundle)
Q_DECLARE_LOGGING_CATEGORY(lcDispatcher)
Q_DECLARE_LOGGING_CATEGORY(lcProfiles)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

// The component shown in a log line for a category name: "lethean.transport" → "transport". Qt's
// unnamed "default" category (plain qDebug()/qWarning()) has none and yields an empty string; any other
// category (Qt's own "qt.network.ssl", a plugin's) keeps its full name so its origin stays visible.
QString componentForCategory(const char* categoryName);

} // namespace lethean::node
