#include "node/protocol.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

QString ResponseError::toString() const
{
    switch (kind) {
    case Kind::NoResponse:
    case Kind::UnexpectedType:
    case Kind::InvalidPayload:
        return message;
    case Kind::RemoteError:
        return u"remote error (%1): %2"_s.arg(code).arg(message);
    }
    return message;
}

Result<void, ResponseError> validateResponse(const Message* response, MessageType expected)
{
    if (response == nullptr)
        return fail(ResponseError{ResponseError::Kind::NoResponse, 0, u"nil response"_s});
    if (response->type == MessageType::Error) {
        const auto payload = parsePayload<ErrorPayload>(*response);
        if (!payload) {
            return fail(ResponseError{ResponseError::Kind::RemoteError,
                                      static_cast<qint64>(ErrorCode::Unknown),
                                      u"unable to parse error response"_s});
        }
        return fail(ResponseError{ResponseError::Kind::RemoteError, payload->code, payload->message});
    }
    if (response->type != expected) {
        return fail(ResponseError{ResponseError::Kind::UnexpectedType, 0,
                                  u"unexpected response type: expected %1, got %2"_s.arg(
                                      messageTypeToString(expected), messageTypeToString(response->type))});
    }
    return {};
}

bool isProtocolError(const ResponseError& error)
{
    return error.kind == ResponseError::Kind::RemoteError;
}

qint64 protocolErrorCode(const ResponseError& error)
{
    return isProtocolError(error) ? error.code : 0;
}

} // namespace lethean::node
