#include "node/data_paths.h"
#include "node/identity_crypto.h"
#include "node/node_identity.h"
#include "node/public_identity.h"
#include "node/secret_bytes.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <openssl/evp.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace lethean::node;

namespace {

// WIRE.md §14 (RFC 7748 §6.1 keys) and the Go-produced go-vectors.json.
const QByteArray kWireAlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"_ba;
const QByteArray kWireAlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"_ba;
const QString kWireAliceBase64 = u"hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="_s;
const QString kWireAliceId = u"300c9c9603b92a4b39ed3958bf924011"_s;
const QByteArray kWireBobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"_ba;
const QByteArray kWireBobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"_ba;
const QString kWireBobBase64 = u"3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08="_s;
const QString kWireBobId = u"f35e5616160a30bf3c6e79fa73c576d4"_s;
const QByteArray kWireRaw = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"_ba;
const QByteArray kWireSecret = "dead45a1d43d6902aa9240b43c0d75a0b5fc750660590d6d45461cbfc4010684"_ba;
const QByteArray kWireResponse = "684f8ac855d91fb5b1e119d17581155f52138928717748d1be32cc2a86b4f129"_ba;

QJsonObject loadGoVectors()
{
    QFile file(qEnvironmentVariable("LETHEAN_SHARED_DIR") + u"/spec/go-vectors.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray hex(const QJsonObject& object, const QString& key)
{
    return QByteArray::fromHex(object.value(key).toString().toLatin1());
}

NodeIdentity identityFrom(const QByteArray& privateHex, const QString& name = u"vector"_s,
                          NodeRole role = NodeRole::Dual)
{
    const GoTime createdAt = GoTime::parse(u"2026-01-01T00:00:00Z").value();
    auto identity = NodeIdentity::fromPrivateKey(QByteArray::fromHex(privateHex), name, role, createdAt);
    if (!identity)
        qFatal("fromPrivateKey failed: %s", qPrintable(identity.error().message));
    return std::move(identity).value();
}

// Raw X25519 through OpenSSL: an independent check of the vectors (the code under test uses libsodium).
QByteArray opensslX25519(const QByteArray& privateKey, const QByteArray& publicKey)
{
    using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
    Key priv(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr,
                                          reinterpret_cast<const unsigned char*>(privateKey.constData()),
                                          size_t(privateKey.size())),
             &EVP_PKEY_free);
    Key pub(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr,
                                        reinterpret_cast<const unsigned char*>(publicKey.constData()),
                                        size_t(publicKey.size())),
            &EVP_PKEY_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(EVP_PKEY_CTX_new(priv.get(), nullptr),
                                                                        &EVP_PKEY_CTX_free);
    QByteArray out(32, Qt::Uninitialized);
    size_t length = size_t(out.size());
    if (!context || EVP_PKEY_derive_init(context.get()) != 1 ||
        EVP_PKEY_derive_set_peer(context.get(), pub.get()) != 1 ||
        EVP_PKEY_derive(context.get(), reinterpret_cast<unsigned char*>(out.data()), &length) != 1)
        return {};
    return out;
}

int fileMode(const QString& path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

void writeFile(const QString& path, const QByteArray& bytes, QFile::Permissions permissions)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    QVERIFY(QFile::setPermissions(path, permissions));
}

const QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

class TestNodeIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Vectors
    void keyDerivation_data();
    void keyDerivation();
    void sharedSecretVectors_data();
    void sharedSecretVectors();
    void challengeResponseVectors_data();
    void challengeResponseVectors();
    void identityFileBytesAsGoWritesThem();

    // WIRE.md §12, node/identity_test.go
    void generateSetsEveryField();
    void privateKeyFileIsRaw32BytesMode0600();
    void reloadGivesTheSameIdentity();
    void bothSidesDeriveTheSameSecret();
    void removeDeletesTheIdentity();
    void loadOrCreateCreatesDualIdentityAndBothFiles();
    void roleStrings();
    void challengeIs32RandomBytes();
    void signAndVerify();
    void noIdentityIsAnError();
    void removeWithNoFilesIsFine();

    // Refusals
    void refusesGroupOrWorldReadableKey_data();
    void refusesGroupOrWorldReadableKey();
    void refusesKeyOfWrongSize_data();
    void refusesKeyOfWrongSize();
    void refusesIdentityFileOfAnotherKey();
    void refusesMalformedIdentityFile_data();
    void refusesMalformedIdentityFile();
    void refusesIdentityFileWithoutKey();
    void rebuildsIdentityFileFromKey();
    void refusesLowOrderPeerKeys_data();
    void refusesLowOrderPeerKeys();
    void refusesBadPeerKeyEncoding_data();
    void refusesBadPeerKeyEncoding();

    // Helpers
    void idMatchesKey();
    void defaultNameIsAValidPeerName_data();
    void defaultNameIsAValidPeerName();
    void secretBytesIsMoveOnlyAndComparesInConstantTime();

private:
    QJsonObject m_vectors;
};

void TestNodeIdentity::initTestCase()
{
    m_vectors = loadGoVectors();
    QVERIFY2(!m_vectors.isEmpty(),
             "go-vectors.json not found or invalid: set LETHEAN_SHARED_DIR (ctest does)");
}

void TestNodeIdentity::keyDerivation_data()
{
    QTest::addColumn<QByteArray>("privateKey");
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QString>("publicKeyBase64");
    QTest::addColumn<QString>("id");

    QTest::newRow("WIRE.md alice") << kWireAlicePrivate << kWireAlicePublic << kWireAliceBase64
                                   << kWireAliceId;
    QTest::newRow("WIRE.md bob") << kWireBobPrivate << kWireBobPublic << kWireBobBase64 << kWireBobId;
    const QJsonObject vectors = loadGoVectors();
    for (const QString& name : {u"identity_a"_s, u"identity_b"_s}) {
        const QJsonObject v = vectors.value(name).toObject();
        QTest::newRow(qPrintable(u"go "_s + name))
            << v.value(u"private_key_hex").toString().toLatin1()
            << v.value(u"public_key_hex").toString().toLatin1() << v.value(u"public_key_b64").toString()
            << v.value(u"node_id").toString();
    }
}

void TestNodeIdentity::keyDerivation()
{
    QFETCH(QByteArray, privateKey);
    QFETCH(QByteArray, publicKey);
    QFETCH(QString, publicKeyBase64);
    QFETCH(QString, id);

    const NodeIdentity identity = identityFrom(privateKey);
    QCOMPARE(identity.publicKey().toHex(), publicKey);
    QCOMPARE(identity.publicKeyBase64(), publicKeyBase64);
    QCOMPARE(identity.publicKeyBase64().size(), 44);
    QCOMPARE(identity.id(), id);
    QCOMPARE(nodeIdForPublicKey(QByteArray::fromHex(publicKey)), id);
    QCOMPARE(encodePublicKey(QByteArray::fromHex(publicKey)), publicKeyBase64);
    QCOMPARE(decodePublicKey(publicKeyBase64).value_or(QByteArray()).toHex(), publicKey);
}

void TestNodeIdentity::sharedSecretVectors_data()
{
    QTest::addColumn<QByteArray>("privateA");
    QTest::addColumn<QByteArray>("privateB");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("secret");

    QTest::newRow("WIRE.md") << kWireAlicePrivate << kWireBobPrivate << kWireRaw << kWireSecret;
    const QJsonObject vectors = loadGoVectors();
    const QJsonObject shared = vectors.value(u"shared_secret").toObject();
    QTest::newRow("go")
        << vectors.value(u"identity_a").toObject().value(u"private_key_hex").toString().toLatin1()
        << vectors.value(u"identity_b").toObject().value(u"private_key_hex").toString().toLatin1()
        << shared.value(u"x25519_raw_hex").toString().toLatin1()
        << shared.value(u"shared_secret_hex").toString().toLatin1();
}

void TestNodeIdentity::sharedSecretVectors()
{
    QFETCH(QByteArray, privateA);
    QFETCH(QByteArray, privateB);
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, secret);

    const NodeIdentity a = identityFrom(privateA);
    const NodeIdentity b = identityFrom(privateB);
    QCOMPARE(opensslX25519(QByteArray::fromHex(privateA), b.publicKey()).toHex(), raw);
    QCOMPARE(QCryptographicHash::hash(QByteArray::fromHex(raw), QCryptographicHash::Sha256).toHex(), secret);

    auto ab = a.deriveSharedSecret(QStringView(b.publicKeyBase64()));
    auto ba = b.deriveSharedSecret(QStringView(a.publicKeyBase64()));
    QVERIFY(ab);
    QVERIFY(ba);
    QCOMPARE(ab->toByteArray().toHex(), secret);
    QCOMPARE(ba->toByteArray().toHex(), secret);
    auto fromRaw = a.deriveSharedSecret(QByteArrayView(b.publicKey()));
    QVERIFY(fromRaw && fromRaw->equals(QByteArray::fromHex(secret)));
}

void TestNodeIdentity::challengeResponseVectors_data()
{
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("responseBase64");

    QByteArray counting(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i)
        counting[i] = char(i);
    QTest::newRow("WIRE.md") << counting << QByteArray::fromHex(kWireSecret) << kWireResponse
                             << u"aE+KyFXZH7Wx4RnRdYEVX1ITiShxd0jRvjLMKoa08Sk="_s;
    const QJsonObject vectors = loadGoVectors();
    const QJsonObject cr = vectors.value(u"challenge_response").toObject();
    QTest::newRow("go") << hex(cr, u"challenge_hex"_s)
                        << hex(vectors.value(u"shared_secret").toObject(), u"shared_secret_hex"_s)
                        << cr.value(u"response_hex").toString().toLatin1()
                        << cr.value(u"response_b64").toString();
}

void TestNodeIdentity::challengeResponseVectors()
{
    QFETCH(QByteArray, challenge);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, response);
    QFETCH(QString, responseBase64);

    const QByteArray mac = signChallenge(challenge, secret);
    QCOMPARE(mac.toHex(), response);
    QCOMPARE(QString::fromLatin1(mac.toBase64()), responseBase64);
    QVERIFY(verifyChallenge(challenge, mac, secret));
}

void TestNodeIdentity::identityFileBytesAsGoWritesThem()
{
    // json.MarshalIndent(identity, "", "  "), no trailing newline, Go's field order.
    const QByteArray expected = "{\n"
                                "  \"id\": \"aaa8fff703b50b2297f4f6e13508f724\",\n"
                                "  \"name\": \"vector-a\",\n"
                                "  \"publicKey\": \"B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw=\",\n"
                                "  \"createdAt\": \"2026-01-01T00:00:00Z\",\n"
                                "  \"role\": \"controller\"\n"
                                "}"_ba;
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    const NodeIdentity identity = identityFrom(
        m_vectors.value(u"identity_a").toObject().value(u"private_key_hex").toString().toLatin1(),
        u"vector-a"_s, NodeRole::Controller);
    QVERIFY(identity.save(paths));

    QFile file(paths.identityFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), expected);
    QFile key(paths.privateKeyFile());
    QVERIFY(key.open(QIODevice::ReadOnly));
    QCOMPARE(key.readAll().toHex(),
             m_vectors.value(u"identity_a").toObject().value(u"private_key_hex").toString().toLatin1());
}

void TestNodeIdentity::generateSetsEveryField()
{
    auto identity = NodeIdentity::generate(u"test-node"_s, NodeRole::Worker);
    QVERIFY(identity);
    QCOMPARE(identity->name(), u"test-node"_s);
    QCOMPARE(identity->role(), NodeRole::Worker);
    QCOMPARE(identity->id().size(), 32);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(identity->id()).hasMatch());
    QCOMPARE(identity->publicKey().size(), 32);
    QCOMPARE(identity->publicKeyBase64().size(), 44);
    QCOMPARE(identity->id(), nodeIdForPublicKey(identity->publicKey()));
    QVERIFY(identity->publicIdentity().idMatchesKey());
    QVERIFY(!identity->createdAt().isNull());
    QVERIFY(qAbs(identity->createdAt().toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch()) < 60'000);

    auto other = NodeIdentity::generate(u"other"_s, NodeRole::Dual);
    QVERIFY(other);
    QVERIFY(other->id() != identity->id());
}

void TestNodeIdentity::privateKeyFileIsRaw32BytesMode0600()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto identity = NodeIdentity::generate(u"test-node"_s, NodeRole::Dual);
    QVERIFY(identity);
    QVERIFY(identity->save(paths));

    QCOMPARE(fileMode(paths.privateKeyFile()), 0600);
    QCOMPARE(fileMode(QFileInfo(paths.privateKeyFile()).absolutePath()), 0700);
    QCOMPARE(QFileInfo(paths.privateKeyFile()).size(), 32);
    QFile key(paths.privateKeyFile());
    QVERIFY(key.open(QIODevice::ReadOnly));
    const NodeIdentity again = identityFrom(key.readAll().toHex());
    QCOMPARE(again.publicKeyBase64(), identity->publicKeyBase64());

    // Saving over an existing key keeps 0600.
    QVERIFY(identity->save(paths));
    QCOMPARE(fileMode(paths.privateKeyFile()), 0600);
}

void TestNodeIdentity::reloadGivesTheSameIdentity()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto created = NodeIdentity::generate(u"reload-me"_s, NodeRole::Controller);
    QVERIFY(created);
    QVERIFY(created->save(paths));

    auto loaded = NodeIdentity::load(paths);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(loaded->publicIdentity(), created->publicIdentity()); // createdAt to the nanosecond
    QCOMPARE(loaded->publicKey(), created->publicKey());

    auto peer = NodeIdentity::generate(u"peer"_s, NodeRole::Worker);
    QVERIFY(peer);
    auto before = created->deriveSharedSecret(QStringView(peer->publicKeyBase64()));
    auto after = loaded->deriveSharedSecret(QStringView(peer->publicKeyBase64()));
    QVERIFY(before && after && after->equals(before->view()));
}

void TestNodeIdentity::bothSidesDeriveTheSameSecret()
{
    auto a = NodeIdentity::generate(u"a"_s, NodeRole::Controller);
    auto b = NodeIdentity::generate(u"b"_s, NodeRole::Worker);
    QVERIFY(a && b);
    auto ab = a->deriveSharedSecret(QStringView(b->publicKeyBase64()));
    auto ba = b->deriveSharedSecret(QStringView(a->publicKeyBase64()));
    QVERIFY(ab && ba);
    QCOMPARE(ab->size(), 32);
    QVERIFY(ab->equals(ba->view()));

    auto c = NodeIdentity::generate(u"c"_s, NodeRole::Worker);
    QVERIFY(c);
    auto ac = a->deriveSharedSecret(QStringView(c->publicKeyBase64()));
    QVERIFY(ac && !ac->equals(ab->view()));
}

void TestNodeIdentity::removeDeletesTheIdentity()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto identity = NodeIdentity::generate(u"gone"_s, NodeRole::Dual);
    QVERIFY(identity && identity->save(paths));
    QVERIFY(QFile::exists(paths.privateKeyFile()));
    QVERIFY(QFile::exists(paths.identityFile()));

    QVERIFY(NodeIdentity::remove(paths));
    QVERIFY(!QFile::exists(paths.privateKeyFile()));
    QVERIFY(!QFile::exists(paths.identityFile()));
    auto loaded = NodeIdentity::load(paths);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, IdentityError::Code::NotFound);
}

void TestNodeIdentity::loadOrCreateCreatesDualIdentityAndBothFiles()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto created = NodeIdentity::loadOrCreate(paths);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    QCOMPARE(created->role(), NodeRole::Dual);
    QCOMPARE(created->name(), NodeIdentity::defaultName());
    QVERIFY(QFile::exists(paths.privateKeyFile()));
    QVERIFY(QFile::exists(paths.identityFile()));

    // A second start loads the same identity and ignores the name and role asked for.
    auto again = NodeIdentity::loadOrCreate(paths, u"other-name"_s, NodeRole::Worker);
    QVERIFY(again);
    QCOMPARE(again->publicIdentity(), created->publicIdentity());

    QTemporaryDir named;
    auto custom = NodeIdentity::loadOrCreate(DataPaths(named.path()), u"rig-7"_s, NodeRole::Worker);
    QVERIFY(custom);
    QCOMPARE(custom->name(), u"rig-7"_s);
    QCOMPARE(custom->role(), NodeRole::Worker);
}

void TestNodeIdentity::roleStrings()
{
    QCOMPARE(nodeRoleToString(NodeRole::Controller), u"controller"_s);
    QCOMPARE(nodeRoleToString(NodeRole::Worker), u"worker"_s);
    QCOMPARE(nodeRoleToString(NodeRole::Dual), u"dual"_s);
    for (const NodeRole role : {NodeRole::Controller, NodeRole::Worker, NodeRole::Dual})
        QCOMPARE(nodeRoleFromString(nodeRoleToString(role)), std::optional<NodeRole>(role));
    QCOMPARE(nodeRoleFromString(u"Worker"), std::nullopt);
    QCOMPARE(nodeRoleFromString(u""), std::nullopt);
    QCOMPARE(nodeRoleFromString(u"admin"), std::nullopt);
}

void TestNodeIdentity::challengeIs32RandomBytes()
{
    const QByteArray first = generateChallenge();
    const QByteArray second = generateChallenge();
    QCOMPARE(first.size(), kChallengeSize);
    QCOMPARE(second.size(), kChallengeSize);
    QVERIFY(first != second);
    QVERIFY(first != QByteArray(32, '\0'));
}

void TestNodeIdentity::signAndVerify()
{
    const QByteArray challenge = generateChallenge();
    const QByteArray secret = QByteArray::fromHex(kWireSecret);
    const QByteArray response = signChallenge(challenge, secret);
    QCOMPARE(response.size(), 32);
    QVERIFY(verifyChallenge(challenge, response, secret));
    QCOMPARE(signChallenge(challenge, secret), response); // deterministic

    QByteArray wrongSecret = secret;
    wrongSecret[0] = char(wrongSecret[0] ^ 1);
    QVERIFY(!verifyChallenge(challenge, response, wrongSecret));
    QVERIFY(!verifyChallenge(generateChallenge(), response, secret));
    QVERIFY(!verifyChallenge(challenge, response.first(31), secret));
    QVERIFY(!verifyChallenge(challenge, response + '\0', secret));
    QVERIFY(!verifyChallenge(challenge, QByteArray(), secret));
}

void TestNodeIdentity::noIdentityIsAnError()
{
    QTemporaryDir dir;
    auto loaded = NodeIdentity::load(DataPaths(dir.path()));
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, IdentityError::Code::NotFound);
    QVERIFY(loaded.error().message.contains(u"private.key"_s));
}

void TestNodeIdentity::removeWithNoFilesIsFine()
{
    QTemporaryDir dir;
    QVERIFY(NodeIdentity::remove(DataPaths(dir.path())));
}

void TestNodeIdentity::refusesGroupOrWorldReadableKey_data()
{
    QTest::addColumn<int>("permissions");
    QTest::addColumn<QString>("mode");
    QTest::newRow("0644") << int(kOwnerOnly | QFile::ReadGroup | QFile::ReadOther) << u"0644"_s;
    QTest::newRow("0640") << int(kOwnerOnly | QFile::ReadGroup) << u"0640"_s;
    QTest::newRow("0604") << int(kOwnerOnly | QFile::ReadOther) << u"0604"_s;
    QTest::newRow("0620") << int(kOwnerOnly | QFile::WriteGroup) << u"0620"_s;
}

void TestNodeIdentity::refusesGroupOrWorldReadableKey()
{
    QFETCH(int, permissions);
    QFETCH(QString, mode);
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto identity = NodeIdentity::generate(u"loose"_s, NodeRole::Dual);
    QVERIFY(identity && identity->save(paths));
    QVERIFY(QFile::setPermissions(paths.privateKeyFile(), QFile::Permissions(permissions)));

    for (const auto& result : {NodeIdentity::load(paths), NodeIdentity::loadOrCreate(paths)}) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, IdentityError::Code::InsecureKeyFile);
        QVERIFY2(result.error().message.contains(u"has mode "_s + mode), qPrintable(result.error().message));
        QVERIFY(result.error().message.contains(u"chmod 600 "_s + paths.privateKeyFile()));
    }
}

void TestNodeIdentity::refusesKeyOfWrongSize_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("empty") << 0;
    QTest::newRow("31 bytes") << 31;
    QTest::newRow("33 bytes") << 33;
    QTest::newRow("64 bytes") << 64;
}

void TestNodeIdentity::refusesKeyOfWrongSize()
{
    QFETCH(int, size);
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto identity = NodeIdentity::generate(u"sized"_s, NodeRole::Dual);
    QVERIFY(identity && identity->save(paths));
    writeFile(paths.privateKeyFile(), QByteArray(size, 'k'), kOwnerOnly);

    for (const auto& result : {NodeIdentity::load(paths), NodeIdentity::loadOrCreate(paths)}) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, IdentityError::Code::InvalidKeyFile);
        QVERIFY2(result.error().message.contains(u"is %1 bytes"_s.arg(size)),
                 qPrintable(result.error().message));
    }
    QVERIFY(!NodeIdentity::fromPrivateKey(QByteArray(size, 'k'), u"x"_s, NodeRole::Dual, GoTime::now()));
}

void TestNodeIdentity::refusesIdentityFileOfAnotherKey()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto mine = NodeIdentity::generate(u"mine"_s, NodeRole::Dual);
    auto theirs = NodeIdentity::generate(u"theirs"_s, NodeRole::Dual);
    QVERIFY(mine && theirs);
    QVERIFY(mine->save(paths));

    // Another node's node.json next to our key (Go would load it and claim the other node's ID).
    QFile json(paths.identityFile());
    QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
    json.write(theirs->publicIdentity().toPrettyJson());
    json.close();
    auto loaded = NodeIdentity::load(paths);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, IdentityError::Code::KeyMismatch);
    QVERIFY(loaded.error().message.contains(paths.identityFile()));
    QVERIFY(loaded.error().message.contains(theirs->id()));

    // Only the id altered.
    PublicIdentity forged = mine->publicIdentity();
    forged.id = theirs->id();
    QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
    json.write(forged.toPrettyJson());
    json.close();
    loaded = NodeIdentity::load(paths);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, IdentityError::Code::KeyMismatch);
}

void TestNodeIdentity::refusesMalformedIdentityFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << "node.json"_ba;
    QTest::newRow("truncated") << "{\n  \"id\": \"abc"_ba;
    QTest::newRow("array") << "[]"_ba;
    QTest::newRow("missing publicKey")
        << "{\"id\":\"x\",\"name\":\"n\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"role\":\"dual\"}"_ba;
    QTest::newRow("bad createdAt")
        << "{\"id\":\"x\",\"name\":\"n\",\"publicKey\":\"k\",\"createdAt\":\"yesterday\",\"role\":\"dual\"}"_ba;
    QTest::newRow("unknown role")
        << "{\"id\":\"x\",\"name\":\"n\",\"publicKey\":\"k\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"role\":\"boss\"}"_ba;
    QTest::newRow("id not a string")
        << "{\"id\":7,\"name\":\"n\",\"publicKey\":\"k\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"role\":\"dual\"}"_ba;
}

void TestNodeIdentity::refusesMalformedIdentityFile()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto identity = NodeIdentity::generate(u"corrupt"_s, NodeRole::Dual);
    QVERIFY(identity && identity->save(paths));
    writeFile(paths.identityFile(), content, kOwnerOnly | QFile::ReadGroup | QFile::ReadOther);

    for (const auto& result : {NodeIdentity::load(paths), NodeIdentity::loadOrCreate(paths)}) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, IdentityError::Code::InvalidIdentityFile);
        QVERIFY(result.error().message.contains(paths.identityFile()));
    }
}

void TestNodeIdentity::refusesIdentityFileWithoutKey()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto identity = NodeIdentity::generate(u"keyless"_s, NodeRole::Dual);
    QVERIFY(identity && identity->save(paths));
    QVERIFY(QFile::remove(paths.privateKeyFile()));

    for (const auto& result : {NodeIdentity::load(paths), NodeIdentity::loadOrCreate(paths)}) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, IdentityError::Code::InvalidKeyFile);
    }
    QVERIFY(!QFile::exists(paths.privateKeyFile())); // no silent new identity
}

void TestNodeIdentity::rebuildsIdentityFileFromKey()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.path());
    auto identity = NodeIdentity::generate(u"rebuilt"_s, NodeRole::Worker);
    QVERIFY(identity && identity->save(paths));
    QVERIFY(QFile::remove(paths.identityFile()));

    auto loaded = NodeIdentity::load(paths);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().code, IdentityError::Code::InvalidIdentityFile);

    auto rebuilt = NodeIdentity::loadOrCreate(paths, u"rebuilt"_s, NodeRole::Worker);
    QVERIFY(rebuilt);
    QCOMPARE(rebuilt->id(), identity->id());
    QVERIFY(QFile::exists(paths.identityFile()));
    QVERIFY(NodeIdentity::load(paths));
}

void TestNodeIdentity::refusesLowOrderPeerKeys_data()
{
    QTest::addColumn<QByteArray>("peerKey");
    QTest::newRow("all zeros") << QByteArray(32, '\0');
    QTest::newRow("u = 1") << QByteArray::fromHex(
        "0100000000000000000000000000000000000000000000000000000000000000");
    QTest::newRow("order 8") << QByteArray::fromHex(
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    QTest::newRow("p - 1") << QByteArray::fromHex(
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
}

void TestNodeIdentity::refusesLowOrderPeerKeys()
{
    QFETCH(QByteArray, peerKey);
    const NodeIdentity identity = identityFrom(kWireAlicePrivate);
    auto secret = identity.deriveSharedSecret(QStringView(encodePublicKey(peerKey)));
    QVERIFY(!secret);
    QCOMPARE(secret.error().code, IdentityError::Code::LowOrderPoint);
}

void TestNodeIdentity::refusesBadPeerKeyEncoding_data()
{
    QTest::addColumn<QString>("peerKey");
    QTest::newRow("empty") << QString();
    QTest::newRow("not base64") << u"not base64 at all!!!!!!!!!!!!!!!!!!!!!!!!!!"_s;
    QTest::newRow("unpadded") << kWireBobBase64.chopped(1);
    QTest::newRow("url alphabet") << u"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08="_s;
    QTest::newRow("31 bytes") << QString::fromLatin1(QByteArray(31, 'x').toBase64());
    QTest::newRow("33 bytes") << QString::fromLatin1(QByteArray(33, 'x').toBase64());
    QTest::newRow("hex") << QString::fromLatin1(kWireBobPublic);
}

void TestNodeIdentity::refusesBadPeerKeyEncoding()
{
    QFETCH(QString, peerKey);
    const NodeIdentity identity = identityFrom(kWireAlicePrivate);
    auto secret = identity.deriveSharedSecret(QStringView(peerKey));
    QVERIFY(!secret);
    QCOMPARE(secret.error().code, IdentityError::Code::InvalidPeerKey);
    QVERIFY(!decodePublicKey(peerKey));
    QVERIFY(!identity.deriveSharedSecret(QByteArrayView(QByteArray(31, '\x09'))));
}

void TestNodeIdentity::idMatchesKey()
{
    PublicIdentity identity = identityFrom(kWireAlicePrivate).publicIdentity();
    QVERIFY(identity.idMatchesKey());
    identity.id = kWireBobId; // WIRE.md §13.2: a claimed ID that is not the key's
    QVERIFY(!identity.idMatchesKey());
    identity.id = kWireAliceId;
    identity.publicKey = u"garbage"_s;
    QVERIFY(!identity.idMatchesKey());
}

void TestNodeIdentity::defaultNameIsAValidPeerName_data()
{
    QTest::addColumn<QString>("hostName");
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << u"rig01"_s << u"rig01"_s;
    QTest::newRow("fqdn") << u"rig01.example.com"_s << u"rig01"_s;
    QTest::newRow("underscore and dash") << u"my_rig-2"_s << u"my_rig-2"_s;
    QTest::newRow("edges") << u"-rig-"_s << u"rig"_s;
    QTest::newRow("non-ascii") << u"héllo"_s << u"h-llo"_s;
    QTest::newRow("empty") << QString() << u"lethean-node"_s;
    QTest::newRow("only dots") << u"..."_s << u"lethean-node"_s;
    QTest::newRow("long") << QString(100, u'a') << QString(64, u'a');
}

void TestNodeIdentity::defaultNameIsAValidPeerName()
{
    QFETCH(QString, hostName);
    QFETCH(QString, name);
    QCOMPARE(NodeIdentity::sanitizedName(hostName), name);
    // WIRE.md §6.5, the rule a remote Go node applies before registering us.
    const QRegularExpression rule(u"^[a-zA-Z0-9][a-zA-Z0-9\\-_ ]{0,62}[a-zA-Z0-9]$|^[a-zA-Z0-9]$"_s);
    QVERIFY(rule.match(NodeIdentity::sanitizedName(hostName)).hasMatch());
    QVERIFY(rule.match(NodeIdentity::defaultName()).hasMatch());
}

void TestNodeIdentity::secretBytesIsMoveOnlyAndComparesInConstantTime()
{
    static_assert(!std::is_copy_constructible_v<SecretBytes>);
    static_assert(!std::is_copy_assignable_v<SecretBytes>);
    static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);

    SecretBytes secret = SecretBytes::copyOf("0123456789abcdef0123456789abcdef");
    QCOMPARE(secret.size(), 32);
    QVERIFY(secret.equals("0123456789abcdef0123456789abcdef"));
    QVERIFY(!secret.equals("0123456789abcdef0123456789abcdeX"));
    QVERIFY(!secret.equals("0123456789abcdef"));

    SecretBytes moved = std::move(secret);
    QVERIFY(secret.isEmpty()); // NOLINT(bugprone-use-after-move): the moved-from state is specified
    QCOMPARE(moved.size(), 32);
    moved = SecretBytes(4);
    QVERIFY(moved.equals(QByteArray(4, '\0')));
}

QTEST_GUILESS_MAIN(TestNodeIdentity)
#include "tst_node_identity.moc"
