// Deploy end to end between real nodes on loopback: sealed bundles to several workers with progress, a
// 20 MiB miner bundle in chunks, a worker that dies mid-transfer, a bundle forged by a third node, the
// 1.0 limits, and Go's STIM from a 1.0 controller.

#include "node/bundle_checksum.h"
#include "node/bundle_key.h"
#include "node/bundle_sealer.h"
#include "controller_test_support.h"
#include "node/controller.h"
#include "node/node.h"
#include "node/profile_store.h"
#include "node/transport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace lethean;
using lethean::test::await;
using node::ControllerError;

namespace {
struct TestNode
{
    TestNode(const QString& name, node::NodeRole role, bool protocol2 = true)
    {
        node::NodeOptions options;
        options.paths = node::DataPaths(dir.path());
        options.name = name;
        options.role = role;
        options.authMode = node::PeerAuthMode::Open;
        options.transport.listenAddress = QHostAddress::LocalHost;
        options.transport.listenPort = 0;
        options.transport.protocol2Enabled = protocol2;
        options.miners.demoMode = true;
        options.miners.resumeLastProfile = false;
        auto created = node::Node::create(std::move(options));
        if (!created)
            qFatal("%s", qPrintable(created.error()));
        node = std::move(*created);
        if (!node->start())
            qFatal("cannot start a node");
    }

    QString id() const { return node->identity().id(); }
    QString address() const { return u"127.0.0.1:%1"_s.arg(node->transport().serverPort()); }
    QString minersDir() const { return node->options().paths.minersDir(); }
    QString incomingDir() const { return QDir(node->options().paths.dataHome()).filePath(u"incoming"_s); }

    QTemporaryDir dir;
    std::unique_ptr<node::Node> node;
};

node::MiningProfile profileNamed(const QString& name)
{
    node::MiningProfile profile;
    profile.name = name;
    profile.minerType = u"xmrig"_s;
    profile.pool = u"stratum+tcp://pool.example.org:3333"_s;
    profile.wallet = u"iz4wallet"_s;
    return profile;
}

QByteArray sealedProfile(const node::NodeIdentity& sender, const node::NodeIdentity& recipient, const QString& name)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    const auto sealed = node::BundleSealer::sealProfile(profileNamed(name).toJson(), name,
                                                        node::BundleKey::sealTo(sender, recipient.publicKey()), out);
    if (!sealed)
        qFatal("%s", qPrintable(sealed.error().message));
    return out.data();
}

// A "miner binary" of `bytes` random bytes, executable, in `dir`.
QString fakeMinerBinary(const QTemporaryDir& dir, qint64 bytes)
{
    const QString path = dir.filePath(u"xmrig"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the binary");
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    for (qint64 written = 0; written < bytes; written += block.size()) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(block.data()), block.size() / 4);
        file.write(block.constData(), std::min<qint64>(block.size(), bytes - written));
    }
    file.setPermissions(file.permissions() | QFile::ExeOwner);
    return path;
}

QByteArray sealedMiner(const node::NodeIdentity& sender, const node::NodeIdentity& recipient, const QString& binary,
                       const QString& name)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    const auto sealed = node::BundleSealer::sealMiner(binary, {}, name, node::BundleKey::sealTo(sender, recipient.publicKey()), out);
    if (!sealed)
        qFatal("%s", qPrintable(sealed.error().message));
    return out.data();
}

QByteArray sha256Of(const QString& path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return hash.result();
}
} // namespace

class TestDeploy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void profileToThreeWorkersWithProgress();
    void minerBundleOf20MiBInChunks();
    void workerKilledMidTransferAppliesNothing();
    void bundleSealedByAnotherNodeIsRefused();
    void protocol1PeerGetsAClearErrorForABigBundle();
    void stimProfileFromAProtocol1Controller();
    void profileToMixedProtocolRigsAndAnUnknownPeer();
};

void TestDeploy::profileToThreeWorkersWithProgress()
{
    TestNode desk(u"desk"_s, node::NodeRole::Controller);
    std::vector<std::unique_ptr<TestNode>> rigs;
    QHash<QString, QByteArray> bundles;
    for (int i = 0; i < 3; ++i) {
        rigs.push_back(std::make_unique<TestNode>(u"rig-%1"_s.arg(i), node::NodeRole::Worker));
        QVERIFY(await(desk.node->transport().connectToPeer(rigs.back()->address(), rigs.back()->id())).ok);
        bundles.insert(rigs.back()->id(), sealedProfile(desk.node->identity(), rigs.back()->node->identity(), u"pushed"_s));
    }
    QSignalSpy progress(desk.node->controller(), &node::Controller::deployProgress);
    const QList<node::PeerDeployResult> results = await(desk.node->controller()->deployToMany(bundles, u"profile"_s, u"pushed"_s));
    QCOMPARE(results.size(), 3);
    for (const node::PeerDeployResult& result : results)
        QVERIFY2(result.ack, qPrintable(result.ack ? QString() : result.ack.error().message));
    QSet<QString> reachedFull;
    for (const QList<QVariant>& signal : std::as_const(progress)) {
        if (signal.at(2).toLongLong() == signal.at(3).toLongLong())
            reachedFull.insert(signal.at(0).toString());
    }
    QCOMPARE(reachedFull.size(), 3); // every rig reached 100 %
    for (const auto& rig : rigs)
        QCOMPARE(rig->node->profiles().profile(u"pushed"_s), profileNamed(u"pushed"_s));
}

void TestDeploy::minerBundleOf20MiBInChunks()
{
    TestNode desk(u"desk"_s, node::NodeRole::Controller);
    TestNode rig(u"rig"_s, node::NodeRole::Worker);
    QVERIFY(await(desk.node->transport().connectToPeer(rig.address(), rig.id())).ok);
    QTemporaryDir source;
    const QString binary = fakeMinerBinary(source, 20 * 1024 * 1024);
    const QByteArray bundle = sealedMiner(desk.node->identity(), rig.node->identity(), binary, u"xmrig-6"_s);
    QVERIFY(bundle.size() > node::Controller::kSingleDeployLimit);
    QSignalSpy progress(desk.node->controller(), &node::Controller::deployProgress);
    const auto ack = await(desk.node->controller()->deployBundle(rig.id(), u"miner"_s, u"xmrig-6"_s, bundle));
    QVERIFY2(ack, qPrintable(ack ? QString() : ack.error().message));
    QVERIFY(progress.size() >= bundle.size() / node::Controller::kChunkBytes);
    QCOMPARE(progress.constLast().at(2).toLongLong(), qint64(bundle.size()));
    const QString installed = QDir(rig.minersDir()).filePath(u"xmrig-6/xmrig"_s);
    QVERIFY2(QFile::exists(installed), qPrintable(installed));
    QCOMPARE(sha256Of(installed), sha256Of(binary));
    QVERIFY(QFileInfo(installed).isExecutable()); // Go loses this bit (WIRE.md §13.17)
    QVERIFY(QDir(rig.incomingDir()).entryList(QDir::Files).isEmpty());
}

void TestDeploy::workerKilledMidTransferAppliesNothing()
{
    TestNode desk(u"desk"_s, node::NodeRole::Controller);
    auto rig = std::make_unique<TestNode>(u"rig"_s, node::NodeRole::Worker);
    QVERIFY(await(desk.node->transport().connectToPeer(rig->address(), rig->id())).ok);
    QTemporaryDir source;
    const QString binary = fakeMinerBinary(source, 20 * 1024 * 1024);
    const QByteArray bundle = sealedMiner(desk.node->identity(), rig->node->identity(), binary, u"xmrig-6"_s);
    const QString minersDir = rig->minersDir();
    const QString rigData = rig->dir.path();
    rig->dir.setAutoRemove(false); // inspected after the node is gone
    QSignalSpy progress(desk.node->controller(), &node::Controller::deployProgress);
    auto deploy = desk.node->controller()->deployBundle(rig->id(), u"miner"_s, u"xmrig-6"_s, bundle);
    QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 2, 60000);
    rig.reset(); // the worker dies mid-transfer
    const auto ack = await(deploy);
    QVERIFY(!ack);
    QVERIFY2(ack.error().kind == ControllerError::Kind::Unreachable || ack.error().kind == ControllerError::Kind::SendFailed ||
                 ack.error().kind == ControllerError::Kind::Timeout,
             qPrintable(ack.error().message));
    QVERIFY(!QFile::exists(QDir(minersDir).filePath(u"xmrig-6"_s)));
    QVERIFY(QDir(QDir(rigData).filePath(u"incoming"_s)).entryList(QDir::Files).isEmpty());
    QDir(rigData).removeRecursively();
}

void TestDeploy::bundleSealedByAnotherNodeIsRefused()
{
    TestNode desk(u"desk"_s, node::NodeRole::Controller);
    TestNode rig(u"rig"_s, node::NodeRole::Worker);
    TestNode third(u"third"_s, node::NodeRole::Controller);
    QVERIFY(await(desk.node->transport().connectToPeer(rig.address(), rig.id())).ok);
    // Tried: the desk relays a bundle that a third node sealed for the rig.
    const QByteArray foreign = sealedProfile(third.node->identity(), rig.node->identity(), u"relayed"_s);
    const auto ack = await(desk.node->controller()->deployBundle(rig.id(), u"profile"_s, u"relayed"_s, foreign));
    QVERIFY(!ack);
    QVERIFY2(ack.error().message.contains(u"sealed by another node"_s), qPrintable(ack.error().message));
    QVERIFY(!rig.node->profiles().profile(u"relayed"_s));
    // And a bundle sealed for someone else cannot be opened by the rig at all.
    const QByteArray notForRig = sealedProfile(desk.node->identity(), third.node->identity(), u"elsewhere"_s);
    const auto wrongKey = await(desk.node->controller()->deployBundle(rig.id(), u"profile"_s, u"elsewhere"_s, notForRig));
    QVERIFY(!wrongKey);
    QCOMPARE(wrongKey.error().kind, ControllerError::Kind::Refused);
}

void TestDeploy::protocol1PeerGetsAClearErrorForABigBundle()
{
    TestNode desk(u"desk"_s, node::NodeRole::Controller, /*protocol2=*/false);
    TestNode rig(u"rig"_s, node::NodeRole::Worker);
    QVERIFY(await(desk.node->transport().connectToPeer(rig.address(), rig.id())).ok);
    QTemporaryDir source;
    const QByteArray bundle = sealedMiner(desk.node->identity(), rig.node->identity(),
                                          fakeMinerBinary(source, 2 * 1024 * 1024), u"big"_s);
    const auto ack = await(desk.node->controller()->deployBundle(rig.id(), u"miner"_s, u"big"_s, bundle));
    QVERIFY(!ack);
    QCOMPARE(ack.error().kind, ControllerError::Kind::InvalidRequest);
    QVERIFY2(ack.error().message.contains(u"protocol 1.0"_s), qPrintable(ack.error().message));
}

void TestDeploy::stimProfileFromAProtocol1Controller()
{
    TestNode desk(u"desk"_s, node::NodeRole::Controller, /*protocol2=*/false);
    TestNode rig(u"rig"_s, node::NodeRole::Worker);
    QVERIFY(await(desk.node->transport().connectToPeer(rig.address(), rig.id())).ok);
    const auto secret = desk.node->identity().deriveSharedSecret(QByteArrayView(rig.node->identity().publicKey()));
    QVERIFY(secret);
    const auto stim = node::BundleSealer::stimProfile(profileNamed(u"from-go"_s).toJson(), secret->view());
    QVERIFY(stim);
    const auto ack = await(desk.node->controller()->deployBundle(rig.id(), u"profile"_s, u"from-go"_s, *stim));
    QVERIFY2(ack, qPrintable(ack ? QString() : ack.error().message));
    QCOMPARE(rig.node->profiles().profile(u"from-go"_s), profileNamed(u"from-go"_s));
}

// deployProfileToMany seals per link: our format to a 2.0 rig, STIM to a 1.0 rig (what a go-p2p worker
// reads); a rig not yet connected is dialled first; a peer nobody knows fails alone, the others still land.
void TestDeploy::profileToMixedProtocolRigsAndAnUnknownPeer()
{
    TestNode desk(u"desk"_s, node::NodeRole::Controller);
    TestNode modern(u"modern"_s, node::NodeRole::Worker);
    TestNode legacy(u"legacy"_s, node::NodeRole::Worker, /*protocol2=*/false);
    QVERIFY(await(desk.node->transport().connectToPeer(legacy.address(), legacy.id())).ok);
    node::Peer known;
    known.id = modern.id();
    known.name = u"modern"_s;
    known.address = modern.address();
    known.publicKey = modern.node->identity().publicKey();
    QVERIFY(desk.node->registry().addPeer(known));
    const QString stranger = QString(32, u'a');

    QSignalSpy progress(desk.node->controller(), &node::Controller::deployProgress);
    const QList<node::PeerDeployResult> results = await(desk.node->controller()->deployProfileToMany(
        {modern.id(), legacy.id(), stranger, legacy.id()}, profileNamed(u"mixed"_s)));
    QCOMPARE(results.size(), 3); // the duplicate is sent once
    for (const node::PeerDeployResult& result : results) {
        if (result.peerId == stranger) {
            QVERIFY(!result.ack);
            QCOMPARE(result.ack.error().kind, ControllerError::Kind::Unreachable);
        } else {
            QVERIFY2(result.ack, qPrintable(result.ack ? QString() : result.ack.error().message));
        }
    }
    QCOMPARE(modern.node->profiles().profile(u"mixed"_s), profileNamed(u"mixed"_s));
    QCOMPARE(legacy.node->profiles().profile(u"mixed"_s), profileNamed(u"mixed"_s));
    QCOMPARE(progress.size(), 2);
    QCOMPARE(desk.node->transport().connectedPeers().size(), 2);
    for (const node::ConnectedPeer& peer : desk.node->transport().connectedPeers())
        QCOMPARE(peer.protocolVersion, peer.id() == legacy.id() ? u"1.0"_s : u"2.0"_s);
}

QTEST_GUILESS_MAIN(TestDeploy)
#include "tst_deploy.moc"
