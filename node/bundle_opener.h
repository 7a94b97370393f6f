#pragma once

#include "node/bundle_error.h"
#include "node/bundle_type.h"
#include "node/extract_limits.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>
#include <QStringView>

namespace lethean::node {

class BundleKey;

// What opening a bundle gave.
struct OpenedBundle
{
    enum class Format
    {
        Sealed,   // ours (protocol 2.0 peers, files on disk)
        Stim,     // Borg's STIM from a go-p2p controller (protocol 1.0)
        PlainJson // go-p2p's unencrypted profile shortcut (protocol 1.0)
    };

    Format format = Format::Sealed;
    BundleType type = BundleType::Profile;
    QString name;
    QByteArray senderPublicKey; // ours, sealed to a key: who sealed it (authenticated); else empty
    QByteArray profile;         // the profile JSON (profile bundles; the TIM config of STIM miner bundles)
    QString destination;        // where the files went (miner and full bundles), empty otherwise
    ExtractReport files;        // what was extracted; files.executable is relative to destination
    QString checksum;           // lowercase hex SHA-256 (of the content for ours, of the STIM bytes for 1.0)

    // The miner binary's absolute path, or empty.
    QString executablePath() const
    {
        return files.executable.isEmpty() ? QString() : destination + u'/' + files.executable;
    }
};

// The one way into a bundle, shared by the worker (deploys) and `lethean-node bundle open`: verify,
// decrypt, extract safely. Profile bundles come back as JSON and write nothing; miner and full bundles
// are extracted into `destination`, which is replaced as a whole and only once every check passed (the
// previous version stays intact on any failure). Blocking: run it off the GUI thread.
class BundleOpener
{
public:
    static constexpr qint64 kMaxProfileSize = 1024 * 1024;

    explicit BundleOpener(ExtractLimits limits = {});

    // Our format, opened with our identity (BundleKey::openAs) or a passphrase.
    Result<OpenedBundle, BundleError> open(QIODevice& bundle, const BundleKey& key,
                                           const QString& destination) const;
    Result<OpenedBundle, BundleError> open(QByteArrayView bundle, const BundleKey& key,
                                           const QString& destination) const;
    Result<OpenedBundle, BundleError> openFile(const QString& path, const BundleKey& key,
                                               const QString& destination) const;

    // A protocol 1.0 deploy (WIRE.md §8.4), with the connection's shared secret: the checksum is
    // compared first (Go's order, case-sensitive), then the STIM is decrypted with
    // SHA-256(base64(secret)). A profile may be Go's plain JSON instead. Miner and full bundles have
    // their rootfs extracted; as Go's files all arrive 0600, the one file of a miner bundle (Go's
    // CreateMinerBundle puts exactly the binary there) is made executable, nothing else is.
    Result<OpenedBundle, BundleError> openStim(BundleType type, const QString& name, QByteArrayView data,
                                               QStringView checksum, QByteArrayView sharedSecret,
                                               const QString& destination) const;

private:
    ExtractLimits m_limits;
};

} // namespace lethean::node
