#pragma once

#include "node/logger.h"
#include "node/payloads.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

namespace lethean::node {

// Reassembles a bundle that arrives as a chunked deploy (docs/protocol.md, "Chunked deploy"): chunks in
// order, each with its SHA-256, appended to <dir>/<transferId>.part; the whole bundle's size and SHA-256
// are checked when the last chunk lands. A transfer that goes quiet, or whose peer disconnects, is
// removed with its file, so a partial bundle is never applied and never left behind. Lives on the node
// thread; memory stays one chunk, whatever the bundle's size.
class DeployChunkReceiver : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kDefaultMaxBundleBytes = 256LL * 1024 * 1024;
    static constexpr int kMaxTransfersPerPeer = 4;
    static constexpr qint64 kMaxChunks = 100000;

    struct Outcome
    {
        enum class State
        {
            Accepted, // stored; more chunks to come
            Complete, // the last chunk: `file` holds the whole, verified bundle (the caller removes it)
            Refused   // `error` says why; the transfer is gone
        };
        State state = State::Refused;
        QString error;
        QString file;
    };

    explicit DeployChunkReceiver(QString directory, qint64 maxBundleBytes = kDefaultMaxBundleBytes,
                                 std::chrono::milliseconds idleTimeout = std::chrono::minutes(2),
                                 QObject* parent = nullptr);
    ~DeployChunkReceiver() override;

    Outcome accept(const QString& peerId, const DeployPayload& chunk);
    // The peer went away: its partial transfers are removed.
    void dropPeer(const QString& peerId);
    int activeTransfers() const { return int(m_transfers.size()); }
    const QString& directory() const { return m_directory; }

private:
    struct Transfer
    {
        QString peerId;
        QString type;
        QString name;
        QString checksum;
        qint64 total = 0;
        qint64 size = 0;
        qint64 next = 0;
        qint64 received = 0;
        std::unique_ptr<QFile> file;
        std::unique_ptr<QCryptographicHash> hash;
        QElapsedTimer idle;
    };

    Outcome refuse(const QString& key, const QString& why);
    Outcome begin(const QString& key, const QString& peerId, const DeployPayload& chunk);
    void remove(const QString& key);
    void expireIdle();

    QString m_directory;
    qint64 m_maxBundleBytes;
    std::chrono::milliseconds m_idleTimeout;
    QHash<QString, std::shared_ptr<Transfer>> m_transfers; // by "<peer>/<transferId>"
    QTimer m_sweep;
    Logger m_log;
};

} // namespace lethean::node
