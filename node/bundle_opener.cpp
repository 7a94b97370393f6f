#include "node/bundle_opener.h"

#include "node/bundle_checksum.h"
#include "node/bundle_decryptor.h"
#include "node/bundle_key.h"
#include "node/safe_extractor.h"
#include "node/stim_container.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
Result<void, BundleError> checkJson(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || (!document.isObject() && !document.isArray()))
        return fail(BundleError{BundleError::Code::InvalidArchive,
                                u"bundle: the profile is not valid JSON: %1"_s.arg(error.errorString())});
    return {};
}

Result<void, BundleError> checkConsistent(const BundleHeader& header)
{
    const bool json = header.content == BundleHeader::Content::Json;
    if ((header.type == BundleType::Profile) != json)
        return fail(BundleError{BundleError::Code::BadHeader,
                                u"bundle: a %1 bundle cannot carry %2"_s.arg(
                                    bundleTypeToString(header.type), json ? u"JSON"_s : u"an archive"_s)});
    if (header.type == BundleType::Miner && header.executable.isEmpty())
        return fail(
            BundleError{BundleError::Code::BadHeader, u"bundle: a miner bundle must name its binary"_s});
    return {};
}

// Reads the rest of the stream (a tar reader may stop at the end-of-archive blocks): the final chunk
// and the checksum are verified only there.
Result<void, BundleError> drain(BundleDecryptor& stream)
{
    while (!stream.finished()) {
        auto piece = stream.next();
        if (!piece)
            return fail(piece.error());
    }
    return {};
}
} // namespace

BundleOpener::BundleOpener(ExtractLimits limits) : m_limits(limits) {}

Result<OpenedBundle, BundleError> BundleOpener::open(QIODevice& bundle, const BundleKey& key,
                                                     const QString& destination) const
{
    auto begun = BundleDecryptor::begin(bundle, key);
    if (!begun)
        return fail(begun.error());
    BundleDecryptor& stream = **begun;
    const BundleHeader& header = stream.header();
    if (auto consistent = checkConsistent(header); !consistent)
        return fail(consistent.error());

    OpenedBundle opened;
    opened.format = OpenedBundle::Format::Sealed;
    opened.type = header.type;
    opened.name = header.name;
    opened.senderPublicKey = header.senderPublicKey;
    opened.checksum = header.checksumHex();

    if (header.content == BundleHeader::Content::Json) {
        if (header.contentSize > static_cast<quint64>(kMaxProfileSize))
            return fail(
                BundleError{BundleError::Code::TooLarge,
                            u"bundle: a %1-byte profile is over the %2-byte limit"_s.arg(header.contentSize)
                                .arg(kMaxProfileSize)});
        while (!stream.finished()) {
            auto piece = stream.next();
            if (!piece)
                return fail(piece.error());
            opened.profile.append(*piece);
        }
        if (auto json = checkJson(opened.profile); !json)
            return fail(json.error());
        return opened;
    }

    if (header.contentSize > static_cast<quint64>(m_limits.maxTotalSize) * 2 + 1024 * 1024)
        return fail(BundleError{
            BundleError::Code::TooLarge,
            u"bundle: %1 bytes of archive exceed the extraction limits"_s.arg(header.contentSize)});
    const SafeExtractor extractor(m_limits);
    SafeExtractor::Source source = [&stream]() {
        return stream.next();
    };
    auto staged = extractor.stage(source, destination, header.executable);
    if (!staged)
        return fail(staged.error());
    if (auto drained = drain(stream); !drained)
        return fail(drained.error());
    if (auto committed = staged->commit(); !committed)
        return fail(committed.error());
    opened.destination = staged->destination();
    opened.files = staged->report();
    return opened;
}

Result<OpenedBundle, BundleError> BundleOpener::open(QByteArrayView bundle, const BundleKey& key,
                                                     const QString& destination) const
{
    QByteArray bytes = QByteArray::fromRawData(bundle.data(), bundle.size());
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    return open(device, key, destination);
}

Result<OpenedBundle, BundleError> BundleOpener::openFile(const QString& path, const BundleKey& key,
                                                         const QString& destination) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(BundleError{BundleError::Code::Io,
                                u"bundle: cannot open %1: %2"_s.arg(path, file.errorString())});
    return open(file, key, destination);
}

Result<OpenedBundle, BundleError> BundleOpener::openStim(BundleType type, const QString& name,
                                                         QByteArrayView data, QStringView checksum,
                                                         QByteArrayView sharedSecret,
                                                         const QString& destination) const
{
    if (!BundleChecksum::matches(data, checksum))
        return fail(BundleError{BundleError::Code::ChecksumMismatch,
                                u"bundle: checksum mismatch - bundle may be corrupted"_s});
    OpenedBundle opened;
    opened.type = type;
    opened.name = name;
    opened.checksum = checksum.toString();
    if (type == BundleType::Profile && StimContainer::isPlainJson(data)) {
        if (data.size() > kMaxProfileSize)
            return fail(BundleError{BundleError::Code::TooLarge, u"bundle: the profile is too large"_s});
        if (auto json = checkJson(data); !json)
            return fail(json.error());
        opened.format = OpenedBundle::Format::PlainJson;
        opened.profile = data.toByteArray();
        return opened;
    }
    if (sharedSecret.isEmpty())
        return fail(BundleError{BundleError::Code::WrongKey, u"bundle: no shared secret to decrypt with"_s});
    auto contents = StimContainer::open(StimContainer::keyForSecret(sharedSecret), data);
    if (!contents)
        return fail(contents.error());
    opened.format = OpenedBundle::Format::Stim;
    if (contents->config != StimContainer::defaultConfig())
        opened.profile = contents->config;
    if (type == BundleType::Profile) {
        if (auto json = checkJson(opened.profile); !json)
            return fail(json.error());
        return opened;
    }
    const SafeExtractor extractor(m_limits);
    auto staged = extractor.stage(SafeExtractor::memorySource(contents->rootTar), destination);
    if (!staged)
        return fail(staged.error());
    ExtractReport report = staged->report();
    if (type == BundleType::Miner && report.files.size() == 1) {
        const QString binary = staged->stagingPath() + u'/' + report.files.constFirst();
        QFile::setPermissions(binary, QFile::permissions(binary) | QFile::ExeOwner | QFile::ExeGroup |
                                          QFile::ExeOther);
        report.executable = report.files.constFirst();
    }
    if (auto committed = staged->commit(); !committed)
        return fail(committed.error());
    opened.destination = staged->destination();
    opened.files = report;
    return opened;
}

} // namespace lethean::node
