#include "node/noise/handshake_state.h"

#include <algorithm>
#include <sodium.h>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;

namespace lethean::node::noise {

namespace {

using Token = HandshakePattern::Token;

NoiseError error(NoiseError::Code code, const QString& message)
{
    return {code, message};
}

bool contains(const HandshakePattern::MessagePattern& tokens, Token token)
{
    return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

// Whether any message written by `writer` (true: initiator) contains the token.
bool writes(const HandshakePattern& pattern, bool writer, Token token)
{
    const auto& messages = pattern.messages();
    for (size_t i = 0; i < messages.size(); ++i) {
        if ((i % 2 == 0) == writer && contains(messages[i], token))
            return true;
    }
    return false;
}

bool anyMessageContains(const HandshakePattern& pattern, Token token)
{
    const auto& messages = pattern.messages();
    return std::any_of(messages.begin(), messages.end(),
                       [token](const auto& m) { return contains(m, token); });
}

} // namespace

HandshakeState::HandshakeState(const HandshakePattern& pattern, Role role, SymmetricState symmetric)
    : m_pattern(&pattern), m_role(role), m_symmetric(std::move(symmetric))
{}

Result<void, NoiseError> HandshakeState::checkKeys(const HandshakePattern& pattern, Role role, bool hasS,
                                                   bool hasE, QByteArrayView rs, QByteArrayView re)
{
    const bool initiator = role == Role::Initiator;
    const auto& ownPre = initiator ? pattern.initiatorPreMessage() : pattern.responderPreMessage();
    const auto& remotePre = initiator ? pattern.responderPreMessage() : pattern.initiatorPreMessage();
    // Our static key is used when a pre-message or message of ours carries it, or by the DH tokens
    // that pair it with the peer's: se for the initiator, es for the responder, and ss.
    const bool needS = contains(ownPre, Token::S) || writes(pattern, initiator, Token::S) ||
                       anyMessageContains(pattern, initiator ? Token::SE : Token::ES) ||
                       anyMessageContains(pattern, Token::SS);
    if (needS && !hasS)
        return fail(
            error(NoiseError::Code::InvalidArgument,
                  u"noise: %1 needs this side's static key pair"_s.arg(QString::fromLatin1(pattern.name()))));
    if (contains(ownPre, Token::E) && !hasE)
        return fail(
            error(NoiseError::Code::InvalidArgument, u"noise: the pre-message needs our ephemeral key"_s));
    for (const auto& [key, token, what] :
         {std::tuple{rs, Token::S, u"static"_s}, std::tuple{re, Token::E, u"ephemeral"_s}}) {
        if (!key.isEmpty() && key.size() != kDhLen)
            return fail(error(NoiseError::Code::InvalidArgument,
                              u"noise: the peer's %1 key is 32 bytes, not %2"_s.arg(what).arg(key.size())));
        if (contains(remotePre, token) && key.isEmpty())
            return fail(error(NoiseError::Code::InvalidArgument,
                              u"noise: %1 needs the peer's %2 key in advance"_s.arg(
                                  QString::fromLatin1(pattern.name()), what)));
        // §5.3 asserts rs/re are empty when the peer will send them: a given key would be silently
        // replaced by whatever the peer sends, so it is refused rather than ignored.
        if (writes(pattern, !initiator, token) && !key.isEmpty())
            return fail(error(NoiseError::Code::InvalidArgument,
                              u"noise: %1 transmits the peer's %2 key; none may be given"_s.arg(
                                  QString::fromLatin1(pattern.name()), what)));
    }
    return {};
}

Result<HandshakeState, NoiseError> HandshakeState::initialize(const HandshakePattern& pattern, Role role,
                                                              QByteArrayView prologue,
                                                              std::optional<KeyPair> s,
                                                              std::optional<KeyPair> e, QByteArrayView rs,
                                                              QByteArrayView re)
{
    if (auto keys = checkKeys(pattern, role, s.has_value(), e.has_value(), rs, re); !keys)
        return fail(keys.error());
    auto symmetric = SymmetricState::initialize(
        QByteArray("Noise_" + pattern.name().toByteArray() + "_25519_ChaChaPoly_SHA256"));
    if (!symmetric)
        return fail(symmetric.error());
    HandshakeState state(pattern, role, std::move(symmetric).value());
    state.m_s = std::move(s);
    state.m_e = std::move(e);
    state.m_rs = rs.toByteArray();
    state.m_re = re.toByteArray();
    if (auto mixed = state.m_symmetric.mixHash(prologue); !mixed)
        return fail(mixed.error());
    if (auto mixed = state.mixPreMessages(); !mixed)
        return fail(mixed.error());
    return state;
}

QByteArray HandshakeState::protocolName() const
{
    return "Noise_" + m_pattern->name().toByteArray() + "_25519_ChaChaPoly_SHA256";
}

Result<void, NoiseError> HandshakeState::mixPreMessages()
{
    // §5.3: the initiator's pre-message keys are hashed first, then the responder's; each side hashes
    // its own public keys and the ones it was given for the peer.
    for (const bool initiatorKeys : {true, false}) {
        const bool ours = initiatorKeys == isInitiator();
        const auto& tokens =
            initiatorKeys ? m_pattern->initiatorPreMessage() : m_pattern->responderPreMessage();
        for (const Token token : tokens) {
            const QByteArrayView key = token == Token::S ? (ours ? m_s->publicKey() : QByteArrayView(m_rs))
                                                         : (ours ? m_e->publicKey() : QByteArrayView(m_re));
            if (auto mixed = m_symmetric.mixHash(key); !mixed)
                return mixed;
        }
    }
    return {};
}

bool HandshakeState::isWriteTurn() const
{
    return m_status == Status::Running && (m_messageIndex % 2 == 0) == isInitiator();
}

Unexpected<NoiseError> HandshakeState::abort(NoiseError error)
{
    m_status = Status::Failed;
    m_symmetric.wipeSecrets();
    m_s.reset();
    m_e.reset();
    return fail(std::move(error));
}

Result<void, NoiseError> HandshakeState::mixDh(Token token)
{
    // §5.3: ee = DH(e, re); es = DH(e, rs) for the initiator, DH(s, re) for the responder; se the
    // mirror image; ss = DH(s, rs).
    const bool initiator = isInitiator();
    const bool localStatic =
        token == Token::SS || (token == Token::ES && !initiator) || (token == Token::SE && initiator);
    const bool remoteStatic =
        token == Token::SS || (token == Token::ES && initiator) || (token == Token::SE && !initiator);
    const std::optional<KeyPair>& local = localStatic ? m_s : m_e;
    const QByteArray& remote = remoteStatic ? m_rs : m_re;
    if (!local || remote.isEmpty())
        return fail(error(NoiseError::Code::WrongState, u"noise: a DH token before its keys are known"_s));
    KeyPair::SharedSecret secret{};
    auto dh = local->dh(remote, secret);
    if (dh)
        dh = m_symmetric.mixKey(QByteArrayView(secret.data(), kDhLen));
    sodium_memzero(secret.data(), secret.size());
    return dh;
}

Result<void, NoiseError> HandshakeState::writeToken(Token token, QByteArray& out)
{
    switch (token) {
    case Token::E: {
        if (!m_e) {
            auto generated = KeyPair::generate();
            if (!generated)
                return fail(generated.error());
            m_e = std::move(generated).value();
        }
        out.append(m_e->publicKey());
        return m_symmetric.mixHash(m_e->publicKey());
    }
    case Token::S: {
        auto encrypted = m_symmetric.encryptAndHash(m_s->publicKey());
        if (!encrypted)
            return fail(encrypted.error());
        out.append(*encrypted);
        return {};
    }
    case Token::EE:
    case Token::ES:
    case Token::SE:
    case Token::SS:
        return mixDh(token);
    }
    return fail(error(NoiseError::Code::Internal, u"noise: unknown token"_s));
}

Result<void, NoiseError> HandshakeState::readToken(Token token, QByteArrayView& message)
{
    switch (token) {
    case Token::E: {
        if (message.size() < kDhLen)
            return fail(
                error(NoiseError::Code::Malformed, u"noise: message too short for an ephemeral key"_s));
        m_re = message.first(kDhLen).toByteArray();
        message = message.sliced(kDhLen);
        return m_symmetric.mixHash(m_re);
    }
    case Token::S: {
        const qsizetype size = kDhLen + (m_symmetric.hasKey() ? kTagLen : 0);
        if (message.size() < size)
            return fail(error(NoiseError::Code::Malformed, u"noise: message too short for a static key"_s));
        auto decrypted = m_symmetric.decryptAndHash(message.first(size));
        if (!decrypted)
            return fail(decrypted.error());
        m_rs = std::move(decrypted).value();
        message = message.sliced(size);
        return {};
    }
    case Token::EE:
    case Token::ES:
    case Token::SE:
    case Token::SS:
        return mixDh(token);
    }
    return fail(error(NoiseError::Code::Internal, u"noise: unknown token"_s));
}

Result<HandshakeState::Output, NoiseError> HandshakeState::writeMessage(QByteArrayView payload)
{
    if (m_status != Status::Running)
        return fail(error(NoiseError::Code::WrongState, u"noise: the handshake is over"_s));
    if (!isWriteTurn())
        return abort(error(NoiseError::Code::WrongState, u"noise: WriteMessage out of turn"_s));
    if (payload.size() > kMaxMessageSize)
        return abort(error(NoiseError::Code::TooLarge, u"noise: handshake payload over 65535 bytes"_s));
    QByteArray message;
    for (const Token token : m_pattern->messages()[static_cast<size_t>(m_messageIndex)]) {
        if (auto written = writeToken(token, message); !written)
            return abort(written.error());
    }
    auto encrypted = m_symmetric.encryptAndHash(payload);
    if (!encrypted)
        return abort(encrypted.error());
    message.append(*encrypted);
    if (message.size() > kMaxMessageSize)
        return abort(error(NoiseError::Code::TooLarge,
                           u"noise: a %1-byte handshake message exceeds 65535 bytes"_s.arg(message.size())));
    return finishMessage(std::move(message));
}

Result<HandshakeState::Output, NoiseError> HandshakeState::readMessage(QByteArrayView message)
{
    if (m_status != Status::Running)
        return fail(error(NoiseError::Code::WrongState, u"noise: the handshake is over"_s));
    if (isWriteTurn())
        return abort(error(NoiseError::Code::WrongState, u"noise: ReadMessage out of turn"_s));
    if (message.size() > kMaxMessageSize)
        return abort(error(NoiseError::Code::TooLarge,
                           u"noise: a %1-byte handshake message exceeds 65535 bytes"_s.arg(message.size())));
    QByteArrayView rest = message;
    for (const Token token : m_pattern->messages()[static_cast<size_t>(m_messageIndex)]) {
        if (auto read = readToken(token, rest); !read)
            return abort(read.error());
    }
    auto payload = m_symmetric.decryptAndHash(rest);
    if (!payload)
        return abort(payload.error());
    return finishMessage(std::move(payload).value());
}

Result<HandshakeState::Output, NoiseError> HandshakeState::finishMessage(QByteArray data)
{
    ++m_messageIndex;
    if (static_cast<size_t>(m_messageIndex) < m_pattern->messages().size())
        return Output{std::move(data), std::nullopt};
    auto split = m_symmetric.split();
    if (!split)
        return abort(split.error());
    auto& [c1, c2] = *split;
    // The ephemeral private key has done its job; forward secrecy needs it gone now, not at destruction.
    m_e.reset();
    m_status = Status::Complete;
    if (isInitiator())
        return Output{std::move(data), TransportCiphers{std::move(c1), std::move(c2)}};
    return Output{std::move(data), TransportCiphers{std::move(c2), std::move(c1)}};
}

} // namespace lethean::node::noise
