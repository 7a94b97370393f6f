#pragma once

#include "node/bundle_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>

struct archive;

namespace lethean::node {

// Writes a tar archive of regular files to a QIODevice through libarchive, in the form Go's
// archive/tar gives (WIRE.md §8.3): ustar headers, PAX extended headers only where ustar cannot hold a
// name or size, no directory entries, 1024 zero bytes at the end and no further block padding (an empty
// archive is exactly those 1024 bytes). Streams: a file's bytes go from its source to the device in
// 64 KiB pieces, so a 100 MiB miner binary is never held in memory.
class TarWriter
{
public:
    static constexpr int kStimFileMode = 0600; // Borg's DataNode writes every file 0600

    explicit TarWriter(QIODevice& out);
    ~TarWriter();
    TarWriter(const TarWriter&) = delete;
    TarWriter& operator=(const TarWriter&) = delete;

    // `path` is relative with '/' separators; `mode` the permission bits; `mtime` Unix seconds.
    Result<void, BundleError> addFile(const QString& path, QByteArrayView data, int mode, qint64 mtime);
    Result<void, BundleError> addFile(const QString& path, QIODevice& source, qint64 size, int mode,
                                      qint64 mtime);
    // Writes the end-of-archive blocks. The archive is incomplete until this succeeds.
    Result<void, BundleError> finish();

private:
    Result<void, BundleError> start();
    Result<void, BundleError> writeHeader(const QString& path, qint64 size, int mode, qint64 mtime);
    BundleError archiveError(const QString& what) const;

    QIODevice& m_out;
    archive* m_archive = nullptr;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace lethean::node
