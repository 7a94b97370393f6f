// PeerRegistry: peers and their signals, scores, auth modes and the allowlist (WIRE.md §6, §13.1,
// §13.19), selection freshness, pairing, debounced and crash-safe persistence, bad files.

#include "node/identity_crypto.h"
#include "node/pairing_code.h"
#include "node/peer_registry.h"
#include "node/peer_store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using lethean::node::ConnectedPeer;
using lethean::node::NodeRole;
using lethean::node::PairingCode;
using lethean::node::PairingCodeError;
using lethean::node::Peer;
using lethean::node::PeerAuthMode;
using lethean::node::PeerRegistry;
using lethean::node::PeerSelector;
using lethean::node::PeerStore;
using lethean::node::RegistryError;

Q_DECLARE_METATYPE(RegistryError::Code)
Q_DECLARE_METATYPE(PeerAuthMode)

namespace {

QByteArray keyFor(int n)
{
    QByteArray key(32, '\0');
    for (int i = 0; i < 32; ++i)
        key[i] = char((n * 131 + i * 7 + 1) & 0xff);
    key[0] = char(n & 0xff);
    key[1] = char((n >> 8) & 0xff);
    return key;
}

Peer peerFor(int n, const QString& name = QString())
{
    Peer peer;
    peer.publicKey = keyFor(n);
    peer.id = lethean::node::nodeIdForPublicKey(peer.publicKey);
    peer.name = name.isNull() ? u"rig-%1"_s.arg(n) : name;
    peer.address = u"10.0.0.%1:9091"_s.arg(n % 250 + 1);
    return peer;
}

ConnectedPeer connectionFor(int n, const QString& name, bool inbound, const QString& version = u"1.0"_s)
{
    ConnectedPeer connection;
    connection.publicKey = keyFor(n);
    connection.identity.id = lethean::node::nodeIdForPublicKey(connection.publicKey);
    connection.identity.publicKey = lethean::node::encodePublicKey(connection.publicKey);
    connection.identity.name = name;
    connection.identity.role = NodeRole::Worker;
    connection.address = u"192.168.7.%1:9091"_s.arg(n % 250 + 1);
    connection.inbound = inbound;
    connection.protocolVersion = version;
    return connection;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray fixture(const QString& name)
{
    return readAll(QStringLiteral(LETHEAN_REGISTRY_DATA) + u'/' + name);
}

QStringList corruptFiles(const QTemporaryDir& dir)
{
    return QDir(dir.path()).entryList({u"*.corrupt-*"_s}, QDir::Files);
}

// The reference selection: every peer sorted by (distance, ID).
QStringList bruteForce(const QList<Peer>& peers, int n)
{
    QList<std::pair<double, QString>> all;
    for (const Peer& p : peers)
        all.append({PeerSelector::distanceSquared(PeerSelector::pointFor(p.pingMs, p.hops, p.geoKm, p.score)),
                    p.id});
    std::sort(all.begin(), all.end());
    QStringList ids;
    for (qsizetype i = 0; i < std::min<qsizetype>(n, all.size()); ++i)
        ids.append(all[i].second);
    return ids;
}

QStringList idsOf(const QList<Peer>& peers)
{
    QStringList ids;
    for (const Peer& p : peers)
        ids.append(p.id);
    return ids;
}

} // namespace

class TestPeerRegistry : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PeerRegistry> m_registry;

    QString peersPath() const { return m_dir->filePath(u"peers.json"_s); }
    std::unique_ptr<PeerRegistry> reopen() const
    {
        auto registry = std::make_unique<PeerRegistry>(peersPath());
        (void)registry->load();
        return registry;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_registry = std::make_unique<PeerRegistry>(peersPath());
        const auto report = m_registry->load();
        QCOMPARE(report.peers, 0);
        QVERIFY(report.problems.isEmpty());
    }

    void cleanup()
    {
        m_registry.reset();
        m_dir.reset();
    }

    void addGetListUpdateRemove()
    {
        QSignalSpy added(m_registry.get(), &PeerRegistry::peerAdded);
        QSignalSpy updated(m_registry.get(), &PeerRegistry::peerUpdated);
        QSignalSpy removed(m_registry.get(), &PeerRegistry::peerRemoved);

        const Peer first = peerFor(1);
        const auto stored = m_registry->addPeer(first);
        QVERIFY(stored.ok());
        QVERIFY(!stored->addedAt.isNull()); // stamped now
        QCOMPARE(stored->score, 50.0);
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.at(0).at(0).value<Peer>(), *stored);
        QVERIFY(m_registry->addPeer(peerFor(2)).ok());
        QCOMPARE(m_registry->count(), 2);
        QVERIFY(m_registry->contains(first.id));
        QCOMPARE(m_registry->peer(first.id)->name, u"rig-1"_s);
        QVERIFY(!m_registry->peer(u"nobody"_s).has_value());
        const QStringList ids = idsOf(m_registry->peers());
        QCOMPARE(ids.size(), 2);
        QVERIFY(ids[0] < ids[1]); // sorted by ID

        Peer renamed = *m_registry->peer(first.id);
        renamed.name = u"rig one"_s;
        renamed.address = u"10.9.9.9:9091"_s;
        QVERIFY(m_registry->updatePeer(renamed).ok());
        QCOMPARE(updated.size(), 1);
        QCOMPARE(m_registry->peer(first.id)->name, u"rig one"_s);
        QCOMPARE(m_registry->peer(first.id)->addedAt, stored->addedAt);

        QVERIFY(m_registry->removePeer(first.id).ok());
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).toString(), first.id);
        QCOMPARE(m_registry->count(), 1);
        QCOMPARE(idsOf(m_registry->selectNearestPeers(5)), QStringList{peerFor(2).id});
    }

    void refusals_data()
    {
        QTest::addColumn<Peer>("peer");
        QTest::addColumn<RegistryError::Code>("code");
        QTest::addColumn<QString>("message");
        using Code = RegistryError::Code;
        Peer noId = peerFor(3);
        noId.id.clear();
        noId.publicKey.clear();
        QTest::newRow("empty id") << noId << Code::InvalidId << u"needs an id"_s;
        QTest::newRow("dotted name") << peerFor(3, u"rig-3.local"_s) << Code::InvalidName
                                     << u"WIRE.md §6.5"_s;
        Peer shortKey = peerFor(3);
        shortKey.publicKey.chop(1);
        QTest::newRow("31-byte key") << shortKey << Code::InvalidKey << u"32 bytes"_s;
        Peer forged = peerFor(3);
        forged.publicKey = keyFor(4);
        QTest::newRow("id of another key")
            << forged << Code::IdKeyMismatch << u"not SHA-256 of the public key"_s;
        Peer negative = peerFor(3);
        negative.pingMs = -1;
        QTest::newRow("negative ping") << negative << Code::InvalidValue << u"not negative"_s;
        Peer nan = peerFor(3);
        nan.score = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("NaN score") << nan << Code::InvalidValue << u"finite"_s;
        Peer infinite = peerFor(3);
        infinite.geoKm = std::numeric_limits<double>::infinity();
        QTest::newRow("infinite distance") << infinite << Code::InvalidValue << u"finite"_s;
    }

    void refusals()
    {
        QFETCH(Peer, peer);
        QFETCH(RegistryError::Code, code);
        QFETCH(QString, message);
        QSignalSpy added(m_registry.get(), &PeerRegistry::peerAdded);
        const auto result = m_registry->addPeer(peer);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, code);
        QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
        QCOMPARE(m_registry->count(), 0);
        QCOMPARE(added.size(), 0);
        QVERIFY(!m_registry->hasUnsavedChanges());
    }

    void duplicatesAndUnknownIds()
    {
        QVERIFY(m_registry->addPeer(peerFor(5)).ok());
        const auto again = m_registry->addPeer(peerFor(5));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, RegistryError::Code::DuplicateId);
        const QString ghost = peerFor(6).id;
        for (const auto& result :
             {m_registry->recordSuccess(ghost), m_registry->recordFailure(ghost),
              m_registry->recordTimeout(ghost), m_registry->updateScore(ghost, 10),
              m_registry->updateMetrics(ghost, 1, 1, 1), m_registry->updatePeer(peerFor(6))}) {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, RegistryError::Code::NotFound);
        }
        QCOMPARE(m_registry->removePeer(ghost).error().code, RegistryError::Code::NotFound);
        // A score of 0 stays 0 (Go's AddPeer would turn it into 50).
        Peer zero = peerFor(7);
        zero.score = 0;
        QCOMPARE(m_registry->addPeer(zero)->score, 0.0);
    }

    void scores()
    {
        const QString id = peerFor(8).id;
        QVERIFY(m_registry->addPeer(peerFor(8)).ok());
        QSignalSpy updated(m_registry.get(), &PeerRegistry::peerUpdated);
        QCOMPARE(m_registry->recordSuccess(id)->score, 51.0);
        QCOMPARE(m_registry->recordFailure(id)->score, 46.0);
        QCOMPARE(m_registry->recordTimeout(id)->score, 43.0);
        QCOMPARE(m_registry->updateScore(id, 250)->score, 100.0);
        QCOMPARE(m_registry->recordSuccess(id)->score, 100.0);
        QCOMPARE(m_registry->updateScore(id, -4)->score, 0.0);
        QCOMPARE(m_registry->recordFailure(id)->score, 0.0);
        QCOMPARE(m_registry->recordTimeout(id)->score, 0.0);
        QVERIFY(!m_registry->updateScore(id, std::nan("")).ok());
        QCOMPARE(updated.size(), 8);
        QCOMPARE(m_registry->peer(id)->score, 0.0);
        QVERIFY(!m_registry->updateMetrics(id, 1, -1, 0).ok());
        QCOMPARE(m_registry->updateMetrics(id, 12.5, 3, 800)->hops, 3);
    }

    void authModes_data()
    {
        QTest::addColumn<PeerAuthMode>("mode");
        QTest::addColumn<QString>("who");
        QTest::addColumn<bool>("allowed");
        for (const PeerAuthMode mode : {PeerAuthMode::Open, PeerAuthMode::Allowlist}) {
            const bool open = mode == PeerAuthMode::Open;
            const QString tag = open ? u"open: "_s : u"allowlist: "_s;
            QTest::newRow(qPrintable(tag + u"stranger"_s)) << mode << u"stranger"_s << open;
            QTest::newRow(qPrintable(tag + u"allowlisted key"_s)) << mode << u"allowlisted"_s << true;
            QTest::newRow(qPrintable(tag + u"registered peer, its key"_s)) << mode << u"registered"_s << true;
            // Go accepts this one (WIRE.md §13.1): the ID is registered, the key is someone else's.
            QTest::newRow(qPrintable(tag + u"registered ID, another key"_s)) << mode << u"impostor"_s << open;
            QTest::newRow(qPrintable(tag + u"registered without a key"_s)) << mode << u"keyless"_s << open;
            QTest::newRow(qPrintable(tag + u"revoked key"_s)) << mode << u"revoked"_s << open;
        }
    }

    void authModes()
    {
        QFETCH(PeerAuthMode, mode);
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        QCOMPARE(m_registry->authMode(), PeerAuthMode::Allowlist); // the default
        if (mode == PeerAuthMode::Open)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"auth mode is now open"_s));
        QVERIFY(m_registry->setAuthMode(mode).ok());
        QVERIFY(m_registry->addPeer(peerFor(10)).ok());
        QVERIFY(m_registry->allowKey(keyFor(11)).ok());
        Peer keyless = peerFor(12);
        keyless.publicKey.clear();
        QVERIFY(m_registry->addPeer(keyless).ok());
        QVERIFY(m_registry->allowKey(keyFor(13)).ok());
        QVERIFY(m_registry->revokeKey(keyFor(13)).ok());

        QByteArray key;
        QString id;
        if (who == u"stranger"_s) {
            key = keyFor(20);
            id = lethean::node::nodeIdForPublicKey(key);
        } else if (who == u"allowlisted"_s) {
            key = keyFor(11);
            id = lethean::node::nodeIdForPublicKey(key);
        } else if (who == u"registered"_s) {
            key = keyFor(10);
            id = peerFor(10).id;
        } else if (who == u"impostor"_s) {
            key = keyFor(21);
            id = peerFor(10).id;
        } else if (who == u"keyless"_s) {
            key = keyFor(12);
            id = keyless.id;
        } else {
            key = keyFor(13);
            id = lethean::node::nodeIdForPublicKey(key);
        }
        QCOMPARE(m_registry->isPeerAllowed(id, key), allowed);
    }

    void allowlistIsPersistedAtOnce()
    {
        QSignalSpy changed(m_registry.get(), &PeerRegistry::allowlistChanged);
        QVERIFY(!m_registry->allowKey(QByteArray(31, 'x')).ok());
        QVERIFY(m_registry->allowKey(keyFor(2)).ok());
        QVERIFY(m_registry->allowKey(keyFor(1)).ok());
        QVERIFY(m_registry->allowKey(keyFor(1)).ok()); // again: no change
        QCOMPARE(changed.size(), 2);
        QCOMPARE(readAll(m_registry->allowlistFile()), PeerStore::serializeAllowlist({keyFor(1), keyFor(2)}));
        QVERIFY(!QFile::exists(peersPath())); // the allowlist is not the peers file
        {
            const auto other = reopen();
            QCOMPARE(other->allowedKeys().size(), 2);
            QVERIFY(other->isKeyAllowed(keyFor(1)));
        }
        QVERIFY(m_registry->revokeKey(keyFor(1)).ok());
        QCOMPARE(readAll(m_registry->allowlistFile()), PeerStore::serializeAllowlist({keyFor(2)}));
        QVERIFY(!reopen()->isKeyAllowed(keyFor(1)));
    }

    void authModeIsPersisted()
    {
        QVERIFY(!m_registry->isAuthModePersisted());
        QVERIFY(!QFile::exists(m_registry->settingsFile()));
        QSignalSpy changed(m_registry.get(), &PeerRegistry::authModeChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"auth mode is now open"_s));
        QVERIFY(m_registry->setAuthMode(PeerAuthMode::Open).ok());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(readAll(m_registry->settingsFile()), QByteArray("{\n  \"authMode\": \"open\"\n}"));
        {
            const auto other = reopen();
            QCOMPARE(other->authMode(), PeerAuthMode::Open);
            QVERIFY(other->isAuthModePersisted());
        }
        QVERIFY(m_registry->setAuthMode(PeerAuthMode::Allowlist).ok());
        QCOMPARE(reopen()->authMode(), PeerAuthMode::Allowlist);
    }

    // Go's debounce: the first change starts a 5 s timer, later ones join it: 100 updates in one second
    // make exactly one write, due one delay after the first update (3 s here, to keep the test short).
    void debounceCoalesces()
    {
        QCOMPARE(m_registry->saveDelay(), 5000ms);
        m_registry->setSaveDelay(3000ms);
        QVERIFY(m_registry->addPeer(peerFor(30)).ok());
        QVERIFY(m_registry->flush().ok());
        QSignalSpy saved(m_registry.get(), &PeerRegistry::saved);
        const QString id = peerFor(30).id;

        QElapsedTimer clock;
        clock.start();
        int updates = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            (void)m_registry->updateScore(id, updates % 100);
            if (++updates == 100)
                ticker.stop();
        });
        ticker.start();
        QTRY_COMPARE_WITH_TIMEOUT(updates, 100, 5000);
        QVERIFY(clock.elapsed() >= 900);
        QVERIFY(m_registry->isSaveScheduled());
        QCOMPARE(saved.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 8000);
        const qint64 dueAfter = clock.elapsed();
        // About one delay after the first update (a coarse timer may fire up to 5 % early); a timer
        // restarted by each update would fire a delay after the last one, about a second later.
        QVERIFY2(dueAfter >= 2850 && dueAfter < 3800, qPrintable(QString::number(dueAfter)));
        // Nothing left to write and nothing scheduled: there can be no second write.
        QVERIFY(!m_registry->hasUnsavedChanges());
        QVERIFY(!m_registry->isSaveScheduled());
        QCOMPARE(reopen()->peer(id)->score, 99.0);
    }

    // Unsaved changes are written on flush() and on destruction (shutdown), without waiting.
    void flushAndShutdown()
    {
        QSignalSpy saved(m_registry.get(), &PeerRegistry::saved);
        QVERIFY(m_registry->flush().ok());
        QCOMPARE(saved.size(), 0); // nothing to write
        QVERIFY(m_registry->addPeer(peerFor(40)).ok());
        QVERIFY(m_registry->isSaveScheduled());
        QVERIFY(!QFile::exists(peersPath()));
        QVERIFY(m_registry->flush().ok());
        QCOMPARE(saved.size(), 1);
        QVERIFY(!m_registry->isSaveScheduled());
        QCOMPARE(reopen()->count(), 1);

        QVERIFY(m_registry->addPeer(peerFor(41)).ok());
        QVERIFY(m_registry->recordFailure(peerFor(41).id).ok());
        m_registry.reset(); // shutdown
        const auto after = reopen();
        QCOMPARE(after->count(), 2);
        QCOMPARE(after->peer(peerFor(41).id)->score, 45.0);
        QVERIFY(QFile::exists(peersPath()));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1); // no temporary files
    }

    void emptiedRegistryIsNull()
    {
        QVERIFY(m_registry->addPeer(peerFor(42)).ok());
        QVERIFY(m_registry->flush().ok());
        QVERIFY(m_registry->removePeer(peerFor(42).id).ok());
        QVERIFY(m_registry->flush().ok());
        QCOMPARE(readAll(peersPath()), QByteArray("null"));
        QCOMPARE(reopen()->count(), 0);
    }

    void badPeersFile_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<int>("peers");
        QTest::addColumn<QString>("problem");
        const QByteArray go = fixture(u"go_peers.json"_s);
        QTest::newRow("empty") << QByteArray() << 0 << u"the file is empty"_s;
        QTest::newRow("truncated") << go.left(go.size() / 2) << 0 << u"invalid JSON at offset"_s;
        QTest::newRow("wrong type") << QByteArray("{\"peers\": []}") << 0 << u"got an object"_s;
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n", 8) << 0 << u"UTF-8"_s;
        QByteArray someInvalid = go;
        someInvalid.replace("\"hops\": 2", "\"hops\": \"two\"");
        QTest::newRow("one invalid entry of two") << someInvalid << 1 << u"peers[1].hops"_s;
    }

    // Never a crash, never a refusal to start: the file is kept aside, a WARN line says what was wrong,
    // and whatever was valid is kept (and written back at once).
    void badPeersFile()
    {
        QFETCH(QByteArray, contents);
        QFETCH(int, peers);
        QFETCH(QString, problem);
        m_registry.reset();
        writeFile(peersPath(), contents);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"problem in a registry file.*"_s +
                                                              QRegularExpression::escape(problem)));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"kept aside"_s));
        PeerRegistry registry(peersPath());
        const auto report = registry.load();
        QCOMPARE(report.peers, peers);
        QCOMPARE(registry.count(), peers);
        QCOMPARE(report.keptAside.size(), 1);
        QVERIFY2(report.problems.join(u'\n').contains(problem), qPrintable(report.problems.join(u'\n')));
        QCOMPARE(corruptFiles(*m_dir).size(), 1);
        QCOMPARE(readAll(report.keptAside.front()), contents); // the evidence, untouched
        if (peers > 0) {
            const auto rewritten = PeerStore::parsePeers(readAll(peersPath()));
            QVERIFY(rewritten.problems.isEmpty());
            QCOMPARE(rewritten.peers.size(), peers);
        } else {
            QVERIFY(!QFile::exists(peersPath()));
        }
        // The node goes on: a change is saved normally.
        QVERIFY(registry.addPeer(peerFor(50)).ok());
        QVERIFY(registry.flush().ok());
        QCOMPARE(PeerStore::parsePeers(readAll(peersPath())).peers.size(), peers + 1);
    }

    void badSidecars()
    {
        m_registry.reset();
        writeFile(PeerStore::allowlistPathFor(peersPath()),
                  "[\"WGmv9FBUlzLLqu1eXfmzCm2jHLDldCutWtShp2jxpns=\", \"bogus\"]");
        writeFile(PeerStore::settingsPathFor(peersPath()), "{\"authMode\": \"closed\"}");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"problem in a registry file.*bogus"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"problem in a registry file.*closed"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"kept aside"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"kept aside"_s));
        PeerRegistry registry(peersPath());
        const auto report = registry.load();
        QCOMPARE(report.keptAside.size(), 2);
        QCOMPARE(registry.authMode(), PeerAuthMode::Allowlist); // an unknown mode never opens the node
        QCOMPARE(registry.allowedKeys().size(), 1);
        // The valid key was written back.
        QCOMPARE(PeerStore::parseAllowlist(readAll(registry.allowlistFile())).keys.size(), 1);
    }

    // A file from a newer version: loaded without complaint, and its unknown fields survive our save.
    void newerVersionIsNotDestroyed()
    {
        m_registry.reset();
        writeFile(peersPath(), fixture(u"newer_peers.json"_s));
        PeerRegistry registry(peersPath());
        const auto report = registry.load();
        QVERIFY(report.problems.isEmpty());
        QVERIFY(report.keptAside.isEmpty());
        QCOMPARE(registry.count(), 1);
        const QString id = registry.peers().front().id;
        QVERIFY(registry.recordSuccess(id).ok());
        QVERIFY(registry.flush().ok());
        const QByteArray saved = readAll(peersPath());
        QVERIFY(saved.contains("\"reputation\": {\"votes\":3,\"by\":[\"a\",\"b\"]}"));
        QVERIFY(saved.contains("\"tags\": [\"gpu\",\"rack-2\"]"));
        QVERIFY(saved.contains("\"firmware\": \"1.2.3\""));
        QVERIFY(saved.contains("\"score\": 65"));
        QVERIFY(corruptFiles(*m_dir).isEmpty());
    }

    // go-p2p's files load, and an unchanged registry is written back byte for byte.
    void goFilesLoad()
    {
        m_registry.reset();
        writeFile(peersPath(), fixture(u"go_peers.json"_s));
        writeFile(PeerStore::allowlistPathFor(peersPath()), fixture(u"go_allowlist.json"_s));
        PeerRegistry registry(peersPath());
        const auto report = registry.load();
        QCOMPARE(report.peers, 2);
        QCOMPARE(report.allowedKeys, 2);
        QVERIFY(!report.authModePersisted); // Go keeps no mode: ours defaults to allowlist
        QCOMPARE(registry.authMode(), PeerAuthMode::Allowlist);
        const QString id = u"aaa8fff703b50b2297f4f6e13508f724"_s;
        QVERIFY(registry.updateScore(id, 87.5).ok());
        QVERIFY(registry.flush().ok());
        QCOMPARE(readAll(peersPath()), fixture(u"go_peers.json"_s));
    }

    void connectionsUpdateKnownPeers()
    {
        Peer known = peerFor(60);
        known.address = u"10.1.1.1:9091"_s;
        QVERIFY(m_registry->addPeer(known).ok());
        QSignalSpy updated(m_registry.get(), &PeerRegistry::peerUpdated);

        m_registry->recordConnection(connectionFor(60, u"rig-60-renamed"_s, false, u"2.0"_s));
        Peer peer = *m_registry->peer(known.id);
        QVERIFY(peer.connected);
        QVERIFY(!peer.lastSeen.isNull());
        QCOMPARE(peer.name, u"rig-60-renamed"_s);
        QCOMPARE(peer.protocolVersion, u"2.0"_s);
        QCOMPARE(peer.role, u"worker"_s);
        QCOMPARE(peer.address, u"192.168.7.61:9091"_s); // outbound: the address that worked
        QCOMPARE(updated.size(), 1);
        QCOMPARE(idsOf(m_registry->connectedPeers()), QStringList{known.id});

        // Inbound from an ephemeral port: the address is kept; a lower version does not downgrade.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"new name refused.*WIRE.md"_s));
        m_registry->recordConnection(connectionFor(60, u"rig-60.local"_s, true, u"1.0"_s));
        peer = *m_registry->peer(known.id);
        QCOMPARE(peer.name, u"rig-60-renamed"_s);
        QCOMPARE(peer.protocolVersion, u"2.0"_s);
        QCOMPARE(peer.address, u"192.168.7.61:9091"_s);

        // A peer that presents no name keeps the one it has.
        m_registry->recordConnection(connectionFor(60, QString(), true));
        QCOMPARE(m_registry->peer(known.id)->name, u"rig-60-renamed"_s);

        m_registry->recordDisconnection(known.id);
        QVERIFY(!m_registry->peer(known.id)->connected);
        QVERIFY(m_registry->connectedPeers().isEmpty());
        QCOMPARE(updated.size(), 4);
    }

    void connectionsRegisterStrangersOnlyWhenOpen()
    {
        m_registry->recordConnection(connectionFor(70, u"stranger"_s, true));
        QCOMPARE(m_registry->count(), 0); // allowlist mode: only paired peers are registered

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"auth mode is now open"_s));
        QVERIFY(m_registry->setAuthMode(PeerAuthMode::Open).ok());
        QSignalSpy added(m_registry.get(), &PeerRegistry::peerAdded);
        m_registry->recordConnection(connectionFor(70, u"stranger"_s, true));
        QCOMPARE(added.size(), 1);
        const Peer peer = *m_registry->peer(connectionFor(70, {}, true).id());
        QCOMPARE(peer.name, u"stranger"_s);
        QCOMPARE(peer.address, QString()); // inbound: Go leaves it empty
        QCOMPARE(peer.publicKey, keyFor(70));
        QVERIFY(peer.connected);
        QVERIFY(!peer.pinned);

        // Go's AddPeer silently fails on a host name (WIRE.md §13.19); here the peer is registered under
        // a corrected name and the log says why.
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"name breaks go-p2p's rule.*name=rig-71 .*rig-71\\.lan"_s));
        m_registry->recordConnection(connectionFor(71, u"rig-71.lan"_s, false));
        const Peer dotted = *m_registry->peer(connectionFor(71, {}, false).id());
        QCOMPARE(dotted.name, u"rig-71"_s);
        QCOMPARE(dotted.address, u"192.168.7.72:9091"_s);
    }

    // Once a peer has spoken protocol 2.0 it may not fall back to 1.0 (a downgrade by someone on the path),
    // unless the user allows it; both the pin and the permission are persisted.
    void protocolDowngradeIsRefused()
    {
        QVERIFY(m_registry->addPeer(peerFor(90)).ok());
        const QString id = peerFor(90).id;
        QVERIFY(m_registry->allowsProtocol(id, u"1.0"));
        QVERIFY(m_registry->allowsProtocol(peerFor(91).id, u"1.0")); // unknown peer
        m_registry->recordConnection(connectionFor(90, u"rig-90"_s, true, u"2.0"_s));
        QVERIFY(!m_registry->allowsProtocol(id, u"1.0"));
        QVERIFY(m_registry->allowsProtocol(id, u"2.0"));
        QVERIFY(m_registry->setProtocolDowngradeAllowed(id, true).ok());
        QVERIFY(m_registry->allowsProtocol(id, u"1.0"));
        QVERIFY(m_registry->flush().ok());
        const auto other = reopen();
        QVERIFY(other->allowsProtocol(id, u"1.0"));
        QVERIFY(other->setProtocolDowngradeAllowed(id, false).ok());
        QVERIFY(!other->allowsProtocol(id, u"1.0"));
    }

    void pairing()
    {
        const QString code =
            PairingCode(keyFor(80), {u"10.0.0.80:9091"_s, u"[2001:db8::80]:9091"_s}, u"rig-80"_s).toString();
        QSignalSpy added(m_registry.get(), &PeerRegistry::peerAdded);
        const auto paired = m_registry->addFromPairingCode(code);
        QVERIFY2(paired.ok(), paired.ok() ? "" : qPrintable(paired.error().message));
        QCOMPARE(paired->id, lethean::node::nodeIdForPublicKey(keyFor(80)));
        QVERIFY(paired->pinned);
        QCOMPARE(paired->name, u"rig-80"_s);
        QCOMPARE(paired->address, u"10.0.0.80:9091"_s);
        QCOMPARE(paired->alternateAddresses, QStringList{u"[2001:db8::80]:9091"_s});
        QCOMPARE(added.size(), 1);
        QVERIFY(m_registry->isKeyAllowed(keyFor(80))); // allowlist mode: allowlisted too
        QCOMPARE(PeerStore::parseAllowlist(readAll(m_registry->allowlistFile())).keys,
                 QList<QByteArray>{keyFor(80)});
        QVERIFY(m_registry->isPeerAllowed(paired->id, keyFor(80)));

        // Pairing again refreshes the addresses.
        QSignalSpy updated(m_registry.get(), &PeerRegistry::peerUpdated);
        const auto again = m_registry->addFromPairingCode(
            PairingCode(keyFor(80), {u"10.0.0.81:9091"_s}, u"rig-80"_s).toString());
        QVERIFY(again.ok());
        QCOMPARE(again->address, u"10.0.0.81:9091"_s);
        QVERIFY(again->alternateAddresses.isEmpty());
        QCOMPARE(again->addedAt, paired->addedAt);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(m_registry->count(), 1);

        // Our own code, and a typo.
        m_registry->setLocalPeerId(lethean::node::nodeIdForPublicKey(keyFor(81)));
        const auto own = m_registry->addFromPairingCode(PairingCode(keyFor(81), {}, u"me"_s).toString());
        QVERIFY(!own.ok());
        QCOMPARE(own.error().code, PairingCodeError::Code::OwnCode);
        QString typo = code;
        typo[20] = typo[20] == u'A' ? u'B' : u'A';
        QCOMPARE(m_registry->addFromPairingCode(typo).error().code, PairingCodeError::Code::BadChecksum);
        QCOMPARE(m_registry->count(), 1);

        // Open mode: registered and pinned, but the allowlist is left alone.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"auth mode is now open"_s));
        QVERIFY(m_registry->setAuthMode(PeerAuthMode::Open).ok());
        QVERIFY(m_registry->addFromPairingCode(PairingCode(keyFor(82), {}, {}).toString()).ok());
        QVERIFY(!m_registry->isKeyAllowed(keyFor(82)));
        QVERIFY(m_registry->peer(lethean::node::nodeIdForPublicKey(keyFor(82)))->pinned);
    }

    // Through the registry's own API, every change (scores, metrics, additions, removals) is seen by the
    // very next selection.
    void selectionIsAlwaysFresh()
    {
        QRandomGenerator random(5);
        for (int i = 0; i < 1500; ++i) {
            Peer peer = peerFor(1000 + i);
            peer.pingMs = random.bounded(300.0);
            peer.hops = int(random.bounded(6));
            peer.geoKm = double(random.bounded(3)) * 100;
            peer.score = double(random.bounded(5)) * 25;
            QVERIFY(m_registry->addPeer(peer).ok());
        }
        QVERIFY(m_registry->selectOptimalPeer().has_value());
        for (int step = 0; step < 400; ++step) {
            const QList<Peer> all = m_registry->peers();
            const QString id = all[random.bounded(int(all.size()))].id;
            switch (step % 6) {
            case 0:
                QVERIFY(m_registry->recordSuccess(id).ok());
                break;
            case 1:
                QVERIFY(m_registry->recordFailure(id).ok());
                break;
            case 2:
                QVERIFY(m_registry->recordTimeout(id).ok());
                break;
            case 3:
                QVERIFY(m_registry->updateMetrics(id, random.bounded(5.0), 0, 0).ok());
                break;
            case 4:
                QVERIFY(m_registry->updateScore(id, 100).ok());
                break;
            default:
                QVERIFY(m_registry->removePeer(id).ok());
                break;
            }
            const QList<Peer> now = m_registry->peers();
            QCOMPARE(m_registry->selectOptimalPeer()->id, bruteForce(now, 1).front());
            QCOMPARE(idsOf(m_registry->selectNearestPeers(5)), bruteForce(now, 5));
        }
        QCOMPARE(m_registry->selector().size(), m_registry->count());
    }
};

QTEST_GUILESS_MAIN(TestPeerRegistry)
#include "tst_peer_registry.moc"
