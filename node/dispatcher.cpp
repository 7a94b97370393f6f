#include "node/dispatcher.h"

#include "node/log_categories.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace lethean::node {

// DispatchError::threatScoreExceeded() quotes the threshold in Go's exact text.
static_assert(kThreatScoreThreshold == 50000);

namespace {

// Go logs intents as fmt.Sprintf("0x%02X").
QString intentText(std::uint8_t intent)
{
    return u"0x"_s + QString::number(intent, 16).toUpper().rightJustified(2, u'0');
}

} // namespace

Dispatcher::Dispatcher(QObject* parent) : QObject(parent), m_log(lcDispatcher)
{
    // By name too, for string-based and QML connections to packetDropped.
    qRegisterMetaType<DispatchError::Code>();
}

bool Dispatcher::isOwnerThread() const
{
    return thread() == QThread::currentThread();
}

void Dispatcher::registerHandler(std::uint8_t intent, Handler handler)
{
    Q_ASSERT(isOwnerThread());
    if (!handler) {
        unregisterHandler(intent);
        return;
    }
    Handler& slot = m_handlers[intent];
    const bool replacing = static_cast<bool>(slot);
    slot = std::move(handler);
    if (replacing)
        m_log.info(u"handler replaced"_s, {{u"intent"_s, intentText(intent)}});
    else
        m_log.debug(u"handler registered"_s, {{u"intent"_s, intentText(intent)}});
}

bool Dispatcher::unregisterHandler(std::uint8_t intent)
{
    Q_ASSERT(isOwnerThread());
    Handler& slot = m_handlers[intent];
    if (!slot)
        return false;
    slot = nullptr;
    m_log.debug(u"handler unregistered"_s, {{u"intent"_s, intentText(intent)}});
    return true;
}

bool Dispatcher::hasHandler(std::uint8_t intent) const
{
    Q_ASSERT(isOwnerThread());
    return static_cast<bool>(m_handlers[intent]);
}

Result<void, DispatchError> Dispatcher::dispatch(const ueps::Packet* packet)
{
    Q_ASSERT(isOwnerThread());
    if (!packet)
        return drop(0, DispatchError::nilPacket());
    const ueps::Header& header = packet->header;

    // The circuit breaker comes before routing: a hostile packet is never looked at further.
    if (header.threatScore > kThreatScoreThreshold) {
        m_log.warn(u"packet dropped: threat score exceeds safety threshold"_s,
                   {{u"intent"_s, intentText(header.intentId)},
                    {u"threat"_s, header.threatScore},
                    {u"threshold"_s, kThreatScoreThreshold},
                    {u"version"_s, header.version}});
        return drop(header.intentId, DispatchError::threatScoreExceeded());
    }

    const Handler& handler = m_handlers[header.intentId];
    if (!handler) {
        m_log.warn(u"packet dropped: unknown intent"_s,
                   {{u"intent"_s, intentText(header.intentId)}, {u"version"_s, header.version}});
        return drop(header.intentId, DispatchError::unknownIntent());
    }

    // A copy, so a handler that re-registers or unregisters its own intent does not destroy the
    // function object it is running in.
    const Handler running = handler;
    const Result<void, QString> handled = running(*packet);
    if (!handled)
        return drop(header.intentId, DispatchError::handlerFailed(handled.error()));
    return {};
}

Result<void, DispatchError> Dispatcher::dispatch(const ueps::Packet& packet)
{
    return dispatch(&packet);
}

Result<void, DispatchError> Dispatcher::drop(std::uint8_t intent, DispatchError error)
{
    Q_EMIT packetDropped(intent, error.code);
    return fail(std::move(error));
}

} // namespace lethean::node
