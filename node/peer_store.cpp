#include "node/peer_store.h"

#include "node/identity_crypto.h"
#include "node/json_reader.h"
#include "node/json_writer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

// Go's zero time.Time, written for a time that was never set (WIRE.md §6.1).
constexpr qint64 kGoZeroTimeUnix = -62135596800;
constexpr char kGoZeroTimeText[] = "0001-01-01T00:00:00Z";

// More problems than this in one file are summarised ("… and 12 more").
constexpr qsizetype kMaxProblems = 50;

// The keys this build reads from a peers.json entry (go-p2p's, then ours). Anything else is kept as an
// unknown field.
constexpr std::array<QStringView, 15> kKnownPeerKeys = {u"id",
                                                        u"name",
                                                        u"publicKey",
                                                        u"address",
                                                        u"role",
                                                        u"addedAt",
                                                        u"lastSeen",
                                                        u"pingMs",
                                                        u"hops",
                                                        u"geoKm",
                                                        u"score",
                                                        u"pinned",
                                                        u"protocolVersion",
                                                        u"allowProtocolDowngrade",
                                                        u"alternateAddresses"};

bool isKnownPeerKey(QStringView key)
{
    // JsonReader matches keys as Go does, case-insensitively; so does this.
    return std::any_of(kKnownPeerKeys.begin(), kKnownPeerKeys.end(),
                       [key](QStringView known) { return known.compare(key, Qt::CaseInsensitive) == 0; });
}

// --- Walking compact JSON that JsonReader has already validated and compacted -------------------------

// The elements of a compact array.
QList<QByteArrayView> arrayElements(QByteArrayView array)
{
    QList<QByteArrayView> elements;
    qsizetype pos = 1;
    while (array[pos] != ']') {
        const qsizetype end = JsonReader::valueEnd(array, pos);
        elements.append(array.sliced(pos, end - pos));
        pos = end;
        if (array[pos] == ',')
            ++pos;
    }
    return elements;
}

QString decodeStringLiteral(QByteArrayView literal)
{
    const QByteArrayView inner = literal.sliced(1, literal.size() - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    QByteArray array;
    array.reserve(literal.size() + 2);
    array += '[';
    array += literal;
    array += ']';
    return QJsonDocument::fromJson(array).array().at(0).toString();
}

// The members of a compact object: decoded key, compact value.
QList<std::pair<QString, QByteArray>> objectMembers(QByteArrayView object)
{
    QList<std::pair<QString, QByteArray>> members;
    qsizetype pos = 1;
    while (object[pos] != '}') {
        const qsizetype keyEnd = JsonReader::stringEnd(object, pos);
        const QString key = decodeStringLiteral(object.sliced(pos, keyEnd - pos));
        pos = keyEnd + 1; // past the ':'
        const qsizetype valueEnd = JsonReader::valueEnd(object, pos);
        members.append({key, object.sliced(pos, valueEnd - pos).toByteArray()});
        pos = valueEnd;
        if (object[pos] == ',')
            ++pos;
    }
    return members;
}

// The whole document as one compact JSON value, or why it is not JSON. JsonReader reads objects only,
// so the value is read as the member of a wrapper object; a syntax error is then reported by reading the
// document alone, so that its offset counts from the start of the file.
Result<QByteArray, QString> compactDocument(QByteArrayView json)
{
    if (json.isEmpty())
        return fail(u"the file is empty"_s);
    QByteArray wrapped;
    wrapped.reserve(json.size() + 8);
    wrapped += "{\"v\":";
    wrapped += json;
    wrapped += '}';
    auto reader = JsonReader::parse(wrapped);
    if (reader)
        return reader->raw(u"v");
    const auto direct = JsonReader::parse(json);
    return fail(direct ? reader.error().message : direct.error().message);
}

void addProblem(QStringList& problems, qsizetype& omitted, const QString& problem)
{
    if (problems.size() < kMaxProblems)
        problems.append(problem);
    else
        ++omitted;
}

void summarise(QStringList& problems, qsizetype omitted)
{
    if (omitted > 0)
        problems.append(u"… and %1 more problems"_s.arg(omitted));
}

// A peers.json time: absent, null and Go's zero time are our null time.
std::optional<GoTime> readTime(JsonReader& in, QStringView key, const QString& path, QString& problem)
{
    const QByteArray raw = in.raw(key);
    if (raw.isEmpty() || raw == "null")
        return GoTime();
    const QString text = in.string(key, JsonReader::Presence::Optional);
    if (in.error())
        return std::nullopt;
    auto parsed = GoTime::parse(text);
    if (!parsed) {
        problem = u"%1.%2: %3"_s.arg(path, key.toString(), parsed.error());
        return std::nullopt;
    }
    if (parsed->unixSeconds() == kGoZeroTimeUnix && parsed->nanosecond() == 0 && parsed->offsetSeconds() == 0)
        return GoTime();
    return *parsed;
}

// One entry, or the sentence that says why it cannot be used.
Result<Peer, QString> readPeer(QByteArrayView element, const QString& path)
{
    if (element == "null")
        return fail(path + u": the entry is null"_s);
    if (element.front() != '{')
        return fail(u"%1: expected an object, got %2"_s.arg(path, JsonReader::kindOf(element.front())));
    auto reader = JsonReader::parse(element, path);
    if (!reader)
        return fail(reader.error().message);
    JsonReader& in = *reader;
    constexpr auto optional = JsonReader::Presence::Optional;

    Peer peer;
    peer.id = in.string(u"id", optional);
    peer.name = in.string(u"name", optional);
    const QString publicKey = in.string(u"publicKey", optional);
    peer.address = in.string(u"address", optional);
    peer.role = in.string(u"role", optional);
    peer.pingMs = in.real(u"pingMs", optional);
    const qint64 hops = in.integer(u"hops", optional);
    peer.geoKm = in.real(u"geoKm", optional);
    const double score = in.contains(u"score") ? in.real(u"score", optional) : 0.0;
    peer.pinned = in.boolean(u"pinned", optional);
    peer.protocolVersion = in.string(u"protocolVersion", optional);
    peer.allowProtocolDowngrade = in.boolean(u"allowProtocolDowngrade", optional);
    peer.alternateAddresses = in.stringArray(u"alternateAddresses", optional);
    if (in.error())
        return fail(in.error()->message);

    QString problem;
    const auto addedAt = readTime(in, u"addedAt", path, problem);
    const auto lastSeen = readTime(in, u"lastSeen", path, problem);
    if (in.error())
        return fail(in.error()->message);
    if (!addedAt || !lastSeen)
        return fail(problem);
    peer.addedAt = *addedAt;
    peer.lastSeen = *lastSeen;

    if (peer.id.isEmpty())
        return fail(path + u": the entry has no id"_s);
    if (hops < std::numeric_limits<int>::min() || hops > std::numeric_limits<int>::max())
        return fail(u"%1.hops: %2 is out of range"_s.arg(path).arg(hops));
    peer.hops = int(hops);
    peer.setScore(score); // Go's registry keeps scores in 0–100; clamp what a hand edit put outside
    if (!publicKey.isEmpty()) {
        const auto key = decodePublicKey(publicKey);
        if (!key)
            return fail(path + u".publicKey: not standard base64 of 32 bytes"_s);
        peer.publicKey = *key;
        // A forged or corrupted entry: Go would route this ID's traffic with another node's key
        // (WIRE.md §13.2). Such an entry can never authenticate, so it is dropped, not loaded.
        if (nodeIdForPublicKey(peer.publicKey) != peer.id)
            return fail(u"%1: id %2 is not the hash of its public key"_s.arg(path, peer.id));
    }
    for (const auto& [key, value] : objectMembers(element)) {
        if (!isKnownPeerKey(key))
            peer.unknownFields.append({key, value});
    }
    return peer;
}

// Go's RFC3339Nano for the instants a registry holds (years 0000–9999, offsets under a day), without
// QString::arg: two of these per peer were half the cost of a save. Anything else: GoTime::toString().
// tst_peer_store checks it against GoTime::toString() on random instants.
void appendGoTime(QByteArray& out, const GoTime& time)
{
    if (time.isNull()) {
        out += kGoZeroTimeText;
        return;
    }
    const qint64 local = time.unixSeconds() + time.offsetSeconds();
    const qint64 days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    const qint64 secondOfDay = local - days * 86400;
    const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(days))};
    const int year = int(date.year());
    if (year < 0 || year > 9999 || std::abs(time.offsetSeconds()) >= 86400) {
        out += time.toString().toLatin1();
        return;
    }
    char text[40];
    char* p = text;
    const auto digits = [&p](qint64 value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            p[i] = char('0' + value % 10);
            value /= 10;
        }
        p += width;
    };
    digits(year, 4);
    *p++ = '-';
    digits(unsigned(date.month()), 2);
    *p++ = '-';
    digits(unsigned(date.day()), 2);
    *p++ = 'T';
    digits(secondOfDay / 3600, 2);
    *p++ = ':';
    digits(secondOfDay / 60 % 60, 2);
    *p++ = ':';
    digits(secondOfDay % 60, 2);
    if (int nanos = time.nanosecond(); nanos != 0) {
        int width = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            --width;
        }
        *p++ = '.';
        digits(nanos, width);
    }
    if (time.offsetSeconds() == 0) {
        *p++ = 'Z';
    } else {
        const int minutes = std::abs(time.offsetSeconds()) / 60; // Go drops the offset's seconds
        *p++ = time.offsetSeconds() < 0 ? '-' : '+';
        digits(minutes / 60, 2);
        *p++ = ':';
        digits(minutes % 60, 2);
    }
    out.append(text, p - text);
}

// peers.json as json.MarshalIndent(peers, "", "  ") lays it out, written straight into one buffer: the
// generic JsonWriter allocates per line and per value, which made a 10,000-peer save three times
// slower. Escaping is still JsonWriter's (quote, applyGoEscapes) for any string that needs it; the
// layout is checked byte for byte against a JsonWriter rendering in tst_peer_store.
class PeersJsonEmitter
{
public:
    explicit PeersJsonEmitter(qsizetype peers) { m_out.reserve(peers * 450 + 16); }

    void peer(const Peer& peer, bool first)
    {
        m_out += first ? "[\n  {" : ",\n  {";
        key("id", true);
        string(peer.id);
        key("name");
        string(peer.name);
        key("publicKey");
        if (peer.publicKey.isEmpty())
            m_out += "\"\"";
        else
            string(encodePublicKey(peer.publicKey));
        key("address");
        string(peer.address);
        key("role");
        string(peer.role);
        key("addedAt");
        m_out += '"';
        appendGoTime(m_out, peer.addedAt);
        m_out += '"';
        key("lastSeen");
        m_out += '"';
        appendGoTime(m_out, peer.lastSeen);
        m_out += '"';
        key("pingMs");
        number(peer.pingMs);
        key("hops");
        m_out += QByteArray::number(peer.hops);
        key("geoKm");
        number(peer.geoKm);
        key("score");
        number(peer.score);
        if (peer.pinned) {
            key("pinned");
            m_out += "true";
        }
        if (!peer.protocolVersion.isEmpty()) {
            key("protocolVersion");
            string(peer.protocolVersion);
        }
        if (peer.allowProtocolDowngrade) {
            key("allowProtocolDowngrade");
            m_out += "true";
        }
        if (!peer.alternateAddresses.isEmpty()) {
            key("alternateAddresses");
            m_out += '[';
            for (qsizetype i = 0; i < peer.alternateAddresses.size(); ++i) {
                m_out += i == 0 ? "\n      " : ",\n      ";
                string(peer.alternateAddresses[i]);
            }
            m_out += "\n    ]";
        }
        for (const auto& [name, value] : peer.unknownFields) {
            m_out += ",\n    ";
            string(name);
            m_out += ": ";
            m_out += JsonWriter::applyGoEscapes(value, JsonWriter::Escaping::GoHtmlSafe);
        }
        m_out += "\n  }";
    }

    QByteArray finish()
    {
        m_out += "\n]";
        return std::move(m_out);
    }

private:
    void key(const char* name, bool first = false)
    {
        m_out += first ? "\n    \"" : ",\n    \"";
        m_out += name;
        m_out += "\": ";
    }

    void string(QStringView value)
    {
        // JsonWriter's own fast path: printable ASCII that neither Qt nor Go (HTML-safe) escapes.
        const bool plain = std::all_of(value.begin(), value.end(), [](QChar c) {
            const char16_t u = c.unicode();
            return u >= 0x20 && u <= 0x7e && u != u'"' && u != u'\\' && u != u'<' && u != u'>' && u != u'&';
        });
        if (!plain) {
            m_out += JsonWriter::quote(value, JsonWriter::Escaping::GoHtmlSafe);
            return;
        }
        const qsizetype at = m_out.size();
        m_out.resize(at + value.size() + 2);
        char* p = m_out.data() + at;
        *p++ = '"';
        for (const QChar c : value)
            *p++ = char(c.unicode());
        *p = '"';
    }

    void number(double value)
    {
        // Whole numbers (most scores, hop counts, round distances) print alike in Go and here; the rest
        // (and -0, which Go writes as "-0") go through JsonWriter's rendering of Go's float format.
        if (value == std::trunc(value) && std::abs(value) < 1e15 && !(value == 0 && std::signbit(value))) {
            m_out += QByteArray::number(qint64(value));
            return;
        }
        m_floats.real(value);
        m_out += m_floats.take();
    }

    QByteArray m_out;
    JsonWriter m_floats;
};

} // namespace

QByteArray PeerStore::serializePeers(const QList<Peer>& peers)
{
    QList<const Peer*> pointers;
    pointers.reserve(peers.size());
    for (const Peer& peer : peers)
        pointers.append(&peer);
    return serializePeerPointers(pointers);
}

QByteArray PeerStore::serializePeerPointers(const QList<const Peer*>& peers)
{
    if (peers.isEmpty())
        return "null";
    PeersJsonEmitter out(peers.size());
    for (qsizetype i = 0; i < peers.size(); ++i)
        out.peer(*peers[i], i == 0);
    return out.finish();
}

PeerStore::Peers PeerStore::parsePeers(QByteArrayView json)
{
    Peers result;
    auto document = compactDocument(json);
    if (!document) {
        result.problems.append(document.error());
        result.unreadable = true;
        return result;
    }
    const QByteArray& compact = *document;
    if (compact == "null")
        return result; // Go's empty registry
    if (compact.front() != '[') {
        result.problems.append(u"expected a JSON array of peers, got %1"_s.arg(JsonReader::kindOf(compact.front())));
        result.unreadable = true;
        return result;
    }
    QHash<QString, qsizetype> indexOf;
    qsizetype omitted = 0;
    const QList<QByteArrayView> elements = arrayElements(compact);
    result.peers.reserve(elements.size());
    for (qsizetype i = 0; i < elements.size(); ++i) {
        auto peer = readPeer(elements[i], u"peers[%1]"_s.arg(i));
        if (!peer) {
            addProblem(result.problems, omitted, peer.error());
            continue;
        }
        if (const auto it = indexOf.constFind(peer->id); it != indexOf.constEnd()) {
            addProblem(
                result.problems, omitted,
                u"peers[%1]: id %2 appears more than once; the later entry is kept"_s.arg(i).arg(peer->id));
            result.peers[it.value()] = std::move(*peer);
            continue;
        }
        indexOf.insert(peer->id, result.peers.size());
        result.peers.append(std::move(*peer));
    }
    summarise(result.problems, omitted);
    return result;
}

QByteArray PeerStore::serializeAllowlist(const QList<QByteArray>& keys)
{
    QStringList encoded;
    encoded.reserve(keys.size());
    for (const QByteArray& key : keys)
        encoded.append(encodePublicKey(key));
    encoded.sort();
    encoded.removeDuplicates();
    if (encoded.isEmpty())
        return "[]";
    JsonWriter out(JsonWriter::Escaping::GoHtmlSafe, 2);
    out.beginArray();
    for (const QString& key : std::as_const(encoded))
        out.string(key);
    out.endArray();
    return out.take();
}

PeerStore::Allowlist PeerStore::parseAllowlist(QByteArrayView json)
{
    Allowlist result;
    auto document = compactDocument(json);
    if (!document) {
        result.problems.append(document.error());
        result.unreadable = true;
        return result;
    }
    const QByteArray& compact = *document;
    if (compact == "null")
        return result;
    if (compact.front() != '[') {
        result.problems.append(
            u"expected a JSON array of public keys, got %1"_s.arg(JsonReader::kindOf(compact.front())));
        result.unreadable = true;
        return result;
    }
    QMap<QString, QByteArray> byText; // sorted, unique
    qsizetype omitted = 0;
    const QList<QByteArrayView> elements = arrayElements(compact);
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const QByteArrayView element = elements[i];
        if (element.front() != '"') {
            addProblem(result.problems, omitted,
                       u"keys[%1]: expected a string, got %2"_s.arg(i).arg(JsonReader::kindOf(element.front())));
            continue;
        }
        const QString text = decodeStringLiteral(element);
        if (text.isEmpty())
            continue; // Go skips empty strings
        const auto key = decodePublicKey(text);
        if (!key) {
            addProblem(result.problems, omitted,
                       u"keys[%1]: \"%2\" is not standard base64 of 32 bytes"_s.arg(i).arg(text.left(64)));
            continue;
        }
        byText.insert(text, *key);
    }
    summarise(result.problems, omitted);
    result.keys = byText.values();
    return result;
}

QByteArray PeerStore::serializeSettings(PeerAuthMode mode)
{
    JsonWriter out(JsonWriter::Escaping::GoHtmlSafe, 2);
    out.beginObject();
    out.key(u"authMode").string(peerAuthModeToString(mode));
    out.endObject();
    return out.take();
}

PeerStore::Settings PeerStore::parseSettings(QByteArrayView json)
{
    Settings result;
    if (json.isEmpty()) {
        result.problems.append(u"the file is empty"_s);
        result.unreadable = true;
        return result;
    }
    auto reader = JsonReader::parse(json);
    if (!reader) {
        result.problems.append(reader.error().message);
        result.unreadable = true;
        return result;
    }
    const QString mode = reader->string(u"authMode", JsonReader::Presence::Optional);
    if (reader->error()) {
        result.problems.append(reader->error()->message);
        result.unreadable = true;
        return result;
    }
    if (mode.isNull())
        return result;
    result.authMode = peerAuthModeFromString(mode);
    if (!result.authMode) {
        result.problems.append(u"authMode: unknown mode \"%1\" (allowlist or open)"_s.arg(mode.left(64)));
        result.unreadable = true;
    }
    return result;
}

Result<std::optional<QByteArray>, QString> PeerStore::readFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<QByteArray>();
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot open %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.size() > kMaxFileSize) {
        return fail(
            u"%1 is %2 bytes, more than the %3 a registry may have"_s.arg(QDir::toNativeSeparators(path))
                .arg(file.size())
                .arg(kMaxFileSize));
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(u"cannot read %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    return std::optional<QByteArray>(std::move(data));
}

Result<void, QString> PeerStore::writeAtomically(const QString& path, const QByteArray& data)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(u"cannot create the folder %1"_s.arg(QDir::toNativeSeparators(dir)));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return fail(u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

Result<QString, QString> PeerStore::keepAside(const QString& path)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmss.zzz'Z'"_s);
    QString target = path + u".corrupt-"_s + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = path + u".corrupt-"_s + stamp + u'-' + QString::number(n);
    if (!QFile::rename(path, target)) {
        return fail(u"cannot rename %1 to %2"_s.arg(QDir::toNativeSeparators(path),
                                                    QDir::toNativeSeparators(target)));
    }
    return target;
}

} // namespace lethean::node
