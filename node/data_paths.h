#pragma once

#include <QString>

namespace lethean::node {

// Where the node keeps its files. By default the go-p2p locations (WIRE.md §1.1, §6.1) through
// QStandardPaths; with --data-dir everything lives under that one folder, so tests and several nodes
// on one machine never share state.
class DataPaths
{
public:
    // Empty dataDir: the platform's standard locations.
    explicit DataPaths(const QString& dataDir = QString());

    bool isOverridden() const { return !m_dataDir.isEmpty(); }
    QString dataHome() const;   // …/lethean-desktop under the data location
    QString configHome() const; // …/lethean-desktop under the config location

    QString privateKeyFile() const; // <dataHome>/node/private.key
    QString identityFile() const;   // <configHome>/node.json
    QString peersFile() const;      // <configHome>/peers.json
    QString logDir() const;         // <dataHome>/logs
    QString minersDir() const;      // <dataHome>/miners
    QString profilesDir() const;    // <dataHome>/profiles
    // Held (QLockFile) by the node that runs on these files, so a second node, app instance or an
    // offline `lethean-node peers` never writes under a running node.
    QString lockFile() const;       // <configHome>/node.lock

private:
    QString m_dataDir;
};

} // namespace lethean::node
