#include "node/peer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

bool isAsciiAlnum(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool isInnerCharacter(char16_t c)
{
    return isAsciiAlnum(c) || c == u'-' || c == u'_' || c == u' ';
}

QString describe(QChar c)
{
    if (c.unicode() >= 0x20 && c.unicode() < 0x7f)
        return u"'%1'"_s.arg(c);
    return u"U+"_s + QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0');
}

} // namespace

void Peer::recordSuccess()
{
    score = std::min(kMaxScore, score + kSuccessDelta);
}

void Peer::recordFailure()
{
    score = std::max(kMinScore, score - kFailureDelta);
}

void Peer::recordTimeout()
{
    score = std::max(kMinScore, score - kTimeoutDelta);
}

void Peer::setScore(double value)
{
    score = std::clamp(value, kMinScore, kMaxScore);
}

QString Peer::nameRule()
{
    return u"a peer name is empty or 1 to 64 ASCII letters, digits, '-', '_' or spaces, and begins and ends "
           u"with a letter or digit (go-p2p's rule, WIRE.md §6.5)"_s;
}

QString Peer::sanitizedName(QStringView name)
{
    QString sanitized = name.toString().section(u'.', 0, 0).left(kMaxNameBytes);
    for (QChar& c : sanitized) {
        if (!isInnerCharacter(c.unicode()))
            c = u'-';
    }
    while (!sanitized.isEmpty() && !isAsciiAlnum(sanitized.front().unicode()))
        sanitized.remove(0, 1);
    while (!sanitized.isEmpty() && !isAsciiAlnum(sanitized.back().unicode()))
        sanitized.chop(1);
    return sanitized;
}

Result<void, QString> Peer::validateName(QStringView name)
{
    // Go's regex: ^[a-zA-Z0-9][a-zA-Z0-9\-_ ]{0,62}[a-zA-Z0-9]$|^[a-zA-Z0-9]$, after a 64-byte check.
    if (name.isEmpty())
        return {};
    const auto invalid = [name](const QString& why) {
        return fail(u"invalid peer name \"%1\": %2; %3"_s.arg(name.toString(), why, nameRule()));
    };
    const qsizetype bytes = name.toUtf8().size();
    if (bytes > kMaxNameBytes)
        return invalid(u"it is %1 bytes long"_s.arg(bytes));
    if (!isAsciiAlnum(name.front().unicode()))
        return invalid(u"it begins with %1"_s.arg(describe(name.front())));
    if (!isAsciiAlnum(name.back().unicode()))
        return invalid(u"it ends with %1"_s.arg(describe(name.back())));
    for (qsizetype i = 1; i + 1 < name.size(); ++i) {
        if (!isInnerCharacter(name[i].unicode()))
            return invalid(u"it contains %1 at position %2"_s.arg(describe(name[i])).arg(i + 1));
    }
    return {};
}

} // namespace lethean::node
