#include "ui/app_translator.h"

#include "node/log_categories.h"
#include "node/logger.h"

#include <QCoreApplication>
#include <QLibraryInfo>

using namespace Qt::StringLiterals;

namespace lethean::ui {

AppTranslator::AppTranslator(QObject* parent) : QObject(parent) {}

AppTranslator::~AppTranslator()
{
    remove();
}

bool AppTranslator::install(const QLocale& locale)
{
    remove();
    // QTranslator::load(locale, …) tries each of the locale's UI languages in turn (de_AT → de).
    if (m_app.load(locale, u"lethean"_s, u"_"_s, QString::fromLatin1(kResourceFolder)))
        m_appInstalled = QCoreApplication::installTranslator(&m_app);
    // Qt's own strings only when ours are there too: a half-German dialog helps nobody.
    if (m_appInstalled &&
        m_qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    node::Logger(node::lcUi())
        .info(u"user interface language"_s, {{u"locale"_s, locale.name()},
                                             {u"translated"_s, m_appInstalled},
                                             {u"qtTranslated"_s, m_qtInstalled}});
    return m_appInstalled;
}

void AppTranslator::remove()
{
    if (m_appInstalled)
        QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
    m_appInstalled = false;
    m_qtInstalled = false;
}

} // namespace lethean::ui
