#include "ui/settings_page.h"

#include "node/peer.h"
#include "ui/app_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr int kMaxCheckOutput = 200;
const QString kErrorStyle = u"color: #b01e1e;"_s;
const QString kOkStyle = u"color: #1e7b34;"_s;

QLabel* errorLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(false); // a hidden word-wrapped QFormLayout row keeps its height (Qt 6.4)
    label->setStyleSheet(kErrorStyle);
    return label;
}
} // namespace

SettingsPage::SettingsPage(AppSettings& settings, QWidget* parent) : QWidget(parent), m_settings(settings)
{
    setObjectName(u"settingsPage"_s);
    m_checkTimer = new QTimer(this);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(kCheckTimeoutMs);
    createWidgets();
    revert();
    connect(&m_settings, &AppSettings::restartRequired, this, &SettingsPage::updateRestartNotice);
}

SettingsPage::~SettingsPage()
{
    if (m_check) {
        m_check->disconnect(this);
        m_check->kill();
        m_check->waitForFinished(1000);
    }
}

void SettingsPage::createWidgets()
{
    m_restartNotice = new QFrame(this);
    m_restartNotice->setObjectName(u"restartNotice"_s);
    m_restartNotice->setFrameShape(QFrame::StyledPanel);
    m_restartNotice->setStyleSheet(u"#restartNotice { background: #fff4d6; border: 1px solid #e0c060; }"_s);
    auto* noticeText = new QLabel(tr("Some changes take effect when the node restarts. Miners on this computer "
                                     "keep running; connections to peers are made again."),
                                  m_restartNotice);
    noticeText->setWordWrap(true);
    auto* restart = new QPushButton(tr("&Restart node now"), m_restartNotice);
    restart->setObjectName(u"restartNode"_s);
    connect(restart, &QPushButton::clicked, this, &SettingsPage::restartNodeRequested);
    auto* noticeLayout = new QHBoxLayout(m_restartNotice);
    noticeLayout->addWidget(noticeText, 1);
    noticeLayout->addWidget(restart);
    m_restartNotice->hide();

    auto* content = new QWidget;
    auto* columns = new QHBoxLayout(content);
    auto* left = new QVBoxLayout;
    left->addWidget(createNodeBox());
    left->addStretch();
    auto* right = new QVBoxLayout;
    right->addWidget(createMiningBox());
    right->addWidget(createDesktopBox());
    right->addWidget(createNotificationBox());
    right->addStretch();
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Reset, this);
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(u"applySettings"_s);
    m_buttons->button(QDialogButtonBox::Reset)->setText(tr("Re&vert"));
    m_buttons->button(QDialogButtonBox::Reset)->setObjectName(u"revertSettings"_s);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsPage::apply);
    connect(m_buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, &SettingsPage::revert);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_restartNotice);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_buttons);
}

QWidget* SettingsPage::filePicker(QLineEdit* edit, const QString& title, const QString& filter,
                                  const QString& accessible)
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit->setAccessibleName(accessible);
    auto* browse = new QPushButton(tr("Browse…"), row);
    browse->setAccessibleName(tr("Choose a file for %1").arg(accessible));
    connect(browse, &QPushButton::clicked, this, [this, edit, title, filter] {
        const QString start = edit->text().isEmpty() ? QDir::homePath() : QFileInfo(edit->text()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, title, start, filter);
        if (!path.isEmpty())
            edit->setText(QDir::toNativeSeparators(path));
    });
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

QWidget* SettingsPage::createNodeBox()
{
    auto* box = new QGroupBox(tr("Node"), this);
    auto* form = new QFormLayout(box);

    m_nodeName = new QLineEdit(box);
    m_nodeName->setObjectName(u"settingsNodeName"_s);
    m_nodeName->setAccessibleName(tr("Node name"));
    m_nodeName->setPlaceholderText(tr("the computer's name"));
    m_nodeName->setToolTip(node::Peer::nameRule());
    m_nodeNameError = errorLabel(box, u"settingsNodeNameError"_s);
    form->addRow(tr("&Name:"), m_nodeName);
    form->addRow(QString(), m_nodeNameError);
    form->setRowVisible(m_nodeNameError, false);

    m_role = new QComboBox(box);
    m_role->setObjectName(u"settingsRole"_s);
    m_role->setAccessibleName(tr("Role"));
    m_role->addItem(tr("Controller and rig (dual)"), u"dual"_s);
    m_role->addItem(tr("Controller only (watch other rigs)"), u"controller"_s);
    m_role->addItem(tr("Rig only (mine, controlled by others)"), u"worker"_s);
    form->addRow(tr("R&ole:"), m_role);

    m_listenHost = new QLineEdit(box);
    m_listenHost->setObjectName(u"settingsListenHost"_s);
    m_listenHost->setAccessibleName(tr("Listen address"));
    m_listenHost->setPlaceholderText(tr("every interface"));
    form->addRow(tr("&Listen address:"), m_listenHost);
    m_listenPort = new QSpinBox(box);
    m_listenPort->setObjectName(u"settingsListenPort"_s);
    m_listenPort->setAccessibleName(tr("Listen port"));
    m_listenPort->setRange(1, 65535);
    m_listenPort->setGroupSeparatorShown(false);
    m_listenPort->setMaximumWidth(120);
    form->addRow(tr("&Port:"), m_listenPort);

    m_tlsCertificate = new QLineEdit(box);
    m_tlsCertificate->setObjectName(u"settingsTlsCertificate"_s);
    m_tlsCertificate->setPlaceholderText(tr("a self-signed one"));
    form->addRow(tr("TLS &certificate:"),
                 filePicker(m_tlsCertificate, tr("TLS certificate"), tr("PEM files (*.pem *.crt);;All files (*)"),
                            tr("TLS certificate file")));
    m_tlsKey = new QLineEdit(box);
    m_tlsKey->setObjectName(u"settingsTlsKey"_s);
    m_tlsKey->setPlaceholderText(tr("a self-signed one"));
    form->addRow(tr("TLS &key:"), filePicker(m_tlsKey, tr("TLS private key"), tr("PEM files (*.pem *.key);;All files (*)"),
                                            tr("TLS key file")));
    m_tlsError = errorLabel(box, u"settingsTlsError"_s);
    form->addRow(m_tlsError);
    form->setRowVisible(m_tlsError, false);
    m_nodeForm = form;

    m_authMode = new QComboBox(box);
    m_authMode->setObjectName(u"settingsAuthMode"_s);
    m_authMode->setAccessibleName(tr("Who may connect"));
    m_authMode->addItem(tr("Only paired peers (allowlist)"), int(node::PeerAuthMode::Allowlist));
    m_authMode->addItem(tr("Anyone who can reach this computer (open)"), int(node::PeerAuthMode::Open));
    form->addRow(tr("&Who may connect:"), m_authMode);

    m_requireProtocol2 = new QCheckBox(tr("Require protocol &2.0 (refuse links without forward secrecy)"), box);
    m_requireProtocol2->setObjectName(u"settingsRequireProtocol2"_s);
    m_requireProtocol2->setToolTip(tr("Go nodes and older rigs speak only 1.0 and will not be able to connect"));
    form->addRow(m_requireProtocol2);

    for (QLineEdit* edit : {m_nodeName, m_listenHost, m_tlsCertificate, m_tlsKey})
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::onEdited);
    for (QComboBox* combo : {m_role, m_authMode})
        connect(combo, &QComboBox::currentIndexChanged, this, &SettingsPage::onEdited);
    connect(m_listenPort, &QSpinBox::valueChanged, this, &SettingsPage::onEdited);
    connect(m_requireProtocol2, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    return box;
}

QWidget* SettingsPage::createMiningBox()
{
    auto* box = new QGroupBox(tr("Mining"), this);
    auto* form = new QFormLayout(box);
    m_minerBinary = new QLineEdit(box);
    m_minerBinary->setObjectName(u"settingsMinerBinary"_s);
    m_minerBinary->setPlaceholderText(tr("xmrig on the PATH"));
    m_checkMiner = new QPushButton(tr("C&heck"), box);
    m_checkMiner->setObjectName(u"settingsCheckMiner"_s);
    m_checkMiner->setToolTip(tr("Run the miner with --version to see that it works"));
    connect(m_checkMiner, &QPushButton::clicked, this, &SettingsPage::checkMinerBinary);
    auto* minerRow = new QHBoxLayout;
    minerRow->addWidget(filePicker(m_minerBinary, tr("Miner program"), tr("All files (*)"), tr("Miner program")), 1);
    minerRow->addWidget(m_checkMiner);
    m_minerCheck = new QLabel(box);
    m_minerCheck->setObjectName(u"settingsMinerCheck"_s);
    m_minerCheck->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("&Miner program:"), minerRow);
    qobject_cast<QLabel*>(form->labelForField(minerRow))->setBuddy(m_minerBinary);
    form->addRow(QString(), m_minerCheck);
    m_miningForm = form;

    m_demoMode = new QCheckBox(tr("&Demo mode: simulated miners, nothing is mined"), box);
    m_demoMode->setObjectName(u"settingsDemoMode"_s);
    form->addRow(m_demoMode);
    form->setRowVisible(m_minerCheck, false);
    connect(m_minerBinary, &QLineEdit::textChanged, this, [this] {
        m_minerCheck->clear();
        m_miningForm->setRowVisible(m_minerCheck, false);
        onEdited();
    });
    connect(m_demoMode, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    return box;
}

QWidget* SettingsPage::createDesktopBox()
{
    auto* box = new QGroupBox(tr("Desktop"), this);
    auto* form = new QFormLayout(box);
    m_startMinimised = new QCheckBox(tr("Start &minimised to the tray"), box);
    m_startMinimised->setObjectName(u"settingsStartMinimised"_s);
    form->addRow(m_startMinimised);
    m_startOnLogin = new QCheckBox(tr("Start when I &log in"), box);
    m_startOnLogin->setObjectName(u"settingsStartOnLogin"_s);
    form->addRow(m_startOnLogin);
    m_language = new QComboBox(box);
    m_language->setObjectName(u"settingsLanguage"_s);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), int(AppSettings::Language::System));
    m_language->addItem(u"English"_s, int(AppSettings::Language::English)); // each language in its own words
    m_language->addItem(u"Deutsch"_s, int(AppSettings::Language::German));
    m_languageNote = new QLabel(tr("The language changes the next time Lethean Desktop starts."), box);
    form->addRow(tr("L&anguage:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->setRowVisible(m_languageNote, false);
    m_desktopForm = form;
    for (QCheckBox* box2 : {m_startMinimised, m_startOnLogin})
        connect(box2, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsPage::onEdited);
    return box;
}

QWidget* SettingsPage::createNotificationBox()
{
    auto* box = new QGroupBox(tr("Notifications"), this);
    auto* form = new QFormLayout(box);
    auto* explanation = new QLabel(tr("Tell me when a rig's hashrate drops by more than:"), box);
    explanation->setWordWrap(true);
    form->addRow(explanation);
    m_dropPercent = new QSpinBox(box);
    m_dropPercent->setObjectName(u"settingsDropPercent"_s);
    m_dropPercent->setAccessibleName(tr("Hashrate drop in percent"));
    m_dropPercent->setRange(1, 100);
    m_dropPercent->setSuffix(tr(" %"));
    m_dropPercent->setMaximumWidth(120);
    form->addRow(tr("&Drop:"), m_dropPercent);
    m_dropMinutes = new QSpinBox(box);
    m_dropMinutes->setObjectName(u"settingsDropMinutes"_s);
    m_dropMinutes->setAccessibleName(tr("For at least this many minutes"));
    m_dropMinutes->setRange(1, 24 * 60);
    m_dropMinutes->setSuffix(tr(" min"));
    m_dropMinutes->setMaximumWidth(120);
    form->addRow(tr("For at &least:"), m_dropMinutes);
    connect(m_dropPercent, &QSpinBox::valueChanged, this, &SettingsPage::onEdited);
    connect(m_dropMinutes, &QSpinBox::valueChanged, this, &SettingsPage::onEdited);
    return box;
}

void SettingsPage::revert()
{
    m_loading = true;
    m_nodeName->setText(m_settings.nodeName());
    m_role->setCurrentIndex(std::max(0, m_role->findData(m_settings.role())));
    m_listenHost->setText(m_settings.listenHost());
    m_listenPort->setValue(m_settings.listenPort());
    m_tlsCertificate->setText(m_settings.tlsCertificate());
    m_tlsKey->setText(m_settings.tlsKey());
    m_authMode->setCurrentIndex(std::max(0, m_authMode->findData(int(m_settings.authMode()))));
    m_requireProtocol2->setChecked(m_settings.requireProtocol2());
    m_minerBinary->setText(m_settings.minerBinary());
    m_demoMode->setChecked(m_settings.demoMode());
    m_startMinimised->setChecked(m_settings.startMinimised());
    m_startOnLogin->setChecked(m_settings.startOnLogin());
    m_language->setCurrentIndex(std::max(0, m_language->findData(int(m_settings.language()))));
    m_dropPercent->setValue(m_settings.hashrateDropPercent());
    m_dropMinutes->setValue(std::max(1, m_settings.hashrateDropSeconds() / 60));
    m_loading = false;
    m_edited = false;
    m_desktopForm->setRowVisible(m_languageNote, false);
    validate();
    updateRestartNotice();
}

void SettingsPage::onEdited()
{
    if (m_loading)
        return;
    m_edited = true;
    m_desktopForm->setRowVisible(m_languageNote, m_language->currentData().toInt() != int(m_settings.language()));
    validate();
}

void SettingsPage::validate()
{
    QStringList problems;
    const auto name = node::Peer::validateName(m_nodeName->text().trimmed());
    m_nodeNameError->setText(name ? QString() : name.error());
    m_nodeForm->setRowVisible(m_nodeNameError, !name);
    m_nodeName->setAccessibleDescription(m_nodeNameError->text());
    if (!name)
        problems.append(name.error());

    QString tls;
    const QString certificate = m_tlsCertificate->text().trimmed();
    const QString key = m_tlsKey->text().trimmed();
    if (certificate.isEmpty() != key.isEmpty())
        tls = tr("Give both the certificate and its key, or neither (a self-signed certificate is made).");
    else if (!certificate.isEmpty() && !QFileInfo(certificate).isReadable())
        tls = tr("The certificate file %1 cannot be read.").arg(certificate);
    else if (!key.isEmpty() && !QFileInfo(key).isReadable())
        tls = tr("The key file %1 cannot be read.").arg(key);
    m_tlsError->setText(tls);
    m_nodeForm->setRowVisible(m_tlsError, !tls.isEmpty());
    if (!tls.isEmpty())
        problems.append(tls);

    m_problem = problems.join(u'\n');
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(m_edited && m_problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Reset)->setEnabled(m_edited);
}

QString SettingsPage::problemText() const
{
    return m_problem;
}

bool SettingsPage::apply()
{
    validate();
    if (!m_problem.isEmpty())
        return false;
    m_settings.setNodeName(m_nodeName->text());
    m_settings.setRole(m_role->currentData().toString());
    m_settings.setListenHost(m_listenHost->text());
    m_settings.setListenPort(m_listenPort->value());
    m_settings.setTlsCertificate(m_tlsCertificate->text().trimmed());
    m_settings.setTlsKey(m_tlsKey->text().trimmed());
    m_settings.setAuthMode(node::PeerAuthMode(m_authMode->currentData().toInt()));
    m_settings.setRequireProtocol2(m_requireProtocol2->isChecked());
    m_settings.setMinerBinary(m_minerBinary->text());
    m_settings.setDemoMode(m_demoMode->isChecked());
    m_settings.setStartMinimised(m_startMinimised->isChecked());
    m_settings.setStartOnLogin(m_startOnLogin->isChecked());
    m_settings.setLanguage(AppSettings::Language(m_language->currentData().toInt()));
    m_settings.setHashrateDropPercent(m_dropPercent->value());
    m_settings.setHashrateDropSeconds(m_dropMinutes->value() * 60);
    m_settings.sync();
    m_edited = false;
    validate();
    updateRestartNotice();
    return true;
}

void SettingsPage::updateRestartNotice()
{
    m_restartNotice->setVisible(m_settings.isRestartRequired());
}

bool SettingsPage::isRestartNoticeShown() const
{
    return !m_restartNotice->isHidden();
}

QString SettingsPage::minerCheckText() const
{
    return m_minerCheck->text();
}

void SettingsPage::checkMinerBinary()
{
    if (m_check)
        return; // one check at a time
    QString program = m_minerBinary->text().trimmed();
    if (program.isEmpty())
        program = QStandardPaths::findExecutable(u"xmrig"_s);
    if (program.isEmpty()) {
        finishMinerCheck(false, tr("No miner program is set and xmrig is not on the PATH. Choose the program, or "
                                   "use demo mode."));
        return;
    }
    m_checkMiner->setEnabled(false);
    m_minerCheck->setStyleSheet(QString());
    m_minerCheck->setText(tr("Checking…"));
    m_miningForm->setRowVisible(m_minerCheck, true);
    m_check = new QProcess(this);
    m_check->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_check, &QProcess::finished, this, [this, program](int code, QProcess::ExitStatus status) {
        const QString output = QString::fromLocal8Bit(m_check->readAll()).trimmed();
        const QString firstLine = output.section(u'\n', 0, 0).left(kMaxCheckOutput);
        if (status == QProcess::NormalExit && code == 0)
            finishMinerCheck(true, firstLine.isEmpty() ? tr("%1 ran, but printed no version.").arg(program)
                                                       : tr("Works: %1").arg(firstLine));
        else if (status == QProcess::NormalExit)
            finishMinerCheck(false, tr("%1 exited with code %2: %3").arg(program).arg(code).arg(firstLine));
        else if (!m_checkTimer->isActive())
            finishMinerCheck(false, tr("%1 did not answer within %2 seconds.").arg(program).arg(kCheckTimeoutMs / 1000));
        else
            finishMinerCheck(false, tr("%1 crashed.").arg(program));
    });
    connect(m_check, &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finishMinerCheck(false, tr("Cannot run %1: %2").arg(program, m_check->errorString()));
    });
    m_checkTimer->disconnect();
    connect(m_checkTimer, &QTimer::timeout, this, [this] {
        if (m_check)
            m_check->kill(); // finished follows, with the timer no longer active
    });
    m_checkTimer->start();
    m_check->start(program, {u"--version"_s});
}

void SettingsPage::finishMinerCheck(bool ok, const QString& text)
{
    m_checkTimer->stop();
    if (m_check) {
        m_check->disconnect(this);
        m_check->deleteLater();
        m_check = nullptr;
    }
    m_checkMiner->setEnabled(true);
    m_minerCheck->setText(text);
    m_miningForm->setRowVisible(m_minerCheck, true);
    m_minerCheck->setStyleSheet(ok ? kOkStyle : kErrorStyle);
    m_minerCheck->setAccessibleName(text);
    Q_EMIT minerCheckFinished(ok, text);
}

} // namespace lethean::ui
