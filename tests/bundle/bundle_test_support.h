#pragma once

// Helpers shared by the bundle suites: go-vectors.json, fixed identities, and tar/tar.gz archives built
// with libarchive in the test itself, including hostile ones no honest tool writes.

#include "node/go_time.h"
#include "node/node_identity.h"
#include "node/node_role.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace bundle_test {

using namespace Qt::StringLiterals;

inline QJsonObject goVectors()
{
    QFile file(qEnvironmentVariable("LETHEAN_SHARED_DIR") + u"/spec/go-vectors.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// go-vectors.json's identity_a / identity_b keys, or any other 32-byte hex key.
inline lethean::node::NodeIdentity identity(const char* privateKeyHex, const QString& name)
{
    auto made = lethean::node::NodeIdentity::fromPrivateKey(QByteArray::fromHex(privateKeyHex), name,
                                                            lethean::node::NodeRole::Dual,
                                                            lethean::node::GoTime::fromUnix(1767225600, 0));
    if (!made)
        qFatal("test identity: %s", qPrintable(made.error().message));
    return std::move(*made);
}
inline constexpr const char* kAlicePrivate =
    "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
inline constexpr const char* kBobPrivate = "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40";
inline constexpr const char* kMalloryPrivate =
    "4142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60";

// Writes a tar (pax, or plain ustar for raw-byte names) optionally gzip-compressed, into memory.
class ArchiveBuilder
{
public:
    enum class Format
    {
        Pax,
        Ustar
    };

    explicit ArchiveBuilder(bool gzip = false, Format format = Format::Pax) : m_archive(archive_write_new())
    {
        if (format == Format::Pax)
            archive_write_set_format_pax_restricted(m_archive);
        else
            archive_write_set_format_ustar(m_archive);
        if (gzip)
            archive_write_add_filter_gzip(m_archive);
        archive_write_set_bytes_per_block(m_archive, 0);
        archive_write_open(m_archive, &m_out, nullptr, &ArchiveBuilder::write, nullptr);
    }
    ~ArchiveBuilder()
    {
        if (m_archive)
            archive_write_free(m_archive);
    }
    ArchiveBuilder(const ArchiveBuilder&) = delete;
    ArchiveBuilder& operator=(const ArchiveBuilder&) = delete;

    ArchiveBuilder& file(const QByteArray& name, const QByteArray& data, int perm = 0644)
    {
        archive_entry* entry = newEntry(name, AE_IFREG, perm);
        archive_entry_set_size(entry, data.size());
        archive_write_header(m_archive, entry);
        archive_write_data(m_archive, data.constData(), static_cast<size_t>(data.size()));
        archive_entry_free(entry);
        return *this;
    }
    // A file of `size` zero bytes, streamed (compresses to almost nothing under gzip).
    ArchiveBuilder& zeros(const QByteArray& name, qint64 size)
    {
        archive_entry* entry = newEntry(name, AE_IFREG, 0644);
        archive_entry_set_size(entry, size);
        archive_write_header(m_archive, entry);
        const QByteArray block(1024 * 1024, '\0');
        for (qint64 left = size; left > 0; left -= block.size())
            archive_write_data(m_archive, block.constData(),
                               static_cast<size_t>(std::min<qint64>(left, block.size())));
        archive_entry_free(entry);
        return *this;
    }
    ArchiveBuilder& directory(const QByteArray& name)
    {
        archive_entry* entry = newEntry(name, AE_IFDIR, 0755);
        archive_write_header(m_archive, entry);
        archive_entry_free(entry);
        return *this;
    }
    ArchiveBuilder& symlink(const QByteArray& name, const QByteArray& target)
    {
        archive_entry* entry = newEntry(name, AE_IFLNK, 0777);
        archive_entry_set_symlink(entry, target.constData());
        archive_write_header(m_archive, entry);
        archive_entry_free(entry);
        return *this;
    }
    ArchiveBuilder& hardlink(const QByteArray& name, const QByteArray& target)
    {
        archive_entry* entry = newEntry(name, AE_IFREG, 0644);
        archive_entry_set_hardlink(entry, target.constData());
        archive_entry_set_size(entry, 0);
        archive_write_header(m_archive, entry);
        archive_entry_free(entry);
        return *this;
    }
    ArchiveBuilder& special(const QByteArray& name, unsigned int type)
    {
        archive_entry* entry = newEntry(name, type, 0644);
        archive_entry_set_rdevmajor(entry, 1);
        archive_entry_set_rdevminor(entry, 3);
        archive_write_header(m_archive, entry);
        archive_entry_free(entry);
        return *this;
    }

    QByteArray finish()
    {
        archive_write_close(m_archive);
        archive_write_free(m_archive);
        m_archive = nullptr;
        return m_out;
    }

private:
    archive_entry* newEntry(const QByteArray& name, unsigned int type, int perm)
    {
        archive_entry* entry = archive_entry_new();
        archive_entry_copy_pathname(entry, name.constData());
        archive_entry_set_filetype(entry, type);
        archive_entry_set_perm(entry, static_cast<__LA_MODE_T>(perm));
        archive_entry_set_mtime(entry, 1767225600, 0);
        return entry;
    }
    static la_ssize_t write(archive*, void* out, const void* buffer, size_t length)
    {
        static_cast<QByteArray*>(out)->append(static_cast<const char*>(buffer),
                                              static_cast<qsizetype>(length));
        return static_cast<la_ssize_t>(length);
    }

    archive* m_archive;
    QByteArray m_out;
};

// Every path under `root`, relative, sorted; hidden entries included, symlinks not followed.
inline QStringList tree(const QString& root)
{
    QStringList paths;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        paths.append(QDir(root).relativeFilePath(it.next()));
    paths.sort();
    return paths;
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace bundle_test
