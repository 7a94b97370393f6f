#pragma once

// Incremental HMAC-SHA256 on OpenSSL 3 libcrypto (EVP_MAC). The reader MACs the header bytes and the
// payload straight from the input buffer, piece by piece, so nothing is concatenated into a copy first.

#include <array>
#include <cstddef>
#include <cstdint>
#include <openssl/types.h>
#include <span>

namespace lethean::ueps {

class HmacSha256
{
public:
    static constexpr std::size_t kDigestSize = 32;
    using Digest = std::array<std::uint8_t, kDigestSize>;

    // Allocates the libcrypto context; valid() says whether that worked. The "HMAC" algorithm is
    // fetched once per process, and the SHA-256 digest is bound here, so a later init() only keys.
    HmacSha256() noexcept;
    ~HmacSha256();
    HmacSha256(HmacSha256&& other) noexcept;
    HmacSha256& operator=(HmacSha256&& other) noexcept;
    HmacSha256(const HmacSha256&) = delete;
    HmacSha256& operator=(const HmacSha256&) = delete;

    bool valid() const noexcept { return m_ctx != nullptr; }

    // Starts a new MAC under key. An empty key is a valid (if weak) HMAC key and is honoured as such,
    // never mistaken for "keep the previous key" as a null pointer would be in EVP_MAC_init.
    [[nodiscard]] bool init(std::span<const std::uint8_t> key) noexcept;
    [[nodiscard]] bool update(std::span<const std::uint8_t> data) noexcept;
    // Writes the tag; the context then needs init() again before the next message.
    [[nodiscard]] bool finish(Digest& out) noexcept;

private:
    EVP_MAC_CTX* m_ctx = nullptr;
};

} // namespace lethean::ueps
