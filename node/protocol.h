#pragma once

#include "node/message.h"
#include "ueps/result.h"

#include <QString>

namespace lethean::node {

// Why a reply did not give the expected result (go-p2p protocol.go). Only RemoteError is a
// "protocol error" in Go's sense: the peer answered with an `error` message.
struct ResponseError
{
    enum class Kind
    {
        NoResponse,     // nil in Go: no reply at all
        RemoteError,    // the peer sent `error`; code and message are its payload's
        UnexpectedType, // a reply of another type than the one expected
        InvalidPayload  // the right type, but a payload that does not parse
    };

    Kind kind = Kind::NoResponse;
    qint64 code = 0; // RemoteError only
    QString message;

    // Go's Error() texts: "remote error (1004): miner not found",
    // "unexpected response type: expected stats, got pong", "nil response",
    // "failed to parse stats payload: <why>".
    QString toString() const;
};

// Go's ValidateResponse: nil → NoResponse; type `error` → RemoteError with the payload's code and
// message (an unparsable error payload gives code 1000, "unable to parse error response"); another
// type than `expected` → UnexpectedType.
Result<void, ResponseError> validateResponse(const Message* response, MessageType expected);

// Go's ParseResponse: validateResponse, then the payload as P (expected type P::kType). A null payload
// gives a default P, as in Go.
template <typename P> Result<P, ResponseError> parseResponse(const Message* response)
{
    if (auto valid = validateResponse(response, P::kType); !valid)
        return fail(valid.error());
    auto payload = parsePayload<P>(*response);
    if (!payload) {
        return fail(ResponseError{ResponseError::Kind::InvalidPayload, 0,
                                  QStringLiteral("failed to parse %1 payload: %2")
                                      .arg(messageTypeToString(P::kType), payload.error().message)});
    }
    return std::move(payload).value();
}

// Go's IsProtocolError / GetProtocolErrorCode (0 when not a protocol error).
bool isProtocolError(const ResponseError& error);
qint64 protocolErrorCode(const ResponseError& error);

} // namespace lethean::node
