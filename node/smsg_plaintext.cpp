#include "node/smsg_plaintext.h"

#include "node/json_writer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QString>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

// The bytes around the body, in the order Go writes the struct's two fields.
constexpr QByteArrayView kBodyPrefix = "{\"body\":\"";
constexpr QByteArrayView kTimestampKey = "\",\"timestamp\":";

CodecError malformed(const QString& message)
{
    return {CodecError::Code::Malformed, message};
}

bool isPrintableAscii(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte <= 0x7e;
}

// What writing a body byte takes, looked up per byte (the direct wrap's inner loop): copied as it is,
// escaped, or not taken by the direct path at all (non-ASCII and control bytes).
enum class ByteClass : unsigned char
{
    Copy,
    Escape, // " and \ as \" and \\; < > & as Go's \u003c \u003e \u0026
    General
};

constexpr std::array<ByteClass, 256> kByteClasses = [] {
    std::array<ByteClass, 256> classes{};
    for (int byte = 0; byte < 256; ++byte)
        classes[static_cast<std::size_t>(byte)] = byte >= 0x20 && byte <= 0x7e ? ByteClass::Copy : ByteClass::General;
    for (const char c : {'"', '\\', '<', '>', '&'})
        classes[static_cast<unsigned char>(c)] = ByteClass::Escape;
    return classes;
}();

ByteClass classOf(char c)
{
    return kByteClasses[static_cast<unsigned char>(c)];
}

// The escape of a ByteClass::Escape byte.
QByteArrayView escapeOf(char c)
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '<':
        return "\\u003c";
    case '>':
        return "\\u003e";
    default:
        return "\\u0026";
    }
}

std::optional<QByteArray> wrapPrintableAscii(QByteArrayView json, qint64 unixSeconds)
{
    qsizetype size = 0;
    for (const char c : json) {
        const ByteClass byteClass = classOf(c);
        if (byteClass == ByteClass::General)
            return std::nullopt;
        size += byteClass == ByteClass::Copy ? 1 : escapeOf(c).size();
    }
    const QByteArray seconds = QByteArray::number(unixSeconds);
    QByteArray out(kBodyPrefix.size() + size + kTimestampKey.size() + seconds.size() + 1, Qt::Uninitialized);
    char* next = std::copy(kBodyPrefix.begin(), kBodyPrefix.end(), out.data());
    // Runs of bytes that need no escape are copied whole.
    for (const char *from = json.data(), *end = json.data() + json.size(); from != end;) {
        const char* run = std::find_if(from, end, [](char c) { return classOf(c) != ByteClass::Copy; });
        next = std::copy(from, run, next);
        if (run == end)
            break;
        const QByteArrayView escape = escapeOf(*run);
        next = std::copy(escape.begin(), escape.end(), next);
        from = run + 1;
    }
    next = std::copy(kTimestampKey.begin(), kTimestampKey.end(), next);
    next = std::copy(seconds.begin(), seconds.end(), next);
    *next = '}';
    return out;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A JSON integer literal: -?(0|[1-9][0-9]*).
bool isJsonInteger(QByteArrayView text)
{
    if (text.startsWith('-'))
        text = text.sliced(1);
    if (text.isEmpty() || (text.size() > 1 && text.front() == '0'))
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One escape after its backslash, at `p`; the decoded byte, or nullopt for anything the direct path
// leaves to the general one (a \u escape above U+007F, an invalid escape, the end of the text).
std::optional<char> decodeEscape(const char*& p, const char* end)
{
    if (p == end)
        return std::nullopt;
    switch (const char e = *p++) {
    case '"':
    case '\\':
    case '/':
        return e;
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'u': {
        if (end - p < 4)
            return std::nullopt;
        int value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexDigit(p[i]);
            if (digit < 0)
                return std::nullopt;
            value = value * 16 + digit;
        }
        p += 4;
        if (value >= 0x80)
            return std::nullopt;
        return static_cast<char>(value);
    }
    default:
        return std::nullopt;
    }
}

std::optional<QByteArray> unwrapPrintableAscii(QByteArrayView plaintext)
{
    if (!plaintext.startsWith(kBodyPrefix))
        return std::nullopt;
    QByteArray body(plaintext.size(), Qt::Uninitialized); // decoding only shrinks
    char* out = body.data();
    const char* p = plaintext.data() + kBodyPrefix.size();
    const char* const end = plaintext.data() + plaintext.size();
    for (;;) {
        if (p == end)
            return std::nullopt;
        const char c = *p++;
        if (c == '"')
            break;
        if (!isPrintableAscii(c))
            return std::nullopt;
        if (c != '\\') {
            *out++ = c;
            continue;
        }
        const auto decoded = decodeEscape(p, end);
        if (!decoded)
            return std::nullopt;
        *out++ = *decoded;
    }
    // p is one past the closing quote; the rest must be `,"timestamp":<integer>}` and nothing more.
    const QByteArrayView rest(p - 1, end - (p - 1));
    if (!rest.startsWith(kTimestampKey) || !rest.endsWith('}') ||
        !isJsonInteger(rest.sliced(kTimestampKey.size()).chopped(1)))
        return std::nullopt;
    body.truncate(out - body.data());
    return body;
}

} // namespace

QByteArray SmsgPlaintext::wrap(QByteArrayView messageJson, qint64 unixSeconds)
{
    if (auto direct = wrapPrintableAscii(messageJson, unixSeconds))
        return std::move(*direct);
    return wrapGeneral(messageJson, unixSeconds);
}

Result<QByteArray, CodecError> SmsgPlaintext::unwrap(QByteArrayView plaintext)
{
    if (auto direct = unwrapPrintableAscii(plaintext))
        return std::move(*direct);
    return unwrapGeneral(plaintext);
}

QByteArray SmsgPlaintext::wrapGeneral(QByteArrayView messageJson, qint64 unixSeconds)
{
    // Borg marshals with json.Marshal, which writes < > & U+2028 U+2029 as \u escapes.
    return "{\"body\":" + JsonWriter::quote(QString::fromUtf8(messageJson), JsonWriter::Escaping::GoHtmlSafe) +
           ",\"timestamp\":" + QByteArray::number(unixSeconds) + '}';
}

Result<QByteArray, CodecError> SmsgPlaintext::unwrapGeneral(QByteArrayView plaintext)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(plaintext.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(malformed(u"smsg: plaintext is not a JSON object"_s));
    const QJsonValue body = document.object().value(u"body"_s);
    if (!body.isString())
        return fail(malformed(u"smsg: plaintext has no string 'body'"_s));
    return body.toString().toUtf8();
}

} // namespace lethean::node
