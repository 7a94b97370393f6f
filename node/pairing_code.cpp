#include "node/pairing_code.h"

#include "node/identity_crypto.h"
#include "node/peer.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QStringDecoder>
#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

const QString kScheme = u"lethean:"_s;
constexpr QByteArray::Base64Options kBase64Url =
    QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype kChecksumBytes = 4;
constexpr int kFieldCount = 5; // version, key, addresses, name, checksum

Unexpected<PairingCodeError> refuse(PairingCodeError::Code code, const QString& message)
{
    return fail(PairingCodeError{code, message});
}

bool isBase64UrlCharacter(char16_t c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' ||
           c == u'_';
}

QString encodeField(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64(kBase64Url));
}

// Strict base64url without padding: only the alphabet, and only the canonical spelling of the bytes.
std::optional<QByteArray> decodeField(QStringView field)
{
    if (!std::all_of(field.begin(), field.end(), [](QChar c) { return isBase64UrlCharacter(c.unicode()); }))
        return std::nullopt;
    const QByteArray text = field.toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(text, kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64(kBase64Url) != text)
        return std::nullopt;
    return std::move(decoded.decoded);
}

std::optional<QString> decodeUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QByteArray checksumOf(QStringView body)
{
    return QCryptographicHash::hash(body.toLatin1(), QCryptographicHash::Sha256).left(kChecksumBytes);
}

bool isAllZero(const QByteArray& bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char b) { return b == 0; });
}

bool isDnsLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.front() == u'-' || label.back() == u'-')
        return false;
    return std::all_of(label.begin(), label.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
               u == u'-' || u == u'_';
    });
}

bool isValidPort(QStringView port)
{
    if (port.isEmpty() || port.size() > 5)
        return false;
    int value = 0;
    for (const QChar c : port) {
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value >= 1 && value <= 65535;
}

} // namespace

PairingCode::PairingCode(QByteArray publicKey, QStringList addresses, QString name)
    : m_publicKey(std::move(publicKey)), m_addresses(std::move(addresses)), m_name(std::move(name))
{}

bool PairingCode::isValidAddress(QStringView address)
{
    if (address.isEmpty() || address.size() > 300)
        return false;
    if (address.front() == u'[') {
        const qsizetype close = address.indexOf(u']');
        if (close < 0 || close + 1 >= address.size() || address[close + 1] != u':')
            return false;
        QHostAddress host;
        if (!host.setAddress(address.sliced(1, close - 1).toString()) ||
            host.protocol() != QAbstractSocket::IPv6Protocol)
            return false;
        return isValidPort(address.sliced(close + 2));
    }
    const qsizetype colon = address.lastIndexOf(u':');
    if (colon <= 0 || colon > 253)
        return false;
    const QStringView host = address.first(colon);
    const auto labels = host.split(u'.');
    if (!std::all_of(labels.begin(), labels.end(), isDnsLabel))
        return false;
    return isValidPort(address.sliced(colon + 1));
}

Result<void, PairingCodeError> PairingCode::validate() const
{
    if (m_publicKey.size() != kPublicKeySize || isAllZero(m_publicKey)) {
        return refuse(PairingCodeError::Code::InvalidKey,
                      u"the pairing code's key is not a valid 32-byte public key"_s);
    }
    if (m_addresses.size() > kMaxAddresses) {
        return refuse(PairingCodeError::Code::InvalidAddress,
                      u"the pairing code has %1 addresses; at most %2 are allowed"_s.arg(m_addresses.size())
                          .arg(kMaxAddresses));
    }
    for (const QString& address : m_addresses) {
        if (!isValidAddress(address)) {
            return refuse(
                PairingCodeError::Code::InvalidAddress,
                u"the pairing code's address \"%1\" is not host:port with a port from 1 to 65535"_s.arg(
                    address));
        }
    }
    if (const auto name = Peer::validateName(m_name); !name)
        return refuse(PairingCodeError::Code::InvalidName,
                      u"the pairing code's name is refused: "_s + name.error());
    return {};
}

QString PairingCode::toString() const
{
    QString body = kScheme;
    body += QString::number(kVersion);
    body += u'.';
    body += encodeField(m_publicKey);
    body += u'.';
    body += encodeField(m_addresses.join(u',').toUtf8());
    body += u'.';
    body += encodeField(m_name.toUtf8());
    return body + u'.' + encodeField(checksumOf(body));
}

QString PairingCode::peerId() const
{
    return nodeIdForPublicKey(m_publicKey);
}

Result<PairingCode, PairingCodeError> PairingCode::parse(QStringView text)
{
    QString code;
    code.reserve(std::min(text.size(), kMaxLength + 1));
    for (const QChar c : text) {
        if (c == u' ' || c == u'\t' || c == u'\r' || c == u'\n')
            continue;
        code += c;
        if (code.size() > kMaxLength) {
            return refuse(PairingCodeError::Code::Malformed,
                          u"this is not a pairing code: it is longer than %1 characters"_s.arg(kMaxLength));
        }
    }
    if (!code.startsWith(kScheme, Qt::CaseInsensitive)) {
        return refuse(PairingCodeError::Code::Malformed,
                      u"this is not a pairing code: a pairing code begins with \"lethean:\""_s);
    }
    const QStringView rest = QStringView(code).sliced(kScheme.size());
    const auto fields = rest.split(u'.');
    const QStringView version = fields.front();
    if (version.isEmpty() || version.size() > 4 ||
        !std::all_of(version.begin(), version.end(), [](QChar c) { return c >= u'0' && c <= u'9'; })) {
        return refuse(PairingCodeError::Code::Malformed,
                      u"this is not a pairing code: \"lethean:\" must be followed by a version number"_s);
    }
    if (version.toInt() != kVersion) {
        return refuse(
            PairingCodeError::Code::UnknownVersion,
            u"this pairing code has version %1, which this build cannot read (it reads version %2); "
            u"update Lethean Desktop"_s.arg(version.toInt())
                .arg(kVersion));
    }
    if (fields.size() != kFieldCount) {
        return refuse(
            PairingCodeError::Code::Malformed,
            u"this pairing code is incomplete: it has %1 parts separated by '.', version %2 has %3"_s
                .arg(fields.size())
                .arg(kVersion)
                .arg(kFieldCount));
    }
    const qsizetype bodyLength = rest.lastIndexOf(u'.');
    const QString body = kScheme + rest.first(bodyLength).toString();
    const auto checksum = decodeField(fields[4]);
    if (!checksum || *checksum != checksumOf(body)) {
        return refuse(PairingCodeError::Code::BadChecksum,
                      u"this pairing code has a typo: its checksum does not match; copy it again"_s);
    }
    const auto key = decodeField(fields[1]);
    if (!key || key->size() != kPublicKeySize) {
        return refuse(PairingCodeError::Code::InvalidKey,
                      u"the pairing code's key is not 32 bytes of base64url"_s);
    }
    const auto addressBytes = decodeField(fields[2]);
    const auto addressText = addressBytes ? decodeUtf8(*addressBytes) : std::nullopt;
    if (!addressText) {
        return refuse(PairingCodeError::Code::InvalidAddress,
                      u"the pairing code's address field is not base64url of UTF-8 text"_s);
    }
    const auto nameBytes = decodeField(fields[3]);
    const auto name = nameBytes ? decodeUtf8(*nameBytes) : std::nullopt;
    if (!name) {
        return refuse(PairingCodeError::Code::InvalidName,
                      u"the pairing code's name field is not base64url of UTF-8 text"_s);
    }
    PairingCode parsed(*key, addressText->isEmpty() ? QStringList() : addressText->split(u','), *name);
    if (auto valid = parsed.validate(); !valid)
        return fail(valid.error());
    return parsed;
}

} // namespace lethean::node
