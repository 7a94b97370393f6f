#include "ui/peers_page.h"

#include "ui/add_peer_dialog.h"
#include "ui/node_client.h"
#include "ui/peer_table_model.h"
#include "ui/qr_code_widget.h"
#include "ui/table_views.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr int kQrCodeSide = 148;

QString portOf(const QStringList& addresses)
{
    if (addresses.isEmpty())
        return {};
    const QString& first = addresses.first();
    return first.mid(first.lastIndexOf(u':') + 1);
}
} // namespace

PeersPage::PeersPage(NodeClient& client, PeerTableModel& model, QWidget* parent)
    : QWidget(parent), m_client(client), m_model(model)
{
    setObjectName(u"peersPage"_s);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(PeerTableModel::SortRole);
    m_proxy->setFilterRole(PeerTableModel::FilterRole);
    m_proxy->setFilterKeyColumn(-1); // every column
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);
    createWidgets();

    connect(&m_client, &NodeClient::nodeStarted, this, &PeersPage::onNodeStarted);
    connect(&m_client, &NodeClient::authModeChanged, this, &PeersPage::onAuthModeChanged);
    if (m_client.state() == NodeClient::State::Running)
        onNodeStarted(m_client.info());
    updateButtons();
}

QWidget* PeersPage::createPairingBox()
{
    auto* box = new QGroupBox(tr("My pairing code"), this);
    box->setObjectName(u"pairingBox"_s);

    auto* explanation =
        new QLabel(tr("Another node adds this one with this code (Peers → Add on the desktop, "
                      "or lethean-node peers add on a rig)."),
                   box);
    explanation->setWordWrap(true);

    m_pairingCode = new QLineEdit(box);
    m_pairingCode->setObjectName(u"myPairingCode"_s);
    m_pairingCode->setReadOnly(true);
    m_pairingCode->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pairingCode->setAccessibleName(tr("My pairing code"));
    m_pairingCode->setPlaceholderText(tr("Starting the node…"));

    m_copyCode = new QPushButton(QIcon(u":/icons/copy.svg"_s), tr("&Copy"), box);
    m_copyCode->setObjectName(u"copyPairingCode"_s);
    m_copyCode->setToolTip(tr("Copy the pairing code to the clipboard"));
    m_copyCode->setAccessibleName(tr("Copy my pairing code"));
    connect(m_copyCode, &QPushButton::clicked, this, &PeersPage::copyPairingCode);

    m_allowlist = new QCheckBox(tr("Only paired peers may connect (a&llowlist)"), box);
    m_allowlist->setObjectName(u"allowlistMode"_s);
    m_allowlist->setChecked(true);
    m_allowlist->setToolTip(tr("Off: open mode, where any node that can reach this computer may connect"));
    connect(m_allowlist, &QCheckBox::toggled, this, &PeersPage::onAllowlistToggled);

    m_accessWarning = new QLabel(box);
    m_accessWarning->setObjectName(u"accessWarning"_s);
    m_accessWarning->setWordWrap(true);
    m_accessWarning->setStyleSheet(u"color: #b01e1e; font-weight: bold;"_s);
    m_accessWarning->hide();

    m_listenWarning = new QLabel(box);
    m_listenWarning->setObjectName(u"listenWarning"_s);
    m_listenWarning->setWordWrap(true);
    m_listenWarning->setStyleSheet(u"color: #b01e1e;"_s);
    m_listenWarning->hide();
    // Word-wrapped labels report one line to the box's layout; reserve the two they need.
    const int twoLines = m_listenWarning->fontMetrics().lineSpacing() * 2 + 2;
    m_listenWarning->setMinimumHeight(twoLines);
    m_accessWarning->setMinimumHeight(twoLines);

    m_qrCode = new QrCodeWidget(box);
    m_qrCode->setObjectName(u"myPairingQrCode"_s);
    m_qrCode->setAccessibleName(tr("My pairing code as a QR code"));
    m_qrCode->setFixedSize(kQrCodeSide, kQrCodeSide);

    auto* codeRow = new QHBoxLayout;
    codeRow->addWidget(m_pairingCode, 1);
    codeRow->addWidget(m_copyCode);
    auto* left = new QVBoxLayout;
    left->addWidget(explanation);
    left->addLayout(codeRow);
    left->addWidget(m_listenWarning);
    left->addSpacing(6);
    left->addWidget(m_allowlist);
    left->addWidget(m_accessWarning);
    left->addStretch();
    auto* layout = new QHBoxLayout(box);
    layout->addLayout(left, 1);
    layout->addWidget(m_qrCode, 0, Qt::AlignTop);
    return box;
}

void PeersPage::createWidgets()
{
    QWidget* pairingBox = createPairingBox();

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"peerFilter"_s);
    m_filter->setPlaceholderText(tr("Filter peers by ID, name, address…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter peers"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto* focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    focusFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(focusFilter, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));
    addAction(focusFilter);

    m_add = new QPushButton(QIcon(u":/icons/add.svg"_s), tr("&Add…"), this);
    m_add->setObjectName(u"addPeer"_s);
    m_add->setToolTip(tr("Add a peer from its pairing code"));
    connect(m_add, &QPushButton::clicked, this, &PeersPage::openAddDialog);
    m_remove = new QPushButton(QIcon(u":/icons/remove.svg"_s), tr("&Remove…"), this);
    m_remove->setObjectName(u"removePeer"_s);
    m_remove->setToolTip(tr("Forget the selected peer and stop allowing it in"));
    connect(m_remove, &QPushButton::clicked, this, &PeersPage::confirmRemoveSelected);
    m_reconnect = new QPushButton(QIcon(u":/icons/reconnect.svg"_s), tr("Re&connect"), this);
    m_reconnect->setObjectName(u"reconnectPeer"_s);
    m_reconnect->setToolTip(tr("Connect to the selected peer now"));
    connect(m_reconnect, &QPushButton::clicked, this, &PeersPage::reconnectSelected);

    m_view = new QTableView(this);
    m_view->setObjectName(u"peerTable"_s);
    m_view->setAccessibleName(tr("Known peers"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PeerTableModel::NameColumn, Qt::AscendingOrder);
    setUpRowTable(*m_view);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    // Fixed starting widths (the user can drag them): measuring 1,000 rows' contents would be slow.
    header->resizeSection(PeerTableModel::IdColumn, 80);
    header->resizeSection(PeerTableModel::NameColumn, 125);
    header->resizeSection(PeerTableModel::AddressColumn, 135);
    header->resizeSection(PeerTableModel::RoleColumn, 150);
    header->resizeSection(PeerTableModel::PingColumn, 55);
    header->resizeSection(PeerTableModel::HopsColumn, 45);
    header->resizeSection(PeerTableModel::ScoreColumn, 60);
    header->resizeSection(PeerTableModel::LastSeenColumn, 120);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PeersPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &PeersPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &PeersPage::updateButtons);
    auto* removeKey = new QAction(this);
    removeKey->setShortcut(QKeySequence::Delete);
    removeKey->setShortcutContext(Qt::WidgetShortcut);
    connect(removeKey, &QAction::triggered, this, &PeersPage::confirmRemoveSelected);
    m_view->addAction(removeKey);
    // Right-click on a peer: the rarely needed switches, out of the toolbar's way.
    m_allowDowngrade = new QAction(tr("Allow protocol &1.0 (no forward secrecy)"), this);
    m_allowDowngrade->setObjectName(u"allowDowngrade"_s);
    m_allowDowngrade->setCheckable(true);
    m_allowDowngrade->setToolTip(tr("This peer has spoken protocol 2.0, so a 1.0 connection from it is refused "
                                    "as a possible downgrade attack. Allow it only for a peer you know runs "
                                    "an older version again."));
    // The check mark shows the registry's state; a click asks for the opposite of that state (not of the
    // mark, which may lag behind a change still on its way).
    connect(m_allowDowngrade, &QAction::triggered, this, [this] {
        const int row = m_model.rowOf(selectedPeerId());
        if (row >= 0)
            setDowngradeAllowedForSelected(!m_model.peerAt(row).allowProtocolDowngrade);
    });
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &PeersPage::updateDowngradeAction);
    m_view->addAction(m_allowDowngrade);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_message = new QLabel(this);
    m_message->setObjectName(u"peersMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Result of the last action"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_add);
    bar->addWidget(m_remove);
    bar->addWidget(m_reconnect);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pairingBox);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);

    setTabOrder(m_pairingCode, m_copyCode);
    setTabOrder(m_copyCode, m_allowlist);
    setTabOrder(m_allowlist, m_filter);
    setTabOrder(m_filter, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_reconnect);
    setTabOrder(m_reconnect, m_view);
}

void PeersPage::onNodeStarted(const NodeInfo& info)
{
    m_ownPeerId = info.id;
    m_listenPort = portOf(info.listeningAddresses);
    m_pairingCode->setText(info.pairingCode);
    m_pairingCode->setCursorPosition(0);
    m_pairingCode->setToolTip(info.pairingCode);
    m_qrCode->setText(info.pairingCode);
    m_listenWarning->setVisible(!info.listenError.isEmpty());
    m_listenWarning->setText(
        info.listenError.isEmpty()
            ? QString()
            : tr("This node is not accepting connections, so its code carries no address: "
                 "other nodes cannot connect to it, but it can still connect to them."));
    onAuthModeChanged(info.authMode);
    updateButtons();
}

void PeersPage::onAuthModeChanged(node::PeerAuthMode mode)
{
    m_authMode = mode;
    const QSignalBlocker blocker(m_allowlist);
    m_allowlist->setChecked(mode == node::PeerAuthMode::Allowlist);
    m_allowlist->setEnabled(m_client.state() == NodeClient::State::Running);
    switch (mode) {
    case node::PeerAuthMode::Allowlist:
        m_accessWarning->hide();
        m_accessWarning->clear();
        break;
    case node::PeerAuthMode::Open:
        m_accessWarning->setText(
            m_listenPort.isEmpty()
                ? tr("Open mode: any node that can reach this computer may connect and control its miners.")
                : tr("Open mode: any node that can reach port %1 of this computer may connect and control "
                     "its miners.")
                      .arg(m_listenPort));
        m_accessWarning->show();
        break;
    }
}

void PeersPage::onAllowlistToggled(bool allowlist)
{
    if (allowlist) {
        applyAuthMode(node::PeerAuthMode::Allowlist);
        return;
    }
    // Opening up is a security decision: ask first, and keep the box checked until the answer is yes.
    {
        const QSignalBlocker blocker(m_allowlist);
        m_allowlist->setChecked(true);
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Allow any node to connect?"),
                                tr("In open mode any node that can reach this computer over the network may "
                                   "connect without being paired, and can then start, stop and reconfigure "
                                   "the miners here. Use it only on a network you trust completely."),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"confirmOpenMode"_s);
    QPushButton* open = box->addButton(tr("&Open to everyone"), QMessageBox::AcceptRole);
    open->setObjectName(u"confirmOpenModeYes"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, open](QAbstractButton* clicked) {
        if (clicked == open)
            applyAuthMode(node::PeerAuthMode::Open);
    });
    box->open();
}

void PeersPage::applyAuthMode(node::PeerAuthMode mode)
{
    m_allowlist->setEnabled(false); // until the node has answered
    m_client.setAuthMode(mode).then(this, [this, mode](const Result<void, node::RegistryError>& result) {
        m_allowlist->setEnabled(true);
        if (!result) {
            showMessage(tr("Could not save the access mode: %1").arg(result.error().message), true);
            return;
        }
        onAuthModeChanged(mode);
        showMessage(mode == node::PeerAuthMode::Open ? tr("Any node may now connect (open mode).")
                                                     : tr("Only paired peers may now connect."));
    });
}

void PeersPage::copyPairingCode()
{
    if (m_pairingCode->text().isEmpty())
        return;
    QApplication::clipboard()->setText(m_pairingCode->text());
    showMessage(tr("Pairing code copied to the clipboard."));
}

void PeersPage::openAddDialog()
{
    auto* dialog = new AddPeerDialog(m_ownPeerId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addPeer(dialog->code()); });
    dialog->open();
}

void PeersPage::addPeer(const QString& code)
{
    m_client.addPeerFromPairingCode(code).then(
        this, [this](const Result<node::Peer, node::PairingCodeError>& added) {
            if (!added) {
                showMessage(tr("Could not add the peer: %1").arg(added.error().message), true);
                return;
            }
            const node::Peer& peer = *added;
            selectPeer(peer.id);
            showMessage(
                tr("Added %1. Connecting…")
                    .arg(peer.name.isEmpty() ? peer.id.left(PeerTableModel::kShortIdLength) : peer.name));
            reconnect(peer.id);
        });
}

void PeersPage::confirmRemoveSelected()
{
    const QString id = selectedPeerId();
    if (id.isEmpty())
        return;
    const QString name = peerName(id);
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Remove peer"),
                        tr("Remove %1? It is disconnected, forgotten and no longer allowed in; to use it "
                           "again, add it with its pairing code.")
                            .arg(name),
                        QMessageBox::NoButton, this);
    box->setObjectName(u"confirmRemovePeer"_s);
    QPushButton* remove = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmRemovePeerYes"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, id, name](QAbstractButton* clicked) {
        if (clicked == remove)
            removePeer(id, name);
    });
    box->open();
}

void PeersPage::removePeer(const QString& peerId, const QString& name)
{
    m_client.removePeer(peerId).then(this, [this, name](const Result<void, node::RegistryError>& removed) {
        if (removed)
            showMessage(tr("Removed %1.").arg(name));
        else
            showMessage(tr("Could not remove %1: %2").arg(name, removed.error().message), true);
    });
}

void PeersPage::setDowngradeAllowedForSelected(bool allowed)
{
    const QString id = selectedPeerId();
    if (id.isEmpty())
        return;
    const QString name = peerName(id);
    m_client.setProtocolDowngradeAllowed(id, allowed)
        .then(this, [this, name, allowed](const Result<node::Peer, node::RegistryError>& changed) {
            if (!changed)
                showMessage(tr("Could not change %1: %2").arg(name, changed.error().message), true);
            else if (allowed)
                showMessage(tr("%1 may connect over protocol 1.0 again (without forward secrecy).").arg(name));
            else
                showMessage(tr("%1 must use protocol 2.0 again.").arg(name));
            updateDowngradeAction();
        });
}

void PeersPage::reconnectSelected()
{
    const QString id = selectedPeerId();
    if (!id.isEmpty())
        reconnect(id);
}

void PeersPage::reconnect(const QString& peerId)
{
    const QString name = peerName(peerId);
    showMessage(tr("Connecting to %1…").arg(name));
    m_client.reconnect(peerId).then(this, [this, name](const node::ConnectOutcome& outcome) {
        if (!outcome.ok) {
            showMessage(tr("Could not connect to %1: %2").arg(name, outcome.error), true);
            return;
        }
        if (outcome.peer.protocolVersion == u"1.0")
            showMessage(tr("Connected to %1 over protocol 1.0, without forward secrecy.").arg(name));
        else
            showMessage(tr("Connected to %1 (protocol %2).").arg(name, outcome.peer.protocolVersion));
    });
}

QString PeersPage::selectedPeerId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(PeerTableModel::PeerIdRole).toString();
}

void PeersPage::selectPeer(const QString& peerId)
{
    const int row = m_model.rowOf(peerId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model.index(row, 0));
    if (!index.isValid())
        return; // filtered out
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

QString PeersPage::peerName(const QString& peerId) const
{
    const int row = m_model.rowOf(peerId);
    if (row >= 0 && !m_model.peerAt(row).name.isEmpty())
        return m_model.peerAt(row).name;
    return peerId.left(PeerTableModel::kShortIdLength);
}

void PeersPage::updateButtons()
{
    const bool running = m_client.state() == NodeClient::State::Running;
    const bool selected = !selectedPeerId().isEmpty();
    m_add->setEnabled(running);
    m_remove->setEnabled(running && selected);
    m_reconnect->setEnabled(running && selected);
    m_copyCode->setEnabled(!m_pairingCode->text().isEmpty());
    m_allowlist->setEnabled(running);
    updateDowngradeAction();
}

void PeersPage::updateDowngradeAction()
{
    const QString id = selectedPeerId();
    const int row = id.isEmpty() ? -1 : m_model.rowOf(id);
    m_allowDowngrade->setEnabled(m_client.state() == NodeClient::State::Running && row >= 0);
    m_allowDowngrade->setChecked(row >= 0 && m_model.peerAt(row).allowProtocolDowngrade);
}

void PeersPage::showMessage(const QString& text, bool isError)
{
    m_message->setStyleSheet(isError ? u"color: #b01e1e;"_s : QString());
    m_message->setText(text);
}

} // namespace lethean::ui
