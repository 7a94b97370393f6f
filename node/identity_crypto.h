#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>
#include <optional>

namespace lethean::node {

// The public-key arithmetic of protocol 1.0 (WIRE.md §1, §1.3) as free functions: the transport needs
// them for peers, not only for our own identity.

inline constexpr qsizetype kPublicKeySize = 32;
inline constexpr qsizetype kPrivateKeySize = 32;
inline constexpr qsizetype kSharedSecretSize = 32;
inline constexpr qsizetype kChallengeSize = 32;

// lowercase hex of SHA-256(publicKey)[0..16): 32 characters. Go never checks a claimed ID against the
// key (WIRE.md §13.2); the transport uses this to do so.
QString nodeIdForPublicKey(QByteArrayView publicKey);
// Standard base64 with padding: 44 characters for a 32-byte key.
QString encodePublicKey(QByteArrayView publicKey);
// Standard base64 with padding required, then exactly 32 bytes; nullopt otherwise.
std::optional<QByteArray> decodePublicKey(QStringView base64);

// 32 bytes from libsodium's CSPRNG.
QByteArray generateChallenge();
// HMAC-SHA256(key = sharedSecret, message = challenge): 32 bytes.
QByteArray signChallenge(QByteArrayView challenge, QByteArrayView sharedSecret);
// Recomputes the HMAC and compares in constant time; false at once when the lengths differ.
bool verifyChallenge(QByteArrayView challenge, QByteArrayView response, QByteArrayView sharedSecret);

} // namespace lethean::node
