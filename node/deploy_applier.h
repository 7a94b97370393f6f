#pragma once

#include "node/connected_peer.h"
#include "node/logger.h"
#include "node/payloads.h"
#include "node/worker.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

namespace lethean::node {

class NodeIdentity;
class ProfileManager;

// What the worker does with a deployed bundle (its BundleHandler): opens it off the node thread with
// the code `lethean-node bundle open` uses (BundleOpener: verify, decrypt, extract safely), checks that
// a bundle of ours was sealed by the very peer that sent it, then applies it — a profile through the
// ProfileManager, a miner or full bundle installed under <minersDir>/<name> (replaced as a whole only
// when complete). A 1.0 peer's STIM opens with that connection's shared secret (WIRE.md §8.3).
class DeployApplier : public QObject
{
    Q_OBJECT

public:
    // identity and profiles must outlive the applier.
    DeployApplier(const NodeIdentity& identity, ProfileManager& profiles, QString minersDir, QObject* parent = nullptr);
    // Waits for a bundle being opened (it reads the identity, which must outlive that work).
    ~DeployApplier() override;

    QFuture<DeployAckPayload> apply(const ConnectedPeer& from, const Worker::IncomingBundle& bundle);

Q_SIGNALS:
    // A miner binary arrived and is ready to run (for the GUI and the miner settings).
    void minerInstalled(const QString& name, const QString& executablePath);

private:
    const NodeIdentity& m_identity;
    ProfileManager& m_profiles;
    QString m_minersDir;
    Logger m_log;
    QThreadPool m_pool; // its own, so the destructor can wait for exactly this work
};

} // namespace lethean::node
