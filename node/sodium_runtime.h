#pragma once

namespace lethean::node {

// libsodium must be initialised before its CSPRNG or primitives are used. sodium_init() is idempotent
// and thread-safe; this wrapper runs it once per process and says whether it worked.
bool ensureSodium();

} // namespace lethean::node
