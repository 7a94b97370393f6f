#include "node/profile_store.h"

#include "node/log_categories.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
// Profiles are small; anything bigger is not one of ours and is not read into memory.
constexpr qint64 kMaxProfileBytes = 64 * 1024;
} // namespace

ProfileStore::ProfileStore(QString directory, QObject* parent)
    : QObject(parent), m_directory(std::move(directory)), m_log(lcProfiles())
{
}

QString ProfileStore::fileFor(const QString& name) const
{
    return QDir(m_directory).filePath(name + u".json"_s);
}

std::optional<MiningProfile> ProfileStore::profile(const QString& name) const
{
    if (!MiningProfile::validateName(name))
        return std::nullopt;
    QFile file(fileFor(name));
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxProfileBytes)
        return std::nullopt;
    auto parsed = MiningProfile::fromJson(file.readAll());
    if (!parsed) {
        m_log.warn(u"unreadable profile skipped"_s, {{u"file"_s, file.fileName()}, {u"error"_s, parsed.error()}});
        return std::nullopt;
    }
    parsed->name = name; // the file name is authoritative
    return std::move(parsed).value();
}

QList<MiningProfile> ProfileStore::profiles() const
{
    QList<MiningProfile> all;
    const QStringList files = QDir(m_directory).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        if (auto one = profile(file.chopped(5)))
            all.append(std::move(*one));
    }
    return all;
}

Result<void, QString> ProfileStore::saveProfile(const MiningProfile& profile)
{
    if (const auto errors = profile.validate(); !errors.isEmpty())
        return fail(tr("invalid profile: %1").arg(MiningProfile::describe(errors)));
    if (!QDir().mkpath(m_directory))
        return fail(tr("cannot create the profiles folder %1").arg(m_directory));
    QSaveFile file(fileFor(profile.name));
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(profile.toJson());
    if (!file.commit())
        return fail(tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    m_log.info(u"profile saved"_s, {{u"name"_s, profile.name}, {u"minerType"_s, profile.minerType}});
    Q_EMIT profileSaved(profile);
    return {};
}

Result<void, QString> ProfileStore::applyProfile(const QString& name, QByteArrayView json)
{
    if (const auto named = MiningProfile::validateName(name); !named)
        return fail(tr("invalid profile name '%1': %2").arg(name, named.error()));
    auto parsed = MiningProfile::fromJson(json);
    if (!parsed)
        return fail(parsed.error());
    if (parsed->name.isEmpty())
        parsed->name = name;
    else if (parsed->name != name)
        return fail(tr("the profile is called '%1', not '%2'").arg(parsed->name, name));
    return saveProfile(*parsed);
}

Result<void, QString> ProfileStore::removeProfile(const QString& name)
{
    if (const auto named = MiningProfile::validateName(name); !named)
        return fail(named.error());
    QFile file(fileFor(name));
    if (!file.exists())
        return fail(tr("no profile named '%1'").arg(name));
    if (!file.remove())
        return fail(tr("cannot remove %1: %2").arg(file.fileName(), file.errorString()));
    m_log.info(u"profile removed"_s, {{u"name"_s, name}});
    Q_EMIT profileRemoved(name);
    return {};
}

} // namespace lethean::node
