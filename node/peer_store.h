#pragma once

#include "node/peer.h"
#include "node/peer_auth_mode.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace lethean::node {

// The registry's three files and their formats (docs/registry.md), as pure functions of bytes plus the
// few file operations the registry needs. No state: the registry decides when to read and write.
//
//   peers.json                   go-p2p's format (WIRE.md §6.1): a JSON array of peers, 2-space indent
//   peers.json.allowlist.json    go-p2p's sidecar (WIRE.md §6.2): a sorted JSON array of base64 keys
//   peers.json.settings.json     ours: {"authMode": "allowlist" | "open"} (Go does not persist the mode)
class PeerStore
{
public:
    // What a file held. `problems` lists what was wrong, one sentence each; `unreadable` means nothing
    // at all could be used (not JSON, wrong type). Entries that were fine are in the value either way.
    struct Peers
    {
        QList<Peer> peers;
        QStringList problems;
        bool unreadable = false;
    };
    struct Allowlist
    {
        QList<QByteArray> keys; // 32 raw bytes each, sorted by their base64 text, no duplicates
        QStringList problems;
        bool unreadable = false;
    };
    struct Settings
    {
        std::optional<PeerAuthMode> authMode;
        QStringList problems;
        bool unreadable = false;
    };

    // Larger files are refused unread (a 100,000-peer registry is about 45 MB).
    static constexpr qint64 kMaxFileSize = 256 * 1024 * 1024;

    static QString allowlistPathFor(const QString& peersPath)
    {
        return peersPath + QStringLiteral(".allowlist.json");
    }
    static QString settingsPathFor(const QString& peersPath)
    {
        return peersPath + QStringLiteral(".settings.json");
    }

    // As go-p2p writes it (json.MarshalIndent, two spaces, HTML-safe escaping, no trailing newline); an
    // empty list is `null`, as Go writes an empty registry. Our extra keys follow Go's, only when set.
    // The caller orders the peers (the registry sorts them by ID).
    static QByteArray serializePeers(const QList<Peer>& peers);
    // The same, from pointers (the registry saves without copying its peers).
    static QByteArray serializePeerPointers(const QList<const Peer*>& peers);
    // Accepts what Go accepts (`null`, missing keys read as zero values, keys matched case-insensitively)
    // and more: an invalid entry is reported and skipped instead of failing the whole file. A repeated ID
    // keeps the later entry, as Go's map does.
    static Peers parsePeers(QByteArrayView json);

    static QByteArray serializeAllowlist(const QList<QByteArray>& keys);
    static Allowlist parseAllowlist(QByteArrayView json);

    static QByteArray serializeSettings(PeerAuthMode mode);
    static Settings parseSettings(QByteArrayView json);

    // The file's bytes; nullopt when it does not exist. Refuses a file over kMaxFileSize.
    static Result<std::optional<QByteArray>, QString> readFile(const QString& path);
    // QSaveFile: a temporary file in the same directory, flushed to disk, renamed over `path`; a crash at
    // any moment leaves the old file or the new one. Creates the directory when missing.
    static Result<void, QString> writeAtomically(const QString& path, const QByteArray& data);
    // Renames a bad file to "<path>.corrupt-<UTC yyyyMMddTHHmmss.zzzZ>" so it is neither used nor
    // overwritten; returns the new path.
    static Result<QString, QString> keepAside(const QString& path);
};

} // namespace lethean::node
