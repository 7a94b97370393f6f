#pragma once

#include <QDialog>
#include <QString>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace lethean::ui {

class QrCodeWidget;

// The first-run welcome: what the app does, this node's pairing code (to copy, or to scan as a QR code)
// so the first rig can be paired at once, and, when no miner program can be found, the offer to start
// in demo mode so there is something to look at. It only reports the choice (demoModeChosen()); the
// caller stores it in AppSettings.
class WelcomeDialog : public QDialog
{
    Q_OBJECT

public:
    // nodeName and pairingCode may be empty while the node starts (setNodeName / setPairingCode fill
    // them in later); minerBinary is the miner program found (findMinerBinary), empty when none was.
    WelcomeDialog(const QString& nodeName, const QString& pairingCode, const QString& minerBinary,
                  QWidget* parent = nullptr);

    // The miner program the node would run: the configured path when it is an executable file, else
    // xmrig on the PATH, else empty.
    static QString findMinerBinary(const QString& configured);

    // Whether the user leaves the demo-mode box ticked; false when it is not offered.
    bool demoModeChosen() const;
    // The demo mode is offered only when no miner program was found.
    bool isDemoOffered() const { return m_demoMode != nullptr; }
    QString pairingCodeText() const;
    QString nodeName() const { return m_nodeName; }

public Q_SLOTS:
    void setNodeName(const QString& name);
    // The node has started and made its pairing code.
    void setPairingCode(const QString& code);
    // Puts the pairing code on the clipboard (the Copy button).
    void copyPairingCode();

private:
    QWidget* createPairingBox();
    QWidget* createMinerBox(const QString& minerBinary);
    void updateNodeLine();

    QString m_nodeName;
    QLabel* m_nodeLine = nullptr;
    QLineEdit* m_pairingCode = nullptr;
    QPushButton* m_copy = nullptr;
    QLabel* m_copied = nullptr;
    QrCodeWidget* m_qrCode = nullptr;
    QLabel* m_qrPlaceholder = nullptr; // in the QR code's place while there is none
    QCheckBox* m_demoMode = nullptr;   // only when no miner program was found
    QPushButton* m_start = nullptr;
};

} // namespace lethean::ui
