#pragma once

#include <QtGlobal>
#include <limits>

// The sizes Noise_*_25519_ChaChaPoly_SHA256 fixes (Noise spec rev 34, §4 and §12).
namespace lethean::node::noise {

inline constexpr qsizetype kDhLen = 32;             // X25519 public key and shared secret
inline constexpr qsizetype kKeyLen = 32;            // ChaChaPoly key
inline constexpr qsizetype kHashLen = 32;           // SHA-256 output
inline constexpr qsizetype kTagLen = 16;            // Poly1305 tag
inline constexpr qsizetype kMaxMessageSize = 65535; // §3: every Noise message, handshake or transport
inline constexpr qsizetype kMaxPlaintextSize = kMaxMessageSize - kTagLen;
// §5.1: n = 2^64-1 is reserved (it is the nonce Rekey() uses), so a CipherState stops before it.
inline constexpr quint64 kReservedNonce = std::numeric_limits<quint64>::max();

} // namespace lethean::node::noise
