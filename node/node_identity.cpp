#include "node/node_identity.h"

#include "node/identity_crypto.h"
#include "node/sodium_runtime.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSysInfo>
#include <sodium.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

// node.json is a few hundred bytes; anything far larger is not ours and is not read into memory.
constexpr qint64 kMaxIdentityFileSize = 64 * 1024;
constexpr qsizetype kMaxNameLength = 64;

Unexpected<IdentityError> failure(IdentityError::Code code, const QString& message)
{
    return fail(IdentityError{code, message});
}

QString nativePath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

#ifdef Q_OS_UNIX
constexpr mode_t kGroupOrOtherBits = S_IRWXG | S_IRWXO;

// The key's directory is 0700, so no other user can open anything in it, not even the temporary file
// that QSaveFile writes before it renames it into place. Missing levels are created 0700 (as Go's xdg
// does); an existing key directory that others can enter is tightened, as it only ever holds the key.
Result<void, IdentityError> ensurePrivateDirectory(const QString& dir)
{
    QStringList missing;
    for (QString level = dir; !QFileInfo::exists(level); level = QFileInfo(level).absolutePath()) {
        missing.prepend(level);
        if (QFileInfo(level).absolutePath() == level)
            break;
    }
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    for (const QString& level : std::as_const(missing)) {
        if (!QDir().mkdir(level, ownerOnly) && !QFileInfo(level).isDir())
            return failure(IdentityError::Code::Io, u"cannot create directory %1"_s.arg(nativePath(level)));
    }
    struct stat info = {};
    if (::stat(QFile::encodeName(dir).constData(), &info) == 0 && (info.st_mode & kGroupOrOtherBits) != 0 &&
        !QFile::setPermissions(dir, ownerOnly))
        return failure(IdentityError::Code::Io,
                       u"cannot restrict directory %1 to mode 0700"_s.arg(nativePath(dir)));
    return {};
}

// Checked on the open descriptor, so the file checked is the file read.
Result<void, IdentityError> checkKeyFileMode(const QFile& file, const QString& path)
{
    struct stat info = {};
    if (::fstat(file.handle(), &info) != 0)
        return failure(IdentityError::Code::Io, u"cannot stat private key file %1"_s.arg(nativePath(path)));
    if (!S_ISREG(info.st_mode))
        return failure(IdentityError::Code::InvalidKeyFile,
                       u"private key file %1 is not a regular file"_s.arg(nativePath(path)));
    if ((info.st_mode & kGroupOrOtherBits) != 0) {
        const QString mode = u"%1"_s.arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
        return failure(IdentityError::Code::InsecureKeyFile,
                       u"private key file %1 has mode %2, so other users may read it; run chmod 600 %1 "
                       "(and consider the key compromised if they could)"_s.arg(nativePath(path), mode));
    }
    return {};
}
#else
// Windows keeps access in ACLs that QFile::permissions() does not report; the per-user profile
// directory (%LOCALAPPDATA%) is what protects the key there.
Result<void, IdentityError> ensurePrivateDirectory(const QString& dir)
{
    if (!QDir().mkpath(dir))
        return failure(IdentityError::Code::Io, u"cannot create directory %1"_s.arg(nativePath(dir)));
    return {};
}

Result<void, IdentityError> checkKeyFileMode(const QFile&, const QString&)
{
    return {};
}
#endif

bool isAsciiAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

NodeIdentity::NodeIdentity(PublicIdentity identity, QByteArray publicKey, SecretBytes privateKey)
    : m_public(std::move(identity)), m_publicKey(std::move(publicKey)), m_privateKey(std::move(privateKey))
{}

Result<NodeIdentity, IdentityError> NodeIdentity::generate(const QString& name, NodeRole role)
{
    if (!ensureSodium())
        return failure(IdentityError::Code::Crypto, u"libsodium could not be initialised"_s);
    SecretBytes privateKey(kPrivateKeySize);
    randombytes_buf(privateKey.data(), size_t(privateKey.size()));
    return fromSecret(std::move(privateKey), name, role, GoTime::now());
}

Result<NodeIdentity, IdentityError> NodeIdentity::fromPrivateKey(QByteArrayView privateKey,
                                                                 const QString& name, NodeRole role,
                                                                 const GoTime& createdAt)
{
    if (privateKey.size() != kPrivateKeySize) {
        return failure(IdentityError::Code::InvalidKeyFile,
                       u"a private key is 32 bytes, not %1"_s.arg(privateKey.size()));
    }
    return fromSecret(SecretBytes::copyOf(privateKey), name, role, createdAt);
}

Result<NodeIdentity, IdentityError> NodeIdentity::fromSecret(SecretBytes privateKey, const QString& name,
                                                             NodeRole role, const GoTime& createdAt)
{
    if (!ensureSodium())
        return failure(IdentityError::Code::Crypto, u"libsodium could not be initialised"_s);
    QByteArray publicKey(kPublicKeySize, Qt::Uninitialized);
    // Clamping happens inside the scalar multiplication (RFC 7748); the stored key stays as Go has it.
    if (crypto_scalarmult_base(reinterpret_cast<unsigned char*>(publicKey.data()), privateKey.data()) != 0)
        return failure(IdentityError::Code::Crypto, u"X25519 refused the private key"_s);
    PublicIdentity identity{nodeIdForPublicKey(publicKey), name, encodePublicKey(publicKey), createdAt, role};
    return NodeIdentity(std::move(identity), std::move(publicKey), std::move(privateKey));
}

Result<NodeIdentity, IdentityError> NodeIdentity::load(const DataPaths& paths)
{
    const QString keyPath = paths.privateKeyFile();
    const QString identityPath = paths.identityFile();
    const bool haveKey = QFileInfo::exists(keyPath);
    const bool haveIdentity = QFileInfo::exists(identityPath);
    if (!haveKey && !haveIdentity) {
        return failure(IdentityError::Code::NotFound,
                       u"no node identity yet (neither %1 nor %2 exists)"_s.arg(nativePath(keyPath),
                                                                                nativePath(identityPath)));
    }
    if (!haveKey) {
        return failure(
            IdentityError::Code::InvalidKeyFile,
            u"private key file %1 is missing but %2 exists; restore the key from a backup, or delete "
            "%2 to create a new identity (with a new node ID)"_s.arg(nativePath(keyPath),
                                                                     nativePath(identityPath)));
    }
    if (!haveIdentity) {
        return failure(
            IdentityError::Code::InvalidIdentityFile,
            u"%1 is missing next to private key %2; starting the node normally rebuilds it from the "
            "key"_s.arg(nativePath(identityPath), nativePath(keyPath)));
    }

    auto privateKey = readPrivateKey(keyPath);
    if (!privateKey)
        return fail(privateKey.error());
    auto stored = readIdentityFile(identityPath);
    if (!stored)
        return fail(stored.error());
    auto identity = fromSecret(std::move(privateKey).value(), stored->name, stored->role, stored->createdAt);
    if (!identity)
        return identity;
    if (identity->publicKeyBase64() != stored->publicKey || identity->id() != stored->id) {
        return failure(
            IdentityError::Code::KeyMismatch,
            u"%1 does not belong to private key %2: it names public key %3 and ID %4, but the key's "
            "are %5 and %6; restore the matching key, or delete %1 to rebuild it from this key"_s.arg(
                nativePath(identityPath), nativePath(keyPath), stored->publicKey, stored->id,
                identity->publicKeyBase64(), identity->id()));
    }
    return identity;
}

Result<NodeIdentity, IdentityError> NodeIdentity::loadOrCreate(const DataPaths& paths, const QString& name,
                                                               NodeRole role)
{
    const QString chosenName = name.isEmpty() ? defaultName() : name;
    const bool haveKey = QFileInfo::exists(paths.privateKeyFile());
    const bool haveIdentity = QFileInfo::exists(paths.identityFile());
    if (!haveKey && !haveIdentity) {
        auto identity = generate(chosenName, role);
        if (!identity)
            return identity;
        if (auto saved = identity->save(paths); !saved)
            return fail(saved.error());
        return identity;
    }
    if (haveKey && !haveIdentity) {
        // The key is the identity; node.json only describes it, so it can be rebuilt.
        auto privateKey = readPrivateKey(paths.privateKeyFile());
        if (!privateKey)
            return fail(privateKey.error());
        auto identity = fromSecret(std::move(privateKey).value(), chosenName, role, GoTime::now());
        if (!identity)
            return identity;
        if (auto saved = identity->saveIdentityFile(paths.identityFile()); !saved)
            return fail(saved.error());
        return identity;
    }
    return load(paths);
}

Result<void, IdentityError> NodeIdentity::remove(const DataPaths& paths)
{
    for (const QString& path : {paths.privateKeyFile(), paths.identityFile()}) {
        QFile file(path);
        if (file.exists() && !file.remove()) {
            return failure(IdentityError::Code::Io,
                           u"cannot remove %1: %2"_s.arg(nativePath(path), file.errorString()));
        }
    }
    return {};
}

QString NodeIdentity::defaultName()
{
    return sanitizedName(QSysInfo::machineHostName());
}

QString NodeIdentity::sanitizedName(const QString& hostName)
{
    QString name = hostName.section(u'.', 0, 0).left(kMaxNameLength);
    for (QChar& c : name) {
        if (!isAsciiAlnum(c) && c != u'-' && c != u'_' && c != u' ')
            c = u'-';
    }
    while (!name.isEmpty() && !isAsciiAlnum(name.front()))
        name.remove(0, 1);
    while (!name.isEmpty() && !isAsciiAlnum(name.back()))
        name.chop(1);
    return name.isEmpty() ? u"lethean-node"_s : name;
}

Result<void, IdentityError> NodeIdentity::save(const DataPaths& paths) const
{
    if (auto saved = savePrivateKey(paths.privateKeyFile()); !saved)
        return saved;
    return saveIdentityFile(paths.identityFile());
}

Result<SecretBytes, IdentityError> NodeIdentity::deriveSharedSecret(QStringView peerPublicKeyBase64) const
{
    const auto peerKey = decodePublicKey(peerPublicKeyBase64);
    if (!peerKey) {
        return failure(IdentityError::Code::InvalidPeerKey,
                       u"peer public key is not standard base64 of 32 bytes"_s);
    }
    return deriveSharedSecret(QByteArrayView(*peerKey));
}

Result<SecretBytes, IdentityError> NodeIdentity::deriveSharedSecret(QByteArrayView peerPublicKey) const
{
    if (peerPublicKey.size() != kPublicKeySize) {
        return failure(IdentityError::Code::InvalidPeerKey,
                       u"peer public key is %1 bytes, not 32"_s.arg(peerPublicKey.size()));
    }
    if (!ensureSodium())
        return failure(IdentityError::Code::Crypto, u"libsodium could not be initialised"_s);
    SecretBytes raw(kSharedSecretSize);
    const int status = crypto_scalarmult(raw.data(), m_privateKey.data(),
                                         reinterpret_cast<const unsigned char*>(peerPublicKey.data()));
    // libsodium already returns -1 for an all-zero result; the explicit test keeps that guarantee
    // whatever the library version.
    if (status != 0 || sodium_is_zero(raw.data(), size_t(raw.size())) == 1) {
        return failure(IdentityError::Code::LowOrderPoint,
                       u"peer public key is a low-order point (the X25519 result is all zeros)"_s);
    }
    SecretBytes secret(kSharedSecretSize);
    crypto_hash_sha256(secret.data(), raw.data(), static_cast<unsigned long long>(raw.size()));
    return secret;
}

Result<SecretBytes, IdentityError> NodeIdentity::readPrivateKey(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        return failure(IdentityError::Code::Io,
                       u"cannot read private key file %1: %2"_s.arg(nativePath(path), file.errorString()));
    }
    if (auto mode = checkKeyFileMode(file, path); !mode)
        return fail(mode.error());
    SecretBytes key(kPrivateKeySize);
    const qint64 got = file.read(reinterpret_cast<char*>(key.data()), key.size());
    char extra = 0;
    if (got != kPrivateKeySize || file.read(&extra, 1) != 0) {
        return failure(IdentityError::Code::InvalidKeyFile,
                       u"private key file %1 is %2 bytes; it must hold exactly 32 raw bytes. Restore it from "
                       "a backup, or delete it and node.json to create a new identity"_s.arg(nativePath(path))
                           .arg(file.size()));
    }
    return key;
}

Result<PublicIdentity, IdentityError> NodeIdentity::readIdentityFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return failure(IdentityError::Code::Io,
                       u"cannot read identity file %1: %2"_s.arg(nativePath(path), file.errorString()));
    }
    const auto invalid = [&path](const QString& why) {
        return failure(IdentityError::Code::InvalidIdentityFile,
                       u"identity file %1 is not valid (%2); delete it and start the node to rebuild it from "
                       "the private key"_s.arg(nativePath(path), why));
    };
    if (file.size() > kMaxIdentityFileSize)
        return invalid(u"larger than %1 bytes"_s.arg(kMaxIdentityFileSize));
    auto identity = PublicIdentity::fromJson(file.readAll());
    if (!identity)
        return invalid(identity.error().message);
    return std::move(identity).value();
}

Result<void, IdentityError> NodeIdentity::savePrivateKey(const QString& path) const
{
    if (auto dir = ensurePrivateDirectory(QFileInfo(path).absolutePath()); !dir)
        return dir;
    // Unbuffered: the key goes straight from SecretBytes to the file, with no copy left in a Qt buffer.
    QSaveFile file(path);
    const auto writeError = [&] {
        return failure(IdentityError::Code::Io,
                       u"cannot write private key file %1: %2"_s.arg(nativePath(path), file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return writeError();
    // 0600 before the first byte is written (on Linux the temporary file has no name at all until
    // commit, O_TMPFILE). Go writes the key at 0644 and chmods afterwards (WIRE.md §13.16).
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        file.cancelWriting();
        return writeError();
    }
    if (file.write(reinterpret_cast<const char*>(m_privateKey.data()), m_privateKey.size()) !=
            m_privateKey.size() ||
        !file.commit())
        return writeError();
    return {};
}

Result<void, IdentityError> NodeIdentity::saveIdentityFile(const QString& path) const
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return failure(IdentityError::Code::Io, u"cannot create directory %1"_s.arg(nativePath(dir)));
    QSaveFile file(path);
    const QByteArray json = m_public.toPrettyJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        return failure(IdentityError::Code::Io,
                       u"cannot write identity file %1: %2"_s.arg(nativePath(path), file.errorString()));
    }
    return {};
}

Result<noise::KeyPair, noise::NoiseError> NodeIdentity::noiseStaticKey() const
{
    return noise::KeyPair::fromPrivateKey(m_privateKey.view());
}

} // namespace lethean::node
