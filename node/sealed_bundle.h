#pragma once

#include "node/bundle_error.h"
#include "node/bundle_header.h"
#include "node/bundle_type.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>

namespace lethean::node {

class BundleKey;

// Our bundle format (protocol 2.0 peers and files on disk): a BundleHeader, then the content in
// crypto_secretstream_xchacha20poly1305 chunks (BundleDecryptor describes the records). Streaming in
// both directions: memory stays at a few chunk buffers whatever the content size.
class SealedBundle
{
public:
    struct Options
    {
        BundleType type = BundleType::Profile;
        QString name;
        QString executable; // the miner binary's path inside the archive (miner bundles)
        BundleHeader::Content content = BundleHeader::Content::Json;
        quint32 chunkSize = BundleHeader::kDefaultChunkSize;
        qint64 createdAt = -1; // Unix seconds; -1: now
    };

    struct Opened
    {
        BundleHeader header;
        QByteArray content;
    };

    // Seals `size` bytes read from `in` into `out`. With a seekable `out` (a file, a buffer) it is one
    // pass: the checksum is written into the header at the end. Otherwise `in` must be seekable and is
    // read twice (hash first). Returns the header as written.
    static Result<BundleHeader, BundleError> seal(QIODevice& in, qint64 size, QIODevice& out,
                                                  const Options& options, const BundleKey& key);
    static Result<QByteArray, BundleError> seal(QByteArrayView content, const Options& options,
                                                const BundleKey& key);

    // Decrypts into `out` chunk by chunk. Every chunk is authenticated before it is written, but only a
    // successful return proves the stream complete: give a QSaveFile or a staging file and commit on
    // success. Content larger than `maxContentSize` is refused before anything is decrypted.
    static Result<BundleHeader, BundleError> open(QIODevice& in, QIODevice& out, const BundleKey& key,
                                                  qint64 maxContentSize);
    static Result<Opened, BundleError> open(QByteArrayView bundle, const BundleKey& key,
                                            qint64 maxContentSize);

    // The header alone, without any key: type, name, sender, sizes, checksum.
    static Result<BundleHeader, BundleError> inspect(QIODevice& in);
    static Result<BundleHeader, BundleError> inspect(QByteArrayView bundle);
};

} // namespace lethean::node
