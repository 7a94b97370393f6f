#include "node/bundle_key.h"

#include "node/bundle_header.h"
#include "node/node_identity.h"
#include "node/sodium_runtime.h"

#include <algorithm>
#include <sodium.h>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "LTHNBNDL";
constexpr QByteArrayView kX25519Label{"lethean bundle v1 x25519"};
constexpr quint64 kStreamSubkey = 1;
constexpr quint64 kCheckSubkey = 2;

BundleError cryptoError(const QString& what)
{
    return {BundleError::Code::Crypto, u"bundle: %1"_s.arg(what)};
}

const auto* bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char*>(view.data());
}

// BLAKE2b-256 over the label, both DH results and the three public keys.
SecretBytes hashX25519(const noise::KeyPair::SharedSecret& dh1, const noise::KeyPair::SharedSecret& dh2,
                       QByteArrayView ephemeral, QByteArrayView sender, QByteArrayView recipient)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    crypto_generichash_update(&state, bytes(kX25519Label), static_cast<size_t>(kX25519Label.size()));
    crypto_generichash_update(&state, dh1.data(), dh1.size());
    crypto_generichash_update(&state, dh2.data(), dh2.size());
    for (const QByteArrayView key : {ephemeral, sender, recipient})
        crypto_generichash_update(&state, bytes(key), static_cast<size_t>(key.size()));
    SecretBytes master(32);
    crypto_generichash_final(&state, master.data(), 32);
    sodium_memzero(&state, sizeof state);
    return master;
}
} // namespace

BundleKey BundleKey::sealTo(const NodeIdentity& sender, QByteArrayView recipientPublicKey)
{
    BundleKey key(Kind::SealTo, &sender);
    key.m_recipient = recipientPublicKey.toByteArray();
    return key;
}

BundleKey BundleKey::openAs(const NodeIdentity& recipient)
{
    return BundleKey(Kind::OpenAs, &recipient);
}

BundleKey BundleKey::passphrase(QByteArrayView passphrase)
{
    BundleKey key = passphraseWithCost(passphrase, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE);
    key.m_maxOpsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
    key.m_maxMemLimit = crypto_pwhash_MEMLIMIT_MODERATE;
    return key;
}

BundleKey BundleKey::passphraseWithCost(QByteArrayView passphrase, quint64 opsLimit, quint64 memLimit)
{
    BundleKey key(Kind::Passphrase, nullptr);
    key.m_passphrase = SecretBytes::copyOf(passphrase);
    key.m_opsLimit = key.m_maxOpsLimit = opsLimit;
    key.m_memLimit = key.m_maxMemLimit = memLimit;
    return key;
}

BundleKey BundleKey::passphraseAtMinimumCost(QByteArrayView passphrase)
{
    return passphraseWithCost(passphrase, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

Result<BundleKey::Derived, BundleError> BundleKey::finish(const SecretBytes& master) const
{
    Derived derived{SecretBytes(crypto_secretstream_xchacha20poly1305_KEYBYTES), QByteArray(32, '\0')};
    if (crypto_kdf_derive_from_key(derived.streamKey.data(), static_cast<size_t>(derived.streamKey.size()),
                                   kStreamSubkey, kKdfContext, master.data()) != 0 ||
        crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(derived.keyCheck.data()), 32,
                                   kCheckSubkey, kKdfContext, master.data()) != 0)
        return fail(cryptoError(u"key derivation failed"_s));
    return derived;
}

Result<BundleKey::Derived, BundleError> BundleKey::derivePassphrase(const BundleHeader& header) const
{
    SecretBytes master(32);
    if (crypto_pwhash(master.data(), 32, reinterpret_cast<const char*>(m_passphrase.data()),
                      static_cast<unsigned long long>(m_passphrase.size()), bytes(header.salt),
                      header.opsLimit, static_cast<size_t>(header.memLimit),
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return fail(cryptoError(u"Argon2id failed (out of memory?)"_s));
    return finish(master);
}

Result<BundleKey::Derived, BundleError> BundleKey::prepareSeal(BundleHeader& header) const
{
    if (!ensureSodium())
        return fail(cryptoError(u"libsodium could not be initialised"_s));
    switch (m_kind) {
    case Kind::OpenAs:
        return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: a key for opening cannot seal"_s});
    case Kind::Passphrase: {
        if (m_passphrase.isEmpty())
            return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: the passphrase is empty"_s});
        header.mode = BundleHeader::Mode::Passphrase;
        header.salt = QByteArray(BundleHeader::kSaltSize, Qt::Uninitialized);
        randombytes_buf(header.salt.data(), static_cast<size_t>(header.salt.size()));
        header.opsLimit = m_opsLimit;
        header.memLimit = m_memLimit;
        header.senderPublicKey.clear();
        header.ephemeralPublicKey.clear();
        header.recipientPublicKey.clear();
        break;
    }
    case Kind::SealTo: {
        if (m_recipient.size() != BundleHeader::kKeySize)
            return fail(BundleError{BundleError::Code::InvalidInput,
                                    u"bundle: the recipient key must be 32 bytes"_s});
        header.mode = BundleHeader::Mode::RecipientKey;
        header.senderPublicKey = m_identity->publicKey();
        header.recipientPublicKey = m_recipient;
        break;
    }
    }
    if (m_kind == Kind::Passphrase) {
        auto derived = derivePassphrase(header);
        if (!derived)
            return derived;
        header.keyCheck = derived->keyCheck;
        return derived;
    }
    auto ephemeral = noise::KeyPair::generate();
    auto ours = m_identity->noiseStaticKey();
    if (!ephemeral || !ours)
        return fail(cryptoError(u"cannot create the key pairs"_s));
    noise::KeyPair::SharedSecret dh1{};
    noise::KeyPair::SharedSecret dh2{};
    if (!ephemeral->dh(m_recipient, dh1) || !ours->dh(m_recipient, dh2))
        return fail(BundleError{BundleError::Code::InvalidInput,
                                u"bundle: the recipient key is not usable (a low-order point)"_s});
    header.ephemeralPublicKey = ephemeral->publicKey().toByteArray();
    const SecretBytes master =
        hashX25519(dh1, dh2, header.ephemeralPublicKey, header.senderPublicKey, header.recipientPublicKey);
    sodium_memzero(dh1.data(), dh1.size());
    sodium_memzero(dh2.data(), dh2.size());
    auto derived = finish(master);
    if (derived)
        header.keyCheck = derived->keyCheck;
    return derived;
}

Result<BundleKey::Derived, BundleError> BundleKey::deriveForOpen(const BundleHeader& header) const
{
    if (!ensureSodium())
        return fail(cryptoError(u"libsodium could not be initialised"_s));
    const bool passphraseBundle = header.mode == BundleHeader::Mode::Passphrase;
    if (passphraseBundle != (m_kind == Kind::Passphrase))
        return fail(
            BundleError{passphraseBundle ? BundleError::Code::WrongPassphrase : BundleError::Code::WrongKey,
                        passphraseBundle ? u"bundle: sealed with a passphrase; give the passphrase"_s
                                         : u"bundle: sealed to a node's key; a passphrase cannot open it"_s});
    Result<Derived, BundleError> derived = fail(cryptoError(u"no key"_s));
    if (passphraseBundle) {
        if (header.opsLimit < crypto_pwhash_OPSLIMIT_MIN || header.memLimit < crypto_pwhash_MEMLIMIT_MIN ||
            header.opsLimit > m_maxOpsLimit || header.memLimit > m_maxMemLimit)
            return fail(BundleError{
                BundleError::Code::BadHeader,
                u"bundle: Argon2id limits (%1 passes, %2 bytes) are outside what this node accepts"_s
                    .arg(header.opsLimit)
                    .arg(header.memLimit)});
        if (m_passphrase.isEmpty())
            return fail(
                BundleError{BundleError::Code::WrongPassphrase, u"bundle: the passphrase is empty"_s});
        derived = derivePassphrase(header);
    } else {
        // Sealing derives through prepareSeal; here we are the recipient.
        const NodeIdentity* self = m_identity;
        if (!self || m_kind != Kind::OpenAs)
            return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: no identity to open with"_s});
        if (header.recipientPublicKey != self->publicKey())
            return fail(BundleError{
                BundleError::Code::WrongKey,
                u"bundle: sealed to another node (%1), not to this one (%2)"_s.arg(
                    QString::fromLatin1(header.recipientPublicKey.toBase64()), self->publicKeyBase64())});
        auto ours = self->noiseStaticKey();
        if (!ours)
            return fail(cryptoError(u"cannot load our key"_s));
        noise::KeyPair::SharedSecret dh1{};
        noise::KeyPair::SharedSecret dh2{};
        if (!ours->dh(header.ephemeralPublicKey, dh1) || !ours->dh(header.senderPublicKey, dh2))
            return fail(BundleError{BundleError::Code::Corrupted,
                                    u"bundle: the header's keys are not usable (low-order points)"_s});
        const SecretBytes master = hashX25519(dh1, dh2, header.ephemeralPublicKey, header.senderPublicKey,
                                              header.recipientPublicKey);
        sodium_memzero(dh1.data(), dh1.size());
        sodium_memzero(dh2.data(), dh2.size());
        derived = finish(master);
    }
    if (!derived)
        return derived;
    if (header.keyCheck.size() == derived->keyCheck.size() && !header.keyCheck.isEmpty() &&
        sodium_memcmp(header.keyCheck.constData(), derived->keyCheck.constData(),
                      static_cast<size_t>(header.keyCheck.size())) == 0)
        return derived;
    if (passphraseBundle)
        return fail(BundleError{BundleError::Code::WrongPassphrase, u"bundle: wrong passphrase"_s});
    return fail(
        BundleError{BundleError::Code::Corrupted,
                    u"bundle: the header does not authenticate: it was altered, or the bundle was not "
                    u"sealed by the sender it names"_s});
}

} // namespace lethean::node
