#pragma once

// Length-prefixed framing for UEPS packets on a byte stream. Go's reader finds a packet's end only by
// parsing its TLVs, so a reader that fails mid-packet loses its place in the stream for good (WIRE.md
// §9). Each packet here travels as `length:u32 big-endian || packet`; the packet bytes are unchanged,
// so what comes out of the framer is exactly what a Go builder produced and a Go reader accepts.

#include "ueps/packet.h"
#include "ueps/result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace lethean::ueps {

class StreamFramer
{
public:
    static constexpr std::size_t kPrefixSize = 4;
    static constexpr std::size_t kDefaultMaxFrameSize = std::size_t{1} << 20; // 1 MiB
    // The prefix is a u32, so no maximum can usefully exceed this.
    static constexpr std::size_t kLargestMaxFrameSize = 0xFFFFFFFFu;

    // maxFrameSize bounds the packet length (the prefix excluded); it is clamped to kLargestMaxFrameSize.
    explicit StreamFramer(std::size_t maxFrameSize = kDefaultMaxFrameSize) noexcept;

    // prefix || packet. Oversize if the packet is longer than maxFrameSize. A zero-length packet is
    // framed like any other (four zero bytes) and comes out of feed() as an empty packet.
    static Result<std::vector<std::uint8_t>, Error>
    frame(std::span<const std::uint8_t> packet, std::size_t maxFrameSize = kDefaultMaxFrameSize) noexcept;

    // Accepts the next bytes of the stream, split anywhere, and returns the packets they complete, in
    // order. A prefix above the maximum is an Oversize error: the framer then fails every later call
    // (the stream has lost its framing; close it). Packets completed earlier in the failing call are
    // dropped with it. Memory grows only with bytes that actually arrived, never with the announced
    // length, so a lying prefix costs nothing.
    Result<std::vector<std::vector<std::uint8_t>>, Error> feed(std::span<const std::uint8_t> bytes) noexcept;

    bool failed() const noexcept { return m_failed; }
    std::size_t maxFrameSize() const noexcept { return m_maxFrameSize; }
    // Bytes received that belong to the frame (prefix or packet) not yet complete.
    std::size_t pendingBytes() const noexcept { return m_prefixFill + m_body.size(); }
    // Forgets any partial frame and a failure, for a new stream.
    void reset() noexcept;

private:
    void takePrefix(std::span<const std::uint8_t>& bytes) noexcept;
    void takeBody(std::span<const std::uint8_t>& bytes, std::vector<std::vector<std::uint8_t>>& packets);
    void appendToBody(std::span<const std::uint8_t> bytes);
    Error oversize(std::size_t length) const;

    std::size_t m_maxFrameSize;
    std::array<std::uint8_t, kPrefixSize> m_prefix{};
    std::size_t m_prefixFill = 0;
    std::size_t m_frameSize = 0; // valid once m_prefixFill == kPrefixSize
    std::vector<std::uint8_t> m_body;
    bool m_failed = false;
};

} // namespace lethean::ueps
