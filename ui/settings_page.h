#pragma once

#include <QString>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QFrame;
class QLabel;
class QLineEdit;
class QProcess;
class QPushButton;
class QSpinBox;
class QTimer;

namespace lethean::ui {

class AppSettings;

// The Settings page: a form over AppSettings. Edits stay in the form until Apply (Revert puts the stored
// values back); a change the node reads only when it starts shows a notice with "Restart node now".
// The miner check runs `<binary> --version` asynchronously (QProcess) and shows what it printed.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    // The miner check gives up after this long.
    static constexpr int kCheckTimeoutMs = 5000;

    explicit SettingsPage(AppSettings& settings, QWidget* parent = nullptr);
    ~SettingsPage() override;

    // Puts the form's values into the settings (only valid ones); false when something is invalid.
    bool apply();
    // Loads the stored values into the form.
    void revert();
    bool hasPendingEdits() const { return m_edited; }
    // Why the form cannot be applied (empty when it can).
    QString problemText() const;
    // Starts the miner check for the path in the form; minerCheckFinished follows.
    void checkMinerBinary();
    QString minerCheckText() const;
    bool isRestartNoticeShown() const;

Q_SIGNALS:
    // The user asked to restart the node now, to apply the settings that need it.
    void restartNodeRequested();
    void minerCheckFinished(bool ok, const QString& text);

private:
    void createWidgets();
    QWidget* createNodeBox();
    QWidget* createMiningBox();
    QWidget* createDesktopBox();
    QWidget* createNotificationBox();
    QWidget* filePicker(QLineEdit* edit, const QString& title, const QString& filter, const QString& accessible);
    void onEdited();
    void validate();
    void updateRestartNotice();
    void finishMinerCheck(bool ok, const QString& text);

    AppSettings& m_settings;
    QFormLayout* m_nodeForm = nullptr;
    QFormLayout* m_miningForm = nullptr;
    QFormLayout* m_desktopForm = nullptr;
    QLineEdit* m_nodeName = nullptr;
    QLabel* m_nodeNameError = nullptr;
    QComboBox* m_role = nullptr;
    QLineEdit* m_listenHost = nullptr;
    QSpinBox* m_listenPort = nullptr;
    QLineEdit* m_tlsCertificate = nullptr;
    QLineEdit* m_tlsKey = nullptr;
    QLabel* m_tlsError = nullptr;
    QComboBox* m_authMode = nullptr;
    QCheckBox* m_requireProtocol2 = nullptr;
    QLineEdit* m_minerBinary = nullptr;
    QPushButton* m_checkMiner = nullptr;
    QLabel* m_minerCheck = nullptr;
    QCheckBox* m_demoMode = nullptr;
    QCheckBox* m_startMinimised = nullptr;
    QCheckBox* m_startOnLogin = nullptr;
    QComboBox* m_language = nullptr;
    QLabel* m_languageNote = nullptr;
    QSpinBox* m_dropPercent = nullptr;
    QSpinBox* m_dropMinutes = nullptr;
    QFrame* m_restartNotice = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QProcess* m_check = nullptr;
    QTimer* m_checkTimer = nullptr;
    bool m_loading = false;
    bool m_edited = false;
    QString m_problem;
};

} // namespace lethean::ui
