#include "ui/miners_page.h"

#include "ui/display_format.h"
#include "ui/miner_log_view.h"
#include "ui/miner_table_model.h"
#include "ui/rig_table_model.h"
#include "ui/table_views.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
// "iz4xJ…q9Zt": enough of a wallet to recognise it without filling the line.
QString shortWallet(const QString& wallet)
{
    return wallet.size() <= 16 ? wallet : wallet.left(6) + u"…"_s + wallet.right(6);
}
} // namespace

MinersPage::MinersPage(RigTableModel& rigs, QWidget* parent) : QWidget(parent), m_rigs(rigs)
{
    setObjectName(u"minersPage"_s);
    m_miners = new MinerTableModel(this);
    m_minerProxy = new QSortFilterProxyModel(this);
    m_minerProxy->setSourceModel(m_miners);
    m_minerProxy->setSortRole(MinerTableModel::SortRole);
    m_logTimer.setInterval(kLogRefreshInterval);
    connect(&m_logTimer, &QTimer::timeout, this, &MinersPage::requestLogs);
    createWidgets();
    connect(&m_rigs, &RigTableModel::rigStatsChanged, this, &MinersPage::onRigStatsChanged);
    connect(&m_rigs, &QAbstractItemModel::dataChanged, this, &MinersPage::updateRigSummary);
    onRigChanged();
}

void MinersPage::createWidgets()
{
    m_rigChooser = new QComboBox(this);
    m_rigChooser->setObjectName(u"minersRigChooser"_s);
    m_rigChooser->setAccessibleName(tr("Rig"));
    m_rigChooser->setModel(&m_rigs);
    m_rigChooser->setModelColumn(RigTableModel::NameColumn);
    m_rigChooser->setMinimumContentsLength(16);
    m_rigChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_rigChooser->setPlaceholderText(tr("No rigs yet: pair one on the Peers page"));
    connect(m_rigChooser, &QComboBox::currentIndexChanged, this, &MinersPage::onRigChanged);
    auto* rigLabel = new QLabel(tr("&Rig:"), this);
    rigLabel->setBuddy(m_rigChooser);
    m_rigSummary = new QLabel(this);
    m_rigSummary->setObjectName(u"minersRigSummary"_s);
    m_rigSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* rigRow = new QHBoxLayout;
    rigRow->addWidget(rigLabel);
    rigRow->addWidget(m_rigChooser);
    rigRow->addSpacing(12);
    rigRow->addWidget(m_rigSummary, 1);

    auto* startBox = new QGroupBox(tr("Start a miner"), this);
    m_profileChooser = new QComboBox(startBox);
    m_profileChooser->setObjectName(u"minersProfileChooser"_s);
    m_profileChooser->setAccessibleName(tr("Profile to start"));
    m_profileChooser->setMinimumContentsLength(16);
    m_profileChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileChooser->setPlaceholderText(tr("No profiles yet: create one on the Profiles page"));
    connect(m_profileChooser, &QComboBox::currentIndexChanged, this, [this] {
        updateProfileSummary();
        updateButtons();
    });
    auto* profileLabel = new QLabel(tr("&Profile:"), startBox);
    profileLabel->setBuddy(m_profileChooser);
    m_start = new QPushButton(tr("&Start"), startBox);
    m_start->setObjectName(u"startMiner"_s);
    m_start->setToolTip(tr("Start a miner on the rig with this profile"));
    connect(m_start, &QPushButton::clicked, this, &MinersPage::startSelectedProfile);
    m_profileSummary = new QLabel(startBox);
    m_profileSummary->setObjectName(u"minersProfileSummary"_s);
    m_profileSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* startRow = new QHBoxLayout(startBox);
    startRow->addWidget(profileLabel);
    startRow->addWidget(m_profileChooser);
    startRow->addWidget(m_start);
    startRow->addSpacing(12);
    startRow->addWidget(m_profileSummary, 1);

    auto* minersBox = new QGroupBox(tr("Miners on this rig"), this);
    m_minerView = new QTableView(minersBox);
    m_minerView->setObjectName(u"minerTable"_s);
    m_minerView->setAccessibleName(tr("Miners on this rig"));
    m_minerView->setModel(m_minerProxy);
    m_minerView->setSortingEnabled(true);
    m_minerView->sortByColumn(-1, Qt::AscendingOrder); // the rig's order until a header is clicked
    setUpRowTable(*m_minerView);
    m_minerView->horizontalHeader()->setStretchLastSection(true);
    m_minerView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A pool URL is long and the same on every row: cut short (whole in the tooltip) to leave room.
    m_minerView->horizontalHeader()->setSectionResizeMode(MinerTableModel::PoolColumn, QHeaderView::Interactive);
    m_minerView->horizontalHeader()->resizeSection(MinerTableModel::PoolColumn, 170);
    m_minerView->setTextElideMode(Qt::ElideMiddle);
    m_minerView->setMinimumHeight(90);
    connect(m_minerView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MinersPage::onMinerSelectionChanged);
    m_stop = new QPushButton(tr("S&top"), minersBox);
    m_stop->setObjectName(u"stopMiner"_s);
    m_stop->setToolTip(tr("Stop the selected miner"));
    connect(m_stop, &QPushButton::clicked, this, &MinersPage::stopSelectedMiner);
    auto* minerButtons = new QHBoxLayout;
    minerButtons->addStretch();
    minerButtons->addWidget(m_stop);
    auto* minersLayout = new QVBoxLayout(minersBox);
    minersLayout->addWidget(m_minerView, 1);
    minersLayout->addLayout(minerButtons);

    auto* logBox = new QGroupBox(tr("Miner log"), this);
    m_log = new MinerLogView(logBox);
    connect(m_log, &MinerLogView::refreshRequested, this, &MinersPage::requestLogs);
    connect(m_log, &MinerLogView::followChanged, this, [this](bool following) {
        updateLogTimer();
        if (following)
            requestLogs();
    });
    auto* logLayout = new QVBoxLayout(logBox);
    logLayout->addWidget(m_log);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(minersBox);
    splitter->addWidget(logBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    m_message = new QLabel(this);
    m_message->setObjectName(u"minersMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Result of the last action"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(rigRow);
    layout->addWidget(startBox);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    setTabOrder(m_rigChooser, m_profileChooser);
    setTabOrder(m_profileChooser, m_start);
    setTabOrder(m_start, m_minerView);
    setTabOrder(m_minerView, m_stop);
}

QString MinersPage::currentRigId() const
{
    return m_rigChooser->currentIndex() < 0 ? QString() : m_rigChooser->currentData(RigTableModel::RigIdRole).toString();
}

void MinersPage::setCurrentRig(const QString& rigId)
{
    const int row = m_rigs.rowOf(rigId);
    if (row >= 0)
        m_rigChooser->setCurrentIndex(row);
}

QString MinersPage::selectedMinerName() const
{
    const QModelIndexList rows = m_minerView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(MinerTableModel::MinerNameRole).toString();
}

void MinersPage::selectMiner(const QString& minerName)
{
    const int row = m_miners->rowOf(minerName);
    if (row < 0)
        return;
    m_minerView->selectRow(m_minerProxy->mapFromSource(m_miners->index(row, 0)).row());
}

QString MinersPage::selectedProfileName() const
{
    return m_profileChooser->currentIndex() < 0 ? QString() : m_profileChooser->currentText();
}

void MinersPage::selectProfile(const QString& name)
{
    m_profileChooser->setCurrentIndex(m_profileChooser->findText(name));
}

QString MinersPage::messageText() const
{
    return m_message->text();
}

QString MinersPage::rigName(const QString& rigId) const
{
    const int row = m_rigs.rowOf(rigId);
    return row < 0 ? rigId.left(8) : m_rigs.data(m_rigs.index(row, RigTableModel::NameColumn)).toString();
}

void MinersPage::setProfiles(const QList<node::MiningProfile>& profiles)
{
    const QString keep = selectedProfileName();
    m_profiles = profiles;
    QSignalBlocker block(m_profileChooser);
    m_profileChooser->clear();
    for (const node::MiningProfile& profile : profiles)
        m_profileChooser->addItem(profile.name);
    const int again = m_profileChooser->findText(keep);
    m_profileChooser->setCurrentIndex(again >= 0 ? again : (profiles.isEmpty() ? -1 : 0));
    updateProfileSummary();
    updateButtons();
}

void MinersPage::onRigChanged()
{
    const QString rigId = currentRigId();
    if (rigId != m_shownRigId) {
        m_shownRigId = rigId;
        m_logMiner.clear();
        m_log->clear();
        m_log->setSubject({});
        const int row = m_rigs.rowOf(rigId);
        m_miners->setMiners(row >= 0 ? m_rigs.rigAt(row).stats.miners : QList<node::MinerStatsItem>{});
    }
    updateRigSummary();
    updateButtons();
    onMinerSelectionChanged();
}

void MinersPage::onRigStatsChanged(const QString& rigId)
{
    if (rigId != m_shownRigId) {
        // The rig list changed under the chooser (a reset or a removal) and it now points elsewhere.
        if (currentRigId() != m_shownRigId)
            onRigChanged();
        return;
    }
    const int row = m_rigs.rowOf(rigId);
    m_miners->setMiners(row >= 0 ? m_rigs.rigAt(row).stats.miners : QList<node::MinerStatsItem>{});
    updateRigSummary();
    updateButtons();
}

void MinersPage::updateRigSummary()
{
    const int row = m_rigs.rowOf(m_shownRigId);
    if (row < 0) {
        m_rigSummary->setText(m_rigs.rowCount() == 0 ? tr("No rigs are known yet.") : QString());
        return;
    }
    const RigSnapshot& rig = m_rigs.rigAt(row);
    QString text;
    if (!rig.connected)
        text = tr("Offline");
    else if (!rig.statsError.isEmpty())
        text = tr("Online, not answering: %1").arg(rig.statsError);
    else if (rig.stats.miners.isEmpty())
        text = rig.hasStats ? tr("Online, no miner running") : tr("Online");
    else
        //: Rig summary: %n miners, %1 the total hashrate
        text = tr("Online, %n miner(s), %1", nullptr, int(rig.stats.miners.size()))
                   .arg(DisplayFormat::hashrate(rig.hashrate10s()));
    if (rig.isSimulated())
        text += u" — "_s + tr("simulated");
    m_rigSummary->setText(text);
    m_rigSummary->setAccessibleName(text);
}

void MinersPage::updateProfileSummary()
{
    const int index = m_profileChooser->currentIndex();
    if (index < 0 || index >= m_profiles.size()) {
        m_profileSummary->clear();
        return;
    }
    const node::MiningProfile& profile = m_profiles.at(index);
    //: Profile summary: miner type, pool, wallet (shortened)
    m_profileSummary->setText(tr("%1 → %2, wallet %3").arg(profile.minerType, profile.pool, shortWallet(profile.wallet)));
    m_profileSummary->setToolTip(profile.wallet);
}

void MinersPage::updateButtons()
{
    const int row = m_rigs.rowOf(m_shownRigId);
    const bool online = row >= 0 && m_rigs.rigAt(row).connected;
    const bool profileChosen = m_profileChooser->currentIndex() >= 0;
    m_start->setEnabled(online && profileChosen && m_pendingStartRig.isEmpty());
    m_start->setToolTip(!online          ? tr("The rig is offline")
                        : !profileChosen ? tr("Choose a profile first")
                                         : tr("Start a miner on the rig with this profile"));
    m_stop->setEnabled(online && !selectedMinerName().isEmpty() && m_pendingStopMiner.isEmpty());
}

void MinersPage::onMinerSelectionChanged()
{
    updateButtons();
    const QString miner = selectedMinerName();
    if (miner == m_logMiner)
        return;
    m_logMiner = miner;
    m_log->clear();
    m_log->setSubject(miner.isEmpty() ? QString() : tr("%1 on %2").arg(miner, rigName(m_shownRigId)));
    updateLogTimer();
    requestLogs();
}

void MinersPage::updateLogTimer()
{
    const bool wanted = isVisible() && m_log->isFollowing() && !m_logMiner.isEmpty();
    if (wanted && !m_logTimer.isActive())
        m_logTimer.start();
    else if (!wanted)
        m_logTimer.stop();
}

void MinersPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateLogTimer();
}

void MinersPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    updateLogTimer();
}

void MinersPage::requestLogs()
{
    if (m_shownRigId.isEmpty() || m_logMiner.isEmpty())
        return;
    if (m_log->lines().isEmpty())
        m_log->setStatus(tr("Fetching the log…"));
    Q_EMIT logsRequested(m_shownRigId, m_logMiner);
}

void MinersPage::startSelectedProfile()
{
    const QString rigId = currentRigId();
    const int index = m_profileChooser->currentIndex();
    if (rigId.isEmpty() || index < 0 || index >= m_profiles.size())
        return;
    const node::MiningProfile& profile = m_profiles.at(index);
    if (const QList<node::ProfileFieldError> errors = profile.validate(); !errors.isEmpty()) {
        showMessage(tr("The profile %1 cannot be started: %2").arg(profile.name, errors.first().message), true);
        return;
    }
    m_pendingStartRig = rigId;
    showMessage(tr("Starting %1 on %2…").arg(profile.name, rigName(rigId)));
    updateButtons();
    Q_EMIT startRequested(rigId, profile);
}

void MinersPage::startFinished(const QString& rigId, const QString& minerName, const QString& error)
{
    if (rigId == m_pendingStartRig)
        m_pendingStartRig.clear();
    if (error.isEmpty())
        showMessage(tr("Started %1 on %2.").arg(minerName, rigName(rigId)));
    else
        showMessage(tr("Could not start the miner on %1: %2").arg(rigName(rigId), error), true);
    updateButtons();
}

void MinersPage::stopSelectedMiner()
{
    const QString miner = selectedMinerName();
    if (m_shownRigId.isEmpty() || miner.isEmpty())
        return;
    m_pendingStopMiner = miner;
    showMessage(tr("Stopping %1 on %2…").arg(miner, rigName(m_shownRigId)));
    updateButtons();
    Q_EMIT stopRequested(m_shownRigId, miner);
}

void MinersPage::stopFinished(const QString& rigId, const QString& minerName, const QString& error)
{
    if (minerName == m_pendingStopMiner)
        m_pendingStopMiner.clear();
    if (error.isEmpty())
        showMessage(tr("Stopped %1 on %2.").arg(minerName, rigName(rigId)));
    else
        showMessage(tr("Could not stop %1 on %2: %3").arg(minerName, rigName(rigId), error), true);
    updateButtons();
}

void MinersPage::logsReceived(const QString& rigId, const QString& minerName, const QStringList& lines)
{
    // A late answer for a miner no longer shown is dropped rather than mixed in.
    if (rigId != m_shownRigId || minerName != m_logMiner)
        return;
    m_log->setLines(lines);
    if (lines.isEmpty())
        m_log->setStatus(tr("The miner has not logged anything yet."));
}

void MinersPage::logsFailed(const QString& rigId, const QString& minerName, const QString& error)
{
    if (rigId != m_shownRigId || minerName != m_logMiner)
        return;
    m_log->setStatus(tr("Could not fetch the log: %1").arg(error), true);
}

void MinersPage::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? u"color: #b01e1e;"_s : QString());
    m_message->setAccessibleName(text);
}

} // namespace lethean::ui
