#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>
#include <vector>

namespace lethean::node::noise {

// A Noise handshake pattern (§7): pre-messages and message patterns made of the tokens e, s, ee, es,
// se, ss. Only the patterns this node speaks or tests against exist (no psk modifiers): XX for
// protocol 2.0, NN and IK because the published test vectors exercise them. Instances are immutable
// singletons, so a pattern is always one the spec defines.
class HandshakePattern
{
public:
    enum class Token : quint8
    {
        E,
        S,
        EE,
        ES,
        SE,
        SS
    };
    using MessagePattern = std::vector<Token>;

    static const HandshakePattern& nn();
    static const HandshakePattern& xx();
    static const HandshakePattern& ik();
    // By the name in the protocol name ("XX"); nullptr for any other.
    static const HandshakePattern* find(QByteArrayView name);

    QByteArrayView name() const { return m_name; }
    const MessagePattern& initiatorPreMessage() const { return m_initiatorPre; }
    const MessagePattern& responderPreMessage() const { return m_responderPre; }
    // Message i is written by the initiator when i is even, by the responder when odd.
    const std::vector<MessagePattern>& messages() const { return m_messages; }

    HandshakePattern(const HandshakePattern&) = delete;
    HandshakePattern& operator=(const HandshakePattern&) = delete;

private:
    HandshakePattern(QByteArray name, MessagePattern initiatorPre, MessagePattern responderPre,
                     std::vector<MessagePattern> messages);

    QByteArray m_name;
    MessagePattern m_initiatorPre;
    MessagePattern m_responderPre;
    std::vector<MessagePattern> m_messages;
};

} // namespace lethean::node::noise
