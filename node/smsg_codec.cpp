#include "node/smsg_codec.h"

#include "node/chacha_sigil.h"
#include "node/decompressor.h"
#include "node/smsg_plaintext.h"
#include "node/trix_container.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonObject>
#include <QtEndian>

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr QByteArrayView kMagic = "SMSG";
// Go marshals a map, so the keys are sorted; exactly these 48 bytes.
constexpr QByteArrayView kHeader = R"({"algorithm":"chacha20poly1305","version":"1.0"})";

CodecError malformed(const QString& message)
{
    return {CodecError::Code::Malformed, message};
}

} // namespace

SmsgCodec::SmsgCodec(QByteArrayView sharedSecret, qsizetype maxMessageSize)
    : m_key(ChaChaSigil::keyFromPassword(sharedSecret.toByteArray().toBase64())), m_maxMessageSize(maxMessageSize)
{
}

SmsgCodec::~SmsgCodec()
{
    sodium_memzero(m_key.data(), static_cast<size_t>(m_key.size()));
}

QString SmsgCodec::protocolVersion() const
{
    return u"1.0"_s;
}

Result<QByteArray, CodecError> SmsgCodec::seal(QByteArrayView messageJson)
{
    const QByteArray plaintext = SmsgPlaintext::wrap(messageJson, QDateTime::currentSecsSinceEpoch());
    auto sealed = ChaChaSigil::seal(m_key, plaintext);
    if (!sealed)
        return fail(sealed.error());
    return TrixContainer::encode(kMagic, kHeader, *sealed);
}

Result<QByteArray, CodecError> SmsgCodec::sealWith(QByteArrayView messageJson, QByteArrayView nonce,
                                                   qint64 unixSeconds) const
{
    auto sealed = ChaChaSigil::sealWithNonce(m_key, SmsgPlaintext::wrap(messageJson, unixSeconds), nonce);
    if (!sealed)
        return fail(sealed.error());
    return TrixContainer::encode(kMagic, kHeader, *sealed);
}

Result<QByteArray, CodecError> SmsgCodec::open(QByteArrayView frame)
{
    if (frame.size() > m_maxMessageSize)
        return fail(CodecError{CodecError::Code::TooLarge, u"smsg: frame exceeds the message limit"_s});
    auto parts = TrixContainer::decode(frame, kMagic);
    if (!parts)
        return fail(parts.error());
    const QJsonObject& header = parts->header;

    // A Go sender never sets a checksum; a newer Borg may. Verify it rather than ignore it.
    if (const QJsonValue checksum = header.value(u"checksum"_s); checksum.isString()) {
        if (header.value(u"checksum_algo"_s).toString() != u"sha256"_s)
            return fail(CodecError{CodecError::Code::Unsupported, u"smsg: unsupported checksum algorithm"_s});
        const QByteArray digest =
            QCryptographicHash::hash(parts->payload, QCryptographicHash::Sha256).toHex();
        if (digest != checksum.toString().toLatin1())
            return fail(CodecError{CodecError::Code::Authentication, u"smsg: payload checksum mismatch"_s});
    }

    auto plaintext = ChaChaSigil::open(m_key, parts->payload);
    if (!plaintext)
        return fail(plaintext.error());

    const QString compression = header.value(u"compression"_s).toString();
    if (compression == u"gzip"_s || compression == u"zstd"_s) {
        auto inflated = Decompressor::decompress(
            compression == u"gzip"_s ? Decompressor::Format::Gzip : Decompressor::Format::Zstd, *plaintext,
            m_maxMessageSize);
        if (!inflated)
            return fail(inflated.error());
        plaintext = std::move(*inflated);
    } else if (!compression.isEmpty() && compression != u"none"_s) {
        return fail(CodecError{CodecError::Code::Unsupported, u"smsg: unknown compression '%1'"_s.arg(compression)});
    }

    QByteArrayView json = *plaintext;
    if (header.value(u"format"_s).toString() == u"v2"_s) {
        // v2: u32be(jsonLength) || json || attachments. Attachments are not used by go-p2p messages.
        if (json.size() < 4)
            return fail(malformed(u"smsg: v2 plaintext too short"_s));
        const quint32 length = qFromBigEndian<quint32>(json.data());
        if (length > static_cast<quint64>(json.size() - 4))
            return fail(malformed(u"smsg: v2 JSON length runs past the end"_s));
        json = json.sliced(4, length);
    }
    return SmsgPlaintext::unwrap(json);
}

} // namespace lethean::node
