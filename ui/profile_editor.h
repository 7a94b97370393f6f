#pragma once

#include "node/mining_profile.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace lethean::ui {

// A form for one mining profile. Every edit runs the node's own validator (MiningProfile::validate) and
// shows each error under the field it is about, as the user types; errors about no particular field go
// under the form.
class ProfileEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ProfileEditor(QWidget* parent = nullptr);

    node::MiningProfile profile() const;
    void setProfile(const node::MiningProfile& profile);
    // The validator's errors for what the form holds now.
    const QList<node::ProfileFieldError>& errors() const { return m_errors; }
    bool isValid() const { return m_errors.isEmpty(); }
    bool isModified() const { return m_modified; }
    void setModified(bool modified);
    // What the form shows under a field ("name", "pool", …); empty when it has no error.
    QString errorText(const QString& field) const;
    // The input of a field (focus, tests); null for an unknown field.
    QWidget* fieldWidget(const QString& field) const;

Q_SIGNALS:
    void changed();
    void validityChanged(bool valid);

private:
    void createWidgets();
    QLabel* addErrorLabel(const QString& field);
    void revalidate();

    QFormLayout* m_form = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_minerType = nullptr;
    QLineEdit* m_pool = nullptr;
    QLineEdit* m_wallet = nullptr;
    QLineEdit* m_workerName = nullptr;
    QSpinBox* m_threads = nullptr;
    QSpinBox* m_donateLevel = nullptr;
    QLineEdit* m_extraArgs = nullptr;
    QHash<QString, QWidget*> m_fields;
    QHash<QString, QLabel*> m_errorLabels;
    QLabel* m_otherErrors = nullptr;
    QList<node::ProfileFieldError> m_errors;
    bool m_valid = false;
    bool m_modified = false;
    bool m_loading = false;
};

} // namespace lethean::ui
