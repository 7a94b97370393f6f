#pragma once

// UEPS intent routing with the threat circuit breaker (WIRE.md §10, go-p2p node/dispatcher.go).
//
// Threads: where Go guards its handler map with an RWMutex, a Dispatcher is confined to the thread it
// lives on, the node's thread (the main thread in lethean-node, the node QThread in the desktop app).
// Every public method asserts that. Another thread reaches it by a queued signal or by
//   QMetaObject::invokeMethod(dispatcher, [=] { dispatcher->dispatch(packet); }, Qt::QueuedConnection);
// and learns about failures from packetDropped(). Handlers run on the owner thread too.

#include "node/dispatch_error.h"
#include "node/logger.h"
#include "ueps/packet.h"
#include "ueps/result.h"

#include <QObject>
#include <QString>
#include <array>
#include <cstdint>
#include <functional>

namespace lethean::node {

// Well-known UEPS intent IDs (the IntentID header byte).
namespace Intent {
inline constexpr std::uint8_t Handshake = 0x01; // connection establishment / hello
inline constexpr std::uint8_t Compute = 0x20;   // compute job request
inline constexpr std::uint8_t Rehab = 0x30;     // benevolent intervention (pause execution)
inline constexpr std::uint8_t Custom = 0xFF;    // application-level sub-protocols
} // namespace Intent

// Packets scoring above this are dropped before routing: about 76% of the u16 range, headroom for
// legitimately elevated-risk traffic. Strict: 50000 itself passes.
inline constexpr std::uint16_t kThreatScoreThreshold = 50000;

class Dispatcher : public QObject
{
    Q_OBJECT

public:
    // Receives a parsed, HMAC-verified packet. An error is handed back to dispatch()'s caller as
    // DispatchError::Code::HandlerFailed carrying this message.
    using Handler = std::function<Result<void, QString>(const ueps::Packet&)>;

    explicit Dispatcher(QObject* parent = nullptr);

    // One handler per intent: registering again replaces the previous one (logged). An empty Handler
    // is the same as unregisterHandler().
    void registerHandler(std::uint8_t intent, Handler handler);
    // Returns whether a handler was registered.
    bool unregisterHandler(std::uint8_t intent);
    bool hasHandler(std::uint8_t intent) const;

    // Threat check first (so a hostile packet with an unknown intent reports ThreatScoreExceeded),
    // then routing. A null packet is InvalidPacket. Every failure is also signalled by packetDropped.
    Result<void, DispatchError> dispatch(const ueps::Packet* packet);
    Result<void, DispatchError> dispatch(const ueps::Packet& packet);

Q_SIGNALS:
    // A packet that was not handled successfully: rejected, unroutable, null (intent 0) or failed in
    // its handler.
    void packetDropped(quint8 intent, lethean::node::DispatchError::Code code);

private:
    bool isOwnerThread() const;
    Result<void, DispatchError> drop(std::uint8_t intent, DispatchError error);

    std::array<Handler, 256> m_handlers; // indexed by intent ID: every u8 has a slot
    Logger m_log;
};

} // namespace lethean::node
