// libFuzzer target for the UEPS reader and the stream framer: untrusted bytes in, never a crash, and
// what comes out obeys the invariants below (abort() on a violation, so the fuzzer reports it).
//
// The whole input is first read as a packet under a fixed key (the go-vectors key, so the seed vector
// verifies). Then a FuzzedDataProvider picks one of: a reader run with a fuzzer-chosen key; the framer
// fed fuzzer-chosen chunks, checked against a straightforward model; or packets built from fuzzer data,
// framed, fed in fuzzer-chosen chunks and verified at the far end.

#include "ueps/packet_builder.h"
#include "ueps/packet_reader.h"
#include "ueps/stream_framer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <span>
#include <vector>

using namespace lethean::ueps;

namespace {

const std::vector<std::uint8_t> kFixedKey(32, 0x42);

using Bytes = std::vector<std::uint8_t>;

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

// A verified packet re-marshals to a packet that verifies to the same thing, and every proper prefix
// of the consumed bytes is a truncation (the full parse accepted every TLV before the cut).
void checkVerified(const ReadResult& read, std::span<const std::uint8_t> input,
                   std::span<const std::uint8_t> key)
{
    check(read.consumed <= input.size());
    check(read.packet.payload.size() <= kMaxTlvValue);
    auto again = PacketBuilder(read.packet).marshalAndSign(key);
    check(again.ok());
    auto reread = readAndVerify(*again, key);
    check(reread.ok() && reread->packet == read.packet && reread->consumed == again->size());
    for (const std::size_t cut : {std::size_t{0}, read.consumed / 2, read.consumed - 1}) {
        auto prefix = readAndVerify(input.first(cut), key);
        check(!prefix.ok() && prefix.error().code == ErrorCode::Truncated);
    }
}

void fuzzReader(std::span<const std::uint8_t> bytes, std::span<const std::uint8_t> key)
{
    auto read = readAndVerify(bytes, key);
    if (read) {
        checkVerified(*read, bytes, key);
        return;
    }
    check(!read.error().message.empty());
    check(!key.empty() || read.error().code == ErrorCode::EmptyField);
}

// The framer's contract, written the obvious way: parse the whole stream at once.
struct ModelResult
{
    std::vector<Bytes> frames;
    bool failed = false;
    std::size_t pending = 0;
};

ModelResult modelFrames(std::span<const std::uint8_t> stream, std::size_t maxFrameSize)
{
    ModelResult model;
    while (stream.size() >= StreamFramer::kPrefixSize) {
        const std::size_t length = (std::size_t{stream[0]} << 24) | (std::size_t{stream[1]} << 16) |
                                   (std::size_t{stream[2]} << 8) | std::size_t{stream[3]};
        if (length > maxFrameSize) {
            model.failed = true;
            return model;
        }
        if (stream.size() - StreamFramer::kPrefixSize < length) {
            break;
        }
        model.frames.emplace_back(stream.begin() + StreamFramer::kPrefixSize,
                                  stream.begin() + StreamFramer::kPrefixSize +
                                      static_cast<std::ptrdiff_t>(length));
        stream = stream.subspan(StreamFramer::kPrefixSize + length);
    }
    model.pending = stream.size();
    return model;
}

// Feeds stream in chunks whose sizes the provider picks.
std::vector<Bytes> feedInChunks(StreamFramer& framer, std::span<const std::uint8_t> stream,
                                FuzzedDataProvider& fdp, bool& failed)
{
    std::vector<Bytes> frames;
    failed = false;
    while (!stream.empty()) {
        // Once the provider runs dry the rest goes in whole: byte-at-a-time over kilobytes would only
        // slow the fuzzer down (the unit tests feed single bytes).
        const std::size_t chunk = fdp.remaining_bytes() == 0
                                      ? stream.size()
                                      : fdp.ConsumeIntegralInRange<std::size_t>(1, stream.size());
        auto result = framer.feed(stream.first(chunk));
        stream = stream.subspan(chunk);
        if (!result) {
            failed = true;
            check(framer.failed());
            check(!framer.feed(stream).ok()); // refuses everything after a failure
            break;
        }
        frames.insert(frames.end(), result->begin(), result->end());
    }
    return frames;
}

void fuzzFramer(FuzzedDataProvider& fdp)
{
    const std::size_t maxFrameSize = fdp.ConsumeIntegralInRange<std::size_t>(0, 512);
    const Bytes stream = fdp.ConsumeBytes<std::uint8_t>(fdp.ConsumeIntegralInRange<std::size_t>(0, 4096));
    const ModelResult model = modelFrames(stream, maxFrameSize);

    StreamFramer framer(maxFrameSize);
    bool failed = false;
    const std::vector<Bytes> frames = feedInChunks(framer, stream, fdp, failed);
    check(failed == model.failed);
    // A failing call drops the frames it completed, so on failure we see a prefix of the model's.
    check(frames.size() <= model.frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
        check(frames[i] == model.frames[i]);
    }
    if (!failed) {
        check(frames.size() == model.frames.size());
        check(framer.pendingBytes() == model.pending);
    }
}

void fuzzFramedRoundTrip(FuzzedDataProvider& fdp)
{
    const Bytes key = fdp.ConsumeBytes<std::uint8_t>(fdp.ConsumeIntegralInRange<std::size_t>(1, 64));
    std::vector<Packet> sent;
    Bytes stream;
    const int count = fdp.ConsumeIntegralInRange(0, 8);
    for (int i = 0; i < count; ++i) {
        PacketBuilder builder(
            fdp.ConsumeIntegral<std::uint8_t>(),
            fdp.ConsumeBytes<std::uint8_t>(fdp.ConsumeIntegralInRange<std::size_t>(0, 1024)));
        builder.setThreatScore(fdp.ConsumeIntegral<std::uint16_t>())
            .setVersion(fdp.ConsumeIntegral<std::uint8_t>());
        auto packet = builder.marshalAndSign(key);
        if (key.empty()) {
            check(!packet.ok() && packet.error().code == ErrorCode::EmptyField);
            return;
        }
        check(packet.ok());
        auto frame = StreamFramer::frame(*packet);
        check(frame.ok());
        stream.insert(stream.end(), frame->begin(), frame->end());
        sent.push_back(Packet{builder.header(), Bytes(builder.payload().begin(), builder.payload().end())});
    }

    StreamFramer framer;
    bool failed = false;
    const std::vector<Bytes> frames = feedInChunks(framer, stream, fdp, failed);
    check(!failed && frames.size() == sent.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
        auto read = readAndVerify(frames[i], key);
        check(read.ok() && read->packet == sent[i] && read->consumed == frames[i].size());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);
    fuzzReader(input, kFixedKey);

    FuzzedDataProvider fdp(data, size);
    switch (fdp.ConsumeIntegralInRange(0, 2)) {
    case 0: {
        const Bytes key = fdp.ConsumeBytes<std::uint8_t>(fdp.ConsumeIntegralInRange<std::size_t>(0, 80));
        const Bytes rest = fdp.ConsumeRemainingBytes<std::uint8_t>();
        fuzzReader(rest, key);
        break;
    }
    case 1:
        fuzzFramer(fdp);
        break;
    case 2:
        fuzzFramedRoundTrip(fdp);
        break;
    }
    return 0;
}
