// The real window, offscreen, driven as a user would against real nodes on loopback: the desktop's node
// runs on NodeClient's thread, a rig (a second node::Node) runs in this test on 127.0.0.1 port 0. Each
// step saves a screenshot of what it checked under the build folder (screenshots/).
// Hostile input tried: a malformed code, a code with a typo, the node's own code, the port already
// taken, a stranger on the single-instance socket sending junk, cancelling the open-mode warning.

#include "gui_test_support.h"

#include <QAction>
#include "node/log_sink.h"
#include "node/node.h"
#include "node/pairing_code.h"
#include "node/peer_registry.h"
#include "node/transport.h"
#include "ui/add_peer_dialog.h"
#include "ui/app_settings.h"
#include "ui/log_filter_proxy.h"
#include "ui/log_model.h"
#include "ui/log_page.h"
#include "ui/main_window.h"
#include "ui/node_client.h"
#include "ui/peer_table_model.h"
#include "ui/peers_page.h"
#include "ui/qr_code_widget.h"
#include "ui/single_instance.h"
#include "ui/tray_icon.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocalSocket>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QtConcurrent>

using namespace Qt::StringLiterals;
using lethean::node::Node;
using lethean::node::PairingCode;
using namespace lethean::ui;
using lethean::ui::test::hasContent;
using lethean::ui::test::loopbackOptions;
using lethean::ui::test::saveScreenshot;

namespace {

constexpr int kTimeoutMs = 15000;

template <typename T> T* visibleChild(QObject* root, const QString& name = QString())
{
    for (T* child : root->findChildren<T*>(name)) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

template <typename T> T* child(QObject* root, const QString& name)
{
    T* found = root->findChild<T*>(name);
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

QString sentence(QString text)
{
    text[0] = text.at(0).toUpper();
    return text.endsWith(u'.') ? text : text + u'.';
}

} // namespace

class TestDesktopGui : public QObject
{
    Q_OBJECT

public:
    // The rig's row in the peer table (through the page's proxy), or an invalid index.
    QModelIndex rigRow(int column = PeerTableModel::NameColumn) const
    {
        const int row = m_window->peerModel().rowOf(m_rig->identity().id());
        return row < 0 ? QModelIndex() : m_window->peerModel().index(row, column);
    }
    QString rigLastSeen() const { return rigRow(PeerTableModel::LastSeenColumn).data().toString(); }
    QString peersMessage() const { return child<QLabel>(m_window.get(), u"peersMessage"_s)->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        lethean::node::LogSink::instance().install();
        lethean::node::LogSink::instance().setStderrEnabled(false);
        QVERIFY(m_deskDir.isValid() && m_rigDir.isValid());
        m_client = std::make_unique<NodeClient>();
        m_settings = std::make_unique<lethean::ui::AppSettings>(m_settingsDir.path());
        m_window = std::make_unique<MainWindow>(*m_client, *m_settings);
        m_window->resize(1100, 720);
        m_window->showPage(&m_window->peersPage());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy started(m_client.get(), &NodeClient::nodeStarted);
        m_client->start(loopbackOptions(m_deskDir.path(), u"desk"_s));
        QVERIFY(started.wait(kTimeoutMs));

        auto rig = Node::create(loopbackOptions(m_rigDir.path(), u"rig-1"_s));
        QVERIFY(rig.ok());
        m_rig = std::move(*rig);
        QVERIFY(m_rig->start().ok());
        // The rig's owner pasted the desktop's code on the rig: it lets the desktop in.
        QVERIFY(m_rig->registry().addFromPairingCode(m_client->info().pairingCode).ok());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_client.reset();
        m_rig.reset();
    }

    void showsNodeStateAndPairingCode()
    {
        auto* state = child<QLabel>(m_window.get(), u"nodeStateLabel"_s);
        QTRY_VERIFY(state->text().startsWith(u"Listening on 127.0.0.1:"_s));
        QCOMPARE(child<QLabel>(m_window.get(), u"peerCountLabel"_s)->text(), u"Peers online: 0 of 0"_s);
        auto* code = child<QLineEdit>(m_window.get(), u"myPairingCode"_s);
        QCOMPARE(code->text(), m_client->info().pairingCode);
        auto* qr = child<QrCodeWidget>(m_window.get(), u"myPairingQrCode"_s);
        QCOMPARE(qr->text(), m_client->info().pairingCode);
        QVERIFY(qr->moduleCount() > 0);
        child<QPushButton>(m_window.get(), u"copyPairingCode"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), m_client->info().pairingCode);
        QCOMPARE(m_window->currentPage(), &m_window->peersPage());
        QVERIFY(hasContent(saveScreenshot(*m_window, u"peers_page_started"_s)));
    }

    void addPeerDialogRejectsBadCodesWithTheReason()
    {
        child<QPushButton>(m_window.get(), u"addPeer"_s)->click();
        AddPeerDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<AddPeerDialog>(m_window.get())));
        auto* ok = child<QPushButton>(dialog, u"addPeerOk"_s);
        auto* error = child<QLabel>(dialog, u"pairingCodeError"_s);
        QVERIFY(!ok->isEnabled()); // empty

        const QString malformed = u"lethean:1.AAAA.BBBB"_s;
        dialog->setCode(malformed);
        QCOMPARE(error->text(), sentence(PairingCode::parse(malformed).error().message));
        QVERIFY(error->isVisible());
        QVERIFY(!ok->isEnabled());

        QString typo = m_rig->pairingCode();
        typo[20] = typo.at(20) == u'A' ? u'B' : u'A';
        dialog->setCode(typo);
        QCOMPARE(PairingCode::parse(typo).error().code, lethean::node::PairingCodeError::Code::BadChecksum);
        QCOMPARE(error->text(), sentence(PairingCode::parse(typo).error().message));
        QVERIFY(!ok->isEnabled());
        QVERIFY(hasContent(saveScreenshot(*dialog, u"add_peer_dialog_typo"_s)));

        dialog->setCode(m_client->info().pairingCode);
        QVERIFY(error->text().contains(u"own pairing code"_s));
        QVERIFY(!ok->isEnabled());
        dialog->reject();
        QCOMPARE(m_window->peerModel().rowCount(), 0);
    }

    void addsAPeerByPairingCodeAndSeesItComeOnline()
    {
        child<QPushButton>(m_window.get(), u"addPeer"_s)->click();
        AddPeerDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<AddPeerDialog>(m_window.get())));
        // Pasted with a line break, as from an e-mail: still valid.
        QString pasted = m_rig->pairingCode();
        pasted.insert(30, u"\n  "_s);
        dialog->setCode(pasted);
        auto* ok = child<QPushButton>(dialog, u"addPeerOk"_s);
        QVERIFY(ok->isEnabled());
        const QString summary = child<QLabel>(dialog, u"pairingCodeSummary"_s)->text();
        QVERIFY(summary.contains(u"rig-1"_s));
        QVERIFY(summary.contains(u"Addresses: 127.0.0.1:"_s));
        QVERIFY(hasContent(saveScreenshot(*dialog, u"add_peer_dialog_valid"_s)));
        ok->click();

        QTRY_VERIFY_WITH_TIMEOUT(rigRow().isValid(), kTimeoutMs);
        QCOMPARE(rigRow().data().toString(), u"rig-1"_s);
        // The page dials the new peer at once.
        QTRY_COMPARE_WITH_TIMEOUT(rigLastSeen(), u"Online now"_s, kTimeoutMs);
        QTRY_COMPARE(child<QLabel>(m_window.get(), u"peerCountLabel"_s)->text(), u"Peers online: 1 of 1"_s);
        QTRY_VERIFY(peersMessage().startsWith(u"Connected to rig-1"_s));
        const QString access = rigRow(PeerTableModel::AuthColumn).data().toString();
        QVERIFY2(access.startsWith(u"Allowlisted"_s), qPrintable(access));
        QVERIFY2(access.endsWith(u"2.0"_s), qPrintable(access));
        QCOMPARE(m_window->peersPage().selectedPeerId(), m_rig->identity().id());
        QVERIFY(hasContent(saveScreenshot(*m_window, u"peers_page_online"_s)));
    }

    void reconnectsAfterTheLinkDrops()
    {
        QVERIFY(rigRow().isValid());
        m_rig->transport().disconnectPeer(m_client->info().id, u"test: link dropped"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rigLastSeen() != u"Online now"_s, kTimeoutMs);
        QTRY_COMPARE(child<QLabel>(m_window.get(), u"peerCountLabel"_s)->text(), u"Peers online: 0 of 1"_s);
        QVERIFY(hasContent(saveScreenshot(*m_window, u"peers_page_offline"_s)));

        m_window->peersPage().selectPeer(m_rig->identity().id());
        auto* reconnect = child<QPushButton>(m_window.get(), u"reconnectPeer"_s);
        QVERIFY(reconnect->isEnabled());
        reconnect->click();
        QTRY_COMPARE_WITH_TIMEOUT(rigLastSeen(), u"Online now"_s, kTimeoutMs);
        QTRY_VERIFY(peersMessage().startsWith(u"Connected to rig-1"_s));
    }

    // The context menu's downgrade switch reaches the registry and comes back through the model.
    void allowsAProtocolDowngradeFromTheContextMenu()
    {
        m_window->peersPage().selectPeer(m_rig->identity().id());
        auto* action = child<QAction>(m_window.get(), u"allowDowngrade"_s);
        QVERIFY(action->isEnabled());
        QVERIFY(!action->isChecked());
        action->trigger(); // checks it
        auto allowed = [this] {
            const int row = m_window->peerModel().rowOf(m_rig->identity().id());
            return row >= 0 && m_window->peerModel().peerAt(row).allowProtocolDowngrade;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allowed(), kTimeoutMs);
        QTRY_VERIFY(peersMessage().contains(u"protocol 1.0 again"_s));
        QTRY_VERIFY(action->isChecked());
        action->trigger(); // and off again
        QTRY_VERIFY_WITH_TIMEOUT(!allowed(), kTimeoutMs);
        QTRY_VERIFY(peersMessage().contains(u"must use protocol 2.0"_s));
        QTRY_VERIFY(!action->isChecked());
    }

    void filtersThePeerTable()
    {
        auto* filter = child<QLineEdit>(m_window.get(), u"peerFilter"_s);
        QSortFilterProxyModel& proxy = m_window->peersPage().proxy();
        QTest::keyClicks(filter, m_rig->identity().id().right(5)); // typed: part of the ID not shown
        QCOMPARE(proxy.rowCount(), 1);
        filter->setText(u"no such rig"_s);
        QCOMPARE(proxy.rowCount(), 0);
        filter->clear();
        QCOMPARE(proxy.rowCount(), 1);
    }

    void opensToEveryoneOnlyAfterAWarning()
    {
        auto* allowlist = child<QCheckBox>(m_window.get(), u"allowlistMode"_s);
        auto* warning = child<QLabel>(m_window.get(), u"accessWarning"_s);
        QVERIFY(allowlist->isChecked());
        QVERIFY(!warning->isVisible());

        allowlist->click(); // untick: asks first
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = visibleChild<QMessageBox>(m_window.get(), u"confirmOpenMode"_s)));
        QVERIFY(allowlist->isChecked());
        QVERIFY(hasContent(saveScreenshot(*box, u"open_mode_warning"_s)));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!visibleChild<QMessageBox>(m_window.get(), u"confirmOpenMode"_s));
        QVERIFY(allowlist->isChecked());
        QCOMPARE(m_rig->registry().authMode(), lethean::node::PeerAuthMode::Allowlist); // untouched rig

        allowlist->click();
        QTRY_VERIFY((box = visibleChild<QMessageBox>(m_window.get(), u"confirmOpenMode"_s)));
        child<QPushButton>(box, u"confirmOpenModeYes"_s)->click();
        QTRY_VERIFY(warning->isVisible());
        QVERIFY(!allowlist->isChecked());
        const QString port = m_client->info().listeningAddresses.first().section(u':', -1);
        QVERIFY2(warning->text().contains(port), qPrintable(warning->text()));
        QVERIFY(hasContent(saveScreenshot(*m_window, u"peers_page_open_mode"_s)));

        allowlist->click(); // back to the allowlist: no question asked
        QTRY_VERIFY(!warning->isVisible());
        QTRY_VERIFY(allowlist->isEnabled());
        QVERIFY(allowlist->isChecked());
    }

    void removesAPeerAfterConfirmation()
    {
        m_window->peersPage().selectPeer(m_rig->identity().id());
        child<QPushButton>(m_window.get(), u"removePeer"_s)->click();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = visibleChild<QMessageBox>(m_window.get(), u"confirmRemovePeer"_s)));
        QVERIFY(box->text().contains(u"rig-1"_s));
        QVERIFY(hasContent(saveScreenshot(*box, u"remove_peer_confirmation"_s)));
        child<QPushButton>(box, u"confirmRemovePeerYes"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!rigRow().isValid(), kTimeoutMs);
        QTRY_COMPARE(peersMessage(), u"Removed rig-1."_s);
        QCOMPARE(child<QLabel>(m_window.get(), u"peerCountLabel"_s)->text(), u"Peers online: 0 of 0"_s);
        QVERIFY(!child<QPushButton>(m_window.get(), u"removePeer"_s)->isEnabled());
        QVERIFY(hasContent(saveScreenshot(*m_window, u"peers_page_removed"_s)));
    }

    void logPageShowsTheNodesLines()
    {
        // Keyboard: Ctrl+5 is the fifth page, Logs (shortcuts reach the active window only).
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), &m_window->logPage());
        LogModel& model = m_window->logModel();
        auto lineWith = [&model](const QString& text) {
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.lineAt(row).text.contains(text))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(lineWith(u"transport listening"_s)); // logged on the node thread at its start
        LogPage& page = m_window->logPage();
        QVERIFY(page.isFollowing());
        QVERIFY(hasContent(saveScreenshot(*m_window, u"log_page"_s)));

        auto* search = child<QLineEdit>(m_window.get(), u"logSearch"_s);
        search->setText(u"transport listening"_s);
        QVERIFY(page.proxy().rowCount() >= 1);
        QVERIFY(page.proxy().rowCount() < model.rowCount());
        auto* level = child<QComboBox>(m_window.get(), u"logLevelFilter"_s);
        level->setCurrentIndex(level->findData(int(lethean::node::LogLevel::Error)));
        QCOMPARE(page.proxy().rowCount(), 0); // it was an INFO line
        level->setCurrentIndex(0);
        QVERIFY(hasContent(saveScreenshot(*m_window, u"log_page_search"_s)));

        QTemporaryDir out;
        const QString path = out.filePath(u"saved.log"_s);
        auto saved = page.saveTo(path);
        QTRY_VERIFY(saved.isFinished());
        QVERIFY(saved.result().ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(u"transport listening"_s));
        QCOMPARE(text.count(u'\n'), page.proxy().rowCount());
        search->clear();
        QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), &m_window->peersPage());
    }

    void everyControlHasAnAccessibleNameAndTakesFocus()
    {
        QStringList missing;
        for (QWidget* widget : m_window->findChildren<QWidget*>()) {
            const bool control = qobject_cast<QAbstractButton*>(widget) || qobject_cast<QLineEdit*>(widget) ||
                                 qobject_cast<QComboBox*>(widget) || qobject_cast<QAbstractItemView*>(widget);
            // Qt's own parts of a control (a line edit's clear button, a view's scroll bars) are named
            // by the control.
            if (!control || widget->inherits("QMenu") || widget->objectName().startsWith(u"qt_"_s) ||
                !widget->parentWidget() || widget->parentWidget()->inherits("QAbstractScrollArea") ||
                widget->parentWidget()->inherits("QLineEdit") ||
                widget->parentWidget()->inherits("QHeaderView") || widget->inherits("QHeaderView") ||
                widget->inherits("QComboBoxListView")) // a combo box's popup list, named by the box
                continue;
            const auto* button = qobject_cast<QAbstractButton*>(widget);
            const bool named = !widget->accessibleName().isEmpty() || (button && !button->text().isEmpty());
            if (!named)
                missing.append(u"%1 %2"_s.arg(QString::fromLatin1(widget->metaObject()->className()),
                                              widget->objectName()));
            if (widget->focusPolicy() == Qt::NoFocus)
                missing.append(u"%1 %2 takes no focus"_s.arg(
                    QString::fromLatin1(widget->metaObject()->className()), widget->objectName()));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }

    void trayMenuShowsAndHidesTheWindow()
    {
        TrayIcon tray(*m_window);
        // Offscreen there is no system tray: closing the window must quit instead of hiding it.
        QCOMPARE(TrayIcon::isAvailable(), false);
        QCOMPARE(m_window->closeHidesToTray(), false);
        QVERIFY(tray.toolTip().contains(u"Peers online: 0 of 0"_s));
        QCOMPARE(tray.status(), TrayIcon::Status::Idle);
        QCOMPARE(tray.toggleWindowAction().text(), u"&Hide window"_s);
        tray.toggleWindowAction().trigger();
        QVERIFY(!m_window->isVisible());
        QCOMPARE(tray.toggleWindowAction().text(), u"&Show window"_s);
        tray.toggleWindowAction().trigger();
        QVERIFY(m_window->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

        // With a tray, closing hides the window and the node keeps running.
        m_window->setCloseHidesToTray(true);
        QSignalSpy hidden(m_window.get(), &MainWindow::hiddenToTray);
        QVERIFY(!m_window->close());
        QCOMPARE(hidden.count(), 1);
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_client->state(), NodeClient::State::Running);
        m_window->setCloseHidesToTray(false);
        m_window->showAndRaise();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void statusBarSaysWhenThePortIsTaken()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        NodeClient client;
        QTemporaryDir settingsDir;
        lethean::ui::AppSettings settings(settingsDir.path());
        MainWindow window(client, settings);
        window.showPage(&window.peersPage());
        window.resize(1000, 640);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy started(&client, &NodeClient::nodeStarted);
        auto options = loopbackOptions(dir.path(), u"blocked"_s);
        options.transport.listenPort = squatter.serverPort();
        client.start(std::move(options));
        QVERIFY(started.wait(kTimeoutMs));
        auto* state = child<QLabel>(&window, u"nodeStateLabel"_s);
        QVERIFY2(state->text().startsWith(u"Not accepting connections"_s), qPrintable(state->text()));
        QVERIFY(state->text().contains(QString::number(squatter.serverPort())));
        // Still usable: peers can be added, the node can dial out.
        QVERIFY(child<QPushButton>(&window, u"addPeer"_s)->isEnabled());
        QVERIFY(child<QLabel>(&window, u"listenWarning"_s)->isVisible());
        QVERIFY(!child<QLabel>(m_window.get(), u"listenWarning"_s)->isVisible()); // the listening window
        TrayIcon tray(window);
        QCOMPARE(tray.status(), TrayIcon::Status::Error);
        QVERIFY(hasContent(saveScreenshot(window, u"status_port_in_use"_s)));
    }

    // A second lethean-desktop on the same data dir asks this one to show its window and exits 0.
    void secondLaunchRaisesTheFirstWindow()
    {
        const QString configHome = lethean::node::DataPaths(m_deskDir.path()).configHome();
        SingleInstance first(configHome);
        QVERIFY(first.listen().ok());
        connect(&first, &SingleInstance::activationRequested, m_window.get(), &MainWindow::showAndRaise);
        QSignalSpy raised(&first, &SingleInstance::activationRequested);

        // A stranger sending junk raises nothing and is dropped.
        QLocalSocket stranger;
        stranger.connectToServer(first.serverName());
        QVERIFY(stranger.waitForConnected(kTimeoutMs));
        stranger.write("GET / HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(stranger.state(), QLocalSocket::UnconnectedState);
        QCOMPARE(raised.count(), 0);

        // Another data dir finds nobody.
        QTemporaryDir otherDir;
        SingleInstance other(lethean::node::DataPaths(otherDir.path()).configHome());
        QVERIFY(other.serverName() != first.serverName());

        m_window->hide();
        QProcess second;
        second.setProcessChannelMode(QProcess::MergedChannels);
        second.start(QStringLiteral(LETHEAN_DESKTOP_BIN), {u"--data-dir"_s, m_deskDir.path()});
        QVERIFY(second.waitForStarted(kTimeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, kTimeoutMs);
        QVERIFY2(second.exitStatus() == QProcess::NormalExit && second.exitCode() == 0,
                 second.readAll().constData());
        QCOMPARE(raised.count(), 1);
        QTRY_VERIFY(m_window->isVisible());
        QVERIFY(hasContent(saveScreenshot(*m_window, u"raised_by_second_launch"_s)));
    }

private:
    QTemporaryDir m_deskDir;
    QTemporaryDir m_rigDir;
    std::unique_ptr<NodeClient> m_client;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<lethean::ui::AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Node> m_rig;
};

QTEST_MAIN(TestDesktopGui)
#include "tst_desktop_gui.moc"
