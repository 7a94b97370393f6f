#pragma once

// Parses and verifies one UEPS packet from a buffer, as go-p2p's ueps.ReadAndVerify does from a stream
// (WIRE.md §9), without Go's panics: every malformed input is an error value.

#include "ueps/packet.h"
#include "ueps/result.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace lethean::ueps {

struct ReadResult
{
    Packet packet;
    // Bytes up to the end of the payload TLV. Go leaves whatever follows unread in its stream, so a
    // caller holding several packets back to back continues at bytes.subspan(consumed).
    std::size_t consumed = 0;
};

// Reads TLVs up to and including the payload (tag 0xFF). Header tags 01..05 and unknown tags are MACed
// with their tag and length bytes, in the order they appear; duplicate header tags: the last value
// wins and all are MACed; tag 06 (last one wins) is the signature and is not MACed; the payload value
// is MACed without its tag and length. The signature is compared in constant time. A header field
// whose TLV is absent reads as 0, as in Go. Safe to call from any thread (one HMAC context per thread).
//
// Errors: EmptyField (empty key), Truncated (Go's "EOF" / "unexpected EOF"), BadLength (a zero-length
// value on 01..05 or a 1-byte 05, where Go panics; a signature that is not 32 bytes), MissingHmac,
// HmacMismatch, CryptoFailure, OutOfMemory. Never throws, on any input.
Result<ReadResult, Error> readAndVerify(std::span<const std::uint8_t> bytes,
                                        std::span<const std::uint8_t> key) noexcept;

} // namespace lethean::ueps
