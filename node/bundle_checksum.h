#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace lethean::node {

// The bundle checksum (WIRE.md §8.2): lowercase hex of SHA-256 over the bytes, 64 characters.
class BundleChecksum
{
public:
    static constexpr qsizetype kDigestSize = 32;

    static QByteArray sha256(QByteArrayView data); // 32 raw bytes
    static QString hex(QByteArrayView data);
    // Go compares with plain, case-sensitive string equality before decrypting; so do we (an
    // upper-case checksum from another implementation is refused the same way by both).
    static bool matches(QByteArrayView data, QStringView expectedHex);
};

} // namespace lethean::node
