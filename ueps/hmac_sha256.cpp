#include "ueps/hmac_sha256.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <utility>

namespace lethean::ueps {

namespace {

// EVP_MAC_fetch walks the provider's algorithm table under a lock; doing it once per process instead
// of once per packet is the difference between a cheap and an expensive small-packet MAC. The object
// is released at exit, before OpenSSL's own atexit cleanup (it was registered after OpenSSL's).
class FetchedHmac
{
public:
    FetchedHmac() noexcept : m_mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr)) {}
    ~FetchedHmac() { EVP_MAC_free(m_mac); }
    FetchedHmac(const FetchedHmac&) = delete;
    FetchedHmac& operator=(const FetchedHmac&) = delete;

    EVP_MAC* get() const noexcept { return m_mac; }

private:
    EVP_MAC* m_mac;
};

EVP_MAC* hmacAlgorithm() noexcept
{
    static const FetchedHmac fetched;
    return fetched.get();
}

// Binding the digest fetches SHA-256 by name, another table walk: done once per context.
EVP_MAC_CTX* newSha256Context() noexcept
{
    EVP_MAC* mac = hmacAlgorithm();
    if (mac == nullptr) {
        return nullptr;
    }
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    if (ctx == nullptr) {
        return nullptr;
    }
    char digestName[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_CTX_set_params(ctx, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return nullptr;
    }
    return ctx;
}

} // namespace

HmacSha256::HmacSha256() noexcept : m_ctx(newSha256Context()) {}

HmacSha256::~HmacSha256()
{
    EVP_MAC_CTX_free(m_ctx);
}

HmacSha256::HmacSha256(HmacSha256&& other) noexcept : m_ctx(std::exchange(other.m_ctx, nullptr)) {}

HmacSha256& HmacSha256::operator=(HmacSha256&& other) noexcept
{
    if (this != &other) {
        EVP_MAC_CTX_free(m_ctx);
        m_ctx = std::exchange(other.m_ctx, nullptr);
    }
    return *this;
}

bool HmacSha256::init(std::span<const std::uint8_t> key) noexcept
{
    if (m_ctx == nullptr) {
        return false;
    }
    // EVP_MAC_init(ctx, nullptr, 0) means "reuse the previous key": an empty span may carry a null
    // pointer, so point at a real byte and pass length 0 to get an empty key instead.
    static constexpr std::uint8_t kNoKeyBytes = 0;
    const std::uint8_t* keyBytes = key.empty() ? &kNoKeyBytes : key.data();
    return EVP_MAC_init(m_ctx, keyBytes, key.size(), nullptr) == 1;
}

bool HmacSha256::update(std::span<const std::uint8_t> data) noexcept
{
    if (m_ctx == nullptr) {
        return false;
    }
    if (data.empty()) {
        return true;
    }
    return EVP_MAC_update(m_ctx, data.data(), data.size()) == 1;
}

bool HmacSha256::finish(Digest& out) noexcept
{
    if (m_ctx == nullptr) {
        return false;
    }
    std::size_t written = 0;
    return EVP_MAC_final(m_ctx, out.data(), &written, out.size()) == 1 && written == out.size();
}

} // namespace lethean::ueps
