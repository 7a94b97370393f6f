#include "node/deploy_chunk_receiver.h"

#include "node/bundle_checksum.h"
#include "node/log_categories.h"

#include <QDir>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
// The transfer ID becomes a file name: a UUID's characters only.
bool isSafeTransferId(const QString& id)
{
    static const QRegularExpression pattern(u"^[0-9a-fA-F-]{8,64}$"_s);
    return pattern.match(id).hasMatch();
}
} // namespace

DeployChunkReceiver::DeployChunkReceiver(QString directory, qint64 maxBundleBytes, std::chrono::milliseconds idleTimeout,
                                         QObject* parent)
    : QObject(parent), m_directory(std::move(directory)), m_maxBundleBytes(maxBundleBytes), m_idleTimeout(idleTimeout),
      m_log(lcBundle())
{
    // Leftovers of a node that was killed mid-transfer: never applied, so just removed.
    QDir incoming(m_directory);
    for (const QString& stale : incoming.entryList({u"*.part"_s}, QDir::Files))
        incoming.remove(stale);
    connect(&m_sweep, &QTimer::timeout, this, &DeployChunkReceiver::expireIdle);
    m_sweep.start(std::max(std::chrono::milliseconds(50), idleTimeout / 4));
}

DeployChunkReceiver::~DeployChunkReceiver()
{
    const QStringList keys = m_transfers.keys();
    for (const QString& key : keys)
        remove(key);
}

DeployChunkReceiver::Outcome DeployChunkReceiver::refuse(const QString& key, const QString& why)
{
    if (m_transfers.contains(key)) {
        m_log.warn(u"chunked deploy abandoned"_s, {{u"transfer"_s, key}, {u"error"_s, why}});
        remove(key);
    }
    return {Outcome::State::Refused, why, {}};
}

void DeployChunkReceiver::remove(const QString& key)
{
    const auto transfer = m_transfers.take(key);
    if (transfer && transfer->file) {
        transfer->file->close();
        transfer->file->remove();
    }
}

DeployChunkReceiver::Outcome DeployChunkReceiver::begin(const QString& key, const QString& peerId,
                                                        const DeployPayload& chunk)
{
    if (chunk.size <= 0 || chunk.size > m_maxBundleBytes)
        return refuse(key, u"bundle size %1 is outside 1..%2 bytes"_s.arg(chunk.size).arg(m_maxBundleBytes));
    if (chunk.total < 1 || chunk.total > kMaxChunks || chunk.total > chunk.size)
        return refuse(key, u"invalid chunk count %1"_s.arg(chunk.total));
    int perPeer = 0;
    for (const auto& transfer : std::as_const(m_transfers))
        perPeer += transfer->peerId == peerId ? 1 : 0;
    if (perPeer >= kMaxTransfersPerPeer)
        return refuse(key, u"too many transfers in progress from this peer"_s);
    if (!QDir().mkpath(m_directory))
        return refuse(key, u"cannot create %1"_s.arg(m_directory));
    auto transfer = std::make_shared<Transfer>();
    transfer->peerId = peerId;
    transfer->type = chunk.bundleType;
    transfer->name = chunk.name;
    transfer->checksum = chunk.checksum;
    transfer->total = chunk.total;
    transfer->size = chunk.size;
    transfer->file = std::make_unique<QFile>(QDir(m_directory).filePath(chunk.transferId + u".part"_s));
    transfer->hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
    if (!transfer->file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return refuse(key, u"cannot write %1: %2"_s.arg(transfer->file->fileName(), transfer->file->errorString()));
    transfer->file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    transfer->idle.start();
    m_transfers.insert(key, transfer);
    m_log.info(u"chunked deploy started"_s, {{u"peer"_s, peerId}, {u"name"_s, chunk.name}, {u"bytes"_s, chunk.size},
                                             {u"chunks"_s, chunk.total}});
    return {Outcome::State::Accepted, {}, {}};
}

DeployChunkReceiver::Outcome DeployChunkReceiver::accept(const QString& peerId, const DeployPayload& chunk)
{
    if (!isSafeTransferId(chunk.transferId))
        return {Outcome::State::Refused, u"invalid transfer id"_s, {}};
    const QString key = peerId + u'/' + chunk.transferId;
    if (!m_transfers.contains(key)) {
        if (chunk.index != 0)
            return {Outcome::State::Refused, u"unknown transfer %1 (expired, or chunk 0 never came)"_s.arg(chunk.transferId), {}};
        if (const Outcome started = begin(key, peerId, chunk); started.state == Outcome::State::Refused)
            return started;
    }
    const auto transfer = m_transfers.value(key);
    if (chunk.index != transfer->next)
        return refuse(key, u"chunk %1 arrived where chunk %2 was expected"_s.arg(chunk.index).arg(transfer->next));
    if (chunk.total != transfer->total || chunk.size != transfer->size || chunk.checksum != transfer->checksum ||
        chunk.name != transfer->name || chunk.bundleType != transfer->type)
        return refuse(key, u"chunk %1 does not belong to the transfer it names"_s.arg(chunk.index));
    if (BundleChecksum::hex(chunk.data) != chunk.chunkChecksum)
        return refuse(key, u"chunk %1 checksum mismatch"_s.arg(chunk.index));
    if (transfer->received + chunk.data.size() > transfer->size)
        return refuse(key, u"more bytes than the announced %1"_s.arg(transfer->size));
    if (transfer->file->write(chunk.data) != chunk.data.size())
        return refuse(key, u"cannot write the chunk: %1"_s.arg(transfer->file->errorString()));
    transfer->hash->addData(chunk.data);
    transfer->received += chunk.data.size();
    transfer->next += 1;
    transfer->idle.restart();
    if (transfer->next < transfer->total)
        return {Outcome::State::Accepted, {}, {}};

    if (transfer->received != transfer->size)
        return refuse(key, u"%1 bytes arrived, %2 were announced"_s.arg(transfer->received).arg(transfer->size));
    if (QString::fromLatin1(transfer->hash->result().toHex()) != transfer->checksum)
        return refuse(key, u"checksum mismatch: the bundle was altered or truncated"_s);
    if (!transfer->file->flush())
        return refuse(key, u"cannot write the bundle: %1"_s.arg(transfer->file->errorString()));
    transfer->file->close();
    const QString file = transfer->file->fileName();
    transfer->file.reset(); // the caller owns the file now
    m_transfers.remove(key);
    return {Outcome::State::Complete, {}, file};
}

void DeployChunkReceiver::dropPeer(const QString& peerId)
{
    const QStringList keys = m_transfers.keys();
    for (const QString& key : keys) {
        if (m_transfers.value(key)->peerId == peerId) {
            m_log.info(u"chunked deploy dropped: peer disconnected"_s, {{u"transfer"_s, key}});
            remove(key);
        }
    }
}

void DeployChunkReceiver::expireIdle()
{
    const QStringList keys = m_transfers.keys();
    for (const QString& key : keys) {
        if (m_transfers.value(key)->idle.elapsed() > m_idleTimeout.count()) {
            m_log.warn(u"chunked deploy expired: no chunk for too long"_s, {{u"transfer"_s, key}});
            remove(key);
        }
    }
}

} // namespace lethean::node
