#pragma once

#include <QDialog>
#include <QString>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace lethean::ui {

// Asks for another node's pairing code and checks it as it is typed or pasted: the specific reason a
// code is refused (node::PairingCode::parse) appears under the field, and OK is enabled only for a code
// that can be added. What the code stands for (name, ID, addresses) is shown once it is valid.
class AddPeerDialog : public QDialog
{
    Q_OBJECT

public:
    // ownPeerId: this node's ID, so that its own code is refused here already.
    explicit AddPeerDialog(const QString& ownPeerId, QWidget* parent = nullptr);

    QString code() const;
    void setCode(const QString& code);
    bool isCodeValid() const { return m_valid; }
    // Why the code is refused; empty while valid or empty.
    QString errorText() const;

private:
    void validate();

    QString m_ownPeerId;
    QPlainTextEdit* m_edit = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_summary = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_valid = false;
};

} // namespace lethean::ui
