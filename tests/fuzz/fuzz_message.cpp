// libFuzzer target for the protocol 1.0 envelope (WIRE.md §3) and every payload parser: the whole input
// is read as a Message; what parses must survive toJson() and a second parse, each payload type must
// give a value or an error (and a parsed payload must survive its own round trip), and the response
// helpers of protocol.h must classify the message as their contract says. abort() on a violation.
//
// Raw JSON (the payload, start_miner's config) is the one place where a round trip may change bytes:
// JsonWriter::raw writes U+2028 and U+2029 as \u escapes, which the reader keeps as they are. The two
// texts are the same JSON value, so the comparison applies those escapes to the original first; every
// other field must come back exactly, and the second serialisation must equal the first.

#include "node/json_writer.h"
#include "node/message.h"
#include "node/message_type.h"
#include "node/payloads.h"
#include "node/protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace lethean::node;

// UBSan only prints by default (the fuzz build compiles recoverable checks), and libFuzzer would take
// a printed report for a pass; halting turns undefined behaviour into a reported crash.
extern "C" const char* __ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

QByteArray withGoEscapes(const QByteArray& rawJson)
{
    return JsonWriter::applyGoEscapes(rawJson, JsonWriter::Escaping::Go);
}

// Equality after a write/read cycle; only StartMinerPayload carries raw JSON of its own.
template <typename P> bool sameAfterRoundTrip(const P& original, const P& reread)
{
    return original == reread;
}

template <> bool sameAfterRoundTrip(const StartMinerPayload& original, const StartMinerPayload& reread)
{
    StartMinerPayload expected = original;
    expected.config = withGoEscapes(original.config);
    return expected == reread;
}

template <typename P> void checkPayload(const Message& message)
{
    auto payload = parsePayload<P>(message);
    if (!payload) {
        check(message.hasPayload() && !payload.error().message.isEmpty());
    } else if (message.hasPayload()) {
        // Not for an absent payload: its default P is not always writable as valid input (a
        // handshake's identity then has a null createdAt, which no reader accepts).
        const QByteArray json = payload->toJson();
        auto again = P::fromJson(json);
        check(again.ok() && sameAfterRoundTrip(*payload, *again) && again->toJson() == json);
    }

    // Go's ParseResponse: the right type and a parsable payload, or the error that says which not.
    auto response = parseResponse<P>(&message);
    if (message.type == P::kType && P::kType != MessageType::Error) {
        check(response.ok() == payload.ok());
    } else {
        check(!response.ok());
    }
    if (!response)
        check(!response.error().toString().isEmpty());
}

template <typename... P> void checkPayloads(const Message& message)
{
    (checkPayload<P>(message), ...);
}

void checkValidateResponse(const Message& message)
{
    for (const MessageType expected : kAllMessageTypes) {
        auto valid = validateResponse(&message, expected);
        if (message.type == MessageType::Error) {
            // An error reply is a remote error whatever was expected, with the payload's code or 1000.
            check(!valid.ok() && isProtocolError(valid.error()));
            auto payload = parsePayload<ErrorPayload>(message);
            const qint64 code = payload ? payload->code : static_cast<qint64>(ErrorCode::Unknown);
            check(protocolErrorCode(valid.error()) == code);
        } else if (message.type != expected) {
            check(!valid.ok() && valid.error().kind == ResponseError::Kind::UnexpectedType &&
                  !isProtocolError(valid.error()) && protocolErrorCode(valid.error()) == 0);
        } else {
            check(valid.ok());
        }
        if (!valid)
            check(!valid.error().toString().isEmpty());
    }
    auto none = validateResponse(nullptr, message.type);
    check(!none.ok() && none.error().kind == ResponseError::Kind::NoResponse);
}

void checkEnvelopeRoundTrip(const Message& message)
{
    const QByteArray json = message.toJson();
    auto again = Message::fromJson(json);
    check(again.ok());
    Message expected = message;
    expected.payload = withGoEscapes(message.payload);
    check(*again == expected);
    check(again->toJson() == json);

    // json.Marshal's HTML-safe escaping changes bytes, never values: everything but the raw payload
    // reads back exactly.
    auto htmlSafe = Message::fromJson(message.toJson(JsonWriter::Escaping::GoHtmlSafe));
    check(htmlSafe.ok());
    htmlSafe->payload = expected.payload;
    check(*htmlSafe == expected);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView input(data, static_cast<qsizetype>(size));
    auto message = Message::fromJson(input);
    if (!message) {
        check(!message.error().message.isEmpty());
        return 0;
    }
    checkEnvelopeRoundTrip(*message);
    checkPayloads<HandshakePayload, HandshakeAckPayload, PingPayload, PongPayload, DisconnectPayload,
                  StatsPayload, StartMinerPayload, StopMinerPayload, MinerAckPayload, GetLogsPayload,
                  LogsPayload, DeployPayload, DeployAckPayload, ErrorPayload>(*message);
    checkValidateResponse(*message);
    return 0;
}
