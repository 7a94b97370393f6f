// ProfileEditor and ProfilesPage: the validator's errors under each field as the user types, save and
// delete requests, deploy to several rigs with progress and a result per rig, export and import.
// Hostile input tried: a path-traversal profile name, a pool without a port, an empty wallet, a thread
// count past the limit, a too-short export passphrase, progress past 100 %, a deploy answer for a rig
// that was not asked, and an unknown miner type from an imported file.

#include "mining_fixtures.h"
#include "ui/profile_editor.h"
#include "ui/profiles_page.h"
#include "ui/rig_table_model.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::MiningProfile;
using lethean::ui::ProfileEditor;
using lethean::ui::ProfilesPage;
using lethean::ui::RigTableModel;

namespace {
MiningProfile valid(const QString& name)
{
    MiningProfile p = fixtures::profile(name);
    p.workerName = u"garage"_s;
    p.threads = 6;
    p.extraArgs = {u"--cpu-priority=2"_s, u"--log-file=/tmp/my miner.log"_s};
    return p;
}

QString validatorMessage(const MiningProfile& profile, const QString& field)
{
    for (const auto& error : profile.validate())
        if (error.field == field)
            return error.message;
    return {};
}
} // namespace

class TestProfilesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editorShowsValidatorErrorsNextToFields()
    {
        ProfileEditor editor;
        editor.resize(600, 420);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setProfile(valid(u"main"_s));
        QVERIFY(editor.isValid());
        QVERIFY(!editor.isModified());
        QCOMPARE(editor.profile(), valid(u"main"_s)); // extra arguments with a space survive the round trip
        QSignalSpy validity(&editor, &ProfileEditor::validityChanged);

        // Typed like a user would, one character at a time.
        auto* pool = qobject_cast<QLineEdit*>(editor.fieldWidget(u"pool"_s));
        pool->clear();
        QTest::keyClicks(pool, u"pool.example"_s);
        QVERIFY(!editor.isValid());
        QCOMPARE(validity.size(), 1);
        QCOMPARE(validity.first().first().toBool(), false);
        MiningProfile expected = editor.profile();
        QCOMPARE(editor.errorText(u"pool"_s), validatorMessage(expected, u"pool"_s));
        QVERIFY(!editor.errorText(u"pool"_s).isEmpty());
        auto* poolError = editor.findChild<QLabel*>(u"profileError_pool"_s);
        QVERIFY(poolError->isVisible());
        // Next to the field: right under it, left-aligned with it.
        const QPoint fieldPos = pool->mapTo(&editor, QPoint(0, 0));
        const QPoint errorPos = poolError->mapTo(&editor, QPoint(0, 0));
        QCOMPARE(errorPos.x(), fieldPos.x());
        QVERIFY(errorPos.y() >= fieldPos.y() + pool->height());
        QVERIFY(errorPos.y() < fieldPos.y() + pool->height() + 12);
        QVERIFY(pool->accessibleDescription().contains(editor.errorText(u"pool"_s)));

        // Several fields wrong at once, each with its own message.
        auto* name = qobject_cast<QLineEdit*>(editor.fieldWidget(u"name"_s));
        name->setText(u"../../etc/passwd"_s);
        qobject_cast<QLineEdit*>(editor.fieldWidget(u"wallet"_s))->clear();
        qobject_cast<QSpinBox*>(editor.fieldWidget(u"threads"_s))->setValue(MiningProfile::kMaxThreads + 1);
        expected = editor.profile();
        for (const QString& field : {u"name"_s, u"wallet"_s, u"threads"_s, u"pool"_s}) {
            QVERIFY2(!editor.errorText(field).isEmpty(), qPrintable(field));
            QCOMPARE(editor.errorText(field), validatorMessage(expected, field));
        }
        QVERIFY(editor.errorText(u"workerName"_s).isEmpty());
        QVERIFY(!editor.findChild<QLabel*>(u"profileError_workerName"_s)->isVisible());
        fixtures::saveScreenshot(editor, u"profile_editor_errors"_s);

        // Fixed: the messages go.
        editor.setProfile(valid(u"main"_s));
        QVERIFY(editor.isValid());
        QVERIFY(!poolError->isVisible());
        QCOMPARE(validity.last().first().toBool(), true);
    }

    void savesDeletesDeploysExportsImports()
    {
        RigTableModel rigs;
        const auto farm = fixtures::farm();
        rigs.resetPeers(farm.peers);
        rigs.updateStats(farm.results);
        ProfilesPage page(rigs);
        page.resize(1000, 720);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy save(&page, &ProfilesPage::saveRequested);
        QSignalSpy remove(&page, &ProfilesPage::deleteRequested);
        QSignalSpy deploy(&page, &ProfilesPage::deployRequested);
        QSignalSpy exported(&page, &ProfilesPage::exportRequested);
        QSignalSpy imported(&page, &ProfilesPage::importRequested);

        page.setProfiles({valid(u"main"_s), valid(u"night"_s), valid(u"backup-pool"_s)});
        QCOMPARE(page.findChild<QListWidget*>(u"profileList"_s)->count(), 3);
        page.selectProfile(u"night"_s);
        QCOMPARE(page.currentProfileName(), u"night"_s);
        QCOMPARE(page.editor().profile().name, u"night"_s);

        // Save sends the edited profile.
        qobject_cast<QSpinBox*>(page.editor().fieldWidget(u"threads"_s))->setValue(4);
        page.findChild<QPushButton*>(u"saveProfile"_s)->click();
        QCOMPARE(save.size(), 1);
        QCOMPARE(save.first().first().value<MiningProfile>().threads, 4);
        page.saveFinished(u"night"_s, QString());
        QVERIFY(!page.editor().isModified());
        QCOMPARE(page.messageText(), u"Saved night."_s);

        // Deploy to two rigs, each with its own progress and result.
        const QString garage = fixtures::peerId(u"garage-rig"_s);
        const QString office = fixtures::peerId(u"office-pc"_s);
        page.setRigChecked(garage, true);
        page.setRigChecked(office, true);
        QCOMPARE(page.checkedRigIds(), (QStringList{garage, office}));
        page.findChild<QPushButton*>(u"deployProfile"_s)->click();
        QCOMPARE(deploy.size(), 1);
        QCOMPARE(deploy.first().at(1).toStringList(), (QStringList{garage, office}));
        QCOMPARE(page.deployResult(garage), u"Waiting…"_s);
        page.deployProgress(garage, 512, 1024);
        page.deployProgress(office, 4096, 1024); // more than the total: capped
        page.deployProgress(fixtures::peerId(u"nobody"_s), 1, 2); // not asked: ignored
        QCOMPARE(page.deployPercent(garage), 50);
        QCOMPARE(page.deployPercent(office), 100);
        page.deployFinished(garage, true, QString());
        page.deployFinished(office, false, u"checksum mismatch"_s);
        QCOMPARE(page.deployPercent(garage), 100);
        QCOMPARE(page.deployResult(garage), u"Deployed"_s);
        QCOMPARE(page.deployResult(office), u"Failed: checksum mismatch"_s);
        fixtures::saveScreenshot(page, u"profiles_page"_s);

        // A rig update does not lose the results.
        rigs.updatePeer(fixtures::peer(u"garage-rig"_s, u"worker"_s, true, 3.0));
        QCOMPARE(page.deployResult(garage), u"Deployed"_s);

        // Export needs a real passphrase.
        page.exportCurrent(u"/tmp/night.bundle"_s, u"short"_s);
        QCOMPARE(exported.size(), 0);
        QVERIFY(page.messageText().contains(u"at least"_s));
        page.exportCurrent(u"/tmp/night.bundle"_s, u"correct horse battery"_s);
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.first().at(1).toString(), u"/tmp/night.bundle"_s);
        QCOMPARE(exported.first().at(2).toString(), u"correct horse battery"_s);
        page.exportFinished(u"/tmp/night.bundle"_s, u"disk full"_s);
        QVERIFY(page.messageText().contains(u"disk full"_s));

        // Import: the profile lands in the editor, unsaved, for review; an unknown miner type is shown
        // with the validator's objection.
        page.importFrom(u"/tmp/in.bundle"_s, u"pass phrase"_s);
        QCOMPARE(imported.size(), 1);
        MiningProfile incoming = valid(u"from-friend"_s);
        incoming.minerType = u"cgminer"_s;
        page.importFinished(incoming, QString());
        QCOMPARE(page.editor().profile().name, u"from-friend"_s);
        QVERIFY(page.editor().isModified());
        QVERIFY(!page.editor().errorText(u"minerType"_s).isEmpty());
        page.importFinished({}, u"wrong passphrase"_s);
        QVERIFY(page.messageText().contains(u"wrong passphrase"_s));

        // Delete goes through a request too.
        page.editor().setProfile(valid(u"main"_s));
        page.selectProfile(u"main"_s);
        page.deleteProfile(u"main"_s);
        QCOMPARE(remove.size(), 1);
        page.deleteFinished(u"main"_s, QString());
        QCOMPARE(page.currentProfileName(), QString());
    }
};

QTEST_MAIN(TestProfilesPage)
#include "tst_profiles_page.moc"
