// The whole desktop (DesktopSession: settings, node, window, tray, notifications, welcome) offscreen,
// driven through its pages against real worker nodes on 127.0.0.1 port 0, as a user would: start a
// miner on a demo rig and watch the dashboard and its chart follow, deploy a profile to two rigs with
// progress to 100 %, kill a rig and get the offline notification, pause every rig, take the first-run
// welcome's demo mode, switch "start on login" on and off. Each step saves a screenshot (screenshots/).
// Hostile cases tried: a rig that dies mid-session, a deploy to a rig that is gone, starting a miner on
// an offline rig (the button is disabled), the welcome with no miner program anywhere on the PATH.

#include "app/desktop_session.h"
#include "gui_test_support.h"
#include "mining_fixtures.h"
#include "node/node.h"
#include "node/peer_registry.h"
#include "node/profile_store.h"
#include "ui/app_settings.h"
#include "ui/dashboard_page.h"
#include "ui/hashrate_chart.h"
#include "ui/history_store.h"
#include "ui/main_window.h"
#include "ui/miner_log_view.h"
#include "ui/miner_table_model.h"
#include "ui/miners_page.h"
#include "ui/mining_coordinator.h"
#include "ui/node_client.h"
#include "ui/profiles_page.h"
#include "ui/rig_notifier.h"
#include "ui/rig_table_model.h"
#include "ui/settings_page.h"
#include "ui/tray_icon.h"
#include "ui/welcome_dialog.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QLineSeries>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace lethean;
using lethean::app::DesktopSession;
using lethean::ui::test::hasContent;
using lethean::ui::test::saveScreenshot;

namespace {

constexpr int kTimeoutMs = 20000;

// A rig: a headless worker node in demo mode (its miners are simulated), which lets `desk` in.
struct Rig
{
    explicit Rig(const QString& name)
    {
        node::NodeOptions options = ui::test::loopbackOptions(dir.path(), name);
        options.role = node::NodeRole::Worker;
        options.miners.demoMode = true;
        options.miners.resumeLastProfile = false;
        options.miners.simulated.tickInterval = 100ms;
        auto created = node::Node::create(std::move(options));
        if (!created)
            qFatal("%s", qPrintable(created.error()));
        node = std::move(*created);
        if (!node->start())
            qFatal("cannot start the rig");
    }
    QString id() const { return node->identity().id(); }

    QTemporaryDir dir;
    std::unique_ptr<node::Node> node;
};

using fixtures::profile;

} // namespace

class TestDesktopSession : public QObject
{
    Q_OBJECT

private:
    // A desktop on a fresh data dir, listening on loopback, its welcome off unless asked for.
    std::unique_ptr<DesktopSession> makeSession(const QString& dir, bool welcome = false)
    {
        DesktopSession::Options options;
        options.paths = node::DataPaths(dir);
        options.listen = app::ListenAddress{QHostAddress::LocalHost, 0};
        options.offerWelcome = welcome;
        options.autostartExecutable = u"/usr/bin/lethean-desktop"_s;
        options.clock = [this] { return m_now; };
        auto session = std::make_unique<DesktopSession>(options);
        session->settings().setNodeName(u"desk"_s);
        session->window().mining().setPollInterval(200ms);
        session->window().resize(1200, 760);
        return session;
    }

    // Pairs the desk and the rig both ways and waits until the rig is a row that is online.
    bool pair(DesktopSession& desk, Rig& rig)
    {
        if (!rig.node->registry().addFromPairingCode(desk.client().info().pairingCode))
            return false;
        auto added = desk.client().addPeerFromPairingCode(rig.node->pairingCode());
        if (!QTest::qWaitFor([&] { return added.isFinished(); }, kTimeoutMs) || !added.result())
            return false;
        desk.client().reconnect(rig.id());
        ui::RigTableModel& rigs = desk.window().rigModel();
        return QTest::qWaitFor(
            [&] {
                const int row = rigs.rowOf(rig.id());
                return row >= 0 && rigs.rigAt(row).isOnline();
            },
            kTimeoutMs);
    }

    static const ui::RigSnapshot* rigIn(DesktopSession& desk, const QString& id)
    {
        const int row = desk.window().rigModel().rowOf(id);
        return row < 0 ? nullptr : &desk.window().rigModel().rigAt(row);
    }

    static bool saveProfile(DesktopSession& desk, const node::MiningProfile& profile)
    {
        auto saved = desk.client().saveProfile(profile);
        return QTest::qWaitFor([&] { return saved.isFinished(); }, kTimeoutMs) && saved.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_xdg.isValid());
        // The autostart entry goes under XDG_CONFIG_HOME: never the real one of whoever runs the tests.
        qputenv("XDG_CONFIG_HOME", m_xdg.filePath(u"config"_s).toUtf8());
    }

    void startsAMinerOnADemoRigAndTheDashboardFollows()
    {
        QTemporaryDir dir;
        auto desk = makeSession(dir.path());
        QSignalSpy started(&desk->client(), &ui::NodeClient::nodeStarted);
        desk->start();
        QVERIFY(started.wait(kTimeoutMs));
        Rig rig(u"rig-a"_s);
        QVERIFY(pair(*desk, rig));
        QVERIFY(saveProfile(*desk, profile(u"main-pool"_s)));

        ui::MainWindow& window = desk->window();
        ui::MinersPage& miners = window.minersPage();
        window.showPage(&miners);
        miners.setCurrentRig(rig.id());
        QTRY_COMPARE_WITH_TIMEOUT(miners.selectedProfileName(), u"main-pool"_s, kTimeoutMs);
        auto* start = window.findChild<QPushButton*>(u"startMiner"_s);
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), kTimeoutMs);
        start->click();
        QTRY_VERIFY_WITH_TIMEOUT(miners.messageText().startsWith(u"Started"_s), kTimeoutMs);
        // The rig mines (simulated, and marked so) and the numbers reach the table and the chart.
        QTRY_VERIFY_WITH_TIMEOUT(rigIn(*desk, rig.id()) && rigIn(*desk, rig.id())->hashrate10s() > 0, kTimeoutMs);
        QVERIFY(rigIn(*desk, rig.id())->isSimulated());
        QTRY_VERIFY_WITH_TIMEOUT(window.rigModel().totals().mining >= 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(miners.minerModel().rowCount() == 1, kTimeoutMs);
        QVERIFY(hasContent(saveScreenshot(window, u"session_miners_running"_s)));
        window.showPage(&window.dashboardPage());
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboardPage().totalsText().contains(u"H/s"_s), kTimeoutMs);
        // The chart's total line (what it shows by default) reaches the rig's hashrate.
        auto totalLine = [&window]() -> QLineSeries* {
            return window.dashboardPage().chart().lineSeries(ui::HistoryStore::kTotal);
        };
        QTRY_VERIFY_WITH_TIMEOUT(totalLine() && totalLine()->count() >= 1 &&
                                     totalLine()->at(totalLine()->count() - 1).y() > 0,
                                 kTimeoutMs);
        QVERIFY(hasContent(saveScreenshot(window, u"session_dashboard_live"_s)));

        // The log viewer fetches the miner's console.
        window.showPage(&miners);
        miners.selectMiner(u"main-pool"_s);
        miners.requestLogs();
        QTRY_VERIFY_WITH_TIMEOUT(!miners.logView().lines().isEmpty(), kTimeoutMs);

        // Pause all rigs (the tray's menu): the miner stops.
        QSignalSpy paused(&window.mining(), &ui::MiningCoordinator::allRigsPaused);
        desk->tray().pauseAllAction().setEnabled(true);
        desk->tray().pauseAllAction().trigger();
        QVERIFY(paused.wait(kTimeoutMs));
        QCOMPARE(paused.first().first().toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(window.rigModel().totals().mining, 0, kTimeoutMs);
    }

    void deploysAProfileToTwoRigsWithProgress()
    {
        QTemporaryDir dir;
        auto desk = makeSession(dir.path());
        QSignalSpy started(&desk->client(), &ui::NodeClient::nodeStarted);
        desk->start();
        QVERIFY(started.wait(kTimeoutMs));
        Rig first(u"rig-1"_s);
        Rig second(u"rig-2"_s);
        QVERIFY(pair(*desk, first));
        QVERIFY(pair(*desk, second));
        QVERIFY(saveProfile(*desk, profile(u"winter"_s)));

        ui::MainWindow& window = desk->window();
        ui::ProfilesPage& profiles = window.profilesPage();
        window.showPage(&profiles);
        QTRY_VERIFY_WITH_TIMEOUT(profiles.profiles().size() == 1, kTimeoutMs);
        profiles.selectProfile(u"winter"_s);
        profiles.setRigChecked(first.id(), true);
        profiles.setRigChecked(second.id(), true);
        QCOMPARE(profiles.checkedRigIds().size(), 2);
        auto* deploy = window.findChild<QPushButton*>(u"deployProfile"_s);
        QVERIFY(deploy && deploy->isEnabled());
        deploy->click();
        QTRY_COMPARE_WITH_TIMEOUT(profiles.deployPercent(first.id()), 100, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(profiles.deployPercent(second.id()), 100, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!profiles.deployResult(second.id()).isEmpty(), kTimeoutMs);
        QVERIFY(hasContent(saveScreenshot(window, u"session_deployed_two_rigs"_s)));
        QCOMPARE(first.node->profiles().profile(u"winter"_s), profile(u"winter"_s));
        QCOMPARE(second.node->profiles().profile(u"winter"_s), profile(u"winter"_s));

        // A rig that is gone: its row says why, the other still gets the profile.
        const QString secondId = second.id();
        second.node.reset();
        QTRY_VERIFY_WITH_TIMEOUT(rigIn(*desk, secondId) && !rigIn(*desk, secondId)->isOnline(), kTimeoutMs);
        auto changed = profile(u"winter"_s);
        changed.threads = 2;
        QVERIFY(saveProfile(*desk, changed));
        profiles.selectProfile(u"winter"_s);
        profiles.setRigChecked(first.id(), true);
        profiles.setRigChecked(secondId, true);
        profiles.deployToCheckedRigs();
        QTRY_COMPARE_WITH_TIMEOUT(profiles.deployPercent(first.id()), 100, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!profiles.deployResult(secondId).isEmpty(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(first.node->profiles().profile(u"winter"_s)->threads, 2, kTimeoutMs);
        QVERIFY(profiles.deployPercent(secondId) < 100);
        QVERIFY(hasContent(saveScreenshot(window, u"session_deploy_one_rig_gone"_s)));
    }

    void killedRigGoesOfflineWithANotification()
    {
        QTemporaryDir dir;
        auto desk = makeSession(dir.path());
        QSignalSpy started(&desk->client(), &ui::NodeClient::nodeStarted);
        desk->start();
        QVERIFY(started.wait(kTimeoutMs));
        auto rig = std::make_unique<Rig>(u"rig-doomed"_s);
        const QString rigId = rig->id();
        QVERIFY(pair(*desk, *rig));
        // Seen answering: only a rig the user saw online can go offline.
        QTRY_VERIFY_WITH_TIMEOUT(rigIn(*desk, rigId)->hasStats, kTimeoutMs);
        QSignalSpy notifications(desk.get(), &DesktopSession::notificationShown);

        rig.reset(); // the rig's process dies
        QTRY_VERIFY_WITH_TIMEOUT(rigIn(*desk, rigId) && !rigIn(*desk, rigId)->isOnline(), kTimeoutMs);
        desk->notifier().checkNow();
        QCOMPARE(notifications.size(), 0); // a dropped link is not news at once…
        m_now += ui::RigNotifier::kOfflineGrace.count() + 1000;
        desk->notifier().checkNow(); // …one that stays down is
        QCOMPARE(notifications.size(), 1);
        QVERIFY2(notifications.first().at(1).toString().contains(u"rig-doomed"_s),
                 qPrintable(notifications.first().at(1).toString()));
        desk->notifier().checkNow();
        QCOMPARE(notifications.size(), 1); // said once
        desk->window().showPage(&desk->window().dashboardPage());
        QVERIFY(hasContent(saveScreenshot(desk->window(), u"session_rig_offline"_s)));
    }

    void welcomeOffersDemoModeAndTheDashboardComesAlive()
    {
        QTemporaryDir dir;
        QTemporaryDir emptyPath;
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", emptyPath.path().toUtf8()); // no xmrig anywhere
        auto desk = makeSession(dir.path(), /*welcome=*/true);
        QSignalSpy started(&desk->client(), &ui::NodeClient::nodeStarted);
        desk->start();
        qputenv("PATH", oldPath);
        QVERIFY(desk->welcome());
        QVERIFY(desk->welcome()->isDemoOffered());
        QVERIFY(started.wait(kTimeoutMs));
        QTRY_COMPARE(desk->welcome()->pairingCodeText(), desk->client().info().pairingCode);
        QVERIFY(hasContent(saveScreenshot(*desk->welcome(), u"session_welcome"_s)));

        QSignalSpy demo(desk.get(), &DesktopSession::demoStarted);
        desk->welcome()->accept();
        QVERIFY(demo.wait(kTimeoutMs));
        QVERIFY(desk->settings().demoMode());
        QVERIFY(desk->settings().welcomeShown());
        const QString self = desk->client().info().id;
        QTRY_VERIFY_WITH_TIMEOUT(rigIn(*desk, self) && rigIn(*desk, self)->hashrate10s() > 0, 30000);
        QVERIFY(rigIn(*desk, self)->isSimulated());
        QVERIFY(desk->window().localMinersRunning() == 1);
        desk->window().showPage(&desk->window().dashboardPage());
        QVERIFY(hasContent(saveScreenshot(desk->window(), u"session_demo_dashboard"_s)));

        // No tray here (offscreen): closing the window quits, so while this computer mines it asks first;
        // "no" keeps the window and the miner.
        int asked = 0;
        desk->window().setQuitConfirmation([&asked] {
            ++asked;
            return false;
        });
        QVERIFY(!desk->window().close());
        QCOMPARE(asked, 1);
        QVERIFY(desk->window().isVisible());

        // The tray's local miner entry stops it; closing then asks nothing.
        QTRY_VERIFY(desk->tray().localMinerAction().text().remove(u'&').contains(u"Stop"_s));
        desk->tray().localMinerAction().trigger();
        QTRY_COMPARE_WITH_TIMEOUT(desk->window().localMinersRunning(), 0, kTimeoutMs);
        QTRY_VERIFY(desk->tray().localMinerAction().text().remove(u'&').contains(u"Start"_s));
        QVERIFY(desk->window().close());
        QCOMPARE(asked, 1);
    }

    // A coordinator destroyed with requests in flight: their answers arrive later and go nowhere (before
    // the fix, Qt 6.4's continuation chain asserted on the vanished context in debug builds).
    void coordinatorGoesFirstWithRequestsInFlight()
    {
        QTemporaryDir dir;
        ui::NodeClient client;
        QSignalSpy started(&client, &ui::NodeClient::nodeStarted);
        client.start(ui::test::loopbackOptions(dir.path(), u"short-lived"_s));
        QVERIFY(started.wait(kTimeoutMs));
        {
            ui::RigTableModel rigs;
            ui::MiningCoordinator coordinator(client, rigs);
            coordinator.pollNow();
            coordinator.pauseAllRigs();
        }
        auto last = client.getAllStats(); // queued behind the ones above on the node thread
        QTRY_VERIFY_WITH_TIMEOUT(last.isFinished(), kTimeoutMs);
        QTest::qWait(50); // the orphaned answers are delivered (to nobody) meanwhile
        client.shutdown();
    }

    void startOnLoginWritesTheAutostartEntry()
    {
        QTemporaryDir dir;
        auto desk = makeSession(dir.path());
        desk->start();
        const QString entry = m_xdg.filePath(u"config/autostart/lethean-desktop.desktop"_s);
        QVERIFY(!QFile::exists(entry));
        ui::SettingsPage& page = desk->window().settingsPage();
        auto* box = page.findChild<QCheckBox*>(u"settingsStartOnLogin"_s);
        QVERIFY(box);
        box->setChecked(true);
        QVERIFY(page.apply());
        QVERIFY(QFile::exists(entry));
        QFile file(entry);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("--minimized"));
        box->setChecked(false);
        QVERIFY(page.apply());
        QVERIFY(!QFile::exists(entry));
    }

    // The language setting: German chosen in Settings builds the next window in German, and no visible text
    // of the main pages is left in English (compared with the same window in English; words German
    // users keep in English, such as Hashrate or Pool, are allowed when they are the whole text).
    void germanWindowLeavesNoEnglishOnTheMainPages()
    {
        QTemporaryDir englishDir;
        QTemporaryDir germanDir;
        {
            ui::AppSettings settings(node::DataPaths(englishDir.path()).configHome());
            settings.setLanguage(ui::AppSettings::Language::English);
            ui::AppSettings german(node::DataPaths(germanDir.path()).configHome());
            german.setLanguage(ui::AppSettings::Language::German);
        }
        QStringList english;
        {
            auto session = makeSession(englishDir.path());
            english = visibleTexts(session->window());
        }
        auto session = makeSession(germanDir.path());
        const QStringList german = visibleTexts(session->window());
        QCOMPARE(session->window().windowTitle(), u"Lethean Desktop"_s);
        // The same in both languages on purpose: terms German miners use as they are, words German spells
        // alike, a German plural that is an English word ("Profile"), language names and example values.
        static const QStringList sameInGerman{
            u"Lethean Desktop"_s, u"Hashrate"_s, u"Hashrate 10 s"_s, u"Hashrate 60 s"_s, u"15 min"_s, u"Pool"_s,
            u"Wallet"_s, u"Miner"_s, u"Peers"_s, u"Rig"_s, u"Rigs online"_s, u"Ping"_s, u"Shares"_s, u"Worker"_s,
            u"Controller"_s, u"XMRig"_s, u"Name"_s, u"Port"_s, u"Threads"_s, u"Status"_s, u"Mining"_s,
            u"Desktop"_s, u"Hops"_s, u"Version"_s, u"Profile"_s, u"optional"_s, u"English"_s, u"Deutsch"_s};
        QStringList untranslated;
        for (const QString& text : german) {
            QString word = text;
            if (word.endsWith(u':'))
                word.chop(1);
            const bool example = text.contains(u"://"_s) || text.startsWith(u"--"_s);
            if (english.contains(text) && !sameInGerman.contains(word) && !example &&
                text.contains(QRegularExpression(u"[A-Za-z]{3,}"_s)))
                untranslated.append(text);
        }
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(u" | "_s)));
        QVERIFY(german.size() > 100); // the pages were really looked at
        for (int page = 0; page < session->window().pageCount(); ++page) {
            session->window().showPage(page);
            QVERIFY(hasContent(saveScreenshot(session->window(), u"session_german_page_%1"_s.arg(page))));
        }
    }

private:
    // Every text a user can read on the window's pages: labels, buttons, group titles, placeholders,
    // combo box entries, table headers, navigation items.
    static QStringList visibleTexts(QWidget& window)
    {
        QStringList texts;
        auto add = [&texts](const QString& text) {
            QString plain = text;
            plain.remove(u'&');
            if (!plain.trimmed().isEmpty() && !plain.startsWith(u'<'))
                texts.append(plain.trimmed());
        };
        for (QLabel* label : window.findChildren<QLabel*>())
            add(label->text());
        for (QAbstractButton* button : window.findChildren<QAbstractButton*>())
            add(button->text());
        for (QGroupBox* box : window.findChildren<QGroupBox*>())
            add(box->title());
        for (QLineEdit* edit : window.findChildren<QLineEdit*>())
            add(edit->placeholderText());
        for (QComboBox* combo : window.findChildren<QComboBox*>()) {
            for (int i = 0; i < combo->count(); ++i)
                add(combo->itemText(i));
        }
        for (QAbstractItemView* view : window.findChildren<QAbstractItemView*>()) {
            QAbstractItemModel* model = view->model();
            if (!model)
                continue;
            for (int column = 0; column < model->columnCount(); ++column)
                add(model->headerData(column, Qt::Horizontal).toString());
            if (auto* list = qobject_cast<QListWidget*>(view)) {
                for (int row = 0; row < list->count(); ++row)
                    add(list->item(row)->text());
            }
        }
        texts.removeDuplicates();
        return texts;
    }

private:
    QTemporaryDir m_xdg;
    qint64 m_now = 1'800'000'000'000; // the notifier's clock, moved by hand
};

QTEST_MAIN(TestDesktopSession)
#include "tst_desktop_session.moc"
