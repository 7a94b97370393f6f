#pragma once

#include "node/frame_codec.h"

#include <QByteArray>

namespace lethean::node {

// Protocol 1.0 frames, byte-compatible with go-p2p (Borg SMSG v1 in a TRIX container, WIRE.md §4):
//   key = SHA256(base64_std(sharedSecret)); P = {"body": <envelope JSON as a string>, "timestamp": s};
//   frame = "SMSG" 02 u32be(48) {"algorithm":"chacha20poly1305","version":"1.0"} || sigil(P).
// Sends exactly what Go sends. Receives v1 and, to stay tolerant of newer Borg senders, the "v2"
// format and gzip/zstd compression, all bounded by maxMessageSize. The same key serves both
// directions and every session between two nodes: that is protocol 1.0's known weakness (no forward
// secrecy); protocol 2.0 fixes it.
class SmsgCodec final : public FrameCodec
{
public:
    SmsgCodec(QByteArrayView sharedSecret, qsizetype maxMessageSize);
    ~SmsgCodec() override;

    QString protocolVersion() const override;
    bool hasForwardSecrecy() const override { return false; }
    bool isFatalOnFailure() const override { return false; }
    Result<QByteArray, CodecError> seal(QByteArrayView messageJson) override;
    Result<QByteArray, CodecError> open(QByteArrayView frame) override;

    // Deterministic seal for test vectors (fixed nonce and SMSG timestamp).
    Result<QByteArray, CodecError> sealWith(QByteArrayView messageJson, QByteArrayView nonce,
                                            qint64 unixSeconds) const;

private:
    QByteArray m_key;
    qsizetype m_maxMessageSize;
};

} // namespace lethean::node
