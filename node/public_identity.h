#pragma once

#include "node/go_time.h"
#include "node/message_error.h"
#include "node/node_role.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QString>

namespace lethean::node {

class JsonReader;
class JsonWriter;

// The public half of a node's identity: Go's NodeIdentity, as written to node.json (WIRE.md §1.1) and
// carried in handshake payloads (§2.3). Keys in Go's order: id, name, publicKey, createdAt, role.
struct PublicIdentity
{
    QString id;        // 32 lowercase hex: SHA-256(public key)[0..16)
    QString name;      // free text
    QString publicKey; // standard base64 of the 32-byte X25519 key
    GoTime createdAt;
    NodeRole role = NodeRole::Dual;

    // Whether `id` really is the hash of `publicKey` (Go never checks, WIRE.md §13.2). False when the
    // key does not decode to 32 bytes.
    bool idMatchesKey() const;

    // Compact, as inside a message.
    QByteArray toJson() const;
    // node.json: Go's json.MarshalIndent with two spaces, no trailing newline.
    QByteArray toPrettyJson() const;
    static Result<PublicIdentity, MessageError> fromJson(QByteArrayView json);

    void write(JsonWriter& out) const;
    // Every key is required and role must be one of the three Go roles.
    static Result<PublicIdentity, MessageError> read(JsonReader& in);

    friend bool operator==(const PublicIdentity&, const PublicIdentity&) = default;
};

} // namespace lethean::node
