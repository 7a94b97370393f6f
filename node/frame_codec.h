#pragma once

#include "node/codec_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace lethean::node {

// Per-connection encryption of post-handshake frames, chosen at handshake: protocol 1.0 is go-p2p's
// SMSG (SmsgCodec); protocol 2.0 is Noise transport messages. The transport only sees this interface.
// A codec works on buffers and knows nothing of sockets, so it is tested and fuzzed without one.
class FrameCodec
{
public:
    virtual ~FrameCodec() = default;

    // "1.0" or "2.0", as negotiated.
    virtual QString protocolVersion() const = 0;
    // Whether a later key compromise leaves recorded traffic unreadable (1.0: no).
    virtual bool hasForwardSecrecy() const = 0;
    // Whether a frame that fails to open must end the connection. 1.0: no (as Go, a bad frame is
    // dropped and the link stays). 2.0: yes (counter nonces are out of step after a failure).
    virtual bool isFatalOnFailure() const = 0;

    // Envelope JSON (one message) to the bytes of one binary WebSocket message.
    virtual Result<QByteArray, CodecError> seal(QByteArrayView messageJson) = 0;
    // One binary WebSocket message back to the envelope JSON.
    virtual Result<QByteArray, CodecError> open(QByteArrayView frame) = 0;
};

} // namespace lethean::node
