#include "node/tar_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
la_ssize_t writeToDevice(archive*, void* device, const void* buffer, size_t length)
{
    const qint64 written =
        static_cast<QIODevice*>(device)->write(static_cast<const char*>(buffer), static_cast<qint64>(length));
    return written == static_cast<qint64>(length) ? static_cast<la_ssize_t>(written) : -1;
}

struct EntryDeleter
{
    void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

constexpr qint64 kCopyBlock = 64 * 1024;
} // namespace

TarWriter::TarWriter(QIODevice& out) : m_out(out) {}

TarWriter::~TarWriter()
{
    if (m_archive)
        archive_write_free(m_archive); // without finish(): no end blocks, the output stays incomplete
}

BundleError TarWriter::archiveError(const QString& what) const
{
    const char* detail = m_archive ? archive_error_string(m_archive) : nullptr;
    return {BundleError::Code::Io, detail ? u"%1: %2"_s.arg(what, QString::fromUtf8(detail)) : what};
}

Result<void, BundleError> TarWriter::start()
{
    if (m_started)
        return {};
    m_started = true;
    m_archive = archive_write_new();
    if (!m_archive)
        return fail(BundleError{BundleError::Code::Io, u"tar: out of memory"_s});
    // pax_restricted: ustar unless a field does not fit, as Go's archive/tar chooses.
    if (archive_write_set_format_pax_restricted(m_archive) != ARCHIVE_OK ||
        archive_write_add_filter_none(m_archive) != ARCHIVE_OK ||
        archive_write_set_bytes_per_block(m_archive, 0) != ARCHIVE_OK || // no 10 KiB block padding
        archive_write_open2(m_archive, &m_out, nullptr, &writeToDevice, nullptr, nullptr) != ARCHIVE_OK)
        return fail(archiveError(u"tar: cannot start the archive"_s));
    return {};
}

Result<void, BundleError> TarWriter::writeHeader(const QString& path, qint64 size, int mode, qint64 mtime)
{
    if (auto started = start(); !started)
        return started;
    if (m_finished)
        return fail(BundleError{BundleError::Code::Io, u"tar: archive already finished"_s});
    std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    archive_entry_set_pathname_utf8(entry.get(), path.toUtf8().constData());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), static_cast<__LA_MODE_T>(mode & 07777));
    archive_entry_set_size(entry.get(), size);
    archive_entry_set_mtime(entry.get(), static_cast<time_t>(mtime), 0);
    if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK)
        return fail(archiveError(u"tar: cannot add %1"_s.arg(path)));
    return {};
}

Result<void, BundleError> TarWriter::addFile(const QString& path, QByteArrayView data, int mode, qint64 mtime)
{
    if (auto header = writeHeader(path, data.size(), mode, mtime); !header)
        return header;
    for (qint64 offset = 0; offset < data.size(); offset += kCopyBlock) {
        const qint64 n = std::min(kCopyBlock, data.size() - offset);
        if (archive_write_data(m_archive, data.data() + offset, static_cast<size_t>(n)) != n)
            return fail(archiveError(u"tar: cannot write %1"_s.arg(path)));
    }
    return {};
}

Result<void, BundleError> TarWriter::addFile(const QString& path, QIODevice& source, qint64 size, int mode,
                                             qint64 mtime)
{
    if (auto header = writeHeader(path, size, mode, mtime); !header)
        return header;
    QByteArray buffer(kCopyBlock, Qt::Uninitialized);
    qint64 remaining = size;
    while (remaining > 0) {
        const qint64 got = source.read(buffer.data(), std::min(kCopyBlock, remaining));
        if (got <= 0)
            return fail(BundleError{BundleError::Code::Io,
                                    u"tar: %1 ended %2 bytes early"_s.arg(path).arg(remaining)});
        if (archive_write_data(m_archive, buffer.constData(), static_cast<size_t>(got)) != got)
            return fail(archiveError(u"tar: cannot write %1"_s.arg(path)));
        remaining -= got;
    }
    return {};
}

Result<void, BundleError> TarWriter::finish()
{
    if (auto started = start(); !started)
        return started;
    if (m_finished)
        return {};
    m_finished = true;
    if (archive_write_close(m_archive) != ARCHIVE_OK)
        return fail(archiveError(u"tar: cannot finish the archive"_s));
    return {};
}

} // namespace lethean::node
