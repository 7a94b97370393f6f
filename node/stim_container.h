#pragma once

#include "node/bundle_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace lethean::node {

// Borg's STIM container, as a go-p2p controller deploys bundles to protocol 1.0 peers (WIRE.md §8.3):
//
//   STIM = "STIM" || 0x02 || u32be(len(header)) || header JSON || u32be(len(encConfig)) || encConfig ||
//   encRoot header =
//   {"config_size":…,"encryption_algorithm":"chacha20poly1305","rootfs_size":…,"tim":true,"version":"1.0"}
//   encX = ChaChaSigil(key, X) with a fresh nonce each; key = SHA-256(base64_std(shared secret))
//
// config is the TIM config (a profile's JSON); rootTar a tar of regular files (TarWriter). Whole
// buffers: a Go peer cannot receive more than its 1 MiB message limit anyway.
class StimContainer
{
public:
    static constexpr qsizetype kMaxHeaderSize = 4096; // Go's header is about 110 bytes

    struct Contents
    {
        QByteArray config;
        QByteArray rootTar;
    };

    // The password go-p2p's worker uses for deploys: base64_std(shared secret).
    static QByteArray passwordForSecret(QByteArrayView sharedSecret);
    // SHA-256(password): the sigil key, the same as the connection's SMSG key.
    static QByteArray keyForSecret(QByteArrayView sharedSecret);

    static Result<QByteArray, BundleError> seal(QByteArrayView key, QByteArrayView config,
                                                QByteArrayView rootTar);
    // For test vectors: both 24-byte nonces chosen by the caller.
    static Result<QByteArray, BundleError> sealWithNonces(QByteArrayView key, QByteArrayView config,
                                                          QByteArrayView rootTar, QByteArrayView configNonce,
                                                          QByteArrayView rootNonce);
    // As Go's decoder: the split comes from the payload's leading length, not from the header sizes;
    // both parts must authenticate. WrongKey when they do not (Go checks the checksum first, so an
    // authentication failure after a good checksum means the wrong shared secret).
    static Result<Contents, BundleError> open(QByteArrayView key, QByteArrayView stim);

    // What Go puts in a bundle without files: the tar end-of-archive blocks, 1024 zero bytes.
    static QByteArray emptyRootTar();
    // Borg's TIM config when a miner bundle has no profile: {"Header":{},"Payload":null}.
    static QByteArray defaultConfig();
    // Go's isJSON: a profile bundle whose data starts with '{' or '[' is plain JSON, not STIM.
    static bool isPlainJson(QByteArrayView data);
    static bool isStim(QByteArrayView data);
};

} // namespace lethean::node
