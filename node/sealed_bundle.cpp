#include "node/sealed_bundle.h"

#include "node/bundle_decryptor.h"
#include "node/bundle_key.h"
#include "node/chunk_hasher.h"

#include <QBuffer>
#include <QDateTime>
#include <QtEndian>
#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr qsizetype kIndexSize = 4;
constexpr qsizetype kOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;

BundleError ioError(const QString& what, const QIODevice& device)
{
    return {BundleError::Code::Io, u"bundle: %1: %2"_s.arg(what, device.errorString())};
}

bool writeAll(QIODevice& out, const char* data, qint64 size)
{
    return out.write(data, size) == size;
}

// SHA-256 of `size` bytes of `in`, leaving `in` where it was.
Result<QByteArray, BundleError> hashInput(QIODevice& in, qint64 size, quint32 chunkSize)
{
    const qint64 start = in.pos();
    ChunkHasher hasher(false);
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    for (qint64 done = 0; done < size;) {
        const qint64 n = std::min<qint64>(chunkSize, size - done);
        if (readFully(in, buffer.data(), n) != n)
            return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: the input ended early"_s});
        hasher.add(buffer.constData(), n);
        done += n;
    }
    if (!in.seek(start))
        return fail(ioError(u"cannot rewind the input"_s, in));
    return hasher.finish();
}

struct StateWiper
{
    crypto_secretstream_xchacha20poly1305_state* state;
    ~StateWiper() { sodium_memzero(state, sizeof *state); }
};
} // namespace

Result<BundleHeader, BundleError> SealedBundle::seal(QIODevice& in, qint64 size, QIODevice& out,
                                                     const Options& options, const BundleKey& key)
{
    if (auto valid = BundleHeader::validateName(options.name); !valid)
        return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: %1"_s.arg(valid.error())});
    if (!options.executable.isEmpty()) {
        if (auto valid = BundleHeader::validateRelativePath(options.executable); !valid)
            return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: %1"_s.arg(valid.error())});
    }
    if (options.chunkSize < BundleHeader::kMinChunkSize || options.chunkSize > BundleHeader::kMaxChunkSize)
        return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: chunk size out of range"_s});
    if (size < 0 || static_cast<quint64>(size) > BundleHeader::kMaxContentSize)
        return fail(BundleError{BundleError::Code::TooLarge, u"bundle: content size out of range"_s});
    const bool onePass = !out.isSequential();
    if (!onePass && in.isSequential())
        return fail(BundleError{BundleError::Code::InvalidInput,
                                u"bundle: either the input or the output must be seekable"_s});

    BundleHeader header;
    header.type = options.type;
    header.content = options.content;
    header.chunkSize = options.chunkSize;
    header.contentSize = static_cast<quint64>(size);
    header.createdAt = options.createdAt >= 0 ? options.createdAt : QDateTime::currentSecsSinceEpoch();
    header.name = options.name;
    header.executable = options.executable;
    auto derived = key.prepareSeal(header);
    if (!derived)
        return fail(derived.error());
    if (!onePass) {
        auto checksum = hashInput(in, size, options.chunkSize);
        if (!checksum)
            return fail(checksum.error());
        header.checksum = *checksum;
    }

    crypto_secretstream_xchacha20poly1305_state state;
    const StateWiper wiper{&state};
    header.streamHeader = QByteArray(BundleHeader::kStreamHeaderSize, Qt::Uninitialized);
    crypto_secretstream_xchacha20poly1305_init_push(
        &state, reinterpret_cast<unsigned char*>(header.streamHeader.data()), derived->streamKey.data());
    const qint64 headerPos = onePass ? out.pos() : 0;
    const QByteArray adZero = header.encode(true);
    // One pass: the checksum is not known yet and goes in at the end; two passes: it is.
    const QByteArray headerBytes = onePass ? adZero : header.encode(false);
    if (!writeAll(out, headerBytes.constData(), headerBytes.size()) ||
        !writeAll(out, header.streamHeader.constData(), header.streamHeader.size()))
        return fail(ioError(u"cannot write the header"_s, out));

    const quint64 count = header.chunkCount();
    // Declared before the hasher, which may still be reading one of them when an error returns.
    QByteArray plain[2] = {QByteArray(options.chunkSize, Qt::Uninitialized),
                           QByteArray(count > 1 ? options.chunkSize : 0, Qt::Uninitialized)};
    QByteArray record(kIndexSize + kOverhead + options.chunkSize, Qt::Uninitialized);
    ChunkHasher hasher(onePass && count > 1);
    int current = 0;
    for (quint64 index = 0; index < count; ++index) {
        const bool last = index + 1 == count;
        const qint64 n = last ? size - static_cast<qint64>(index * options.chunkSize) : options.chunkSize;
        char* piece = plain[current].data();
        if (readFully(in, piece, n) != n)
            return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: the input ended early"_s});
        if (onePass)
            hasher.add(piece, n);
        QByteArray adFull;
        if (last && onePass)
            header.checksum = hasher.finish();
        if (last)
            adFull = header.encode(false);
        const QByteArray& ad = last ? adFull : adZero;
        qToBigEndian(static_cast<quint32>(index), record.data());
        unsigned long long written = 0;
        crypto_secretstream_xchacha20poly1305_push(
            &state, reinterpret_cast<unsigned char*>(record.data() + kIndexSize), &written,
            reinterpret_cast<const unsigned char*>(piece), static_cast<unsigned long long>(n),
            reinterpret_cast<const unsigned char*>(ad.constData()),
            static_cast<unsigned long long>(ad.size()),
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                 : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        if (!writeAll(out, record.constData(), kIndexSize + static_cast<qint64>(written)))
            return fail(ioError(u"cannot write chunk %1"_s.arg(index + 1), out));
        if (count > 1)
            current ^= 1;
    }
    if (onePass) {
        const qint64 end = out.pos();
        if (!out.seek(headerPos + BundleHeader::kChecksumOffset) ||
            !writeAll(out, header.checksum.constData(), header.checksum.size()) || !out.seek(end))
            return fail(ioError(u"cannot write the checksum"_s, out));
    }
    return header;
}

Result<QByteArray, BundleError> SealedBundle::seal(QByteArrayView content, const Options& options,
                                                   const BundleKey& key)
{
    QByteArray input = QByteArray::fromRawData(content.data(), content.size());
    QBuffer in(&input);
    in.open(QIODevice::ReadOnly);
    QByteArray sealed;
    QBuffer out(&sealed);
    out.open(QIODevice::WriteOnly);
    if (auto header = seal(in, content.size(), out, options, key); !header)
        return fail(header.error());
    out.close();
    return sealed;
}

Result<BundleHeader, BundleError> SealedBundle::open(QIODevice& in, QIODevice& out, const BundleKey& key,
                                                     qint64 maxContentSize)
{
    auto decryptor = BundleDecryptor::begin(in, key);
    if (!decryptor)
        return fail(decryptor.error());
    BundleDecryptor& stream = **decryptor;
    if (stream.header().contentSize > static_cast<quint64>(std::max<qint64>(maxContentSize, 0)))
        return fail(
            BundleError{BundleError::Code::TooLarge, u"bundle: %1 bytes of content exceed the %2-byte limit"_s
                                                         .arg(stream.header().contentSize)
                                                         .arg(maxContentSize)});
    while (!stream.finished()) {
        auto piece = stream.next();
        if (!piece)
            return fail(piece.error());
        if (!writeAll(out, piece->data(), piece->size()))
            return fail(ioError(u"cannot write the content"_s, out));
    }
    return stream.header();
}

Result<SealedBundle::Opened, BundleError> SealedBundle::open(QByteArrayView bundle, const BundleKey& key,
                                                             qint64 maxContentSize)
{
    QByteArray input = QByteArray::fromRawData(bundle.data(), bundle.size());
    QBuffer in(&input);
    in.open(QIODevice::ReadOnly);
    Opened opened;
    QBuffer out(&opened.content);
    out.open(QIODevice::WriteOnly);
    auto header = open(in, out, key, maxContentSize);
    if (!header)
        return fail(header.error());
    out.close();
    opened.header = std::move(*header);
    return opened;
}

Result<BundleHeader, BundleError> SealedBundle::inspect(QIODevice& in)
{
    return BundleHeader::read(in);
}

Result<BundleHeader, BundleError> SealedBundle::inspect(QByteArrayView bundle)
{
    return BundleHeader::parse(bundle);
}

} // namespace lethean::node
