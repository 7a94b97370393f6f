#include "node/sodium_runtime.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace lethean::node {

bool ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

namespace {
struct RandomPool
{
    std::array<unsigned char, 4096> bytes{};
    std::size_t used = bytes.size(); // empty until first use
};
} // namespace

void publicRandomBytes(void* out, std::size_t size)
{
    ensureSodium();
    if (size > 256) { // large requests are rare and would drain the pool
        randombytes_buf(out, size);
        return;
    }
    thread_local RandomPool pool;
    if (pool.bytes.size() - pool.used < size) {
        randombytes_buf(pool.bytes.data(), pool.bytes.size());
        pool.used = 0;
    }
    std::copy_n(pool.bytes.data() + pool.used, size, static_cast<unsigned char*>(out));
    pool.used += size;
}

QUuid randomUuid()
{
    std::array<char, 16> bytes{};
    publicRandomBytes(bytes.data(), bytes.size());
    // RFC 4122 §4.4: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
    bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), bytes.size()));
}

} // namespace lethean::node
