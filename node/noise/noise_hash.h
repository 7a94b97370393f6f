#pragma once

#include "node/noise/noise_constants.h"

#include <QByteArrayView>
#include <array>
#include <initializer_list>

namespace lethean::node::noise {

// The hash functions of Noise §4.3 for SHA256: HASH, HMAC-HASH and HKDF, on OpenSSL's SHA-256 and
// HMAC (EVP_MD / EVP_MAC, fetched once and reused per thread: the one-shot HMAC() fetches on every
// call, which costs more than the hashing itself for these 32..100-byte inputs).
//
// Each function reports whether OpenSSL did the work; the callers turn a false into NoiseError.
class NoiseHash
{
public:
    using Digest = std::array<unsigned char, kHashLen>;

    // out = SHA-256(parts[0] || parts[1] || ...)
    [[nodiscard]] static bool hash(std::initializer_list<QByteArrayView> parts, Digest& out);
    // out = HMAC-SHA256(key, parts[0] || parts[1] || ...)
    [[nodiscard]] static bool hmac(QByteArrayView key, std::initializer_list<QByteArrayView> parts,
                                   Digest& out);
    // Noise's HKDF(chaining_key, input_key_material, 2 or 3) (§4.3), which is RFC 5869 HKDF with
    // the chaining key as salt and an empty info. out3 is produced only when non-null.
    [[nodiscard]] static bool hkdf(const Digest& chainingKey, QByteArrayView inputKeyMaterial, Digest& out1,
                                   Digest& out2, Digest* out3 = nullptr);

    static QByteArrayView view(const Digest& digest) { return {digest.data(), kHashLen}; }
};

} // namespace lethean::node::noise
