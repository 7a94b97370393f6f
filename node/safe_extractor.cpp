#include "node/safe_extractor.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <archive.h>
#include <archive_entry.h>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
constexpr qint64 kSourceBlock = 64 * 1024;
constexpr int kWaitMs = 30000;
constexpr int kFileMode = 0644;
constexpr int kExecutableMode = 0755;
constexpr int kDirectoryMode = 0755;

struct ReaderDeleter
{
    void operator()(archive* a) const { archive_read_free(a); }
};
struct WriterDeleter
{
    void operator()(archive* a) const { archive_write_free(a); }
};

struct ReadContext
{
    const SafeExtractor::Source* source = nullptr;
    qint64 rawBytes = 0;
    std::optional<BundleError> error;
};

la_ssize_t readFromSource(archive* a, void* data, const void** buffer)
{
    auto* context = static_cast<ReadContext*>(data);
    auto piece = (*context->source)();
    if (!piece) {
        context->error = piece.error();
        archive_set_error(a, EIO, "%s", "the bundle stream failed");
        return -1;
    }
    *buffer = piece->data();
    context->rawBytes += piece->size();
    return static_cast<la_ssize_t>(piece->size());
}

BundleError unsafe(const QString& entry, const QString& why)
{
    return {BundleError::Code::UnsafeEntry, u"extract: refused entry '%1': %2"_s.arg(entry, why)};
}

BundleError tooLarge(const QString& entry, const QString& why)
{
    return {BundleError::Code::TooLarge, u"extract: refused entry '%1': %2"_s.arg(entry, why)};
}

// An entry name fit for a message: invalid bytes replaced, control characters shown as '?', cut short.
QString displayName(const QByteArray& raw)
{
    QString name = QString::fromUtf8(raw);
    for (QChar& c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u'?';
    }
    return name.size() > 120 ? name.first(120) + u"…"_s : name;
}

bool isStrictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes); // decode() is lazy: converting runs it
    return !decoder.hasError();
}

QString fileTypeName(archive_entry* entry)
{
    switch (archive_entry_filetype(entry)) {
    case AE_IFLNK:
        return u"a symbolic link"_s;
    case AE_IFCHR:
        return u"a character device"_s;
    case AE_IFBLK:
        return u"a block device"_s;
    case AE_IFIFO:
        return u"a FIFO"_s;
    case AE_IFSOCK:
        return u"a socket"_s;
    default:
        return u"an entry of unknown type"_s;
    }
}

class Extraction
{
public:
    Extraction(const ExtractLimits& limits, const QString& root, const QString& executable)
        : m_limits(limits), m_root(root), m_executable(executable)
    {}

    Result<ExtractReport, BundleError> run(const SafeExtractor::Source& source);

private:
    Result<QString, BundleError> checkEntry(archive_entry* entry, const QByteArray& rawName);
    Result<void, BundleError> copyData(const QString& name);
    Result<void, BundleError> verifyTree() const;
    BundleError archiveError(archive* a, BundleError::Code code, const QString& what) const;

    const ExtractLimits& m_limits;
    QString m_root;
    QString m_executable;
    ReadContext m_context;
    std::unique_ptr<archive, ReaderDeleter> m_reader;
    std::unique_ptr<archive, WriterDeleter> m_writer;
    QSet<QString> m_seen;
    qint64 m_entries = 0;
    qint64 m_declaredTotal = 0;
    qint64 m_extracted = 0;
    ExtractReport m_report;
};

BundleError Extraction::archiveError(archive* a, BundleError::Code code, const QString& what) const
{
    if (m_context.error)
        return *m_context.error;
    const char* detail = archive_error_string(a);
    return {code,
            detail ? u"extract: %1: %2"_s.arg(what, QString::fromUtf8(detail)) : u"extract: %1"_s.arg(what)};
}

Result<QString, BundleError> Extraction::checkEntry(archive_entry* entry, const QByteArray& rawName)
{
    const QString shown = displayName(rawName);
    if (++m_entries > m_limits.maxEntries)
        return fail(tooLarge(shown, u"the archive has more than %1 entries"_s.arg(m_limits.maxEntries)));
    if (rawName.size() > m_limits.maxPathBytes)
        return fail(unsafe(
            shown, u"the name is %1 bytes long (limit %2)"_s.arg(rawName.size()).arg(m_limits.maxPathBytes)));
    if (!isStrictUtf8(rawName))
        return fail(unsafe(shown, u"the name is not valid UTF-8"_s));
    for (const char c : rawName) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\')
            return fail(unsafe(shown, u"the name contains a control character or '\\'"_s));
    }
    if (rawName.startsWith('/'))
        return fail(unsafe(shown, u"absolute path"_s));
    QStringList parts;
    for (const QByteArray& part : rawName.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..")
            return fail(unsafe(shown, u"the path contains '..'"_s));
        if (part.size() > m_limits.maxComponentBytes)
            return fail(
                unsafe(shown, u"a path component is longer than %1 bytes"_s.arg(m_limits.maxComponentBytes)));
        parts.append(QString::fromUtf8(part));
    }
    if (archive_entry_hardlink(entry) != nullptr)
        return fail(unsafe(shown, u"hard links are not allowed"_s));
    const auto type = archive_entry_filetype(entry);
    if (type != AE_IFREG && type != AE_IFDIR)
        return fail(unsafe(shown, fileTypeName(entry) + u" is not allowed"_s));
    if (parts.isEmpty()) {
        if (type == AE_IFDIR)
            return QString(); // "./": the destination itself
        return fail(unsafe(shown, u"empty name"_s));
    }
    const QString clean = parts.join(u'/');
    if (m_seen.contains(clean))
        return fail(unsafe(shown, u"the archive holds this path twice"_s));
    m_seen.insert(clean);
    if (type == AE_IFREG) {
        const qint64 size = archive_entry_size(entry);
        if (size > m_limits.maxFileSize)
            return fail(tooLarge(
                shown, u"%1 bytes is over the %2-byte per-file limit"_s.arg(size).arg(m_limits.maxFileSize)));
        m_declaredTotal += std::max<qint64>(size, 0);
        if (m_declaredTotal > m_limits.maxTotalSize)
            return fail(
                tooLarge(shown, u"the archive holds more than %1 bytes"_s.arg(m_limits.maxTotalSize)));
    }
    return clean;
}

Result<void, BundleError> Extraction::copyData(const QString& name)
{
    qint64 fileBytes = 0;
    for (;;) {
        const void* block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        const int status = archive_read_data_block(m_reader.get(), &block, &size, &offset);
        if (status == ARCHIVE_EOF)
            return {};
        if (status != ARCHIVE_OK)
            return fail(
                archiveError(m_reader.get(), BundleError::Code::InvalidArchive, u"reading '%1'"_s.arg(name)));
        fileBytes += static_cast<qint64>(size);
        m_extracted += static_cast<qint64>(size);
        if (fileBytes > m_limits.maxFileSize)
            return fail(tooLarge(name, u"over the %1-byte per-file limit"_s.arg(m_limits.maxFileSize)));
        if (m_extracted > m_limits.ratioGrace &&
            static_cast<double>(m_extracted) > m_limits.maxRatio * static_cast<double>(m_context.rawBytes))
            return fail(tooLarge(name, u"the archive expands more than %1 times (a compression bomb)"_s.arg(
                                           m_limits.maxRatio)));
        if (archive_write_data_block(m_writer.get(), block, size, offset) != ARCHIVE_OK)
            return fail(archiveError(m_writer.get(), BundleError::Code::Io, u"writing '%1'"_s.arg(name)));
    }
}

Result<void, BundleError> Extraction::verifyTree() const
{
    const QString prefix = m_root + u'/';
    QDirIterator it(m_root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        const QString relative = info.filePath().sliced(prefix.size());
        if (info.isSymLink() || (!info.isFile() && !info.isDir()))
            return fail(unsafe(relative, u"not a regular file or folder after extraction"_s));
        if (!info.canonicalFilePath().startsWith(prefix))
            return fail(unsafe(relative, u"resolves outside the destination"_s));
    }
    return {};
}

Result<ExtractReport, BundleError> Extraction::run(const SafeExtractor::Source& source)
{
    m_context.source = &source;
    m_reader.reset(archive_read_new());
    m_writer.reset(archive_write_disk_new());
    if (!m_reader || !m_writer)
        return fail(BundleError{BundleError::Code::Io, u"extract: out of memory"_s});
    archive_read_support_filter_gzip(m_reader.get());
    archive_read_support_format_tar(m_reader.get());
    archive_write_disk_set_options(m_writer.get(),
                                   ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS);
    if (archive_read_open(m_reader.get(), &m_context, nullptr, &readFromSource, nullptr) != ARCHIVE_OK)
        return fail(archiveError(m_reader.get(), BundleError::Code::InvalidArchive,
                                 u"not a tar or tar.gz archive"_s));

    for (;;) {
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(m_reader.get(), &entry);
        if (status == ARCHIVE_EOF)
            break;
        // WARN is a name libarchive could not convert to the locale's charset: the checks below decide.
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return fail(archiveError(m_reader.get(), BundleError::Code::InvalidArchive,
                                     u"not a valid tar archive"_s));
        const char* raw = archive_entry_pathname(entry);
        if (!raw)
            raw = archive_entry_pathname_utf8(entry);
        if (!raw)
            return fail(unsafe(u"#%1"_s.arg(m_entries + 1), u"the name cannot be read"_s));
        const QByteArray rawName(raw);
        auto clean = checkEntry(entry, rawName);
        if (!clean)
            return fail(clean.error());
        if (clean->isEmpty())
            continue;
        const bool isFile = archive_entry_filetype(entry) == AE_IFREG;
        const bool executable = isFile && *clean == m_executable;
        archive_entry_set_pathname(entry, (m_root + u'/' + *clean).toUtf8().constData());
        archive_entry_set_perm(
            entry,
            static_cast<__LA_MODE_T>(isFile ? (executable ? kExecutableMode : kFileMode) : kDirectoryMode));
        archive_entry_acl_clear(entry);
        archive_entry_xattr_clear(entry);
        if (archive_write_header(m_writer.get(), entry) != ARCHIVE_OK)
            return fail(archiveError(m_writer.get(), BundleError::Code::UnsafeEntry,
                                     u"refused entry '%1'"_s.arg(displayName(rawName))));
        if (isFile) {
            if (auto copied = copyData(*clean); !copied)
                return fail(copied.error());
            m_report.files.append(*clean);
            if (executable)
                m_report.executable = *clean;
        }
        if (archive_write_finish_entry(m_writer.get()) != ARCHIVE_OK)
            return fail(archiveError(m_writer.get(), BundleError::Code::Io, u"finishing '%1'"_s.arg(*clean)));
    }
    if (archive_write_close(m_writer.get()) != ARCHIVE_OK)
        return fail(archiveError(m_writer.get(), BundleError::Code::Io, u"finishing the extraction"_s));
    if (auto verified = verifyTree(); !verified)
        return fail(verified.error());
    if (!m_executable.isEmpty() && m_report.executable.isEmpty())
        return fail(
            BundleError{BundleError::Code::InvalidArchive,
                        u"extract: the declared executable '%1' is not in the archive"_s.arg(m_executable)});
    m_report.bytes = m_extracted;
    return m_report;
}
} // namespace

SafeExtractor::SafeExtractor(ExtractLimits limits) : m_limits(limits) {}

SafeExtractor::Source SafeExtractor::deviceSource(QIODevice& device)
{
    auto buffer = std::make_shared<QByteArray>(kSourceBlock, Qt::Uninitialized);
    return [&device, buffer]() -> Result<QByteArrayView, BundleError> {
        for (;;) {
            const qint64 got = device.read(buffer->data(), buffer->size());
            if (got < 0)
                return fail(BundleError{BundleError::Code::Io,
                                        u"extract: cannot read: %1"_s.arg(device.errorString())});
            if (got > 0)
                return QByteArrayView(buffer->constData(), got);
            if (!device.isSequential() || !device.waitForReadyRead(kWaitMs))
                return QByteArrayView();
        }
    };
}

SafeExtractor::Source SafeExtractor::memorySource(QByteArrayView bytes)
{
    auto done = std::make_shared<bool>(false);
    return [bytes, done]() -> Result<QByteArrayView, BundleError> {
        if (*done)
            return QByteArrayView();
        *done = true;
        return bytes;
    };
}

Result<StagedExtraction, BundleError> SafeExtractor::stage(const Source& source, const QString& destination,
                                                           const QString& executable) const
{
    const QFileInfo target(destination);
    if (destination.isEmpty() || target.fileName().isEmpty() || target.fileName() == u".."_s ||
        target.fileName() == u"."_s)
        return fail(BundleError{BundleError::Code::InvalidInput,
                                u"extract: '%1' is not a folder name"_s.arg(destination)});
    const QString parent = target.absolutePath();
    if (!QDir().mkpath(parent))
        return fail(BundleError{BundleError::Code::Io, u"extract: cannot create %1"_s.arg(parent)});
    auto staging = std::make_unique<QTemporaryDir>(parent + u"/.%1.staging-XXXXXX"_s.arg(target.fileName()));
    if (!staging->isValid())
        return fail(BundleError{
            BundleError::Code::Io,
            u"extract: cannot create a staging folder in %1: %2"_s.arg(parent, staging->errorString())});
    // libarchive's symlink check walks every component from '/': give it a path without any.
    const QString root = QFileInfo(staging->path()).canonicalFilePath();
    QFile::setPermissions(root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                    QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    Extraction extraction(m_limits, root, executable);
    auto report = extraction.run(source);
    if (!report)
        return fail(report.error());
    return StagedExtraction(std::move(staging), target.absoluteFilePath(), std::move(*report));
}

Result<ExtractReport, BundleError> SafeExtractor::extract(QIODevice& archive, const QString& destination,
                                                          const QString& executable) const
{
    auto staged = stage(deviceSource(archive), destination, executable);
    if (!staged)
        return fail(staged.error());
    if (auto committed = staged->commit(); !committed)
        return fail(committed.error());
    return staged->report();
}

Result<ExtractReport, BundleError> SafeExtractor::extract(QByteArrayView archive, const QString& destination,
                                                          const QString& executable) const
{
    auto staged = stage(memorySource(archive), destination, executable);
    if (!staged)
        return fail(staged.error());
    if (auto committed = staged->commit(); !committed)
        return fail(committed.error());
    return staged->report();
}

} // namespace lethean::node
