#pragma once

#include "node/data_paths.h"
#include "ueps/result.h"

#include <QLockFile>

#include <memory>

namespace lethean::node {

// Exclusive use of one data dir: the node holds it while it runs, and `lethean-node peers` holds it while
// it edits peers.json, so two writers never race on the same files (a stale lock of a crashed process is
// taken over). The error names the process that holds it.
class DataDirLock
{
public:
    static Result<DataDirLock, QString> acquire(const DataPaths& paths);

private:
    explicit DataDirLock(std::unique_ptr<QLockFile> lock) : m_lock(std::move(lock)) {}
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace lethean::node
