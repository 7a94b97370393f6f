#include "ui/profiles_page.h"

#include "ui/profile_editor.h"
#include "ui/rig_table_model.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <optional>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr int kRigIdRole = Qt::UserRole + 1;
enum DeployColumn
{
    RigColumn,
    ProgressColumn,
    ResultColumn
};

// Asks for a passphrase; with `confirm`, twice and at least kMinPassphraseLength characters (export).
std::optional<QString> askPassphrase(QWidget* parent, const QString& title, bool confirm)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* first = new QLineEdit(&dialog);
    first->setEchoMode(QLineEdit::Password);
    first->setAccessibleName(ProfilesPage::tr("Passphrase"));
    auto* second = new QLineEdit(&dialog);
    second->setEchoMode(QLineEdit::Password);
    second->setAccessibleName(ProfilesPage::tr("Passphrase again"));
    auto* problem = new QLabel(&dialog);
    problem->setStyleSheet(u"color: #b01e1e;"_s);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(ProfilesPage::tr("&Passphrase:"), first);
    if (confirm)
        form->addRow(ProfilesPage::tr("&Again:"), second);
    else
        second->hide();
    form->addRow(problem);
    form->addRow(buttons);
    auto check = [=] {
        QString why;
        if (confirm && first->text().size() < ProfilesPage::kMinPassphraseLength)
            why = ProfilesPage::tr("Use at least %1 characters.").arg(ProfilesPage::kMinPassphraseLength);
        else if (confirm && first->text() != second->text())
            why = ProfilesPage::tr("The two passphrases differ.");
        else if (first->text().isEmpty())
            why = ProfilesPage::tr("Enter the passphrase.");
        problem->setText(why);
        buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    };
    QObject::connect(first, &QLineEdit::textChanged, &dialog, check);
    QObject::connect(second, &QLineEdit::textChanged, &dialog, check);
    check();
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return first->text();
}
} // namespace

ProfilesPage::ProfilesPage(RigTableModel& rigs, QWidget* parent) : QWidget(parent), m_rigs(rigs)
{
    setObjectName(u"profilesPage"_s);
    createWidgets();
    connect(&m_rigs, &QAbstractItemModel::modelReset, this, &ProfilesPage::rebuildRigList);
    connect(&m_rigs, &QAbstractItemModel::rowsInserted, this, &ProfilesPage::rebuildRigList);
    connect(&m_rigs, &QAbstractItemModel::rowsRemoved, this, &ProfilesPage::rebuildRigList);
    connect(&m_rigs, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                if (from.column() <= RigTableModel::StatusColumn)
                    updateRigRows(from.row(), to.row());
            });
    rebuildRigList();
    newProfile();
}

void ProfilesPage::createWidgets()
{
    auto* editorBox = new QGroupBox(tr("Profile"), this);
    m_editor = new ProfileEditor(editorBox);
    connect(m_editor, &ProfileEditor::changed, this, &ProfilesPage::updateButtons);
    m_save = new QPushButton(QIcon(u":/icons/save.svg"_s), tr("&Save"), editorBox);
    m_save->setObjectName(u"saveProfile"_s);
    m_save->setToolTip(tr("Save the profile on this computer"));
    connect(m_save, &QPushButton::clicked, this, &ProfilesPage::saveCurrent);
    auto* saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    auto* editorLayout = new QVBoxLayout(editorBox);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addLayout(saveRow);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(editorBox);
    rightLayout->addWidget(createDeployBox(), 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createListPane());
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    m_message = new QLabel(this);
    m_message->setObjectName(u"profilesMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Result of the last action"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    setTabOrder(m_list, m_new);
    setTabOrder(m_new, m_delete);
    setTabOrder(m_delete, m_import);
    setTabOrder(m_import, m_export);
    setTabOrder(m_export, m_editor->fieldWidget(u"name"_s));
    setTabOrder(m_editor->fieldWidget(u"extraArgs"_s), m_save);
    setTabOrder(m_save, m_rigList);
    setTabOrder(m_rigList, m_checkAll);
    setTabOrder(m_checkAll, m_deploy);
}

QWidget* ProfilesPage::createListPane()
{
    auto* pane = new QWidget(this);
    m_list = new QListWidget(pane);
    m_list->setObjectName(u"profileList"_s);
    m_list->setAccessibleName(tr("Profiles"));
    m_list->setMinimumWidth(150);
    connect(m_list, &QListWidget::currentRowChanged, this, &ProfilesPage::onListSelectionChanged);

    m_new = new QPushButton(QIcon(u":/icons/add.svg"_s), tr("&New"), pane);
    m_new->setObjectName(u"newProfile"_s);
    m_new->setToolTip(tr("Start a new profile"));
    connect(m_new, &QPushButton::clicked, this, [this] {
        if (confirmDiscardEdits())
            newProfile();
    });
    m_delete = new QPushButton(QIcon(u":/icons/remove.svg"_s), tr("De&lete…"), pane);
    m_delete->setObjectName(u"deleteProfile"_s);
    m_delete->setToolTip(tr("Delete the selected profile from this computer"));
    connect(m_delete, &QPushButton::clicked, this, &ProfilesPage::confirmDeleteCurrent);
    m_import = new QPushButton(tr("&Import…"), pane);
    m_import->setObjectName(u"importProfile"_s);
    m_import->setToolTip(tr("Read a profile from a passphrase-sealed file"));
    connect(m_import, &QPushButton::clicked, this, &ProfilesPage::chooseImportFile);
    m_export = new QPushButton(tr("E&xport…"), pane);
    m_export->setObjectName(u"exportProfile"_s);
    m_export->setToolTip(tr("Write the profile to a file sealed with a passphrase"));
    connect(m_export, &QPushButton::clicked, this, &ProfilesPage::chooseExportFile);

    auto* buttons = new QGridLayout;
    buttons->addWidget(m_new, 0, 0);
    buttons->addWidget(m_delete, 0, 1);
    buttons->addWidget(m_import, 1, 0);
    buttons->addWidget(m_export, 1, 1);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    return pane;
}

QWidget* ProfilesPage::createDeployBox()
{
    auto* box = new QGroupBox(tr("Deploy to rigs"), this);
    m_rigList = new QTreeWidget(box);
    m_rigList->setObjectName(u"deployRigList"_s);
    m_rigList->setAccessibleName(tr("Rigs to deploy the profile to"));
    m_rigList->setColumnCount(3);
    m_rigList->setHeaderLabels({tr("Rig"), tr("Progress"), tr("Result")});
    m_rigList->setRootIsDecorated(false);
    m_rigList->setUniformRowHeights(true);
    m_rigList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rigList->header()->setStretchLastSection(true);
    m_rigList->header()->resizeSection(RigColumn, 180);
    m_rigList->header()->resizeSection(ProgressColumn, 160);
    m_rigList->setMinimumHeight(110);
    connect(m_rigList, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (column != RigColumn)
            return;
        const QString id = item->data(RigColumn, kRigIdRole).toString();
        if (item->checkState(RigColumn) == Qt::Checked)
            m_checked.insert(id);
        else
            m_checked.remove(id);
        updateButtons();
    });

    m_checkAll = new QPushButton(tr("Check &all online rigs"), box);
    m_checkAll->setObjectName(u"checkAllRigs"_s);
    connect(m_checkAll, &QPushButton::clicked, this, [this] {
        for (int row = 0; row < m_rigs.rowCount(); ++row)
            setRigChecked(m_rigs.rigAt(row).id, m_rigs.rigAt(row).connected);
    });
    m_deploy = new QPushButton(tr("&Deploy"), box);
    m_deploy->setObjectName(u"deployProfile"_s);
    m_deploy->setToolTip(tr("Send the profile to every checked rig"));
    connect(m_deploy, &QPushButton::clicked, this, &ProfilesPage::deployToCheckedRigs);
    auto* row = new QHBoxLayout;
    row->addWidget(m_checkAll);
    row->addStretch();
    row->addWidget(m_deploy);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_rigList, 1);
    layout->addLayout(row);
    return box;
}

void ProfilesPage::rebuildRigList()
{
    QHash<QString, std::pair<int, QString>> kept; // progress and result survive a rebuild
    for (auto it = m_deployRows.cbegin(); it != m_deployRows.cend(); ++it)
        kept.insert(it.key(), {it->progress->value(), it->item->text(ResultColumn)});
    QSignalBlocker block(m_rigList);
    m_rigList->clear();
    m_deployRows.clear();
    for (int row = 0; row < m_rigs.rowCount(); ++row) {
        const RigSnapshot& rig = m_rigs.rigAt(row);
        auto* item = new QTreeWidgetItem(m_rigList);
        item->setData(RigColumn, kRigIdRole, rig.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(RigColumn, m_checked.contains(rig.id) ? Qt::Checked : Qt::Unchecked);
        auto* progress = new QProgressBar(m_rigList);
        progress->setRange(0, 100);
        progress->setValue(0);
        progress->setTextVisible(false); // "0 %" on every idle rig is noise; shown once a deploy starts
        progress->setAccessibleName(tr("Deploy progress"));
        progress->setMaximumHeight(m_rigList->fontMetrics().height() + 4);
        m_rigList->setItemWidget(item, ProgressColumn, progress);
        DeployRow deployRow{item, progress};
        if (auto it = kept.constFind(rig.id); it != kept.cend() && !it->second.isEmpty()) {
            progress->setTextVisible(true);
            progress->setValue(it->first);
            item->setText(ResultColumn, it->second);
        }
        m_deployRows.insert(rig.id, deployRow);
    }
    // Checked rigs that are gone are no longer deploy targets.
    for (auto it = m_checked.begin(); it != m_checked.end();)
        it = m_deployRows.contains(*it) ? std::next(it) : m_checked.erase(it);
    updateRigRows(0, m_rigs.rowCount() - 1);
    updateButtons();
}

void ProfilesPage::updateRigRows(int firstRow, int lastRow)
{
    QSignalBlocker block(m_rigList);
    for (int row = std::max(0, firstRow); row <= lastRow && row < m_rigs.rowCount(); ++row) {
        const RigSnapshot& rig = m_rigs.rigAt(row);
        auto it = m_deployRows.find(rig.id);
        if (it == m_deployRows.end())
            continue;
        const QString name = m_rigs.data(m_rigs.index(row, RigTableModel::NameColumn)).toString();
        const QString label = rig.connected ? name : tr("%1 (offline)").arg(name);
        if (it->item->text(RigColumn) != label) {
            it->item->setText(RigColumn, label);
            it->item->setIcon(RigColumn, m_rigs.data(m_rigs.index(row, RigTableModel::NameColumn), Qt::DecorationRole)
                                             .value<QIcon>());
        }
    }
}

QString ProfilesPage::currentProfileName() const
{
    return m_editingName;
}

void ProfilesPage::selectProfile(const QString& name)
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->text() == name) {
            m_list->setCurrentRow(row);
            return;
        }
}

void ProfilesPage::setProfiles(const QList<node::MiningProfile>& profiles)
{
    m_profiles = profiles;
    std::sort(m_profiles.begin(), m_profiles.end(), [](const node::MiningProfile& a, const node::MiningProfile& b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    m_switching = true;
    m_list->clear();
    int current = -1;
    for (const node::MiningProfile& profile : std::as_const(m_profiles)) {
        auto* item = new QListWidgetItem(profile.name, m_list);
        item->setData(Qt::AccessibleTextRole, profile.name);
        if (profile.name == m_editingName)
            current = m_list->count() - 1;
    }
    m_list->setCurrentRow(current);
    m_switching = false;
    // The editor keeps its (perhaps unsaved) content; a profile that is gone leaves it as a new one.
    if (current < 0 && !m_editingName.isEmpty())
        m_editingName.clear();
    if (current >= 0 && !m_editor->isModified())
        m_editor->setProfile(m_profiles.at(current));
    updateButtons();
}

void ProfilesPage::onListSelectionChanged()
{
    if (m_switching)
        return;
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_profiles.size())
        return;
    if (m_profiles.at(row).name == m_editingName && !m_editor->isModified())
        return;
    if (!confirmDiscardEdits()) {
        // Back to the profile being edited.
        m_switching = true;
        selectProfile(m_editingName);
        if (m_editingName.isEmpty())
            m_list->setCurrentRow(-1);
        m_switching = false;
        return;
    }
    m_editingName = m_profiles.at(row).name;
    m_editor->setProfile(m_profiles.at(row));
    showMessage({});
    updateButtons();
}

bool ProfilesPage::confirmDiscardEdits()
{
    if (!m_editor->isModified())
        return true;
    return QMessageBox::question(this, tr("Discard changes?"),
                                 tr("The profile has changes that are not saved. Discard them?"),
                                 QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Discard;
}

void ProfilesPage::newProfile()
{
    m_switching = true;
    m_list->setCurrentRow(-1);
    m_list->clearSelection();
    m_switching = false;
    m_editingName.clear();
    node::MiningProfile fresh;
    fresh.minerType = u"xmrig"_s;
    m_editor->setProfile(fresh);
    updateButtons();
}

void ProfilesPage::saveCurrent()
{
    const node::MiningProfile profile = m_editor->profile();
    if (!m_editor->isValid()) {
        showMessage(tr("Fix the marked fields before saving."), true);
        return;
    }
    showMessage(tr("Saving %1…").arg(profile.name));
    Q_EMIT saveRequested(profile);
}

void ProfilesPage::saveFinished(const QString& name, const QString& error)
{
    if (!error.isEmpty()) {
        showMessage(tr("Could not save %1: %2").arg(name, error), true);
        return;
    }
    if (m_editor->profile().name == name) {
        m_editor->setModified(false);
        m_editingName = name;
        selectProfile(name);
    }
    showMessage(tr("Saved %1.").arg(name));
    updateButtons();
}

void ProfilesPage::confirmDeleteCurrent()
{
    if (m_editingName.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Delete profile"),
                              tr("Delete the profile %1 from this computer? Rigs that have it keep their copy.")
                                  .arg(m_editingName),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes)
        deleteProfile(m_editingName);
}

void ProfilesPage::deleteProfile(const QString& name)
{
    showMessage(tr("Deleting %1…").arg(name));
    Q_EMIT deleteRequested(name);
}

void ProfilesPage::deleteFinished(const QString& name, const QString& error)
{
    if (!error.isEmpty()) {
        showMessage(tr("Could not delete %1: %2").arg(name, error), true);
        return;
    }
    if (name == m_editingName)
        newProfile();
    showMessage(tr("Deleted %1.").arg(name));
}

QStringList ProfilesPage::checkedRigIds() const
{
    QStringList ids;
    for (int row = 0; row < m_rigs.rowCount(); ++row)
        if (m_checked.contains(m_rigs.rigAt(row).id))
            ids.append(m_rigs.rigAt(row).id);
    return ids;
}

void ProfilesPage::setRigChecked(const QString& rigId, bool checked)
{
    auto it = m_deployRows.find(rigId);
    if (it != m_deployRows.end())
        it->item->setCheckState(RigColumn, checked ? Qt::Checked : Qt::Unchecked); // itemChanged keeps m_checked
}

int ProfilesPage::deployPercent(const QString& rigId) const
{
    auto it = m_deployRows.constFind(rigId);
    return it == m_deployRows.cend() ? -1 : it->progress->value();
}

QString ProfilesPage::deployResult(const QString& rigId) const
{
    auto it = m_deployRows.constFind(rigId);
    return it == m_deployRows.cend() ? QString() : it->item->text(ResultColumn);
}

void ProfilesPage::deployToCheckedRigs()
{
    const QStringList rigIds = checkedRigIds();
    if (rigIds.isEmpty()) {
        showMessage(tr("Check the rigs to deploy to first."), true);
        return;
    }
    if (!m_editor->isValid()) {
        showMessage(tr("Fix the marked fields before deploying."), true);
        return;
    }
    const node::MiningProfile profile = m_editor->profile();
    for (const QString& id : rigIds) {
        DeployRow& row = m_deployRows[id];
        row.progress->setValue(0);
        row.progress->setTextVisible(true);
        setDeployResult(row, tr("Waiting…"), false);
        m_deploying.insert(id);
    }
    showMessage(tr("Deploying %1 to %n rig(s)…", nullptr, int(rigIds.size())).arg(profile.name));
    updateButtons();
    Q_EMIT deployRequested(profile, rigIds);
}

void ProfilesPage::deployProgress(const QString& rigId, qint64 bytesSent, qint64 total)
{
    auto it = m_deployRows.find(rigId);
    if (it == m_deployRows.end())
        return;
    const int percent = total > 0 ? int(std::clamp<qint64>(bytesSent * 100 / total, 0, 100)) : 0;
    it->progress->setValue(percent);
    setDeployResult(*it, tr("Sending…"), false);
}

void ProfilesPage::deployFinished(const QString& rigId, bool ok, const QString& error)
{
    m_deploying.remove(rigId);
    auto it = m_deployRows.find(rigId);
    if (it != m_deployRows.end()) {
        if (ok)
            it->progress->setValue(100);
        setDeployResult(*it, ok ? tr("Deployed") : tr("Failed: %1").arg(error), !ok);
    }
    if (m_deploying.isEmpty())
        showMessage(tr("Deploy finished."));
    updateButtons();
}

void ProfilesPage::setDeployResult(DeployRow& row, const QString& text, bool isError)
{
    row.item->setText(ResultColumn, text);
    row.item->setToolTip(ResultColumn, text);
    row.item->setForeground(ResultColumn, isError ? QBrush(QColor(0xb0, 0x1e, 0x1e)) : QBrush());
}

void ProfilesPage::chooseExportFile()
{
    if (!m_editor->isValid()) {
        showMessage(tr("Fix the marked fields before exporting."), true);
        return;
    }
    const QString name = m_editor->profile().name;
    const QString start =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' + name + u".bundle"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export profile"), start,
                                                      tr("Sealed profiles (*.bundle);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const auto passphrase = askPassphrase(this, tr("Seal the profile with a passphrase"), true))
        exportCurrent(path, *passphrase);
}

void ProfilesPage::chooseImportFile()
{
    if (!confirmDiscardEdits())
        return;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import profile"),
                                     QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                                     tr("Sealed profiles (*.bundle);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const auto passphrase = askPassphrase(this, tr("Passphrase of the sealed profile"), false))
        importFrom(path, *passphrase);
}

void ProfilesPage::exportCurrent(const QString& path, const QString& passphrase)
{
    if (passphrase.size() < kMinPassphraseLength) {
        showMessage(tr("Use a passphrase of at least %1 characters.").arg(kMinPassphraseLength), true);
        return;
    }
    showMessage(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    Q_EMIT exportRequested(m_editor->profile(), path, passphrase);
}

void ProfilesPage::importFrom(const QString& path, const QString& passphrase)
{
    showMessage(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    Q_EMIT importRequested(path, passphrase);
}

void ProfilesPage::exportFinished(const QString& path, const QString& error)
{
    if (error.isEmpty())
        showMessage(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
    else
        showMessage(tr("Could not export to %1: %2").arg(QDir::toNativeSeparators(path), error), true);
}

void ProfilesPage::importFinished(const node::MiningProfile& profile, const QString& error)
{
    if (!error.isEmpty()) {
        showMessage(tr("Could not import the profile: %1").arg(error), true);
        return;
    }
    newProfile();
    m_editor->setProfile(profile);
    m_editor->setModified(true);
    updateButtons();
    showMessage(tr("Imported %1: review it, then save.").arg(profile.name));
}

void ProfilesPage::updateButtons()
{
    const bool valid = m_editor->isValid();
    m_save->setEnabled(valid && (m_editor->isModified() || m_editingName.isEmpty()));
    m_delete->setEnabled(!m_editingName.isEmpty());
    m_export->setEnabled(valid);
    m_deploy->setEnabled(valid && !m_checked.isEmpty());
    m_checkAll->setEnabled(m_rigs.rowCount() > 0);
}

QString ProfilesPage::messageText() const
{
    return m_message->text();
}

void ProfilesPage::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? u"color: #b01e1e;"_s : QString());
    m_message->setAccessibleName(text);
}

} // namespace lethean::ui
