#pragma once

// UEPS (RFC-021) packet model, byte-compatible with go-p2p's ueps package (WIRE.md §9).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lethean::ueps {

// TLV tags in the order the Go builder writes them.
enum class Tag : std::uint8_t
{
    Version = 0x01,
    CurrentLayer = 0x02,
    TargetLayer = 0x03,
    Intent = 0x04,
    ThreatScore = 0x05,
    Hmac = 0x06,
    Payload = 0xFF,
};

inline constexpr std::uint8_t kDefaultVersion = 0x09; // "IPv9"
inline constexpr std::uint8_t kDefaultLayer = 5;      // application layer
inline constexpr std::size_t kMaxTlvValue = 0xFFFF;   // the length field is a u16
inline constexpr std::size_t kTlvHeaderSize = 3;      // tag:u8 || length:u16 big-endian
inline constexpr std::size_t kHmacSize = 32;          // HMAC-SHA256

struct Header
{
    std::uint8_t version = kDefaultVersion;
    std::uint8_t currentLayer = kDefaultLayer;
    std::uint8_t targetLayer = kDefaultLayer;
    std::uint8_t intentId = 0;
    std::uint16_t threatScore = 0;

    friend bool operator==(const Header&, const Header&) = default;
};

struct Packet
{
    Header header;
    std::vector<std::uint8_t> payload;

    friend bool operator==(const Packet&, const Packet&) = default;
};

enum class ErrorCode
{
    Truncated,     // the bytes end inside a TLV or before the payload TLV
    BadLength,     // a header value too short for its tag (Go panics), or an HMAC not 32 bytes
    MissingHmac,   // no 0x06 TLV (or only an empty one) before the payload
    HmacMismatch,  // signature does not verify: integrity violation
    Oversize,      // a value over 65535 bytes, or a stream frame over the framer's maximum
    EmptyField,    // a required input is empty (e.g. an empty HMAC key)
    CryptoFailure, // libcrypto refused the HMAC computation
    OutOfMemory    // an allocation failed; reported as a value so no exception leaves the module
};

struct Error
{
    ErrorCode code;
    std::string message;
};

} // namespace lethean::ueps
