#include "node/decompressor.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
struct ArchiveDeleter
{
    void operator()(archive* a) const { archive_read_free(a); }
};

CodecError archiveError(archive* a, const QString& what)
{
    return {CodecError::Code::Malformed, u"%1: %2"_s.arg(what, QString::fromUtf8(archive_error_string(a)))};
}
} // namespace

Result<QByteArray, CodecError> Decompressor::decompress(Format format, QByteArrayView input, qsizetype maxOutput)
{
    std::unique_ptr<archive, ArchiveDeleter> reader(archive_read_new());
    if (!reader)
        return fail(CodecError{CodecError::Code::Internal, u"decompress: out of memory"_s});
    const QString name = format == Format::Gzip ? u"gzip"_s : u"zstd"_s;
    const int filter = format == Format::Gzip ? archive_read_support_filter_gzip(reader.get())
                                              : archive_read_support_filter_zstd(reader.get());
    if (filter != ARCHIVE_OK)
        return fail(CodecError{CodecError::Code::Unsupported, u"decompress: %1 is not available"_s.arg(name)});
    archive_read_support_format_raw(reader.get());
    if (archive_read_open_memory(reader.get(), input.data(), static_cast<size_t>(input.size())) != ARCHIVE_OK)
        return fail(archiveError(reader.get(), u"decompress %1"_s.arg(name)));
    archive_entry* entry = nullptr;
    if (archive_read_next_header(reader.get(), &entry) != ARCHIVE_OK)
        return fail(archiveError(reader.get(), u"decompress %1"_s.arg(name)));
    if (archive_filter_code(reader.get(), 0) == ARCHIVE_FILTER_NONE)
        return fail(CodecError{CodecError::Code::Malformed, u"decompress: input is not %1 data"_s.arg(name)});

    QByteArray output;
    char buffer[16384];
    for (;;) {
        const la_ssize_t got = archive_read_data(reader.get(), buffer, sizeof buffer);
        if (got < 0)
            return fail(archiveError(reader.get(), u"decompress %1"_s.arg(name)));
        if (got == 0)
            return output;
        if (output.size() + got > maxOutput)
            return fail(CodecError{CodecError::Code::TooLarge,
                                   u"decompress: %1 output exceeds the %2-byte limit"_s.arg(name).arg(maxOutput)});
        output.append(buffer, got);
    }
}

} // namespace lethean::node
