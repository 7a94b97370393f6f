#pragma once

#include "node/logger.h"
#include "node/profile_manager.h"

#include <QObject>
#include <QString>

namespace lethean::node {

// Profiles as <name>.json files in the data dir's profiles folder (DataPaths::profilesDir()), written
// atomically (QSaveFile) with mode 0600 (a profile holds a wallet address and a pool password). Names
// are checked by MiningProfile::validateName() before they become file names, so "../x" or "a/b" never
// reach the file system (Go does not sanitise them, WIRE.md §13.4). Lives on the node thread.
class ProfileStore : public QObject, public ProfileManager
{
    Q_OBJECT

public:
    explicit ProfileStore(QString directory, QObject* parent = nullptr);

    const QString& directory() const { return m_directory; }

    std::optional<MiningProfile> profile(const QString& name) const override;
    QList<MiningProfile> profiles() const override;
    Result<void, QString> saveProfile(const MiningProfile& profile) override;
    Result<void, QString> applyProfile(const QString& name, QByteArrayView json) override;
    Result<void, QString> removeProfile(const QString& name) override;

Q_SIGNALS:
    void profileSaved(const lethean::node::MiningProfile& profile);
    void profileRemoved(const QString& name);

private:
    QString fileFor(const QString& name) const;

    QString m_directory;
    Logger m_log;
};

} // namespace lethean::node
