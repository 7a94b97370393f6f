#include "node/public_identity.h"

#include "node/identity_crypto.h"
#include "node/json_reader.h"
#include "node/json_writer.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

bool PublicIdentity::idMatchesKey() const
{
    const auto key = decodePublicKey(publicKey);
    return key && nodeIdForPublicKey(*key) == id;
}

QByteArray PublicIdentity::toJson() const
{
    JsonWriter out;
    write(out);
    return out.take();
}

QByteArray PublicIdentity::toPrettyJson() const
{
    JsonWriter out(JsonWriter::Escaping::GoHtmlSafe, 2); // json.MarshalIndent escapes HTML
    write(out);
    return out.take();
}

Result<PublicIdentity, MessageError> PublicIdentity::fromJson(QByteArrayView json)
{
    auto in = JsonReader::parse(json);
    if (!in)
        return fail(in.error());
    return read(*in);
}

void PublicIdentity::write(JsonWriter& out) const
{
    out.beginObject();
    out.key(u"id").string(id);
    out.key(u"name").string(name);
    out.key(u"publicKey").string(publicKey);
    out.key(u"createdAt").string(createdAt.toString());
    out.key(u"role").string(nodeRoleToString(role));
    out.endObject();
}

Result<PublicIdentity, MessageError> PublicIdentity::read(JsonReader& in)
{
    PublicIdentity identity;
    identity.id = in.string(u"id");
    identity.name = in.string(u"name");
    identity.publicKey = in.string(u"publicKey");
    const QString createdAt = in.string(u"createdAt");
    const QString role = in.string(u"role");
    if (in.error())
        return fail(*in.error());

    auto time = GoTime::parse(createdAt);
    if (!time)
        in.reject(MessageError::Code::InvalidTimestamp, u"createdAt", time.error());
    else
        identity.createdAt = *time;
    const auto parsedRole = nodeRoleFromString(role);
    if (!parsedRole)
        in.reject(MessageError::Code::InvalidValue, u"role", u"unknown role \"%1\""_s.arg(role));
    else
        identity.role = *parsedRole;
    return in.finish(std::move(identity));
}

} // namespace lethean::node
