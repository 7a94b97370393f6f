#include "node/controller.h"

#include "node/bundle_checksum.h"
#include "node/bundle_key.h"
#include "node/bundle_sealer.h"

#include "node/log_categories.h"
#include "node/node_identity.h"
#include "node/peer_registry.h"
#include "node/protocol.h"
#include "node/transport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QUuid>
#include <QDateTime>
#include <QTimer>
#include <QFuture>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Controller", text);
}

ControllerError error(ControllerError::Kind kind, const QString& message, qint64 code = 0)
{
    return ControllerError{kind, code, message};
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

struct Controller::Pending
{
    QString peerId;
    Message request;
    MessageType expected = MessageType::Pong;
    QPromise<ControllerResult<Message>> promise;
    QTimer timer;
    QElapsedTimer sentAt;
    bool sent = false; // on the wire (a connection closing before that is not this request's)
};

Controller::Controller(const NodeIdentity& identity, Transport& transport, PeerRegistry& registry,
                       ControllerConfig config, QObject* parent)
    : QObject(parent), m_identity(identity), m_transport(transport), m_registry(registry), m_config(config),
      m_log(lcController())
{
    m_handlerId = m_transport.addMessageHandler(
        [this](const ConnectedPeer& from, const Message& message) { onMessage(from, message); });
    // A closed connection will not bring a reply: its requests fail now, not at their timeout.
    connect(&m_transport, &Transport::peerDisconnected, this, [this](const ConnectedPeer& peer, const QString& reason) {
        const QStringList ids = m_pending.keys();
        for (const QString& id : ids) {
            const auto pending = m_pending.value(id);
            if (pending && pending->peerId == peer.id() && pending->sent) {
                complete(id,
                         fail(error(ControllerError::Kind::Unreachable,
                                    tr("connection to %1 lost before the reply: %2").arg(peer.id(), reason))),
                         Finished::Failed);
            }
        }
    });
}

Controller::~Controller()
{
    m_transport.removeMessageHandler(m_handlerId);
    shutdown();
}

void Controller::shutdown()
{
    m_shuttingDown = true;
    const QStringList ids = m_pending.keys();
    for (const QString& id : ids)
        complete(id, fail(error(ControllerError::Kind::ShuttingDown, tr("shutting down: the request was cancelled"))),
                 Finished::Failed);
}

QFuture<ControllerResult<Message>> Controller::request(const QString& peerId, MessageType type,
                                                       const QByteArray& payloadJson, MessageType expected,
                                                       std::chrono::milliseconds timeout)
{
    auto pending = std::make_shared<Pending>();
    pending->peerId = peerId;
    pending->expected = expected;
    pending->request = Message::create(type, m_identity.id(), peerId, payloadJson);
    pending->promise.start();
    QFuture<ControllerResult<Message>> future = pending->promise.future();
    const QString requestId = pending->request.id;

    if (m_shuttingDown) {
        pending->promise.addResult(fail(error(ControllerError::Kind::ShuttingDown, tr("shutting down"))));
        pending->promise.finish();
        return future;
    }
    m_pending.insert(requestId, pending);
    pending->timer.setSingleShot(true);
    connect(&pending->timer, &QTimer::timeout, this, [this, requestId, type, peerId, timeout] {
        m_log.warn(u"request timeout"_s, {{u"peer"_s, peerId},
                                          {u"type"_s, messageTypeToString(type)},
                                          {u"timeoutMs"_s, qint64(timeout.count())}});
        complete(requestId,
                 fail(error(ControllerError::Kind::Timeout,
                            tr("request timeout: no reply to %1 from %2 within %3 s")
                                .arg(messageTypeToString(type), peerId)
                                .arg(double(timeout.count()) / 1000.0))),
                 Finished::TimedOut);
    });
    pending->timer.start(timeout);
    pending->sentAt.start();

    if (m_transport.isConnected(peerId)) {
        sendPending(requestId); // the common case, without a trip through the event loop
        return future;
    }
    ensureConnected(peerId).then(this, [this, requestId](const ControllerResult<ConnectedPeer>& connected) {
        if (!m_pending.contains(requestId))
            return; // timed out or cancelled meanwhile
        if (!connected)
            complete(requestId, fail(connected.error()), Finished::Failed);
        else
            sendPending(requestId);
    });
    return future;
}

QFuture<ControllerResult<ConnectedPeer>> Controller::ensureConnected(const QString& peerId)
{
    const QList<ConnectedPeer> connected = m_transport.connectedPeers();
    for (const ConnectedPeer& peer : connected) {
        if (peer.id() == peerId)
            return QtFuture::makeReadyFuture(ControllerResult<ConnectedPeer>(peer));
    }
    // Auto-connect (Go's sendRequest): the registry's address first, then the alternates of its
    // pairing code. The caller's timeout bounds the whole attempt.
    const auto known = m_registry.peer(peerId);
    QStringList addresses;
    if (known) {
        if (!known->address.isEmpty())
            addresses.append(known->address);
        addresses.append(known->alternateAddresses);
    }
    if (addresses.isEmpty()) {
        return QtFuture::makeReadyFuture(ControllerResult<ConnectedPeer>(
            fail(error(ControllerError::Kind::Unreachable,
                       tr("peer %1 is not connected and no address is known for it").arg(peerId)))));
    }
    auto promise = std::make_shared<QPromise<ControllerResult<ConnectedPeer>>>();
    promise->start();
    auto tryNext = std::make_shared<std::function<void(int, QString)>>();
    *tryNext = [this, peerId, addresses, promise, tryNext](int index, QString lastError) {
        if (index >= addresses.size() || m_shuttingDown) {
            promise->addResult(fail(error(ControllerError::Kind::Unreachable,
                                          tr("cannot connect to %1: %2").arg(peerId, lastError))));
            promise->finish();
            *tryNext = nullptr; // break the self-reference
            return;
        }
        m_transport.connectToPeer(addresses.at(index), peerId)
            .then(this, [promise, index, tryNext](const ConnectOutcome& outcome) {
                if (outcome.ok) {
                    promise->addResult(outcome.peer);
                    promise->finish();
                    *tryNext = nullptr;
                    return;
                }
                if (*tryNext)
                    (*tryNext)(index + 1, outcome.error);
            });
    };
    (*tryNext)(0, QString());
    return promise->future();
}

void Controller::sendPending(const QString& requestId)
{
    const auto pending = m_pending.value(requestId);
    if (!pending)
        return;
    pending->sent = true;
    if (const auto sent = m_transport.send(pending->peerId, pending->request); !sent) {
        complete(requestId,
                 fail(error(ControllerError::Kind::SendFailed,
                            tr("cannot send to %1: %2").arg(pending->peerId, sent.error()))),
                 Finished::Failed);
    }
}

void Controller::onMessage(const ConnectedPeer& from, const Message& message)
{
    if (message.replyTo.isEmpty())
        return; // a request: the worker's business
    const auto pending = m_pending.value(message.replyTo);
    if (!pending) {
        forgetOldFinished();
        const auto finished = m_finished.constFind(message.replyTo);
        if (finished == m_finished.constEnd()) {
            // Keepalive pongs land here too: not worth more than a debug line.
            m_log.debug(u"reply to no request of ours dropped"_s,
                        {{u"peer"_s, from.id()}, {u"type"_s, messageTypeToString(message.type)}});
        } else if (finished->how == Finished::Delivered) {
            m_log.warn(u"duplicate reply dropped"_s, {{u"peer"_s, from.id()}, {u"replyTo"_s, message.replyTo}});
        } else {
            m_log.warn(u"late reply dropped"_s, {{u"peer"_s, from.id()},
                                                 {u"replyTo"_s, message.replyTo},
                                                 {u"type"_s, messageTypeToString(message.type)}});
        }
        return;
    }
    if (from.id() != pending->peerId) {
        m_log.warn(u"reply from the wrong peer dropped"_s,
                   {{u"expected"_s, pending->peerId}, {u"from"_s, from.id()}, {u"replyTo"_s, message.replyTo}});
        return;
    }
    if (message.type != pending->expected && message.type != MessageType::Error) {
        m_log.warn(u"reply of the wrong type dropped"_s, {{u"peer"_s, from.id()},
                                                          {u"expected"_s, messageTypeToString(pending->expected)},
                                                          {u"got"_s, messageTypeToString(message.type)}});
        return;
    }
    if (message.type == MessageType::Error) {
        const auto valid = validateResponse(&message, pending->expected);
        const ResponseError remote = valid ? ResponseError{} : valid.error();
        complete(message.replyTo,
                 fail(error(ControllerError::Kind::RemoteError, remote.toString(), remote.code)), Finished::Failed);
        return;
    }
    complete(message.replyTo, message, Finished::Delivered);
}

void Controller::complete(const QString& requestId, ControllerResult<Message> outcome, Finished how)
{
    const auto pending = m_pending.take(requestId);
    if (!pending)
        return;
    pending->timer.stop();
    m_finished.insert(requestId, {pending->peerId, how, nowMs()});
    // Score bookkeeping (WIRE.md §6.3's deltas); a peer the registry does not know has no score.
    if (m_registry.contains(pending->peerId)) {
        if (how == Finished::Delivered)
            (void)m_registry.recordSuccess(pending->peerId);
        else if (how == Finished::TimedOut)
            (void)m_registry.recordTimeout(pending->peerId);
        else if (!outcome && outcome.error().kind != ControllerError::Kind::ShuttingDown)
            (void)m_registry.recordFailure(pending->peerId);
    }
    pending->promise.addResult(std::move(outcome));
    pending->promise.finish();
}

void Controller::forgetOldFinished()
{
    const qint64 horizon = nowMs() - qint64(m_config.finishedMemory.count());
    for (auto it = m_finished.begin(); it != m_finished.end();) {
        if (it->atMs < horizon)
            it = m_finished.erase(it);
        else
            ++it;
    }
}

template <typename P>
QFuture<ControllerResult<P>> Controller::typedRequest(const QString& peerId, MessageType type,
                                                      const QByteArray& payloadJson, std::chrono::milliseconds timeout)
{
    return request(peerId, type, payloadJson, P::kType, timeout)
        .then(this, [this, peerId](const ControllerResult<Message>& reply) -> ControllerResult<P> {
            if (!reply)
                return fail(reply.error());
            auto payload = parseResponse<P>(&reply.value());
            if (!payload) {
                m_log.warn(u"invalid reply"_s, {{u"peer"_s, peerId}, {u"error"_s, payload.error().toString()}});
                return fail(error(ControllerError::Kind::InvalidReply, payload.error().toString()));
            }
            return std::move(payload).value();
        });
}

QFuture<ControllerResult<StatsPayload>> Controller::getStats(const QString& peerId)
{
    return typedRequest<StatsPayload>(peerId, MessageType::GetStats, QByteArray(), m_config.statsTimeout);
}

namespace {
// Go's StartRemoteMiner: an ack must say success, else its error is the failure.
ControllerResult<MinerAckPayload> requireSuccess(const ControllerResult<MinerAckPayload>& ack)
{
    if (!ack)
        return ack;
    if (!ack->success) {
        const QString why = ack->error.isEmpty() ? tr("the worker refused without a reason") : ack->error;
        return fail(error(ControllerError::Kind::Refused, why));
    }
    return ack;
}
} // namespace

QFuture<ControllerResult<MinerAckPayload>> Controller::startMiner(const QString& peerId, const MiningProfile& profile)
{
    if (profile.minerType.isEmpty())
        return QtFuture::makeReadyFuture(ControllerResult<MinerAckPayload>(
            fail(error(ControllerError::Kind::InvalidRequest, tr("miner type is required")))));
    StartMinerPayload payload;
    payload.minerType = profile.minerType;
    payload.profileId = profile.name;
    payload.config = profile.toJson();
    return typedRequest<MinerAckPayload>(peerId, MessageType::StartMiner, payload.toJson(), m_config.minerTimeout)
        .then(this, [](const ControllerResult<MinerAckPayload>& ack) { return requireSuccess(ack); });
}

QFuture<ControllerResult<MinerAckPayload>> Controller::startMinerProfile(const QString& peerId, const QString& minerType,
                                                                         const QString& profileName)
{
    if (minerType.isEmpty())
        return QtFuture::makeReadyFuture(ControllerResult<MinerAckPayload>(
            fail(error(ControllerError::Kind::InvalidRequest, tr("miner type is required")))));
    StartMinerPayload payload;
    payload.minerType = minerType;
    payload.profileId = profileName;
    return typedRequest<MinerAckPayload>(peerId, MessageType::StartMiner, payload.toJson(), m_config.minerTimeout)
        .then(this, [](const ControllerResult<MinerAckPayload>& ack) { return requireSuccess(ack); });
}

QFuture<ControllerResult<MinerAckPayload>> Controller::stopMiner(const QString& peerId, const QString& minerName)
{
    StopMinerPayload payload;
    payload.minerName = minerName;
    return typedRequest<MinerAckPayload>(peerId, MessageType::StopMiner, payload.toJson(), m_config.minerTimeout)
        .then(this, [](const ControllerResult<MinerAckPayload>& ack) { return requireSuccess(ack); });
}

QFuture<ControllerResult<LogsPayload>> Controller::getLogs(const QString& peerId, const QString& minerName, int lines,
                                                           qint64 sinceMs)
{
    GetLogsPayload payload;
    payload.minerName = minerName;
    payload.lines = lines;
    payload.since = sinceMs;
    return typedRequest<LogsPayload>(peerId, MessageType::GetLogs, payload.toJson(), m_config.logsTimeout);
}

QFuture<ControllerResult<double>> Controller::ping(const QString& peerId)
{
    PingPayload payload;
    payload.sentAt = nowMs();
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    return typedRequest<PongPayload>(peerId, MessageType::Ping, payload.toJson(), m_config.pingTimeout)
        .then(this, [this, peerId, started](const ControllerResult<PongPayload>& pong) -> ControllerResult<double> {
            if (!pong)
                return fail(pong.error());
            // A monotonic clock, not the wall clock Go uses: a clock step cannot make a ping negative.
            const double rttMs = double(started->nsecsElapsed()) / 1e6;
            if (const auto known = m_registry.peer(peerId))
                (void)m_registry.updateMetrics(peerId, rttMs, known->hops, known->geoKm);
            return rttMs;
        });
}

QFuture<ControllerResult<DeployAckPayload>> Controller::deploy(const QString& peerId, const DeployPayload& bundle)
{
    return typedRequest<DeployAckPayload>(peerId, MessageType::Deploy, bundle.toJson(), m_config.deployTimeout)
        .then(this, [](const ControllerResult<DeployAckPayload>& ack) -> ControllerResult<DeployAckPayload> {
            if (ack && !ack->success)
                return fail(error(ControllerError::Kind::Refused,
                                  ack->error.isEmpty() ? tr("the worker refused the bundle") : ack->error));
            return ack;
        });
}

struct Controller::ChunkedDeploy
{
    QString peerId;
    DeployPayload chunk; // the fields every chunk repeats
    QByteArray bundle;
    qint64 total = 0;
    QPromise<ControllerResult<DeployAckPayload>> promise;
};

QFuture<ControllerResult<DeployAckPayload>> Controller::deployBundle(const QString& peerId, const QString& type,
                                                                     const QString& name, const QByteArray& bundle)
{
    const QString checksum = BundleChecksum::hex(bundle);
    const qint64 size = bundle.size();
    if (size <= kSingleDeployLimit) {
        DeployPayload payload;
        payload.bundleType = type;
        payload.name = name;
        payload.data = bundle;
        payload.checksum = checksum;
        return deploy(peerId, payload).then(this, [this, peerId, name, size](const ControllerResult<DeployAckPayload>& ack) {
            if (ack)
                Q_EMIT deployProgress(peerId, name, size, size);
            return ack;
        });
    }
    auto transfer = std::make_shared<ChunkedDeploy>();
    transfer->peerId = peerId;
    transfer->bundle = bundle;
    transfer->chunk.bundleType = type;
    transfer->chunk.name = name;
    transfer->chunk.checksum = checksum;
    transfer->chunk.transferId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    transfer->chunk.size = size;
    transfer->chunk.total = (size + kChunkBytes - 1) / kChunkBytes;
    transfer->promise.start();
    auto future = transfer->promise.future();
    ensureConnected(peerId).then(this, [this, transfer](const ControllerResult<ConnectedPeer>& connected) {
        if (!connected) {
            transfer->promise.addResult(fail(connected.error()));
            transfer->promise.finish();
            return;
        }
        if (connected->protocolVersion == u"1.0"_s) {
            transfer->promise.addResult(fail(error(
                ControllerError::Kind::InvalidRequest,
                tr("the bundle is %1 KiB; a protocol 1.0 peer takes at most %2 KiB in one message, and chunked "
                   "deploys need protocol 2.0")
                    .arg(transfer->bundle.size() / 1024)
                    .arg(kSingleDeployLimit / 1024))));
            transfer->promise.finish();
            return;
        }
        sendChunk(transfer);
    });
    return future;
}

void Controller::sendChunk(const std::shared_ptr<ChunkedDeploy>& transfer)
{
    DeployPayload chunk = transfer->chunk;
    const qint64 offset = chunk.index * kChunkBytes;
    chunk.data = transfer->bundle.mid(offset, kChunkBytes);
    chunk.chunkChecksum = BundleChecksum::hex(chunk.data);
    const qint64 sent = offset + chunk.data.size();
    typedRequest<DeployAckPayload>(transfer->peerId, MessageType::Deploy, chunk.toJson(), m_config.deployTimeout)
        .then(this, [this, transfer, sent](const ControllerResult<DeployAckPayload>& ack) {
            const bool last = transfer->chunk.index + 1 >= transfer->chunk.total;
            if (!ack || !ack->success || last) {
                if (ack && !ack->success) {
                    transfer->promise.addResult(fail(error(ControllerError::Kind::Refused,
                                                           ack->error.isEmpty() ? tr("the worker refused the bundle")
                                                                                : ack->error)));
                } else {
                    if (ack)
                        Q_EMIT deployProgress(transfer->peerId, transfer->chunk.name, sent, transfer->chunk.size);
                    transfer->promise.addResult(ack);
                }
                transfer->promise.finish();
                transfer->bundle.clear();
                return;
            }
            Q_EMIT deployProgress(transfer->peerId, transfer->chunk.name, sent, transfer->chunk.size);
            transfer->chunk.index += 1;
            sendChunk(transfer);
        });
}

QFuture<QList<PeerDeployResult>> Controller::deployToMany(const QHash<QString, QByteArray>& bundleByPeer,
                                                          const QString& type, const QString& name)
{
    if (bundleByPeer.isEmpty())
        return QtFuture::makeReadyFuture(QList<PeerDeployResult>());
    QStringList peers = bundleByPeer.keys();
    peers.sort();
    QList<QFuture<PeerDeployResult>> deploys;
    for (const QString& peerId : std::as_const(peers)) {
        deploys.append(deployBundle(peerId, type, name, bundleByPeer.value(peerId))
                           .then(this, [peerId](const ControllerResult<DeployAckPayload>& ack) {
                               return PeerDeployResult{peerId, ack};
                           }));
    }
    return collect(std::move(deploys), this);
}

QFuture<QList<PeerDeployResult>> Controller::collect(QList<QFuture<PeerDeployResult>> deploys, QObject* context)
{
    return QtFuture::whenAll(deploys.begin(), deploys.end())
        .then(context, [](const QList<QFuture<PeerDeployResult>>& done) {
            QList<PeerDeployResult> results;
            for (const QFuture<PeerDeployResult>& one : done)
                results.append(one.result());
            return results;
        });
}

Result<QByteArray, ControllerError> Controller::profileBundleFor(const ConnectedPeer& peer,
                                                                 const MiningProfile& profile) const
{
    const QByteArray json = profile.toJson();
    if (peer.protocolVersion == u"1.0"_s) {
        const auto secret = m_identity.deriveSharedSecret(QByteArrayView(peer.publicKey));
        if (!secret)
            return fail(error(ControllerError::Kind::InvalidRequest,
                              tr("cannot derive the shared secret with %1").arg(peer.id())));
        auto stim = BundleSealer::stimProfile(json, secret->view());
        if (!stim)
            return fail(error(ControllerError::Kind::InvalidRequest, stim.error().message));
        return *stim;
    }
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    const auto sealed = BundleSealer::sealProfile(json, profile.name, BundleKey::sealTo(m_identity, peer.publicKey), out);
    if (!sealed)
        return fail(error(ControllerError::Kind::InvalidRequest, sealed.error().message));
    return out.data();
}

QFuture<ControllerResult<DeployAckPayload>> Controller::deployProfile(const QString& peerId,
                                                                      const MiningProfile& profile)
{
    auto promise = std::make_shared<QPromise<ControllerResult<DeployAckPayload>>>();
    promise->start();
    auto future = promise->future();
    // A promise dropped unfinished (this controller destroyed first) cancels its future.
    ensureConnected(peerId).then(this, [this, promise, profile](const ControllerResult<ConnectedPeer>& connected) {
        auto finish = [promise](const ControllerResult<DeployAckPayload>& ack) {
            promise->addResult(ack);
            promise->finish();
        };
        if (!connected)
            return finish(fail(connected.error()));
        const auto bundle = profileBundleFor(*connected, profile);
        if (!bundle)
            return finish(fail(bundle.error()));
        deployBundle(connected->id(), u"profile"_s, profile.name, *bundle).then(this, finish);
    });
    return future;
}

QFuture<QList<PeerDeployResult>> Controller::deployProfileToMany(const QStringList& peerIds,
                                                                 const MiningProfile& profile)
{
    QStringList peers = peerIds;
    peers.sort();
    peers.removeDuplicates();
    QList<QFuture<PeerDeployResult>> deploys;
    for (const QString& peerId : std::as_const(peers)) {
        deploys.append(deployProfile(peerId, profile).then(this, [peerId](const ControllerResult<DeployAckPayload>& ack) {
            return PeerDeployResult{peerId, ack};
        }));
    }
    if (deploys.isEmpty())
        return QtFuture::makeReadyFuture(QList<PeerDeployResult>());
    return collect(std::move(deploys), this);
}

QFuture<QList<PeerStatsResult>> Controller::getAllStats()
{
    QList<ConnectedPeer> peers = m_transport.connectedPeers();
    std::sort(peers.begin(), peers.end(), [](const ConnectedPeer& a, const ConnectedPeer& b) { return a.id() < b.id(); });
    if (peers.isEmpty())
        return QtFuture::makeReadyFuture(QList<PeerStatsResult>());
    QList<QFuture<PeerStatsResult>> requests;
    requests.reserve(peers.size());
    for (const ConnectedPeer& peer : std::as_const(peers)) {
        const QString id = peer.id();
        const QString name = peer.identity.name;
        requests.append(getStats(id).then(this, [id, name](const ControllerResult<StatsPayload>& stats) {
            return PeerStatsResult{id, name, stats};
        }));
    }
    return QtFuture::whenAll(requests.begin(), requests.end())
        .then(this, [](const QList<QFuture<PeerStatsResult>>& done) {
            QList<PeerStatsResult> results;
            results.reserve(done.size());
            for (const QFuture<PeerStatsResult>& one : done)
                results.append(one.result());
            return results;
        });
}

} // namespace lethean::node
