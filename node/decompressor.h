#pragma once

#include "node/codec_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace lethean::node {

// gzip and zstd decompression through libarchive's raw format (no hand-written inflate), bounded:
// output beyond maxOutput is an error, so a compression bomb costs at most maxOutput bytes.
class Decompressor
{
public:
    enum class Format
    {
        Gzip,
        Zstd
    };

    static Result<QByteArray, CodecError> decompress(Format format, QByteArrayView input, qsizetype maxOutput);
};

} // namespace lethean::node
