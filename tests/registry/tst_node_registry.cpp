// The node owns the registry: it is the transport's authority, it learns from connections, its auth
// mode is persisted (an explicit one wins), and it is flushed when the node stops.

#include "node/node.h"
#include "node/pairing_code.h"
#include "node/peer_store.h"
#include "node/transport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using lethean::node::ConnectOutcome;
using lethean::node::DataPaths;
using lethean::node::Node;
using lethean::node::NodeOptions;
using lethean::node::PairingCode;
using lethean::node::PeerAuthMode;
using lethean::node::PeerStore;

namespace {

std::unique_ptr<Node> makeNode(const QTemporaryDir& dir, const QString& name,
                               std::optional<PeerAuthMode> mode = std::nullopt)
{
    NodeOptions options;
    options.paths = DataPaths(dir.path());
    options.name = name;
    options.authMode = mode;
    options.transport.listenAddress = QHostAddress::LocalHost;
    options.transport.listenPort = 0;
    auto node = Node::create(std::move(options));
    if (!node)
        qFatal("cannot create a node: %s", qPrintable(node.error()));
    return std::move(*node);
}

QString addressOf(Node& node)
{
    return u"127.0.0.1:%1"_s.arg(node.transport().serverPort());
}

ConnectOutcome dial(Node& from, Node& to)
{
    auto future = from.transport().connectToPeer(addressOf(to), to.identity().id());
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        qFatal("dial did not finish");
    return future.result();
}

} // namespace

class TestNodeRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void authModeIsPersistedAndExplicitWins()
    {
        QTemporaryDir dir;
        {
            auto node = makeNode(dir, u"rig"_s);
            QCOMPARE(node->registry().authMode(), PeerAuthMode::Allowlist); // default
            QVERIFY(!node->registry().isAuthModePersisted());
        }
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"auth mode is now open"_s));
        makeNode(dir, u"rig"_s, PeerAuthMode::Open);
        QVERIFY(QFile::exists(PeerStore::settingsPathFor(DataPaths(dir.path()).peersFile())));
        {
            auto node = makeNode(dir, u"rig"_s); // no --auth-mode: the persisted one
            QCOMPARE(node->registry().authMode(), PeerAuthMode::Open);
        }
        makeNode(dir, u"rig"_s, PeerAuthMode::Allowlist);
        QCOMPARE(makeNode(dir, u"rig"_s)->registry().authMode(), PeerAuthMode::Allowlist);
    }

    // Allowlist mode end to end: an unpaired controller is refused; after pairing both ways it connects,
    // and each registry marks the other connected.
    void pairingLetsAPeerIn()
    {
        QTemporaryDir rigDir;
        QTemporaryDir deskDir;
        auto rig = makeNode(rigDir, u"rig-1"_s);
        auto desk = makeNode(deskDir, u"desk"_s);
        QVERIFY(rig->start().ok());
        QVERIFY(desk->start().ok());

        const auto parsed = PairingCode::parse(rig->pairingCode());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->addresses(), QStringList{addressOf(*rig)});
        QCOMPARE(parsed->publicKey(), rig->identity().publicKey());
        QCOMPARE(parsed->name(), u"rig-1"_s);
        QVERIFY(desk->registry().addFromPairingCode(rig->pairingCode()).ok());

        const ConnectOutcome refused = dial(*desk, *rig);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.error, u"handshake rejected: peer not authorized"_s);

        QVERIFY(rig->registry().addFromPairingCode(desk->pairingCode()).ok());
        const ConnectOutcome accepted = dial(*desk, *rig);
        QVERIFY2(accepted.ok, qPrintable(accepted.error));
        const QString deskId = desk->identity().id();
        const QString rigId = rig->identity().id();
        QTRY_VERIFY(rig->registry().peer(deskId)->connected);
        QVERIFY(!rig->registry().peer(deskId)->lastSeen.isNull());
        QCOMPARE(rig->registry().peer(deskId)->protocolVersion, accepted.peer.protocolVersion);
        QTRY_VERIFY(desk->registry().peer(rigId)->connected);

        desk->transport().disconnectPeer(rigId, u"bye"_s);
        QTRY_VERIFY(!rig->registry().peer(deskId)->connected);
        QTRY_VERIFY(!desk->registry().peer(rigId)->connected);
    }

    // Open mode registers an inbound stranger (Go's auto-registration), with no address.
    void openModeRegistersStrangers()
    {
        QTemporaryDir rigDir;
        QTemporaryDir deskDir;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"auth mode is now open"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"auth mode is open"_s));
        auto rig = makeNode(rigDir, u"rig-2"_s, PeerAuthMode::Open);
        auto desk = makeNode(deskDir, u"desk"_s);
        QVERIFY(rig->start().ok());
        QVERIFY(desk->start().ok());
        QVERIFY(desk->registry().addFromPairingCode(rig->pairingCode()).ok());
        QVERIFY(dial(*desk, *rig).ok);
        const QString deskId = desk->identity().id();
        QTRY_VERIFY(rig->registry().contains(deskId));
        QCOMPARE(rig->registry().peer(deskId)->name, u"desk"_s);
        QCOMPARE(rig->registry().peer(deskId)->address, QString());
        QVERIFY(!rig->registry().peer(deskId)->pinned);
    }

    void stopFlushesTheRegistry()
    {
        QTemporaryDir dir;
        auto node = makeNode(dir, u"rig"_s);
        const QString code =
            PairingCode(QByteArray(31, 'k') + 'z', {u"10.0.0.9:9091"_s}, u"other"_s).toString();
        QVERIFY(node->registry().addFromPairingCode(code).ok());
        QVERIFY(node->registry().hasUnsavedChanges());
        node->stop();
        QVERIFY(!node->registry().hasUnsavedChanges());
        QFile file(DataPaths(dir.path()).peersFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(PeerStore::parsePeers(file.readAll()).peers.size(), 1);
    }

    void ownPairingCodeIsRefused()
    {
        QTemporaryDir dir;
        auto node = makeNode(dir, u"rig"_s);
        const auto own = node->registry().addFromPairingCode(node->pairingCode());
        QVERIFY(!own.ok());
        QCOMPARE(own.error().code, lethean::node::PairingCodeError::Code::OwnCode);
        QVERIFY(node->listeningAddresses().isEmpty()); // not started: nowhere to reach it
    }
};

QTEST_GUILESS_MAIN(TestNodeRegistry)
#include "tst_node_registry.moc"
