#include "node/data_dir_lock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace lethean::node {

Result<DataDirLock, QString> DataDirLock::acquire(const DataPaths& paths)
{
    const QString file = paths.lockFile();
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return fail(QCoreApplication::translate("DataDirLock", "cannot create the folder of %1").arg(file));
    auto lock = std::make_unique<QLockFile>(file);
    lock->setStaleLockTime(0); // a lock whose process is gone is stale, however young
    if (lock->tryLock(0))
        return DataDirLock(std::move(lock));
    qint64 pid = 0;
    QString host;
    QString application;
    if (lock->error() == QLockFile::LockFailedError && lock->getLockInfo(&pid, &host, &application)) {
        return fail(QCoreApplication::translate("DataDirLock",
                                                "the data dir %1 is in use by %2 (process %3 on %4); stop it first")
                        .arg(paths.configHome(), application.isEmpty() ? u"another node"_s : application)
                        .arg(pid)
                        .arg(host));
    }
    return fail(QCoreApplication::translate("DataDirLock", "cannot lock %1 (error %2)").arg(file).arg(int(lock->error())));
}

} // namespace lethean::node
