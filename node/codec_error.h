#pragma once

#include <QString>

namespace lethean::node {

// Why a frame could not be sealed or opened. Values, never exceptions (they cross the codec edge).
struct CodecError
{
    enum class Code
    {
        Malformed,      // wrong magic, version, lengths or JSON: not a frame we understand
        Authentication, // the AEAD tag or checksum does not verify: tampered, or the wrong key
        Unsupported,    // a well-formed frame using a feature we do not implement
        TooLarge,       // over the configured message limit (before or after decompression)
        Internal        // the crypto library refused (should not happen)
    };

    Code code;
    QString message;
};

} // namespace lethean::node
