#pragma once

#include <QString>

namespace lethean::node {

// Why an identity could not be loaded, created or used. `message` is meant for the user: it names the
// file and says how to fix it.
struct IdentityError
{
    enum class Code
    {
        NotFound,            // no identity on disk yet
        InsecureKeyFile,     // the private key file is readable or writable by group or others
        InvalidKeyFile,      // missing while node.json exists, or not exactly 32 raw bytes
        InvalidIdentityFile, // node.json missing next to a key, or not valid identity JSON
        KeyMismatch,         // node.json's publicKey or id is not the private key's (Go never checks)
        Io,                  // a file could not be read, written or removed
        InvalidPeerKey,      // a peer public key that is not base64 of exactly 32 bytes
        LowOrderPoint,       // X25519 with the peer key gives all zeros (a small-order point)
        Crypto               // libsodium could not start or refused
    };

    Code code = Code::Io;
    QString message;
};

} // namespace lethean::node
