#include "node/bundle_sealer.h"

#include "node/bundle_key.h"
#include "node/bundle_opener.h"
#include "node/sealed_bundle.h"
#include "node/stim_container.h"
#include "node/tar_writer.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
Result<void, BundleError> checkProfileJson(QByteArrayView json)
{
    if (json.size() > BundleOpener::kMaxProfileSize)
        return fail(BundleError{BundleError::Code::TooLarge, u"bundle: the profile is over 1 MiB"_s});
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(BundleError{BundleError::Code::InvalidInput,
                                u"bundle: the profile is not a JSON object: %1"_s.arg(error.errorString())});
    return {};
}

Result<void, BundleError> checkFiles(const QList<BundleFile>& files)
{
    QSet<QString> seen;
    for (const BundleFile& file : files) {
        if (auto valid = BundleHeader::validateRelativePath(file.path); !valid)
            return fail(BundleError{BundleError::Code::InvalidInput, u"bundle: %1"_s.arg(valid.error())});
        if (seen.contains(file.path))
            return fail(
                BundleError{BundleError::Code::InvalidInput, u"bundle: %1 is given twice"_s.arg(file.path)});
        seen.insert(file.path);
        const QFileInfo info(file.source);
        if (!info.isFile())
            return fail(BundleError{BundleError::Code::InvalidInput,
                                    u"bundle: %1 is not a readable file"_s.arg(file.source)});
    }
    return {};
}

// Writes the files as a tar into `out`, each with `mode` or, for `executable`, 0755.
Result<void, BundleError> writeTar(const QList<BundleFile>& files, QIODevice& out, int mode,
                                   const QString& executable)
{
    TarWriter tar(out);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const BundleFile& file : files) {
        QFile source(file.source);
        if (!source.open(QIODevice::ReadOnly))
            return fail(BundleError{BundleError::Code::Io,
                                    u"bundle: cannot read %1: %2"_s.arg(file.source, source.errorString())});
        const int fileMode = file.path == executable ? 0755 : mode;
        if (auto added = tar.addFile(file.path, source, source.size(), fileMode, now); !added)
            return added;
    }
    return tar.finish();
}

Result<BundleHeader, BundleError> sealArchive(const QList<BundleFile>& files, const QString& executable,
                                              BundleType type, const QString& name, const BundleKey& key,
                                              QIODevice& out)
{
    if (auto valid = checkFiles(files); !valid)
        return fail(valid.error());
    QTemporaryFile archive(QDir::tempPath() + u"/lethean-bundle-XXXXXX.tar"_s);
    if (!archive.open())
        return fail(BundleError{BundleError::Code::Io,
                                u"bundle: cannot create a temporary file: %1"_s.arg(archive.errorString())});
    if (auto written = writeTar(files, archive, 0644, executable); !written)
        return fail(written.error());
    if (!archive.flush() || !archive.seek(0))
        return fail(BundleError{BundleError::Code::Io, u"bundle: cannot rewind the temporary archive"_s});
    SealedBundle::Options options;
    options.type = type;
    options.name = name;
    options.executable = executable;
    options.content = BundleHeader::Content::Tar;
    return SealedBundle::seal(archive, archive.size(), out, options, key);
}

Result<QByteArray, BundleError> stimArchive(const QList<BundleFile>& files, QByteArrayView config,
                                            QByteArrayView sharedSecret)
{
    if (auto valid = checkFiles(files); !valid)
        return fail(valid.error());
    QByteArray rootTar;
    QBuffer buffer(&rootTar);
    buffer.open(QIODevice::WriteOnly);
    if (auto written = writeTar(files, buffer, TarWriter::kStimFileMode, QString()); !written)
        return fail(written.error());
    return StimContainer::seal(StimContainer::keyForSecret(sharedSecret), config, rootTar);
}
} // namespace

QList<BundleFile> BundleSealer::minerFiles(const QString& binaryPath, const QList<BundleFile>& extraFiles)
{
    QList<BundleFile> files{{QFileInfo(binaryPath).fileName(), binaryPath}};
    files.append(extraFiles);
    return files;
}

Result<BundleHeader, BundleError> BundleSealer::sealProfile(QByteArrayView profileJson, const QString& name,
                                                            const BundleKey& key, QIODevice& out)
{
    if (auto valid = checkProfileJson(profileJson); !valid)
        return fail(valid.error());
    QByteArray content = profileJson.toByteArray();
    QBuffer in(&content);
    in.open(QIODevice::ReadOnly);
    SealedBundle::Options options;
    options.type = BundleType::Profile;
    options.name = name;
    options.content = BundleHeader::Content::Json;
    return SealedBundle::seal(in, content.size(), out, options, key);
}

Result<BundleHeader, BundleError> BundleSealer::sealMiner(const QString& binaryPath,
                                                          const QList<BundleFile>& extraFiles,
                                                          const QString& name, const BundleKey& key,
                                                          QIODevice& out)
{
    const QList<BundleFile> files = minerFiles(binaryPath, extraFiles);
    return sealArchive(files, files.constFirst().path, BundleType::Miner, name, key, out);
}

Result<BundleHeader, BundleError> BundleSealer::sealFull(const QList<BundleFile>& files, const QString& name,
                                                         const BundleKey& key, QIODevice& out)
{
    if (files.isEmpty())
        return fail(
            BundleError{BundleError::Code::InvalidInput, u"bundle: a full bundle needs at least one file"_s});
    return sealArchive(files, QString(), BundleType::Full, name, key, out);
}

Result<QByteArray, BundleError> BundleSealer::stimProfile(QByteArrayView profileJson,
                                                          QByteArrayView sharedSecret)
{
    if (auto valid = checkProfileJson(profileJson); !valid)
        return fail(valid.error());
    return StimContainer::seal(StimContainer::keyForSecret(sharedSecret), profileJson,
                               StimContainer::emptyRootTar());
}

Result<QByteArray, BundleError> BundleSealer::stimMiner(const QString& binaryPath, QByteArrayView profileJson,
                                                        QByteArrayView sharedSecret)
{
    if (!profileJson.isEmpty()) {
        if (auto valid = checkProfileJson(profileJson); !valid)
            return fail(valid.error());
    }
    const QByteArray config =
        profileJson.isEmpty() ? StimContainer::defaultConfig() : profileJson.toByteArray();
    return stimArchive(minerFiles(binaryPath, {}), config, sharedSecret);
}

Result<QByteArray, BundleError> BundleSealer::stimFull(const QList<BundleFile>& files,
                                                       QByteArrayView profileJson,
                                                       QByteArrayView sharedSecret)
{
    const QByteArray config =
        profileJson.isEmpty() ? StimContainer::defaultConfig() : profileJson.toByteArray();
    return stimArchive(files, config, sharedSecret);
}

} // namespace lethean::node
