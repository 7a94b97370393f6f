#include "ueps/packet_builder.h"

#include "ueps/hmac_sha256.h"

#include <array>
#include <new>
#include <utility>

namespace lethean::ueps {

namespace {

// One keyed-per-call context per thread: creating an EVP_MAC_CTX and binding SHA-256 costs more than
// MACing a small packet, and a thread-local one needs no lock.
HmacSha256& threadMac() noexcept
{
    thread_local HmacSha256 mac;
    return mac;
}

void appendTlv(std::vector<std::uint8_t>& out, Tag tag, std::span<const std::uint8_t> value)
{
    out.push_back(static_cast<std::uint8_t>(tag));
    out.push_back(static_cast<std::uint8_t>(value.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(value.size() & 0xFF));
    out.insert(out.end(), value.begin(), value.end());
}

void appendByteTlv(std::vector<std::uint8_t>& out, Tag tag, std::uint8_t value)
{
    appendTlv(out, tag, std::span<const std::uint8_t>(&value, 1));
}

Error oversizeError()
{
    return Error{ErrorCode::Oversize, "ueps.writeTLV: TLV value too large for 2-byte length header"};
}

} // namespace

PacketBuilder::PacketBuilder(std::uint8_t intentId, std::span<const std::uint8_t> payload)
    : m_payload(payload.begin(), payload.end())
{
    m_header.intentId = intentId;
}

PacketBuilder::PacketBuilder(const Packet& packet) : m_header(packet.header), m_payload(packet.payload) {}

PacketBuilder& PacketBuilder::setVersion(std::uint8_t version) noexcept
{
    m_header.version = version;
    return *this;
}

PacketBuilder& PacketBuilder::setCurrentLayer(std::uint8_t layer) noexcept
{
    m_header.currentLayer = layer;
    return *this;
}

PacketBuilder& PacketBuilder::setTargetLayer(std::uint8_t layer) noexcept
{
    m_header.targetLayer = layer;
    return *this;
}

PacketBuilder& PacketBuilder::setIntentId(std::uint8_t intentId) noexcept
{
    m_header.intentId = intentId;
    return *this;
}

PacketBuilder& PacketBuilder::setThreatScore(std::uint16_t threatScore) noexcept
{
    m_header.threatScore = threatScore;
    return *this;
}

PacketBuilder& PacketBuilder::setHeader(const Header& header) noexcept
{
    m_header = header;
    return *this;
}

PacketBuilder& PacketBuilder::setPayload(std::span<const std::uint8_t> payload)
{
    m_payload.assign(payload.begin(), payload.end());
    return *this;
}

Result<std::vector<std::uint8_t>, Error>
PacketBuilder::marshalAndSign(std::span<const std::uint8_t> key) const noexcept
{
    try {
        if (key.empty()) {
            return fail(Error{ErrorCode::EmptyField, "ueps.MarshalAndSign: empty HMAC key"});
        }
        if (m_payload.size() > kMaxTlvValue) {
            return fail(oversizeError());
        }

        // One allocation of the exact size; the header bytes are MACed from the output buffer itself.
        std::vector<std::uint8_t> out;
        out.reserve(packetSize(m_payload.size()));
        appendByteTlv(out, Tag::Version, m_header.version);
        appendByteTlv(out, Tag::CurrentLayer, m_header.currentLayer);
        appendByteTlv(out, Tag::TargetLayer, m_header.targetLayer);
        appendByteTlv(out, Tag::Intent, m_header.intentId);
        const std::array<std::uint8_t, 2> threat{static_cast<std::uint8_t>(m_header.threatScore >> 8),
                                                 static_cast<std::uint8_t>(m_header.threatScore & 0xFF)};
        appendTlv(out, Tag::ThreatScore, threat);

        HmacSha256& mac = threadMac();
        HmacSha256::Digest signature{};
        if (!mac.init(key) || !mac.update(out) || !mac.update(m_payload) || !mac.finish(signature)) {
            return fail(Error{ErrorCode::CryptoFailure, "ueps.MarshalAndSign: HMAC-SHA256 failed"});
        }
        appendTlv(out, Tag::Hmac, signature);
        appendTlv(out, Tag::Payload, m_payload);
        return out;
    } catch (const std::bad_alloc&) {
        // "out of memory" fits the small-string buffer, so reporting it allocates nothing.
        return fail(Error{ErrorCode::OutOfMemory, "out of memory"});
    }
}

} // namespace lethean::ueps
