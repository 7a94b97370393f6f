// libFuzzer target for safe extraction (node/safe_extractor): arbitrary bytes as a tar or tar.gz,
// extracted into a temporary folder. abort() when anything appears outside the destination, when a
// staging folder is left behind, when the destination holds anything but plain files and folders,
// or when a failed extraction changed the previous version.

#include "node/safe_extractor.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace lethean::node;
using namespace Qt::StringLiterals;

extern "C" const char* __ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QTemporaryDir base;
    check(base.isValid());
    const QString parent = base.filePath(u"miners"_s);
    const QString dest = parent + u"/dest"_s;
    const QString outside = base.filePath(u"outside"_s);
    check(QDir().mkpath(dest) && QDir().mkpath(outside));
    QFile previous(dest + u"/previous"_s);
    check(previous.open(QIODevice::WriteOnly) && previous.write("v1") == 2);
    previous.close();

    ExtractLimits limits; // small, so one input stays fast; the logic is the same
    limits.maxFileSize = 1 << 20;
    limits.maxTotalSize = 4 << 20;
    limits.maxEntries = 500;
    limits.ratioGrace = 256 * 1024;
    const SafeExtractor extractor(limits);
    const auto result =
        extractor.extract(QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)), dest,
                          size > 0 && data[0] == 0 ? u"xmrig"_s : QString());

    check(entries(base.path()) == (QStringList{u"miners"_s, u"outside"_s}));
    check(entries(parent) == QStringList{u"dest"_s}); // no staging or old version left
    check(entries(outside).isEmpty());
    if (!result) {
        check(!result.error().message.isEmpty());
        check(entries(dest) == QStringList{u"previous"_s});
        return 0;
    }
    const QString prefix = QFileInfo(dest).canonicalFilePath() + u'/';
    QDirIterator it(dest, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        check(!info.isSymLink() && (info.isFile() || info.isDir()));
        check(info.canonicalFilePath().startsWith(prefix));
        if (info.isFile()) {
            check(info.size() <= limits.maxFileSize);
            const bool executable =
                info.permissions() & (QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
            check(!executable || info.filePath() == dest + u"/xmrig"_s);
        }
    }
    return 0;
}
