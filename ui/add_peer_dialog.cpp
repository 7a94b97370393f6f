#include "ui/add_peer_dialog.h"

#include "node/pairing_code.h"
#include "ui/peer_table_model.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
// The node's reasons are sentences in lower case without a full stop (they are also log fields).
QString asSentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    if (!text.endsWith(u'.'))
        text += u'.';
    return text;
}
} // namespace

AddPeerDialog::AddPeerDialog(const QString& ownPeerId, QWidget* parent)
    : QDialog(parent), m_ownPeerId(ownPeerId)
{
    setObjectName(u"addPeerDialog"_s);
    setWindowTitle(tr("Add a peer"));

    auto* intro =
        new QLabel(tr("Paste the pairing code of the other node. On a rig it is printed when "
                      "lethean-node starts; in Lethean Desktop it is under Peers → My pairing code."),
                   this);
    intro->setWordWrap(true);

    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(u"pairingCodeEdit"_s);
    m_edit->setAccessibleName(tr("Pairing code"));
    m_edit->setPlaceholderText(tr("lethean:1.…"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setTabChangesFocus(true);
    m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * 4 + 12);
    auto* label = new QLabel(tr("&Pairing code:"), this);
    label->setBuddy(m_edit);

    m_error = new QLabel(this);
    m_error->setObjectName(u"pairingCodeError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b01e1e;"_s);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"pairingCodeSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for two lines each, so the dialog does not jump as the text changes.
    const int twoLines = fontMetrics().lineSpacing() * 2 + 4;
    m_error->setMinimumHeight(twoLines);
    m_summary->setMinimumHeight(twoLines);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add peer"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"addPeerOk"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_error);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());

    connect(m_edit, &QPlainTextEdit::textChanged, this, &AddPeerDialog::validate);
    validate();
}

QString AddPeerDialog::code() const
{
    return m_edit->toPlainText().trimmed();
}

void AddPeerDialog::setCode(const QString& code)
{
    m_edit->setPlainText(code);
}

QString AddPeerDialog::errorText() const
{
    return m_error->text();
}

void AddPeerDialog::validate()
{
    const QString text = code();
    m_valid = false;
    m_error->clear();
    m_summary->clear();
    if (!text.isEmpty()) {
        const auto parsed = node::PairingCode::parse(text);
        if (!parsed) {
            m_error->setText(asSentence(parsed.error().message));
        } else if (parsed->peerId() == m_ownPeerId) {
            m_error->setText(tr("This is this node's own pairing code: paste the code of the other node."));
        } else {
            m_valid = true;
            const QString name = parsed->name().isEmpty() ? tr("(no name)") : parsed->name();
            const QString addresses = parsed->addresses().isEmpty()
                                          ? tr("none: it will have to connect to us")
                                          : parsed->addresses().join(u", "_s);
            m_summary->setText(
                tr("Peer %1, ID %2\nAddresses: %3")
                    .arg(name, parsed->peerId().left(PeerTableModel::kShortIdLength), addresses));
        }
    }
    m_error->setVisible(!m_error->text().isEmpty());
    m_summary->setVisible(!m_error->isVisible());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

} // namespace lethean::ui
