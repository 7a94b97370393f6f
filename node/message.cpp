#include "node/message.h"

#include "node/sodium_runtime.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

Message Message::create(MessageType type, const QString& from, const QString& to,
                        const QByteArray& payloadJson)
{
    Message message;
    // A random (version 4) UUID, as Go's uuid.New(); WithoutBraces gives its canonical lowercase form.
    message.id = randomUuid().toString(QUuid::WithoutBraces);
    message.type = type;
    message.from = from;
    message.to = to;
    message.timestamp = GoTime::now();
    message.payload = payloadJson;
    return message;
}

Message Message::error(const QString& from, const QString& to, qint64 code, const QString& message,
                       const QString& replyTo)
{
    Message error = create(from, to, ErrorPayload{code, message, QString()});
    error.replyTo = replyTo;
    return error;
}

Message Message::reply(MessageType type, const QByteArray& payloadJson) const
{
    Message answer = create(type, to, from, payloadJson);
    answer.replyTo = id;
    return answer;
}

QByteArray Message::toJson(JsonWriter::Escaping escaping) const
{
    JsonWriter out(escaping);
    out.reserve(payload.size() + 256); // the envelope's fields take under 256 bytes
    out.beginObject();
    out.key(u"id").string(id);
    out.key(u"type").string(messageTypeToString(type));
    out.key(u"from").string(from);
    out.key(u"to").string(to);
    out.key(u"ts").string(timestamp.toString());
    out.key(u"payload").raw(payload.isEmpty() ? QByteArrayView("null") : QByteArrayView(payload));
    if (!replyTo.isEmpty())
        out.key(u"replyTo").string(replyTo);
    out.endObject();
    return out.take();
}

Result<Message, MessageError> Message::fromJson(QByteArrayView json)
{
    auto parsed = JsonReader::parse(json);
    if (!parsed)
        return fail(parsed.error());
    JsonReader& in = *parsed;
    using Presence = JsonReader::Presence;

    Message message;
    message.id = in.string(u"id");
    const QString type = in.string(u"type");
    message.from = in.string(u"from");
    message.to = in.string(u"to", Presence::Optional);
    const QString ts = in.string(u"ts");
    message.payload = in.raw(u"payload");
    if (message.payload == "null")
        message.payload.clear(); // Go writes a nil payload and a null one alike: as null
    message.replyTo = in.string(u"replyTo", Presence::Optional);
    if (in.error())
        return fail(*in.error());

    const auto knownType = messageTypeFromString(type);
    if (!knownType)
        in.reject(MessageError::Code::UnknownType, u"type", u"unknown message type \"%1\""_s.arg(type));
    else
        message.type = *knownType;
    auto timestamp = GoTime::parse(ts);
    if (!timestamp)
        in.reject(MessageError::Code::InvalidTimestamp, u"ts", timestamp.error());
    else
        message.timestamp = *timestamp;
    return in.finish(std::move(message));
}

} // namespace lethean::node
