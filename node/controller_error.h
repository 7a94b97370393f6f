#pragma once

#include <QString>

namespace lethean::node {

// Why a controller request did not give its result. `message` is a sentence for the user and the log.
struct ControllerError
{
    enum class Kind
    {
        Unreachable,   // not connected, and connecting failed (or no address is known)
        SendFailed,    // the connection refused the message
        Timeout,       // no valid reply within the request's timeout ("request timeout" as in Go)
        RemoteError,   // the peer answered with an `error` message (code and message are its)
        Refused,       // the peer answered, but said no (miner_ack / deploy_ack with success false)
        InvalidReply,  // the reply's payload does not parse
        InvalidRequest,// refused locally before sending (e.g. an empty miner type)
        ShuttingDown   // the controller stopped with the request in flight
    };

    Kind kind = Kind::Unreachable;
    qint64 code = 0; // RemoteError: the peer's error code
    QString message;

    QString toString() const { return message; }
};

} // namespace lethean::node
