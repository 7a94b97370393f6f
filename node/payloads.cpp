#include "node/payloads.h"

#include "node/json_reader.h"
#include "node/json_writer.h"

namespace lethean::node {

namespace {

using Presence = JsonReader::Presence;

template <typename P> QByteArray payloadToJson(const P& payload)
{
    JsonWriter out;
    payload.write(out);
    return out.take();
}

template <typename P> Result<P, MessageError> payloadFromJson(QByteArrayView json)
{
    auto in = JsonReader::parse(json);
    if (!in)
        return fail(in.error());
    return P::read(*in);
}

void writeOptional(JsonWriter& out, QStringView key, const QString& value)
{
    if (!value.isEmpty())
        out.key(key).string(value);
}

} // namespace

QStringList supportedProtocolVersions()
{
    return {QString::fromLatin1(kProtocolVersion)};
}

bool isProtocolVersionSupported(QStringView version)
{
    return supportedProtocolVersions().contains(version);
}

// handshake

QByteArray HandshakePayload::toJson() const
{
    return payloadToJson(*this);
}

Result<HandshakePayload, MessageError> HandshakePayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<HandshakePayload>(json);
}

void HandshakePayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"identity");
    identity.write(out);
    if (!challenge.isEmpty())
        out.key(u"challenge").bytes(challenge);
    out.key(u"version").string(version);
    out.endObject();
}

Result<HandshakePayload, MessageError> HandshakePayload::read(JsonReader& in)
{
    HandshakePayload payload;
    payload.identity = in.object<PublicIdentity>(u"identity");
    payload.challenge = in.bytes(u"challenge");
    payload.version = in.string(u"version");
    return in.finish(std::move(payload));
}

// handshake_ack

QByteArray HandshakeAckPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<HandshakeAckPayload, MessageError> HandshakeAckPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<HandshakeAckPayload>(json);
}

void HandshakeAckPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"identity");
    identity.write(out);
    if (!challengeResponse.isEmpty())
        out.key(u"challengeResponse").bytes(challengeResponse);
    out.key(u"accepted").boolean(accepted);
    writeOptional(out, u"reason", reason);
    out.endObject();
}

Result<HandshakeAckPayload, MessageError> HandshakeAckPayload::read(JsonReader& in)
{
    HandshakeAckPayload payload;
    payload.identity = in.object<PublicIdentity>(u"identity");
    payload.challengeResponse = in.bytes(u"challengeResponse");
    payload.accepted = in.boolean(u"accepted");
    payload.reason = in.string(u"reason", Presence::Optional);
    return in.finish(std::move(payload));
}

// ping

QByteArray PingPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<PingPayload, MessageError> PingPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<PingPayload>(json);
}

void PingPayload::write(JsonWriter& out) const
{
    out.beginObject().key(u"sentAt").integer(sentAt).endObject();
}

Result<PingPayload, MessageError> PingPayload::read(JsonReader& in)
{
    PingPayload payload;
    payload.sentAt = in.integer(u"sentAt");
    return in.finish(payload);
}

// pong

QByteArray PongPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<PongPayload, MessageError> PongPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<PongPayload>(json);
}

void PongPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"sentAt").integer(sentAt);
    out.key(u"receivedAt").integer(receivedAt);
    out.endObject();
}

Result<PongPayload, MessageError> PongPayload::read(JsonReader& in)
{
    PongPayload payload;
    payload.sentAt = in.integer(u"sentAt");
    payload.receivedAt = in.integer(u"receivedAt");
    return in.finish(payload);
}

// disconnect

QByteArray DisconnectPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<DisconnectPayload, MessageError> DisconnectPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<DisconnectPayload>(json);
}

void DisconnectPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"reason").string(reason);
    out.key(u"code").integer(code);
    out.endObject();
}

Result<DisconnectPayload, MessageError> DisconnectPayload::read(JsonReader& in)
{
    DisconnectPayload payload;
    payload.reason = in.string(u"reason");
    payload.code = in.integer(u"code");
    return in.finish(std::move(payload));
}

// stats

void MinerStatsItem::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"name").string(name);
    out.key(u"type").string(type);
    out.key(u"hashrate").real(hashrate);
    out.key(u"shares").integer(shares);
    out.key(u"rejected").integer(rejected);
    out.key(u"uptime").integer(uptime);
    out.key(u"pool").string(pool);
    out.key(u"algorithm").string(algorithm);
    if (cpuThreads != 0)
        out.key(u"cpuThreads").integer(cpuThreads);
    if (simulated)
        out.key(u"simulated").boolean(true);
    writeOptional(out, u"state", state);
    if (hashrate60s != 0)
        out.key(u"hashrate60s").real(hashrate60s);
    if (hashrate15m != 0)
        out.key(u"hashrate15m").real(hashrate15m);
    writeOptional(out, u"version", version);
    if (restarts != 0)
        out.key(u"restarts").integer(restarts);
    writeOptional(out, u"health", health);
    if (!gpus.isEmpty()) {
        out.key(u"gpus").beginArray();
        for (const GpuHealth& gpu : gpus)
            gpu.write(out);
        out.endArray();
    }
    out.endObject();
}

void GpuHealth::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"index").integer(index);
    writeOptional(out, u"name", name);
    if (temperature != 0)
        out.key(u"temperature").real(temperature);
    if (fan != 0)
        out.key(u"fan").real(fan);
    if (power != 0)
        out.key(u"power").real(power);
    out.endObject();
}

Result<GpuHealth, MessageError> GpuHealth::read(JsonReader& in)
{
    GpuHealth gpu;
    gpu.index = in.integer(u"index");
    gpu.name = in.string(u"name", Presence::Optional);
    gpu.temperature = in.real(u"temperature", Presence::Optional);
    gpu.fan = in.real(u"fan", Presence::Optional);
    gpu.power = in.real(u"power", Presence::Optional);
    return in.finish(std::move(gpu));
}

Result<MinerStatsItem, MessageError> MinerStatsItem::read(JsonReader& in)
{
    MinerStatsItem item;
    item.name = in.string(u"name");
    item.type = in.string(u"type");
    item.hashrate = in.real(u"hashrate");
    item.shares = in.integer(u"shares");
    item.rejected = in.integer(u"rejected");
    item.uptime = in.integer(u"uptime");
    item.pool = in.string(u"pool");
    item.algorithm = in.string(u"algorithm");
    item.cpuThreads = in.integer(u"cpuThreads", Presence::Optional);
    item.simulated = in.boolean(u"simulated", Presence::Optional);
    item.state = in.string(u"state", Presence::Optional);
    item.hashrate60s = in.real(u"hashrate60s", Presence::Optional);
    item.hashrate15m = in.real(u"hashrate15m", Presence::Optional);
    item.version = in.string(u"version", Presence::Optional);
    item.restarts = in.integer(u"restarts", Presence::Optional);
    item.health = in.string(u"health", Presence::Optional);
    item.gpus = in.objectArray<GpuHealth>(u"gpus", Presence::Optional);
    return in.finish(std::move(item));
}

QByteArray StatsPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<StatsPayload, MessageError> StatsPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<StatsPayload>(json);
}

void StatsPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"nodeId").string(nodeId);
    out.key(u"nodeName").string(nodeName);
    out.key(u"miners").beginArray();
    for (const MinerStatsItem& miner : miners)
        miner.write(out);
    out.endArray();
    out.key(u"uptime").integer(uptime);
    out.endObject();
}

Result<StatsPayload, MessageError> StatsPayload::read(JsonReader& in)
{
    StatsPayload payload;
    payload.nodeId = in.string(u"nodeId");
    payload.nodeName = in.string(u"nodeName");
    payload.miners = in.objectArray<MinerStatsItem>(u"miners");
    payload.uptime = in.integer(u"uptime");
    return in.finish(std::move(payload));
}

// start_miner

QByteArray StartMinerPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<StartMinerPayload, MessageError> StartMinerPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<StartMinerPayload>(json);
}

void StartMinerPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"minerType").string(minerType);
    writeOptional(out, u"profileId", profileId);
    if (!config.isEmpty())
        out.key(u"config").raw(config);
    out.endObject();
}

Result<StartMinerPayload, MessageError> StartMinerPayload::read(JsonReader& in)
{
    StartMinerPayload payload;
    payload.minerType = in.string(u"minerType");
    payload.profileId = in.string(u"profileId", Presence::Optional);
    payload.config = in.raw(u"config");
    return in.finish(std::move(payload));
}

// stop_miner

QByteArray StopMinerPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<StopMinerPayload, MessageError> StopMinerPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<StopMinerPayload>(json);
}

void StopMinerPayload::write(JsonWriter& out) const
{
    out.beginObject().key(u"minerName").string(minerName).endObject();
}

Result<StopMinerPayload, MessageError> StopMinerPayload::read(JsonReader& in)
{
    StopMinerPayload payload;
    payload.minerName = in.string(u"minerName");
    return in.finish(std::move(payload));
}

// miner_ack

QByteArray MinerAckPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<MinerAckPayload, MessageError> MinerAckPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<MinerAckPayload>(json);
}

void MinerAckPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"success").boolean(success);
    writeOptional(out, u"minerName", minerName);
    writeOptional(out, u"error", error);
    out.endObject();
}

Result<MinerAckPayload, MessageError> MinerAckPayload::read(JsonReader& in)
{
    MinerAckPayload payload;
    payload.success = in.boolean(u"success");
    payload.minerName = in.string(u"minerName", Presence::Optional);
    payload.error = in.string(u"error", Presence::Optional);
    return in.finish(std::move(payload));
}

// get_logs

QByteArray GetLogsPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<GetLogsPayload, MessageError> GetLogsPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<GetLogsPayload>(json);
}

void GetLogsPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"minerName").string(minerName);
    out.key(u"lines").integer(lines);
    if (since != 0)
        out.key(u"since").integer(since);
    out.endObject();
}

Result<GetLogsPayload, MessageError> GetLogsPayload::read(JsonReader& in)
{
    GetLogsPayload payload;
    payload.minerName = in.string(u"minerName");
    payload.lines = in.integer(u"lines");
    payload.since = in.integer(u"since", Presence::Optional);
    return in.finish(std::move(payload));
}

// logs

QByteArray LogsPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<LogsPayload, MessageError> LogsPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<LogsPayload>(json);
}

void LogsPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"minerName").string(minerName);
    out.key(u"lines").beginArray();
    for (const QString& line : lines)
        out.string(line);
    out.endArray();
    out.key(u"hasMore").boolean(hasMore);
    out.endObject();
}

Result<LogsPayload, MessageError> LogsPayload::read(JsonReader& in)
{
    LogsPayload payload;
    payload.minerName = in.string(u"minerName");
    payload.lines = in.stringArray(u"lines");
    payload.hasMore = in.boolean(u"hasMore");
    return in.finish(std::move(payload));
}

// deploy

QByteArray DeployPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<DeployPayload, MessageError> DeployPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<DeployPayload>(json);
}

void DeployPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"type").string(bundleType);
    out.key(u"data").bytes(data);
    out.key(u"checksum").string(checksum);
    out.key(u"name").string(name);
    if (!transferId.isEmpty()) {
        out.key(u"transferId").string(transferId);
        out.key(u"index").integer(index);
        out.key(u"total").integer(total);
        out.key(u"size").integer(size);
        out.key(u"chunkChecksum").string(chunkChecksum);
    }
    out.endObject();
}

Result<DeployPayload, MessageError> DeployPayload::read(JsonReader& in)
{
    DeployPayload payload;
    payload.bundleType = in.string(u"type");
    payload.data = in.bytes(u"data", Presence::Required);
    payload.checksum = in.string(u"checksum");
    payload.name = in.string(u"name");
    payload.transferId = in.string(u"transferId", Presence::Optional);
    if (!payload.transferId.isEmpty()) {
        payload.index = in.integer(u"index");
        payload.total = in.integer(u"total");
        payload.size = in.integer(u"size");
        payload.chunkChecksum = in.string(u"chunkChecksum");
    }
    return in.finish(std::move(payload));
}

// deploy_ack

QByteArray DeployAckPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<DeployAckPayload, MessageError> DeployAckPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<DeployAckPayload>(json);
}

void DeployAckPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"success").boolean(success);
    writeOptional(out, u"name", name);
    writeOptional(out, u"error", error);
    out.endObject();
}

Result<DeployAckPayload, MessageError> DeployAckPayload::read(JsonReader& in)
{
    DeployAckPayload payload;
    payload.success = in.boolean(u"success");
    payload.name = in.string(u"name", Presence::Optional);
    payload.error = in.string(u"error", Presence::Optional);
    return in.finish(std::move(payload));
}

// error

QByteArray ErrorPayload::toJson() const
{
    return payloadToJson(*this);
}

Result<ErrorPayload, MessageError> ErrorPayload::fromJson(QByteArrayView json)
{
    return payloadFromJson<ErrorPayload>(json);
}

void ErrorPayload::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"code").integer(code);
    out.key(u"message").string(message);
    writeOptional(out, u"details", details);
    out.endObject();
}

Result<ErrorPayload, MessageError> ErrorPayload::read(JsonReader& in)
{
    ErrorPayload payload;
    payload.code = in.integer(u"code");
    payload.message = in.string(u"message");
    payload.details = in.string(u"details", Presence::Optional);
    return in.finish(std::move(payload));
}

} // namespace lethean::node
