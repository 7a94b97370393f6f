#pragma once

#include <QString>

namespace lethean::node {
class DataPaths;
}

namespace lethean::app {

// Installs the node's log sink (stderr, the in-memory ring buffer and a rotating file in the data dir)
// at the level given on the command line. Prints a usage error and returns false for a bad level.
bool setUpLogging(const QString& levelName, const node::DataPaths& paths);

} // namespace lethean::app
