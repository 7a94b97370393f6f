// Dispatcher: every case of go-p2p's dispatcher_test.go (WIRE.md §12), with Go's concurrency test
// recast for thread confinement, plus packets built and verified by the real ueps library.

#include "node/dispatcher.h"
#include "node/log_level.h"
#include "node/log_sink.h"
#include "ueps/packet_builder.h"
#include "ueps/packet_reader.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace lethean::node;
using lethean::Result;
using lethean::ueps::Packet;

namespace {

Packet makePacket(std::uint8_t intent, std::uint16_t threat, std::vector<std::uint8_t> payload)
{
    Packet packet;
    packet.header.intentId = intent;
    packet.header.threatScore = threat;
    packet.payload = std::move(payload);
    return packet;
}

std::vector<std::uint8_t> bytes(const char* text)
{
    const QByteArray data(text);
    return {data.cbegin(), data.cend()};
}

Dispatcher::Handler accept()
{
    return [](const Packet&) -> Result<void, QString> {
        return {};
    };
}

// Lines the dispatcher logged, as formatted by the sink.
QStringList dispatcherLines()
{
    LogFilter filter;
    filter.component = u"dispatcher"_s;
    QStringList out;
    for (const LogLine& line : LogSink::instance().recent(filter))
        out.append(line.text);
    return out;
}

const QString kPrefix = u"2024/01/02 15:04:05 "_s;

} // namespace

class TestDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        LogSink& sink = LogSink::instance();
        sink.setStderrEnabled(false);
        sink.setClock([] { return QDateTime(QDate(2024, 1, 2), QTime(15, 4, 5)); });
        sink.install();
    }

    void cleanupTestCase() { LogSink::instance().uninstall(); }

    void init()
    {
        applyLogLevel(LogLevel::Info);
        LogSink::instance().clear();
    }

    void intentConstants()
    {
        QCOMPARE(Intent::Handshake, std::uint8_t(0x01));
        QCOMPARE(Intent::Compute, std::uint8_t(0x20));
        QCOMPARE(Intent::Rehab, std::uint8_t(0x30));
        QCOMPARE(Intent::Custom, std::uint8_t(0xFF));
        QCOMPARE(kThreatScoreThreshold, std::uint16_t(50000));
    }

    void handlerReceivesThePacket()
    {
        Dispatcher dispatcher;
        std::optional<Packet> received;
        dispatcher.registerHandler(Intent::Handshake, [&](const Packet& packet) -> Result<void, QString> {
            received = packet;
            return {};
        });
        QVERIFY(dispatcher.hasHandler(Intent::Handshake));
        const Packet packet = makePacket(Intent::Handshake, 0, bytes("hello"));
        const auto result = dispatcher.dispatch(packet);
        QVERIFY(result.ok());
        QVERIFY(received.has_value());
        QCOMPARE(*received, packet);
        QCOMPARE(received->payload, bytes("hello"));
    }

    void handlerErrorPropagates()
    {
        Dispatcher dispatcher;
        QSignalSpy dropped(&dispatcher, &Dispatcher::packetDropped);
        dispatcher.registerHandler(Intent::Compute, [](const Packet&) -> Result<void, QString> {
            return lethean::fail(u"compute failed"_s);
        });
        const auto result = dispatcher.dispatch(makePacket(Intent::Compute, 0, bytes("job")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, DispatchError::Code::HandlerFailed);
        QCOMPARE(result.error().message, u"compute failed"_s);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.at(0).at(0).value<quint8>(), quint8(0x20));
        QCOMPARE(dropped.at(0).at(1).value<DispatchError::Code>(), DispatchError::Code::HandlerFailed);
    }

    void threatCircuitBreaker_data()
    {
        QTest::addColumn<int>("threat");
        QTest::addColumn<bool>("dispatched");
        QTest::newRow("score at threshold is allowed") << 50000 << true;
        QTest::newRow("score just above threshold is rejected") << 50001 << false;
        QTest::newRow("maximum uint16 score is rejected") << 65535 << false;
        QTest::newRow("zero score is allowed") << 0 << true;
    }

    void threatCircuitBreaker()
    {
        QFETCH(int, threat);
        QFETCH(bool, dispatched);
        Dispatcher dispatcher;
        bool called = false;
        dispatcher.registerHandler(Intent::Handshake, [&](const Packet&) -> Result<void, QString> {
            called = true;
            return {};
        });
        const auto result = dispatcher.dispatch(
            makePacket(Intent::Handshake, static_cast<std::uint16_t>(threat), bytes("data")));
        QCOMPARE(result.ok(), dispatched);
        QCOMPARE(called, dispatched);
        if (!dispatched) {
            QCOMPARE(result.error().code, DispatchError::Code::ThreatScoreExceeded);
            QCOMPARE(
                result.error().message,
                u"Dispatcher.Dispatch: packet rejected: threat score exceeds safety threshold (50000)"_s);
            QCOMPARE(
                dispatcherLines(),
                QStringList{kPrefix +
                            u"[WARN] [dispatcher] packet dropped: threat score exceeds safety "
                            u"threshold | intent=0x01 threat=%1 threshold=50000 version=9"_s.arg(threat)});
        }
    }

    void unknownIntentIsDropped()
    {
        Dispatcher dispatcher;
        QSignalSpy dropped(&dispatcher, &Dispatcher::packetDropped);
        dispatcher.registerHandler(Intent::Handshake, accept());
        const auto result = dispatcher.dispatch(makePacket(Intent::Compute, 0, bytes("x")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, DispatchError::Code::UnknownIntent);
        QCOMPARE(result.error().message, u"Dispatcher.Dispatch: packet dropped: unknown intent"_s);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.at(0).at(0).value<quint8>(), quint8(0x20));
        QCOMPARE(dropped.at(0).at(1).value<DispatchError::Code>(), DispatchError::Code::UnknownIntent);
        QCOMPARE(
            dispatcherLines(),
            QStringList{kPrefix +
                        u"[WARN] [dispatcher] packet dropped: unknown intent | intent=0x20 version=9"_s});
    }

    void routesToSeveralHandlers()
    {
        Dispatcher dispatcher;
        QMap<std::uint8_t, QList<Packet>> received;
        const std::uint8_t intents[] = {Intent::Handshake, Intent::Compute, Intent::Rehab, Intent::Custom};
        for (const std::uint8_t intent : intents) {
            dispatcher.registerHandler(intent,
                                       [&received, intent](const Packet& packet) -> Result<void, QString> {
                                           received[intent].append(packet);
                                           return {};
                                       });
        }
        for (const std::uint8_t intent : intents)
            QVERIFY(dispatcher.dispatch(makePacket(intent, 0, {intent})).ok());
        QCOMPARE(received.size(), 4);
        for (const std::uint8_t intent : intents) {
            QCOMPARE(received.value(intent).size(), 1);
            QCOMPARE(received.value(intent).first().header.intentId, intent);
            QCOMPARE(received.value(intent).first().payload, std::vector<std::uint8_t>{intent});
        }
    }

    void nilPacket()
    {
        Dispatcher dispatcher;
        QSignalSpy dropped(&dispatcher, &Dispatcher::packetDropped);
        dispatcher.registerHandler(Intent::Handshake, accept());
        const auto result = dispatcher.dispatch(nullptr);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, DispatchError::Code::InvalidPacket);
        QCOMPARE(result.error().message, u"Dispatcher.Dispatch: nil packet"_s);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.at(0).at(0).value<quint8>(), quint8(0));
        QCOMPARE(dropped.at(0).at(1).value<DispatchError::Code>(), DispatchError::Code::InvalidPacket);
    }

    // Go distinguishes a nil and an empty payload; both are an empty vector here and both arrive.
    void emptyPayloadIsDelivered()
    {
        Dispatcher dispatcher;
        int calls = 0;
        dispatcher.registerHandler(Intent::Custom, [&](const Packet& packet) -> Result<void, QString> {
            ++calls;
            if (!packet.payload.empty())
                return lethean::fail(u"expected an empty payload"_s);
            return {};
        });
        QVERIFY(dispatcher.dispatch(makePacket(Intent::Custom, 0, {})).ok());
        Packet bare;
        bare.header.intentId = Intent::Custom;
        QVERIFY(dispatcher.dispatch(&bare).ok());
        QCOMPARE(calls, 2);
    }

    void replacingAHandler()
    {
        applyLogLevel(LogLevel::Debug);
        Dispatcher dispatcher;
        int first = 0;
        int second = 0;
        dispatcher.registerHandler(Intent::Handshake, [&](const Packet&) -> Result<void, QString> {
            ++first;
            return {};
        });
        dispatcher.registerHandler(Intent::Handshake, [&](const Packet&) -> Result<void, QString> {
            ++second;
            return {};
        });
        QVERIFY(dispatcher.dispatch(makePacket(Intent::Handshake, 0, {})).ok());
        QCOMPARE(first, 0);
        QCOMPARE(second, 1);
        QCOMPARE(dispatcherLines(), (QStringList{
                                        kPrefix + u"[DEBUG] [dispatcher] handler registered | intent=0x01"_s,
                                        kPrefix + u"[INFO] [dispatcher] handler replaced | intent=0x01"_s,
                                    }));
    }

    void replacementIsLoggedAtTheDefaultLevel()
    {
        Dispatcher dispatcher;
        dispatcher.registerHandler(Intent::Rehab, accept());
        dispatcher.registerHandler(Intent::Rehab, accept());
        QCOMPARE(dispatcherLines(),
                 QStringList{kPrefix + u"[INFO] [dispatcher] handler replaced | intent=0x30"_s});
    }

    void unregisteringAHandler()
    {
        Dispatcher dispatcher;
        QVERIFY(!dispatcher.hasHandler(Intent::Rehab));
        QVERIFY(!dispatcher.unregisterHandler(Intent::Rehab));
        dispatcher.registerHandler(Intent::Rehab, accept());
        QVERIFY(dispatcher.unregisterHandler(Intent::Rehab));
        QVERIFY(!dispatcher.hasHandler(Intent::Rehab));
        const auto result = dispatcher.dispatch(makePacket(Intent::Rehab, 0, {}));
        QCOMPARE(result.error().code, DispatchError::Code::UnknownIntent);
        dispatcher.registerHandler(Intent::Rehab, accept());
        dispatcher.registerHandler(Intent::Rehab, Dispatcher::Handler()); // empty: unregisters
        QVERIFY(!dispatcher.hasHandler(Intent::Rehab));
    }

    // A handler may replace or remove its own registration while it runs.
    void handlerMayReRegisterItself()
    {
        Dispatcher dispatcher;
        int calls = 0;
        dispatcher.registerHandler(Intent::Compute, [&](const Packet&) -> Result<void, QString> {
            dispatcher.unregisterHandler(Intent::Compute);
            ++calls;
            return {};
        });
        QVERIFY(dispatcher.dispatch(makePacket(Intent::Compute, 0, {})).ok());
        QCOMPARE(calls, 1);
        QVERIFY(!dispatcher.hasHandler(Intent::Compute));
    }

    // The breaker fires before routing: a hostile packet with no handler reports the threat, and the
    // WARN line is in the sink's ring buffer.
    void threatCheckedBeforeRouting()
    {
        Dispatcher dispatcher;
        const auto result = dispatcher.dispatch(makePacket(Intent::Rehab, 60000, bytes("hostile")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, DispatchError::Code::ThreatScoreExceeded);
        const QList<LogLine> lines = LogSink::instance().recent();
        QCOMPARE(lines.size(), 1);
        const LogLine& line = lines.first();
        QCOMPARE(toString(line.level), toString(LogLevel::Warn));
        QCOMPARE(line.component, u"dispatcher"_s);
        QCOMPARE(line.fields.at(0), (std::pair<QString, QVariant>(u"intent"_s, u"0x30"_s)));
        QCOMPARE(line.fields.at(1).first, u"threat"_s);
        QCOMPARE(line.fields.at(1).second.toInt(), 60000);
        QCOMPARE(line.text, kPrefix +
                                u"[WARN] [dispatcher] packet dropped: threat score exceeds safety threshold"
                                u" | intent=0x30 threat=60000 threshold=50000 version=9"_s);
    }

    // Go's "concurrent dispatch" test, for a thread-confined dispatcher: packets posted from 4 worker
    // threads are all dispatched, and handled, on the thread that owns the dispatcher.
    void packetsFromWorkerThreadsRunOnTheOwnerThread()
    {
        constexpr int kThreads = 4;
        constexpr int kPerThread = 100;
        Dispatcher dispatcher;
        int handled = 0;
        int offThread = 0;
        int succeeded = 0;
        QThread* const owner = QThread::currentThread();
        dispatcher.registerHandler(Intent::Compute, [&](const Packet&) -> Result<void, QString> {
            ++handled;
            if (QThread::currentThread() != owner)
                ++offThread;
            return {};
        });

        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&dispatcher, &succeeded, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    const Packet packet = makePacket(Intent::Compute, static_cast<std::uint16_t>(t), {});
                    QMetaObject::invokeMethod(
                        &dispatcher,
                        [&dispatcher, &succeeded, packet] {
                            if (dispatcher.dispatch(packet).ok())
                                ++succeeded; // runs on the owner thread: no race
                        },
                        Qt::QueuedConnection);
                }
            }));
        }
        for (const auto& thread : threads)
            thread->start();
        for (const auto& thread : threads)
            QVERIFY(thread->wait(10000));
        QTRY_COMPARE(handled, kThreads * kPerThread);
        QCOMPARE(succeeded, kThreads * kPerThread);
        QCOMPARE(offThread, 0);
    }

    // A dispatcher moved to a node thread runs its handlers there, whoever posts the packet.
    void dispatcherOnANodeThread()
    {
        QThread nodeThread;
        nodeThread.setObjectName(u"node"_s);
        auto dispatcher = std::make_unique<Dispatcher>();
        QAtomicPointer<QThread> handlerThread;
        QAtomicInt handled;
        dispatcher->registerHandler(Intent::Handshake, [&](const Packet&) -> Result<void, QString> {
            handlerThread.storeRelaxed(QThread::currentThread());
            handled.fetchAndAddOrdered(1);
            return {};
        });
        // Not a QSignalSpy: it records directly on the emitting thread. This receiver gets it queued.
        QObject receiver;
        QList<DispatchError::Code> dropped;
        connect(dispatcher.get(), &Dispatcher::packetDropped, &receiver,
                [&dropped](quint8, DispatchError::Code code) { dropped.append(code); });
        dispatcher->moveToThread(&nodeThread);
        nodeThread.start();

        Dispatcher* raw = dispatcher.get();
        QMetaObject::invokeMethod(
            raw, [raw] { (void)raw->dispatch(makePacket(Intent::Handshake, 0, {})); }, Qt::QueuedConnection);
        QMetaObject::invokeMethod(
            raw, [raw] { (void)raw->dispatch(makePacket(Intent::Rehab, 0, {})); }, Qt::QueuedConnection);
        QTRY_COMPARE(handled.loadRelaxed(), 1);
        QCOMPARE(handlerThread.loadRelaxed(), &nodeThread);
        QTRY_COMPARE(dropped.size(), 1);
        QCOMPARE(dropped.first(), DispatchError::Code::UnknownIntent);

        // Hand it back to this thread before destroying it here.
        QThread* const home = QThread::currentThread();
        QMetaObject::invokeMethod(
            raw, [raw, home] { raw->moveToThread(home); }, Qt::BlockingQueuedConnection);
        nodeThread.quit();
        QVERIFY(nodeThread.wait(10000));
    }

    // Packets built and signed by the real ueps library, read back and verified, then dispatched.
    void realPackets()
    {
        const std::vector<std::uint8_t> key(32, 0x42);
        Dispatcher dispatcher;
        std::optional<Packet> received;
        dispatcher.registerHandler(Intent::Compute, [&](const Packet& packet) -> Result<void, QString> {
            received = packet;
            return {};
        });

        const std::vector<std::uint8_t> payload = bytes(R"({"job":"mine-block-42"})");
        lethean::ueps::PacketBuilder builder(Intent::Compute, payload);
        builder.setThreatScore(100);
        const auto wire = builder.marshalAndSign(key);
        QVERIFY(wire.ok());
        const auto parsed = lethean::ueps::readAndVerify(*wire, key);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->consumed, wire->size());
        QVERIFY(dispatcher.dispatch(parsed->packet).ok());
        QVERIFY(received.has_value());
        QCOMPARE(received->payload, payload);
        QCOMPARE(received->header.threatScore, std::uint16_t(100));
        QCOMPARE(received->header.version, lethean::ueps::kDefaultVersion);

        // A verified packet whose sender scored it hostile is still stopped by the breaker.
        received.reset();
        builder.setThreatScore(kThreatScoreThreshold + 1);
        const auto hostileWire = builder.marshalAndSign(key);
        QVERIFY(hostileWire.ok());
        const auto hostile = lethean::ueps::readAndVerify(*hostileWire, key);
        QVERIFY(hostile.ok());
        const auto result = dispatcher.dispatch(hostile->packet);
        QCOMPARE(result.error().code, DispatchError::Code::ThreatScoreExceeded);
        QVERIFY(!received.has_value());
    }
};

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
