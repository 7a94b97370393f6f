// Protocol 1.0 frames: byte-exact against the Go vectors, and hostile input handled as values.

#include "node/chacha_sigil.h"
#include "node/smsg_codec.h"
#include "node/smsg_plaintext.h"
#include "node/trix_container.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <utility>
#include <vector>
#include <zlib.h>

using namespace Qt::StringLiterals;
using lethean::node::ChaChaSigil;
using lethean::node::CodecError;
using lethean::node::SmsgCodec;
using lethean::node::SmsgPlaintext;
using lethean::node::TrixContainer;

namespace {
constexpr qsizetype kLimit = 1024 * 1024;

QJsonObject goVectors()
{
    QFile file(qEnvironmentVariable("LETHEAN_SHARED_DIR") + u"/spec/go-vectors.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("go-vectors.json not found: set LETHEAN_SHARED_DIR (ctest does)");
    return QJsonDocument::fromJson(file.readAll()).object();
}

// WIRE.md §14 (Python-computed from the Go code, RFC 7748 keys).
const QByteArray kWireSecret = QByteArray::fromHex("dead45a1d43d6902aa9240b43c0d75a0b5fc750660590d6d45461cbfc4010684");
const QByteArray kWireMessage =
    R"({"id":"00000000-0000-4000-8000-000000000001","type":"ping","from":"300c9c9603b92a4b39ed3958bf924011","to":"f35e5616160a30bf3c6e79fa73c576d4","ts":"2026-01-02T03:04:05.123456789Z","payload":{"sentAt":1767323045123}})";
const QByteArray kWireFrameHex =
    "534d534702000000307b22616c676f726974686d223a226368616368613230706f6c7931333035222c2276657273696f6e223a22"
    "312e30227d404142434445464748494a4b4c4d4e4f5051525354555657d4556fcc6d9fed28ec03d8e5b65c2e1e63cccccbc07df8"
    "9a8f509f0b458cae6591c281c132351526268c30e869c6cddcceed02020cd04feac0440bb7bb07b36198ca27bcbf4f4fc7d7cdff"
    "a1fd3b9b283d0c48cb103d6e4c8653abed0cf76633ca25da20df7a68490afc467095c92306362c9faec97bc967884a9831bd211b"
    "890b3d8edc2208dbaada139df9133ae0eed62dee8b73ea9368f1a94b5270f3cfa60dfbadfe3e4e5967896d8f02cb994af5aeed94"
    "09bdbbd49262e13f73da005f49cdadf6fdfc8326411f7500606db2c63b9ee14055841fb5ff7f140bb1a31076f57af5a75324a781"
    "51b6bc91c0ae8c4edf57f03ead4fd38011a220173625e315d68f6157c9f6afdfd614115c39bd294127ea6c2b1a20fede894ce4a7"
    "f71a77c6bc";
const QByteArray kNonce = QByteArray::fromHex("404142434445464748494a4b4c4d4e4f5051525354555657");

QByteArray gzip(const QByteArray& data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(data.size()))) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.truncate(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

// A frame as a newer Borg sender might build it, with extra header fields and a transformed plaintext.
QByteArray customFrame(const QByteArray& secret, const QByteArray& header, const QByteArray& plaintext)
{
    const QByteArray key = ChaChaSigil::keyFromPassword(secret.toBase64());
    return TrixContainer::encode("SMSG", header, *ChaChaSigil::sealWithNonce(key, plaintext, kNonce));
}
// Plaintexts for the direct-versus-general comparison (outside the test class: moc misreads some raw
// string literals inside a Q_OBJECT class).
std::vector<std::pair<const char*, QByteArray>> plaintextCases()
{
    return {
        {"html and quotes", QByteArray(R"({"a":"<b>&\"\\</b>"})")},
        {"go form", QByteArray(R"({"body":"{\"a\":1}","timestamp":1767225600})")},
        {"go escapes", QByteArray(R"({"body":"\u003cx\u003e\u0026\"\\\/\n\t\r\b\f\u0000","timestamp":0})")},
        {"escape above ascii", QByteArray(R"({"body":"\u00e9\u2028\ud83d\ude00","timestamp":1})")},
        {"negative timestamp", QByteArray(R"({"body":"x","timestamp":-5})")},
        {"leading zero timestamp", QByteArray(R"({"body":"x","timestamp":01})")},
        {"fraction timestamp", QByteArray(R"({"body":"x","timestamp":1.5})")},
        {"string timestamp", QByteArray(R"({"body":"x","timestamp":"1"})")},
        {"no timestamp", QByteArray(R"({"body":"x"})")},
        {"keys swapped", QByteArray(R"({"timestamp":1,"body":"x"})")},
        {"whitespace", QByteArray(R"({ "body" : "x" , "timestamp" : 1 })")},
        {"trailing garbage", QByteArray(R"({"body":"x","timestamp":1}x)")},
        {"unterminated", QByteArray(R"({"body":"x)")},
        {"bad escape", QByteArray(R"({"body":"\x","timestamp":1})")},
        {"short unicode escape", QByteArray(R"({"body":"\u00","timestamp":1})")},
        {"raw tab in body", QByteArray("{\"body\":\"a\tb\",\"timestamp\":1}")},
        {"body not a string", QByteArray(R"({"body":5,"timestamp":1})")},
    };
}
} // namespace

class TestSmsgCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reproducesGoVectorByteForByte()
    {
        const QJsonObject vectors = goVectors();
        const QJsonObject frame = vectors.value(u"smsg_frame"_s).toObject();
        const QByteArray secret =
            QByteArray::fromHex(vectors.value(u"shared_secret"_s).toObject().value(u"shared_secret_hex"_s).toString().toLatin1());
        const QByteArray message = frame.value(u"message_json"_s).toString().toUtf8();
        const QByteArray expected = QByteArray::fromHex(frame.value(u"frame_hex"_s).toString().toLatin1());

        QCOMPARE(ChaChaSigil::keyFromPassword(secret.toBase64()).toHex(),
                 frame.value(u"key_hex"_s).toString().toLatin1());
        QCOMPARE(SmsgPlaintext::wrap(message, 1767225600), frame.value(u"plaintext_json"_s).toString().toUtf8());

        SmsgCodec codec(secret, kLimit);
        const auto sealed = codec.sealWith(message, QByteArray::fromHex(frame.value(u"nonce_hex"_s).toString().toLatin1()),
                                           frame.value(u"smsg_timestamp"_s).toInteger());
        QVERIFY(sealed);
        QCOMPARE(sealed->size(), frame.value(u"frame_len"_s).toInt());
        QCOMPARE(sealed->toHex(), expected.toHex());

        const auto opened = codec.open(expected);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(*opened, message);
    }

    void reproducesWireMdVector()
    {
        SmsgCodec codec(kWireSecret, kLimit);
        QCOMPARE(kWireMessage.size(), 214);
        QCOMPARE(SmsgPlaintext::wrap(kWireMessage, 1767323045).size(), 272);
        const auto sealed = codec.sealWith(kWireMessage, kNonce, 1767323045);
        QVERIFY(sealed);
        QCOMPARE(sealed->toHex(), kWireFrameHex);
        QCOMPARE(QCryptographicHash::hash(*sealed, QCryptographicHash::Sha256).toHex(),
                 "47c0432dbbfe7d6f9605cd12ac75b7e214acf7ea56eb1ea6a51e7ffdc2a201bd");
        QCOMPARE(*codec.open(QByteArray::fromHex(kWireFrameHex)), kWireMessage);
    }

    // Go's json.Marshal escapes < > & and U+2028/2029 inside the body string; we match it.
    void escapesBodyAsGoDoes()
    {
        const QByteArray message = "{\"a\":\"<b>&\xE2\x80\xA8\"}";
        QCOMPARE(SmsgPlaintext::wrap(message, 7),
                 QByteArray("{\"body\":\"{\\\"a\\\":\\\"\\u003cb\\u003e\\u0026\\u2028\\\"}\",\"timestamp\":7}"));
        SmsgCodec codec(kWireSecret, kLimit);
        QCOMPARE(*codec.open(*codec.seal(message)), message);
    }

    // SmsgPlaintext writes and reads the printable-ASCII case directly; it must agree with the
    // general QJsonDocument path byte for byte. Tried: every printable byte, the escapes Go writes,
    // non-ASCII and control bytes, and plaintexts that only the general path may take (or refuse).
    void plaintextDirectPathsAgreeWithGeneral_data()
    {
        QTest::addColumn<QByteArray>("input");
        QByteArray printable;
        for (char c = 0x20; c < 0x7f; ++c)
            printable += c;
        QTest::newRow("every printable byte") << printable;
        QTest::newRow("envelope") << kWireMessage;
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("non-ascii") << QByteArray("{\"n\":\"K\xC3\xBC" "che\"}");
        QTest::newRow("u2028") << QByteArray("{\"a\":\"\xE2\x80\xA8\"}");
        QTest::newRow("control bytes") << QByteArray("a\nb\tc\x01\x7f", 8);
        QTest::newRow("invalid utf-8") << QByteArray("\xFF\xFE{}");
        for (const auto& [name, plaintext] : plaintextCases())
            QTest::newRow(name) << plaintext;
    }

    void plaintextDirectPathsAgreeWithGeneral()
    {
        QFETCH(QByteArray, input);
        QCOMPARE(SmsgPlaintext::wrap(input, 1767225600), SmsgPlaintext::wrapGeneral(input, 1767225600));
        const auto direct = SmsgPlaintext::unwrap(input);
        const auto general = SmsgPlaintext::unwrapGeneral(input);
        QCOMPARE(direct.ok(), general.ok());
        if (direct)
            QCOMPARE(*direct, *general);
        if (QString::fromUtf8(input).toUtf8() == input) {
            const auto back = SmsgPlaintext::unwrap(SmsgPlaintext::wrap(input, -1));
            QVERIFY(back);
            QCOMPARE(*back, input);
        }
    }

    void randomRoundTrips()
    {
        QRandomGenerator random(42);
        SmsgCodec codec(kWireSecret, kLimit);
        for (int size : {0, 1, 31, 32, 33, 1000, 65536, 700000}) {
            QByteArray message = "{\"pad\":\"";
            for (int i = 0; i < size; ++i)
                message.append(static_cast<char>('a' + random.bounded(26)));
            message.append("\"}");
            const auto sealed = codec.seal(message);
            QVERIFY(sealed);
            QCOMPARE(sealed->size(), 97 + SmsgPlaintext::wrap(message, 0).size() + 9); // 10-digit ts
            QCOMPARE(*codec.open(*sealed), message);
        }
    }

    void freshNonceEveryFrame()
    {
        SmsgCodec codec(kWireSecret, kLimit);
        QVERIFY(*codec.seal(kWireMessage) != *codec.seal(kWireMessage));
    }

    // Tried: flipping every single bit of a real frame. Each flip is an error value, never a crash and
    // never a different message.
    void everyBitFlipIsRejected()
    {
        SmsgCodec codec(kWireSecret, kLimit);
        const QByteArray frame = QByteArray::fromHex(kWireFrameHex);
        for (qsizetype byte = 0; byte < frame.size(); ++byte) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray tampered = frame;
                tampered[byte] = static_cast<char>(tampered[byte] ^ (1 << bit));
                const auto opened = codec.open(tampered);
                // Bits inside the header JSON's values may leave the header valid ("version" is not
                // checked, as in Go); then the AEAD still authenticates the payload, and it is untouched.
                if (opened)
                    QCOMPARE(*opened, kWireMessage);
                else
                    QVERIFY(!opened.error().message.isEmpty());
            }
        }
    }

    void wrongKeyFailsAuthentication()
    {
        SmsgCodec sender(kWireSecret, kLimit);
        QByteArray otherSecret = kWireSecret;
        otherSecret[0] = 'x';
        SmsgCodec receiver(otherSecret, kLimit);
        const auto opened = receiver.open(*sender.seal(kWireMessage));
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, CodecError::Code::Authentication);
    }

    void malformedFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("code");
        const auto malformed = static_cast<int>(CodecError::Code::Malformed);
        const QByteArray good = QByteArray::fromHex(kWireFrameHex);
        QTest::newRow("empty") << QByteArray() << malformed;
        QTest::newRow("magic only") << QByteArray("SMSG") << malformed;
        QTest::newRow("wrong magic") << QByteArray("STIM").append(good.sliced(4)) << malformed;
        QTest::newRow("version 1") << QByteArray(good).replace(4, 1, "\x01")
                                   << static_cast<int>(CodecError::Code::Unsupported);
        QTest::newRow("header length past end") << QByteArray(good.first(5)).append("\x7f\xff\xff\xff", 4) << malformed;
        QTest::newRow("header not json") << TrixContainer::encode("SMSG", "nope", good.sliced(57)) << malformed;
        QTest::newRow("header array") << TrixContainer::encode("SMSG", "[1,2]", good.sliced(57)) << malformed;
        QTest::newRow("payload shorter than nonce+tag") << TrixContainer::encode("SMSG", "{}", QByteArray(39, 'x'))
                                                        << malformed;
        QTest::newRow("truncated tag") << good.first(good.size() - 1)
                                       << static_cast<int>(CodecError::Code::Authentication);
        QTest::newRow("plaintext not JSON") << customFrame(kWireSecret, "{}", "not json") << malformed;
        QTest::newRow("body not a string") << customFrame(kWireSecret, "{}", "{\"body\":5}") << malformed;
        QTest::newRow("no body") << customFrame(kWireSecret, "{}", "{\"timestamp\":5}") << malformed;
        QTest::newRow("unknown compression") << customFrame(kWireSecret, "{\"compression\":\"lz4\"}", "x")
                                             << static_cast<int>(CodecError::Code::Unsupported);
        QTest::newRow("gzip claimed, not gzip") << customFrame(kWireSecret, "{\"compression\":\"gzip\"}", "plain")
                                                << malformed;
        QTest::newRow("v2 length past end") << customFrame(kWireSecret, "{\"format\":\"v2\"}", "\0\0\1\0{}")
                                            << malformed;
        QTest::newRow("checksum mismatch")
            << customFrame(kWireSecret, "{\"checksum\":\"00\",\"checksum_algo\":\"sha256\"}", "{}")
            << static_cast<int>(CodecError::Code::Authentication);
    }

    void malformedFrames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, code);
        SmsgCodec codec(kWireSecret, kLimit);
        const auto opened = codec.open(frame);
        QVERIFY(!opened);
        QCOMPARE(static_cast<int>(opened.error().code), code);
    }

    // Tolerance for newer Borg senders (WIRE.md §4.1): gzip, the v2 layout and a valid checksum.
    void acceptsNewerBorgVariants()
    {
        SmsgCodec codec(kWireSecret, kLimit);
        const QByteArray plaintext = SmsgPlaintext::wrap(kWireMessage, 1);
        QCOMPARE(*codec.open(customFrame(kWireSecret, "{\"compression\":\"gzip\"}", gzip(plaintext))), kWireMessage);

        QByteArray v2(4, '\0');
        qToBigEndian(static_cast<quint32>(plaintext.size()), v2.data());
        v2.append(plaintext).append("attachment bytes");
        QCOMPARE(*codec.open(customFrame(kWireSecret, "{\"format\":\"v2\"}", v2)), kWireMessage);

        // The checksum covers the sealed payload.
        const QByteArray key = ChaChaSigil::keyFromPassword(kWireSecret.toBase64());
        const QByteArray sealed = *ChaChaSigil::sealWithNonce(key, plaintext, kNonce);
        const QByteArray header = "{\"checksum\":\"" +
                                  QCryptographicHash::hash(sealed, QCryptographicHash::Sha256).toHex() +
                                  "\",\"checksum_algo\":\"sha256\"}";
        QCOMPARE(*codec.open(TrixContainer::encode("SMSG", header, sealed)), kWireMessage);
    }

    // Tried: a gzip bomb (64 MiB of zeros compressed to ~64 KiB) against a 1 MiB limit.
    void compressionBombIsBounded()
    {
        SmsgCodec codec(kWireSecret, kLimit);
        const QByteArray bomb = gzip(QByteArray(64 * 1024 * 1024, '\0'));
        QVERIFY(bomb.size() < kLimit);
        const auto opened = codec.open(customFrame(kWireSecret, "{\"compression\":\"gzip\"}", bomb));
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, CodecError::Code::TooLarge);
    }

    void oversizeFrameRefused()
    {
        SmsgCodec codec(kWireSecret, 1000);
        const auto opened = codec.open(QByteArray(1001, 'S'));
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, CodecError::Code::TooLarge);
    }
};

QTEST_GUILESS_MAIN(TestSmsgCodec)
#include "tst_smsg_codec.moc"
