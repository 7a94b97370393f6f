#pragma once

#include "node/bundle_error.h"
#include "node/bundle_header.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <memory>
#include <optional>

namespace lethean::node {

class BundleKey;
class ChunkHasher;

// Opens a sealed bundle as a stream: reads the header, derives the key, then hands out the plaintext
// one authenticated chunk at a time. Memory stays at two chunk buffers (the SHA-256 of one chunk runs
// on a helper thread while the next is decrypted), whatever the bundle's size.
//
// A chunk record on the wire is u32be(index) || secretstream ciphertext (1 tag byte, the chunk, 16-byte
// MAC). The index is checked before the MAC, so a moved chunk is told from an altered one; the last
// chunk must carry TAG_FINAL and is authenticated with the full header (checksum included), which is
// then compared with the SHA-256 of everything decrypted. Each piece next() returns is authentic, but
// the stream as a whole is only proven complete when next() returns the empty view: write into a
// staging place and commit only then.
class BundleDecryptor
{
public:
    static Result<std::unique_ptr<BundleDecryptor>, BundleError> begin(QIODevice& in, const BundleKey& key);
    ~BundleDecryptor();
    BundleDecryptor(const BundleDecryptor&) = delete;
    BundleDecryptor& operator=(const BundleDecryptor&) = delete;

    const BundleHeader& header() const { return m_header; }
    // The next piece of plaintext (valid until the following call), or an empty view once the final
    // chunk is verified. After an error every further call returns that error.
    Result<QByteArrayView, BundleError> next();
    bool finished() const { return m_finished; }

private:
    BundleDecryptor(QIODevice& in, BundleHeader header);
    Result<void, BundleError> verifyEnd();
    Unexpected<BundleError> failWith(BundleError error);

    QIODevice& m_in;
    BundleHeader m_header;
    QByteArray m_adZero;
    QByteArray m_adFull;
    std::unique_ptr<unsigned char[]> m_state; // crypto_secretstream_xchacha20poly1305_state
    QByteArray m_buffers[2];
    int m_current = 0;
    quint64 m_nextIndex = 0;
    std::unique_ptr<ChunkHasher> m_hasher;
    bool m_finished = false;
    std::optional<BundleError> m_error;
};

} // namespace lethean::node
