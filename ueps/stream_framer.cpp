#include "ueps/stream_framer.h"

#include <algorithm>
#include <new>
#include <string>

namespace lethean::ueps {

namespace {

Error outOfMemory()
{
    // "out of memory" fits the small-string buffer, so reporting it allocates nothing.
    return Error{ErrorCode::OutOfMemory, "out of memory"};
}

} // namespace

StreamFramer::StreamFramer(std::size_t maxFrameSize) noexcept
    : m_maxFrameSize(std::min(maxFrameSize, kLargestMaxFrameSize))
{}

Result<std::vector<std::uint8_t>, Error> StreamFramer::frame(std::span<const std::uint8_t> packet,
                                                             std::size_t maxFrameSize) noexcept
{
    try {
        if (packet.size() > std::min(maxFrameSize, kLargestMaxFrameSize)) {
            return fail(Error{ErrorCode::Oversize,
                              "ueps.StreamFramer: packet of " + std::to_string(packet.size()) +
                                  " bytes exceeds the frame maximum of " + std::to_string(maxFrameSize)});
        }
        std::vector<std::uint8_t> out;
        out.reserve(kPrefixSize + packet.size());
        const auto length = static_cast<std::uint32_t>(packet.size());
        out.push_back(static_cast<std::uint8_t>(length >> 24));
        out.push_back(static_cast<std::uint8_t>(length >> 16));
        out.push_back(static_cast<std::uint8_t>(length >> 8));
        out.push_back(static_cast<std::uint8_t>(length));
        out.insert(out.end(), packet.begin(), packet.end());
        return out;
    } catch (const std::bad_alloc&) {
        return fail(outOfMemory());
    }
}

Result<std::vector<std::vector<std::uint8_t>>, Error>
StreamFramer::feed(std::span<const std::uint8_t> bytes) noexcept
{
    try {
        if (m_failed) {
            return fail(Error{ErrorCode::Oversize, "ueps.StreamFramer: the stream lost its framing earlier; "
                                                   "no further input is accepted"});
        }
        std::vector<std::vector<std::uint8_t>> packets;
        while (!bytes.empty()) {
            if (m_prefixFill < kPrefixSize) {
                takePrefix(bytes);
                if (m_prefixFill < kPrefixSize) {
                    break;
                }
                if (m_frameSize > m_maxFrameSize) {
                    m_failed = true;
                    return fail(oversize(m_frameSize));
                }
                if (m_frameSize == 0) {
                    packets.emplace_back();
                    m_prefixFill = 0;
                    continue;
                }
            }
            takeBody(bytes, packets);
        }
        return packets;
    } catch (const std::bad_alloc&) {
        // Part of this input may already be consumed into state we could not keep: the framing is lost.
        // (Also reached when the message for an earlier failure could not be allocated.)
        m_failed = true;
        return fail(outOfMemory());
    }
}

void StreamFramer::reset() noexcept
{
    m_prefixFill = 0;
    m_frameSize = 0;
    m_body = {};
    m_failed = false;
}

void StreamFramer::takePrefix(std::span<const std::uint8_t>& bytes) noexcept
{
    const std::size_t take = std::min(kPrefixSize - m_prefixFill, bytes.size());
    std::copy_n(bytes.begin(), take, m_prefix.begin() + static_cast<std::ptrdiff_t>(m_prefixFill));
    m_prefixFill += take;
    bytes = bytes.subspan(take);
    if (m_prefixFill == kPrefixSize) {
        m_frameSize = (std::size_t{m_prefix[0]} << 24) | (std::size_t{m_prefix[1]} << 16) |
                      (std::size_t{m_prefix[2]} << 8) | std::size_t{m_prefix[3]};
    }
}

void StreamFramer::takeBody(std::span<const std::uint8_t>& bytes,
                            std::vector<std::vector<std::uint8_t>>& packets)
{
    const std::size_t missing = m_frameSize - m_body.size();
    if (m_body.empty() && bytes.size() >= missing) {
        // The whole packet is in this chunk: copy it once, straight out, without staging it.
        packets.emplace_back(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(missing));
        bytes = bytes.subspan(missing);
    } else {
        const std::size_t take = std::min(missing, bytes.size());
        appendToBody(bytes.first(take));
        bytes = bytes.subspan(take);
        if (m_body.size() < m_frameSize) {
            return;
        }
        packets.push_back(std::move(m_body));
        m_body = {};
    }
    m_prefixFill = 0;
}

void StreamFramer::appendToBody(std::span<const std::uint8_t> bytes)
{
    // Grow geometrically with what arrived, capped by the announced size: never reserve the announced
    // size up front, or a 4-byte prefix could make us allocate up to the maximum for nothing.
    const std::size_t needed = m_body.size() + bytes.size();
    if (needed > m_body.capacity()) {
        m_body.reserve(std::min(m_frameSize, std::max(needed, 2 * m_body.capacity())));
    }
    m_body.insert(m_body.end(), bytes.begin(), bytes.end());
}

Error StreamFramer::oversize(std::size_t length) const
{
    return Error{ErrorCode::Oversize, "ueps.StreamFramer: frame of " + std::to_string(length) +
                                          " bytes announced, above the maximum of " +
                                          std::to_string(m_maxFrameSize)};
}

} // namespace lethean::ueps
