// The main window as a user first sees it, rendered offscreen.

#include "ui/main_window.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTitleMenusAndDataFolder()
    {
        lethean::ui::MainWindow window(u"/tmp/lethean-test-data"_s);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QCOMPARE(window.windowTitle(), u"Lethean Desktop"_s);
        auto* dataDir = window.findChild<QLabel*>(u"dataDirLabel"_s);
        QVERIFY(dataDir);
        QVERIFY(dataDir->text().contains(u"/tmp/lethean-test-data"_s));
        QVERIFY(window.findChild<QAction*>(u"quitAction"_s));
        QVERIFY(window.findChild<QAction*>(u"aboutAction"_s));
        QCOMPARE(window.menuBar()->actions().size(), 2);

        // The window draws something: not a blank image.
        const QImage image = window.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 520);
        const QRgb first = image.pixel(0, 0);
        bool varied = false;
        for (int y = 0; y < image.height() && !varied; y += 7)
            for (int x = 0; x < image.width() && !varied; x += 7)
                varied = image.pixel(x, y) != first;
        QVERIFY(varied);
        if (const QByteArray out = qgetenv("LETHEAN_SCREENSHOT_DIR"); !out.isEmpty())
            image.save(QString::fromLocal8Bit(out) + u"/main_window.png"_s);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
