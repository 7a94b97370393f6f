#pragma once

#include <QString>
#include <QStringList>

namespace lethean::node {

// What SafeExtractor accepts. The defaults suit miner and full bundles: Go's per-file cap (100 MiB,
// WIRE.md §8.4), far more entries and bytes than a miner release has, and a compression ratio no real
// binary reaches (XMRig's tar.gz is about 3:1; a zip bomb is 1000:1).
struct ExtractLimits
{
    qint64 maxFileSize = 100LL * 1024 * 1024;
    qint64 maxTotalSize = 1024LL * 1024 * 1024;
    qint64 maxEntries = 1024;
    qsizetype maxPathBytes = 1024;     // a whole entry name, in UTF-8 bytes
    qsizetype maxComponentBytes = 255; // one path component (NAME_MAX on Linux)
    // Extracted bytes per archive byte read, checked once more than ratioGrace bytes are out.
    double maxRatio = 100.0;
    qint64 ratioGrace = 4LL * 1024 * 1024;
};

// What an extraction produced.
struct ExtractReport
{
    QStringList files;  // relative paths of the regular files, in archive order
    QString executable; // relative path of the declared executable (kept executable), empty when none
    qint64 bytes = 0;   // file bytes written
};

} // namespace lethean::node
