#pragma once

#include <QString>

namespace lethean::node {

// Why bytes could not be read as a message or payload. `message` names the field, e.g.
// "payload.miners[0].shares: 1.5 is not an integer".
struct MessageError
{
    enum class Code
    {
        InvalidJson,      // not JSON at all: syntax error, truncation, trailing garbage
        InvalidUtf8,      // bytes that are not UTF-8
        NotAnObject,      // valid JSON, but an array, string, number … where an object belongs
        MissingField,     // a key Go always sends is absent (or null)
        WrongType,        // e.g. a string where Go has an int, or 1.5 for an int
        OutOfRange,       // a number that does not fit the field (2^63 for an int64, 1e400)
        InvalidBase64,    // a []byte field that is not standard base64 with padding
        UnknownType,      // a message type outside the 15 of WIRE.md §3.1
        InvalidTimestamp, // a ts Go's time.Time would not parse (Go drops such messages)
        InvalidValue      // well-typed but not allowed (an unknown role, say)
    };

    Code code = Code::InvalidJson;
    QString message;
};

} // namespace lethean::node
