#include "node/dispatch_error.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

DispatchError DispatchError::threatScoreExceeded()
{
    return {Code::ThreatScoreExceeded,
            u"Dispatcher.Dispatch: packet rejected: threat score exceeds safety threshold (50000)"_s};
}

DispatchError DispatchError::unknownIntent()
{
    return {Code::UnknownIntent, u"Dispatcher.Dispatch: packet dropped: unknown intent"_s};
}

DispatchError DispatchError::nilPacket()
{
    return {Code::InvalidPacket, u"Dispatcher.Dispatch: nil packet"_s};
}

DispatchError DispatchError::handlerFailed(const QString& handlerMessage)
{
    return {Code::HandlerFailed, handlerMessage};
}

} // namespace lethean::node
