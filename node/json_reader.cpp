#include "node/json_reader.h"

#include "node/base64_std.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <algorithm>
#include <charconv>
#include <cstring>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

// Deeper than any message we exchange; bounds the validator's recursion on hostile input.
constexpr int kMaxDepth = 512;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

qsizetype skipSpace(QByteArrayView text, qsizetype pos)
{
    while (pos < text.size() && isSpace(text[pos]))
        ++pos;
    return pos;
}

// RFC 8259, as strictly as Go's scanner (encoding/json/scanner.go). Qt's own parser accepts "1.",
// ".5", "\x" and a leading byte-order mark, all of which Go rejects, so Qt cannot be the judge here.
class Validator
{
public:
    explicit Validator(QByteArrayView text) : m_text(text) {}

    // Empty when the text is exactly one JSON value (surrounded by optional whitespace).
    QString check()
    {
        m_pos = skipSpace(m_text, 0);
        if (!value(0))
            return m_error;
        m_pos = skipSpace(m_text, m_pos);
        if (m_pos != m_text.size())
            failAt(u"unexpected data after the top-level value"_s);
        return m_error;
    }

private:
    bool value(int depth)
    {
        if (m_pos >= m_text.size())
            return failAt(u"unexpected end of input"_s);
        switch (m_text[m_pos]) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        }
        return number();
    }

    bool object(int depth)
    {
        if (depth > kMaxDepth)
            return failAt(u"nested too deeply"_s);
        m_pos = skipSpace(m_text, m_pos + 1);
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            if (peek() != '"')
                return failAt(u"expected a string key"_s);
            if (!string())
                return false;
            m_pos = skipSpace(m_text, m_pos);
            if (peek() != ':')
                return failAt(u"expected ':' after a key"_s);
            m_pos = skipSpace(m_text, m_pos + 1);
            if (!value(depth))
                return false;
            m_pos = skipSpace(m_text, m_pos);
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            if (peek() != ',')
                return failAt(u"expected ',' or '}' in an object"_s);
            m_pos = skipSpace(m_text, m_pos + 1);
        }
    }

    bool array(int depth)
    {
        if (depth > kMaxDepth)
            return failAt(u"nested too deeply"_s);
        m_pos = skipSpace(m_text, m_pos + 1);
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            if (!value(depth))
                return false;
            m_pos = skipSpace(m_text, m_pos);
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            if (peek() != ',')
                return failAt(u"expected ',' or ']' in an array"_s);
            m_pos = skipSpace(m_text, m_pos + 1);
        }
    }

    bool string()
    {
        for (++m_pos; m_pos < m_text.size(); ++m_pos) {
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return failAt(u"control character in a string"_s);
            if (c == '\\' && !escape())
                return false;
        }
        return failAt(u"unterminated string"_s);
    }

    // On the backslash; leaves m_pos on the escape's last character.
    bool escape()
    {
        const char kind = m_pos + 1 < m_text.size() ? m_text[m_pos + 1] : '\0';
        if (kind != '\0' && QByteArrayView("\"\\/bfnrt").contains(kind)) {
            ++m_pos;
            return true;
        }
        if (kind != 'u')
            return failAt(u"invalid escape in a string"_s);
        for (int i = 2; i < 6; ++i) {
            if (m_pos + i >= m_text.size() || !isHexDigit(m_text[m_pos + i]))
                return failAt(u"invalid \\u escape in a string"_s);
        }
        m_pos += 5;
        return true;
    }

    bool number()
    {
        const qsizetype start = m_pos;
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            m_pos = start;
            return failAt(u"invalid character"_s);
        }
        if (peek() == '.') {
            ++m_pos;
            if (!isDigit(peek()))
                return failAt(u"expected a digit after the decimal point"_s);
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!isDigit(peek()))
                return failAt(u"expected a digit in the exponent"_s);
            skipDigits();
        }
        return true;
    }

    bool literal(const char* word)
    {
        const QByteArrayView expected(word);
        if (m_text.sliced(m_pos).startsWith(expected)) {
            m_pos += expected.size();
            return true;
        }
        return failAt(u"invalid literal"_s);
    }

    void skipDigits()
    {
        while (isDigit(peek()))
            ++m_pos;
    }

    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    bool failAt(const QString& why)
    {
        m_error = u"invalid JSON at offset %1: %2"_s.arg(m_pos).arg(why);
        return false;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

bool isValidUtf8(QByteArrayView text)
{
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
    if (ascii)
        return true;
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString decoded = decoder.decode(text);
    return !decoder.hasError();
}


char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

QString prefixed(const QString& path, const QString& message)
{
    return path.isEmpty() ? message : path + u": "_s + message;
}

} // namespace

// The end of the string literal starting at `pos` (on its opening quote). Input already validated.
qsizetype JsonReader::stringEnd(QByteArrayView text, qsizetype pos)
{
    // memchr to each quote (the hot scan of every message read), then the backslashes just before
    // it: an even run (none included) leaves the quote unescaped, and that one closes the string.
    const char* const inner = text.data() + pos + 1;
    const char* const end = text.data() + text.size();
    for (const char* from = inner;;) {
        const auto* quote = static_cast<const char*>(std::memchr(from, '"', size_t(end - from)));
        Q_ASSERT(quote); // validated input always closes its strings
        qsizetype backslashes = 0;
        for (const char* before = quote - 1; before >= inner && *before == '\\'; --before)
            ++backslashes;
        if (backslashes % 2 == 0)
            return quote - text.data() + 1;
        from = quote + 1;
    }
}

// The end of the value starting at `pos`. Input already validated.
qsizetype JsonReader::valueEnd(QByteArrayView text, qsizetype pos)
{
    const char c = text[pos];
    if (c == '"')
        return JsonReader::stringEnd(text, pos);
    if (c != '{' && c != '[') {
        while (pos < text.size() && !isSpace(text[pos]) && text[pos] != ',' && text[pos] != '}' &&
               text[pos] != ']')
            ++pos;
        return pos;
    }
    int depth = 0;
    while (true) {
        const char d = text[pos];
        if (d == '"') {
            pos = JsonReader::stringEnd(text, pos);
            continue;
        }
        if (d == '{' || d == '[')
            ++depth;
        else if ((d == '}' || d == ']') && --depth == 0)
            return pos + 1;
        ++pos;
    }
}

QString JsonReader::kindOf(char first)
{
    switch (first) {
    case '"':
        return u"a string"_s;
    case '{':
        return u"an object"_s;
    case '[':
        return u"an array"_s;
    case 't':
    case 'f':
        return u"a boolean"_s;
    case 'n':
        return u"null"_s;
    }
    return u"a number"_s;
}

Result<JsonReader, MessageError> JsonReader::parse(QByteArrayView json, const QString& path)
{
    if (!isValidUtf8(json))
        return fail(MessageError{MessageError::Code::InvalidUtf8, prefixed(path, u"not valid UTF-8"_s)});
    const QString syntaxError = Validator(json).check();
    if (!syntaxError.isEmpty())
        return fail(MessageError{MessageError::Code::InvalidJson, prefixed(path, syntaxError)});
    QByteArray document = json.toByteArray();
    const qsizetype begin = skipSpace(document, 0);
    if (document.at(begin) != '{') {
        return fail(MessageError{
            MessageError::Code::NotAnObject,
            prefixed(path, u"expected a JSON object, got %1"_s.arg(JsonReader::kindOf(document.at(begin))))});
    }
    // The validator allows one value and whitespace after it: the object ends at the last '}'.
    qsizetype end = document.size();
    while (isSpace(document.at(end - 1)))
        --end;
    const Span object{begin, end};
    return JsonReader(std::move(document), object, path);
}

JsonReader::JsonReader(QByteArray document, Span object, QString path)
    : m_document(std::move(document)), m_path(std::move(path))
{
    const QByteArrayView text(m_document);
    qsizetype pos = skipSpace(text, object.begin + 1);
    m_members.reserve(8); // most objects we read have fewer members: one allocation
    while (text[pos] != '}') {
        const Span key{pos, JsonReader::stringEnd(text, pos)};
        pos = skipSpace(text, skipSpace(text, key.end) + 1); // past the ':'
        const Span value{pos, JsonReader::valueEnd(text, pos)};
        const QByteArrayView inner = text.sliced(key.begin + 1, key.end - key.begin - 2);
        const bool plainKey =
            std::all_of(inner.begin(), inner.end(), [](char c) { return c >= 0x20 && c <= 0x7e && c != '\\'; });
        m_members.append({key, value, plainKey ? QString() : decodeString(key)});
        pos = skipSpace(text, value.end);
        if (text[pos] == ',')
            pos = skipSpace(text, pos + 1);
    }
}

QString JsonReader::string(QStringView key, Presence presence)
{
    const auto span = present(key, presence, false);
    if (!span || !expect(*span, '"', key, "a string"))
        return {};
    return decodeString(*span);
}

qint64 JsonReader::integer(QStringView key, Presence presence)
{
    const auto span = present(key, presence, false);
    if (!span)
        return 0;
    const QByteArrayView literal = text(*span);
    if (first(*span) != '-' && !isDigit(first(*span))) {
        reject(MessageError::Code::WrongType, key,
               u"expected an integer, got %1"_s.arg(JsonReader::kindOf(first(*span))));
        return 0;
    }
    // Go's int fields go through strconv.ParseInt: no fraction, no exponent, 64 bits.
    if (literal.contains('.') || literal.contains('e') || literal.contains('E')) {
        reject(MessageError::Code::WrongType, key,
               u"%1 is not an integer"_s.arg(QString::fromLatin1(literal)));
        return 0;
    }
    qint64 value = 0;
    const auto result = std::from_chars(literal.begin(), literal.end(), value);
    if (result.ec != std::errc() || result.ptr != literal.end()) {
        reject(MessageError::Code::OutOfRange, key,
               u"%1 does not fit in a 64-bit integer"_s.arg(QString::fromLatin1(literal)));
        return 0;
    }
    return value;
}

double JsonReader::real(QStringView key, Presence presence)
{
    const auto span = present(key, presence, false);
    if (!span)
        return 0;
    if (first(*span) != '-' && !isDigit(first(*span))) {
        reject(MessageError::Code::WrongType, key, u"expected a number, got %1"_s.arg(JsonReader::kindOf(first(*span))));
        return 0;
    }
    const QByteArrayView literal = text(*span);
    double value = 0;
    const auto result = std::from_chars(literal.begin(), literal.end(), value);
    if (result.ec != std::errc() || result.ptr != literal.end()) {
        reject(MessageError::Code::OutOfRange, key,
               u"%1 is out of range for a 64-bit float"_s.arg(QString::fromLatin1(literal)));
        return 0;
    }
    return value;
}

bool JsonReader::boolean(QStringView key, Presence presence)
{
    const auto span = present(key, presence, false);
    if (!span)
        return false;
    if (first(*span) != 't' && first(*span) != 'f') {
        reject(MessageError::Code::WrongType, key, u"expected a boolean, got %1"_s.arg(JsonReader::kindOf(first(*span))));
        return false;
    }
    return first(*span) == 't';
}

QByteArray JsonReader::bytes(QStringView key, Presence presence)
{
    const auto span = present(key, presence, true);
    if (!span || !expect(*span, '"', key, "a base64 string"))
        return {};
    auto decoded = decodeBase64Std(decodeString(*span).toLatin1());
    if (!decoded) {
        reject(MessageError::Code::InvalidBase64, key, u"not standard base64 with padding"_s);
        return {};
    }
    return *decoded;
}

QByteArray JsonReader::raw(QStringView key)
{
    const auto span = find(key);
    return span ? compact(text(*span)) : QByteArray();
}

QStringList JsonReader::stringArray(QStringView key, Presence presence)
{
    const auto span = present(key, presence, true);
    if (!span || !expect(*span, '[', key, "an array"))
        return {};
    QStringList items;
    for (const Span& element : elements(*span)) {
        if (isNull(element)) {
            items.append(QString());
            continue;
        }
        if (first(element) != '"') {
            reject(MessageError::Code::WrongType, key, u"expected an array of strings"_s);
            return {};
        }
        items.append(decodeString(element));
    }
    return items;
}

void JsonReader::reject(MessageError::Code code, QStringView key, const QString& why)
{
    adopt({code, fieldPath(key) + u": "_s + why});
}

QByteArray JsonReader::compact(QByteArrayView json)
{
    // Runs between whitespace are copied whole; what we and Go send is compact already, so usually the
    // first run is the whole text.
    QByteArray out;
    qsizetype runStart = 0;
    for (qsizetype pos = 0; pos < json.size();) {
        if (json[pos] == '"') {
            pos = JsonReader::stringEnd(json, pos);
        } else if (isSpace(json[pos])) {
            out += json.sliced(runStart, pos - runStart);
            while (pos < json.size() && isSpace(json[pos]))
                ++pos;
            runStart = pos;
        } else {
            ++pos;
        }
    }
    if (runStart == 0)
        return json.toByteArray();
    out += json.sliced(runStart);
    return out;
}

std::optional<JsonReader::Span> JsonReader::find(QStringView key) const
{
    // Go's rule: every key that equals the field name, exactly or case-folded, assigns the field,
    // so the last such key in the document wins.
    for (auto it = m_members.crbegin(); it != m_members.crend(); ++it) {
        if (keyMatches(*it, key))
            return it->value;
    }
    return std::nullopt;
}

bool JsonReader::keyMatches(const Member& member, QStringView key) const
{
    // Qt folds case one UTF-16 unit at a time, so keys of different lengths never match; a plain key
    // has one unit per byte. The field names we look up are ASCII: a plain key is compared byte by
    // byte, folding ASCII letters, with no QString made (this runs for every field of every message).
    if (!member.decodedKey.isNull())
        return member.decodedKey.compare(key, Qt::CaseInsensitive) == 0;
    const QByteArrayView inner = text(member.key).sliced(1, member.key.end - member.key.begin - 2);
    if (inner.size() != key.size())
        return false;
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const char16_t wanted = key[i].unicode();
        if (wanted >= 0x80) // a non-ASCII field name: Qt's Unicode folding decides
            return QString::fromLatin1(inner).compare(key, Qt::CaseInsensitive) == 0;
        if (asciiLower(inner[i]) != asciiLower(static_cast<char>(wanted)))
            return false;
    }
    return true;
}

std::optional<JsonReader::Span> JsonReader::present(QStringView key, Presence presence, bool nullAllowed)
{
    if (m_error)
        return std::nullopt;
    const auto span = find(key);
    const bool null = span && isNull(*span);
    if (presence == Presence::Required && (!span || (null && !nullAllowed)))
        reject(MessageError::Code::MissingField, key, span ? u"is null"_s : u"is missing"_s);
    if (!span || null)
        return std::nullopt;
    return span;
}

QString JsonReader::decodeString(Span span) const
{
    const QByteArrayView literal = text(span);
    const QByteArrayView inner = literal.sliced(1, literal.size() - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    // Escapes are Qt's business: let it decode the literal as the only element of an array.
    QByteArray array;
    array.reserve(literal.size() + 2);
    array += '[';
    array += literal;
    array += ']';
    return QJsonDocument::fromJson(array).array().at(0).toString();
}

QList<JsonReader::Span> JsonReader::elements(Span array) const
{
    const QByteArrayView all(m_document);
    QList<Span> spans;
    qsizetype pos = skipSpace(all, array.begin + 1);
    while (all[pos] != ']') {
        const Span element{pos, JsonReader::valueEnd(all, pos)};
        spans.append(element);
        pos = skipSpace(all, element.end);
        if (all[pos] == ',')
            pos = skipSpace(all, pos + 1);
    }
    return spans;
}

bool JsonReader::expect(Span span, char opening, QStringView key, const char* what)
{
    if (first(span) == opening)
        return true;
    reject(MessageError::Code::WrongType, key,
           u"expected %1, got %2"_s.arg(QString::fromLatin1(what), JsonReader::kindOf(first(span))));
    return false;
}

QString JsonReader::fieldPath(QStringView key) const
{
    return m_path.isEmpty() ? key.toString() : m_path + u'.' + key.toString();
}

void JsonReader::adopt(const MessageError& error)
{
    if (!m_error)
        m_error = error;
}

} // namespace lethean::node
