#pragma once

// Why Dispatcher::dispatch() did not deliver a packet, with go-p2p's error texts (WIRE.md §10).

#include <QMetaType>
#include <QObject>
#include <QString>

namespace lethean::node {

struct DispatchError
{
    Q_GADGET

public:
    enum class Code
    {
        ThreatScoreExceeded, // the circuit breaker fired: threat score > kThreatScoreThreshold
        UnknownIntent,       // no handler is registered for the packet's intent
        InvalidPacket,       // a null packet (Go's ErrNilPacket)
        HandlerFailed,       // the handler ran and returned an error; message is the handler's
    };
    Q_ENUM(Code)

    Code code = Code::InvalidPacket;
    QString message;

    static DispatchError threatScoreExceeded();
    static DispatchError unknownIntent();
    static DispatchError nilPacket();
    static DispatchError handlerFailed(const QString& handlerMessage);
};

} // namespace lethean::node
