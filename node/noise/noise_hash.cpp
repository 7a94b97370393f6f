#include "node/noise/noise_hash.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>

namespace lethean::node::noise {

namespace {

struct MdDeleter
{
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct MacDeleter
{
    void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct MacCtxDeleter
{
    void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

// Fetching resolves the provider implementation; doing it once per process is what makes reuse pay.
const EVP_MD* sha256()
{
    static const std::unique_ptr<EVP_MD, MdDeleter> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    return md.get();
}

const EVP_MAC* hmacAlgorithm()
{
    static const std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    return mac.get();
}

// Contexts are per thread (handshakes may run on several), each created on first use and kept.
EVP_MD_CTX* digestContext()
{
    thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    return ctx.get();
}

std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> newHmacContext()
{
    if (hmacAlgorithm() == nullptr)
        return nullptr;
    std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx(EVP_MAC_CTX_new(const_cast<EVP_MAC*>(hmacAlgorithm())));
    if (!ctx)
        return nullptr;
    // The digest is set once here, so each EVP_MAC_init below only installs the key.
    char digestName[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(ctx.get(), params) != 1)
        return nullptr;
    return ctx;
}

EVP_MAC_CTX* hmacContext()
{
    thread_local const std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx = newHmacContext();
    return ctx.get();
}

const unsigned char* bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char*>(view.data());
}

} // namespace

bool NoiseHash::hash(std::initializer_list<QByteArrayView> parts, Digest& out)
{
    EVP_MD_CTX* ctx = digestContext();
    if (ctx == nullptr || sha256() == nullptr || EVP_DigestInit_ex(ctx, sha256(), nullptr) != 1)
        return false;
    for (const QByteArrayView part : parts) {
        if (!part.isEmpty() && EVP_DigestUpdate(ctx, part.data(), static_cast<size_t>(part.size())) != 1)
            return false;
    }
    unsigned int written = 0;
    return EVP_DigestFinal_ex(ctx, out.data(), &written) == 1 && written == kHashLen;
}

bool NoiseHash::hmac(QByteArrayView key, std::initializer_list<QByteArrayView> parts, Digest& out)
{
    EVP_MAC_CTX* ctx = hmacContext();
    if (ctx == nullptr || EVP_MAC_init(ctx, bytes(key), static_cast<size_t>(key.size()), nullptr) != 1)
        return false;
    for (const QByteArrayView part : parts) {
        if (!part.isEmpty() && EVP_MAC_update(ctx, bytes(part), static_cast<size_t>(part.size())) != 1)
            return false;
    }
    size_t written = 0;
    return EVP_MAC_final(ctx, out.data(), &written, out.size()) == 1 && written == kHashLen;
}

bool NoiseHash::hkdf(const Digest& chainingKey, QByteArrayView inputKeyMaterial, Digest& out1, Digest& out2,
                     Digest* out3)
{
    static constexpr unsigned char kOne = 0x01, kTwo = 0x02, kThree = 0x03;
    // out1 may be the chaining key itself (MixKey updates ck in place): ck is read only here, first.
    Digest tempKey{};
    bool ok = hmac(view(chainingKey), {inputKeyMaterial}, tempKey) &&
              hmac(view(tempKey), {QByteArrayView(&kOne, 1)}, out1) &&
              hmac(view(tempKey), {view(out1), QByteArrayView(&kTwo, 1)}, out2);
    if (ok && out3 != nullptr)
        ok = hmac(view(tempKey), {view(out2), QByteArrayView(&kThree, 1)}, *out3);
    sodium_memzero(tempKey.data(), tempKey.size());
    return ok;
}

} // namespace lethean::node::noise
