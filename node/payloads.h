#pragma once

#include "node/message_error.h"
#include "node/message_type.h"
#include "node/public_identity.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

// The typed payload of every message type (WIRE.md §2.3, §3.2), one struct each, named and ordered as
// go-p2p's message.go. Each struct writes its keys in Go's order with Go's omitempty rules, and reads
// with JsonReader's rules: keys Go always sends are required, omitempty keys are optional, unknown keys
// are ignored. Go `int` fields are qint64 (Go's int is 64-bit on every platform go-p2p ships for).
// get_stats has no payload struct: its payload is JSON null.
//
// Every struct has:
//   static constexpr MessageType kType;              the message type it travels in
//   QByteArray toJson() const;                       compact, Go's key order, no HTML escaping
//   static Result<T, MessageError> fromJson(bytes);  one JSON object
//   void write(JsonWriter&) const; static Result<T, MessageError> read(JsonReader&);

namespace lethean::node {

class JsonReader;
class JsonWriter;

inline constexpr auto kProtocolVersion = "1.0";
// The versions a handshake may carry (Go: SupportedProtocolVersions).
QStringList supportedProtocolVersions();
bool isProtocolVersionSupported(QStringView version);

// Codes of the `error` payload (message.go:213-220). The Go worker only sends OperationFailed.
enum class ErrorCode : qint64
{
    Unknown = 1000,
    InvalidMessage = 1001,
    Unauthorized = 1002,
    NotFound = 1003,
    OperationFailed = 1004,
    Timeout = 1005
};

// Codes of the `disconnect` payload (transport.go:877-883); not WebSocket close codes.
enum class DisconnectCode : qint64
{
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    Timeout = 1003,
    Shutdown = 1004
};

struct HandshakePayload
{
    static constexpr MessageType kType = MessageType::Handshake;
    PublicIdentity identity;
    QByteArray challenge; // raw bytes; base64 on the wire; omitted when empty
    QString version;      // "1.0"

    QByteArray toJson() const;
    static Result<HandshakePayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<HandshakePayload, MessageError> read(JsonReader& in);
    friend bool operator==(const HandshakePayload&, const HandshakePayload&) = default;
};

struct HandshakeAckPayload
{
    static constexpr MessageType kType = MessageType::HandshakeAck;
    PublicIdentity identity;
    QByteArray challengeResponse; // raw HMAC; base64 on the wire; omitted when empty
    bool accepted = false;
    QString reason; // omitted when empty

    QByteArray toJson() const;
    static Result<HandshakeAckPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<HandshakeAckPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const HandshakeAckPayload&, const HandshakeAckPayload&) = default;
};

struct PingPayload
{
    static constexpr MessageType kType = MessageType::Ping;
    qint64 sentAt = 0; // Unix milliseconds

    QByteArray toJson() const;
    static Result<PingPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<PingPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const PingPayload&, const PingPayload&) = default;
};

struct PongPayload
{
    static constexpr MessageType kType = MessageType::Pong;
    qint64 sentAt = 0;     // the ping's sentAt, echoed
    qint64 receivedAt = 0; // Unix milliseconds

    QByteArray toJson() const;
    static Result<PongPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<PongPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const PongPayload&, const PongPayload&) = default;
};

struct DisconnectPayload
{
    static constexpr MessageType kType = MessageType::Disconnect;
    QString reason;
    qint64 code = 0; // a DisconnectCode

    QByteArray toJson() const;
    static Result<DisconnectPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<DisconnectPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const DisconnectPayload&, const DisconnectPayload&) = default;
};

// Health of one GPU as XMRig's /2/backends reports it (ours: a Go node ignores the key).
struct GpuHealth
{
    qint64 index = 0;
    QString name{};
    double temperature = 0; // °C; 0 = not reported
    double fan = 0;         // percent; 0 = not reported
    double power = 0;       // watts; 0 = not reported

    void write(JsonWriter& out) const;
    static Result<GpuHealth, MessageError> read(JsonReader& in);
    friend bool operator==(const GpuHealth&, const GpuHealth&) = default;
};

// One element of stats.miners: go-p2p's fields, then ours. Ours are written only when set, and a Go
// node ignores unknown keys, so a Go controller still reads our stats.
struct MinerStatsItem
{
    QString name;
    QString type;
    double hashrate = 0;
    qint64 shares = 0;
    qint64 rejected = 0;
    qint64 uptime = 0; // seconds
    QString pool;
    QString algorithm;
    qint64 cpuThreads = 0; // omitted when 0

    // Ours (each omitted when empty, 0 or false).
    bool simulated = false;  // demo mode: the numbers are made up, and every view says so
    QString state{};         // "starting", "running", "restarting", "stopped" or "failed"
    double hashrate60s = 0;  // `hashrate` is the 10 s figure; 0 until XMRig's window fills
    double hashrate15m = 0;
    QString version{};       // the miner's own version
    qint64 restarts = 0;     // restarts by the supervisor (crash or watchdog)
    QString health{};        // the last supervisor event, e.g. "restarted: API stopped answering"
    QList<GpuHealth> gpus{}; // per GPU thread, when the miner reports it

    // The supervisor means it to run (it may be between runs): running, starting or restarting. A Go
    // worker leaves the state out; its miners run while they are listed.
    bool isActive() const
    {
        return state.isEmpty() || state == u"running" || state == u"starting" || state == u"restarting";
    }

    void write(JsonWriter& out) const;
    static Result<MinerStatsItem, MessageError> read(JsonReader& in);
    friend bool operator==(const MinerStatsItem&, const MinerStatsItem&) = default;
};

struct StatsPayload
{
    static constexpr MessageType kType = MessageType::Stats;
    QString nodeId;
    QString nodeName;
    QList<MinerStatsItem> miners; // written as [] when empty, as the Go worker does; null reads as empty
    qint64 uptime = 0;            // seconds

    QByteArray toJson() const;
    static Result<StatsPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<StatsPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const StatsPayload&, const StatsPayload&) = default;
};

struct StartMinerPayload
{
    static constexpr MessageType kType = MessageType::StartMiner;
    QString minerType; // the worker refuses an empty one (WIRE.md §3.2); the parser does not
    QString profileId; // omitted when empty
    QByteArray config; // raw JSON (json.RawMessage), compact; omitted when empty

    QByteArray toJson() const;
    static Result<StartMinerPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<StartMinerPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const StartMinerPayload&, const StartMinerPayload&) = default;
};

struct StopMinerPayload
{
    static constexpr MessageType kType = MessageType::StopMiner;
    QString minerName;

    QByteArray toJson() const;
    static Result<StopMinerPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<StopMinerPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const StopMinerPayload&, const StopMinerPayload&) = default;
};

struct MinerAckPayload
{
    static constexpr MessageType kType = MessageType::MinerAck;
    bool success = false;
    QString minerName; // omitted when empty
    QString error;     // omitted when empty

    QByteArray toJson() const;
    static Result<MinerAckPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<MinerAckPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const MinerAckPayload&, const MinerAckPayload&) = default;
};

struct GetLogsPayload
{
    static constexpr MessageType kType = MessageType::GetLogs;
    QString minerName;
    qint64 lines = 0;
    qint64 since = 0; // Unix milliseconds; 0 = no filter, and then omitted

    QByteArray toJson() const;
    static Result<GetLogsPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<GetLogsPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const GetLogsPayload&, const GetLogsPayload&) = default;
};

struct LogsPayload
{
    static constexpr MessageType kType = MessageType::Logs;
    QString minerName;
    QStringList lines; // written as [] when empty; null (Go's nil slice) reads as empty
    bool hasMore = false;

    QByteArray toJson() const;
    static Result<LogsPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<LogsPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const LogsPayload&, const LogsPayload&) = default;
};

struct DeployPayload
{
    static constexpr MessageType kType = MessageType::Deploy;
    QString bundleType; // JSON key "type": "profile", "miner" or "full"
    QByteArray data;    // the bundle bytes (WIRE.md §8); base64 on the wire
    QString checksum;   // lowercase hex SHA-256 of data (of the whole bundle, in a chunked transfer)
    QString name;
    // Ours: one chunk of a bundle too big for one message (2.0 peers; docs/protocol.md "Chunked
    // deploy"). All omitted when transferId is empty, so a single deploy is Go's exact payload.
    QString transferId{};    // UUID of the transfer
    qint64 index = 0;        // this chunk, from 0
    qint64 total = 0;        // chunks in the transfer
    qint64 size = 0;         // bytes of the whole bundle
    QString chunkChecksum{}; // lowercase hex SHA-256 of this chunk's data

    QByteArray toJson() const;
    static Result<DeployPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<DeployPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const DeployPayload&, const DeployPayload&) = default;
};

struct DeployAckPayload
{
    static constexpr MessageType kType = MessageType::DeployAck;
    bool success = false;
    QString name;  // omitted when empty
    QString error; // omitted when empty

    QByteArray toJson() const;
    static Result<DeployAckPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<DeployAckPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const DeployAckPayload&, const DeployAckPayload&) = default;
};

struct ErrorPayload
{
    static constexpr MessageType kType = MessageType::Error;
    qint64 code = 0; // an ErrorCode, though any integer is accepted
    QString message;
    QString details; // omitted when empty; Go never sets it

    QByteArray toJson() const;
    static Result<ErrorPayload, MessageError> fromJson(QByteArrayView json);
    void write(JsonWriter& out) const;
    static Result<ErrorPayload, MessageError> read(JsonReader& in);
    friend bool operator==(const ErrorPayload&, const ErrorPayload&) = default;
};

} // namespace lethean::node
