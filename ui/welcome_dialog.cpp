#include "ui/welcome_dialog.h"

#include "ui/qr_code_widget.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr int kQrCodeSide = 148; // as on the peers page: big enough for a phone camera at arm's length
constexpr int kWidth = 600;

QLabel* wrappedLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

WelcomeDialog::WelcomeDialog(const QString& nodeName, const QString& pairingCode, const QString& minerBinary,
                             QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"welcomeDialog"_s);
    setWindowTitle(tr("Welcome to Lethean Desktop"));

    auto* heading = new QLabel(tr("Welcome to Lethean Desktop"), this);
    heading->setObjectName(u"welcomeHeading"_s);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    heading->setAccessibleName(heading->text());

    auto* intro =
        wrappedLabel(tr("Lethean Desktop watches and steers the miners on all your rigs from this "
                        "computer. It runs a node here that talks straight to the node on each rig, "
                        "encrypted, with no server in between."),
                     this);
    intro->setObjectName(u"welcomeIntro"_s);

    m_start = new QPushButton(tr("&Get started"), this);
    m_start->setObjectName(u"welcomeGetStarted"_s);
    m_start->setDefault(true);
    m_start->setAccessibleName(tr("Get started"));
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addSpacing(4);
    layout->addWidget(createPairingBox());
    layout->addWidget(createMinerBox(minerBinary));
    layout->addStretch();
    layout->addWidget(buttons);

    // Keyboard order follows the reading order; the default button takes Enter from anywhere.
    if (m_demoMode) {
        setTabOrder(m_pairingCode, m_copy);
        setTabOrder(m_copy, m_demoMode);
        setTabOrder(m_demoMode, m_start);
    } else {
        setTabOrder(m_pairingCode, m_copy);
        setTabOrder(m_copy, m_start);
    }
    m_start->setFocus();

    setNodeName(nodeName);
    setPairingCode(pairingCode);
    // Word-wrapped labels need a width to know their height.
    resize(kWidth, heightForWidth(kWidth) > 0 ? heightForWidth(kWidth) : sizeHint().height());
}

QWidget* WelcomeDialog::createPairingBox()
{
    auto* box = new QGroupBox(tr("Pair your first rig"), this);
    box->setObjectName(u"welcomePairingBox"_s);

    m_nodeLine = wrappedLabel(QString(), box);
    m_nodeLine->setObjectName(u"welcomeNodeLine"_s);

    m_pairingCode = new QLineEdit(box);
    m_pairingCode->setObjectName(u"welcomePairingCode"_s);
    m_pairingCode->setReadOnly(true);
    m_pairingCode->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pairingCode->setAccessibleName(tr("This node's pairing code"));
    m_pairingCode->setPlaceholderText(tr("Starting the node…"));

    m_copy = new QPushButton(QIcon(u":/icons/copy.svg"_s), tr("&Copy"), box);
    m_copy->setObjectName(u"welcomeCopyPairingCode"_s);
    m_copy->setToolTip(tr("Copy the pairing code to the clipboard"));
    m_copy->setAccessibleName(tr("Copy the pairing code"));
    connect(m_copy, &QPushButton::clicked, this, &WelcomeDialog::copyPairingCode);

    m_copied = wrappedLabel(QString(), box);
    m_copied->setObjectName(u"welcomeCopied"_s);
    // Kept in the layout while empty, so the box does not jump when it appears.
    m_copied->setMinimumHeight(m_copied->fontMetrics().lineSpacing());

    m_qrCode = new QrCodeWidget(box);
    m_qrCode->setObjectName(u"welcomeQrCode"_s);
    m_qrCode->setAccessibleName(tr("This node's pairing code as a QR code"));
    m_qrCode->setFixedSize(kQrCodeSide, kQrCodeSide);
    // Holds the QR code's place while there is none, so the box keeps its shape and says why.
    m_qrPlaceholder = wrappedLabel(QString(), box);
    m_qrPlaceholder->setObjectName(u"welcomeQrPlaceholder"_s);
    m_qrPlaceholder->setFixedSize(kQrCodeSide, kQrCodeSide);
    m_qrPlaceholder->setAlignment(Qt::AlignCenter);
    m_qrPlaceholder->setFrameShape(QFrame::StyledPanel);
    m_qrPlaceholder->setMargin(8);
    m_qrPlaceholder->setForegroundRole(QPalette::PlaceholderText);

    auto* codeRow = new QHBoxLayout;
    codeRow->addWidget(m_pairingCode, 1);
    codeRow->addWidget(m_copy);
    auto* left = new QVBoxLayout;
    left->addWidget(m_nodeLine);
    left->addLayout(codeRow);
    left->addWidget(m_copied);
    left->addStretch();
    auto* layout = new QHBoxLayout(box);
    layout->addLayout(left, 1);
    layout->addWidget(m_qrCode, 0, Qt::AlignTop);
    layout->addWidget(m_qrPlaceholder, 0, Qt::AlignTop);
    return box;
}

QWidget* WelcomeDialog::createMinerBox(const QString& minerBinary)
{
    auto* box = new QGroupBox(tr("Mining on this computer"), this);
    box->setObjectName(u"welcomeMinerBox"_s);
    auto* layout = new QVBoxLayout(box);
    if (!minerBinary.isEmpty()) {
        //: %1 is the miner program's path
        auto* found = wrappedLabel(tr("Miner program found: %1. Start it on the Miners page, here or on any "
                                      "paired rig.")
                                       .arg(QDir::toNativeSeparators(minerBinary)),
                                   box);
        found->setObjectName(u"welcomeMinerFound"_s);
        found->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(found);
        return box;
    }
    auto* missing =
        wrappedLabel(tr("No miner program was found: none is set in the settings and xmrig is not on "
                        "the PATH. Install XMRig and choose it later under Settings → Mining, or try "
                        "the app first with simulated miners."),
                     box);
    missing->setObjectName(u"welcomeNoMiner"_s);
    missing->setStyleSheet(u"color: #b36b00;"_s);

    m_demoMode = new QCheckBox(tr("Start in &demo mode (simulated miners, clearly marked)"), box);
    m_demoMode->setObjectName(u"welcomeDemoMode"_s);
    m_demoMode->setChecked(true);
    m_demoMode->setAccessibleName(tr("Start in demo mode"));
    m_demoMode->setAccessibleDescription(
        tr("Simulated miners make up their numbers and nothing is mined; every view marks them. "
           "Turn demo mode off under Settings → Mining."));
    m_demoMode->setToolTip(m_demoMode->accessibleDescription());
    layout->addWidget(missing);
    layout->addWidget(m_demoMode);
    return box;
}

QString WelcomeDialog::findMinerBinary(const QString& configured)
{
    if (!configured.isEmpty()) {
        const QFileInfo info(configured);
        if (info.isFile() && info.isExecutable())
            return configured;
    }
    return QStandardPaths::findExecutable(u"xmrig"_s);
}

bool WelcomeDialog::demoModeChosen() const
{
    return m_demoMode && m_demoMode->isChecked();
}

QString WelcomeDialog::pairingCodeText() const
{
    return m_pairingCode->text();
}

void WelcomeDialog::setNodeName(const QString& name)
{
    m_nodeName = name.simplified();
    updateNodeLine();
}

void WelcomeDialog::setPairingCode(const QString& code)
{
    const QString trimmed = code.trimmed();
    m_pairingCode->setText(trimmed);
    m_pairingCode->setCursorPosition(0);
    m_pairingCode->setToolTip(trimmed);
    m_qrCode->setText(trimmed);
    const bool hasQrCode = m_qrCode->moduleCount() > 0;
    m_qrCode->setVisible(hasQrCode);
    m_qrPlaceholder->setVisible(!hasQrCode);
    m_qrPlaceholder->setText(trimmed.isEmpty() ? tr("The QR code appears once the node has started.")
                                               : tr("This code is too long for a QR code: copy it instead."));
    m_copy->setEnabled(!trimmed.isEmpty());
    m_copied->clear();
}

void WelcomeDialog::copyPairingCode()
{
    if (m_pairingCode->text().isEmpty())
        return;
    QApplication::clipboard()->setText(m_pairingCode->text());
    m_copied->setText(tr("Copied to the clipboard."));
}

void WelcomeDialog::updateNodeLine()
{
    // A non-breaking hyphen keeps the program's name on one line.
    //: "lethean‑node peers add" is a command: keep it as it is (with its non-breaking hyphen)
    const QString how =
        tr("Another node adds this one with the code below: run lethean‑node peers add with it "
           "on a rig, use Peers → Add on another desktop, or scan the QR code.");
    if (m_nodeName.isEmpty()) {
        m_nodeLine->setText(how);
        return;
    }
    //: %1 is this node's name, %2 the sentence on how another node adds it
    m_nodeLine->setText(tr("This computer's node is called “%1”. %2").arg(m_nodeName, how));
}

} // namespace lethean::ui
