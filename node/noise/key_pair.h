#pragma once

#include "node/noise/noise_constants.h"
#include "node/noise/noise_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <array>

namespace lethean::node::noise {

// An X25519 key pair for the 25519 DH functions of Noise §12.1, on libsodium: GENERATE_KEYPAIR draws
// 32 random bytes and derives the public key with crypto_scalarmult_base; DH is crypto_scalarmult,
// whose all-zero result (the peer's public key is a low-order point) is refused as an error value,
// which §12.1 permits and which keeps a peer from forcing a known shared secret.
// Move-only; the private key is wiped on destruction and when moved away.
class KeyPair
{
public:
    using SharedSecret = std::array<unsigned char, kDhLen>;

    static Result<KeyPair, NoiseError> generate();
    // A fixed key pair: the node's identity key, or a test vector's static or ephemeral key.
    static Result<KeyPair, NoiseError> fromPrivateKey(QByteArrayView privateKey);

    ~KeyPair();
    KeyPair(KeyPair&& other) noexcept;
    KeyPair& operator=(KeyPair&& other) noexcept;
    KeyPair(const KeyPair&) = delete;
    KeyPair& operator=(const KeyPair&) = delete;

    // An explicit copy: a node runs every handshake with its one identity key, and HandshakeState owns
    // the key pair it is given. Cheaper than fromPrivateKey, which derives the public key again.
    KeyPair clone() const;

    QByteArrayView publicKey() const { return {m_public.data(), kDhLen}; }
    // DH(private, remotePublic) into out. remotePublic is 32 bytes. On failure out is zeroed.
    Result<void, NoiseError> dh(QByteArrayView remotePublic, SharedSecret& out) const;

private:
    KeyPair() = default;
    Result<void, NoiseError> derivePublic();
    void wipe();

    std::array<unsigned char, kDhLen> m_private{};
    std::array<unsigned char, kDhLen> m_public{};
};

} // namespace lethean::node::noise
