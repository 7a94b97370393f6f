#pragma once

#include "node/data_paths.h"
#include "node/go_time.h"
#include "node/identity_error.h"
#include "node/node_role.h"
#include "node/noise/key_pair.h"
#include "node/public_identity.h"
#include "node/secret_bytes.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace lethean::node {

// This node's identity (WIRE.md §1): an X25519 key pair, the ID derived from it, a name, a role and a
// creation time. The private key never leaves this object except to its file; it lives in a
// SecretBytes (locked, wiped on destruction), so NodeIdentity is move-only.
//
// Files (DataPaths): the private key as 32 raw bytes, mode 0600 from the moment the file exists; and
// node.json exactly as go-p2p writes it. Unlike go-p2p, loading refuses a key file others can read, a
// key that is not 32 bytes and a node.json that does not belong to the key (WIRE.md §13.16), each with
// a message naming the file and the fix.
class NodeIdentity
{
public:
    // A fresh key pair, in memory only (save() writes it).
    static Result<NodeIdentity, IdentityError> generate(const QString& name, NodeRole role);
    // A given private key (test vectors, key import). `privateKey` must be 32 bytes, unclamped as Go
    // stores it.
    static Result<NodeIdentity, IdentityError> fromPrivateKey(QByteArrayView privateKey, const QString& name,
                                                              NodeRole role, const GoTime& createdAt);

    // Both files; NotFound when neither exists.
    static Result<NodeIdentity, IdentityError> load(const DataPaths& paths);
    // load(), or when there is no identity yet, generate() and save() one. An empty name means
    // defaultName(). A valid key whose node.json is missing gets a new node.json (same ID); a node.json
    // whose key is missing is an error, never a silent new identity.
    static Result<NodeIdentity, IdentityError>
    loadOrCreate(const DataPaths& paths, const QString& name = QString(), NodeRole role = NodeRole::Dual);
    // Removes both files; files that do not exist are fine.
    static Result<void, IdentityError> remove(const DataPaths& paths);
    // The short host name made valid for go-p2p's peer-name rule (WIRE.md §6.5: letters and digits
    // at the ends; '-', '_' and ' ' inside; at most 64 bytes), or "lethean-node". Go uses the raw
    // host name, which a remote Go node then refuses to register (WIRE.md §13.19).
    static QString defaultName();
    static QString sanitizedName(const QString& hostName);

    // Writes the key (atomically, 0600, in a 0700 directory) and node.json (atomically).
    Result<void, IdentityError> save(const DataPaths& paths) const;

    const PublicIdentity& publicIdentity() const { return m_public; }
    const QString& id() const { return m_public.id; }
    const QString& name() const { return m_public.name; }
    const QString& publicKeyBase64() const { return m_public.publicKey; }
    const QByteArray& publicKey() const { return m_publicKey; } // 32 raw bytes
    NodeRole role() const { return m_public.role; }
    const GoTime& createdAt() const { return m_public.createdAt; }

    // SHA-256(X25519(our private key, peer public key)), WIRE.md §1.2: the same 32 bytes on both sides.
    // Refuses a key that is not standard base64 of 32 bytes, and a low-order key (all-zero X25519).
    Result<SecretBytes, IdentityError> deriveSharedSecret(QStringView peerPublicKeyBase64) const;
    Result<SecretBytes, IdentityError> deriveSharedSecret(QByteArrayView peerPublicKey) const;
    // The identity key as a Noise static key pair (protocol 2.0): the same X25519 key, so the peer ID
    // derived from the Noise transcript is this node's ID.
    Result<noise::KeyPair, noise::NoiseError> noiseStaticKey() const;

private:
    NodeIdentity(PublicIdentity identity, QByteArray publicKey, SecretBytes privateKey);
    static Result<NodeIdentity, IdentityError> fromSecret(SecretBytes privateKey, const QString& name,
                                                          NodeRole role, const GoTime& createdAt);

    static Result<SecretBytes, IdentityError> readPrivateKey(const QString& path);
    static Result<PublicIdentity, IdentityError> readIdentityFile(const QString& path);
    Result<void, IdentityError> savePrivateKey(const QString& path) const;
    Result<void, IdentityError> saveIdentityFile(const QString& path) const;

    PublicIdentity m_public;
    QByteArray m_publicKey;
    SecretBytes m_privateKey;
};

} // namespace lethean::node
