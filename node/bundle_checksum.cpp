#include "node/bundle_checksum.h"

#include <openssl/sha.h>

namespace lethean::node {

QByteArray BundleChecksum::sha256(QByteArrayView data)
{
    QByteArray digest(kDigestSize, Qt::Uninitialized);
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), static_cast<size_t>(data.size()),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

QString BundleChecksum::hex(QByteArrayView data)
{
    return QString::fromLatin1(sha256(data).toHex());
}

bool BundleChecksum::matches(QByteArrayView data, QStringView expectedHex)
{
    return hex(data) == expectedHex;
}

} // namespace lethean::node
