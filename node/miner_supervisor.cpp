#include "node/miner_supervisor.h"

#include "node/log_categories.h"
#include "node/logger.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QSaveFile>
#include <memory>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

Logger logger()
{
    return Logger(lcMiner());
}

template <typename T> QFuture<T> readyFuture(T value)
{
    QPromise<T> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

QFuture<MinerActionOutcome> failedOutcome(const QString& name, const QString& error)
{
    return readyFuture(MinerActionOutcome{false, name, error});
}

// A promise that is finished exactly once, whichever of the miner's signals comes first.
struct PendingAction
{
    QPromise<MinerActionOutcome> promise;
    bool done = false;

    void finish(MinerActionOutcome outcome)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(outcome));
        promise.finish();
    }
};

} // namespace

MinerSupervisor::MinerSupervisor(Settings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings))
{}

MinerSupervisor::~MinerSupervisor()
{
    // The miners are children: each XmrigMiner kills its process as it goes. Said here so that the log
    // shows a shutdown that skipped stopAll().
    // Deleted here rather than by ~QObject, so that pending starts and stops still see their miner go
    // and finish their futures.
    const QList<QPointer<Miner>> miners = m_miners.values();
    m_miners.clear();
    for (const QPointer<Miner>& miner : miners) {
        if (!miner)
            continue;
        if (miner->state() != Miner::State::Stopped && miner->state() != Miner::State::Failed)
            logger().warn(u"miner killed at shutdown"_s, {{u"miner"_s, miner->name()}});
        delete miner.data();
    }
}

Result<void, QString> MinerSupervisor::checkXmrigBinary() const
{
    const QString path = m_settings.xmrigPath;
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists() || !info.isFile())
        return fail(tr("XMRig not found at %1; set the miner path or use demo mode.")
                        .arg(path.isEmpty() ? tr("(no path set)") : QDir::toNativeSeparators(path)));
    if (!info.isExecutable())
        return fail(
            tr("XMRig at %1 is not executable; check its permissions, set the miner path or use demo mode.")
                .arg(QDir::toNativeSeparators(path)));
    return {};
}

Result<QString, QString> MinerSupervisor::nameFor(const MiningProfile& profile) const
{
    if (!profile.name.isEmpty()) {
        // The name becomes a folder under miners/: the profile rules keep it there (no '/', no "..").
        if (const auto valid = MiningProfile::validateName(profile.name); !valid)
            return fail(valid.error());
        return profile.name;
    }
    const QString type = profile.minerType.isEmpty() ? u"miner"_s : profile.minerType;
    for (int n = 1;; ++n) {
        const QString candidate = u"%1-%2"_s.arg(type).arg(n);
        if (!m_miners.contains(candidate))
            return candidate;
    }
}

Miner* MinerSupervisor::createMiner(const QString& name, const MiningProfile& profile)
{
    if (m_settings.demoMode || profile.minerType == u"simulated"_s)
        return new SimulatedMiner(name, profile, m_settings.simulated, this);
    XmrigMiner::Settings settings = m_settings.xmrig;
    settings.binaryPath = m_settings.xmrigPath;
    settings.workDir = QDir(m_settings.minersDir).filePath(name);
    return new XmrigMiner(name, profile, settings, this);
}

QFuture<MinerActionOutcome> MinerSupervisor::startMiner(const MiningProfile& profile)
{
    const auto named = nameFor(profile);
    if (!named)
        return failedOutcome(profile.name, named.error());
    const QString name = named.value();

    if (const Miner* existing = miner(name)) {
        if (existing->state() != Miner::State::Failed)
            return failedOutcome(name, tr("A miner named %1 is already running; stop it first.").arg(name));
        forget(name); // a failed miner gives way to a new start
    }
    if (!MiningProfile::knownMinerTypes().contains(profile.minerType))
        return failedOutcome(name,
                             tr("Unknown miner type '%1'; use xmrig or simulated.").arg(profile.minerType));
    const bool simulated = m_settings.demoMode || profile.minerType == u"simulated"_s;
    if (!simulated) {
        if (const auto binary = checkXmrigBinary(); !binary)
            return failedOutcome(name, binary.error());
    }

    Miner* created = createMiner(name, profile);
    m_miners.insert(name, created);
    auto pending = std::make_shared<PendingAction>();
    pending->promise.start();

    connect(created, &Miner::started, this, [this, pending, name, profile] {
        MiningProfile remembered = profile;
        remembered.name = name;
        rememberProfile(remembered);
        logger().info(u"miner started"_s, {{u"miner"_s, name}});
        pending->finish({true, name, {}});
        Q_EMIT minerStarted(name);
    });
    connect(created, &Miner::startFailed, this, [this, pending, name](const QString& reason) {
        pending->finish({false, name, reason});
        // Gone from the list: the reason is in the reply. Not inside the miner's own signal.
        QMetaObject::invokeMethod(
            this,
            [this, name] {
                if (const Miner* m = miner(name); m && m->state() == Miner::State::Failed)
                    forget(name);
            },
            Qt::QueuedConnection);
    });
    connect(created, &QObject::destroyed, this, [pending, name] {
        pending->finish({false, name, tr("The miner was shut down before it started.")});
    });
    connect(created, &Miner::crashed, this,
            [this, name](const QString& reason) { Q_EMIT minerCrashed(name, reason); });
    connect(created, &Miner::restarted, this,
            [this, name](const QString& reason) { Q_EMIT minerRestarted(name, reason); });
    connect(created, &Miner::gaveUp, this,
            [this, name](const QString& reason) { Q_EMIT minerGaveUp(name, reason); });
    connect(created, &Miner::statsChanged, this, [this, name] { Q_EMIT statsChanged(name); });

    created->start();
    return pending->promise.future();
}

QFuture<MinerActionOutcome> MinerSupervisor::stopMiner(const QString& minerName)
{
    Miner* target = miner(minerName);
    if (!target)
        return failedOutcome(minerName, tr("No miner named %1.").arg(minerName));
    // The user stopped it: do not bring it back at the next start.
    forgetRememberedProfile(minerName);

    auto pending = std::make_shared<PendingAction>();
    pending->promise.start();
    connect(target, &Miner::stopped, this, [this, pending, minerName, target] {
        pending->finish({true, minerName, {}});
        if (miner(minerName) == target)
            forget(minerName);
        Q_EMIT minerStopped(minerName);
    });
    connect(target, &QObject::destroyed, this, [pending, minerName] {
        pending->finish({true, minerName, {}});
    });
    target->stop();
    return pending->promise.future();
}

QFuture<void> MinerSupervisor::stopAll()
{
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    const QList<QPointer<Miner>> miners = m_miners.values();
    auto remaining = std::make_shared<int>(0);
    for (const QPointer<Miner>& m : miners) {
        if (m)
            ++*remaining;
    }
    if (*remaining == 0) {
        promise->finish();
        return promise->future();
    }
    logger().info(u"stopping all miners"_s, {{u"count"_s, *remaining}});
    for (const QPointer<Miner>& m : miners) {
        if (!m)
            continue;
        const QString name = m->name();
        Miner* target = m.data();
        auto done = std::make_shared<bool>(false);
        auto finishOne = [this, promise, remaining, done, name, target] {
            if (*done)
                return;
            *done = true;
            if (miner(name) == target)
                forget(name);
            if (--*remaining == 0)
                promise->finish();
        };
        connect(target, &Miner::stopped, this, [this, finishOne, name] {
            finishOne();
            Q_EMIT minerStopped(name);
        });
        connect(target, &QObject::destroyed, this, finishOne);
        target->stop();
    }
    return promise->future();
}

QList<MinerStatsItem> MinerSupervisor::stats() const
{
    QList<MinerStatsItem> items;
    for (const auto& m : m_miners) {
        if (m)
            items.append(m->stats());
    }
    return items;
}

QStringList MinerSupervisor::minerNames() const
{
    QStringList names;
    for (auto it = m_miners.cbegin(); it != m_miners.cend(); ++it) {
        if (it.value())
            names.append(it.key());
    }
    return names;
}

Result<MinerLogSlice, QString> MinerSupervisor::logs(const QString& minerName, int lines,
                                                     qint64 sinceMs) const
{
    const Miner* target = miner(minerName);
    if (!target)
        return fail(u"miner not found: %1"_s.arg(minerName));
    return target->logs(lines, sinceMs);
}

Miner* MinerSupervisor::miner(const QString& name) const
{
    return m_miners.value(name).data();
}

void MinerSupervisor::forget(const QString& name)
{
    if (QPointer<Miner> m = m_miners.take(name))
        m->deleteLater();
}

QString MinerSupervisor::lastProfileFile() const
{
    // Profile names cannot start with a dot, so no miner's folder can be called this.
    return QDir(m_settings.minersDir).filePath(u".last-profile.json"_s);
}

void MinerSupervisor::rememberProfile(const MiningProfile& profile)
{
    if (m_settings.minersDir.isEmpty())
        return;
    QDir().mkpath(m_settings.minersDir);
    QSaveFile file(lastProfileFile());
    const QByteArray json = profile.toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        logger().warn(u"cannot remember the last profile"_s,
                      {{u"file"_s, lastProfileFile()}, {u"error"_s, file.errorString()}});
        return;
    }
    QFile::setPermissions(lastProfileFile(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void MinerSupervisor::forgetRememberedProfile(const QString& minerName)
{
    const auto remembered = lastProfile();
    if (remembered && remembered->name == minerName)
        QFile::remove(lastProfileFile());
}

std::optional<MiningProfile> MinerSupervisor::lastProfile() const
{
    QFile file(lastProfileFile());
    if (m_settings.minersDir.isEmpty() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    // A profile is a few hundred bytes; a huge file is not ours.
    if (file.size() > 64 * 1024)
        return std::nullopt;
    auto parsed = MiningProfile::fromJson(file.readAll());
    if (!parsed) {
        logger().warn(u"the remembered profile cannot be read"_s,
                      {{u"file"_s, lastProfileFile()}, {u"error"_s, parsed.error()}});
        return std::nullopt;
    }
    return std::move(parsed).value();
}

QFuture<MinerActionOutcome> MinerSupervisor::resumeLastProfile()
{
    if (!m_settings.resumeLastProfile)
        return failedOutcome({}, tr("Resuming the last profile is turned off."));
    const auto profile = lastProfile();
    if (!profile)
        return failedOutcome({}, tr("There is no profile to resume."));
    if (const auto problems = profile->validate(); !problems.isEmpty())
        return failedOutcome(
            profile->name,
            tr("The remembered profile is not valid: %1").arg(MiningProfile::describe(problems)));
    logger().info(u"resuming the last profile"_s, {{u"profile"_s, profile->name}});
    return startMiner(*profile);
}

} // namespace lethean::node
