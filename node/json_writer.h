#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <vector>

namespace lethean::node {

// Writes JSON with the keys in the order the caller gives them, as Go's encoding/json writes struct
// fields (QJsonDocument sorts keys, so it cannot reproduce go-p2p's bytes). Each scalar is escaped by
// QJsonDocument itself; only Go's extra escapes are applied on top of Qt's output (see Escaping).
//
// Numbers follow Go too: integers in decimal, floats in the shortest form that round-trips, fixed
// notation between 1e-6 and 1e21 and exponent form (e.g. 1e+21, 1e-7) outside it.
class JsonWriter
{
public:
    enum class Escaping
    {
        // go-p2p's MarshalJSON (bufpool.go): SetEscapeHTML(false), so < > & are written raw. This is
        // how the envelope and every payload go on the wire.
        Go,
        // Go's json.Marshal default: < > & written as \u003c \u003e \u0026. Borg uses it for the SMSG
        // "body" string (WIRE.md §4).
        GoHtmlSafe
    };

    // indent > 0 pretty-prints as Go's json.MarshalIndent(v, "", <indent spaces>) does.
    explicit JsonWriter(Escaping escaping = Escaping::Go, int indent = 0);

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    // The next value belongs to this key.
    JsonWriter& key(QStringView name);

    JsonWriter& string(QStringView value);
    JsonWriter& integer(qint64 value);
    // A non-finite value (which Go refuses to marshal) is written as 0.
    JsonWriter& real(double value);
    JsonWriter& boolean(bool value);
    JsonWriter& null();
    // Go's []byte: standard base64 with padding.
    JsonWriter& bytes(QByteArrayView value);
    // Already-encoded compact JSON, embedded as Go embeds a json.RawMessage (never re-indented).
    JsonWriter& raw(QByteArrayView json);

    // Room for a document of about `size` bytes, so appending does not reallocate on the way.
    void reserve(qsizetype size);

    // The document so far; the writer is empty afterwards.
    QByteArray take();

    // One JSON string literal, quotes included.
    static QByteArray quote(QStringView value, Escaping escaping = Escaping::Go);
    // Go's escapes that Qt does not apply, on a JSON text whose only non-ASCII or HTML bytes are in
    // strings (true of any valid JSON): U+2028/U+2029 always, < > & under GoHtmlSafe.
    static QByteArray applyGoEscapes(QByteArray json, Escaping escaping);
    // False when applyGoEscapes() would leave `json` as it is (almost everything we write); a cheap
    // check, so raw JSON is appended without a copy.
    static bool hasGoEscapes(QByteArrayView json, Escaping escaping);

private:
    void beforeValue();
    void newline();
    void open(char bracket);
    void close(char bracket);

    QByteArray m_out;
    // One entry per open container: whether it has an item yet. A std::vector, not a QList: this is
    // read and written for every value written, and QList checks for sharing on each write.
    std::vector<char> m_hasItems;
    Escaping m_escaping;
    int m_indent;
    bool m_afterKey = false;
};

} // namespace lethean::node
