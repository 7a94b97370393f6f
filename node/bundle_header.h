#pragma once

#include "node/bundle_error.h"
#include "node/bundle_type.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>

namespace lethean::node {

// Reads up to `size` bytes, waiting for a sequential device (a socket, a pipe) to deliver more, and
// returns how many arrived: fewer only at the end of the data or on an error.
qint64 readFully(QIODevice& in, char* data, qint64 size);

// The clear-text header of our sealed bundle format (protocol 2.0 peers and files on disk; layout in
// docs/protocol.md, "Bundles"). Everything here can be read without a key (inspect); all of it is
// authenticated as additional data of the encrypted chunks that follow.
//
//   off  len  field
//     0    8  magic "LTHNBNDL"
//     8    1  format version (1)
//     9    1  mode: 1 sealed to a recipient key, 2 sealed with a passphrase
//    10    1  bundle type: 1 profile, 2 miner, 3 full
//    11    1  content: 1 JSON document, 2 tar archive
//    12    4  chunk size (plaintext bytes per chunk), u32 big-endian
//    16    8  content size (plaintext bytes), u64 big-endian
//    24    8  creation time, Unix seconds, i64 big-endian
//    32   32  sender static X25519 public key (mode 1; zero in mode 2)
//    64   32  mode 1: ephemeral X25519 public key; mode 2: Argon2id salt (16) || opslimit u64 || memlimit u64
//    96   32  recipient X25519 public key (mode 1; zero in mode 2)
//   128   32  key check: a subkey of the bundle key, tells a wrong key from a damaged stream
//   160   32  SHA-256 of the content
//   192    1  name length n (1–128 bytes of UTF-8)
//   193    2  executable path length m (0–1024), u16 big-endian
//   195    n  name
//  195+n   m  executable path inside the archive (miner bundles)
// 195+n+m 24  crypto_secretstream_xchacha20poly1305 header
class BundleHeader
{
public:
    static constexpr QByteArrayView kMagic{"LTHNBNDL", 8};
    static constexpr quint8 kVersion = 1;
    static constexpr qsizetype kFixedSize = 195;
    static constexpr qsizetype kKeySize = 32;
    static constexpr qsizetype kSaltSize = 16;
    static constexpr qsizetype kStreamHeaderSize = 24;
    static constexpr qsizetype kChecksumOffset = 160;
    static constexpr qsizetype kMaxNameSize = 128;
    static constexpr qsizetype kMaxExecutableSize = 1024;
    static constexpr quint32 kDefaultChunkSize = 64 * 1024;
    static constexpr quint32 kMinChunkSize = 1024;
    static constexpr quint32 kMaxChunkSize = 8 * 1024 * 1024;
    static constexpr quint64 kMaxContentSize = quint64(64) << 30; // 64 GiB: a sanity bound, not a policy

    enum class Mode : quint8
    {
        RecipientKey = 1,
        Passphrase = 2
    };
    enum class Content : quint8
    {
        Json = 1,
        Tar = 2
    };

    Mode mode = Mode::RecipientKey;
    BundleType type = BundleType::Profile;
    Content content = Content::Json;
    quint32 chunkSize = kDefaultChunkSize;
    quint64 contentSize = 0;
    qint64 createdAt = 0;
    QByteArray senderPublicKey;    // 32 bytes (mode 1)
    QByteArray ephemeralPublicKey; // 32 bytes (mode 1)
    QByteArray recipientPublicKey; // 32 bytes (mode 1)
    QByteArray salt;               // 16 bytes (mode 2)
    quint64 opsLimit = 0;          // Argon2id (mode 2)
    quint64 memLimit = 0;          // Argon2id, bytes (mode 2)
    QByteArray keyCheck;           // 32 bytes
    QByteArray checksum;           // 32 bytes, SHA-256 of the content
    QString name;
    QString executable;
    QByteArray streamHeader; // 24 bytes

    // The header bytes up to (not including) the secretstream header. With `zeroChecksum` the
    // checksum field is zero: every chunk but the last is authenticated with that form, the last with
    // the full header, so a sealer can fill the checksum in after one pass over the content.
    QByteArray encode(bool zeroChecksum = false) const;
    // Reads and checks exactly the header and the secretstream header from `in`.
    static Result<BundleHeader, BundleError> read(QIODevice& in);
    static Result<BundleHeader, BundleError> parse(QByteArrayView bytes); // the same, from memory
    // Does `data` start with the magic?
    static bool isSealedBundle(QByteArrayView data);

    // Chunks in the stream: ceil(contentSize / chunkSize), at least 1 (an empty bundle has one empty
    // final chunk).
    quint64 chunkCount() const;
    qsizetype encodedSize() const { return encode().size() + kStreamHeaderSize; }
    QString checksumHex() const { return QString::fromLatin1(checksum.toHex()); }

    // Bundle names go into messages, logs and file names: 1–128 bytes of UTF-8 without control
    // characters, '/' or '\\', not "." or "..".
    static Result<void, QString> validateName(QStringView name);
    // A relative path inside the archive: '/'-separated, no empty, "." or ".." component.
    static Result<void, QString> validateRelativePath(QStringView path);
};

} // namespace lethean::node
