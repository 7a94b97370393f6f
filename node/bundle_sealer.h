#pragma once

#include "node/bundle_error.h"
#include "node/bundle_header.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QList>
#include <QString>

namespace lethean::node {

class BundleKey;

// One file of a miner or full bundle: where it goes inside the bundle, and where it is on disk.
struct BundleFile
{
    QString path;   // relative, '/'-separated
    QString source; // a readable regular file
};

// Builds bundles from files, in our format (sealed to a node or with a passphrase) or as Borg's STIM
// for protocol 1.0 peers. Miner and full bundles are tarred into a temporary file and sealed from
// there, so even a 100 MiB miner never sits in memory. Blocking: run it off the GUI thread.
class BundleSealer
{
public:
    // A profile bundle: `profileJson` must be a JSON object (at most 1 MiB).
    static Result<BundleHeader, BundleError> sealProfile(QByteArrayView profileJson, const QString& name,
                                                         const BundleKey& key, QIODevice& out);
    // A miner bundle: the binary (stored under its file name, kept executable on the other side) and
    // extra files such as its config.
    static Result<BundleHeader, BundleError> sealMiner(const QString& binaryPath,
                                                       const QList<BundleFile>& extraFiles,
                                                       const QString& name, const BundleKey& key,
                                                       QIODevice& out);
    // A full bundle: several files.
    static Result<BundleHeader, BundleError> sealFull(const QList<BundleFile>& files, const QString& name,
                                                      const BundleKey& key, QIODevice& out);

    // STIM (WIRE.md §8.3) with the connection's shared secret. A profile: config = the JSON, empty
    // rootfs. A miner: rootfs = the binary under its file name, config = the profile or Borg's default.
    // Full: rootfs = the files. The caller puts the bytes and BundleChecksum::hex() of them in the deploy.
    static Result<QByteArray, BundleError> stimProfile(QByteArrayView profileJson,
                                                       QByteArrayView sharedSecret);
    static Result<QByteArray, BundleError> stimMiner(const QString& binaryPath, QByteArrayView profileJson,
                                                     QByteArrayView sharedSecret);
    static Result<QByteArray, BundleError> stimFull(const QList<BundleFile>& files,
                                                    QByteArrayView profileJson, QByteArrayView sharedSecret);

    // The files of a miner bundle: the binary under its file name first, then the extras.
    static QList<BundleFile> minerFiles(const QString& binaryPath, const QList<BundleFile>& extraFiles);
};

} // namespace lethean::node
