#include "node/noise/handshake_pattern.h"

#include <utility>

namespace lethean::node::noise {

using T = HandshakePattern::Token;

HandshakePattern::HandshakePattern(QByteArray name, MessagePattern initiatorPre, MessagePattern responderPre,
                                   std::vector<MessagePattern> messages)
    : m_name(std::move(name)), m_initiatorPre(std::move(initiatorPre)),
      m_responderPre(std::move(responderPre)), m_messages(std::move(messages))
{}

// §7.4 (NN, XX) and §7.5 (IK), written as in the spec.
const HandshakePattern& HandshakePattern::nn()
{
    // -> e
    // <- e, ee
    static const HandshakePattern pattern(QByteArrayLiteral("NN"), {}, {}, {{T::E}, {T::E, T::EE}});
    return pattern;
}

const HandshakePattern& HandshakePattern::xx()
{
    // -> e
    // <- e, ee, s, es
    // -> s, se
    static const HandshakePattern pattern(QByteArrayLiteral("XX"), {}, {},
                                          {{T::E}, {T::E, T::EE, T::S, T::ES}, {T::S, T::SE}});
    return pattern;
}

const HandshakePattern& HandshakePattern::ik()
{
    // <- s
    // ...
    // -> e, es, s, ss
    // <- e, ee, se
    static const HandshakePattern pattern(QByteArrayLiteral("IK"), {}, {T::S},
                                          {{T::E, T::ES, T::S, T::SS}, {T::E, T::EE, T::SE}});
    return pattern;
}

const HandshakePattern* HandshakePattern::find(QByteArrayView name)
{
    for (const HandshakePattern* pattern : {&nn(), &xx(), &ik()}) {
        if (pattern->name() == name)
            return pattern;
    }
    return nullptr;
}

} // namespace lethean::node::noise
