#include "node/bundle_decryptor.h"

#include "node/bundle_key.h"
#include "node/chunk_hasher.h"

#include <QtEndian>
#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr qsizetype kIndexSize = 4;
constexpr qsizetype kOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;

auto* state(const std::unique_ptr<unsigned char[]>& raw)
{
    return reinterpret_cast<crypto_secretstream_xchacha20poly1305_state*>(raw.get());
}
} // namespace

BundleDecryptor::BundleDecryptor(QIODevice& in, BundleHeader header)
    : m_in(in), m_header(std::move(header)),
      m_state(new unsigned char[sizeof(crypto_secretstream_xchacha20poly1305_state)])
{
    m_adZero = m_header.encode(true);
    m_adFull = m_header.encode(false);
    const qsizetype bufferSize = kIndexSize + kOverhead + m_header.chunkSize;
    const bool manyChunks = m_header.chunkCount() > 1;
    m_buffers[0] = QByteArray(bufferSize, Qt::Uninitialized);
    if (manyChunks)
        m_buffers[1] = QByteArray(bufferSize, Qt::Uninitialized);
    m_hasher = std::make_unique<ChunkHasher>(manyChunks);
}

BundleDecryptor::~BundleDecryptor()
{
    if (m_state)
        sodium_memzero(m_state.get(), sizeof(crypto_secretstream_xchacha20poly1305_state));
}

Result<std::unique_ptr<BundleDecryptor>, BundleError> BundleDecryptor::begin(QIODevice& in,
                                                                             const BundleKey& key)
{
    auto header = BundleHeader::read(in);
    if (!header)
        return fail(header.error());
    auto derived = key.deriveForOpen(*header);
    if (!derived)
        return fail(derived.error());
    std::unique_ptr<BundleDecryptor> decryptor(new BundleDecryptor(in, std::move(*header)));
    if (crypto_secretstream_xchacha20poly1305_init_pull(
            state(decryptor->m_state),
            reinterpret_cast<const unsigned char*>(decryptor->m_header.streamHeader.constData()),
            derived->streamKey.data()) != 0)
        return fail(BundleError{BundleError::Code::Corrupted, u"bundle: invalid stream header"_s});
    return decryptor;
}

Unexpected<BundleError> BundleDecryptor::failWith(BundleError error)
{
    m_error = error;
    return fail(std::move(error));
}

Result<QByteArrayView, BundleError> BundleDecryptor::next()
{
    if (m_error)
        return fail(*m_error);
    if (m_finished)
        return QByteArrayView();
    const quint64 count = m_header.chunkCount();
    const bool last = m_nextIndex + 1 == count;
    const qsizetype plainSize =
        last ? static_cast<qsizetype>(m_header.contentSize - m_nextIndex * m_header.chunkSize)
             : m_header.chunkSize;
    QByteArray& buffer = m_buffers[m_current];
    auto* raw = reinterpret_cast<unsigned char*>(buffer.data());
    const qsizetype recordSize = kIndexSize + kOverhead + plainSize;
    if (readFully(m_in, buffer.data(), recordSize) != recordSize)
        return failWith({BundleError::Code::Truncated,
                         u"bundle: the stream ends in chunk %1 of %2"_s.arg(m_nextIndex + 1).arg(count)});
    const quint32 index = qFromBigEndian<quint32>(raw);
    if (index != m_nextIndex)
        return failWith(
            {BundleError::Code::Reordered,
             u"bundle: chunk %1 arrived where chunk %2 belongs"_s.arg(index + 1).arg(m_nextIndex + 1)});
    const QByteArray& ad = last ? m_adFull : m_adZero;
    unsigned long long plainLength = 0;
    unsigned char tag = 0;
    // In place: the plaintext lands one byte after the ciphertext's start, exactly over its body.
    if (crypto_secretstream_xchacha20poly1305_pull(state(m_state), raw + kIndexSize + 1, &plainLength, &tag,
                                                   raw + kIndexSize,
                                                   static_cast<unsigned long long>(recordSize - kIndexSize),
                                                   reinterpret_cast<const unsigned char*>(ad.constData()),
                                                   static_cast<unsigned long long>(ad.size())) != 0)
        return failWith(
            {BundleError::Code::Corrupted,
             u"bundle: chunk %1 of %2 does not authenticate (altered)"_s.arg(m_nextIndex + 1).arg(count)});
    const unsigned char expectedTag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                           : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    if (tag != expectedTag)
        return failWith({BundleError::Code::Corrupted,
                         u"bundle: chunk %1 of %2 carries the wrong tag"_s.arg(m_nextIndex + 1).arg(count)});
    const char* plain = buffer.constData() + kIndexSize + 1;
    m_hasher->add(plain, plainSize);
    ++m_nextIndex;
    if (m_buffers[1].size() > 0)
        m_current ^= 1;
    if (last) {
        if (auto end = verifyEnd(); !end)
            return failWith(end.error());
    }
    return QByteArrayView(plain, plainSize);
}

Result<void, BundleError> BundleDecryptor::verifyEnd()
{
    m_finished = true;
    if (m_hasher->finish() != m_header.checksum)
        return fail(BundleError{BundleError::Code::ChecksumMismatch,
                                u"bundle: the content's SHA-256 does not match the header's checksum"_s});
    char extra = 0;
    if (m_in.read(&extra, 1) > 0)
        return fail(BundleError{BundleError::Code::Corrupted, u"bundle: data follows the final chunk"_s});
    return {};
}

} // namespace lethean::node
