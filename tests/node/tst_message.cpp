#include "node/go_time.h"
#include "node/identity_crypto.h"
#include "node/json_reader.h"
#include "node/json_writer.h"
#include "node/message.h"
#include "node/node_identity.h"
#include "node/payloads.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUuid>
#include <QtConcurrent>
#include <functional>
#include <limits>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace lethean::node;

using Check = std::function<void()>;
Q_DECLARE_METATYPE(Check)
Q_DECLARE_METATYPE(MessageError::Code)

namespace {

const QString kAliceId = u"300c9c9603b92a4b39ed3958bf924011"_s;
const QString kBobId = u"f35e5616160a30bf3c6e79fa73c576d4"_s;

// WIRE.md §14, inner message M of the SMSG vector: 214 bytes.
const QByteArray kWireInnerMessage =
    R"({"id":"00000000-0000-4000-8000-000000000001","type":"ping","from":"300c9c9603b92a4b39ed3958bf924011",)"
    R"("to":"f35e5616160a30bf3c6e79fa73c576d4","ts":"2026-01-02T03:04:05.123456789Z",)"
    R"("payload":{"sentAt":1767323045123}})"_ba;

QJsonObject loadGoVectors()
{
    QFile file(qEnvironmentVariable("LETHEAN_SHARED_DIR") + u"/spec/go-vectors.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

GoTime at(QStringView text)
{
    auto time = GoTime::parse(text);
    if (!time)
        qFatal("bad test timestamp: %s", qPrintable(time.error()));
    return *time;
}

PublicIdentity sampleIdentity()
{
    return {kAliceId, u"alice"_s, u"hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo="_s,
            at(u"2026-01-01T00:00:00Z"), NodeRole::Controller};
}

Message fixedMessage(MessageType type, const QByteArray& payload)
{
    Message message;
    message.id = u"00000000-0000-4000-8000-000000000001"_s;
    message.type = type;
    message.from = kAliceId;
    message.to = kBobId;
    message.timestamp = at(u"2026-01-02T03:04:05.123456789Z");
    message.payload = payload;
    return message;
}

// The payload writes `expected` byte for byte, reads back equal, and survives a whole envelope
// round trip through parsePayload.
template <typename P> Check roundTrip(P payload, QByteArray expected)
{
    return [payload = std::move(payload), expected = std::move(expected)] {
        QCOMPARE(payload.toJson(), expected);
        auto parsed = P::fromJson(expected);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QVERIFY(*parsed == payload);

        const Message message = Message::create(kAliceId, kBobId, payload);
        QCOMPARE(message.type, P::kType);
        const QByteArray wire = message.toJson();
        QVERIFY(wire.contains(",\"payload\":" + expected + "}"));
        auto received = Message::fromJson(wire);
        QVERIFY2(received, qPrintable(received ? QString() : received.error().message));
        QVERIFY(*received == message);
        QCOMPARE(received->toJson(), wire);
        auto typed = parsePayload<P>(*received);
        QVERIFY2(typed, qPrintable(typed ? QString() : typed.error().message));
        QVERIFY(*typed == payload);
    };
}

QByteArray envelopeWith(const QByteArray& type, const QByteArray& payload)
{
    return R"({"id":"x","type":")" + type +
           R"(","from":"a","to":"b","ts":"2026-01-01T00:00:00Z","payload":)" + payload + "}";
}

} // namespace

class TestMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Go's time format
    void goTimeRoundTrip_data();
    void goTimeRoundTrip();
    void goTimeNormalises_data();
    void goTimeNormalises();
    void goTimeRejects_data();
    void goTimeRejects();
    void goTimeFromQDateTime();
    void goTimeNow();

    // JSON writer and reader
    void writerNumbersAsGo_data();
    void writerNumbersAsGo();
    void writerEscaping_data();
    void writerEscaping();
    void writerIndentsAsMarshalIndent();
    void readerDecodesEscapes();
    void readerKeyMatchingAsGo();

    // WIRE.md §12 message_test.go
    void allMessageTypeStrings();
    void errorAndDisconnectCodes();
    void newMessageSetsEveryField();
    void replySwapsAddresses();
    void errorMessage();
    void parsePayloadValidNullAndComplex();
    void envelopeJsonRoundTrip();

    // Every type, field by field
    void payloadRoundTrip_data();
    void payloadRoundTrip();

    // Byte-for-byte vectors
    void envelopeKeyOrder();
    void wireInnerMessage();
    void goHandshakeFrames();
    void goSmsgMessageAndPlaintext();

    // WIRE.md §12 bufpool_test.go
    void noTrailingNewlineAndNoHtmlEscaping();
    void largeThenSmallMessages();
    void concurrentSerialisation();

    // Go's tolerance
    void tolerantWhereGoIsTolerant();
    void rawPayloadKeptAndCompacted();

    // Bad input
    void badEnvelopes_data();
    void badEnvelopes();
    void badPayloads_data();
    void badPayloads();
    void integerLimits();
    void mutatedInputNeverCrashes();
};

void TestMessage::initTestCase()
{
    QVERIFY2(!loadGoVectors().isEmpty(),
             "go-vectors.json not found or invalid: set LETHEAN_SHARED_DIR (ctest does)");
}

void TestMessage::goTimeRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("utc") << u"2026-01-01T00:00:00Z"_s;
    QTest::newRow("nanoseconds") << u"2026-01-02T03:04:05.123456789Z"_s;
    QTest::newRow("one digit and offset") << u"2026-01-01T10:00:00.5+01:00"_s;
    QTest::newRow("negative half-hour offset") << u"2024-02-29T23:59:59.000000001-05:30"_s;
    QTest::newRow("Go zero time") << u"0001-01-01T00:00:00Z"_s;
    QTest::newRow("year 0") << u"0000-03-01T00:00:00Z"_s;
    QTest::newRow("year 9999") << u"9999-12-31T23:59:59.999999999+14:00"_s;
    QTest::newRow("before 1970") << u"1969-12-31T23:59:59.9Z"_s;
    QTest::newRow("leading zeros in the fraction") << u"2026-01-01T00:00:00.00000001Z"_s;
}

void TestMessage::goTimeRoundTrip()
{
    QFETCH(QString, text);
    auto time = GoTime::parse(text);
    QVERIFY2(time, qPrintable(time ? QString() : time.error()));
    QCOMPARE(time->toString(), text);
    QCOMPARE(formatGoTime(time->toDateTime(), time->nanosecond()), text);
    QCOMPARE(parseGoTime(text)->toString(), text);
}

void TestMessage::goTimeNormalises_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("written");
    QTest::addColumn<qint64>("unixSeconds");
    QTest::newRow("trailing zeros") << u"2026-01-01T00:00:00.500000000Z"_s << u"2026-01-01T00:00:00.5Z"_s
                                    << qint64(1767225600);
    QTest::newRow("zero fraction") << u"2026-01-01T00:00:00.000Z"_s << u"2026-01-01T00:00:00Z"_s
                                   << qint64(1767225600);
    QTest::newRow("+00:00 is Z") << u"2026-01-01T00:00:00+00:00"_s << u"2026-01-01T00:00:00Z"_s
                                 << qint64(1767225600);
    QTest::newRow("-00:00 is Z") << u"2026-01-01T00:00:00-00:00"_s << u"2026-01-01T00:00:00Z"_s
                                 << qint64(1767225600);
    QTest::newRow("more than nine digits")
        << u"2026-01-01T00:00:00.1234567899Z"_s << u"2026-01-01T00:00:00.123456789Z"_s << qint64(1767225600);
    QTest::newRow("offset moves the instant")
        << u"2026-01-01T01:00:00+01:00"_s << u"2026-01-01T01:00:00+01:00"_s << qint64(1767225600);
}

void TestMessage::goTimeNormalises()
{
    QFETCH(QString, text);
    QFETCH(QString, written);
    QFETCH(qint64, unixSeconds);
    auto time = GoTime::parse(text);
    QVERIFY(time);
    QCOMPARE(time->toString(), written);
    QCOMPARE(time->unixSeconds(), unixSeconds);
}

void TestMessage::goTimeRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("date only") << u"2026-01-01"_s;
    QTest::newRow("space separator") << u"2026-01-01 00:00:00Z"_s;
    QTest::newRow("lowercase t") << u"2026-01-01t00:00:00Z"_s;
    QTest::newRow("lowercase z") << u"2026-01-01T00:00:00z"_s;
    QTest::newRow("no zone") << u"2026-01-01T00:00:00"_s;
    QTest::newRow("month 13") << u"2026-13-01T00:00:00Z"_s;
    QTest::newRow("month 0") << u"2026-00-01T00:00:00Z"_s;
    QTest::newRow("February 30") << u"2026-02-30T00:00:00Z"_s;
    QTest::newRow("February 29, not leap") << u"2025-02-29T00:00:00Z"_s;
    QTest::newRow("hour 24") << u"2026-01-01T24:00:00Z"_s;
    QTest::newRow("minute 60") << u"2026-01-01T00:60:00Z"_s;
    QTest::newRow("leap second") << u"2026-01-01T00:00:60Z"_s;
    QTest::newRow("empty fraction") << u"2026-01-01T00:00:00.Z"_s;
    QTest::newRow("comma fraction") << u"2026-01-01T00:00:00,5Z"_s;
    QTest::newRow("short offset") << u"2026-01-01T00:00:00+1:00"_s;
    QTest::newRow("offset without colon") << u"2026-01-01T00:00:00+0100"_s;
    QTest::newRow("offset hour 24") << u"2026-01-01T00:00:00+24:00"_s;
    QTest::newRow("offset minute 60") << u"2026-01-01T00:00:00+01:60"_s;
    QTest::newRow("trailing text") << u"2026-01-01T00:00:00Zjunk"_s;
    QTest::newRow("two-digit year") << u"26-01-01T00:00:00Z"_s;
    QTest::newRow("unicode digits") << u"２026-01-01T00:00:00Z"_s;
    QTest::newRow("unix number") << u"1767225600"_s;
}

void TestMessage::goTimeRejects()
{
    QFETCH(QString, text);
    auto time = GoTime::parse(text);
    QVERIFY(!time);
    QVERIFY(time.error().contains(u"bad timestamp"_s));
}

void TestMessage::goTimeFromQDateTime()
{
    const QDateTime local(QDate(2026, 1, 1), QTime(10, 0, 0, 999), Qt::OffsetFromUTC, 3600);
    QCOMPARE(formatGoTime(local, 500'000'000), u"2026-01-01T10:00:00.5+01:00"_s);
    QCOMPARE(formatGoTime(local, 0), u"2026-01-01T10:00:00+01:00"_s);
    const QDateTime utc(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    QCOMPARE(formatGoTime(utc, 123'456'789), u"2026-01-02T03:04:05.123456789Z"_s);
    QCOMPARE(formatGoTime(QDateTime(), 0), QString());
    QVERIFY(GoTime().isNull());

    const GoTime parsed = at(u"2026-01-02T03:04:05.123456789+02:00");
    QCOMPARE(parsed.toDateTime().offsetFromUtc(), 7200);
    QCOMPARE(parsed.toDateTime().time(), QTime(3, 4, 5, 123));
    QCOMPARE(parsed.toMSecsSinceEpoch(), qint64(1767315845123));
    QCOMPARE(parsed.nanosecond(), 123456789);
}

void TestMessage::goTimeNow()
{
    const GoTime now = GoTime::now();
    QVERIFY(!now.isNull());
    QCOMPARE(now.offsetSeconds(), 0);
    QVERIFY(now.toString().endsWith(u'Z'));
    QVERIFY(qAbs(now.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch()) < 5000);
    QCOMPARE(*GoTime::parse(now.toString()), now);
}

void TestMessage::writerNumbersAsGo_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("hashrate") << 1234.56 << "1234.56"_ba;
    QTest::newRow("integral") << 100.0 << "100"_ba;
    QTest::newRow("zero") << 0.0 << "0"_ba;
    QTest::newRow("negative zero") << -0.0 << "-0"_ba;
    QTest::newRow("shortest") << 0.1 + 0.2 << "0.30000000000000004"_ba;
    QTest::newRow("1e20 fixed") << 1e20 << "100000000000000000000"_ba;
    QTest::newRow("1e21 exponent") << 1e21 << "1e+21"_ba;
    QTest::newRow("1e-6 fixed") << 1e-6 << "0.000001"_ba;
    QTest::newRow("1e-7 exponent") << 1e-7 << "1e-7"_ba;
    QTest::newRow("1.5e-10") << 1.5e-10 << "1.5e-10"_ba;
    QTest::newRow("max") << std::numeric_limits<double>::max() << "1.7976931348623157e+308"_ba;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << "0"_ba;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << "0"_ba;
}

void TestMessage::writerNumbersAsGo()
{
    QFETCH(double, value);
    QFETCH(QByteArray, json);
    JsonWriter out;
    out.beginArray().real(value).endArray();
    QCOMPARE(out.take(), "[" + json + "]");
}

void TestMessage::writerEscaping_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("go");
    QTest::addColumn<QByteArray>("htmlSafe");
    QTest::newRow("plain") << u"xmrig-1"_s << "\"xmrig-1\""_ba
                           << "\"xmrig-1\""_ba;
    QTest::newRow("quote and backslash") << u"a\"b\\c"_s << R"("a\"b\\c")"_ba
                                         << R"("a\"b\\c")"_ba;
    QTest::newRow("html") << u"<b> & </b>"_s << R"("<b> & </b>")"_ba
                          << R"("\u003cb\u003e \u0026 \u003c/b\u003e")"_ba;
    QTest::newRow("newline, tab, return") << u"a\nb\tc\rd"_s << R"("a\nb\tc\rd")"_ba
                                          << R"("a\nb\tc\rd")"_ba;
    QTest::newRow("control") << u"\u0001\u001f"_s << R"("\u0001\u001f")"_ba
                             << R"("\u0001\u001f")"_ba;
    QTest::newRow("slash and DEL") << u"a/b\u007f"_s << "\"a/b\x7f\""_ba
                                   << "\"a/b\x7f\""_ba;
    QTest::newRow("line separators") << u"a\u2028b\u2029c"_s << R"("a\u2028b\u2029c")"_ba
                                     << R"("a\u2028b\u2029c")"_ba;
    QTest::newRow("utf-8 raw") << u"héllo ✓ 😀"_s << "\"héllo ✓ 😀\""_ba
                               << "\"héllo ✓ 😀\""_ba;
}

void TestMessage::writerEscaping()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, go);
    QFETCH(QByteArray, htmlSafe);
    QCOMPARE(JsonWriter::quote(value), go);
    QCOMPARE(JsonWriter::quote(value, JsonWriter::Escaping::GoHtmlSafe), htmlSafe);

    // What is written reads back as it was.
    const QByteArray object = "{\"v\":" + go + "}";
    auto in = JsonReader::parse(object);
    QVERIFY2(in, qPrintable(in ? QString() : in.error().message));
    QCOMPARE(in->string(u"v"), value);
    auto safe = JsonReader::parse("{\"v\":" + htmlSafe + "}");
    QVERIFY(safe);
    QCOMPARE(safe->string(u"v"), value);
}

void TestMessage::writerIndentsAsMarshalIndent()
{
    JsonWriter out(JsonWriter::Escaping::GoHtmlSafe, 2);
    out.beginObject();
    out.key(u"a")
        .beginArray()
        .integer(1)
        .beginObject()
        .key(u"b")
        .beginArray()
        .endArray()
        .endObject()
        .endArray();
    out.key(u"c").beginObject().endObject();
    out.key(u"d").string(u"<x>");
    out.endObject();
    QCOMPARE(out.take(), "{\n"
                         "  \"a\": [\n"
                         "    1,\n"
                         "    {\n"
                         "      \"b\": []\n"
                         "    }\n"
                         "  ],\n"
                         "  \"c\": {},\n"
                         "  \"d\": \"\\u003cx\\u003e\"\n"
                         "}"_ba);
}

void TestMessage::readerDecodesEscapes()
{
    auto in = JsonReader::parse(R"({"s":"\u00e9\n\"\\\/\b\f\ud83d\ude00","k\u0065y":"v"})"_ba);
    QVERIFY(in);
    QCOMPARE(in->string(u"s"), u"é\n\"\\/\b\f😀"_s);
    QCOMPARE(in->string(u"key"), u"v"_s); // an escaped key is decoded before matching
}

void TestMessage::readerKeyMatchingAsGo()
{
    // Go assigns a field from every key equal to it (exactly or folded); the last one wins.
    auto in =
        JsonReader::parse(R"({"sentAt":1,"SENTAT":2,"sentat":3,"other":4,"Sentat":5,"x":{"sentAt":9}})"_ba);
    QVERIFY(in);
    QCOMPARE(in->integer(u"sentAt"), 5);
    auto folded = JsonReader::parse(u"{\"\u212Aey\":1,\"ſentAt\":2}"_s.toUtf8()); // Kelvin sign, long s
    QVERIFY(folded);
    QCOMPARE(folded->integer(u"key"), 1);
    QCOMPARE(folded->integer(u"sentAt"), 2);
    QVERIFY(!folded->contains(u"other"));
    // A key written with escapes is decoded before it is compared; a prefix is not a match.
    auto escaped = JsonReader::parse(R"({"sent\u0041t":7,"sentA":8,"sentAtt":9})"_ba);
    QVERIFY(escaped);
    QCOMPARE(escaped->integer(u"sentAt"), 7);
    QCOMPARE(escaped->integer(u"SENTA"), 8);
}

void TestMessage::allMessageTypeStrings()
{
    const QStringList expected = {u"handshake"_s,  u"handshake_ack"_s, u"ping"_s,   u"pong"_s,
                                  u"disconnect"_s, u"get_stats"_s,     u"stats"_s,  u"start_miner"_s,
                                  u"stop_miner"_s, u"miner_ack"_s,     u"deploy"_s, u"deploy_ack"_s,
                                  u"get_logs"_s,   u"logs"_s,          u"error"_s};
    QCOMPARE(qsizetype(kAllMessageTypes.size()), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const MessageType type = kAllMessageTypes[size_t(i)];
        QCOMPARE(messageTypeToString(type), expected[i]);
        QCOMPARE(messageTypeFromString(expected[i]), std::optional<MessageType>(type));
        const Message message = Message::create(type, u"from"_s, u"to"_s);
        QCOMPARE(message.type, type);
        QCOMPARE(Message::fromJson(message.toJson())->type, type);
    }
    QCOMPARE(messageTypeFromString(u"Ping"), std::nullopt); // case-sensitive, as in Go
    QCOMPARE(messageTypeFromString(u"PING"), std::nullopt);
    QCOMPARE(messageTypeFromString(u""), std::nullopt);
    QCOMPARE(messageTypeFromString(u"ping "), std::nullopt);
}

void TestMessage::errorAndDisconnectCodes()
{
    QCOMPARE(qint64(ErrorCode::Unknown), 1000);
    QCOMPARE(qint64(ErrorCode::InvalidMessage), 1001);
    QCOMPARE(qint64(ErrorCode::Unauthorized), 1002);
    QCOMPARE(qint64(ErrorCode::NotFound), 1003);
    QCOMPARE(qint64(ErrorCode::OperationFailed), 1004);
    QCOMPARE(qint64(ErrorCode::Timeout), 1005);
    QCOMPARE(qint64(DisconnectCode::Normal), 1000);
    QCOMPARE(qint64(DisconnectCode::GoingAway), 1001);
    QCOMPARE(qint64(DisconnectCode::ProtocolError), 1002);
    QCOMPARE(qint64(DisconnectCode::Timeout), 1003);
    QCOMPARE(qint64(DisconnectCode::Shutdown), 1004);
    QCOMPARE(QString::fromLatin1(kProtocolVersion), u"1.0"_s);
    QCOMPARE(supportedProtocolVersions(), QStringList{u"1.0"_s});
    QVERIFY(isProtocolVersionSupported(u"1.0"));
    QVERIFY(!isProtocolVersionSupported(u"2.0"));
    QVERIFY(!isProtocolVersionSupported(u""));
}

void TestMessage::newMessageSetsEveryField()
{
    const Message message = Message::create(MessageType::Ping, u"sender-id"_s, u"receiver-id"_s);
    QCOMPARE(message.type, MessageType::Ping);
    QCOMPARE(message.from, u"sender-id"_s);
    QCOMPARE(message.to, u"receiver-id"_s);
    const QRegularExpression uuidV4(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
    QVERIFY2(uuidV4.match(message.id).hasMatch(), qPrintable(message.id));
    QVERIFY(!message.timestamp.isNull());
    QVERIFY(qAbs(message.timestamp.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch()) < 5000);
    QVERIFY(!message.hasPayload());
    QVERIFY(message.replyTo.isEmpty());
    QVERIFY(message.toJson().contains(",\"payload\":null}"));
    QVERIFY(Message::create(MessageType::Ping, {}, {}).id != message.id);
    // IDs come from libsodium's CSPRNG with the version and variant bits set (RFC 4122 §4.4): every
    // one of many is a well-formed random UUID, and none repeats.
    QSet<QString> ids;
    for (int i = 0; i < 10000; ++i) {
        const QString id = Message::create(MessageType::Ping, {}, {}).id;
        const QUuid uuid(id);
        QCOMPARE(uuid.version(), QUuid::Random);
        QCOMPARE(uuid.variant(), QUuid::DCE);
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 10000);

    const Message withPayload = Message::create(u"sender"_s, u"receiver"_s, PingPayload{1767323045123});
    QCOMPARE(withPayload.type, MessageType::Ping);
    QVERIFY(withPayload.hasPayload());
    QCOMPARE(parsePayload<PingPayload>(withPayload)->sentAt, 1767323045123);
}

void TestMessage::replySwapsAddresses()
{
    const Message request = Message::create(u"sender"_s, u"receiver"_s, PingPayload{12345});
    const Message reply = request.reply(PongPayload{12345, 12350});
    QCOMPARE(reply.type, MessageType::Pong);
    QCOMPARE(reply.from, request.to);
    QCOMPARE(reply.to, request.from);
    QCOMPARE(reply.replyTo, request.id);
    QVERIFY(reply.id != request.id);
    QCOMPARE(parsePayload<PongPayload>(reply)->receivedAt, 12350);
    QVERIFY(reply.toJson().endsWith(",\"replyTo\":\"" + request.id.toLatin1() + "\"}"));

    // WIRE.md §13.25: Go's reply comes "from" whatever the request had in "to", even "".
    const Message broadcast = Message::create(MessageType::GetStats, u"controller"_s, QString());
    const Message answer = broadcast.reply(MessageType::Stats);
    QCOMPARE(answer.from, QString());
    QCOMPARE(answer.to, u"controller"_s);
}

void TestMessage::errorMessage()
{
    const Message error = Message::error(u"sender"_s, u"receiver"_s, ErrorCode::OperationFailed,
                                         u"something went wrong"_s, u"original-msg-id"_s);
    QCOMPARE(error.type, MessageType::Error);
    QCOMPARE(error.replyTo, u"original-msg-id"_s);
    auto payload = parsePayload<ErrorPayload>(error);
    QVERIFY(payload);
    QCOMPARE(payload->code, qint64(1004));
    QCOMPARE(payload->message, u"something went wrong"_s);
    QCOMPARE(error.payload, R"({"code":1004,"message":"something went wrong"})"_ba);

    const Message noReply = Message::error(u"a"_s, u"b"_s, 1999, u"x"_s, QString());
    QVERIFY(!noReply.toJson().contains("replyTo"));
}

void TestMessage::parsePayloadValidNullAndComplex()
{
    const Message start =
        Message::create(u"ctrl"_s, u"worker"_s, StartMinerPayload{u"xmrig"_s, u"test-profile"_s, {}});
    QCOMPARE(parsePayload<StartMinerPayload>(start)->profileId, u"test-profile"_s);

    // Go's ParsePayload leaves the target untouched when the payload is nil: a default value here.
    const Message none = Message::create(MessageType::GetStats, u"ctrl"_s, u"worker"_s);
    auto empty = parsePayload<StatsPayload>(none);
    QVERIFY(empty);
    QVERIFY(*empty == StatsPayload{});
    Message explicitNull = none;
    explicitNull.payload = "null";
    QVERIFY(parsePayload<StatsPayload>(explicitNull));

    StatsPayload stats{u"node-123"_s, u"Test Node"_s, {}, 86400};
    stats.miners.append(
        {.name = u"xmrig-1"_s, .type = u"xmrig"_s, .hashrate = 1234.56, .shares = 100, .rejected = 2, .uptime = 3600, .pool = u"pool.example.com:3333"_s, .algorithm = u"RandomX"_s, .cpuThreads = 0});
    const Message message = Message::create(u"worker"_s, u"ctrl"_s, stats);
    auto parsed = parsePayload<StatsPayload>(message);
    QVERIFY(parsed);
    QCOMPARE(parsed->nodeId, u"node-123"_s);
    QCOMPARE(parsed->miners.size(), 1);
    QCOMPARE(parsed->miners[0].hashrate, 1234.56);
    QVERIFY(*parsed == stats);
}

void TestMessage::envelopeJsonRoundTrip()
{
    Message original =
        Message::create(u"ctrl"_s, u"worker"_s, StartMinerPayload{u"xmrig"_s, u"my-profile"_s, {}});
    original.replyTo = u"request-1"_s;
    const QByteArray wire = original.toJson();
    auto restored = Message::fromJson(wire);
    QVERIFY(restored);
    QCOMPARE(restored->id, original.id);
    QCOMPARE(restored->type, original.type);
    QCOMPARE(restored->from, original.from);
    QCOMPARE(restored->timestamp, original.timestamp); // to the nanosecond
    QCOMPARE(restored->replyTo, original.replyTo);
    QCOMPARE(parsePayload<StartMinerPayload>(*restored)->profileId, u"my-profile"_s);
    QVERIFY(*restored == original);
    QCOMPARE(restored->toJson(), wire);
}

void TestMessage::payloadRoundTrip_data()
{
    QTest::addColumn<Check>("check");
    const PublicIdentity alice = sampleIdentity();
    const QByteArray aliceJson =
        R"({"id":"300c9c9603b92a4b39ed3958bf924011","name":"alice","publicKey":"hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=","createdAt":"2026-01-01T00:00:00Z","role":"controller"})"_ba;
    QByteArray counting(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i)
        counting[i] = char(i);
    const QByteArray response =
        QByteArray::fromHex("684f8ac855d91fb5b1e119d17581155f52138928717748d1be32cc2a86b4f129");

    QTest::newRow("handshake") << roundTrip(
        HandshakePayload{alice, counting, u"1.0"_s},
        R"({"identity":)" + aliceJson +
            R"(,"challenge":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=","version":"1.0"})");
    QTest::newRow("handshake without challenge") << roundTrip(
        HandshakePayload{alice, {}, u"1.0"_s}, R"({"identity":)" + aliceJson + R"(,"version":"1.0"})");
    QTest::newRow("handshake_ack accepted") << roundTrip(
        HandshakeAckPayload{alice, response, true, {}},
        R"({"identity":)" + aliceJson +
            R"(,"challengeResponse":"aE+KyFXZH7Wx4RnRdYEVX1ITiShxd0jRvjLMKoa08Sk=","accepted":true})");
    QTest::newRow("handshake_ack rejected")
        << roundTrip(HandshakeAckPayload{alice, {}, false, u"peer not authorized"_s},
                     R"({"identity":)" + aliceJson + R"(,"accepted":false,"reason":"peer not authorized"})");
    QTest::newRow("ping") << roundTrip(PingPayload{1767323045123}, R"({"sentAt":1767323045123})"_ba);
    QTest::newRow("pong") << roundTrip(PongPayload{1767323045123, 1767323045200},
                                       R"({"sentAt":1767323045123,"receivedAt":1767323045200})"_ba);
    QTest::newRow("disconnect") << roundTrip(DisconnectPayload{u"server shutdown"_s, 1004},
                                             R"({"reason":"server shutdown","code":1004})"_ba);
    StatsPayload stats{u"node-123"_s, u"Test Node"_s, {}, 86400};
    stats.miners.append(
        {.name = u"xmrig-1"_s, .type = u"xmrig"_s, .hashrate = 1234.56, .shares = 100, .rejected = 2, .uptime = 3600, .pool = u"pool.example.com:3333"_s, .algorithm = u"rx/0"_s, .cpuThreads = 0});
    stats.miners.append({u"xmrig-2"_s, u"xmrig"_s, 0, 0, 0, 0, {}, {}, 8});
    QTest::newRow("stats") << roundTrip(
        stats,
        R"({"nodeId":"node-123","nodeName":"Test Node","miners":[)"
        R"({"name":"xmrig-1","type":"xmrig","hashrate":1234.56,"shares":100,"rejected":2,"uptime":3600,"pool":"pool.example.com:3333","algorithm":"rx/0"},)"
        R"({"name":"xmrig-2","type":"xmrig","hashrate":0,"shares":0,"rejected":0,"uptime":0,"pool":"","algorithm":"","cpuThreads":8}],"uptime":86400})"_ba);
    QTest::newRow("stats without miners")
        << roundTrip(StatsPayload{u"n"_s, u"name"_s, {}, 5},
                     R"({"nodeId":"n","nodeName":"name","miners":[],"uptime":5})"_ba);
    QTest::newRow("start_miner") << roundTrip(
        StartMinerPayload{u"xmrig"_s, u"profile-1"_s, R"({"pool":"pool.example.org:3333","threads":4})"_ba},
        R"({"minerType":"xmrig","profileId":"profile-1","config":{"pool":"pool.example.org:3333","threads":4}})"_ba);
    QTest::newRow("start_miner minimal")
        << roundTrip(StartMinerPayload{u"xmrig"_s, {}, {}}, R"({"minerType":"xmrig"})"_ba);
    QTest::newRow("stop_miner") << roundTrip(StopMinerPayload{u"xmrig-1"_s}, R"({"minerName":"xmrig-1"})"_ba);
    QTest::newRow("miner_ack success")
        << roundTrip(MinerAckPayload{true, u"xmrig-1"_s, {}}, R"({"success":true,"minerName":"xmrig-1"})"_ba);
    QTest::newRow("miner_ack failure")
        << roundTrip(MinerAckPayload{false, {}, u"miner type is required"_s},
                     R"({"success":false,"error":"miner type is required"})"_ba);
    QTest::newRow("get_logs") << roundTrip(GetLogsPayload{u"xmrig-1"_s, 100, 1767323045123},
                                           R"({"minerName":"xmrig-1","lines":100,"since":1767323045123})"_ba);
    QTest::newRow("get_logs without since")
        << roundTrip(GetLogsPayload{u"xmrig-1"_s, 50, 0}, R"({"minerName":"xmrig-1","lines":50})"_ba);
    QTest::newRow("logs") << roundTrip(
        LogsPayload{u"xmrig-1"_s, {u"[2026] speed 10s/60s"_s, u"<b> & \"q\""_s}, true},
        R"({"minerName":"xmrig-1","lines":["[2026] speed 10s/60s","<b> & \"q\""],"hasMore":true})"_ba);
    QTest::newRow("logs empty") << roundTrip(LogsPayload{u"m"_s, {}, false},
                                             R"({"minerName":"m","lines":[],"hasMore":false})"_ba);
    const QJsonObject bundle = loadGoVectors().value(u"profile_bundle").toObject();
    QTest::newRow("deploy (go vector)") << roundTrip(
        DeployPayload{u"profile"_s, QByteArray::fromHex(bundle.value(u"stim_hex").toString().toLatin1()),
                      bundle.value(u"checksum").toString(), bundle.value(u"name").toString()},
        bundle.value(u"deploy_payload_json").toString().toUtf8());
    QTest::newRow("deploy_ack") << roundTrip(DeployAckPayload{true, u"vector"_s, {}},
                                             R"({"success":true,"name":"vector"})"_ba);
    QTest::newRow("deploy_ack failure") << roundTrip(DeployAckPayload{false, {}, u"checksum mismatch"_s},
                                                     R"({"success":false,"error":"checksum mismatch"})"_ba);
    QTest::newRow("error") << roundTrip(ErrorPayload{1004, u"miner not found"_s, {}},
                                        R"({"code":1004,"message":"miner not found"})"_ba);
    QTest::newRow("error with details") << roundTrip(
        ErrorPayload{1001, u"bad"_s, u"line 3"_s}, R"({"code":1001,"message":"bad","details":"line 3"})"_ba);
}

void TestMessage::payloadRoundTrip()
{
    QFETCH(Check, check);
    QVERIFY(loadGoVectors().contains(u"profile_bundle"));
    check();
}

void TestMessage::envelopeKeyOrder()
{
    Message message = fixedMessage(MessageType::Pong, R"({"sentAt":1,"receivedAt":2})"_ba);
    message.replyTo = u"00000000-0000-4000-8000-000000000000"_s;
    QCOMPARE(
        message.toJson(),
        R"({"id":"00000000-0000-4000-8000-000000000001","type":"pong","from":"300c9c9603b92a4b39ed3958bf924011",)"
        R"("to":"f35e5616160a30bf3c6e79fa73c576d4","ts":"2026-01-02T03:04:05.123456789Z",)"
        R"("payload":{"sentAt":1,"receivedAt":2},"replyTo":"00000000-0000-4000-8000-000000000000"})"_ba);
    message.to.clear(); // broadcast: "to" is still written
    message.payload.clear();
    QVERIFY(message.toJson().contains(R"("to":"","ts")"));
    QVERIFY(message.toJson().contains(R"("payload":null,"replyTo")"));
}

void TestMessage::wireInnerMessage()
{
    const Message message = fixedMessage(MessageType::Ping, PingPayload{1767323045123}.toJson());
    QCOMPARE(message.toJson(), kWireInnerMessage);
    QCOMPARE(message.toJson().size(), 214);
    auto parsed = Message::fromJson(kWireInnerMessage);
    QVERIFY(parsed);
    QVERIFY(*parsed == message);
}

void TestMessage::goHandshakeFrames()
{
    const QJsonObject vectors = loadGoVectors();
    QVERIFY2(!vectors.isEmpty(), "go-vectors.json not found: set LETHEAN_SHARED_DIR (ctest does)");
    const QJsonObject frames = vectors.value(u"handshake_frames").toObject();
    const GoTime epoch = at(u"2026-01-01T00:00:00Z");
    auto a = NodeIdentity::fromPrivateKey(
        QByteArray::fromHex(
            vectors.value(u"identity_a").toObject().value(u"private_key_hex").toString().toLatin1()),
        u"vector-a"_s, NodeRole::Controller, epoch);
    auto b = NodeIdentity::fromPrivateKey(
        QByteArray::fromHex(
            vectors.value(u"identity_b").toObject().value(u"private_key_hex").toString().toLatin1()),
        u"vector-b"_s, NodeRole::Worker, epoch);
    QVERIFY(a && b);
    const QByteArray challenge = QByteArray::fromHex(
        vectors.value(u"challenge_response").toObject().value(u"challenge_hex").toString().toLatin1());

    Message handshake =
        Message::create(a->id(), b->id(), HandshakePayload{a->publicIdentity(), challenge, u"1.0"_s});
    handshake.id = u"00000000-0000-4000-8000-000000000001"_s;
    handshake.timestamp = epoch;
    const QByteArray handshakeJson = frames.value(u"handshake_json").toString().toUtf8();
    QCOMPARE(handshake.toJson(), handshakeJson);

    // The server side: parse, derive, sign, answer.
    auto received = Message::fromJson(handshakeJson);
    QVERIFY(received);
    QCOMPARE(received->toJson(), handshakeJson);
    auto hello = parsePayload<HandshakePayload>(*received);
    QVERIFY(hello);
    QVERIFY(hello->identity.idMatchesKey());
    auto serverSecret = b->deriveSharedSecret(QStringView(hello->identity.publicKey));
    QVERIFY(serverSecret);
    Message ack = received->reply(HandshakeAckPayload{
        b->publicIdentity(), signChallenge(hello->challenge, serverSecret->view()), true, {}});
    ack.id = u"00000000-0000-4000-8000-000000000002"_s;
    ack.timestamp = epoch;
    ack.replyTo.clear(); // go-p2p builds the ack with NewMessage, not Reply
    const QByteArray ackJson = frames.value(u"handshake_ack_json").toString().toUtf8();
    QCOMPARE(ack.toJson(), ackJson);

    // The client side verifies the server's proof.
    auto ackReceived = Message::fromJson(ackJson);
    QVERIFY(ackReceived);
    auto accepted = parsePayload<HandshakeAckPayload>(*ackReceived);
    QVERIFY(accepted && accepted->accepted);
    auto clientSecret = a->deriveSharedSecret(QStringView(accepted->identity.publicKey));
    QVERIFY(clientSecret);
    QVERIFY(verifyChallenge(challenge, accepted->challengeResponse, clientSecret->view()));
}

void TestMessage::goSmsgMessageAndPlaintext()
{
    const QJsonObject smsg = loadGoVectors().value(u"smsg_frame").toObject();
    QVERIFY(!smsg.isEmpty());
    const QByteArray expected = smsg.value(u"message_json").toString().toUtf8();
    Message ping = fixedMessage(MessageType::Ping, PingPayload{1767225600000}.toJson());
    ping.id = u"00000000-0000-4000-8000-000000000003"_s;
    ping.from = u"aaa8fff703b50b2297f4f6e13508f724"_s;
    ping.to = u"4457134794559182226754e9dd2f1083"_s;
    ping.timestamp = at(u"2026-01-01T00:00:00Z");
    QCOMPARE(ping.toJson(), expected);

    // Borg's plaintext around it: {"body":<M as a string, json.Marshal escaping>,"timestamp":N}.
    JsonWriter plaintext(JsonWriter::Escaping::GoHtmlSafe);
    plaintext.beginObject();
    plaintext.key(u"body").string(QString::fromUtf8(ping.toJson()));
    plaintext.key(u"timestamp").integer(smsg.value(u"smsg_timestamp").toInteger());
    plaintext.endObject();
    QCOMPARE(plaintext.take(), smsg.value(u"plaintext_json").toString().toUtf8());
}

void TestMessage::noTrailingNewlineAndNoHtmlEscaping()
{
    Message message = fixedMessage(MessageType::Error,
                                   ErrorPayload{1004, u"<script>alert('x')</script> & more"_s, {}}.toJson());
    message.from = u"a<b>&c"_s;
    const QByteArray json = message.toJson();
    QVERIFY(!json.endsWith('\n'));
    QVERIFY(json.endsWith('}'));
    QVERIFY(json.contains(R"("from":"a<b>&c")"));
    QVERIFY(json.contains(R"("message":"<script>alert('x')</script> & more")"));
    QVERIFY(!json.contains("\\u003c"));

    // json.Marshal's escaping, for whoever needs it (SMSG bodies), reaches into the raw payload too.
    const QByteArray safe = message.toJson(JsonWriter::Escaping::GoHtmlSafe);
    QVERIFY(safe.contains(R"("from":"a\u003cb\u003e\u0026c")"));
    QVERIFY(safe.contains(R"("message":"\u003cscript\u003ealert('x')\u003c/script\u003e \u0026 more")"));
    QCOMPARE(Message::fromJson(safe)->from, message.from);

    // U+2028/U+2029 are escaped in both modes, inside the raw payload as well.
    Message separators =
        fixedMessage(MessageType::Logs, LogsPayload{u"m"_s, {u"a\u2028b"_s}, false}.toJson());
    QVERIFY(separators.toJson().contains(R"(["a\u2028b"])"));
    QCOMPARE(parsePayload<LogsPayload>(*Message::fromJson(separators.toJson()))->lines.first(),
             u"a\u2028b"_s);
}

void TestMessage::largeThenSmallMessages()
{
    // Go pools its buffers (not above 64 KiB); here every toJson() returns its own QByteArray.
    const QString big(100 * 1024, u'x');
    const Message large = fixedMessage(MessageType::Logs, LogsPayload{u"m"_s, {big}, false}.toJson());
    QByteArray first = large.toJson();
    QVERIFY(first.size() > 100 * 1024);
    const Message small = fixedMessage(MessageType::Ping, PingPayload{1}.toJson());
    const QByteArray smallJson = small.toJson();
    QVERIFY(smallJson.size() < 300);
    first.fill('z'); // an independent copy: changing it changes nothing else
    QCOMPARE(small.toJson(), smallJson);
    QVERIFY(large.toJson().contains(big.toLatin1()));
}

void TestMessage::concurrentSerialisation()
{
    QList<int> indexes(200);
    std::iota(indexes.begin(), indexes.end(), 0);
    const QList<QByteArray> results = QtConcurrent::blockingMapped(
        indexes, [](int i) { return fixedMessage(MessageType::Ping, PingPayload{i}.toJson()).toJson(); });
    for (int i = 0; i < indexes.size(); ++i)
        QCOMPARE(results[i], fixedMessage(MessageType::Ping, PingPayload{i}.toJson()).toJson());
}

void TestMessage::tolerantWhereGoIsTolerant()
{
    // Unknown keys anywhere, keys in any case, absent optional keys.
    const QByteArray json =
        R"({"ID":"m-1","Type":"pong","FROM":"a","ts":"2026-01-01T00:00:00Z","extra":{"nested":[1,2,{"x":null}]},)"
        R"("payload":{"SentAt":5,"receivedAt":6,"future":"field"}})"_ba;
    auto message = Message::fromJson(json);
    QVERIFY2(message, qPrintable(message ? QString() : message.error().message));
    QCOMPARE(message->id, u"m-1"_s);
    QCOMPARE(message->type, MessageType::Pong);
    QCOMPARE(message->to, QString());
    QVERIFY(message->replyTo.isEmpty());
    auto pong = parsePayload<PongPayload>(*message);
    QVERIFY(pong);
    QCOMPARE(pong->sentAt, 5);
    QCOMPARE(pong->receivedAt, 6);

    // No payload key at all, and optional keys null.
    auto bare = Message::fromJson(
        R"({"id":"x","type":"get_stats","from":"a","ts":"2026-01-01T00:00:00Z","to":null,"replyTo":null})"_ba);
    QVERIFY(bare);
    QVERIFY(!bare->hasPayload());

    // Arrays Go may send as null, optional keys missing.
    auto stats = StatsPayload::fromJson(R"({"nodeId":"n","nodeName":"x","miners":null,"uptime":1})"_ba);
    QVERIFY(stats && stats->miners.isEmpty());
    auto logs = LogsPayload::fromJson(R"({"minerName":"m","lines":null,"hasMore":false})"_ba);
    QVERIFY(logs && logs->lines.isEmpty());
    auto linesWithNull = LogsPayload::fromJson(R"({"minerName":"m","lines":["a",null],"hasMore":false})"_ba);
    QVERIFY(linesWithNull);
    QCOMPARE(linesWithNull->lines, (QStringList{u"a"_s, QString()}));
    auto deploy = DeployPayload::fromJson(R"({"type":"profile","data":null,"checksum":"","name":"n"})"_ba);
    QVERIFY(deploy && deploy->data.isEmpty());
    auto ack = HandshakeAckPayload::fromJson(
        R"({"identity":{"id":"i","name":"","publicKey":"","createdAt":"2026-01-01T00:00:00Z","role":"worker"},"accepted":false})"_ba);
    QVERIFY(ack && !ack->accepted && ack->challengeResponse.isEmpty() && ack->reason.isEmpty());
    auto item = StatsPayload::fromJson(
        R"({"nodeId":"n","nodeName":"x","miners":[{"name":"m","type":"t","hashrate":5,"shares":1,"rejected":0,"uptime":2,"pool":"p","algorithm":"a"}],"uptime":1})"_ba);
    QVERIFY(item);
    QCOMPARE(item->miners.first().hashrate, 5.0); // an integer literal reads into a float
    QCOMPARE(item->miners.first().cpuThreads, 0);
}

void TestMessage::rawPayloadKeptAndCompacted()
{
    // json.RawMessage keeps the bytes (numbers beyond double precision included); Go compacts them
    // when it re-sends.
    const QByteArray json =
        "{ \"id\" : \"x\" ,\n \"type\":\"start_miner\",\"from\":\"a\",\"to\":\"b\","
        "\"ts\":\"2026-01-01T00:00:00Z\",\"payload\": {\"minerType\" : \"xmrig\",\n"
        " \"config\" : {\"big\" : 123456789012345678901234567890, \"s\":\" keep  spaces \","
        " \"a\" : [ 1 , 2 ]}} }"_ba;
    auto message = Message::fromJson(json);
    QVERIFY2(message, qPrintable(message ? QString() : message.error().message));
    QCOMPARE(
        message->payload,
        R"({"minerType":"xmrig","config":{"big":123456789012345678901234567890,"s":" keep  spaces ","a":[1,2]}})"_ba);
    auto start = parsePayload<StartMinerPayload>(*message);
    QVERIFY(start);
    QCOMPARE(start->config, R"({"big":123456789012345678901234567890,"s":" keep  spaces ","a":[1,2]})"_ba);
    QCOMPARE(JsonReader::compact(" [ 1 , { \"a b\" : \" c \" } ] "), R"([1,{"a b":" c "}])"_ba);
}

void TestMessage::badEnvelopes_data()
{
    using Code = MessageError::Code;
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Code>("code");
    const QByteArray valid =
        R"({"id":"x","type":"ping","from":"a","to":"b","ts":"2026-01-01T00:00:00Z","payload":null})"_ba;
    QVERIFY(Message::fromJson(valid));

    QTest::newRow("empty") << QByteArray() << Code::InvalidJson;
    QTest::newRow("whitespace") << " \n"_ba << Code::InvalidJson;
    QTest::newRow("truncated") << valid.first(valid.size() - 1) << Code::InvalidJson;
    QTest::newRow("truncated in a string") << valid.first(20) << Code::InvalidJson;
    QTest::newRow("trailing garbage") << valid + " x" << Code::InvalidJson;
    QTest::newRow("two objects") << valid + valid << Code::InvalidJson;
    QTest::newRow("byte-order mark") << "\xEF\xBB\xBF" + valid << Code::InvalidJson;
    QTest::newRow("single quotes") << "{'id':'x'}"_ba << Code::InvalidJson;
    QTest::newRow("trailing comma") << R"({"id":"x",})"_ba << Code::InvalidJson;
    QTest::newRow("array") << "[]"_ba << Code::NotAnObject;
    QTest::newRow("string") << R"("ping")"_ba << Code::NotAnObject;
    QTest::newRow("number") << "42"_ba << Code::NotAnObject;
    QTest::newRow("null") << "null"_ba << Code::NotAnObject;
    QTest::newRow("missing id") << R"({"type":"ping","from":"a","ts":"2026-01-01T00:00:00Z"})"_ba
                                << Code::MissingField;
    QTest::newRow("missing type") << R"({"id":"x","from":"a","ts":"2026-01-01T00:00:00Z"})"_ba
                                  << Code::MissingField;
    QTest::newRow("missing from") << R"({"id":"x","type":"ping","ts":"2026-01-01T00:00:00Z"})"_ba
                                  << Code::MissingField;
    QTest::newRow("missing ts") << R"({"id":"x","type":"ping","from":"a"})"_ba << Code::MissingField;
    QTest::newRow("null type") << R"({"id":"x","type":null,"from":"a","ts":"2026-01-01T00:00:00Z"})"_ba
                               << Code::MissingField;
    QTest::newRow("id is a number") << R"({"id":1,"type":"ping","from":"a","ts":"2026-01-01T00:00:00Z"})"_ba
                                    << Code::WrongType;
    QTest::newRow("ts is a number") << R"({"id":"x","type":"ping","from":"a","ts":1767225600})"_ba
                                    << Code::WrongType;
    QTest::newRow("to is a bool")
        << R"({"id":"x","type":"ping","from":"a","to":false,"ts":"2026-01-01T00:00:00Z"})"_ba
        << Code::WrongType;
    QTest::newRow("replyTo is an object")
        << R"({"id":"x","type":"ping","from":"a","replyTo":{},"ts":"2026-01-01T00:00:00Z"})"_ba
        << Code::WrongType;
    QTest::newRow("unknown type")
        << R"({"id":"x","type":"shutdown","from":"a","ts":"2026-01-01T00:00:00Z"})"_ba << Code::UnknownType;
    QTest::newRow("type in capitals")
        << R"({"id":"x","type":"PING","from":"a","ts":"2026-01-01T00:00:00Z"})"_ba << Code::UnknownType;
    QTest::newRow("empty type") << R"({"id":"x","type":"","from":"a","ts":"2026-01-01T00:00:00Z"})"_ba
                                << Code::UnknownType;
    QTest::newRow("bad ts") << R"({"id":"x","type":"ping","from":"a","ts":"2026-01-01 00:00:00"})"_ba
                            << Code::InvalidTimestamp;
    QTest::newRow("ts out of range")
        << R"({"id":"x","type":"ping","from":"a","ts":"2026-02-30T00:00:00Z"})"_ba << Code::InvalidTimestamp;
    QTest::newRow("invalid UTF-8")
        << "{\"id\":\"\xff\",\"type\":\"ping\",\"from\":\"a\",\"ts\":\"2026-01-01T00:00:00Z\"}"_ba
        << Code::InvalidUtf8;
    QTest::newRow("overlong UTF-8") << "{\"id\":\"\xc0\xaf\"}"_ba << Code::InvalidUtf8;
    QTest::newRow("UTF-8 surrogate") << "{\"id\":\"\xed\xa0\x80\"}"_ba << Code::InvalidUtf8;
    QTest::newRow("truncated UTF-8") << "{\"id\":\"\xe2\x82\"}"_ba << Code::InvalidUtf8;
    QTest::newRow("invalid UTF-8 in a key") << "{\"\xfe\":1}"_ba << Code::InvalidUtf8;
    QTest::newRow("raw control character") << "{\"id\":\"a\x01\"}"_ba << Code::InvalidJson;
    QTest::newRow("raw newline in a string") << "{\"id\":\"a\nb\"}"_ba << Code::InvalidJson;
    QTest::newRow("invalid escape") << R"({"id":"\x41"})"_ba << Code::InvalidJson;
    QTest::newRow("short unicode escape") << R"({"id":"\u12"})"_ba << Code::InvalidJson;
    QTest::newRow("number 1.") << R"({"id":"x","payload":1.})"_ba << Code::InvalidJson;
    QTest::newRow("number .5") << R"({"id":"x","payload":.5})"_ba << Code::InvalidJson;
    QTest::newRow("number 01") << R"({"id":"x","payload":01})"_ba << Code::InvalidJson;
    QTest::newRow("number +1") << R"({"id":"x","payload":+1})"_ba << Code::InvalidJson;
    QTest::newRow("number 1e") << R"({"id":"x","payload":1e})"_ba << Code::InvalidJson;
    QTest::newRow("NaN") << R"({"id":"x","payload":NaN})"_ba << Code::InvalidJson;
    QTest::newRow("bad literal") << R"({"id":"x","payload":nul})"_ba << Code::InvalidJson;
    QTest::newRow("deep nesting") << "{\"payload\":" + QByteArray(600, '[') + QByteArray(600, ']') + "}"
                                  << Code::InvalidJson;
}

void TestMessage::badEnvelopes()
{
    QFETCH(QByteArray, json);
    QFETCH(MessageError::Code, code);
    auto message = Message::fromJson(json);
    QVERIFY(!message);
    QCOMPARE(message.error().code, code);
    QVERIFY(!message.error().message.isEmpty());
}

void TestMessage::badPayloads_data()
{
    using Code = MessageError::Code;
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Code>("code");
    QTest::addColumn<QString>("field");
    const QByteArray identity =
        R"({"id":"i","name":"n","publicKey":"k","createdAt":"2026-01-01T00:00:00Z","role":"dual"})"_ba;

    QTest::newRow("payload is a number") << envelopeWith("ping", "5") << Code::NotAnObject << u"payload"_s;
    QTest::newRow("payload is an array") << envelopeWith("ping", "[]") << Code::NotAnObject << u"payload"_s;
    QTest::newRow("payload is a string")
        << envelopeWith("ping", "\"x\"") << Code::NotAnObject << u"payload"_s;
    QTest::newRow("missing sentAt") << envelopeWith("ping", "{}") << Code::MissingField
                                    << u"payload.sentAt"_s;
    QTest::newRow("sentAt null") << envelopeWith("ping", R"({"sentAt":null})") << Code::MissingField
                                 << u"payload.sentAt"_s;
    QTest::newRow("sentAt string") << envelopeWith("ping", R"({"sentAt":"123"})") << Code::WrongType
                                   << u"payload.sentAt"_s;
    QTest::newRow("sentAt fraction") << envelopeWith("ping", R"({"sentAt":1.5})") << Code::WrongType
                                     << u"payload.sentAt"_s;
    QTest::newRow("sentAt 1.0") << envelopeWith("ping", R"({"sentAt":1.0})") << Code::WrongType
                                << u"payload.sentAt"_s;
    QTest::newRow("sentAt exponent") << envelopeWith("ping", R"({"sentAt":1e3})") << Code::WrongType
                                     << u"payload.sentAt"_s;
    QTest::newRow("sentAt 1e400") << envelopeWith("ping", R"({"sentAt":1e400})") << Code::WrongType
                                  << u"payload.sentAt"_s;
    QTest::newRow("sentAt 2^63") << envelopeWith("ping", R"({"sentAt":9223372036854775808})")
                                 << Code::OutOfRange << u"payload.sentAt"_s;
    QTest::newRow("sentAt -2^63-1") << envelopeWith("ping", R"({"sentAt":-9223372036854775809})")
                                    << Code::OutOfRange << u"payload.sentAt"_s;
    QTest::newRow("sentAt huge") << envelopeWith("ping", R"({"sentAt":123456789012345678901234567890})")
                                 << Code::OutOfRange << u"payload.sentAt"_s;
    QTest::newRow("sentAt bool") << envelopeWith("ping", R"({"sentAt":true})") << Code::WrongType
                                 << u"payload.sentAt"_s;
    QTest::newRow("hashrate 1e400")
        << envelopeWith(
               "stats",
               R"({"nodeId":"n","nodeName":"x","miners":[{"name":"m","type":"t","hashrate":1e400,"shares":1,"rejected":0,"uptime":2,"pool":"p","algorithm":"a"}],"uptime":1})")
        << Code::OutOfRange << u"payload.miners[0].hashrate"_s;
    QTest::newRow("shares fraction")
        << envelopeWith(
               "stats",
               R"({"nodeId":"n","nodeName":"x","miners":[{"name":"m","type":"t","hashrate":1,"shares":1.5,"rejected":0,"uptime":2,"pool":"p","algorithm":"a"}],"uptime":1})")
        << Code::WrongType << u"payload.miners[0].shares"_s;
    QTest::newRow("miner missing pool")
        << envelopeWith(
               "stats",
               R"({"nodeId":"n","nodeName":"x","miners":[{"name":"m","type":"t","hashrate":1,"shares":1,"rejected":0,"uptime":2,"algorithm":"a"}],"uptime":1})")
        << Code::MissingField << u"payload.miners[0].pool"_s;
    QTest::newRow("miners not an array")
        << envelopeWith("stats", R"({"nodeId":"n","nodeName":"x","miners":{},"uptime":1})") << Code::WrongType
        << u"payload.miners"_s;
    QTest::newRow("miner not an object")
        << envelopeWith("stats", R"({"nodeId":"n","nodeName":"x","miners":[1],"uptime":1})")
        << Code::WrongType << u"payload.miners[0]"_s;
    QTest::newRow("miners missing") << envelopeWith("stats", R"({"nodeId":"n","nodeName":"x","uptime":1})")
                                    << Code::MissingField << u"payload.miners"_s;
    QTest::newRow("challenge not base64")
        << envelopeWith("handshake", R"({"identity":)" + identity + R"(,"challenge":"***","version":"1.0"})")
        << Code::InvalidBase64 << u"payload.challenge"_s;
    QTest::newRow("challenge unpadded")
        << envelopeWith("handshake",
                        R"({"identity":)" + identity + R"(,"challenge":"AAECAw","version":"1.0"})")
        << Code::InvalidBase64 << u"payload.challenge"_s;
    QTest::newRow("challenge a number")
        << envelopeWith("handshake", R"({"identity":)" + identity + R"(,"challenge":5,"version":"1.0"})")
        << Code::WrongType << u"payload.challenge"_s;
    QTest::newRow("identity missing")
        << envelopeWith("handshake", R"({"version":"1.0"})") << Code::MissingField << u"payload.identity"_s;
    QTest::newRow("identity a string") << envelopeWith("handshake", R"({"identity":"me","version":"1.0"})")
                                       << Code::WrongType << u"payload.identity"_s;
    QTest::newRow("identity bad createdAt")
        << envelopeWith(
               "handshake",
               R"({"identity":{"id":"i","name":"n","publicKey":"k","createdAt":"now","role":"dual"},"version":"1.0"})")
        << Code::InvalidTimestamp << u"payload.identity.createdAt"_s;
    QTest::newRow("identity unknown role")
        << envelopeWith(
               "handshake",
               R"({"identity":{"id":"i","name":"n","publicKey":"k","createdAt":"2026-01-01T00:00:00Z","role":"boss"},"version":"1.0"})")
        << Code::InvalidValue << u"payload.identity.role"_s;
    QTest::newRow("identity missing id")
        << envelopeWith(
               "handshake",
               R"({"identity":{"name":"n","publicKey":"k","createdAt":"2026-01-01T00:00:00Z","role":"dual"},"version":"1.0"})")
        << Code::MissingField << u"payload.identity.id"_s;
    QTest::newRow("accepted a string")
        << envelopeWith("handshake_ack", R"({"identity":)" + identity + R"(,"accepted":"yes"})")
        << Code::WrongType << u"payload.accepted"_s;
    QTest::newRow("lines not strings")
        << envelopeWith("logs", R"({"minerName":"m","lines":[1],"hasMore":false})") << Code::WrongType
        << u"payload.lines"_s;
    QTest::newRow("deploy data missing")
        << envelopeWith("deploy", R"({"type":"profile","checksum":"c","name":"n"})") << Code::MissingField
        << u"payload.data"_s;
    QTest::newRow("deploy data not base64")
        << envelopeWith("deploy", R"({"type":"profile","data":"%%%%","checksum":"c","name":"n"})")
        << Code::InvalidBase64 << u"payload.data"_s;
    QTest::newRow("error code a string")
        << envelopeWith("error", R"({"code":"1004","message":"m"})") << Code::WrongType << u"payload.code"_s;
    QTest::newRow("minerType missing") << envelopeWith("start_miner", R"({"profileId":"p"})")
                                       << Code::MissingField << u"payload.minerType"_s;
}

void TestMessage::badPayloads()
{
    QFETCH(QByteArray, json);
    QFETCH(MessageError::Code, code);
    QFETCH(QString, field);

    // The envelope itself is fine: a payload is only judged when it is read as its type.
    auto message = Message::fromJson(json);
    QVERIFY2(message, qPrintable(message ? QString() : message.error().message));
    const auto check = [&](const auto& result) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QVERIFY2(result.error().message.startsWith(field + u':'), qPrintable(result.error().message));
    };
    switch (message->type) {
    case MessageType::Ping:
        check(parsePayload<PingPayload>(*message));
        break;
    case MessageType::Stats:
        check(parsePayload<StatsPayload>(*message));
        break;
    case MessageType::Handshake:
        check(parsePayload<HandshakePayload>(*message));
        break;
    case MessageType::HandshakeAck:
        check(parsePayload<HandshakeAckPayload>(*message));
        break;
    case MessageType::Logs:
        check(parsePayload<LogsPayload>(*message));
        break;
    case MessageType::Deploy:
        check(parsePayload<DeployPayload>(*message));
        break;
    case MessageType::Error:
        check(parsePayload<ErrorPayload>(*message));
        break;
    case MessageType::StartMiner:
        check(parsePayload<StartMinerPayload>(*message));
        break;
    case MessageType::Pong:
    case MessageType::Disconnect:
    case MessageType::GetStats:
    case MessageType::StopMiner:
    case MessageType::MinerAck:
    case MessageType::DeployAck:
    case MessageType::GetLogs:
        QFAIL("no row uses this type");
    }
}

void TestMessage::integerLimits()
{
    auto max = PingPayload::fromJson(R"({"sentAt":9223372036854775807})"_ba);
    QVERIFY(max);
    QCOMPARE(max->sentAt, std::numeric_limits<qint64>::max());
    auto min = PingPayload::fromJson(R"({"sentAt":-9223372036854775808})"_ba);
    QVERIFY(min);
    QCOMPARE(min->sentAt, std::numeric_limits<qint64>::min());
    QCOMPARE(PingPayload{std::numeric_limits<qint64>::min()}.toJson(),
             R"({"sentAt":-9223372036854775808})"_ba);
    auto negativeZero = PingPayload::fromJson(R"({"sentAt":-0})"_ba);
    QVERIFY(negativeZero && negativeZero->sentAt == 0);
}

void TestMessage::mutatedInputNeverCrashes()
{
    // A cheap stand-in for the fuzz target, run under ASan/UBSan with the rest: flipped, dropped and
    // inserted bytes, and truncations of real frames. Whatever parses must write and parse again.
    const QJsonObject frames = loadGoVectors().value(u"handshake_frames").toObject();
    const QList<QByteArray> seeds = {frames.value(u"handshake_json").toString().toUtf8(),
                                     frames.value(u"handshake_ack_json").toString().toUtf8(),
                                     kWireInnerMessage};
    const QByteArray alphabet = R"({}[]":,\0123456789.eE+-tfnul )"_ba + "\x00\x1f\x7f\xc3\xa9\xff"_ba;
    QRandomGenerator random(20260101);
    int parsed = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray input = seeds[round % seeds.size()];
        const int edits = 1 + random.bounded(4);
        for (int e = 0; e < edits && !input.isEmpty(); ++e) {
            const int at = random.bounded(int(input.size()));
            switch (random.bounded(4)) {
            case 0:
                input[at] = alphabet[random.bounded(int(alphabet.size()))];
                break;
            case 1:
                input.remove(at, 1);
                break;
            case 2:
                input.insert(at, alphabet[random.bounded(int(alphabet.size()))]);
                break;
            case 3:
                input.truncate(at);
                break;
            }
        }
        auto message = Message::fromJson(input);
        if (!message)
            continue;
        ++parsed;
        (void)parsePayload<HandshakePayload>(*message);
        (void)parsePayload<HandshakeAckPayload>(*message);
        (void)parsePayload<PingPayload>(*message);
        auto again = Message::fromJson(message->toJson());
        QVERIFY2(again, input.toHex().constData());
        QCOMPARE(again->toJson(), message->toJson());
    }
    QVERIFY(parsed > 0);
}

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
