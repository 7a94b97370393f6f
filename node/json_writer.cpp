#include "node/json_writer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace lethean::node {

namespace {

// True when this UTF-16 unit cannot be written between quotes as it is: anything but printable ASCII,
// what JSON escapes, and under GoHtmlSafe < > &.
bool needsEscape(char16_t u, JsonWriter::Escaping escaping)
{
    if (u < 0x20 || u > 0x7e || u == u'"' || u == u'\\')
        return true;
    return escaping == JsonWriter::Escaping::GoHtmlSafe && (u == u'<' || u == u'>' || u == u'&');
}

// True when the string can be written between quotes as it is. Most of what we write (IDs, hex,
// base64, type names) can.
bool needsNoEscaping(QStringView value, JsonWriter::Escaping escaping)
{
    return std::none_of(value.begin(), value.end(), [escaping](QChar c) { return needsEscape(c.unicode(), escaping); });
}

// Go's float64 encoding (encoding/json floatEncoder): shortest round-trip digits; fixed notation for
// 1e-6 <= |v| < 1e21, otherwise exponent form with a two-digit negative exponent shortened (e-07 → e-7).
QByteArray goFloat(double value)
{
    const double magnitude = std::fabs(value);
    const bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                                      exponent ? std::chars_format::scientific : std::chars_format::fixed);
    QByteArray text(buffer, result.ptr - buffer);
    const qsizetype n = text.size();
    if (exponent && n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0')
        text.remove(n - 2, 1);
    return text;
}

// JsonWriter::quote() straight onto `out` in one pass: no temporary arrays for the printable-ASCII
// strings that most keys and values are (a stats reply has dozens of them). Any other string is
// written again by quote().
void appendQuoted(QByteArray& out, QStringView value, JsonWriter::Escaping escaping)
{
    const qsizetype at = out.size();
    out.resize(at + value.size() + 2);
    char* next = out.data() + at;
    *next++ = '"';
    for (const QChar c : value) {
        if (needsEscape(c.unicode(), escaping)) {
            out.truncate(at);
            out += JsonWriter::quote(value, escaping);
            return;
        }
        *next++ = static_cast<char>(c.unicode());
    }
    *next = '"';
}

} // namespace

JsonWriter::JsonWriter(Escaping escaping, int indent) : m_escaping(escaping), m_indent(indent) {}

JsonWriter& JsonWriter::beginObject()
{
    open('{');
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    close('}');
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    open('[');
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    close(']');
    return *this;
}

JsonWriter& JsonWriter::key(QStringView name)
{
    beforeValue();
    appendQuoted(m_out, name, m_escaping);
    if (m_indent > 0)
        m_out += ": ";
    else
        m_out += ':';
    m_afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::string(QStringView value)
{
    beforeValue();
    appendQuoted(m_out, value, m_escaping);
    return *this;
}

JsonWriter& JsonWriter::integer(qint64 value)
{
    beforeValue();
    m_out += QByteArray::number(value);
    return *this;
}

JsonWriter& JsonWriter::real(double value)
{
    beforeValue();
    m_out += std::isfinite(value) ? goFloat(value) : QByteArray("0");
    return *this;
}

JsonWriter& JsonWriter::boolean(bool value)
{
    beforeValue();
    m_out += value ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null()
{
    beforeValue();
    m_out += "null";
    return *this;
}

JsonWriter& JsonWriter::bytes(QByteArrayView value)
{
    beforeValue();
    m_out += '"';
    m_out += value.toByteArray().toBase64();
    m_out += '"';
    return *this;
}

JsonWriter& JsonWriter::raw(QByteArrayView json)
{
    beforeValue();
    if (hasGoEscapes(json, m_escaping))
        m_out += applyGoEscapes(json.toByteArray(), m_escaping);
    else
        m_out += json; // the usual case: appended without a copy
    return *this;
}

void JsonWriter::reserve(qsizetype size)
{
    m_out.reserve(size);
}

QByteArray JsonWriter::take()
{
    m_hasItems.clear();
    m_afterKey = false;
    return std::exchange(m_out, QByteArray());
}

QByteArray JsonWriter::quote(QStringView value, Escaping escaping)
{
    if (needsNoEscaping(value, escaping)) {
        QByteArray out;
        out.reserve(value.size() + 2);
        out += '"';
        out += value.toLatin1();
        out += '"';
        return out;
    }
    // Qt escapes the string as an array element: ["…"]; keep what lies between the brackets.
    const QByteArray array =
        QJsonDocument(QJsonArray{QJsonValue(value.toString())}).toJson(QJsonDocument::Compact);
    return applyGoEscapes(array.mid(1, array.size() - 2), escaping);
}

bool JsonWriter::hasGoEscapes(QByteArrayView json, Escaping escaping)
{
    // E2 leads U+2028/U+2029 and other characters: a false "yes" only costs applyGoEscapes() a search.
    if (json.contains('\xE2'))
        return true;
    return escaping == Escaping::GoHtmlSafe &&
           std::any_of(json.begin(), json.end(), [](char c) { return c == '<' || c == '>' || c == '&'; });
}

QByteArray JsonWriter::applyGoEscapes(QByteArray json, Escaping escaping)
{
    // U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8; Go escapes them in every mode so the JSON
    // stays valid JavaScript.
    if (json.contains('\xE2')) { // one byte: a memchr, much cheaper on the hot path than a 2-byte search
        json.replace("\xE2\x80\xA8", "\\u2028");
        json.replace("\xE2\x80\xA9", "\\u2029");
    }
    if (escaping == Escaping::GoHtmlSafe) {
        json.replace('&', "\\u0026");
        json.replace('<', "\\u003c");
        json.replace('>', "\\u003e");
    }
    return json;
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_hasItems.empty())
        return;
    if (m_hasItems.back())
        m_out += ',';
    m_hasItems.back() = true;
    newline();
}

void JsonWriter::newline()
{
    if (m_indent <= 0)
        return;
    m_out += '\n';
    m_out += QByteArray(m_indent * static_cast<qsizetype>(m_hasItems.size()), ' ');
}

void JsonWriter::open(char bracket)
{
    beforeValue();
    m_out += bracket;
    m_hasItems.push_back(false);
}

void JsonWriter::close(char bracket)
{
    const bool hadItems = m_hasItems.back();
    m_hasItems.pop_back();
    if (hadItems)
        newline();
    m_out += bracket;
}

} // namespace lethean::node
