#pragma once

#include "ueps/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace lethean::node {

// Why a pairing code was refused; `message` says so in a sentence for the GUI and the log.
struct PairingCodeError
{
    enum class Code
    {
        Malformed,      // not a lethean: code at all, or the wrong number of fields
        UnknownVersion, // a layout this build does not know (a newer app made it)
        BadChecksum,    // a typo: the checksum does not match the rest of the code
        InvalidKey,     // the key field is not 32 bytes of base64url (or is the all-zero key)
        InvalidAddress, // an address that is not host:port with a port 1–65535
        InvalidName,    // a name that breaks go-p2p's name rule (WIRE.md §6.5)
        OwnCode         // this node's own code (refused by the registry)
    };

    Code code = Code::Malformed;
    QString message;
};

// A node's public key, listening addresses and name as one short, copy-pasteable string (ours; go-p2p
// has no pairing). Version 1 layout (docs/registry.md):
//
//   lethean:1.<key>.<addresses>.<name>.<checksum>
//
// key: base64url (RFC 4648 §5, no padding) of the 32-byte X25519 key, 43 characters; addresses: base64url
// of the UTF-8 "host:port" list joined by ','; name: base64url of the UTF-8 name; checksum: base64url of
// the first 4 bytes of SHA-256 over everything before the last '.', so any typo anywhere is caught (a
// random one slips through with probability 2^-32). Whitespace anywhere (a wrapped line in an e-mail) is
// ignored, and the scheme is case-insensitive.
class PairingCode
{
public:
    static constexpr int kVersion = 1;
    static constexpr qsizetype kMaxLength = 2048; // characters, whitespace removed
    static constexpr int kMaxAddresses = 16;

    PairingCode() = default;
    PairingCode(QByteArray publicKey, QStringList addresses, QString name);

    // Reads a code; every way it can be wrong has its own error code.
    static Result<PairingCode, PairingCodeError> parse(QStringView text);
    // The code as text. The fields must be valid (parse() of the result succeeds) — use validate() first
    // on values from outside.
    QString toString() const;
    // The checks parse() applies to the decoded fields.
    Result<void, PairingCodeError> validate() const;

    const QByteArray& publicKey() const { return m_publicKey; } // 32 raw bytes
    const QStringList& addresses() const { return m_addresses; }
    const QString& name() const { return m_name; }
    // SHA-256(key)[0..16) in hex: the peer ID the code stands for.
    QString peerId() const;

    // "host:port" with a port 1–65535; the host a DNS name, an IPv4 address or an IPv6 address in [ ].
    static bool isValidAddress(QStringView address);

    friend bool operator==(const PairingCode&, const PairingCode&) = default;

private:
    QByteArray m_publicKey;
    QStringList m_addresses;
    QString m_name;
};

} // namespace lethean::node
