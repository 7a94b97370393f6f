#pragma once

#include "node/frame_codec.h"
#include "node/noise/transport_ciphers.h"

#include <QElapsedTimer>

#include <chrono>

namespace lethean::node {

// Protocol 2.0 frames: one envelope JSON per binary WebSocket message, carried as Noise transport
// messages (ChaCha20-Poly1305 with a per-direction counter nonce):
//
//   frame = flags(1) || chunk || chunk || …      chunk = u16be(len(ct)) || ct      len(ct) ≤ 65535
//
// Each chunk seals up to 65519 plaintext bytes, so a 1 MiB message crosses in 17 Noise messages.
// flags bit 0 (kRekeyed): the sender rekeyed its sending CipherState (Noise §11.3 REKEY) just before
// this frame, so the receiver rekeys its receiving one first. The sender rekeys after rekeyAfterFrames
// frames or rekeyAfter time, whichever comes first. The flag travels in clear; flipping it only makes
// the next chunk fail to decrypt. Any failure (bit flip, replay, reorder, truncation) is fatal for
// the connection: the counters no longer agree, so the transport closes it.
class NoiseCodec final : public FrameCodec
{
public:
    static constexpr quint8 kRekeyed = 0x01;
    static constexpr qsizetype kMaxChunkPlaintext = 65535 - 16;
    static constexpr quint64 kDefaultRekeyAfterFrames = quint64(1) << 20;
    static constexpr std::chrono::milliseconds kDefaultRekeyAfter{std::chrono::hours(1)};

    NoiseCodec(noise::TransportCiphers ciphers, qsizetype maxMessageSize,
               quint64 rekeyAfterFrames = kDefaultRekeyAfterFrames,
               std::chrono::milliseconds rekeyAfter = kDefaultRekeyAfter);

    QString protocolVersion() const override;
    bool hasForwardSecrecy() const override { return true; }
    bool isFatalOnFailure() const override { return true; }
    Result<QByteArray, CodecError> seal(QByteArrayView messageJson) override;
    Result<QByteArray, CodecError> open(QByteArrayView frame) override;

    quint64 rekeysSent() const { return m_rekeysSent; }
    quint64 rekeysReceived() const { return m_rekeysReceived; }

private:
    bool rekeyDue() const;

    noise::TransportCiphers m_ciphers;
    qsizetype m_maxMessageSize;
    quint64 m_rekeyAfterFrames;
    std::chrono::milliseconds m_rekeyAfter;
    quint64 m_framesSinceRekey = 0;
    QElapsedTimer m_sinceRekey;
    quint64 m_rekeysSent = 0;
    quint64 m_rekeysReceived = 0;
    bool m_broken = false;
};

} // namespace lethean::node
