#pragma once

#include "node/mining_profile.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace lethean::ui {

class ProfileEditor;
class RigTableModel;

// The Profiles page: the list of mining profiles, an editor that validates as the user types, save and
// delete, deploy of the edited profile to the checked rigs with a progress bar and a result per rig,
// and export/import of a profile as a passphrase-sealed file. Like the Miners page it only emits
// requests and shows the outcomes it is given through its slots; sealing and sending run elsewhere.
class ProfilesPage : public QWidget
{
    Q_OBJECT

public:
    // A passphrase shorter than this is refused before export (the bundle is only as strong as it).
    static constexpr int kMinPassphraseLength = 8;

    explicit ProfilesPage(RigTableModel& rigs, QWidget* parent = nullptr);

    ProfileEditor& editor() { return *m_editor; }
    QString currentProfileName() const;
    void selectProfile(const QString& name);
    const QList<node::MiningProfile>& profiles() const { return m_profiles; }

    QStringList checkedRigIds() const;
    void setRigChecked(const QString& rigId, bool checked);
    // Per-rig deploy state, as shown (tests).
    int deployPercent(const QString& rigId) const;
    QString deployResult(const QString& rigId) const;
    QString messageText() const;

    // The actions behind the buttons; the ones that would ask for a file or a passphrase take them here.
    void newProfile();
    void saveCurrent();
    void deleteProfile(const QString& name);
    void deployToCheckedRigs();
    void exportCurrent(const QString& path, const QString& passphrase);
    void importFrom(const QString& path, const QString& passphrase);

public Q_SLOTS:
    void setProfiles(const QList<lethean::node::MiningProfile>& profiles);
    // error empty on success, for each of these.
    void saveFinished(const QString& name, const QString& error);
    void deleteFinished(const QString& name, const QString& error);
    void deployProgress(const QString& rigId, qint64 bytesSent, qint64 total);
    void deployFinished(const QString& rigId, bool ok, const QString& error);
    void exportFinished(const QString& path, const QString& error);
    // A profile read from a sealed file: loaded into the editor as a new, unsaved profile to review.
    void importFinished(const lethean::node::MiningProfile& profile, const QString& error);

Q_SIGNALS:
    void saveRequested(const lethean::node::MiningProfile& profile);
    void deleteRequested(const QString& name);
    void deployRequested(const lethean::node::MiningProfile& profile, const QStringList& rigIds);
    void exportRequested(const lethean::node::MiningProfile& profile, const QString& path, const QString& passphrase);
    void importRequested(const QString& path, const QString& passphrase);

private:
    struct DeployRow
    {
        QTreeWidgetItem* item = nullptr;
        QProgressBar* progress = nullptr;
    };

    void createWidgets();
    QWidget* createListPane();
    QWidget* createDeployBox();
    void onListSelectionChanged();
    void confirmDeleteCurrent();
    void chooseExportFile();
    void chooseImportFile();
    void rebuildRigList();
    void updateRigRows(int firstRow, int lastRow);
    void setDeployResult(DeployRow& row, const QString& text, bool isError);
    void updateButtons();
    bool confirmDiscardEdits();
    void showMessage(const QString& text, bool isError = false);

    RigTableModel& m_rigs;
    QList<node::MiningProfile> m_profiles;
    QListWidget* m_list = nullptr;
    ProfileEditor* m_editor = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_deploy = nullptr;
    QPushButton* m_checkAll = nullptr;
    QTreeWidget* m_rigList = nullptr;
    QLabel* m_message = nullptr;
    QHash<QString, DeployRow> m_deployRows; // by rig ID
    QSet<QString> m_checked;
    QSet<QString> m_deploying;
    QString m_editingName; // the stored profile the editor was loaded from; empty for a new one
    bool m_switching = false;
};

} // namespace lethean::ui
