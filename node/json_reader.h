#pragma once

#include "node/message_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>
#include <utility>

namespace lethean::node {

// Reads one JSON object field by field with Go's encoding/json rules, so a C++ node accepts exactly
// what a Go node accepts, where that matters:
// - strict syntax (RFC 8259): no trailing garbage, no "1." or ".5", no invalid escapes, no raw control
//   characters in strings, no byte-order mark; and, stricter than Go, only valid UTF-8;
// - keys match case-insensitively as Go matches struct fields (an exact match is also a fold match),
//   and when several keys match one field the last one in the document wins, as in Go;
// - unknown keys are ignored; an int field takes only an integer literal that fits in 64 bits;
// - raw values (json.RawMessage) keep their bytes, compacted as Go compacts them when re-sending.
// Missing keys: Go silently leaves the zero value; here a field read as Required is an error when
// absent or null. Payload readers mark required exactly the keys Go always sends (no omitempty).
//
// Errors are sticky: the first one is kept and later reads return zero values, so a payload reader is
// a straight list of field reads followed by finish().
class JsonReader
{
public:
    enum class Presence
    {
        Required,
        Optional
    };

    // `json` must be one JSON object. `path` prefixes error messages ("payload", say).
    // What a JSON value starting with this byte is, for error messages: "a string", "an object", …
    static QString kindOf(char first);
    // Scanning text that has already been validated: the end of the string literal, or of any value,
    // starting at `pos` (one past its last byte). Used to slice raw values without parsing them.
    static qsizetype stringEnd(QByteArrayView text, qsizetype pos);
    static qsizetype valueEnd(QByteArrayView text, qsizetype pos);
    static Result<JsonReader, MessageError> parse(QByteArrayView json, const QString& path = QString());

    QString string(QStringView key, Presence presence = Presence::Required);
    qint64 integer(QStringView key, Presence presence = Presence::Required);
    double real(QStringView key, Presence presence = Presence::Required);
    bool boolean(QStringView key, Presence presence = Presence::Required);
    // []byte: standard base64 with padding. null reads as empty, as Go writes a nil slice as null.
    QByteArray bytes(QStringView key, Presence presence = Presence::Optional);
    // json.RawMessage: the value's bytes, compacted; empty when the key is absent, "null" for null.
    QByteArray raw(QStringView key);
    // []string: null reads as empty; a null element reads as "".
    QStringList stringArray(QStringView key, Presence presence = Presence::Required);
    // A nested struct: T::read(JsonReader&) -> Result<T, MessageError>.
    template <typename T> T object(QStringView key, Presence presence = Presence::Required);
    // []T: null reads as empty; a null element reads as T{}.
    template <typename T> QList<T> objectArray(QStringView key, Presence presence = Presence::Required);

    bool contains(QStringView key) const { return find(key).has_value(); }
    const std::optional<MessageError>& error() const { return m_error; }
    // The value read, or the first error met while reading it.
    template <typename T> Result<T, MessageError> finish(T value) const;

    // Records an error found by the caller's own checks (an unknown enum value, say).
    void reject(MessageError::Code code, QStringView key, const QString& why);

    // Go's json.Compact: drops whitespace outside strings. `json` must be valid.
    static QByteArray compact(QByteArrayView json);

private:
    struct Span
    {
        qsizetype begin = 0;
        qsizetype end = 0;
    };
    struct Member
    {
        Span key;           // the literal, quotes included
        Span value;
        QString decodedKey; // only for keys with escapes or non-ASCII; null for a plain key, which is
                            // printable ASCII compared as it stands
    };

    JsonReader(QByteArray document, Span object, QString path);

    std::optional<Span> find(QStringView key) const;
    bool keyMatches(const Member& member, QStringView key) const;
    // The value to decode, or nullopt when absent or null (recording MissingField when required and
    // nullAllowed is false).
    std::optional<Span> present(QStringView key, Presence presence, bool nullAllowed);
    QByteArrayView text(Span span) const
    {
        return QByteArrayView(m_document).sliced(span.begin, span.end - span.begin);
    }
    char first(Span span) const { return m_document.at(span.begin); }
    bool isNull(Span span) const { return text(span) == "null"; }
    QString decodeString(Span span) const;
    QList<Span> elements(Span array) const;
    bool expect(Span span, char opening, QStringView key, const char* what);
    JsonReader child(Span object, const QString& path) const { return JsonReader(m_document, object, path); }
    QString fieldPath(QStringView key) const;
    void adopt(const MessageError& error);

    QByteArray m_document; // shared (implicitly) by every nested reader
    QString m_path;
    QList<Member> m_members;
    std::optional<MessageError> m_error;
};

template <typename T> T JsonReader::object(QStringView key, Presence presence)
{
    const auto span = present(key, presence, false);
    if (!span || !expect(*span, '{', key, "an object"))
        return T{};
    JsonReader nested = child(*span, fieldPath(key));
    auto value = T::read(nested);
    if (!value) {
        adopt(value.error());
        return T{};
    }
    return std::move(value).value();
}

template <typename T> QList<T> JsonReader::objectArray(QStringView key, Presence presence)
{
    const auto span = present(key, presence, true);
    if (!span || !expect(*span, '[', key, "an array"))
        return {};
    using namespace Qt::StringLiterals;
    QList<T> items;
    const QList<Span> spans = elements(*span);
    for (qsizetype i = 0; i < spans.size() && !m_error; ++i) {
        if (isNull(spans[i])) {
            items.append(T{});
            continue;
        }
        const QString itemPath = u"%1[%2]"_s.arg(fieldPath(key)).arg(i);
        if (first(spans[i]) != '{') {
            adopt({MessageError::Code::WrongType, itemPath + u": expected an object"_s});
            break;
        }
        JsonReader nested = child(spans[i], itemPath);
        auto value = T::read(nested);
        if (!value) {
            adopt(value.error());
            break;
        }
        items.append(std::move(value).value());
    }
    return m_error ? QList<T>() : items;
}

template <typename T> Result<T, MessageError> JsonReader::finish(T value) const
{
    if (m_error)
        return fail(*m_error);
    return value;
}

} // namespace lethean::node
