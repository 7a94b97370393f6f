#pragma once

#include "node/bundle_error.h"
#include "node/extract_limits.h"
#include "node/staged_extraction.h"
#include "ueps/result.h"

#include <QByteArrayView>
#include <QIODevice>
#include <QString>
#include <functional>

namespace lethean::node {

// Extracts a tar or tar.gz archive from an untrusted peer (libarchive), refusing the whole archive at
// the first entry that is not a plain file or directory safely inside the destination. Checks, in
// order, for every entry (the error names the entry):
//   entry count; name readable, strict UTF-8, no control characters or '\\', within the length limits;
//   not absolute, no ".." component, not twice in the archive; no hard link, symlink, device, FIFO or
//   socket; file size and running total within the limits; while copying, the compression ratio.
// Then libarchive writes it with ARCHIVE_EXTRACT_SECURE_NODOTDOT and _SECURE_SYMLINKS, permissions
// 0644 (0755 for directories and for the one declared executable; setuid, setgid and sticky bits are
// never written), no owner, no times, no ACLs or extended attributes. Finally the staged tree is walked
// again: every item must be a regular file or directory whose resolved path is inside the staging folder.
//
// ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS is not set: libarchive 3.6 has no base-folder option, so entries
// are written by absolute path into the staging folder (relative paths would need chdir(), which is
// process-wide and would move every other thread). The same rule is enforced above on the archive's own
// names, before libarchive sees them: an absolute entry name is refused.
//
// Plain functions with no event loop: run them on a worker thread (QtConcurrent), never the GUI thread.
class SafeExtractor
{
public:
    // The archive's bytes piece by piece: each call returns the next piece (valid until the next
    // call), an empty view at the end, or an error that aborts the extraction.
    using Source = std::function<Result<QByteArrayView, BundleError>()>;

    explicit SafeExtractor(ExtractLimits limits = {});

    // Extracts into a new staging folder beside `destination` (its parent is created if needed).
    // `executable` is the relative path of the one file allowed to keep an execute bit; it must be in
    // the archive when given.
    Result<StagedExtraction, BundleError> stage(const Source& source, const QString& destination,
                                                const QString& executable = {}) const;
    // stage() then commit(): the destination is replaced only when everything succeeded.
    Result<ExtractReport, BundleError> extract(QIODevice& archive, const QString& destination,
                                               const QString& executable = {}) const;
    Result<ExtractReport, BundleError> extract(QByteArrayView archive, const QString& destination,
                                               const QString& executable = {}) const;

    static Source deviceSource(QIODevice& device);
    static Source memorySource(QByteArrayView bytes);

    const ExtractLimits& limits() const { return m_limits; }

private:
    ExtractLimits m_limits;
};

} // namespace lethean::node
