#pragma once

// Builds and signs a UEPS packet, byte for byte as go-p2p's ueps.NewBuilder(...).MarshalAndSign(key).

#include "ueps/packet.h"
#include "ueps/result.h"

#include <cstdint>
#include <span>
#include <vector>

namespace lethean::ueps {

class PacketBuilder
{
public:
    // Go's NewBuilder: version 0x09, both layers 5, threat 0. The payload is copied, so the builder
    // never dangles; a payload over 65535 bytes is accepted here and refused by marshalAndSign(), as Go does.
    PacketBuilder(std::uint8_t intentId, std::span<const std::uint8_t> payload);
    explicit PacketBuilder(const Packet& packet);

    PacketBuilder& setVersion(std::uint8_t version) noexcept;
    PacketBuilder& setCurrentLayer(std::uint8_t layer) noexcept;
    PacketBuilder& setTargetLayer(std::uint8_t layer) noexcept;
    PacketBuilder& setIntentId(std::uint8_t intentId) noexcept;
    PacketBuilder& setThreatScore(std::uint16_t threatScore) noexcept;
    PacketBuilder& setHeader(const Header& header) noexcept;
    PacketBuilder& setPayload(std::span<const std::uint8_t> payload);

    const Header& header() const noexcept { return m_header; }
    std::span<const std::uint8_t> payload() const noexcept { return m_payload; }

    // TLVs 01..05, 06 = HMAC-SHA256(key, TLVs 01..05 || payload), FF = payload (WIRE.md §9).
    // Errors: EmptyField (empty key; Go would sign with it), Oversize (payload > 65535, Go's text),
    // CryptoFailure, OutOfMemory. Safe to call from any thread (one HMAC context per thread).
    Result<std::vector<std::uint8_t>, Error> marshalAndSign(std::span<const std::uint8_t> key) const noexcept;

    // Exact size of the marshalled packet for a payload of payloadSize bytes.
    static constexpr std::size_t packetSize(std::size_t payloadSize) noexcept
    {
        return kSignedHeaderSize + kTlvHeaderSize + kHmacSize + kTlvHeaderSize + payloadSize;
    }

    static constexpr std::size_t kSignedHeaderSize = 4 * (kTlvHeaderSize + 1) + // 01..04, one byte each
                                                     kTlvHeaderSize + 2;        // 05, u16 threat score

private:
    Header m_header;
    std::vector<std::uint8_t> m_payload;
};

} // namespace lethean::ueps
