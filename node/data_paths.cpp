#include "node/data_paths.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
const QString kAppFolder = u"lethean-desktop"_s;

QString standardFolder(QStandardPaths::StandardLocation location)
{
    return QDir(QStandardPaths::writableLocation(location)).filePath(kAppFolder);
}
} // namespace

DataPaths::DataPaths(const QString& dataDir)
    : m_dataDir(dataDir.isEmpty() ? QString() : QDir(dataDir).absolutePath())
{
}

QString DataPaths::dataHome() const
{
    return isOverridden() ? m_dataDir : standardFolder(QStandardPaths::GenericDataLocation);
}

QString DataPaths::configHome() const
{
    return isOverridden() ? m_dataDir : standardFolder(QStandardPaths::GenericConfigLocation);
}

QString DataPaths::privateKeyFile() const
{
    return QDir(dataHome()).filePath(u"node/private.key"_s);
}

QString DataPaths::identityFile() const
{
    return QDir(configHome()).filePath(u"node.json"_s);
}

QString DataPaths::peersFile() const
{
    return QDir(configHome()).filePath(u"peers.json"_s);
}

QString DataPaths::logDir() const
{
    return QDir(dataHome()).filePath(u"logs"_s);
}

QString DataPaths::minersDir() const
{
    return QDir(dataHome()).filePath(u"miners"_s);
}

QString DataPaths::profilesDir() const
{
    return QDir(dataHome()).filePath(u"profiles"_s);
}

QString DataPaths::lockFile() const
{
    return QDir(configHome()).filePath(u"node.lock"_s);
}

} // namespace lethean::node
