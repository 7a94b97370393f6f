#pragma once

#include "node/codec_error.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace lethean::node {

// The plaintext inside a protocol 1.0 frame (WIRE.md §4): P = {"body":"<envelope JSON as a string>",
// "timestamp":<unix seconds>}, with Go's json.Marshal escaping of the body (< > & and U+2028/U+2029
// as \u escapes).
//
// Why not only QJsonDocument: the envelope is JSON inside a JSON string, so every quote in it is
// escaped, and a 1 KiB envelope cost about 15 µs to wrap (a QString round trip and three replace
// passes) and 14 µs to unwrap (Qt's parser appends an escaped string one character at a time): two
// thirds of the codec's time, more than the cipher. The direct paths take exactly the printable-ASCII
// bodies Go and we write (every envelope without non-ASCII text); anything else — non-ASCII or control
// bytes, other key orders, whitespace, a non-integer timestamp, a \u escape above U+007F — goes through
// the general path (QJsonDocument), so what is written and what is accepted are unchanged. The tests
// compare the two paths on the same inputs.
class SmsgPlaintext
{
public:
    static QByteArray wrap(QByteArrayView messageJson, qint64 unixSeconds);
    // The envelope JSON in `plaintext`'s "body"; Malformed when it is not a JSON object with a string body.
    static Result<QByteArray, CodecError> unwrap(QByteArrayView plaintext);

    // The general paths alone (what the direct paths must agree with).
    static QByteArray wrapGeneral(QByteArrayView messageJson, qint64 unixSeconds);
    static Result<QByteArray, CodecError> unwrapGeneral(QByteArrayView plaintext);
};

} // namespace lethean::node
