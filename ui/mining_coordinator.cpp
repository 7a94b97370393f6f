#include "ui/mining_coordinator.h"

#include "node/controller.h"
#include "node/mining_profile.h"
#include "ui/dashboard_page.h"
#include "ui/miners_page.h"
#include "ui/node_client.h"
#include "ui/profiles_page.h"
#include "ui/rig_table_model.h"

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
// As many lines as the log view keeps in follow mode; the worker caps it too.
constexpr int kLogLines = 500;

// A future the client cancelled (no node, or it shut down) gets this instead of a result.
QString noNodeError()
{
    return MiningCoordinator::tr("the node is not running");
}

template <typename T> QString errorOf(const node::ControllerResult<T>& result)
{
    return result ? QString() : result.error().message;
}
} // namespace

MiningCoordinator::MiningCoordinator(NodeClient& client, RigTableModel& rigs, QObject* parent)
    : QObject(parent), m_client(client), m_rigs(rigs)
{
    m_poll.setInterval(kDefaultPollInterval);
    connect(&m_poll, &QTimer::timeout, this, &MiningCoordinator::pollNow);
    connect(&client, &NodeClient::peersReset, &rigs, &RigTableModel::resetPeers);
    connect(&client, &NodeClient::peerChanged, &rigs, &RigTableModel::updatePeer);
    connect(&client, &NodeClient::peerRemoved, &rigs, &RigTableModel::removePeer);
    connect(&client, &NodeClient::nodeStarted, this, &MiningCoordinator::onNodeStarted);
    connect(&client, &NodeClient::nodeStopped, this, &MiningCoordinator::onNodeStopped);
    if (client.state() == NodeClient::State::Running)
        onNodeStarted();
}

void MiningCoordinator::attachDashboard(DashboardPage& page)
{
    m_dashboard = &page;
}

void MiningCoordinator::attachMiners(MinersPage& page)
{
    m_miners = &page;
    connect(&page, &MinersPage::startRequested, this, &MiningCoordinator::startMiner);
    connect(&page, &MinersPage::stopRequested, this, &MiningCoordinator::stopMiner);
    connect(&page, &MinersPage::logsRequested, this, &MiningCoordinator::fetchLogs);
    connect(&m_client, &NodeClient::profilesChanged, &page, &MinersPage::setProfiles);
}

void MiningCoordinator::attachProfiles(ProfilesPage& page)
{
    m_profiles = &page;
    connect(&page, &ProfilesPage::saveRequested, this, &MiningCoordinator::saveProfile);
    connect(&page, &ProfilesPage::deleteRequested, this, &MiningCoordinator::removeProfile);
    connect(&page, &ProfilesPage::deployRequested, this, &MiningCoordinator::deployProfile);
    connect(&page, &ProfilesPage::exportRequested, this, &MiningCoordinator::exportProfile);
    connect(&page, &ProfilesPage::importRequested, this, &MiningCoordinator::importProfile);
    connect(&m_client, &NodeClient::profilesChanged, &page, &ProfilesPage::setProfiles);
    connect(&m_client, &NodeClient::deployProgress, &page, &ProfilesPage::deployProgress);
}

void MiningCoordinator::setPollInterval(std::chrono::milliseconds interval)
{
    m_poll.setInterval(interval);
}

std::chrono::milliseconds MiningCoordinator::pollInterval() const
{
    return m_poll.intervalAsDuration();
}

void MiningCoordinator::onNodeStarted()
{
    m_poll.start();
    pollNow(); // the dashboard fills at once, not one interval later
}

void MiningCoordinator::onNodeStopped()
{
    m_poll.stop();
}

void MiningCoordinator::pollNow()
{
    if (m_polling || m_client.state() != NodeClient::State::Running)
        return;
    m_polling = true;
    watch(
        m_client.getAllStats(),
        [this](const QList<node::PeerStatsResult>& results) {
            m_polling = false;
            applyRound(results);
        },
        [this] { m_polling = false; });
}

void MiningCoordinator::applyRound(const QList<node::PeerStatsResult>& results)
{
    if (m_dashboard)
        m_dashboard->updateStats(results);
    else
        m_rigs.updateStats(results);
    ++m_rounds;
    Q_EMIT statsRoundFinished();
}

void MiningCoordinator::startMiner(const QString& rigId, const node::MiningProfile& profile)
{
    watch(
        m_client.startMiner(rigId, profile),
        [this, rigId, profile](const node::ControllerResult<node::MinerAckPayload>& ack) {
            if (m_miners)
                m_miners->startFinished(rigId, ack ? ack->minerName : profile.name, errorOf(ack));
            pollNow();
        },
        [this, rigId, profile] {
            if (m_miners)
                m_miners->startFinished(rigId, profile.name, noNodeError());
        });
}

void MiningCoordinator::stopMiner(const QString& rigId, const QString& minerName)
{
    watch(
        m_client.stopMiner(rigId, minerName),
        [this, rigId, minerName](const node::ControllerResult<node::MinerAckPayload>& ack) {
            if (m_miners)
                m_miners->stopFinished(rigId, minerName, errorOf(ack));
            pollNow();
        },
        [this, rigId, minerName] {
            if (m_miners)
                m_miners->stopFinished(rigId, minerName, noNodeError());
        });
}

void MiningCoordinator::fetchLogs(const QString& rigId, const QString& minerName)
{
    watch(
        m_client.getLogs(rigId, minerName, kLogLines),
        [this, rigId, minerName](const node::ControllerResult<node::LogsPayload>& logs) {
            if (!m_miners)
                return;
            if (logs)
                m_miners->logsReceived(rigId, minerName, logs->lines);
            else
                m_miners->logsFailed(rigId, minerName, logs.error().message);
        },
        [this, rigId, minerName] {
            if (m_miners)
                m_miners->logsFailed(rigId, minerName, noNodeError());
        });
}

void MiningCoordinator::saveProfile(const node::MiningProfile& profile)
{
    watch(
        m_client.saveProfile(profile),
        [this, name = profile.name](const Result<void, QString>& saved) {
            if (m_profiles)
                m_profiles->saveFinished(name, saved ? QString() : saved.error());
        },
        [this, name = profile.name] {
            if (m_profiles)
                m_profiles->saveFinished(name, noNodeError());
        });
}

void MiningCoordinator::removeProfile(const QString& name)
{
    watch(
        m_client.removeProfile(name),
        [this, name](const Result<void, QString>& removed) {
            if (m_profiles)
                m_profiles->deleteFinished(name, removed ? QString() : removed.error());
        },
        [this, name] {
            if (m_profiles)
                m_profiles->deleteFinished(name, noNodeError());
        });
}

void MiningCoordinator::deployProfile(const node::MiningProfile& profile, const QStringList& rigIds)
{
    watch(
        m_client.deployProfile(profile, rigIds),
        [this](const QList<node::PeerDeployResult>& results) {
            if (!m_profiles)
                return;
            for (const node::PeerDeployResult& result : results)
                m_profiles->deployFinished(result.peerId, bool(result.ack), errorOf(result.ack));
        },
        [this, rigIds] {
            if (!m_profiles)
                return;
            for (const QString& rigId : rigIds)
                m_profiles->deployFinished(rigId, false, noNodeError());
        });
}

void MiningCoordinator::exportProfile(const node::MiningProfile& profile, const QString& path,
                                      const QString& passphrase)
{
    watch(
        NodeClient::exportProfile(profile, path, passphrase),
        [this, path](const Result<void, QString>& written) {
            if (m_profiles)
                m_profiles->exportFinished(path, written ? QString() : written.error());
        },
        [] {});
}

void MiningCoordinator::importProfile(const QString& path, const QString& passphrase)
{
    watch(
        NodeClient::importProfile(path, passphrase),
        [this](const Result<node::MiningProfile, QString>& imported) {
            if (!m_profiles)
                return;
            if (imported)
                m_profiles->importFinished(*imported, QString());
            else
                m_profiles->importFinished(node::MiningProfile(), imported.error());
        },
        [] {});
}

void MiningCoordinator::pauseAllRigs()
{
    watch(
        m_client.stopAllMiners(),
        [this](int stopped) {
            Q_EMIT allRigsPaused(stopped);
            pollNow();
        },
        [] {});
}

} // namespace lethean::ui
