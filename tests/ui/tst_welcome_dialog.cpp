// WelcomeDialog: the pairing code (copy, QR code, filled in once the node has started), the demo-mode
// offer exactly when no miner program is found, keyboard use and accessible names, and screenshots under
// <build>/tests/ui/screenshots. findMinerBinary is tried against a PATH of temporary folders only.
// Hostile input tried: a configured path that is a folder, a file without the execute bit, one that does
// not exist, an xmrig on the PATH that is not executable, a pairing code padded with whitespace, one too
// long for a QR code, and a node name with line breaks.

#include "mining_fixtures.h"
#include "node/pairing_code.h"
#include "ui/qr_code_widget.h"
#include "ui/welcome_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::ui::QrCodeWidget;
using lethean::ui::WelcomeDialog;

namespace {

QString realPairingCode()
{
    return lethean::node::PairingCode(QByteArray(32, '\x07'), {u"192.168.1.20:9091"_s}, u"office-pc"_s)
        .toString();
}

// Writes a file named `name` in dir; executable or not.
QString writeProgram(const QString& dir, const QString& name, bool executable)
{
    const QString path = dir + u'/' + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("#!/bin/sh\necho 'XMRig 6.21.0'\n");
    file.close();
    QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner;
    if (executable)
        permissions |= QFile::ExeOwner;
    file.setPermissions(permissions);
    return path;
}

} // namespace

class TestWelcomeDialog : public QObject
{
    Q_OBJECT

private:
    QByteArray m_path;
    QTemporaryDir m_emptyDir;

    template <typename T> static T* child(const WelcomeDialog& dialog, const QString& name)
    {
        return dialog.findChild<T*>(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = qgetenv("PATH");
        QVERIFY(m_emptyDir.isValid());
    }

    void init()
    {
        // No xmrig anywhere unless a test puts one there.
        qputenv("PATH", QFile::encodeName(m_emptyDir.path()));
    }

    void cleanupTestCase() { qputenv("PATH", m_path); }

    void findsTheMinerProgram()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString plain = writeProgram(dir.path(), u"miner-not-executable"_s, false);
        const QString runnable = writeProgram(dir.path(), u"my-xmrig"_s, true);

        QCOMPARE(WelcomeDialog::findMinerBinary(QString()), QString());
        QCOMPARE(WelcomeDialog::findMinerBinary(plain), QString());
        QCOMPARE(WelcomeDialog::findMinerBinary(dir.path()), QString()); // a folder is "executable" too
        QCOMPARE(WelcomeDialog::findMinerBinary(dir.path() + u"/missing"_s), QString());
        QCOMPARE(WelcomeDialog::findMinerBinary(runnable), runnable);

        // xmrig on the PATH: only when it can be run.
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        qputenv("PATH", QFile::encodeName(bin.path()));
        const QString onPath = writeProgram(bin.path(), u"xmrig"_s, false);
        QCOMPARE(WelcomeDialog::findMinerBinary(QString()), QString());
        QVERIFY(QFile::setPermissions(onPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(WelcomeDialog::findMinerBinary(QString()), onPath);
        QCOMPARE(WelcomeDialog::findMinerBinary(plain),
                 onPath); // a configured one that cannot run falls back
        QCOMPARE(WelcomeDialog::findMinerBinary(runnable), runnable); // the configured one comes first
    }

    void showsAndCopiesThePairingCode()
    {
        const QString code = realPairingCode();
        WelcomeDialog dialog(u"office-pc"_s, u"  "_s + code + u"\n"_s,
                             WelcomeDialog::findMinerBinary(QString()));
        QCOMPARE(dialog.pairingCodeText(), code);
        auto* field = child<QLineEdit>(dialog, u"welcomePairingCode"_s);
        QVERIFY(field);
        QVERIFY(field->isReadOnly());
        auto* qr = child<QrCodeWidget>(dialog, u"welcomeQrCode"_s);
        QVERIFY(qr);
        QCOMPARE(qr->text(), code);
        QVERIFY(qr->moduleCount() > 0);
        QVERIFY(child<QLabel>(dialog, u"welcomeNodeLine"_s)->text().contains(u"“office-pc”"_s));

        QApplication::clipboard()->clear();
        auto* copy = child<QPushButton>(dialog, u"welcomeCopyPairingCode"_s);
        QVERIFY(copy->isEnabled());
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), code);
        QCOMPARE(child<QLabel>(dialog, u"welcomeCopied"_s)->text(), u"Copied to the clipboard."_s);
    }

    void pairingCodeArrivesLater()
    {
        WelcomeDialog dialog{QString(), QString(), QString()};
        auto* field = child<QLineEdit>(dialog, u"welcomePairingCode"_s);
        QCOMPARE(dialog.pairingCodeText(), QString());
        QCOMPARE(field->placeholderText(), u"Starting the node…"_s);
        QVERIFY(!child<QPushButton>(dialog, u"welcomeCopyPairingCode"_s)->isEnabled());
        QCOMPARE(child<QrCodeWidget>(dialog, u"welcomeQrCode"_s)->moduleCount(), 0);
        auto* placeholder = child<QLabel>(dialog, u"welcomeQrPlaceholder"_s);
        QVERIFY(placeholder->isVisibleTo(&dialog));
        QVERIFY(!child<QrCodeWidget>(dialog, u"welcomeQrCode"_s)->isVisibleTo(&dialog));
        // Copying nothing leaves the clipboard alone.
        QApplication::clipboard()->setText(u"something else"_s);
        dialog.copyPairingCode();
        QCOMPARE(QApplication::clipboard()->text(), u"something else"_s);

        dialog.setNodeName(u"office\npc"_s);
        dialog.setPairingCode(realPairingCode());
        QCOMPARE(dialog.pairingCodeText(), realPairingCode());
        QVERIFY(child<QPushButton>(dialog, u"welcomeCopyPairingCode"_s)->isEnabled());
        QVERIFY(child<QrCodeWidget>(dialog, u"welcomeQrCode"_s)->moduleCount() > 0);
        QVERIFY(child<QrCodeWidget>(dialog, u"welcomeQrCode"_s)->isVisibleTo(&dialog));
        QVERIFY(!placeholder->isVisibleTo(&dialog));
        QVERIFY(child<QLabel>(dialog, u"welcomeNodeLine"_s)->text().contains(u"“office pc”"_s));

        // Longer than a QR code holds: the field still shows it, the QR code shows nothing.
        const QString huge(5000, u'A');
        dialog.setPairingCode(huge);
        QCOMPARE(dialog.pairingCodeText(), huge);
        QCOMPARE(child<QrCodeWidget>(dialog, u"welcomeQrCode"_s)->moduleCount(), 0);
        QVERIFY(placeholder->isVisibleTo(&dialog));
        QVERIFY(placeholder->text().contains(u"too long"_s));
    }

    void offersDemoModeWithoutAMiner_data()
    {
        QTest::addColumn<QString>("configured");
        QTest::newRow("nothing configured") << QString();
        QTest::newRow("configured, not executable") << u"plain"_s;
        QTest::newRow("configured, missing") << u"/nonexistent/xmrig"_s;
    }

    void offersDemoModeWithoutAMiner()
    {
        QFETCH(QString, configured);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        if (configured == u"plain")
            configured = writeProgram(dir.path(), u"xmrig"_s, false);
        WelcomeDialog dialog(u"office-pc"_s, realPairingCode(), WelcomeDialog::findMinerBinary(configured));
        QVERIFY(dialog.isDemoOffered());
        auto* demo = child<QCheckBox>(dialog, u"welcomeDemoMode"_s);
        QVERIFY(demo);
        QVERIFY(demo->isChecked());
        QVERIFY(dialog.demoModeChosen());
        QVERIFY(child<QLabel>(dialog, u"welcomeNoMiner"_s));
        demo->setChecked(false);
        QVERIFY(!dialog.demoModeChosen());
    }

    void noDemoOfferWithAMiner_data()
    {
        QTest::addColumn<bool>("onPath");
        QTest::newRow("xmrig on the PATH") << true;
        QTest::newRow("configured") << false;
    }

    void noDemoOfferWithAMiner()
    {
        QFETCH(bool, onPath);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString program = writeProgram(dir.path(), onPath ? u"xmrig"_s : u"xmrig-6.21"_s, true);
        if (onPath)
            qputenv("PATH", QFile::encodeName(dir.path()));
        const QString found = WelcomeDialog::findMinerBinary(onPath ? QString() : program);
        QCOMPARE(found, program);
        WelcomeDialog dialog(u"office-pc"_s, realPairingCode(), found);
        QVERIFY(!dialog.isDemoOffered());
        QVERIFY(!dialog.demoModeChosen());
        QVERIFY(!child<QCheckBox>(dialog, u"welcomeDemoMode"_s));
        QVERIFY(child<QLabel>(dialog, u"welcomeMinerFound"_s)->text().contains(program));
    }

    void keyboardAndAccessibility()
    {
        WelcomeDialog dialog(u"office-pc"_s, realPairingCode(), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* start = child<QPushButton>(dialog, u"welcomeGetStarted"_s);
        auto* field = child<QLineEdit>(dialog, u"welcomePairingCode"_s);
        auto* copy = child<QPushButton>(dialog, u"welcomeCopyPairingCode"_s);
        auto* demo = child<QCheckBox>(dialog, u"welcomeDemoMode"_s);
        QVERIFY(start->isDefault());
        QTRY_COMPARE(QApplication::focusWidget(), start);

        // Tab walks the controls in reading order and comes round again.
        QList<QWidget*> order;
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            order.append(QApplication::focusWidget());
        }
        QCOMPARE(order, (QList<QWidget*>{field, copy, demo, start}));

        for (QWidget* widget :
             QList<QWidget*>{start, field, copy, demo, child<QrCodeWidget>(dialog, u"welcomeQrCode"_s)})
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        QVERIFY(!demo->accessibleDescription().isEmpty());

        // Space on the focused box unticks it; Enter anywhere gets started.
        demo->setFocus();
        QTest::keyClick(demo, Qt::Key_Space);
        QVERIFY(!dialog.demoModeChosen());
        QTest::keyClick(demo, Qt::Key_Space);
        QVERIFY(dialog.demoModeChosen());
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.demoModeChosen());
    }

    void acceptingReportsTheChoice()
    {
        WelcomeDialog dialog(u"office-pc"_s, realPairingCode(), QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(child<QPushButton>(dialog, u"welcomeGetStarted"_s), Qt::LeftButton);
        QCOMPARE(accepted.size(), 1);
        QVERIFY(dialog.demoModeChosen());
        QVERIFY(!dialog.isVisible());
    }

    void screenshots()
    {
        // First run without a miner, the node still starting; then with its code and a miner found.
        WelcomeDialog starting{QString(), QString(), QString()};
        starting.show();
        QVERIFY(QTest::qWaitForWindowExposed(&starting));
        QVERIFY(fixtures::isVaried(fixtures::saveScreenshot(starting, u"welcome_dialog_starting"_s)));
        starting.setNodeName(u"office-pc"_s);
        starting.setPairingCode(realPairingCode());
        QVERIFY(fixtures::isVaried(fixtures::saveScreenshot(starting, u"welcome_dialog_demo_offer"_s)));

        WelcomeDialog found(u"office-pc"_s, realPairingCode(), u"/usr/local/bin/xmrig"_s);
        found.show();
        QVERIFY(QTest::qWaitForWindowExposed(&found));
        const QImage image = fixtures::saveScreenshot(found, u"welcome_dialog_miner_found"_s);
        QVERIFY(fixtures::isVaried(image));
        // Every control fits: nothing is clipped at the dialog's edges.
        for (QWidget* widget : found.findChildren<QWidget*>()) {
            if (widget->isVisible() && widget->isWindow() == false)
                QVERIFY2(found.rect().contains(QRect(widget->mapTo(&found, QPoint(0, 0)), widget->size())),
                         qPrintable(widget->objectName()));
        }
    }
};

QTEST_MAIN(TestWelcomeDialog)
#include "tst_welcome_dialog.moc"
