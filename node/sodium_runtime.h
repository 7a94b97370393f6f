#pragma once

#include <QByteArrayView>
#include <QUuid>

#include <cstddef>

namespace lethean::node {

// libsodium must be initialised before its CSPRNG or primitives are used. sodium_init() is idempotent
// and thread-safe; this wrapper runs it once per process and says whether it worked.
bool ensureSodium();

// Public random bytes (message IDs, per-frame nonces) from a per-thread pool that libsodium's CSPRNG
// refills 4 KiB at a time; each byte is handed out once. randombytes_buf() makes one getrandom()
// system call per request, about 0.6 µs on the measured machine, and every frame needs a nonce and
// every message an ID. Not for keys: those take randombytes_buf() directly. A forked child must not
// draw from it (its copy of the pool repeats the parent's); ours only exec XMRig.
void publicRandomBytes(void* out, std::size_t size);

// A random (version 4) UUID from the pool above. QUuid::createUuid() reads the CPU's RDRAND, which took
// about 1.7 µs per ID on the measured machine: more than sealing a small message.
QUuid randomUuid();

} // namespace lethean::node
