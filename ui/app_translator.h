#pragma once

#include <QLocale>
#include <QObject>
#include <QTranslator>

namespace lethean::ui {

// Puts the GUI into a language: our catalogue (lethean_<lang>.qm, compiled into the binary under :/i18n)
// and Qt's own (qtbase_<lang>.qm from Qt's translations folder: standard buttons, dialogs). English
// needs none: the source strings are UK English. The language follows the system locale until the
// Settings page chooses one.
class AppTranslator : public QObject
{
    Q_OBJECT

public:
    static constexpr const char* kResourceFolder = ":/i18n";

    explicit AppTranslator(QObject* parent = nullptr);
    ~AppTranslator() override;

    // Replaces the installed catalogues with the locale's. True when ours was found for it (the UI is
    // then in that language); false leaves the UI in English.
    bool install(const QLocale& locale);
    void remove();
    bool isInstalled() const { return m_appInstalled; }

private:
    QTranslator m_app;
    QTranslator m_qt;
    bool m_appInstalled = false;
    bool m_qtInstalled = false;
};

} // namespace lethean::ui
