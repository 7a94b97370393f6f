// StreamFramer: u32 big-endian length prefix around unchanged UEPS packets, fed in arbitrary pieces.

#include "ueps/packet_builder.h"
#include "ueps/packet_reader.h"
#include "ueps/stream_framer.h"

#include <QByteArray>
#include <QList>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <random>
#include <span>
#include <vector>

using namespace lethean::ueps;

// Records the largest single allocation while a test asks for it, to show that an announced frame
// length is never allocated before its bytes arrive. Replacing the global operator new is the only way
// to see what std::vector asks for.
namespace {
std::atomic<bool> g_trackAllocations{false};
std::atomic<std::size_t> g_largestAllocation{0};
} // namespace

void* operator new(std::size_t size)
{
    if (g_trackAllocations.load(std::memory_order_relaxed)) {
        std::size_t largest = g_largestAllocation.load(std::memory_order_relaxed);
        while (size > largest && !g_largestAllocation.compare_exchange_weak(largest, size)) {
        }
    }
    if (void* memory = std::malloc(size == 0 ? 1 : size)) {
        return memory;
    }
    throw std::bad_alloc();
}

void operator delete(void* memory) noexcept
{
    std::free(memory);
}

void operator delete(void* memory, std::size_t) noexcept
{
    std::free(memory);
}

namespace {

const QByteArray kKey = QByteArrayLiteral("framer-test-shared-secret-32-byt");

std::span<const std::uint8_t> bytesOf(const QByteArray& data)
{
    return {reinterpret_cast<const std::uint8_t*>(data.constData()), static_cast<std::size_t>(data.size())};
}

QByteArray toBytes(const std::vector<std::uint8_t>& data)
{
    return QByteArray(reinterpret_cast<const char*>(data.data()), static_cast<qsizetype>(data.size()));
}

QByteArray framed(const QByteArray& packet, std::size_t maxFrameSize = StreamFramer::kDefaultMaxFrameSize)
{
    auto frame = StreamFramer::frame(bytesOf(packet), maxFrameSize);
    return frame ? toBytes(*frame) : QByteArray();
}

// Feeds the pieces in order; stops at the first error, which it returns through failedAt (or -1).
QList<QByteArray> feedAll(StreamFramer& framer, const QList<QByteArray>& pieces, int* failedAt = nullptr)
{
    QList<QByteArray> packets;
    if (failedAt != nullptr) {
        *failedAt = -1;
    }
    for (int i = 0; i < pieces.size(); ++i) {
        auto result = framer.feed(bytesOf(pieces[i]));
        if (!result) {
            if (failedAt != nullptr) {
                *failedAt = i;
            }
            break;
        }
        for (const auto& packet : *result) {
            packets.append(toBytes(packet));
        }
    }
    return packets;
}

QList<QByteArray> samplePackets()
{
    return {QByteArrayLiteral("first"), QByteArray(), QByteArray(300, 'x'),
            QByteArrayLiteral("\x00\x01\x02")};
}

QByteArray concatenatedFrames(const QList<QByteArray>& packets)
{
    QByteArray stream;
    for (const QByteArray& packet : packets) {
        stream += framed(packet);
    }
    return stream;
}

} // namespace

class TestStreamFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void frameLayout();
    void frameRespectsMaximum_data();
    void frameRespectsMaximum();
    void splitAtEveryOffset();
    void oneByteAtATime();
    void severalPacketsInOneFeed();
    void zeroLengthFrameIsAnEmptyPacket();
    void oversizePrefix_data();
    void oversizePrefix();
    void failedFramerRefusesInputUntilReset();
    void failingCallDropsItsEarlierPackets();
    void maximumIsConfigurable_data();
    void maximumIsConfigurable();
    void announcedLengthIsNotAllocatedUpFront();
    void pendingBytesCountsThePartialFrame();
    void mebibyteStreamOfUepsPackets();
};

void TestStreamFramer::frameLayout()
{
    QCOMPARE(framed(QByteArrayLiteral("abc")), QByteArray::fromHex("00000003616263"));
    QCOMPARE(framed(QByteArray(0x0102, 'z')).left(4), QByteArray::fromHex("00000102"));
    QCOMPARE(framed(QByteArray()), QByteArray::fromHex("00000000"));
}

void TestStreamFramer::frameRespectsMaximum_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<qsizetype>("maximum");
    QTest::addColumn<bool>("fits");

    const auto mib = qsizetype(StreamFramer::kDefaultMaxFrameSize);
    QTest::newRow("1 MiB at the default") << mib << mib << true;
    QTest::newRow("1 MiB + 1 at the default") << mib + 1 << mib << false;
    QTest::newRow("16 at 16") << qsizetype(16) << qsizetype(16) << true;
    QTest::newRow("17 at 16") << qsizetype(17) << qsizetype(16) << false;
    QTest::newRow("empty at 0") << qsizetype(0) << qsizetype(0) << true;
    QTest::newRow("1 at 0") << qsizetype(1) << qsizetype(0) << false;
}

void TestStreamFramer::frameRespectsMaximum()
{
    QFETCH(qsizetype, size);
    QFETCH(qsizetype, maximum);
    QFETCH(bool, fits);

    const QByteArray packet(size, '\x5A');
    auto frame = StreamFramer::frame(bytesOf(packet), std::size_t(maximum));
    QCOMPARE(frame.ok(), fits);
    if (fits) {
        QCOMPARE(frame->size(), std::size_t(size) + StreamFramer::kPrefixSize);
    } else {
        QCOMPARE(frame.error().code, ErrorCode::Oversize);
    }
}

void TestStreamFramer::splitAtEveryOffset()
{
    const QList<QByteArray> packets = samplePackets();
    const QByteArray stream = concatenatedFrames(packets);
    for (qsizetype split = 0; split <= stream.size(); ++split) {
        StreamFramer framer;
        QCOMPARE(feedAll(framer, {stream.left(split), stream.mid(split)}), packets);
        QCOMPARE(framer.pendingBytes(), std::size_t(0));
        QVERIFY(!framer.failed());
    }
}

void TestStreamFramer::oneByteAtATime()
{
    const QList<QByteArray> packets = samplePackets();
    const QByteArray stream = concatenatedFrames(packets);
    QList<QByteArray> pieces;
    for (const char byte : stream) {
        pieces.append(QByteArray(1, byte));
    }
    StreamFramer framer;
    QCOMPARE(feedAll(framer, pieces), packets);
}

void TestStreamFramer::severalPacketsInOneFeed()
{
    const QList<QByteArray> packets = samplePackets();
    StreamFramer framer;
    auto result = framer.feed(bytesOf(concatenatedFrames(packets)));
    QVERIFY(result.ok());
    QCOMPARE(result->size(), std::size_t(packets.size()));
    for (std::size_t i = 0; i < result->size(); ++i) {
        QCOMPARE(toBytes((*result)[i]), packets[qsizetype(i)]);
    }
    // An empty feed is harmless.
    QVERIFY(framer.feed({}).ok());
}

// A zero-length frame carries a zero-length packet, like any other length: framing is content-blind
// and symmetric. The UEPS reader then rejects the empty packet as Truncated ("EOF").
void TestStreamFramer::zeroLengthFrameIsAnEmptyPacket()
{
    StreamFramer framer;
    auto result = framer.feed(bytesOf(QByteArray::fromHex("00000000000000000000000161")));
    QVERIFY(result.ok());
    QCOMPARE(result->size(), std::size_t(3));
    QVERIFY((*result)[0].empty());
    QVERIFY((*result)[1].empty());
    QCOMPARE(toBytes((*result)[2]), QByteArrayLiteral("a"));

    auto read = readAndVerify((*result)[0], bytesOf(kKey));
    QCOMPARE(read.error().code, ErrorCode::Truncated);

    StreamFramer emptyOnly(0);
    QCOMPARE(feedAll(emptyOnly, {QByteArray::fromHex("00000000")}), QList<QByteArray>{QByteArray()});
}

void TestStreamFramer::oversizePrefix_data()
{
    QTest::addColumn<qsizetype>("maximum");
    QTest::addColumn<QByteArray>("prefix");

    QTest::newRow("1 MiB + 1 at the default")
        << qsizetype(StreamFramer::kDefaultMaxFrameSize) << QByteArray::fromHex("00100001");
    QTest::newRow("4 GiB - 1 at the default")
        << qsizetype(StreamFramer::kDefaultMaxFrameSize) << QByteArray::fromHex("ffffffff");
    QTest::newRow("17 at 16") << qsizetype(16) << QByteArray::fromHex("00000011");
    QTest::newRow("1 at 0") << qsizetype(0) << QByteArray::fromHex("00000001");
}

void TestStreamFramer::oversizePrefix()
{
    QFETCH(qsizetype, maximum);
    QFETCH(QByteArray, prefix);

    // Whole, then byte by byte: the error comes with the prefix's last byte, before any body byte.
    StreamFramer whole{std::size_t(maximum)};
    auto result = whole.feed(bytesOf(prefix + QByteArrayLiteral("body")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Oversize);
    QVERIFY(whole.failed());

    StreamFramer bytewise{std::size_t(maximum)};
    for (int i = 0; i < 3; ++i) {
        QVERIFY(bytewise.feed(bytesOf(prefix.mid(i, 1))).ok());
    }
    QVERIFY(!bytewise.failed());
    QCOMPARE(bytewise.feed(bytesOf(prefix.mid(3, 1))).error().code, ErrorCode::Oversize);
    QVERIFY(bytewise.failed());
}

void TestStreamFramer::failedFramerRefusesInputUntilReset()
{
    StreamFramer framer(16);
    QVERIFY(!framer.feed(bytesOf(QByteArray::fromHex("00000100"))).ok());
    QVERIFY(framer.failed());
    auto again = framer.feed(bytesOf(framed(QByteArrayLiteral("fine"))));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Oversize);

    framer.reset();
    QVERIFY(!framer.failed());
    QCOMPARE(feedAll(framer, {framed(QByteArrayLiteral("fine"))}),
             QList<QByteArray>{QByteArrayLiteral("fine")});
}

// Documented: the error is the whole answer of the call that found it. The stream is broken and about
// to be closed, so the frames that preceded the bad prefix in the same piece are not handed out.
void TestStreamFramer::failingCallDropsItsEarlierPackets()
{
    StreamFramer framer(16);
    auto result = framer.feed(bytesOf(framed(QByteArrayLiteral("ok")) + QByteArray::fromHex("00000011")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Oversize);
}

void TestStreamFramer::maximumIsConfigurable_data()
{
    QTest::addColumn<quint64>("requested");
    QTest::addColumn<quint64>("effective");

    QTest::newRow("default") << quint64(StreamFramer::kDefaultMaxFrameSize) << quint64(1048576);
    QTest::newRow("0") << quint64(0) << quint64(0);
    QTest::newRow("64 KiB") << quint64(65536) << quint64(65536);
    QTest::newRow("16 MiB") << quint64(16u << 20) << quint64(16u << 20);
    QTest::newRow("clamped to u32") << quint64(std::numeric_limits<std::size_t>::max())
                                    << quint64(0xFFFFFFFFu);
}

void TestStreamFramer::maximumIsConfigurable()
{
    QFETCH(quint64, requested);
    QFETCH(quint64, effective);

    StreamFramer framer{std::size_t(requested)};
    QCOMPARE(quint64(framer.maxFrameSize()), effective);
    QCOMPARE(StreamFramer().maxFrameSize(), StreamFramer::kDefaultMaxFrameSize);

    if (effective < 0xFFFFFFFFu) {
        QByteArray tooLong(4, '\0');
        const quint64 length = effective + 1;
        for (int i = 0; i < 4; ++i) {
            tooLong[i] = static_cast<char>((length >> (24 - 8 * i)) & 0xFF);
        }
        QCOMPARE(framer.feed(bytesOf(tooLong)).error().code, ErrorCode::Oversize);
    }
}

void TestStreamFramer::announcedLengthIsNotAllocatedUpFront()
{
    StreamFramer framer; // 1 MiB maximum
    g_largestAllocation = 0;
    g_trackAllocations = true;
    auto first = framer.feed(bytesOf(QByteArray::fromHex("00100000") + QByteArray(100, 'a')));
    auto second = framer.feed(bytesOf(QByteArray(1000, 'b')));
    g_trackAllocations = false;
    QVERIFY(first.ok() && second.ok());
    QVERIFY(first->empty() && second->empty());
    QCOMPARE(framer.pendingBytes(), std::size_t(4 + 1100));
    QVERIFY2(g_largestAllocation <= 2 * 1100, qPrintable(QString::number(g_largestAllocation.load())));
}

void TestStreamFramer::pendingBytesCountsThePartialFrame()
{
    StreamFramer framer;
    QCOMPARE(framer.pendingBytes(), std::size_t(0));
    QVERIFY(framer.feed(bytesOf(QByteArray::fromHex("0000"))).ok());
    QCOMPARE(framer.pendingBytes(), std::size_t(2));
    QVERIFY(framer.feed(bytesOf(QByteArray::fromHex("0005616263"))).ok());
    QCOMPARE(framer.pendingBytes(), std::size_t(7));
    auto done = framer.feed(bytesOf(QByteArrayLiteral("de")));
    QVERIFY(done.ok());
    QCOMPARE(done->size(), std::size_t(1));
    QCOMPARE(framer.pendingBytes(), std::size_t(0));
}

// A UEPS payload tops out at 65535 bytes (u16 length), so a mebibyte travels as a stream of packets:
// 17 packets of up to 65535 bytes, framed, fed in random pieces, each verified at the far end.
void TestStreamFramer::mebibyteStreamOfUepsPackets()
{
    std::mt19937 rng(0x1D1Bu);
    std::uniform_int_distribution<int> byte(0, 255);
    QByteArray message(1 << 20, Qt::Uninitialized);
    std::generate(message.begin(), message.end(), [&] { return static_cast<char>(byte(rng)); });

    QByteArray stream;
    int packetCount = 0;
    for (qsizetype at = 0; at < message.size(); at += qsizetype(kMaxTlvValue)) {
        const QByteArray chunk = message.mid(at, qsizetype(kMaxTlvValue));
        auto packet = PacketBuilder(0x20, bytesOf(chunk)).marshalAndSign(bytesOf(kKey));
        QVERIFY(packet.ok());
        auto frame = StreamFramer::frame(*packet);
        QVERIFY(frame.ok());
        stream += toBytes(*frame);
        ++packetCount;
    }
    QCOMPARE(packetCount, 17);

    QList<QByteArray> pieces;
    std::uniform_int_distribution<int> pieceSize(1, 9000);
    for (qsizetype at = 0; at < stream.size();) {
        const qsizetype size = pieceSize(rng);
        pieces.append(stream.mid(at, size));
        at += size;
    }
    StreamFramer framer;
    const QList<QByteArray> packets = feedAll(framer, pieces);
    QCOMPARE(packets.size(), packetCount);

    QByteArray received;
    for (const QByteArray& packet : packets) {
        auto read = readAndVerify(bytesOf(packet), bytesOf(kKey));
        QVERIFY(read.ok());
        QCOMPARE(read->consumed, std::size_t(packet.size()));
        received += toBytes(read->packet.payload);
    }
    QCOMPARE(received, message);
}

QTEST_APPLESS_MAIN(TestStreamFramer)
#include "tst_stream_framer.moc"
