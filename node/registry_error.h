#pragma once

#include <QString>

namespace lethean::node {

// Why the peer registry refused an operation. `message` is a whole sentence for the log or the GUI
// ("invalid peer name "rig.local": ..."), naming the rule that was broken.
struct RegistryError
{
    enum class Code
    {
        InvalidId,     // empty ID
        DuplicateId,   // addPeer() of an ID that is already registered
        NotFound,      // no peer with that ID
        InvalidName,   // breaks go-p2p's name rule (WIRE.md §6.5)
        InvalidKey,    // a public key that is not 32 bytes
        IdKeyMismatch, // the ID is not SHA-256(key)[0..16) in hex (WIRE.md §13.2)
        InvalidValue,  // a metric or score that is not a finite number, or a negative metric
        Io             // a file could not be written
    };

    Code code = Code::Io;
    QString message;
};

} // namespace lethean::node
