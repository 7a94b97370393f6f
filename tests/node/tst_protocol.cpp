#include "node/message.h"
#include "node/payloads.h"
#include "node/protocol.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace lethean::node;

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validateNilResponse();
    void validateErrorResponse();
    void validateUnparsableErrorResponse_data();
    void validateUnparsableErrorResponse();
    void validateWrongType();
    void validateGoodResponse();
    void parseStats();
    void parseMinerAck();
    void parseErrorResponse();
    void parseBadPayload();
    void parseNullPayload();
    void remoteErrorFormat();
    void codeOfOtherErrorsIsZero();
};

void TestProtocol::validateNilResponse()
{
    const auto result = validateResponse(nullptr, MessageType::Stats);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ResponseError::Kind::NoResponse);
    QCOMPARE(result.error().toString(), u"nil response"_s);
    QVERIFY(!isProtocolError(result.error()));
    QCOMPARE(protocolErrorCode(result.error()), 0);
    QVERIFY(!parseResponse<StatsPayload>(nullptr));
}

void TestProtocol::validateErrorResponse()
{
    const Message error = Message::error(u"sender"_s, u"receiver"_s, ErrorCode::OperationFailed,
                                         u"operation failed"_s, QString());
    const auto result = validateResponse(&error, MessageType::Stats);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ResponseError::Kind::RemoteError);
    QVERIFY(isProtocolError(result.error()));
    QCOMPARE(protocolErrorCode(result.error()), qint64(ErrorCode::OperationFailed));
    QCOMPARE(result.error().toString(), u"remote error (1004): operation failed"_s);
}

void TestProtocol::validateUnparsableErrorResponse_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("code is a string") << R"({"code":"1004","message":"m"})"_ba;
    QTest::newRow("message missing") << R"({"code":1004})"_ba;
    QTest::newRow("not an object") << R"("boom")"_ba;
    QTest::newRow("code too large") << R"({"code":99999999999999999999,"message":"m"})"_ba;
}

void TestProtocol::validateUnparsableErrorResponse()
{
    QFETCH(QByteArray, payload);
    Message error = Message::create(MessageType::Error, u"a"_s, u"b"_s, payload);
    const auto result = validateResponse(&error, MessageType::Stats);
    QVERIFY(!result);
    QVERIFY(isProtocolError(result.error()));
    QCOMPARE(protocolErrorCode(result.error()), qint64(ErrorCode::Unknown));
    QCOMPARE(result.error().toString(), u"remote error (1000): unable to parse error response"_s);
}

void TestProtocol::validateWrongType()
{
    const Message pong = Message::create(MessageType::Pong, u"sender"_s, u"receiver"_s);
    const auto result = validateResponse(&pong, MessageType::Stats);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ResponseError::Kind::UnexpectedType);
    QVERIFY(!isProtocolError(result.error()));
    QCOMPARE(result.error().toString(), u"unexpected response type: expected stats, got pong"_s);
}

void TestProtocol::validateGoodResponse()
{
    const Message stats = Message::create(u"sender"_s, u"receiver"_s, StatsPayload{u"test"_s, {}, {}, 0});
    QVERIFY(validateResponse(&stats, MessageType::Stats));
}

void TestProtocol::parseStats()
{
    const Message message =
        Message::create(u"sender"_s, u"receiver"_s, StatsPayload{u"node-123"_s, u"Test Node"_s, {}, 3600});
    auto parsed = parseResponse<StatsPayload>(&message);
    QVERIFY(parsed);
    QCOMPARE(parsed->nodeId, u"node-123"_s);
    QCOMPARE(parsed->uptime, 3600);
}

void TestProtocol::parseMinerAck()
{
    const Message message =
        Message::create(u"sender"_s, u"receiver"_s, MinerAckPayload{true, u"xmrig-1"_s, {}});
    auto parsed = parseResponse<MinerAckPayload>(&message);
    QVERIFY(parsed);
    QVERIFY(parsed->success);
    QCOMPARE(parsed->minerName, u"xmrig-1"_s);
    // The right payload under the wrong type is still the wrong type.
    QCOMPARE(parseResponse<StatsPayload>(&message).error().kind, ResponseError::Kind::UnexpectedType);
}

void TestProtocol::parseErrorResponse()
{
    const Message error =
        Message::error(u"sender"_s, u"receiver"_s, ErrorCode::NotFound, u"not found"_s, QString());
    auto parsed = parseResponse<StatsPayload>(&error);
    QVERIFY(!parsed);
    QVERIFY(isProtocolError(parsed.error()));
    QCOMPARE(protocolErrorCode(parsed.error()), qint64(1003));
    QCOMPARE(parsed.error().toString(), u"remote error (1003): not found"_s);
}

void TestProtocol::parseBadPayload()
{
    const Message message = Message::create(MessageType::Stats, u"a"_s, u"b"_s, R"({"nodeId":5})"_ba);
    QVERIFY(validateResponse(&message, MessageType::Stats));
    auto parsed = parseResponse<StatsPayload>(&message);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().kind, ResponseError::Kind::InvalidPayload);
    QVERIFY(!isProtocolError(parsed.error()));
    QVERIFY2(parsed.error().toString().startsWith(u"failed to parse stats payload: payload.nodeId"_s),
             qPrintable(parsed.error().toString()));
}

void TestProtocol::parseNullPayload()
{
    // Go's ParseResponse with a nil target (or a nil payload) only validates.
    const Message pong = Message::create(MessageType::Pong, u"sender"_s, u"receiver"_s);
    QVERIFY(validateResponse(&pong, MessageType::Pong));
    auto parsed = parseResponse<PongPayload>(&pong);
    QVERIFY(parsed);
    QCOMPARE(parsed->sentAt, 0);

    // A null error payload is Go's zero ErrorPayload: code 0, empty message.
    const Message emptyError = Message::create(MessageType::Error, u"a"_s, u"b"_s);
    const auto result = validateResponse(&emptyError, MessageType::Pong);
    QVERIFY(!result);
    QCOMPARE(result.error().toString(), u"remote error (0): "_s);
}

void TestProtocol::remoteErrorFormat()
{
    const ResponseError error{ResponseError::Kind::RemoteError, 1001, u"test error"_s};
    QCOMPARE(error.toString(), u"remote error (1001): test error"_s);
    QVERIFY(isProtocolError(error));
    QCOMPARE(protocolErrorCode(error), 1001);
}

void TestProtocol::codeOfOtherErrorsIsZero()
{
    for (const auto kind : {ResponseError::Kind::NoResponse, ResponseError::Kind::UnexpectedType,
                            ResponseError::Kind::InvalidPayload}) {
        const ResponseError error{kind, 1004, u"regular error"_s};
        QVERIFY(!isProtocolError(error));
        QCOMPARE(protocolErrorCode(error), 0);
        QCOMPARE(error.toString(), u"regular error"_s);
    }
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
