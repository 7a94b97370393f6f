#pragma once

#include <QString>

namespace lethean::node::noise {

// Why a Noise operation refused. Values, never exceptions: they cross the transport edge, where a
// failed handshake or frame closes the connection with this message as the logged reason.
struct NoiseError
{
    enum class Code
    {
        InvalidArgument, // a key of the wrong length, a missing key the pattern needs
        InvalidKey,      // X25519 gave the all-zero result: the peer sent a low-order point
        Malformed,       // a handshake message too short for its tokens, a ciphertext shorter than its tag
        Authentication,  // the AEAD tag does not verify: tampered, replayed, reordered or the wrong key
        NonceExhausted,  // n reached 2^64-1, which Noise reserves; the session must end or rekey earlier
        TooLarge,        // over the 65535-byte Noise message limit
        WrongState,      // not this side's turn, handshake already finished, or an earlier failure
        Internal         // the crypto library refused (should not happen)
    };

    Code code;
    QString message;
};

} // namespace lethean::node::noise
