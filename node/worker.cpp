#include "node/worker.h"

#include "node/bundle_checksum.h"

#include "node/log_categories.h"
#include "node/miner_manager.h"
#include "node/node_identity.h"
#include "node/profile_manager.h"
#include "node/transport.h"

#include <QFile>
#include <QFileInfo>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
bool isReplyType(MessageType type)
{
    switch (type) {
    case MessageType::Pong:
    case MessageType::Stats:
    case MessageType::MinerAck:
    case MessageType::Logs:
    case MessageType::DeployAck:
    case MessageType::Error:
        return true;
    default:
        return false;
    }
}
} // namespace

Worker::Worker(const NodeIdentity& identity, Transport& transport, MinerManager* miners, ProfileManager* profiles,
               AuditLog* audit, QObject* parent)
    : QObject(parent), m_identity(identity), m_transport(transport), m_miners(miners), m_profiles(profiles),
      m_audit(audit), m_log(lcWorker())
{
    m_started.start();
    m_handlerId = m_transport.addMessageHandler(
        [this](const ConnectedPeer& from, const Message& message) { onMessage(from, message); });
}

Worker::~Worker()
{
    m_transport.removeMessageHandler(m_handlerId);
}

void Worker::onMessage(const ConnectedPeer& from, const Message& message)
{
    switch (message.type) {
    case MessageType::Ping:
        return handlePing(from, message);
    case MessageType::GetStats:
        return handleGetStats(from, message);
    case MessageType::StartMiner:
        return handleStartMiner(from, message);
    case MessageType::StopMiner:
        return handleStopMiner(from, message);
    case MessageType::GetLogs:
        return handleGetLogs(from, message);
    case MessageType::Deploy:
        return handleDeploy(from, message);
    case MessageType::Handshake:
    case MessageType::HandshakeAck:
    case MessageType::Disconnect:
        return; // the transport's
    default:
        break;
    }
    if (isReplyType(message.type))
        return; // a reply (to our controller, or a keepalive pong): not ours to answer
    replyError(from, message, ErrorCode::InvalidMessage,
               u"Worker: unsupported request type: %1"_s.arg(messageTypeToString(message.type)));
}

void Worker::reply(const ConnectedPeer& to, Message message)
{
    message.from = m_identity.id();
    message.to = to.id();
    if (const auto sent = m_transport.send(to.id(), message); !sent)
        m_log.warn(u"cannot send the reply"_s, {{u"peer"_s, to.id()}, {u"type"_s, messageTypeToString(message.type)},
                                                {u"error"_s, sent.error()}});
}

void Worker::replyError(const ConnectedPeer& to, const Message& request, ErrorCode code, const QString& text)
{
    m_log.info(u"request failed"_s, {{u"peer"_s, to.id()}, {u"type"_s, messageTypeToString(request.type)},
                                     {u"error"_s, text}});
    reply(to, Message::error(m_identity.id(), to.id(), code, text, request.id));
}

void Worker::audit(bool accepted, const QString& action, const ConnectedPeer& from, const QString& detail)
{
    const QString outcome = accepted ? u"accepted"_s : u"refused"_s;
    if (m_audit)
        m_audit->record(outcome, action, from.id(), from.identity.name, detail);
    m_log.info(u"remote action "_s + outcome, {{u"action"_s, action}, {u"peer"_s, from.id()}, {u"detail"_s, detail}});
    Q_EMIT remoteAction(outcome, action, from.id(), detail);
}

bool Worker::mayControl(const ConnectedPeer& from, const Message& request, const QString& action)
{
    if (from.identity.role != NodeRole::Worker)
        return true;
    const QString why = u"peer %1 is a worker and may not control this node"_s.arg(from.id());
    audit(false, action, from, why);
    replyError(from, request, ErrorCode::Unauthorized, why);
    return false;
}

void Worker::handlePing(const ConnectedPeer& from, const Message& request)
{
    const auto ping = parsePayload<PingPayload>(request);
    if (!ping)
        return replyError(from, request, ErrorCode::OperationFailed,
                          u"Worker.handlePing: invalid ping payload: "_s + ping.error().message);
    PongPayload pong;
    pong.sentAt = ping->sentAt;
    pong.receivedAt = QDateTime::currentMSecsSinceEpoch();
    reply(from, request.reply(pong));
}

StatsPayload Worker::localStats() const
{
    StatsPayload stats;
    stats.nodeId = m_identity.id();
    stats.nodeName = m_identity.name();
    if (m_miners)
        stats.miners = m_miners->stats();
    stats.uptime = uptimeSeconds();
    return stats;
}

void Worker::handleGetStats(const ConnectedPeer& from, const Message& request)
{
    reply(from, request.reply(localStats()));
}

void Worker::handleStartMiner(const ConnectedPeer& from, const Message& request)
{
    const QString action = u"start_miner"_s;
    if (!mayControl(from, request, action))
        return;
    if (!m_miners)
        return replyError(from, request, ErrorCode::OperationFailed, u"node: miner manager not configured"_s);
    const auto payload = parsePayload<StartMinerPayload>(request);
    if (!payload) {
        audit(false, action, from, u"invalid payload"_s);
        return replyError(from, request, ErrorCode::OperationFailed,
                          u"Worker.handleStartMiner: invalid start miner payload: "_s + payload.error().message);
    }
    if (payload->minerType.isEmpty()) {
        audit(false, action, from, u"no miner type"_s);
        return replyError(from, request, ErrorCode::OperationFailed, u"Worker.handleStartMiner: miner type is required"_s);
    }
    MiningProfile profile;
    if (!payload->config.isEmpty() && payload->config != "null") {
        auto parsed = MiningProfile::fromJson(payload->config);
        if (!parsed) {
            audit(false, action, from, parsed.error());
            return replyError(from, request, ErrorCode::OperationFailed,
                              u"Worker.handleStartMiner: invalid config: "_s + parsed.error());
        }
        profile = std::move(parsed).value();
        if (profile.name.isEmpty())
            profile.name = payload->profileId.isEmpty() ? payload->minerType : payload->profileId;
    } else if (!payload->profileId.isEmpty()) {
        const auto stored = m_profiles ? m_profiles->profile(payload->profileId) : std::nullopt;
        if (!m_profiles)
            return replyError(from, request, ErrorCode::OperationFailed,
                              u"Worker.handleStartMiner: no config provided and no profile manager configured"_s);
        if (!stored) {
            audit(false, action, from, u"profile not found: "_s + payload->profileId);
            return replyError(from, request, ErrorCode::NotFound,
                              u"Worker.handleStartMiner: profile not found: "_s + payload->profileId);
        }
        profile = *stored;
    } else {
        audit(false, action, from, u"no profile"_s);
        return replyError(from, request, ErrorCode::OperationFailed,
                          u"Worker.handleStartMiner: no config or profile given"_s);
    }
    profile.minerType = payload->minerType; // the request's type wins, as in Go's StartMiner(type, config)
    if (const auto errors = profile.validate(); !errors.isEmpty()) {
        const QString why = MiningProfile::describe(errors);
        audit(false, action, from, u"profile=%1 invalid: %2"_s.arg(profile.name, why));
        MinerAckPayload ack;
        ack.error = u"invalid profile: "_s + why;
        return reply(from, request.reply(ack));
    }
    const QString detail = u"profile=%1 type=%2 pool=%3"_s.arg(profile.name, profile.minerType, profile.pool);
    m_miners->startMiner(profile).then(this, [this, from, request, detail, action](const MinerActionOutcome& outcome) {
        audit(outcome.ok, action, from, outcome.ok ? detail : detail + u" failed: "_s + outcome.error);
        MinerAckPayload ack;
        ack.success = outcome.ok;
        ack.minerName = outcome.minerName;
        ack.error = outcome.error;
        reply(from, request.reply(ack));
    });
}

void Worker::handleStopMiner(const ConnectedPeer& from, const Message& request)
{
    const QString action = u"stop_miner"_s;
    if (!mayControl(from, request, action))
        return;
    if (!m_miners)
        return replyError(from, request, ErrorCode::OperationFailed, u"node: miner manager not configured"_s);
    const auto payload = parsePayload<StopMinerPayload>(request);
    if (!payload) {
        audit(false, action, from, u"invalid payload"_s);
        return replyError(from, request, ErrorCode::OperationFailed,
                          u"Worker.handleStopMiner: invalid stop miner payload: "_s + payload.error().message);
    }
    const QString name = payload->minerName;
    m_miners->stopMiner(name).then(this, [this, from, request, name, action](const MinerActionOutcome& outcome) {
        audit(outcome.ok, action, from, outcome.ok ? u"miner="_s + name : u"miner=%1 failed: %2"_s.arg(name, outcome.error));
        MinerAckPayload ack;
        ack.success = outcome.ok;
        ack.minerName = name; // echoed, as Go does
        ack.error = outcome.error;
        reply(from, request.reply(ack));
    });
}

void Worker::handleGetLogs(const ConnectedPeer& from, const Message& request)
{
    const auto payload = parsePayload<GetLogsPayload>(request);
    if (!payload)
        return replyError(from, request, ErrorCode::OperationFailed,
                          u"Worker.handleGetLogs: invalid get logs payload: "_s + payload.error().message);
    const qint64 lines = (payload->lines <= 0 || payload->lines > kMaxLogLines) ? kMaxLogLines : payload->lines;
    LogsPayload logs;
    logs.minerName = payload->minerName;
    if (payload->minerName == AuditLog::kLogName && m_audit) {
        logs.lines = m_audit->tail(int(lines), payload->since);
        logs.hasMore = logs.lines.size() >= lines;
        return reply(from, request.reply(logs));
    }
    if (!m_miners)
        return replyError(from, request, ErrorCode::OperationFailed, u"node: miner manager not configured"_s);
    const auto slice = m_miners->logs(payload->minerName, int(lines), payload->since);
    if (!slice)
        return replyError(from, request, ErrorCode::NotFound,
                          u"Worker.handleGetLogs: miner not found: "_s + payload->minerName);
    logs.lines = slice->lines;
    logs.hasMore = slice->hasMore;
    reply(from, request.reply(logs));
}

void Worker::setIncomingDirectory(const QString& directory)
{
    m_chunks = std::make_unique<DeployChunkReceiver>(directory);
    connect(&m_transport, &Transport::peerDisconnected, m_chunks.get(),
            [chunks = m_chunks.get()](const ConnectedPeer& peer) { chunks->dropPeer(peer.id()); });
}

void Worker::handleDeploy(const ConnectedPeer& from, const Message& request)
{
    const QString action = u"deploy"_s;
    if (!mayControl(from, request, action))
        return;
    const auto payload = parsePayload<DeployPayload>(request);
    if (!payload) {
        audit(false, action, from, u"invalid payload"_s);
        return replyError(from, request, ErrorCode::OperationFailed,
                          u"Worker.handleDeploy: invalid deploy payload: "_s + payload.error().message);
    }
    if (!payload->transferId.isEmpty())
        return handleDeployChunk(from, request, *payload);
    // The checksum before anything else (WIRE.md §8.2), compared case-sensitively as Go does.
    const QString checksum =
        BundleChecksum::hex(payload->data);
    if (checksum != payload->checksum) {
        const QString why = u"checksum mismatch: the bundle was altered or truncated"_s;
        audit(false, action, from, u"type=%1 name=%2: %3"_s.arg(payload->bundleType, payload->name, why));
        DeployAckPayload ack;
        ack.name = payload->name;
        ack.error = why;
        return reply(from, request.reply(ack));
    }
    applyBundle(from, request, {payload->bundleType, payload->name, payload->checksum, payload->data, {}});
}

void Worker::handleDeployChunk(const ConnectedPeer& from, const Message& request, const DeployPayload& chunk)
{
    DeployAckPayload ack;
    ack.name = chunk.name;
    if (!m_chunks) {
        ack.error = u"Worker.handleDeploy: this node does not accept chunked deploys"_s;
        return reply(from, request.reply(ack));
    }
    const DeployChunkReceiver::Outcome outcome = m_chunks->accept(from.id(), chunk);
    switch (outcome.state) {
    case DeployChunkReceiver::Outcome::State::Accepted:
        ack.success = true; // this chunk is stored; the last chunk's ack carries the result
        return reply(from, request.reply(ack));
    case DeployChunkReceiver::Outcome::State::Refused:
        audit(false, u"deploy"_s, from, u"type=%1 name=%2 chunk=%3: %4"_s.arg(chunk.bundleType, chunk.name)
                                           .arg(chunk.index)
                                           .arg(outcome.error));
        ack.error = outcome.error;
        return reply(from, request.reply(ack));
    case DeployChunkReceiver::Outcome::State::Complete:
        return applyBundle(from, request, {chunk.bundleType, chunk.name, chunk.checksum, {}, outcome.file});
    }
}

void Worker::applyBundle(const ConnectedPeer& from, const Message& request, const IncomingBundle& bundle)
{
    const QString action = u"deploy"_s;
    const qint64 bytes = bundle.file.isEmpty() ? bundle.data.size() : QFileInfo(bundle.file).size();
    const QString detail = u"type=%1 name=%2 bytes=%3"_s.arg(bundle.type, bundle.name).arg(bytes);
    const auto refuse = [&](const QString& why) {
        if (!bundle.file.isEmpty())
            QFile::remove(bundle.file);
        audit(false, action, from, detail + u": "_s + why);
        DeployAckPayload ack;
        ack.name = bundle.name;
        ack.error = why;
        reply(from, request.reply(ack));
    };
    const bool plainJsonProfile = bundle.type == u"profile"_s && bundle.file.isEmpty() && !bundle.data.isEmpty() &&
                                  (bundle.data.front() == '{' || bundle.data.front() == '[');
    if (plainJsonProfile) {
        if (!m_profiles)
            return refuse(u"Worker.handleDeploy: profile manager not configured"_s);
        if (const auto applied = m_profiles->applyProfile(bundle.name, bundle.data); !applied)
            return refuse(applied.error());
        audit(true, action, from, detail);
        DeployAckPayload ack;
        ack.success = true;
        ack.name = bundle.name;
        return reply(from, request.reply(ack));
    }
    if (!m_bundleHandler)
        return refuse(u"Worker.handleDeploy: this node cannot open bundles"_s);
    m_bundleHandler(from, bundle).then(this, [this, from, request, detail, action](const DeployAckPayload& ack) {
        audit(ack.success, action, from, ack.success ? detail : detail + u": "_s + ack.error);
        reply(from, request.reply(ack));
    });
}

} // namespace lethean::node
