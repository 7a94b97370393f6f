// PacketBuilder and readAndVerify against go-p2p's ueps package: its test cases (WIRE.md §12), the
// Go-produced vector (go-vectors.json "ueps_packet"), WIRE.md §14's vector, and the cases where Go
// panics and we return an error (WIRE.md §13 #7).

#include "ueps/hmac_sha256.h"
#include "ueps/packet_builder.h"
#include "ueps/packet_reader.h"

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <cstdint>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <random>
#include <span>
#include <vector>

using namespace lethean::ueps;

namespace {

// The Go-produced vector: ueps.NewBuilder(0x20, "hello").MarshalAndSign(0x42 * 32).
const QByteArray kGoKey = QByteArray(32, '\x42');
const QByteArray kGoPacket =
    QByteArray::fromHex("010001090200010503000105040001200500020000060020ea39cf8423d78b27491e8eb762d4a6"
                        "9698c626d64b000a81580e7430dcb66824ff000568656c6c6f");

// WIRE.md §14: intent 0x20, threat 0, payload "hello UEPS", key = the X25519-derived secret.
const QByteArray kWireSecret =
    QByteArray::fromHex("dead45a1d43d6902aa9240b43c0d75a0b5fc750660590d6d45461cbfc4010684");
const QByteArray kWirePacket =
    QByteArray::fromHex("0100010902000105030001050400012005000200000600206935ebcb823bec4e"
                        "c14adbfca0710e54be10858cd26d4af24a704851c05ba1b0ff000a68656c6c6f"
                        "2055455053");
const QByteArray kWireTextKey = QByteArrayLiteral("test-shared-secret-32-bytes!!!!!");
const QByteArray kWireTextKeyHmac =
    QByteArray::fromHex("f8da7d9fef8c40d0fa1c2ddc31b183969aeddc9c27b241f0a8788e712e013601");

const QByteArray kKey = QByteArrayLiteral("shared-secret-for-the-ueps-tests");

const char* const kMismatchText = "ueps.ReadAndVerify: integrity violation: HMAC mismatch (ThreatScore +100)";
const char* const kMissingText = "ueps.ReadAndVerify: UEPS packet missing HMAC signature";
const char* const kTooLargeText = "ueps.writeTLV: TLV value too large for 2-byte length header";

std::span<const std::uint8_t> bytesOf(const QByteArray& data)
{
    return {reinterpret_cast<const std::uint8_t*>(data.constData()), static_cast<std::size_t>(data.size())};
}

QByteArray toBytes(const std::vector<std::uint8_t>& data)
{
    return QByteArray(reinterpret_cast<const char*>(data.data()), static_cast<qsizetype>(data.size()));
}

QByteArray tlv(std::uint8_t tag, const QByteArray& value)
{
    QByteArray out;
    out.append(static_cast<char>(tag));
    out.append(static_cast<char>((value.size() >> 8) & 0xFF));
    out.append(static_cast<char>(value.size() & 0xFF));
    return out + value;
}

QByteArray byteValue(std::uint8_t value)
{
    return QByteArray(1, static_cast<char>(value));
}

// The five header TLVs as Go's builder writes them.
QByteArray standardHeaders(std::uint8_t intent = 0x20, std::uint16_t threat = 0)
{
    QByteArray threatBytes;
    threatBytes.append(static_cast<char>(threat >> 8));
    threatBytes.append(static_cast<char>(threat & 0xFF));
    return tlv(0x01, byteValue(0x09)) + tlv(0x02, byteValue(5)) + tlv(0x03, byteValue(5)) +
           tlv(0x04, byteValue(intent)) + tlv(0x05, threatBytes);
}

// HMAC-SHA256 by OpenSSL's one-shot HMAC(), a different path from the code under test.
QByteArray referenceHmac(const QByteArray& key, const QByteArray& data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.constData()), static_cast<std::size_t>(data.size()),
         digest, &length);
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length));
}

// A hand-assembled packet: signedTlvs as given, then the signature over signedTlvs || payload, then
// the payload. Lets a test put any TLVs (unknown, duplicate, short) where Go's builder never would.
QByteArray signedPacket(const QByteArray& signedTlvs, const QByteArray& payload, const QByteArray& key = kKey)
{
    return signedTlvs + tlv(0x06, referenceHmac(key, signedTlvs + payload)) + tlv(0xFF, payload);
}

QByteArray marshal(const PacketBuilder& builder, const QByteArray& key = kKey)
{
    auto packet = builder.marshalAndSign(bytesOf(key));
    if (!packet) {
        qWarning("marshalAndSign failed: %s", packet.error().message.c_str());
        return {};
    }
    return toBytes(*packet);
}

QByteArray randomBytes(std::mt19937& rng, std::size_t size)
{
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    std::uniform_int_distribution<int> byte(0, 255);
    std::generate(out.begin(), out.end(), [&] { return static_cast<char>(byte(rng)); });
    return out;
}

} // namespace

class TestPacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goVector();
    void goVectorFromSharedJson();
    void wireVector_data();
    void wireVector();
    void builderDefaults();
    void builderSetters();
    void roundTrip_data();
    void roundTrip();
    void threatBoundaries_data();
    void threatBoundaries();
    void tlvLengths_data();
    void tlvLengths();
    void emptyKey();
    void tampered_data();
    void tampered();
    void missingHmac_data();
    void missingHmac();
    void hmacWrongLength_data();
    void hmacWrongLength();
    void zeroLengthHeaderValue_data();
    void zeroLengthHeaderValue();
    void longerHeaderValuesUseTheirFirstBytes();
    void absentHeaderFieldsReadAsZero();
    void truncationAtEveryOffset();
    void truncationMessages_data();
    void truncationMessages();
    void unknownTagIsMacedAndAccepted();
    void duplicateHeaderTagsLastWinsAllMaced();
    void duplicateSignatureLastWins();
    void headersInAnyOrder();
    void followingBytesAreNotConsumed();
    void randomPacketsRoundTrip();
    void everySingleBitFlipIsRejected();
};

void TestPacket::goVector()
{
    const QByteArray hello = QByteArrayLiteral("hello");
    QCOMPARE(marshal(PacketBuilder(0x20, bytesOf(hello)), kGoKey), kGoPacket);

    auto read = readAndVerify(bytesOf(kGoPacket), bytesOf(kGoKey));
    QVERIFY(read.ok());
    QCOMPARE(read->consumed, std::size_t(kGoPacket.size()));
    QCOMPARE(read->packet.header, (Header{0x09, 5, 5, 0x20, 0}));
    QCOMPARE(toBytes(read->packet.payload), hello);
}

// The embedded vector above must be the one in the shared spec; skipped where the spec is not checked out.
void TestPacket::goVectorFromSharedJson()
{
    const QByteArray sharedDir = qgetenv("LETHEAN_SHARED_DIR");
    QFile file(QString::fromLocal8Bit(sharedDir) + QStringLiteral("/spec/go-vectors.json"));
    if (sharedDir.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        QSKIP("go-vectors.json not available (LETHEAN_SHARED_DIR)");
    }
    const QJsonObject vector =
        QJsonDocument::fromJson(file.readAll()).object().value(u"ueps_packet").toObject();
    const QByteArray key = QByteArray::fromHex(vector.value(u"key_hex").toString().toLatin1());
    const QByteArray packet = QByteArray::fromHex(vector.value(u"packet_hex").toString().toLatin1());
    const QByteArray payload = vector.value(u"payload_ascii").toString().toLatin1();
    const auto intent = static_cast<std::uint8_t>(vector.value(u"intent").toInt());
    QCOMPARE(key, kGoKey);
    QCOMPARE(packet, kGoPacket);
    QCOMPARE(marshal(PacketBuilder(intent, bytesOf(payload)), key), packet);
    QVERIFY(readAndVerify(bytesOf(packet), bytesOf(key)).ok());
}

void TestPacket::wireVector_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("x25519 secret") << kWireSecret << kWirePacket;
    // Same headers and payload, the other key: only the 32 signature bytes at offset 24 change.
    QTest::newRow("text key") << kWireTextKey << QByteArray(kWirePacket).replace(24, 32, kWireTextKeyHmac);
}

void TestPacket::wireVector()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, expected);

    const QByteArray payload = QByteArrayLiteral("hello UEPS");
    QCOMPARE(expected.size(), 69);
    QCOMPARE(marshal(PacketBuilder(0x20, bytesOf(payload)), key), expected);
    auto read = readAndVerify(bytesOf(expected), bytesOf(key));
    QVERIFY(read.ok());
    QCOMPARE(toBytes(read->packet.payload), payload);
    QCOMPARE(read->packet.header.intentId, std::uint8_t(0x20));
}

void TestPacket::builderDefaults()
{
    const QByteArray payload = QByteArrayLiteral("x");
    const PacketBuilder builder(0x30, bytesOf(payload));
    QCOMPARE(builder.header().version, std::uint8_t(0x09));
    QCOMPARE(builder.header().currentLayer, std::uint8_t(5));
    QCOMPARE(builder.header().targetLayer, std::uint8_t(5));
    QCOMPARE(builder.header().intentId, std::uint8_t(0x30));
    QCOMPARE(builder.header().threatScore, std::uint16_t(0));
    QCOMPARE(builder.payload().size(), std::size_t(1));
    QCOMPARE(marshal(builder).left(PacketBuilder::kSignedHeaderSize), standardHeaders(0x30, 0));
}

void TestPacket::builderSetters()
{
    const QByteArray payload = QByteArrayLiteral("setters");
    PacketBuilder builder(0x01, std::vector<std::uint8_t>{1, 2, 3});
    builder.setVersion(0x0A).setCurrentLayer(3).setTargetLayer(7).setIntentId(0xFF).setThreatScore(0xBEEF);
    builder.setPayload(bytesOf(payload));
    const Header expected{0x0A, 3, 7, 0xFF, 0xBEEF};
    QCOMPARE(builder.header(), expected);

    const QByteArray packet = marshal(builder);
    QCOMPARE(packet.size(), qsizetype(PacketBuilder::packetSize(std::size_t(payload.size()))));
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(read->packet.header, expected);
    QCOMPARE(toBytes(read->packet.payload), payload);

    // Rebuilding from a parsed packet gives the same bytes (the signature is deterministic).
    QCOMPARE(marshal(PacketBuilder(read->packet)), packet);
    QCOMPARE(marshal(PacketBuilder(0, {}).setHeader(expected).setPayload(bytesOf(payload))), packet);
}

void TestPacket::roundTrip_data()
{
    QTest::addColumn<int>("intent");
    QTest::addColumn<int>("threat");
    QTest::addColumn<QByteArray>("payload");

    QByteArray binary(256, Qt::Uninitialized);
    for (int i = 0; i < binary.size(); ++i) {
        binary[i] = static_cast<char>(i);
    }
    QTest::newRow("basic") << 0x20 << 0 << QByteArrayLiteral("hello UEPS");
    QTest::newRow("binary 00..ff") << 0x20 << 0 << binary;
    QTest::newRow("threat score") << 0x30 << 1337 << QByteArrayLiteral("suspicious");
    QTest::newRow("4 KiB") << 0x20 << 0 << QByteArray(4096, 'A');
    QTest::newRow("nil payload") << 0xFF << 0 << QByteArray();
    QTest::newRow("empty payload") << 0x01 << 0 << QByteArray("");
    QTest::newRow("1 byte") << 0x20 << 0 << QByteArray(1, '\0');
    QTest::newRow("threat 65535") << 0x20 << 65535 << QByteArrayLiteral("max threat");
    QTest::newRow("65535 bytes (largest)") << 0x20 << 42 << QByteArray(65535, '\xA5');
}

void TestPacket::roundTrip()
{
    QFETCH(int, intent);
    QFETCH(int, threat);
    QFETCH(QByteArray, payload);

    PacketBuilder builder(static_cast<std::uint8_t>(intent), bytesOf(payload));
    builder.setThreatScore(static_cast<std::uint16_t>(threat));
    const QByteArray packet = marshal(builder);
    QCOMPARE(packet.size(), qsizetype(PacketBuilder::packetSize(std::size_t(payload.size()))));

    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY2(read.ok(), read.ok() ? "" : read.error().message.c_str());
    QCOMPARE(read->consumed, std::size_t(packet.size()));
    QCOMPARE(read->packet.header, builder.header());
    QCOMPARE(toBytes(read->packet.payload), payload);
}

void TestPacket::threatBoundaries_data()
{
    QTest::addColumn<int>("threat");
    for (const int threat : {0, 1, 255, 256, 50000, 50001, 65534, 65535}) {
        QTest::addRow("%d", threat) << threat;
    }
}

void TestPacket::threatBoundaries()
{
    QFETCH(int, threat);
    const QByteArray payload = QByteArrayLiteral("threat");
    const QByteArray packet =
        marshal(PacketBuilder(0x20, bytesOf(payload)).setThreatScore(std::uint16_t(threat)));
    // The value sits big-endian in the 05 TLV (tag at 16, length at 17..18): bytes 19 and 20.
    QCOMPARE(std::uint8_t(packet[19]), std::uint8_t(threat >> 8));
    QCOMPARE(std::uint8_t(packet[20]), std::uint8_t(threat & 0xFF));
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(read->packet.header.threatScore, std::uint16_t(threat));
}

// Go's writeTLV table (packet_coverage_test.go); the payload is the only variable-length TLV we write.
void TestPacket::tlvLengths_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("fits");

    QTest::newRow("0") << 0 << true;
    QTest::newRow("1") << 1 << true;
    QTest::newRow("255") << 255 << true;
    QTest::newRow("65535") << 65535 << true;
    QTest::newRow("65536") << 65536 << false;
    QTest::newRow("100000") << 100000 << false;
    QTest::newRow("1 MiB") << (1 << 20) << false;
}

void TestPacket::tlvLengths()
{
    QFETCH(int, length);
    QFETCH(bool, fits);

    const PacketBuilder builder(0x20, std::vector<std::uint8_t>(std::size_t(length), 0x5A));
    auto packet = builder.marshalAndSign(bytesOf(kKey));
    QCOMPARE(packet.ok(), fits);
    if (!fits) {
        QCOMPARE(packet.error().code, ErrorCode::Oversize);
        QCOMPARE(packet.error().message, std::string(kTooLargeText));
        return;
    }
    const std::size_t tail = PacketBuilder::packetSize(std::size_t(length)) - std::size_t(length);
    QCOMPARE((*packet)[tail - 3], std::uint8_t(0xFF));
    QCOMPARE((*packet)[tail - 2], std::uint8_t(length >> 8));
    QCOMPARE((*packet)[tail - 1], std::uint8_t(length & 0xFF));
    auto read = readAndVerify(*packet, bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(read->packet.payload.size(), std::size_t(length));
}

// Go signs and verifies with an empty key; an empty shared secret is always a bug on our side.
void TestPacket::emptyKey()
{
    const QByteArray payload = QByteArrayLiteral("no key");
    auto packet = PacketBuilder(0x20, bytesOf(payload)).marshalAndSign({});
    QVERIFY(!packet.ok());
    QCOMPARE(packet.error().code, ErrorCode::EmptyField);

    auto read = readAndVerify(bytesOf(kGoPacket), {});
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::EmptyField);
}

void TestPacket::tampered_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QByteArray>("key");

    const QByteArray good = signedPacket(standardHeaders(0x20, 0), QByteArrayLiteral("hello UEPS"));
    const auto flip = [&good](qsizetype at) {
        QByteArray bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x01);
        return bad;
    };
    QTest::newRow("payload byte") << flip(good.size() - 1) << kKey;
    QTest::newRow("version value") << flip(3) << kKey;
    QTest::newRow("intent value") << flip(15) << kKey;
    QTest::newRow("threat value") << flip(19) << kKey;
    QTest::newRow("signature byte") << flip(30) << kKey;
    QTest::newRow("wrong secret") << good << QByteArrayLiteral("another-shared-secret-32-bytes!!");
    QTest::newRow("key one byte short") << good << kKey.left(kKey.size() - 1);
}

void TestPacket::tampered()
{
    QFETCH(QByteArray, packet);
    QFETCH(QByteArray, key);

    auto read = readAndVerify(bytesOf(packet), bytesOf(key));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::HmacMismatch);
    QCOMPARE(read.error().message, std::string(kMismatchText));
}

void TestPacket::missingHmac_data()
{
    QTest::addColumn<QByteArray>("packet");

    const QByteArray payload = QByteArrayLiteral("unsigned");
    QTest::newRow("headers and payload") << standardHeaders() + tlv(0xFF, payload);
    QTest::newRow("payload only") << tlv(0xFF, payload);
    QTest::newRow("empty signature TLV") << standardHeaders() + tlv(0x06, {}) + tlv(0xFF, payload);
    // Last signature wins, even an empty one (Go tests len(signature) == 0).
    QTest::newRow("good then empty signature")
        << signedPacket(standardHeaders(), payload)
               .insert(PacketBuilder::kSignedHeaderSize + 3 + kHmacSize, tlv(0x06, {}));
}

void TestPacket::missingHmac()
{
    QFETCH(QByteArray, packet);

    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::MissingHmac);
    QCOMPARE(read.error().message, std::string(kMissingText));
}

// Go compares with hmac.Equal and reports a mismatch; a signature that cannot be SHA-256 is malformed.
void TestPacket::hmacWrongLength_data()
{
    QTest::addColumn<int>("length");
    for (const int length : {1, 16, 31, 33, 64, 65535}) {
        QTest::addRow("%d", length) << length;
    }
}

void TestPacket::hmacWrongLength()
{
    QFETCH(int, length);

    const QByteArray payload = QByteArrayLiteral("payload");
    const QByteArray signature =
        referenceHmac(kKey, standardHeaders() + payload).leftJustified(length, '\0', true);
    const QByteArray packet = standardHeaders() + tlv(0x06, signature) + tlv(0xFF, payload);
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::BadLength);
}

// Go panics (index out of range) on each of these: WIRE.md §13 #7.
void TestPacket::zeroLengthHeaderValue_data()
{
    QTest::addColumn<QByteArray>("header");

    QTest::newRow("01 empty") << tlv(0x01, {});
    QTest::newRow("02 empty") << tlv(0x02, {});
    QTest::newRow("03 empty") << tlv(0x03, {});
    QTest::newRow("04 empty") << tlv(0x04, {});
    QTest::newRow("05 empty") << tlv(0x05, {});
    QTest::newRow("05 one byte") << tlv(0x05, byteValue(0x01));
}

void TestPacket::zeroLengthHeaderValue()
{
    QFETCH(QByteArray, header);

    // Correctly signed, so only the short value can be the reason for the refusal.
    const QByteArray packet = signedPacket(standardHeaders() + header, QByteArrayLiteral("panic in Go"));
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::BadLength);
}

void TestPacket::longerHeaderValuesUseTheirFirstBytes()
{
    const QByteArray headers =
        tlv(0x01, QByteArray::fromHex("0a0b")) + tlv(0x02, QByteArray::fromHex("0304")) +
        tlv(0x03, QByteArray::fromHex("0708")) + tlv(0x04, QByteArray::fromHex("3099")) +
        tlv(0x05, QByteArray::fromHex("c35177"));
    const QByteArray packet = signedPacket(headers, QByteArrayLiteral("long values"));
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(read->packet.header, (Header{0x0A, 3, 7, 0x30, 50001}));
}

void TestPacket::absentHeaderFieldsReadAsZero()
{
    const QByteArray packet = signedPacket(tlv(0x04, byteValue(0x20)), QByteArrayLiteral("sparse"));
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(read->packet.header, (Header{0, 0, 0, 0x20, 0}));
}

void TestPacket::truncationAtEveryOffset()
{
    const QByteArray packet = marshal(PacketBuilder(0x20, bytesOf(QByteArrayLiteral("truncate me"))));
    for (qsizetype length = 0; length < packet.size(); ++length) {
        auto read = readAndVerify(bytesOf(packet.left(length)), bytesOf(kKey));
        QVERIFY2(!read.ok(), qPrintable(QString::number(length)));
        QCOMPARE(read.error().code, ErrorCode::Truncated);
    }
    QVERIFY(readAndVerify(bytesOf(packet), bytesOf(kKey)).ok());
}

// Go returns io.EOF where a read got nothing and io.ErrUnexpectedEOF where io.ReadFull got part.
void TestPacket::truncationMessages_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty input") << 0 << QStringLiteral("EOF");
    QTest::newRow("tag only") << 1 << QStringLiteral("EOF");
    QTest::newRow("one length byte") << 2 << QStringLiteral("unexpected EOF");
    QTest::newRow("no value byte") << 3 << QStringLiteral("EOF");
    QTest::newRow("between TLVs") << 4 << QStringLiteral("EOF");
    QTest::newRow("headers only") << 21 << QStringLiteral("EOF");
    QTest::newRow("half a signature") << 40 << QStringLiteral("unexpected EOF");
    QTest::newRow("payload tag and length") << 59 << QStringLiteral("EOF");
    QTest::newRow("one payload byte short") << 63 << QStringLiteral("unexpected EOF");
}

void TestPacket::truncationMessages()
{
    QFETCH(int, length);
    QFETCH(QString, message);

    auto read = readAndVerify(bytesOf(kGoPacket.left(length)), bytesOf(kGoKey));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::Truncated);
    QCOMPARE(QString::fromStdString(read.error().message), message);
}

void TestPacket::unknownTagIsMacedAndAccepted()
{
    const QByteArray payload = QByteArrayLiteral("future proof");
    const QByteArray unknown = tlv(0xAA, QByteArrayLiteral("extension"));
    const QByteArray packet = signedPacket(standardHeaders() + unknown, payload);
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(toBytes(read->packet.payload), payload);
    QCOMPARE(read->packet.header.intentId, std::uint8_t(0x20));

    // The unknown TLV is covered by the signature: change it and verification fails.
    QByteArray altered = packet;
    altered[PacketBuilder::kSignedHeaderSize + 3] = 'E';
    QCOMPARE(readAndVerify(bytesOf(altered), bytesOf(kKey)).error().code, ErrorCode::HmacMismatch);

    // Signed without it, then inserted: rejected.
    QByteArray inserted = signedPacket(standardHeaders(), payload);
    inserted.insert(PacketBuilder::kSignedHeaderSize, unknown);
    QCOMPARE(readAndVerify(bytesOf(inserted), bytesOf(kKey)).error().code, ErrorCode::HmacMismatch);

    // An unknown TLV between the signature and the payload is MACed too, after the headers.
    const QByteArray signedTlvs = standardHeaders() + unknown;
    const QByteArray late = standardHeaders() + tlv(0x06, referenceHmac(kKey, signedTlvs + payload)) +
                            unknown + tlv(0xFF, payload);
    QVERIFY(readAndVerify(bytesOf(late), bytesOf(kKey)).ok());
}

void TestPacket::duplicateHeaderTagsLastWinsAllMaced()
{
    const QByteArray headers =
        standardHeaders(0x10, 7) + tlv(0x04, byteValue(0x20)) + tlv(0x05, QByteArray::fromHex("0009"));
    const QByteArray packet = signedPacket(headers, QByteArrayLiteral("dup"));
    auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(read->packet.header.intentId, std::uint8_t(0x20));
    QCOMPARE(read->packet.header.threatScore, std::uint16_t(9));

    // Signed over the last values only: the earlier duplicates were MACed, so this fails.
    const QByteArray signature = referenceHmac(kKey, standardHeaders(0x20, 9) + QByteArrayLiteral("dup"));
    const QByteArray forged = headers + tlv(0x06, signature) + tlv(0xFF, QByteArrayLiteral("dup"));
    QCOMPARE(readAndVerify(bytesOf(forged), bytesOf(kKey)).error().code, ErrorCode::HmacMismatch);
}

void TestPacket::duplicateSignatureLastWins()
{
    const QByteArray payload = QByteArrayLiteral("two signatures");
    const QByteArray good = referenceHmac(kKey, standardHeaders() + payload);
    const QByteArray junk(32, '\x77');

    const QByteArray goodLast = standardHeaders() + tlv(0x06, junk) + tlv(0x06, good) + tlv(0xFF, payload);
    QVERIFY(readAndVerify(bytesOf(goodLast), bytesOf(kKey)).ok());
    const QByteArray shortThenGood =
        standardHeaders() + tlv(0x06, junk.left(5)) + tlv(0x06, good) + tlv(0xFF, payload);
    QVERIFY(readAndVerify(bytesOf(shortThenGood), bytesOf(kKey)).ok());

    const QByteArray junkLast = standardHeaders() + tlv(0x06, good) + tlv(0x06, junk) + tlv(0xFF, payload);
    QCOMPARE(readAndVerify(bytesOf(junkLast), bytesOf(kKey)).error().code, ErrorCode::HmacMismatch);
}

// The MAC input is the header TLVs in the order received, so a differently ordered packet signed that
// way verifies, as in Go.
void TestPacket::headersInAnyOrder()
{
    const QByteArray reversed = tlv(0x05, QByteArray::fromHex("0102")) + tlv(0x04, byteValue(0x30)) +
                                tlv(0x03, byteValue(4)) + tlv(0x02, byteValue(3)) +
                                tlv(0x01, byteValue(0x09));
    auto read = readAndVerify(bytesOf(signedPacket(reversed, QByteArrayLiteral("r"))), bytesOf(kKey));
    QVERIFY(read.ok());
    QCOMPARE(read->packet.header, (Header{0x09, 3, 4, 0x30, 0x0102}));
}

void TestPacket::followingBytesAreNotConsumed()
{
    const QByteArray first = marshal(PacketBuilder(0x20, bytesOf(QByteArrayLiteral("first"))));
    const QByteArray second = marshal(PacketBuilder(0x30, bytesOf(QByteArrayLiteral("second packet"))));
    const QByteArray stream = first + second + QByteArrayLiteral("\x01\x00");

    auto one = readAndVerify(bytesOf(stream), bytesOf(kKey));
    QVERIFY(one.ok());
    QCOMPARE(one->consumed, std::size_t(first.size()));
    auto two = readAndVerify(bytesOf(stream).subspan(one->consumed), bytesOf(kKey));
    QVERIFY(two.ok());
    QCOMPARE(two->consumed, std::size_t(second.size()));
    QCOMPARE(toBytes(two->packet.payload), QByteArrayLiteral("second packet"));
    auto rest = readAndVerify(bytesOf(stream).subspan(one->consumed + two->consumed), bytesOf(kKey));
    QCOMPARE(rest.error().code, ErrorCode::Truncated);
}

void TestPacket::randomPacketsRoundTrip()
{
    std::mt19937 rng(0x0E95u);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> word(0, 65535);
    std::uniform_int_distribution<int> smallSize(0, 2048);
    for (int i = 0; i < 300; ++i) {
        // Mostly small payloads, every tenth up to the maximum.
        const std::size_t size = (i % 10 == 9) ? std::size_t(word(rng)) : std::size_t(smallSize(rng));
        const QByteArray payload = randomBytes(rng, size);
        const QByteArray key = randomBytes(rng, std::size_t(1 + byte(rng) % 64));
        PacketBuilder builder(static_cast<std::uint8_t>(byte(rng)), bytesOf(payload));
        builder.setVersion(std::uint8_t(byte(rng)))
            .setCurrentLayer(std::uint8_t(byte(rng)))
            .setTargetLayer(std::uint8_t(byte(rng)))
            .setThreatScore(std::uint16_t(word(rng)));

        const QByteArray packet = marshal(builder, key);
        auto read = readAndVerify(bytesOf(packet), bytesOf(key));
        QVERIFY2(read.ok(), qPrintable(QString::number(i)));
        QCOMPARE(read->packet.header, builder.header());
        QCOMPARE(toBytes(read->packet.payload), payload);
        QCOMPARE(read->consumed, std::size_t(packet.size()));
    }
}

// Every byte is either MACed or is part of the signature TLV or the payload's tag and length, so no
// single-bit flip can verify. Which error appears depends on the bit: a flipped length byte reads as
// Truncated or a different parse, a flipped tag can lose the signature (MissingHmac) or turn a header
// into a too-short field (BadLength). All must be "not ok"; a flip inside a value (header field,
// signature or payload) leaves the parse alone and must be exactly an HmacMismatch.
void TestPacket::everySingleBitFlipIsRejected()
{
    // Offsets of value bytes in a builder packet: the five header values, the signature, the payload.
    const auto isValueByte = [](qsizetype at) {
        const qsizetype signatureStart = PacketBuilder::kSignedHeaderSize + qsizetype(kTlvHeaderSize);
        const qsizetype payloadStart = signatureStart + qsizetype(kHmacSize) + qsizetype(kTlvHeaderSize);
        return at == 3 || at == 7 || at == 11 || at == 15 || at == 19 || at == 20 ||
               (at >= signatureStart && at < signatureStart + qsizetype(kHmacSize)) || at >= payloadStart;
    };
    std::mt19937 rng(0xF11Bu);
    for (const std::size_t size : {std::size_t(0), std::size_t(1), std::size_t(5), std::size_t(40)}) {
        const QByteArray payload = randomBytes(rng, size);
        const QByteArray packet = marshal(PacketBuilder(0x20, bytesOf(payload)).setThreatScore(513), kKey);
        for (qsizetype at = 0; at < packet.size(); ++at) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray flipped = packet;
                flipped[at] = static_cast<char>(flipped[at] ^ (1 << bit));
                auto read = readAndVerify(bytesOf(flipped), bytesOf(kKey));
                const QString where =
                    QStringLiteral("payload %1, byte %2, bit %3").arg(size).arg(at).arg(bit);
                QVERIFY2(!read.ok(), qPrintable(where));
                if (isValueByte(at)) {
                    QVERIFY2(read.error().code == ErrorCode::HmacMismatch, qPrintable(where));
                }
            }
        }
    }
}

QTEST_APPLESS_MAIN(TestPacket)
#include "tst_packet.moc"
