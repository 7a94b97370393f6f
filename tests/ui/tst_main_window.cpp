// The main window as a user first sees it, rendered offscreen, before its node has started: title,
// menus, the navigation with its pages and shortcuts, the status bar.

#include "gui_test_support.h"
#include "ui/log_page.h"
#include "ui/main_window.h"
#include "ui/node_client.h"
#include "ui/peers_page.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
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
        MainWindow window(client);
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
        QCOMPARE(navigation->item(0)->text(), u"Peers"_s);
        QCOMPARE(navigation->item(1)->text(), u"Logs"_s);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(&window.peersPage()));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(&window.logPage()));

        // A page added later goes where it is asked to, and the shortcuts follow the order.
        auto* dashboard = new QLabel(u"dashboard"_s);
        QCOMPARE(window.insertPage(0, dashboard, QIcon(), u"Dashboard"_s), 0);
        QCOMPARE(navigation->item(0)->text(), u"Dashboard"_s);
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(dashboard));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPage(), static_cast<QWidget*>(&window.peersPage()));

        // The icons are SVG: they render only when Qt's SVG plugins are installed (libqt6svg6).
        QVERIFY(!navigation->item(1)->icon().pixmap(24, 24).isNull()); // Peers (0 is the test page)

        const QImage image = lethean::ui::test::saveScreenshot(window, u"main_window"_s);
        QVERIFY(image.width() >= 800 && image.height() >= 520);
        QVERIFY(lethean::ui::test::hasContent(image));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
