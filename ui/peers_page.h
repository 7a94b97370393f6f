#pragma once

#include "node/peer_auth_mode.h"

#include <QString>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lethean::ui {

class NodeClient;
class PeerTableModel;
class QrCodeWidget;
struct NodeInfo;

// The Peers page: this node's pairing code (text, copy button, QR code) and who may connect (allowlist or
// open), then the table of known peers (sortable, filterable) with Add (pairing code dialog), Remove
// (after a confirmation) and Reconnect. Every action goes through NodeClient and reports its outcome in
// the line under the table.
class PeersPage : public QWidget
{
    Q_OBJECT

public:
    PeersPage(NodeClient& client, PeerTableModel& model, QWidget* parent = nullptr);

    QSortFilterProxyModel& proxy() { return *m_proxy; }
    QTableView& view() { return *m_view; }
    // The peer of the selected row; empty when none is selected.
    QString selectedPeerId() const;
    void selectPeer(const QString& peerId);

    // The actions behind the buttons (tests and menus call them too).
    void openAddDialog();
    void addPeer(const QString& code);
    void confirmRemoveSelected();
    // The context menu's "Allow protocol 1.0" for the selected peer (downgrade protection off for it).
    void setDowngradeAllowedForSelected(bool allowed);
    void updateDowngradeAction();
    void reconnectSelected();
    void reconnect(const QString& peerId);

private:
    QWidget* createPairingBox();
    void createWidgets();
    void onNodeStarted(const NodeInfo& info);
    void onAuthModeChanged(node::PeerAuthMode mode);
    void onAllowlistToggled(bool allowlist);
    void applyAuthMode(node::PeerAuthMode mode);
    void removePeer(const QString& peerId, const QString& name);
    void copyPairingCode();
    void updateButtons();
    QString peerName(const QString& peerId) const;
    void showMessage(const QString& text, bool isError = false);

    QAction* m_allowDowngrade = nullptr;
    NodeClient& m_client;
    PeerTableModel& m_model;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_pairingCode = nullptr;
    QPushButton* m_copyCode = nullptr;
    QrCodeWidget* m_qrCode = nullptr;
    QCheckBox* m_allowlist = nullptr;
    QLabel* m_accessWarning = nullptr;
    QLabel* m_listenWarning = nullptr;
    QLineEdit* m_filter = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_reconnect = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_message = nullptr;
    QString m_ownPeerId;
    QString m_listenPort;
    node::PeerAuthMode m_authMode = node::PeerAuthMode::Allowlist;
};

} // namespace lethean::ui
