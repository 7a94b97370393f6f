// libFuzzer target for the protocol 1.0 frame codec (WIRE.md §4): SMSG frames in a TRIX container,
// sealed with the ChaCha sigil. abort() on a violated invariant, so the fuzzer reports it.
//
// The whole input is first opened as a frame under a fixed shared secret (go-vectors.json's, so the
// Go frame in the seed corpus opens), and taken apart by TrixContainer (both magics) and ChaChaSigil.
// Then a FuzzedDataProvider picks one of:
//   0  a message (arbitrary UTF-8, or an envelope built field by field) sealed with a chosen nonce and
//      timestamp, which must open to exactly the same bytes, fail under another secret and fail when
//      one bit of the sealed part flips;
//   1  an authenticated frame with a chosen header (compression, v2 format, checksums) and plaintext,
//      which reaches the code behind the AEAD that raw fuzzing cannot (decompression, v2 lengths,
//      the body's JSON): it must never crash.
// Before either, the input is also taken as an SMSG plaintext and as an envelope to wrap: the direct
// paths of SmsgPlaintext must agree with the general (QJsonDocument) ones on every input.
// Seeds for 1 are laid out for the provider: nonce(24) || plaintext || header choice || branch, as
// the provider takes bytes from the front and integers from the back.

#include "node/chacha_sigil.h"
#include "node/message.h"
#include "node/message_type.h"
#include "node/payloads.h"
#include "node/smsg_codec.h"
#include "node/smsg_plaintext.h"
#include "node/trix_container.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QString>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>

using namespace lethean::node;

// UBSan only prints by default (the fuzz build compiles recoverable checks), and libFuzzer would take
// a printed report for a pass; halting turns undefined behaviour into a reported crash.
extern "C" const char* __ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

// Small enough that decompression bombs stay cheap, large enough for any frame the fuzzer writes.
constexpr qsizetype kMaxMessageSize = 256 * 1024;
// Everything Go writes before the sealed part. Sized explicitly: a QByteArrayView made from a char
// array stops at the first NUL, and the header length has three.
constexpr char kGoPrefixBytes[] = "SMSG\x02\x00\x00\x00\x30"
                                  R"({"algorithm":"chacha20poly1305","version":"1.0"})";
constexpr QByteArrayView kGoPrefix(kGoPrefixBytes, sizeof(kGoPrefixBytes) - 1);
constexpr qsizetype kSealedOffset = kGoPrefix.size(); // 57: TrixContainer::kPrefixSize + 48

const QByteArray& sharedSecret()
{
    static const QByteArray secret =
        QByteArray::fromHex("55e832a7ed7d0f03b46e908d9cca795de2d2bf140fd80308e85a06069ae2b7a4");
    return secret;
}

// What the codec derives from the secret (WIRE.md §4): SHA-256 of the secret's base64.
const QByteArray& codecKey()
{
    static const QByteArray key = ChaChaSigil::keyFromPassword(sharedSecret().toBase64());
    return key;
}

// open() and seal() are non-const only because FrameCodec's are; the codec keeps no state between
// frames, so one instance serves every input.
SmsgCodec& codec()
{
    static SmsgCodec instance(sharedSecret(), kMaxMessageSize);
    return instance;
}

SmsgCodec& strangerCodec()
{
    static SmsgCodec instance(QByteArray(32, '\x07'), kMaxMessageSize);
    return instance;
}

void checkContainer(QByteArrayView input, QByteArrayView magic)
{
    auto parts = TrixContainer::decode(input, magic);
    if (!parts) {
        check(!parts.error().message.isEmpty());
        return;
    }
    // The payload is the input's tail, after the prefix and the header.
    check(input.size() >= TrixContainer::kPrefixSize && input.first(4) == magic);
    check(parts->payload.size() <= input.size() - TrixContainer::kPrefixSize);
    check(parts->payload.data() + parts->payload.size() == input.data() + input.size());
}

void checkSigil(QByteArrayView sealed)
{
    auto plain = ChaChaSigil::open(codecKey(), sealed);
    if (!plain) {
        check(!plain.error().message.isEmpty());
        return;
    }
    // Sealing is deterministic given the nonce: the same bytes come back.
    check(plain->size() == sealed.size() - ChaChaSigil::kOverhead);
    auto again = ChaChaSigil::sealWithNonce(codecKey(), *plain, sealed.first(ChaChaSigil::kNonceSize));
    check(again.ok() && *again == sealed);
}

void checkOpenRaw(QByteArrayView input)
{
    auto body = codec().open(input);
    if (!body)
        check(!body.error().message.isEmpty());
    checkContainer(input, "SMSG");
    checkContainer(input, "STIM");
    checkSigil(input);
    if (input.size() > kSealedOffset)
        checkSigil(input.sliced(kSealedOffset));
}

QString utf8(const std::string& bytes)
{
    return QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

// An envelope as Message::toJson writes it, every field chosen by the provider.
QByteArray buildEnvelope(FuzzedDataProvider& fdp)
{
    Message message;
    message.id = utf8(fdp.ConsumeRandomLengthString(64));
    message.type = kAllMessageTypes[fdp.ConsumeIntegralInRange<std::size_t>(0, kAllMessageTypes.size() - 1)];
    message.from = utf8(fdp.ConsumeRandomLengthString(64));
    message.to = utf8(fdp.ConsumeRandomLengthString(64));
    // Instants in years 0001..9998, so any offset keeps the written date within RFC 3339's four digits.
    // One statement each: the order of function arguments is unspecified, and so would be what each
    // draws from the provider.
    const qint64 seconds = fdp.ConsumeIntegralInRange<qint64>(-62135596800, 253370764799);
    const int nanosecond = fdp.ConsumeIntegralInRange(0, 999'999'999);
    const int offsetMinutes = fdp.ConsumeIntegralInRange(-(23 * 60 + 59), 23 * 60 + 59);
    message.timestamp = GoTime::fromUnix(seconds, nanosecond, offsetMinutes * 60);
    switch (fdp.ConsumeIntegralInRange(0, 3)) {
    case 0:
        break; // no payload: null on the wire
    case 1:
        message.payload = PingPayload{fdp.ConsumeIntegral<qint64>()}.toJson();
        break;
    case 2:
        message.payload =
            ErrorPayload{fdp.ConsumeIntegral<qint64>(), utf8(fdp.ConsumeRandomLengthString(256)),
                         utf8(fdp.ConsumeRandomLengthString(64))}
                .toJson();
        break;
    case 3:
        message.payload =
            LogsPayload{utf8(fdp.ConsumeRandomLengthString(64)),
                        {utf8(fdp.ConsumeRandomLengthString(256)), utf8(fdp.ConsumeRandomLengthString(256))},
                        fdp.ConsumeBool()}
                .toJson();
        break;
    }
    message.replyTo = utf8(fdp.ConsumeRandomLengthString(64));
    const QByteArray json = message.toJson();
    // What the codec carries is what the envelope parser reads back.
    auto parsed = Message::fromJson(json);
    check(parsed.ok() && *parsed == message);
    return json;
}

void fuzzRoundTrip(FuzzedDataProvider& fdp)
{
    const std::string nonce = fdp.ConsumeBytesAsString(ChaChaSigil::kNonceSize);
    if (nonce.size() != static_cast<std::size_t>(ChaChaSigil::kNonceSize))
        return;
    const qint64 timestamp = fdp.ConsumeIntegral<qint64>();
    const auto flipAt = fdp.ConsumeIntegral<std::uint16_t>();
    const auto flipBit = fdp.ConsumeIntegralInRange(0, 7);
    // The codec carries text: arbitrary bytes are first made valid UTF-8, as any envelope is.
    const QByteArray json =
        fdp.ConsumeBool() ? buildEnvelope(fdp) : utf8(fdp.ConsumeRemainingBytesAsString()).toUtf8();

    auto frame = codec().sealWith(json, QByteArrayView(nonce.data(), ChaChaSigil::kNonceSize), timestamp);
    check(frame.ok());
    check(frame->startsWith(kGoPrefix));
    check(frame->size() ==
          kSealedOffset + ChaChaSigil::kOverhead + SmsgPlaintext::wrap(json, timestamp).size());
    if (frame->size() > kMaxMessageSize)
        return;

    auto opened = codec().open(*frame);
    check(opened.ok() && *opened == json);

    auto stranger = strangerCodec().open(*frame);
    check(!stranger.ok() && stranger.error().code == CodecError::Code::Authentication);

    // The header is not authenticated (Go checks none of it); every byte after it is.
    QByteArray tampered = *frame;
    const qsizetype at = kSealedOffset + flipAt % (tampered.size() - kSealedOffset);
    tampered[at] = static_cast<char>(tampered[at] ^ (1 << flipBit));
    auto broken = codec().open(tampered);
    check(!broken.ok() && broken.error().code == CodecError::Code::Authentication);
}

// Headers a newer Borg sender may use (WIRE.md §4.1), plus a few that must be refused.
constexpr std::array<QByteArrayView, 10> kHeaders = {
    R"({"algorithm":"chacha20poly1305","version":"1.0"})",
    R"({"compression":"gzip"})",
    R"({"compression":"zstd"})",
    R"({"format":"v2"})",
    R"({"compression":"gzip","format":"v2"})",
    R"({"compression":"zstd","format":"v2"})",
    R"({"compression":"none"})",
    R"({"compression":"lz4"})",
    R"({"checksum":"%1","checksum_algo":"sha256"})",
    R"({"checksum":"%1","checksum_algo":"md5"})",
};

void fuzzAuthenticatedFrame(FuzzedDataProvider& fdp)
{
    const std::string nonce = fdp.ConsumeBytesAsString(ChaChaSigil::kNonceSize);
    if (nonce.size() != static_cast<std::size_t>(ChaChaSigil::kNonceSize))
        return;
    // One past the table: a header of the provider's own.
    const std::size_t choice = fdp.ConsumeIntegralInRange<std::size_t>(0, kHeaders.size());
    QByteArray header = choice < kHeaders.size()
                            ? kHeaders[choice].toByteArray()
                            : QByteArray::fromStdString(fdp.ConsumeRandomLengthString(128));
    const std::string plaintext = fdp.ConsumeRemainingBytesAsString();

    auto sealed = ChaChaSigil::sealWithNonce(
        codecKey(), QByteArrayView(plaintext.data(), static_cast<qsizetype>(plaintext.size())),
        QByteArrayView(nonce.data(), ChaChaSigil::kNonceSize));
    check(sealed.ok());
    if (header.contains("%1"))
        header.replace("%1", QCryptographicHash::hash(*sealed, QCryptographicHash::Sha256).toHex());
    const QByteArray frame = TrixContainer::encode("SMSG", header, *sealed);

    auto body = codec().open(frame);
    if (!body) {
        check(!body.error().message.isEmpty());
        return;
    }
    // A body is text: the codec hands the envelope parser valid UTF-8 or nothing.
    check(QString::fromUtf8(*body).toUtf8() == *body);
}

// SmsgPlaintext's direct paths against its general ones: same bytes written, same verdict and body read.
void checkPlaintextPaths(QByteArrayView input)
{
    const auto direct = SmsgPlaintext::unwrap(input);
    const auto general = SmsgPlaintext::unwrapGeneral(input);
    check(direct.ok() == general.ok());
    check(!direct.ok() || *direct == *general);

    const QByteArray wrapped = SmsgPlaintext::wrap(input, 1767225600);
    check(wrapped == SmsgPlaintext::wrapGeneral(input, 1767225600));
    if (QString::fromUtf8(input).toUtf8() == input) {
        const auto back = SmsgPlaintext::unwrap(wrapped);
        check(back.ok() && *back == input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    checkOpenRaw(QByteArrayView(data, static_cast<qsizetype>(size)));
    checkPlaintextPaths(QByteArrayView(data, static_cast<qsizetype>(size)));

    FuzzedDataProvider fdp(data, size);
    switch (fdp.ConsumeIntegralInRange(0, 1)) {
    case 0:
        fuzzRoundTrip(fdp);
        break;
    case 1:
        fuzzAuthenticatedFrame(fdp);
        break;
    }
    return 0;
}
