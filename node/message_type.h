#pragma once

#include <QString>
#include <QStringView>
#include <array>
#include <optional>

namespace lethean::node {

// The 15 message types of protocol 1.0 (WIRE.md §3.1), in go-p2p's declaration order.
enum class MessageType
{
    Handshake,
    HandshakeAck,
    Ping,
    Pong,
    Disconnect,
    GetStats,
    Stats,
    StartMiner,
    StopMiner,
    MinerAck,
    Deploy,
    DeployAck,
    GetLogs,
    Logs,
    Error
};

inline constexpr std::array<MessageType, 15> kAllMessageTypes = {
    MessageType::Handshake,  MessageType::HandshakeAck, MessageType::Ping,   MessageType::Pong,
    MessageType::Disconnect, MessageType::GetStats,     MessageType::Stats,  MessageType::StartMiner,
    MessageType::StopMiner,  MessageType::MinerAck,     MessageType::Deploy, MessageType::DeployAck,
    MessageType::GetLogs,    MessageType::Logs,         MessageType::Error};

// The wire string: "handshake", "handshake_ack", "ping", …
QString messageTypeToString(MessageType type);
// Case-sensitive, as Go compares them; nullopt for any other string.
std::optional<MessageType> messageTypeFromString(QStringView text);

} // namespace lethean::node
