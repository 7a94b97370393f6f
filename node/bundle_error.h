#pragma once

#include <QString>

namespace lethean::node {

// Why a bundle could not be sealed, opened or extracted. Each way a bundle can be wrong has its own
// code, so the worker's deploy_ack, the CLI and the tests can tell them apart; `message` is a sentence
// for the user (it names the entry for an unsafe archive member).
struct BundleError
{
    enum class Code
    {
        BadHeader,          // not a bundle, or a header whose fields are out of range
        UnsupportedVersion, // a bundle format version this build does not know
        WrongKey,           // sealed to another node's key (or opened with the wrong identity)
        WrongPassphrase,    // the passphrase does not open it
        Corrupted,          // a chunk or the header does not authenticate: altered, or forged
        Truncated,          // the stream ends before its final chunk
        Reordered,          // a chunk arrives at the wrong position (moved, repeated or missing)
        ChecksumMismatch,   // the SHA-256 checksum does not match the bytes
        TooLarge,           // over a size, entry-count or compression-ratio limit
        UnsafeEntry,        // an archive entry that could escape or misuse the destination
        InvalidArchive,     // not a tar/tar.gz archive, or a damaged one
        InvalidInput,       // the caller's input: an empty passphrase, a bad name, a missing file
        Io,                 // a file or folder could not be read, written or renamed
        Crypto              // libsodium or OpenSSL refused (should not happen)
    };

    Code code = Code::Io;
    QString message;
};

} // namespace lethean::node
