// The main window as a user first sees it, rendered offscreen, before its node has started: title,
// menus, the navigation with its pages and shortcuts, the status bar.

#include "gui_test_support.h"
#include "ui/app_settings.h"
#include "ui/dashboard_page.h"
#include "ui/log_page.h"
#include "ui/main_window.h"
#include "ui/node_client.h"
#include "ui/peers_page.h"
#include "ui/settings_page.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::ui::MainWindow;
using lethean::ui::NodeClient;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTitleMenusPagesAndState()
    {
        NodeClient client; // not started: the window must cope with no node yet
        QTemporaryDir dir;
        lethean::ui::AppSettings settings(dir.path());
        MainWindow window(client, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QCOMPARE(window.windowTitle(), u"Lethean Desktop"_s);
        QVERIFY(window.findChild<QAction*>(u"quitAction"_s));
        QVERIFY(window.findChild<QAction*>(u"aboutAction"_s));
        QCOMPARE(window.menuBar()->actions().size(), 3); // File, View, Help
        auto* state = window.findChild<QLabel*>(u"nodeStateLabel"_s);
        QVERIFY(state);
        QCOMPARE(state->text(), u"The node is stopped."_s);

        auto* navigation = window.findChild<QListWidget*>(u"navigation"_s);
        QVERIFY(navigation);
        QCOMPARE(navigation->count(), window.pageCount());
        const QStringList titles{u"Dashboard"_s, u"Miners"_s, u"Profiles"_s, u"Peers"_s, u"Logs"_s, u"Settings"_s};
        QCOMPARE(navigation->count(), int(titles.size()));
        for (int i = 0; i < titles.size(); ++i)
            QCOMPARE(navigation->item(i)->text(), titles.at(i));
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(&window.dashboardPage()));
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(&window.peersPage()));
        QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(&window.settingsPage()));

        // A page added later goes where it is asked to, and the shortcuts follow the order.
        auto* extra = new QLabel(u"extra"_s);
        QCOMPARE(window.insertPage(0, extra, QIcon(), u"Extra"_s), 0);
        QCOMPARE(navigation->item(0)->text(), u"Extra"_s);
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(extra));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(&window.dashboardPage()));
        window.showPage(1);

        // The icons are SVG: they render only when Qt's SVG plugins are installed (libqt6svg6).
        for (int i = 1; i < navigation->count(); ++i) // 0 is the test page, without an icon
            QVERIFY2(!navigation->item(i)->icon().pixmap(24, 24).isNull(), qPrintable(navigation->item(i)->text()));

        const QImage image = lethean::ui::test::saveScreenshot(window, u"main_window"_s);
        QVERIFY(image.width() >= 800 && image.height() >= 520);
        QVERIFY(lethean::ui::test::hasContent(image));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
