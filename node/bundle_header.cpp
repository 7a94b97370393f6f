#include "node/bundle_header.h"

#include <QBuffer>
#include <QStringDecoder>
#include <QtEndian>
#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr int kWaitMs = 30000;

BundleError badHeader(const QString& why)
{
    return {BundleError::Code::BadHeader, u"bundle header: %1"_s.arg(why)};
}

bool isAllZero(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

void appendBigEndian(QByteArray& out, auto value)
{
    char bytes[sizeof value];
    qToBigEndian(value, bytes);
    out.append(bytes, sizeof value);
}

QByteArray keyOrZero(const QByteArray& key, qsizetype size)
{
    return key.size() == size ? key : QByteArray(size, '\0');
}
} // namespace

qint64 readFully(QIODevice& in, char* data, qint64 size)
{
    qint64 total = 0;
    while (total < size) {
        const qint64 got = in.read(data + total, size - total);
        if (got < 0)
            break;
        if (got == 0) {
            if (!in.isSequential() || !in.waitForReadyRead(kWaitMs))
                break;
            continue;
        }
        total += got;
    }
    return total;
}

bool BundleHeader::isSealedBundle(QByteArrayView data)
{
    return data.size() >= kMagic.size() && data.first(kMagic.size()) == kMagic;
}

quint64 BundleHeader::chunkCount() const
{
    if (chunkSize == 0 || contentSize == 0)
        return 1;
    return (contentSize + chunkSize - 1) / chunkSize;
}

QByteArray BundleHeader::encode(bool zeroChecksum) const
{
    const QByteArray nameBytes = name.toUtf8();
    const QByteArray executableBytes = executable.toUtf8();
    QByteArray out;
    out.reserve(kFixedSize + nameBytes.size() + executableBytes.size());
    out.append(kMagic);
    out.append(static_cast<char>(kVersion));
    out.append(static_cast<char>(mode));
    out.append(static_cast<char>(static_cast<int>(type) + 1));
    out.append(static_cast<char>(content));
    appendBigEndian(out, chunkSize);
    appendBigEndian(out, contentSize);
    appendBigEndian(out, createdAt);
    if (mode == Mode::RecipientKey) {
        out.append(keyOrZero(senderPublicKey, kKeySize));
        out.append(keyOrZero(ephemeralPublicKey, kKeySize));
        out.append(keyOrZero(recipientPublicKey, kKeySize));
    } else {
        out.append(QByteArray(kKeySize, '\0'));
        out.append(keyOrZero(salt, kSaltSize));
        appendBigEndian(out, opsLimit);
        appendBigEndian(out, memLimit);
        out.append(QByteArray(kKeySize, '\0'));
    }
    out.append(keyOrZero(keyCheck, kKeySize));
    out.append(zeroChecksum ? QByteArray(kKeySize, '\0') : keyOrZero(checksum, kKeySize));
    out.append(static_cast<char>(nameBytes.size()));
    appendBigEndian(out, static_cast<quint16>(executableBytes.size()));
    out.append(nameBytes);
    out.append(executableBytes);
    return out;
}

Result<BundleHeader, BundleError> BundleHeader::parse(QByteArrayView bytes)
{
    QByteArray copy = bytes.toByteArray();
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return read(buffer);
}

Result<BundleHeader, BundleError> BundleHeader::read(QIODevice& in)
{
    QByteArray fixed(kFixedSize, Qt::Uninitialized);
    const qint64 got = readFully(in, fixed.data(), kFixedSize);
    if (got < kMagic.size() || !isSealedBundle(fixed.first(got)))
        return fail(BundleError{BundleError::Code::BadHeader, u"not a Lethean bundle (wrong magic)"_s});
    const auto version = static_cast<quint8>(fixed[8]);
    if (got > 8 && version != kVersion) // the version byte is the ninth
        return fail(BundleError{
            BundleError::Code::UnsupportedVersion,
            u"bundle format version %1 is not supported (this build reads version %2)"_s.arg(version).arg(
                kVersion)});
    if (got < kFixedSize)
        return fail(BundleError{BundleError::Code::Truncated, u"bundle header is truncated"_s});

    const auto* raw = reinterpret_cast<const uchar*>(fixed.constData());
    BundleHeader header;
    const quint8 mode = raw[9];
    if (mode != 1 && mode != 2)
        return fail(badHeader(u"unknown mode %1"_s.arg(mode)));
    header.mode = static_cast<Mode>(mode);
    const quint8 type = raw[10];
    if (type < 1 || type > 3)
        return fail(badHeader(u"unknown bundle type %1"_s.arg(type)));
    header.type = static_cast<BundleType>(type - 1);
    const quint8 content = raw[11];
    if (content != 1 && content != 2)
        return fail(badHeader(u"unknown content kind %1"_s.arg(content)));
    header.content = static_cast<Content>(content);
    header.chunkSize = qFromBigEndian<quint32>(raw + 12);
    if (header.chunkSize < kMinChunkSize || header.chunkSize > kMaxChunkSize)
        return fail(badHeader(
            u"chunk size %1 is outside %2–%3"_s.arg(header.chunkSize).arg(kMinChunkSize).arg(kMaxChunkSize)));
    header.contentSize = qFromBigEndian<quint64>(raw + 16);
    if (header.contentSize > kMaxContentSize)
        return fail(badHeader(u"content size %1 is implausible"_s.arg(header.contentSize)));
    header.createdAt = qFromBigEndian<qint64>(raw + 24);
    if (header.mode == Mode::RecipientKey) {
        header.senderPublicKey = fixed.sliced(32, kKeySize);
        header.ephemeralPublicKey = fixed.sliced(64, kKeySize);
        header.recipientPublicKey = fixed.sliced(96, kKeySize);
        if (isAllZero(header.senderPublicKey) || isAllZero(header.ephemeralPublicKey) ||
            isAllZero(header.recipientPublicKey))
            return fail(badHeader(u"a public key is missing"_s));
    } else {
        header.salt = fixed.sliced(64, kSaltSize);
        header.opsLimit = qFromBigEndian<quint64>(raw + 80);
        header.memLimit = qFromBigEndian<quint64>(raw + 88);
        if (!isAllZero(fixed.sliced(32, kKeySize)) || !isAllZero(fixed.sliced(96, kKeySize)))
            return fail(badHeader(u"key fields must be zero in passphrase mode"_s));
    }
    header.keyCheck = fixed.sliced(128, kKeySize);
    header.checksum = fixed.sliced(kChecksumOffset, kKeySize);

    const qsizetype nameSize = raw[192];
    const qsizetype executableSize = qFromBigEndian<quint16>(raw + 193);
    if (nameSize == 0 || nameSize > kMaxNameSize || executableSize > kMaxExecutableSize)
        return fail(badHeader(u"name or executable path length out of range"_s));
    QByteArray tail(nameSize + executableSize + kStreamHeaderSize, Qt::Uninitialized);
    if (readFully(in, tail.data(), tail.size()) != tail.size())
        return fail(BundleError{BundleError::Code::Truncated, u"bundle header is truncated"_s});
    const auto name = strictUtf8(tail.first(nameSize));
    const auto executable = strictUtf8(tail.sliced(nameSize, executableSize));
    if (!name || !executable)
        return fail(badHeader(u"name or executable path is not UTF-8"_s));
    header.name = *name;
    header.executable = *executable;
    if (const auto valid = validateName(header.name); !valid)
        return fail(badHeader(valid.error()));
    if (!header.executable.isEmpty()) {
        if (const auto valid = validateRelativePath(header.executable); !valid)
            return fail(badHeader(valid.error()));
    }
    header.streamHeader = tail.sliced(nameSize + executableSize);
    return header;
}

Result<void, QString> BundleHeader::validateName(QStringView name)
{
    const qsizetype bytes = name.toUtf8().size();
    if (bytes == 0 || bytes > kMaxNameSize)
        return fail(u"a bundle name must be 1 to %1 bytes long"_s.arg(kMaxNameSize));
    if (name == u"."_s || name == u".."_s)
        return fail(u"a bundle name cannot be '.' or '..'"_s);
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'/' || c == u'\\')
            return fail(u"a bundle name cannot contain '/', '\\' or control characters"_s);
    }
    return {};
}

Result<void, QString> BundleHeader::validateRelativePath(QStringView path)
{
    if (path.isEmpty() || path.startsWith(u'/'))
        return fail(u"'%1' is not a relative path"_s.arg(path));
    for (const QStringView part : path.split(u'/')) {
        if (part.isEmpty() || part == u"."_s || part == u".."_s)
            return fail(u"'%1' is not a clean relative path"_s.arg(path));
    }
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'\\')
            return fail(u"'%1' contains control characters or '\\'"_s.arg(path));
    }
    return {};
}

} // namespace lethean::node
