#include "node/stim_container.h"

#include "node/chacha_sigil.h"
#include "node/trix_container.h"

#include <QtEndian>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr char kMagic[] = "STIM";

QByteArray headerJson(qsizetype configSize, qsizetype rootSize)
{
    // Go marshals a map: keys sorted, compact. Written by hand so the bytes are exactly Go's.
    return u"{\"config_size\":%1,\"encryption_algorithm\":\"chacha20poly1305\",\"rootfs_size\":%2,"
           u"\"tim\":true,\"version\":\"1.0\"}"_s.arg(configSize)
               .arg(rootSize)
               .toLatin1();
}

BundleError sigilError(const CodecError& error, const QString& part)
{
    if (error.code == CodecError::Code::Authentication)
        return {BundleError::Code::WrongKey,
                u"STIM: the %1 does not decrypt: wrong shared secret, or the bundle was altered"_s.arg(part)};
    if (error.code == CodecError::Code::Malformed)
        return {BundleError::Code::BadHeader, u"STIM: the %1 is malformed: %2"_s.arg(part, error.message)};
    return {BundleError::Code::Crypto, error.message};
}

QByteArray assemble(const QByteArray& encConfig, const QByteArray& encRoot)
{
    QByteArray payload;
    payload.reserve(4 + encConfig.size() + encRoot.size());
    char length[4];
    qToBigEndian(static_cast<quint32>(encConfig.size()), length);
    payload.append(length, 4);
    payload.append(encConfig);
    payload.append(encRoot);
    return TrixContainer::encode(QByteArrayView(kMagic, 4), headerJson(encConfig.size(), encRoot.size()),
                                 payload);
}
} // namespace

QByteArray StimContainer::passwordForSecret(QByteArrayView sharedSecret)
{
    return sharedSecret.toByteArray().toBase64();
}

QByteArray StimContainer::keyForSecret(QByteArrayView sharedSecret)
{
    return ChaChaSigil::keyFromPassword(passwordForSecret(sharedSecret));
}

Result<QByteArray, BundleError> StimContainer::seal(QByteArrayView key, QByteArrayView config,
                                                    QByteArrayView rootTar)
{
    auto encConfig = ChaChaSigil::seal(key, config);
    if (!encConfig)
        return fail(sigilError(encConfig.error(), u"config"_s));
    auto encRoot = ChaChaSigil::seal(key, rootTar);
    if (!encRoot)
        return fail(sigilError(encRoot.error(), u"rootfs"_s));
    return assemble(*encConfig, *encRoot);
}

Result<QByteArray, BundleError> StimContainer::sealWithNonces(QByteArrayView key, QByteArrayView config,
                                                              QByteArrayView rootTar,
                                                              QByteArrayView configNonce,
                                                              QByteArrayView rootNonce)
{
    auto encConfig = ChaChaSigil::sealWithNonce(key, config, configNonce);
    if (!encConfig)
        return fail(sigilError(encConfig.error(), u"config"_s));
    auto encRoot = ChaChaSigil::sealWithNonce(key, rootTar, rootNonce);
    if (!encRoot)
        return fail(sigilError(encRoot.error(), u"rootfs"_s));
    return assemble(*encConfig, *encRoot);
}

Result<StimContainer::Contents, BundleError> StimContainer::open(QByteArrayView key, QByteArrayView stim)
{
    if (!isStim(stim))
        return fail(BundleError{BundleError::Code::BadHeader, u"STIM: not a STIM container"_s});
    const auto parts = TrixContainer::decode(stim, QByteArrayView(kMagic, 4));
    if (!parts)
        return fail(BundleError{parts.error().code == CodecError::Code::Unsupported
                                    ? BundleError::Code::UnsupportedVersion
                                    : BundleError::Code::BadHeader,
                                parts.error().message});
    const QByteArrayView payload = parts->payload;
    if (payload.size() < 4)
        return fail(BundleError{BundleError::Code::BadHeader, u"STIM: payload too short"_s});
    const quint32 configSize = qFromBigEndian<quint32>(payload.data());
    if (configSize > static_cast<quint64>(payload.size() - 4))
        return fail(BundleError{BundleError::Code::BadHeader,
                                u"STIM: config length %1 runs past the end"_s.arg(configSize)});
    auto config = ChaChaSigil::open(key, payload.sliced(4, configSize));
    if (!config)
        return fail(sigilError(config.error(), u"config"_s));
    auto root = ChaChaSigil::open(key, payload.sliced(4 + configSize));
    if (!root)
        return fail(sigilError(root.error(), u"rootfs"_s));
    return Contents{std::move(*config), std::move(*root)};
}

QByteArray StimContainer::emptyRootTar()
{
    return QByteArray(1024, '\0');
}

QByteArray StimContainer::defaultConfig()
{
    return QByteArrayLiteral("{\"Header\":{},\"Payload\":null}");
}

bool StimContainer::isPlainJson(QByteArrayView data)
{
    return !data.isEmpty() && (data.front() == '{' || data.front() == '[');
}

bool StimContainer::isStim(QByteArrayView data)
{
    return data.size() >= 4 && data.first(4) == QByteArrayView(kMagic, 4);
}

} // namespace lethean::node
