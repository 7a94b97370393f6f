#include "node/sodium_runtime.h"

#include <sodium.h>

namespace lethean::node {

bool ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace lethean::node
