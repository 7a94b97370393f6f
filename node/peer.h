#pragma once

#include "node/go_time.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <utility>

namespace lethean::node {

// One known remote node: go-p2p's Peer (WIRE.md §6.1) plus what this project adds. A value type: the
// registry hands out copies (snapshots), never references into itself, so a copy can cross to the GUI
// thread in a queued signal.
struct Peer
{
    static constexpr double kDefaultScore = 50.0;
    static constexpr double kMinScore = 0.0;
    static constexpr double kMaxScore = 100.0;
    static constexpr double kSuccessDelta = 1.0; // RecordSuccess
    static constexpr double kFailureDelta = 5.0; // RecordFailure
    static constexpr double kTimeoutDelta = 3.0; // RecordTimeout
    static constexpr int kMaxNameBytes = 64;

    // go-p2p's fields, persisted in peers.json in this order.
    QString id;           // 32 lowercase hex: SHA-256(publicKey)[0..16)
    QString name;         // WIRE.md §6.5's rule when added; may be empty
    QByteArray publicKey; // 32 raw bytes; empty when not known yet
    QString address;      // host:port to dial; empty for an auto-registered inbound peer
    QString role;    // "controller", "worker" or "dual" as the peer said (informational, free text in Go)
    GoTime addedAt;  // null: Go's zero time, 0001-01-01T00:00:00Z
    GoTime lastSeen; // null: never seen (Go's zero time)
    double pingMs = 0;
    int hops = 0;
    double geoKm = 0;
    double score = kDefaultScore; // 0–100

    // Ours, persisted as extra keys only when set (go-p2p ignores unknown keys and drops them).
    bool pinned = false;     // added by the user (a pairing code), not learned from the network
    QString protocolVersion; // highest protocol version seen on a connection ("1.0", "2.0"), or empty
    bool allowProtocolDowngrade = false; // the user lets this peer speak an older protocol than it has
    QStringList alternateAddresses;      // further host:port to try after `address` (from a pairing code)

    // Not persisted (Go's `json:"-"`).
    bool connected = false;

    // Keys of the peers.json entry this build does not know (a newer version's), as compact JSON values
    // in file order, written back on save so that an older build does not destroy them.
    QList<std::pair<QString, QByteArray>> unknownFields;

    // Go's score bookkeeping (WIRE.md §6.3): +1 capped at 100; −5 and −3 floored at 0; set clamps.
    void recordSuccess();
    void recordFailure();
    void recordTimeout();
    void setScore(double value); // clamped to [0, 100]; NaN is the caller's to refuse

    // go-p2p's peer-name rule, the one a remote Go node applies to our name (WIRE.md §6.5): empty, or 1 to
    // 64 ASCII letters, digits, '-', '_' and ' ', beginning and ending with a letter or digit. Dots are
    // not allowed, so a host name such as "rig-7.local" is not a valid name: it stays refused here too,
    // because a Go node would refuse it (WIRE.md §13.19). The error names the rule and what broke it.
    static Result<void, QString> validateName(QStringView name);
    // The sentence that states the rule, for messages and the GUI.
    static QString nameRule();
    // A name that follows the rule, made from one that does not: the part before the first '.' (a host
    // name's first label), other characters outside the rule replaced by '-', the ends trimmed to a
    // letter or digit, at most 64 characters. May be empty.
    static QString sanitizedName(QStringView name);

    friend bool operator==(const Peer&, const Peer&) = default;
};

} // namespace lethean::node

Q_DECLARE_METATYPE(lethean::node::Peer)
