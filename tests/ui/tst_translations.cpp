// The German catalogue: complete in the source tree (no unfinished, empty or vanished entry, placeholders
// kept), compiled into the binary, and loaded for a German locale — Qt's own strings included — but not
// for English. Hostile cases tried: a locale with a region (de_AT), one we have no catalogue for (fr),
// and installing twice.

#include "gui_test_support.h"
#include "ui/app_settings.h"
#include "ui/app_translator.h"
#include "ui/main_window.h"
#include "ui/node_client.h"
#include "ui/peer_table_model.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using lethean::ui::AppTranslator;

namespace {

QString tsPath()
{
    return qEnvironmentVariable("LETHEAN_SOURCE_DIR") + u"/translations/lethean_de.ts"_s;
}

// The %1, %2 … and %n a string uses, sorted.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(u"%(\\d+|n)"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.append(it.next().captured());
    found.sort();
    found.removeDuplicates();
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanCatalogueIsComplete()
    {
        QFile file(tsPath());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(tsPath()));
        QXmlStreamReader xml(&file);
        int messages = 0;
        QString context;
        QString source;
        QStringList problems;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"name") {
                context = xml.readElementText();
            } else if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                ++messages;
                const QString type = xml.attributes().value(u"type"_s).toString();
                const bool numerus = xml.attributes().hasAttribute(u"numerus"_s) || source.contains(u"%n"_s);
                QString translation;
                if (numerus) {
                    // <numerusform> children: both German forms must be there.
                    QStringList forms;
                    while (xml.readNextStartElement())
                        forms.append(xml.readElementText());
                    if (forms.size() != 2 || forms.contains(QString()))
                        problems.append(context + u": plural forms missing for: "_s + source);
                    translation = forms.join(u' ');
                } else {
                    translation = xml.readElementText();
                }
                if (!type.isEmpty())
                    problems.append(context + u": "_s + type + u": "_s + source);
                else if (translation.trimmed().isEmpty())
                    problems.append(context + u": empty translation for: "_s + source);
                else if (placeholders(translation) != placeholders(source))
                    problems.append(context + u": placeholders differ in: "_s + source);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY2(messages >= 100, qPrintable(u"only %1 messages"_s.arg(messages)));
    }

    void loadsGermanForAGermanLocale()
    {
        AppTranslator translator;
        QVERIFY(translator.install(QLocale(QLocale::German, QLocale::Austria)));
        QCOMPARE(lethean::ui::PeerTableModel::tr("Last seen"), u"Zuletzt gesehen"_s);
        // Qt's own catalogue came with it (standard dialog buttons).
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Abbrechen"_s);
        QVERIFY(translator.install(QLocale(QLocale::German))); // again: replaces, does not stack
        translator.remove();
        QCOMPARE(lethean::ui::PeerTableModel::tr("Last seen"), u"Last seen"_s);
    }

    // The window built in German (before its node starts), for a look at lengths and wording.
    void buildsTheWindowInGerman()
    {
        AppTranslator translator;
        QVERIFY(translator.install(QLocale(QLocale::German, QLocale::Germany)));
        lethean::ui::NodeClient client;
        QTemporaryDir dir;
        lethean::ui::AppSettings settings(dir.path());
        lethean::ui::MainWindow window(client, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.menuBar()->actions().first()->text(), u"&Datei"_s);
        QCOMPARE(window.findChild<QListWidget*>(u"navigation"_s)->item(4)->text(), u"Protokoll"_s);
        QCOMPARE(window.findChild<QLabel*>(u"nodeStateLabel"_s)->text(), u"Der Knoten ist angehalten."_s);
        QVERIFY(
            lethean::ui::test::hasContent(lethean::ui::test::saveScreenshot(window, u"main_window_de"_s)));
    }

    void staysEnglishWithoutACatalogue()
    {
        AppTranslator translator;
        QVERIFY(!translator.install(QLocale(QLocale::English, QLocale::UnitedKingdom)));
        QVERIFY(!translator.install(QLocale(QLocale::French)));
        QCOMPARE(lethean::ui::PeerTableModel::tr("Last seen"), u"Last seen"_s);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
