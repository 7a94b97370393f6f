#pragma once

#include "node/bundle_error.h"
#include "node/secret_bytes.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace lethean::node {

class BundleHeader;
class NodeIdentity;

// What seals or opens a bundle of our format, and the key schedule behind it (docs/protocol.md,
// "Bundles"):
//
// Recipient key (mode 1): the sender draws an ephemeral X25519 key e and computes
//   dh1 = X25519(e, R), dh2 = X25519(s, R)        (the recipient: X25519(r, E), X25519(r, S))
//   master = BLAKE2b-256("lethean bundle v1 x25519" || dh1 || dh2 || E || S || R)
// dh1 makes every bundle's key fresh; dh2 ties it to the sender's static key, so only the holder of s
// (or r) can produce a bundle that opens as "from S".
// Passphrase (mode 2): master = Argon2id(passphrase, salt, opslimit, memlimit) (crypto_pwhash).
// Both: streamKey = crypto_kdf(master, 1, "LTHNBNDL"), keyCheck = crypto_kdf(master, 2, "LTHNBNDL").
//
// Holds a pointer to the identity, which must outlive it. Move-only (the passphrase is a secret).
class BundleKey
{
public:
    struct Derived
    {
        SecretBytes streamKey; // crypto_secretstream_xchacha20poly1305 key
        QByteArray keyCheck;   // stored in the header; compared in constant time
    };

    // Seal as `sender` so that only the node with `recipientPublicKey` (32 bytes) can open it.
    static BundleKey sealTo(const NodeIdentity& sender, QByteArrayView recipientPublicKey);
    // Open bundles sealed to `recipient`.
    static BundleKey openAs(const NodeIdentity& recipient);
    // Seal or open with a passphrase: Argon2id with libsodium's interactive limits when sealing; on
    // opening, a header asking for more than the moderate limits is refused (a hostile file could
    // otherwise make us spend gigabytes of memory).
    static BundleKey passphrase(QByteArrayView passphrase);
    // The same with chosen limits, used both for sealing and as the opening maximum (tests, fuzzing).
    static BundleKey passphraseWithCost(QByteArrayView passphrase, quint64 opsLimit, quint64 memLimit);
    // Argon2id at libsodium's minimum cost, for tests and fuzzing only (weak against guessing).
    static BundleKey passphraseAtMinimumCost(QByteArrayView passphrase);

    bool isPassphrase() const { return m_kind == Kind::Passphrase; }
    const NodeIdentity* identity() const { return m_identity; }

    // Sealing: fills the header's mode and key fields (ephemeral key or salt and limits, key check)
    // and returns the stream key.
    Result<Derived, BundleError> prepareSeal(BundleHeader& header) const;
    // Opening: WrongKey when the bundle is sealed to another node, WrongPassphrase when the
    // passphrase does not give the header's key check, Corrupted when our key does not give it (the
    // header was altered, or the bundle was not sealed by the sender it names).
    Result<Derived, BundleError> deriveForOpen(const BundleHeader& header) const;

private:
    enum class Kind
    {
        SealTo,
        OpenAs,
        Passphrase
    };

    BundleKey(Kind kind, const NodeIdentity* identity) : m_kind(kind), m_identity(identity) {}
    Result<Derived, BundleError> finish(const SecretBytes& master) const;
    Result<Derived, BundleError> derivePassphrase(const BundleHeader& header) const;

    Kind m_kind;
    const NodeIdentity* m_identity = nullptr;
    QByteArray m_recipient;
    SecretBytes m_passphrase;
    quint64 m_opsLimit = 0;
    quint64 m_memLimit = 0;
    quint64 m_maxOpsLimit = 0;
    quint64 m_maxMemLimit = 0;
};

} // namespace lethean::node
