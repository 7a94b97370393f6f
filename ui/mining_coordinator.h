#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>

namespace lethean::node {
struct MiningProfile;
struct PeerStatsResult;
} // namespace lethean::node

namespace lethean::ui {

class DashboardPage;
class MinersPage;
class NodeClient;
class ProfilesPage;
class RigTableModel;

// Connects the mining pages to the node, the way Bitcoin Core's WalletModel stands between its pages and
// interfaces::Wallet: the pages only emit requests and take answers in slots, and this object turns each
// request into a NodeClient call continued on the GUI thread. It also keeps the rig table current: the
// peer list from the client's signals, and every rig's stats polled (getAllStats) at a steady interval,
// one round at a time, so a slow rig never piles up requests.
class MiningCoordinator : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultPollInterval{3000};

    MiningCoordinator(NodeClient& client, RigTableModel& rigs, QObject* parent = nullptr);

    // Each page is optional; attach it once. The dashboard receives every stats round (it feeds the
    // rig table and the history); without one, the rig table is fed directly.
    void attachDashboard(DashboardPage& page);
    void attachMiners(MinersPage& page);
    void attachProfiles(ProfilesPage& page);

    void setPollInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds pollInterval() const;
    // Asks every rig for its stats now (unless a round is under way), e.g. right after a start or stop.
    void pollNow();
    int completedRounds() const { return m_rounds; }

    // The tray's "Pause all rigs": stops every running miner on every rig and this computer.
    void pauseAllRigs();

Q_SIGNALS:
    // A stats round has been applied to the rig table.
    void statsRoundFinished();
    // "Pause all rigs" is done: how many miners stopped.
    void allRigsPaused(int minersStopped);

private:
    // Calls done(result) on this thread when the future has a result, or cancelled() when it was
    // cancelled (no node, or the node stopped first). Through a QFutureWatcher owned by this object, not
    // `.then(this, …).onCanceled(this, …)`: Qt 6.4 asserts in such a chain when this object goes first.
    template <typename T, typename Done, typename Cancelled>
    void watch(QFuture<T> future, Done done, Cancelled cancelled);

    void onNodeStarted();
    void onNodeStopped();
    void applyRound(const QList<node::PeerStatsResult>& results);
    void startMiner(const QString& rigId, const node::MiningProfile& profile);
    void stopMiner(const QString& rigId, const QString& minerName);
    void fetchLogs(const QString& rigId, const QString& minerName);
    void saveProfile(const node::MiningProfile& profile);
    void removeProfile(const QString& name);
    void deployProfile(const node::MiningProfile& profile, const QStringList& rigIds);
    void exportProfile(const node::MiningProfile& profile, const QString& path, const QString& passphrase);
    void importProfile(const QString& path, const QString& passphrase);

    NodeClient& m_client;
    RigTableModel& m_rigs;
    QPointer<DashboardPage> m_dashboard;
    QPointer<MinersPage> m_miners;
    QPointer<ProfilesPage> m_profiles;
    QTimer m_poll;
    bool m_polling = false; // a getAllStats round is under way
    int m_rounds = 0;
};

template <typename T, typename Done, typename Cancelled>
void MiningCoordinator::watch(QFuture<T> future, Done done, Cancelled cancelled)
{
    auto* watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [watcher, done = std::move(done), cancelled = std::move(cancelled)]() mutable {
                watcher->deleteLater();
                if (watcher->isCanceled() || watcher->future().resultCount() == 0)
                    cancelled();
                else
                    done(watcher->future().result());
            });
    watcher->setFuture(future);
}

} // namespace lethean::ui
