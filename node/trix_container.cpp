#include "node/trix_container.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace lethean::node {

QByteArray TrixContainer::encode(QByteArrayView magic, QByteArrayView headerJson, QByteArrayView payload)
{
    QByteArray out;
    out.reserve(kPrefixSize + headerJson.size() + payload.size());
    out.append(magic.first(4));
    out.append(kVersion);
    char length[4];
    qToBigEndian(static_cast<quint32>(headerJson.size()), length);
    out.append(length, 4);
    out.append(headerJson);
    out.append(payload);
    return out;
}

Result<TrixContainer::Parts, CodecError> TrixContainer::decode(QByteArrayView container,
                                                                QByteArrayView expectedMagic)
{
    const QString name = QString::fromLatin1(expectedMagic);
    if (container.size() < kPrefixSize)
        return fail(CodecError{CodecError::Code::Malformed,
                               u"%1: %2 bytes is too short for a container"_s.arg(name).arg(container.size())});
    if (container.first(4) != expectedMagic)
        return fail(CodecError{CodecError::Code::Malformed, u"%1: wrong magic"_s.arg(name)});
    if (container[4] != kVersion)
        return fail(CodecError{CodecError::Code::Unsupported,
                               u"%1: container version %2 is not supported (expected 2)"_s.arg(name).arg(
                                   static_cast<int>(static_cast<unsigned char>(container[4])))});
    const quint32 headerSize = qFromBigEndian<quint32>(container.data() + 5);
    if (headerSize > kMaxHeaderSize || headerSize > static_cast<quint64>(container.size() - kPrefixSize))
        return fail(CodecError{CodecError::Code::Malformed,
                               u"%1: header length %2 runs past the end"_s.arg(name).arg(headerSize)});
    QJsonParseError parseError{};
    const QJsonDocument header =
        QJsonDocument::fromJson(container.sliced(kPrefixSize, headerSize).toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !header.isObject())
        return fail(CodecError{CodecError::Code::Malformed, u"%1: header is not a JSON object"_s.arg(name)});
    return Parts{header.object(), container.sliced(kPrefixSize + headerSize)};
}

} // namespace lethean::node
