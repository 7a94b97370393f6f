#include "ui/profile_editor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
// Threads beyond the validator's limit stay typeable, so that the validator (not the spin box) says
// what the limit is.
constexpr int kThreadsInputMax = 9999;

// Arguments back into one line, quoted where QProcess::splitCommand needs it to split them the same way.
QString joinArguments(const QStringList& arguments)
{
    QStringList quoted;
    for (QString argument : arguments) {
        if (argument.isEmpty() || argument.contains(u' ') || argument.contains(u'"') || argument.contains(u'\t')) {
            argument.replace(u"\""_s, u"\"\"\""_s);
            argument = u'"' + argument + u'"';
        }
        quoted.append(argument);
    }
    return quoted.join(u' ');
}
} // namespace

ProfileEditor::ProfileEditor(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"profileEditor"_s);
    createWidgets();
    m_loading = true;
    revalidate();
    m_loading = false;
}

void ProfileEditor::createWidgets()
{
    auto* form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    auto addField = [&](const QString& key, const QString& label, QWidget* input, const QString& accessible,
                        const QString& help) {
        input->setObjectName(u"profile_"_s + key);
        input->setAccessibleName(accessible);
        input->setToolTip(help);
        m_fields.insert(key, input);
        auto* title = new QLabel(label, this);
        title->setBuddy(input);
        // The field and its error in one widget: hiding the error shrinks the widget, and the form
        // follows its size hint (hidden QFormLayout rows keep their old height in Qt 6.4).
        auto* cell = new QWidget(this);
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(1);
        input->setParent(cell);
        cellLayout->addWidget(input);
        cellLayout->addWidget(addErrorLabel(key));
        form->addRow(title, cell);
    };

    m_name = new QLineEdit(this);
    m_name->setMaxLength(node::MiningProfile::kMaxNameLength * 2); // long enough for the validator to object
    addField(u"name"_s, tr("&Name:"), m_name, tr("Profile name"),
             tr("Letters, digits, '-', '_', '.' and spaces; it becomes a file name on the rig"));

    m_minerType = new QComboBox(this);
    for (const QString& type : node::MiningProfile::knownMinerTypes())
        m_minerType->addItem(type == u"xmrig" ? tr("XMRig") : type == u"simulated" ? tr("Simulated (demo mode)") : type,
                             type);
    addField(u"minerType"_s, tr("&Miner:"), m_minerType, tr("Miner"),
             tr("The simulated miner makes numbers up: for trying the app without mining"));

    m_pool = new QLineEdit(this);
    m_pool->setPlaceholderText(u"stratum+tcp://pool.example.com:3333"_s);
    addField(u"pool"_s, tr("&Pool:"), m_pool, tr("Pool address"),
             tr("The pool's address: stratum+tcp://host:port, stratum+ssl://host:port or host:port"));

    m_wallet = new QLineEdit(this);
    addField(u"wallet"_s, tr("&Wallet:"), m_wallet, tr("Wallet address"), tr("The address the pool pays to"));

    m_workerName = new QLineEdit(this);
    m_workerName->setPlaceholderText(tr("optional"));
    addField(u"workerName"_s, tr("W&orker name:"), m_workerName, tr("Worker name"),
             tr("How the pool names this rig (XMRig's rig-id); may be empty"));

    m_threads = new QSpinBox(this);
    m_threads->setRange(0, kThreadsInputMax);
    m_threads->setSpecialValueText(tr("Automatic"));
    addField(u"threads"_s, tr("&Threads:"), m_threads, tr("CPU threads"),
             tr("CPU threads to mine with; Automatic lets the miner decide"));

    m_donateLevel = new QSpinBox(this);
    m_donateLevel->setRange(0, node::MiningProfile::kMaxDonateLevel);
    m_donateLevel->setSuffix(tr(" %"));
    addField(u"donateLevel"_s, tr("&Donate level:"), m_donateLevel, tr("Donate level"),
             tr("The share of time XMRig mines for its developers"));

    m_extraArgs = new QLineEdit(this);
    m_extraArgs->setPlaceholderText(u"--cpu-priority=2"_s);
    addField(u"extraArgs"_s, tr("E&xtra arguments:"), m_extraArgs, tr("Extra miner arguments"),
             tr("Passed to the miner after the profile's own; separate them with spaces, quote one with spaces"));

    m_otherErrors = new QLabel(this);
    m_otherErrors->setObjectName(u"profileOtherErrors"_s);
    m_otherErrors->setWordWrap(true);
    m_otherErrors->setStyleSheet(u"color: #b01e1e;"_s);
    m_otherErrors->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_otherErrors);
    layout->addStretch();

    for (QLineEdit* edit : {m_name, m_pool, m_wallet, m_workerName, m_extraArgs})
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditor::revalidate);
    connect(m_minerType, &QComboBox::currentIndexChanged, this, &ProfileEditor::revalidate);
    for (QSpinBox* spin : {m_threads, m_donateLevel})
        connect(spin, &QSpinBox::valueChanged, this, &ProfileEditor::revalidate);
}

QLabel* ProfileEditor::addErrorLabel(const QString& field)
{
    auto* label = new QLabel(this);
    label->setObjectName(u"profileError_"_s + field);
    label->setWordWrap(false);
    label->hide();
    label->setStyleSheet(u"color: #b01e1e;"_s);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabels.insert(field, label);
    return label;
}

node::MiningProfile ProfileEditor::profile() const
{
    node::MiningProfile profile;
    profile.name = m_name->text();
    profile.minerType = m_minerType->currentData().toString();
    profile.pool = m_pool->text().trimmed();
    profile.wallet = m_wallet->text().trimmed();
    profile.workerName = m_workerName->text().trimmed();
    profile.threads = m_threads->value();
    profile.donateLevel = m_donateLevel->value();
    profile.extraArgs = QProcess::splitCommand(m_extraArgs->text());
    return profile;
}

void ProfileEditor::setProfile(const node::MiningProfile& profile)
{
    m_loading = true;
    m_name->setText(profile.name);
    int type = m_minerType->findData(profile.minerType);
    if (type < 0 && !profile.minerType.isEmpty()) {
        // A type this build does not know (a newer rig's): shown as it is, and the validator says why not.
        m_minerType->addItem(profile.minerType, profile.minerType);
        type = m_minerType->count() - 1;
    }
    m_minerType->setCurrentIndex(std::max(type, 0));
    m_pool->setText(profile.pool);
    m_wallet->setText(profile.wallet);
    m_workerName->setText(profile.workerName);
    m_threads->setValue(profile.threads);
    m_donateLevel->setValue(profile.donateLevel);
    m_extraArgs->setText(joinArguments(profile.extraArgs));
    // Long values (a wallet) show their beginning, not their end.
    for (QLineEdit* edit : {m_name, m_pool, m_wallet, m_workerName, m_extraArgs})
        edit->setCursorPosition(0);
    revalidate();
    m_loading = false;
    m_modified = false;
}

void ProfileEditor::setModified(bool modified)
{
    m_modified = modified;
}

QString ProfileEditor::errorText(const QString& field) const
{
    if (QLabel* label = m_errorLabels.value(field))
        return label->text();
    return {};
}

QWidget* ProfileEditor::fieldWidget(const QString& field) const
{
    return m_fields.value(field);
}

void ProfileEditor::revalidate()
{
    m_errors = profile().validate();
    QHash<QString, QStringList> byField;
    QStringList other;
    for (const node::ProfileFieldError& error : std::as_const(m_errors)) {
        if (m_errorLabels.contains(error.field))
            byField[error.field].append(error.message);
        else
            other.append(error.message);
    }
    for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it) {
        const QString text = byField.value(it.key()).join(u'\n');
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
        // A screen reader hears the problem with the field.
        if (QWidget* input = m_fields.value(it.key()))
            input->setAccessibleDescription(text);
    }
    m_otherErrors->setText(other.join(u'\n'));
    m_otherErrors->setVisible(!other.isEmpty());
    if (!m_loading) {
        m_modified = true;
        Q_EMIT changed();
    }
    const bool valid = m_errors.isEmpty();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

} // namespace lethean::ui
