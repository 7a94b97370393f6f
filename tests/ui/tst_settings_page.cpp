// AppSettings and SettingsPage: typed values with defaults that persist in the ini file, the restart
// flag for node settings only, validation before Apply, and the miner check. Hostile input tried: a
// garbage port and role in the ini file, a node name a Go node would refuse, half a TLS pair, a miner
// path that does not exist, and writing a value equal to the default.

#include "mining_fixtures.h"
#include "ui/app_settings.h"
#include "ui/settings_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::PeerAuthMode;
using lethean::ui::AppSettings;
using lethean::ui::SettingsPage;

class TestSettingsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAndPersistence()
    {
        QTemporaryDir dir;
        {
            AppSettings settings(dir.path());
            QCOMPARE(settings.role(), u"dual"_s);
            QCOMPARE(settings.listenPort(), 9091);
            QCOMPARE(settings.authMode(), PeerAuthMode::Allowlist);
            QCOMPARE(settings.language(), AppSettings::Language::System);
            QCOMPARE(settings.hashrateDropPercent(), 30);
            QCOMPARE(settings.hashrateDropSeconds(), 300);
            QVERIFY(!settings.demoMode());
            QSignalSpy restart(&settings, &AppSettings::restartRequired);
            QSignalSpy changed(&settings, &AppSettings::changed);

            // Writing the default is no change.
            settings.setListenPort(9091);
            settings.setDemoMode(false);
            QCOMPARE(changed.size(), 0);
            QVERIFY(!settings.isRestartRequired());

            // Desktop settings apply at once; node settings need a restart.
            settings.setStartMinimised(true);
            settings.setHashrateDropPercent(45);
            settings.setLanguage(AppSettings::Language::German);
            QCOMPARE(restart.size(), 0);
            settings.setListenPort(19091);
            QCOMPARE(restart.size(), 1);
            QVERIFY(settings.isRestartRequired());
            settings.setNodeName(u"garage-rig"_s);
            settings.setRole(u"worker"_s);
            settings.setRole(u"admin"_s); // not a role: ignored
            settings.setAuthMode(PeerAuthMode::Open);
            settings.setMinerBinary(u"/opt/xmrig/xmrig"_s);
            settings.setDemoMode(true);
            settings.setRequireProtocol2(true);
            settings.sync();
            QCOMPARE(settings.filePath(), dir.filePath(u"lethean-desktop.ini"_s));
        }
        AppSettings again(dir.path());
        QCOMPARE(again.listenPort(), 19091);
        QCOMPARE(again.nodeName(), u"garage-rig"_s);
        QCOMPARE(again.role(), u"worker"_s);
        QCOMPARE(again.authMode(), PeerAuthMode::Open);
        QCOMPARE(again.minerBinary(), u"/opt/xmrig/xmrig"_s);
        QVERIFY(again.demoMode());
        QVERIFY(again.requireProtocol2());
        QVERIFY(again.startMinimised());
        QCOMPARE(again.hashrateDropPercent(), 45);
        QCOMPARE(again.language(), AppSettings::Language::German);
        QVERIFY(!again.isRestartRequired()); // a new start reads them all

        // A hand-edited file with nonsense falls back to the defaults.
        QSettings raw(again.filePath(), QSettings::IniFormat);
        raw.setValue(u"node/listenPort"_s, u"seventy"_s);
        raw.setValue(u"node/role"_s, u"root"_s);
        raw.setValue(u"notifications/hashrateDropPercent"_s, 900);
        raw.sync();
        AppSettings garbled(dir.path());
        QCOMPARE(garbled.listenPort(), 9091);
        QCOMPARE(garbled.role(), u"dual"_s);
        QCOMPARE(garbled.hashrateDropPercent(), 100);
    }

    void pageValidatesAppliesAndSaysWhenToRestart()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.path());
        SettingsPage page(settings);
        page.resize(1000, 640);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.hasPendingEdits());
        QVERIFY(!page.isRestartNoticeShown());

        auto* name = page.findChild<QLineEdit*>(u"settingsNodeName"_s);
        name->setText(u"rig-7.local"_s); // dots: a Go node would refuse the name
        QVERIFY(page.hasPendingEdits());
        QVERIFY(!page.problemText().isEmpty());
        QVERIFY(!page.apply());
        QCOMPARE(settings.nodeName(), QString());

        name->setText(u"rig-7"_s);
        page.findChild<QLineEdit*>(u"settingsTlsCertificate"_s)->setText(dir.filePath(u"cert.pem"_s));
        QVERIFY(page.problemText().contains(u"certificate"_s)); // half a pair
        page.findChild<QLineEdit*>(u"settingsTlsCertificate"_s)->clear();
        page.findChild<QCheckBox*>(u"settingsStartOnLogin"_s)->setChecked(true);
        QVERIFY(page.problemText().isEmpty());
        fixtures::saveScreenshot(page, u"settings_page_edited"_s);

        QSignalSpy login(&settings, &AppSettings::startOnLoginChanged);
        QVERIFY(page.apply());
        QCOMPARE(settings.nodeName(), u"rig-7"_s);
        QVERIFY(settings.startOnLogin());
        QCOMPARE(login.size(), 1);
        QVERIFY(page.isRestartNoticeShown()); // the name is read when the node starts
        QVERIFY(!page.hasPendingEdits());
        fixtures::saveScreenshot(page, u"settings_page_restart"_s);

        // Revert puts the stored values back.
        page.findChild<QSpinBox*>(u"settingsListenPort"_s)->setValue(2000);
        page.revert();
        QCOMPARE(page.findChild<QSpinBox*>(u"settingsListenPort"_s)->value(), 9091);
    }

    void checksTheMinerProgram()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.path());
        SettingsPage page(settings);
        QSignalSpy finished(&page, &SettingsPage::minerCheckFinished);
        auto* path = page.findChild<QLineEdit*>(u"settingsMinerBinary"_s);

        path->setText(u"/bin/echo"_s); // prints its version with --version, as xmrig does
        page.checkMinerBinary();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QVERIFY2(page.minerCheckText().startsWith(u"Works: "_s), qPrintable(page.minerCheckText()));

        path->setText(dir.filePath(u"no-such-miner"_s));
        page.checkMinerBinary();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 5000);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(page.minerCheckText().startsWith(u"Cannot run"_s));

        path->setText(u"/bin/false"_s); // runs, but fails
        page.checkMinerBinary();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 5000);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(page.minerCheckText().contains(u"exited with code 1"_s));
    }
};

QTEST_MAIN(TestSettingsPage)
#include "tst_settings_page.moc"
