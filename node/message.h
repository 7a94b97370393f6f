#pragma once

#include "node/go_time.h"
#include "node/json_reader.h"
#include "node/json_writer.h"
#include "node/message_error.h"
#include "node/message_type.h"
#include "node/payloads.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace lethean::node {

// The protocol 1.0 envelope (WIRE.md §3), as go-p2p's Message. On the wire, compact, in this key
// order: id, type, from, to, ts, payload, replyTo (omitted when empty). The payload is embedded as raw
// JSON, `null` when there is none.
struct Message
{
    QString id; // UUID v4, lowercase; receivers never validate it (it is the dedup key)
    MessageType type = MessageType::Ping;
    QString from;       // sender node ID
    QString to;         // recipient node ID; "" for broadcast (always written)
    GoTime timestamp;   // "ts"
    QByteArray payload; // compact JSON; empty = none (written as null, and null reads back as empty)
    QString replyTo;    // the request's id, on replies

    // Go's NewMessage: a fresh UUID v4 and the current time, with a JSON payload or none.
    static Message create(MessageType type, const QString& from, const QString& to,
                          const QByteArray& payloadJson = QByteArray());
    // The same with a typed payload; the type comes from the payload.
    template <typename P> static Message create(const QString& from, const QString& to, const P& payload)
    {
        return create(P::kType, from, to, payload.toJson());
    }
    // Go's NewErrorMessage.
    static Message error(const QString& from, const QString& to, qint64 code, const QString& message,
                         const QString& replyTo);
    static Message error(const QString& from, const QString& to, ErrorCode code, const QString& message,
                         const QString& replyTo)
    {
        return error(from, to, static_cast<qint64>(code), message, replyTo);
    }

    // Go's Reply: from = this.to, to = this.from, replyTo = this.id. The reply's `from` is therefore
    // whatever the requester put in `to` (possibly ""), not necessarily our ID (WIRE.md §13.25); the
    // Go controller matches replies by replyTo alone.
    Message reply(MessageType type, const QByteArray& payloadJson = QByteArray()) const;
    template <typename P> Message reply(const P& payload) const { return reply(P::kType, payload.toJson()); }

    // Whether a payload other than null is present.
    bool hasPayload() const { return !payload.isEmpty() && payload != "null"; }

    // The envelope as go-p2p's MarshalJSON writes it: compact, no trailing newline, < > & unescaped
    // (Escaping::Go). GoHtmlSafe gives json.Marshal's escaping instead.
    QByteArray toJson(JsonWriter::Escaping escaping = JsonWriter::Escaping::Go) const;
    // Strict where Go is strict or where Go would drop the message (unknown type, bad ts, malformed
    // JSON); tolerant where Go is tolerant (unknown keys, key case, absent optional keys). id, type,
    // from and ts are required; to, payload and replyTo are optional.
    static Result<Message, MessageError> fromJson(QByteArrayView json);

    friend bool operator==(const Message&, const Message&) = default;
};

// Go's ParsePayload with a typed result: an absent or null payload gives a default P (as Go leaves
// the target untouched); otherwise the payload must be a P object. Errors name "payload.<field>".
template <typename P> Result<P, MessageError> parsePayload(const Message& message)
{
    if (!message.hasPayload())
        return P{};
    auto in = JsonReader::parse(message.payload, QStringLiteral("payload"));
    if (!in)
        return fail(in.error());
    return P::read(*in);
}

} // namespace lethean::node
