#pragma once

#include "node/noise/cipher_state.h"

namespace lethean::node::noise {

// The two CipherStates Split() returns, oriented to the side that holds them: the initiator sends with
// c1 and receives with c2, the responder the other way round (§5.3). One per direction, each with its
// own counter nonce.
struct TransportCiphers
{
    CipherState send;
    CipherState receive;
};

} // namespace lethean::node::noise
