#include "node/noise_codec.h"

#include "node/noise/noise_constants.h"

#include <QtEndian>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
CodecError fromNoise(const noise::NoiseError& error)
{
    using Code = noise::NoiseError::Code;
    switch (error.code) {
    case Code::Authentication:
        return {CodecError::Code::Authentication, u"noise: "_s + error.message};
    case Code::Malformed:
    case Code::TooLarge:
        return {CodecError::Code::Malformed, u"noise: "_s + error.message};
    case Code::InvalidArgument:
    case Code::InvalidKey:
    case Code::NonceExhausted:
    case Code::WrongState:
    case Code::Internal:
        return {CodecError::Code::Internal, u"noise: "_s + error.message};
    }
    return {CodecError::Code::Internal, error.message};
}
} // namespace

NoiseCodec::NoiseCodec(noise::TransportCiphers ciphers, qsizetype maxMessageSize, quint64 rekeyAfterFrames,
                       std::chrono::milliseconds rekeyAfter)
    : m_ciphers(std::move(ciphers)), m_maxMessageSize(maxMessageSize),
      m_rekeyAfterFrames(rekeyAfterFrames == 0 ? 1 : rekeyAfterFrames), m_rekeyAfter(rekeyAfter)
{
    m_sinceRekey.start();
}

QString NoiseCodec::protocolVersion() const
{
    return u"2.0"_s;
}

bool NoiseCodec::rekeyDue() const
{
    return m_framesSinceRekey >= m_rekeyAfterFrames || m_sinceRekey.elapsed() >= m_rekeyAfter.count();
}

Result<QByteArray, CodecError> NoiseCodec::seal(QByteArrayView messageJson)
{
    if (m_broken)
        return fail(CodecError{CodecError::Code::Internal, u"noise: session failed earlier"_s});
    quint8 flags = 0;
    if (rekeyDue()) {
        if (auto rekeyed = m_ciphers.send.rekey(); !rekeyed) {
            m_broken = true;
            return fail(fromNoise(rekeyed.error()));
        }
        flags |= kRekeyed;
        ++m_rekeysSent;
        m_framesSinceRekey = 0;
        m_sinceRekey.start();
    }
    const qsizetype chunks = std::max<qsizetype>(1, (messageJson.size() + kMaxChunkPlaintext - 1) / kMaxChunkPlaintext);
    if (!m_ciphers.send.hasKey()) // the layout below assumes a tag on every chunk
        return fail(CodecError{CodecError::Code::Internal, u"noise: no transport key"_s});
    // Each chunk is sealed straight into the frame: u16be(len(ct)) || ct.
    QByteArray frame(1 + messageJson.size() + chunks * (2 + noise::kTagLen), Qt::Uninitialized);
    frame[0] = static_cast<char>(flags);
    char* next = frame.data() + 1;
    for (qsizetype offset = 0, i = 0; i < chunks; ++i, offset += kMaxChunkPlaintext) {
        const QByteArrayView piece = messageJson.sliced(offset, std::min(kMaxChunkPlaintext, messageJson.size() - offset));
        qToBigEndian(static_cast<quint16>(piece.size() + noise::kTagLen), next);
        if (auto sealed = m_ciphers.send.encryptWithAdInto({}, piece, next + 2); !sealed) {
            m_broken = true;
            return fail(fromNoise(sealed.error()));
        }
        next += 2 + piece.size() + noise::kTagLen;
    }
    ++m_framesSinceRekey;
    return frame;
}

Result<QByteArray, CodecError> NoiseCodec::open(QByteArrayView frame)
{
    if (m_broken)
        return fail(CodecError{CodecError::Code::Internal, u"noise: session failed earlier"_s});
    auto broken = [this](CodecError error) {
        m_broken = true;
        return fail(std::move(error));
    };
    if (frame.size() > m_maxMessageSize) // the whole WebSocket message, as for 1.0
        return broken({CodecError::Code::TooLarge, u"noise: frame exceeds the message limit"_s});
    if (frame.size() < 1 + 2 + 16)
        return broken({CodecError::Code::Malformed, u"noise: frame shorter than one chunk"_s});
    const quint8 flags = static_cast<quint8>(frame[0]);
    if ((flags & ~kRekeyed) != 0)
        return broken({CodecError::Code::Malformed, u"noise: unknown frame flags"_s});
    if (flags & kRekeyed) {
        if (auto rekeyed = m_ciphers.receive.rekey(); !rekeyed)
            return broken(fromNoise(rekeyed.error()));
        ++m_rekeysReceived;
    }
    QByteArray json;
    for (qsizetype offset = 1; offset < frame.size();) {
        if (frame.size() - offset < 2)
            return broken({CodecError::Code::Malformed, u"noise: truncated chunk length"_s});
        const quint16 length = qFromBigEndian<quint16>(frame.data() + offset);
        offset += 2;
        if (length < 16 || length > frame.size() - offset)
            return broken({CodecError::Code::Malformed, u"noise: chunk length %1 does not fit"_s.arg(length)});
        auto plain = m_ciphers.receive.decryptWithAd({}, frame.sliced(offset, length));
        if (!plain)
            return broken(fromNoise(plain.error()));
        if (json.isEmpty())
            json = std::move(*plain); // one chunk, the usual case: no copy
        else
            json.append(*plain);
        offset += length;
        if (json.size() > m_maxMessageSize)
            return broken({CodecError::Code::TooLarge, u"noise: message exceeds the limit"_s});
    }
    return json;
}

} // namespace lethean::node
