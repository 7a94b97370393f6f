#include "node/message_type.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

QString messageTypeToString(MessageType type)
{
    switch (type) {
    case MessageType::Handshake:
        return u"handshake"_s;
    case MessageType::HandshakeAck:
        return u"handshake_ack"_s;
    case MessageType::Ping:
        return u"ping"_s;
    case MessageType::Pong:
        return u"pong"_s;
    case MessageType::Disconnect:
        return u"disconnect"_s;
    case MessageType::GetStats:
        return u"get_stats"_s;
    case MessageType::Stats:
        return u"stats"_s;
    case MessageType::StartMiner:
        return u"start_miner"_s;
    case MessageType::StopMiner:
        return u"stop_miner"_s;
    case MessageType::MinerAck:
        return u"miner_ack"_s;
    case MessageType::Deploy:
        return u"deploy"_s;
    case MessageType::DeployAck:
        return u"deploy_ack"_s;
    case MessageType::GetLogs:
        return u"get_logs"_s;
    case MessageType::Logs:
        return u"logs"_s;
    case MessageType::Error:
        return u"error"_s;
    }
    return {}; // not a MessageType value: the caller cast an int
}

std::optional<MessageType> messageTypeFromString(QStringView text)
{
    for (const MessageType type : kAllMessageTypes) {
        if (text == messageTypeToString(type))
            return type;
    }
    return std::nullopt;
}

} // namespace lethean::node
