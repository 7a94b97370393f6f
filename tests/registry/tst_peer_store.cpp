// The registry's file formats (WIRE.md §6.1, §6.2; docs/registry.md): go-p2p's peers.json byte for byte,
// the allowlist sidecar, our settings sidecar, and what happens to bad bytes.

#include "node/identity_crypto.h"
#include "node/json_writer.h"
#include "node/peer_store.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::GoTime;
using lethean::node::Peer;
using lethean::node::PeerAuthMode;
using lethean::node::PeerStore;

namespace {

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(LETHEAN_REGISTRY_DATA) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

// One valid entry, for building files with bad ones around it.
const QByteArray kValidEntry = "{\"id\":\"4457134794559182226754e9dd2f1083\",\"name\":\"rig-07\","
                               "\"publicKey\":\"WGmv9FBUlzLLqu1eXfmzCm2jHLDldCutWtShp2jxpns=\",\"score\":50}";

// peers.json the slow, obvious way: JsonWriter with json.MarshalIndent's settings and GoTime::toString().
QByteArray referenceSerialization(const QList<Peer>& peers)
{
    if (peers.isEmpty())
        return "null";
    using lethean::node::JsonWriter;
    const auto time = [](const GoTime& t) {
        return t.isNull() ? u"0001-01-01T00:00:00Z"_s : t.toString();
    };
    JsonWriter out(JsonWriter::Escaping::GoHtmlSafe, 2);
    out.beginArray();
    for (const Peer& peer : peers) {
        out.beginObject();
        out.key(u"id").string(peer.id);
        out.key(u"name").string(peer.name);
        out.key(u"publicKey")
            .string(peer.publicKey.isEmpty() ? QString() : lethean::node::encodePublicKey(peer.publicKey));
        out.key(u"address").string(peer.address);
        out.key(u"role").string(peer.role);
        out.key(u"addedAt").string(time(peer.addedAt));
        out.key(u"lastSeen").string(time(peer.lastSeen));
        out.key(u"pingMs").real(peer.pingMs);
        out.key(u"hops").integer(peer.hops);
        out.key(u"geoKm").real(peer.geoKm);
        out.key(u"score").real(peer.score);
        if (peer.pinned)
            out.key(u"pinned").boolean(true);
        if (!peer.protocolVersion.isEmpty())
            out.key(u"protocolVersion").string(peer.protocolVersion);
        if (peer.allowProtocolDowngrade)
            out.key(u"allowProtocolDowngrade").boolean(true);
        if (!peer.alternateAddresses.isEmpty()) {
            out.key(u"alternateAddresses").beginArray();
            for (const QString& address : peer.alternateAddresses)
                out.string(address);
            out.endArray();
        }
        for (const auto& [key, value] : peer.unknownFields)
            out.key(key).raw(value);
        out.endObject();
    }
    out.endArray();
    return out.take();
}

QString randomText(QRandomGenerator& random)
{
    static const QString alphabet = u"aZ9 -_.:<>&\"\\/\t\n\u00e9\u2028\u2029\U0001F600"_s;
    QString text;
    const int length = int(random.bounded(12));
    for (int i = 0; i < length; ++i) {
        const qsizetype at = random.bounded(int(alphabet.size()));
        text += alphabet[at];
        if (alphabet[at].isHighSurrogate())
            text += alphabet[at + 1];
        else if (alphabet[at].isLowSurrogate())
            text.chop(1);
    }
    return text;
}

double randomNumber(QRandomGenerator& random)
{
    switch (random.bounded(8)) {
    case 0:
        return 0;
    case 1:
        return -0.0;
    case 2:
        return double(random.bounded(1000));
    case 3:
        return random.bounded(1e6) - 5e5;
    case 4:
        return 1e21 * (1 + random.bounded(5));
    case 5:
        return random.bounded(1e-6);
    case 6:
        return 123456789012345.0 + random.bounded(10);
    default:
        return random.bounded(100.0);
    }
}

GoTime randomTime(QRandomGenerator& random)
{
    if (random.bounded(6) == 0)
        return GoTime();
    // Years 0001–9999, any nanosecond (often with trailing zeros), offsets within a day, some with seconds.
    const qint64 seconds = qint64(random.bounded(315537897600.0)) - 62135596800;
    const int nanos =
        random.bounded(3) == 0 ? 0 : int(random.bounded(1000000000)) / int(std::pow(10, random.bounded(9)));
    const int offset = random.bounded(3) == 0 ? 0 : int(random.bounded(2 * 86399)) - 86399;
    return GoTime::fromUnix(seconds, nanos, offset);
}

} // namespace

class TestPeerStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A file as go-p2p writes it (hand-written from WIRE.md §6.1) loads with every field, and what we
    // write for the same peers is the same bytes.
    void goFixtureRoundTripsByteForByte()
    {
        const QByteArray go = fixture(u"go_peers.json"_s);
        const PeerStore::Peers parsed = PeerStore::parsePeers(go);
        QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
        QVERIFY(!parsed.unreadable);
        QCOMPARE(parsed.peers.size(), 2);

        const Peer& rig = parsed.peers[0];
        QCOMPARE(rig.id, u"4457134794559182226754e9dd2f1083"_s);
        QCOMPARE(rig.name, u"rig-07"_s);
        QCOMPARE(rig.publicKey.toHex(),
                 QByteArray("5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b"));
        QCOMPARE(rig.address, QString());
        QCOMPARE(rig.role, u"worker"_s);
        QCOMPARE(rig.addedAt.toString(), u"2026-01-01T10:00:00.5+01:00"_s);
        QVERIFY(rig.lastSeen.isNull()); // Go's zero time
        QCOMPARE(rig.score, 50.0);

        const Peer& desk = parsed.peers[1];
        QCOMPARE(desk.name, u"desk controller"_s);
        QCOMPARE(desk.address, u"192.168.1.20:9091"_s);
        QCOMPARE(desk.addedAt.nanosecond(), 123456789);
        QCOMPARE(desk.lastSeen.toString(), u"2026-02-03T05:00:00.25Z"_s);
        QCOMPARE(desk.pingMs, 12.5);
        QCOMPARE(desk.hops, 2);
        QCOMPARE(desk.geoKm, 1234.75);
        QCOMPARE(desk.score, 87.5);
        QVERIFY(!desk.pinned);
        QVERIFY(desk.unknownFields.isEmpty());

        QCOMPARE(PeerStore::serializePeers(parsed.peers), go);
    }

    // The fast writer lays out exactly what JsonWriter and GoTime::toString() would, on random peers with
    // every kind of awkward string, number and time.
    void writerMatchesJsonWriter()
    {
        QRandomGenerator random(314159);
        for (int round = 0; round < 200; ++round) {
            QList<Peer> peers;
            const int count = 1 + int(random.bounded(5));
            for (int i = 0; i < count; ++i) {
                Peer peer;
                peer.id = randomText(random) + QString::number(i);
                peer.name = randomText(random);
                if (random.bounded(2))
                    peer.publicKey = QByteArray(32, char(random.bounded(256)));
                peer.address = randomText(random);
                peer.role = randomText(random);
                peer.addedAt = randomTime(random);
                peer.lastSeen = randomTime(random);
                peer.pingMs = randomNumber(random);
                peer.hops = int(random.bounded(2000)) - 1000;
                peer.geoKm = randomNumber(random);
                peer.score = randomNumber(random);
                peer.pinned = random.bounded(2);
                peer.protocolVersion = random.bounded(2) ? randomText(random) : QString();
                peer.allowProtocolDowngrade = random.bounded(2);
                for (int a = int(random.bounded(3)); a > 0; --a)
                    peer.alternateAddresses.append(randomText(random));
                if (random.bounded(2))
                    peer.unknownFields.append(
                        {randomText(random), QByteArray("{\"a\":\"<&>\",\"b\":[1,2]}")});
                peers.append(peer);
            }
            QCOMPARE(PeerStore::serializePeers(peers), referenceSerialization(peers));
        }
    }

    // Go writes an empty registry as null and reads it back as empty.
    void emptyRegistryIsNull()
    {
        QCOMPARE(PeerStore::serializePeers({}), QByteArray("null"));
        const auto parsed = PeerStore::parsePeers("null");
        QVERIFY(parsed.peers.isEmpty());
        QVERIFY(parsed.problems.isEmpty());
        QVERIFY(!parsed.unreadable);
        QVERIFY(PeerStore::parsePeers(" [ ] \n").problems.isEmpty());
    }

    // Our own keys come after Go's, only when set, so a plain peer's entry is exactly Go's.
    void extraKeysOnlyWhenSet()
    {
        Peer peer;
        peer.id = u"peer-1"_s;
        const QByteArray plain = PeerStore::serializePeers({peer});
        QVERIFY(!plain.contains("pinned"));
        QVERIFY(!plain.contains("protocolVersion"));
        QVERIFY(!plain.contains("alternateAddresses"));
        QVERIFY(!plain.contains("allowProtocolDowngrade"));
        QVERIFY(plain.contains("\"lastSeen\": \"0001-01-01T00:00:00Z\""));
        QVERIFY(plain.contains("\"publicKey\": \"\""));

        peer.pinned = true;
        peer.protocolVersion = u"2.0"_s;
        peer.allowProtocolDowngrade = true;
        peer.alternateAddresses = {u"10.0.0.2:9091"_s};
        const QByteArray ours = PeerStore::serializePeers({peer});
        QVERIFY(ours.contains("\"score\": 50,\n    \"pinned\": true,\n    \"protocolVersion\": \"2.0\",\n"
                              "    \"allowProtocolDowngrade\": true,\n"
                              "    \"alternateAddresses\": [\n      \"10.0.0.2:9091\"\n    ]\n  }"));
        const auto parsed = PeerStore::parsePeers(ours);
        QVERIFY(parsed.problems.isEmpty());
        QCOMPARE(parsed.peers, QList<Peer>{peer});
    }

    // HTML-significant characters are escaped as json.MarshalIndent does.
    void goEscaping()
    {
        Peer peer;
        peer.id = u"p"_s;
        peer.name = u"a<b>&c"_s; // not a valid name, but a Go UpdatePeer can store one
        const QByteArray json = PeerStore::serializePeers({peer});
        QVERIFY2(json.contains("\"name\": \"a\\u003cb\\u003e\\u0026c\""), json.constData());
        QCOMPARE(PeerStore::parsePeers(json).peers.value(0).name, peer.name);
    }

    // A newer version's fields are not understood but survive a load and a save.
    void unknownFieldsSurvive()
    {
        const auto parsed = PeerStore::parsePeers(fixture(u"newer_peers.json"_s));
        QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
        QCOMPARE(parsed.peers.size(), 1);
        const Peer& peer = parsed.peers[0];
        QVERIFY(peer.pinned);
        QCOMPARE(peer.protocolVersion, u"2.0"_s);
        QCOMPARE(peer.unknownFields.size(), 3);
        QCOMPARE(peer.unknownFields[0].first, u"reputation"_s);
        QCOMPARE(peer.unknownFields[0].second, QByteArray("{\"votes\":3,\"by\":[\"a\",\"b\"]}"));
        QCOMPARE(peer.unknownFields[1].first, u"tags"_s);
        QCOMPARE(peer.unknownFields[1].second, QByteArray("[\"gpu\",\"rack-2\"]"));
        QCOMPARE(peer.unknownFields[2].second, QByteArray("\"1.2.3\""));

        const QByteArray saved = PeerStore::serializePeers(parsed.peers);
        QVERIFY(saved.contains("\"reputation\": {\"votes\":3,\"by\":[\"a\",\"b\"]}"));
        QVERIFY(saved.contains("\"firmware\": \"1.2.3\""));
        QCOMPARE(PeerStore::parsePeers(saved).peers, parsed.peers);
    }

    // Go's decoder: keys match case-insensitively, missing keys are zero values, null leaves the zero value.
    void goDecodingRules()
    {
        const auto parsed = PeerStore::parsePeers(
            "[{\"ID\":\"peer-1\",\"NAME\":\"rig\",\"Score\":70,\"lastSeen\":null},{\"id\":\"peer-2\"}]");
        QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
        QCOMPARE(parsed.peers.size(), 2);
        QCOMPARE(parsed.peers[0].id, u"peer-1"_s);
        QCOMPARE(parsed.peers[0].name, u"rig"_s);
        QCOMPARE(parsed.peers[0].score, 70.0);
        QVERIFY(parsed.peers[0].lastSeen.isNull());
        QVERIFY(parsed.peers[0].unknownFields.isEmpty());
        QCOMPARE(parsed.peers[1].score, 0.0); // Go's zero value: a missing score is 0, not 50
        QVERIFY(parsed.peers[1].addedAt.isNull());
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("unreadable");
        QTest::addColumn<int>("peers");
        QTest::addColumn<QString>("problem");
        const QByteArray go = fixture(u"go_peers.json"_s);
        QTest::newRow("empty file") << QByteArray() << true << 0 << u"the file is empty"_s;
        QTest::newRow("whitespace only") << QByteArray(" \n\t") << true << 0 << u"invalid JSON"_s;
        QTest::newRow("truncated") << go.left(300) << true << 0 << u"invalid JSON at offset 300"_s;
        QTest::newRow("binary garbage") << QByteArray("\x00\x01\x02", 3) << true << 0 << u"invalid JSON"_s;
        QTest::newRow("not UTF-8") << QByteArray("[\"\xff\"]") << true << 0 << u"UTF-8"_s;
        QTest::newRow("byte-order mark") << QByteArray("\xEF\xBB\xBF") + go << true << 0 << u"invalid JSON"_s;
        QTest::newRow("trailing garbage") << go + "x" << true << 0 << u"after the top-level value"_s;
        QTest::newRow("object") << QByteArray("{\"peers\":[]}") << true << 0 << u"got an object"_s;
        QTest::newRow("string") << QByteArray("\"peers\"") << true << 0 << u"got a string"_s;
        QTest::newRow("number") << QByteArray("42") << true << 0 << u"got a number"_s;
        QTest::newRow("null entry") << "[null," + kValidEntry + "]" << false << 1
                                    << u"peers[0]: the entry is null"_s;
        QTest::newRow("number entry")
            << "[" + kValidEntry + ",7]" << false << 1 << u"peers[1]: expected an object, got a number"_s;
        QTest::newRow("entry without id")
            << "[{\"name\":\"x\"}," + kValidEntry + "]" << false << 1 << u"peers[0]: the entry has no id"_s;
        QTest::newRow("string ping") << "[{\"id\":\"p\",\"pingMs\":\"fast\"}," + kValidEntry + "]" << false
                                     << 1 << u"peers[0].pingMs: expected a number"_s;
        QTest::newRow("fractional hops")
            << "[{\"id\":\"p\",\"hops\":1.5}," + kValidEntry + "]" << false << 1 << u"peers[0].hops"_s;
        QTest::newRow("huge hops") << "[{\"id\":\"p\",\"hops\":99999999999}," + kValidEntry + "]" << false
                                   << 1 << u"peers[0].hops: 99999999999 is out of range"_s;
        QTest::newRow("bad key") << "[{\"id\":\"p\",\"publicKey\":\"abc\"}," + kValidEntry + "]" << false << 1
                                 << u"peers[0].publicKey"_s;
        QTest::newRow("forged id") << QByteArray(
                                          "[{\"id\":\"aaa8fff703b50b2297f4f6e13508f724\",\"publicKey\":"
                                          "\"WGmv9FBUlzLLqu1eXfmzCm2jHLDldCutWtShp2jxpns=\"}]")
                                   << false << 0 << u"is not the hash of its public key"_s;
        QTest::newRow("bad time") << "[{\"id\":\"p\",\"addedAt\":\"yesterday\"}," + kValidEntry + "]" << false
                                  << 1 << u"peers[0].addedAt"_s;
        QTest::newRow("empty time") << "[{\"id\":\"p\",\"lastSeen\":\"\"}," + kValidEntry + "]" << false << 1
                                    << u"peers[0].lastSeen"_s;
        QTest::newRow("duplicate id")
            << "[" + kValidEntry + "," + kValidEntry + "]" << false << 1
            << u"peers[1]: id 4457134794559182226754e9dd2f1083 appears more than once"_s;
    }

    // Nothing crashes; a bad file is unreadable as a whole, or its bad entries are named and skipped.
    void badFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, unreadable);
        QFETCH(int, peers);
        QFETCH(QString, problem);
        const auto parsed = PeerStore::parsePeers(json);
        QCOMPARE(parsed.unreadable, unreadable);
        QCOMPARE(parsed.peers.size(), peers);
        QVERIFY(!parsed.problems.isEmpty());
        QVERIFY2(parsed.problems.front().contains(problem), qPrintable(parsed.problems.join(u'\n')));
    }

    // Out-of-range scores from a hand edit are clamped, not refused.
    void scoresAreClamped()
    {
        const auto parsed =
            PeerStore::parsePeers("[{\"id\":\"a\",\"score\":150},{\"id\":\"b\",\"score\":-3}]");
        QVERIFY(parsed.problems.isEmpty());
        QCOMPARE(parsed.peers[0].score, 100.0);
        QCOMPARE(parsed.peers[1].score, 0.0);
    }

    // Thousands of bad entries give a bounded list of problems.
    void manyProblemsAreSummarised()
    {
        QByteArray json = "[";
        for (int i = 0; i < 1000; ++i)
            json += "null,";
        json += kValidEntry + "]";
        const auto parsed = PeerStore::parsePeers(json);
        QCOMPARE(parsed.peers.size(), 1);
        QCOMPARE(parsed.problems.size(), 51);
        QCOMPARE(parsed.problems.back(), u"… and 950 more problems"_s);
    }

    void allowlistFormat()
    {
        const QByteArray go = fixture(u"go_allowlist.json"_s);
        const auto parsed = PeerStore::parseAllowlist(go);
        QVERIFY(parsed.problems.isEmpty());
        QCOMPARE(parsed.keys.size(), 2);
        // Sorted by their base64 text, as Go sorts the strings.
        QList<QByteArray> reversed{parsed.keys[1], parsed.keys[0]};
        QCOMPARE(PeerStore::serializeAllowlist(reversed), go);
        QCOMPARE(PeerStore::serializeAllowlist({}), QByteArray("[]"));
        QVERIFY(PeerStore::parseAllowlist("[]").keys.isEmpty());
        QVERIFY(PeerStore::parseAllowlist("null").problems.isEmpty());
    }

    void allowlistBadEntries_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("unreadable");
        QTest::addColumn<int>("keys");
        QTest::addColumn<QString>("problem");
        const QByteArray key = "\"WGmv9FBUlzLLqu1eXfmzCm2jHLDldCutWtShp2jxpns=\"";
        QTest::newRow("empty string skipped, as Go") << "[\"\"," + key + "]" << false << 1 << QString();
        QTest::newRow("duplicate kept once") << "[" + key + "," + key + "]" << false << 1 << QString();
        QTest::newRow("not base64") << "[\"nope\"," + key + "]" << false << 1 << u"keys[0]: \"nope\""_s;
        QTest::newRow("number") << "[1," + key + "]" << false << 1 << u"keys[0]: expected a string"_s;
        QTest::newRow("object") << QByteArray("{}") << true << 0 << u"got an object"_s;
        QTest::newRow("truncated") << QByteArray("[\"WGmv") << true << 0 << u"invalid JSON"_s;
        QTest::newRow("empty file") << QByteArray() << true << 0 << u"empty"_s;
    }

    void allowlistBadEntries()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, unreadable);
        QFETCH(int, keys);
        QFETCH(QString, problem);
        const auto parsed = PeerStore::parseAllowlist(json);
        QCOMPARE(parsed.unreadable, unreadable);
        QCOMPARE(parsed.keys.size(), keys);
        if (problem.isEmpty()) {
            QVERIFY(parsed.problems.isEmpty());
        } else {
            QVERIFY(!parsed.problems.isEmpty());
            QVERIFY2(parsed.problems.front().contains(problem), qPrintable(parsed.problems.join(u'\n')));
        }
    }

    void settings_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("mode"); // -1: none
        QTest::addColumn<bool>("problem");
        QTest::newRow("allowlist") << PeerStore::serializeSettings(PeerAuthMode::Allowlist) << 0 << false;
        QTest::newRow("open") << PeerStore::serializeSettings(PeerAuthMode::Open) << 1 << false;
        QTest::newRow("no mode") << QByteArray("{}") << -1 << false;
        QTest::newRow("unknown mode") << QByteArray("{\"authMode\":\"closed\"}") << -1 << true;
        QTest::newRow("wrong type") << QByteArray("{\"authMode\":1}") << -1 << true;
        QTest::newRow("array") << QByteArray("[]") << -1 << true;
        QTest::newRow("empty") << QByteArray() << -1 << true;
    }

    void settings()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, mode);
        QFETCH(bool, problem);
        const auto parsed = PeerStore::parseSettings(json);
        QCOMPARE(parsed.authMode.has_value(), mode >= 0);
        if (mode >= 0)
            QCOMPARE(int(*parsed.authMode), mode);
        QCOMPARE(!parsed.problems.isEmpty(), problem);
        QCOMPARE(PeerStore::serializeSettings(PeerAuthMode::Open),
                 QByteArray("{\n  \"authMode\": \"open\"\n}"));
    }

    void files()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"deep/er/peers.json"_s);
        QVERIFY(PeerStore::readFile(path).ok());
        QVERIFY(!PeerStore::readFile(path)->has_value());
        QVERIFY(PeerStore::writeAtomically(path, "null").ok());
        QCOMPARE(**PeerStore::readFile(path), QByteArray("null"));
        QVERIFY(PeerStore::writeAtomically(path, "[]").ok());
        QCOMPARE(**PeerStore::readFile(path), QByteArray("[]"));
        const auto aside = PeerStore::keepAside(path);
        QVERIFY(aside.ok());
        QVERIFY(aside->startsWith(path + u".corrupt-"_s));
        QVERIFY(!QFile::exists(path));
        QVERIFY(QFile::exists(*aside));
        QCOMPARE(QDir(dir.filePath(u"deep/er"_s)).entryList(QDir::Files).size(),
                 1); // no temporary files left
        QCOMPARE(PeerStore::allowlistPathFor(path), path + u".allowlist.json"_s);
        QCOMPARE(PeerStore::settingsPathFor(path), path + u".settings.json"_s);
    }
};

QTEST_GUILESS_MAIN(TestPeerStore)
#include "tst_peer_store.moc"
