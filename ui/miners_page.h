#pragma once

#include "node/mining_profile.h"

#include <QList>
#include <QString>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lethean::ui {

class MinerLogView;
class MinerTableModel;
class RigTableModel;

// The Miners page: choose a rig, start a miner on it with one of the profiles, see its miners' live
// numbers, stop one, and read a miner's log. The page does not talk to the node: it emits requests and
// is told their outcome through its slots (the window wires both to NodeClient), and it follows the
// rig's stats through the RigTableModel the dashboard shares.
class MinersPage : public QWidget
{
    Q_OBJECT

public:
    // While follow mode is on, the selected miner's log is asked for this often.
    static constexpr std::chrono::milliseconds kLogRefreshInterval{3000};

    explicit MinersPage(RigTableModel& rigs, QWidget* parent = nullptr);

    QString currentRigId() const;
    void setCurrentRig(const QString& rigId);
    QString selectedMinerName() const;
    void selectMiner(const QString& minerName);
    QString selectedProfileName() const;
    void selectProfile(const QString& name);
    // The line under the page: the outcome of the last request.
    QString messageText() const;

    MinerTableModel& minerModel() { return *m_miners; }
    MinerLogView& logView() { return *m_log; }

    // The actions behind the buttons (tests call them too).
    void startSelectedProfile();
    void stopSelectedMiner();
    void requestLogs();

public Q_SLOTS:
    void setProfiles(const QList<lethean::node::MiningProfile>& profiles);
    // The outcome of startRequested: error empty on success (minerName is then the started miner).
    void startFinished(const QString& rigId, const QString& minerName, const QString& error);
    void stopFinished(const QString& rigId, const QString& minerName, const QString& error);
    void logsReceived(const QString& rigId, const QString& minerName, const QStringList& lines);
    void logsFailed(const QString& rigId, const QString& minerName, const QString& error);

Q_SIGNALS:
    void startRequested(const QString& rigId, const lethean::node::MiningProfile& profile);
    void stopRequested(const QString& rigId, const QString& minerName);
    void logsRequested(const QString& rigId, const QString& minerName);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void createWidgets();
    void onRigChanged();
    void onRigStatsChanged(const QString& rigId);
    void onMinerSelectionChanged();
    void updateRigSummary();
    void updateProfileSummary();
    void updateButtons();
    void updateLogTimer();
    QString rigName(const QString& rigId) const;
    void showMessage(const QString& text, bool isError = false);

    RigTableModel& m_rigs;
    MinerTableModel* m_miners = nullptr;
    QSortFilterProxyModel* m_minerProxy = nullptr;
    QList<node::MiningProfile> m_profiles;
    QComboBox* m_rigChooser = nullptr;
    QLabel* m_rigSummary = nullptr;
    QComboBox* m_profileChooser = nullptr;
    QLabel* m_profileSummary = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QTableView* m_minerView = nullptr;
    MinerLogView* m_log = nullptr;
    QLabel* m_message = nullptr;
    QTimer m_logTimer;
    QString m_shownRigId;     // the rig whose miners the table holds
    QString m_pendingStartRig; // a start is under way on this rig
    QString m_pendingStopMiner;
    QString m_logMiner; // the miner the log view shows
};

} // namespace lethean::ui
