#pragma once

#include "node/codec_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

namespace lethean::node {

// Enchantrix's TRIX container (WIRE.md §4, §8.3): magic(4) || version 0x02 || u32be(len(header)) ||
// header JSON object || payload. SMSG frames use the magic "SMSG", STIM bundles "STIM".
class TrixContainer
{
public:
    static constexpr char kVersion = 0x02;
    static constexpr qsizetype kPrefixSize = 9;
    static constexpr quint32 kMaxHeaderSize = 16u * 1024u * 1024u; // Go's limit

    struct Parts
    {
        QJsonObject header;
        QByteArrayView payload; // points into the decoded input
    };

    // headerJson is written verbatim (callers produce Go's exact bytes, e.g. sorted keys).
    static QByteArray encode(QByteArrayView magic, QByteArrayView headerJson, QByteArrayView payload);
    static Result<Parts, CodecError> decode(QByteArrayView container, QByteArrayView expectedMagic);
};

} // namespace lethean::node
