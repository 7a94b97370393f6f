// Our sealed bundle format (docs/protocol.md, "Bundles"): round trips of every type in both modes, the
// streaming API with chunk-boundary sizes and non-seekable outputs, inspect without a key, and one
// distinct error for each way a bundle can be wrong.
// Hostile inputs tried: another node's key, a forged sender (a third node sealing in Alice's name), a
// wrong passphrase, a flipped byte in a chunk / in the header / in the stream header / in the
// checksum, a stream cut short (mid-chunk and at a chunk boundary), two chunks swapped, a repeated
// chunk, trailing bytes, a wrong magic, an unknown version, absurd header fields and Argon2 limits.

#include "bundle_test_support.h"
#include "node/bundle_decryptor.h"
#include "node/bundle_key.h"
#include "node/sealed_bundle.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QTest>
#include <QtEndian>
#include <sodium.h>

using namespace Qt::StringLiterals;
using namespace lethean::node;

namespace {
// A write-only device that only goes forward, like a socket: seal() must hash first and write once.
class SequentialSink : public QIODevice
{
public:
    explicit SequentialSink(QByteArray* target) : m_target(target) { open(QIODevice::WriteOnly); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override
    {
        m_target->append(data, size);
        return size;
    }

private:
    QByteArray* m_target;
};

// A read-only device that only goes forward.
class SequentialSource : public QIODevice
{
public:
    explicit SequentialSource(QByteArray data) : m_data(std::move(data)) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 size) override
    {
        const qint64 n = std::min<qint64>(size, m_data.size() - m_offset);
        std::copy_n(m_data.constData() + m_offset, n, data);
        m_offset += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_offset = 0;
};

QByteArray pattern(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
    return data;
}

BundleKey fastPassphrase(const QByteArray& passphrase)
{
    // The minimum Argon2id cost: the key schedule is tested, not Argon2's speed.
    return BundleKey::passphraseWithCost(passphrase, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

SealedBundle::Options options(BundleType type, quint32 chunkSize = 1024)
{
    SealedBundle::Options result;
    result.type = type;
    result.name = u"bundle-%1"_s.arg(bundleTypeToString(type));
    result.content = type == BundleType::Profile ? BundleHeader::Content::Json : BundleHeader::Content::Tar;
    result.executable = type == BundleType::Miner ? u"xmrig"_s : QString();
    result.chunkSize = chunkSize;
    return result;
}
} // namespace

class TestSealedBundle : public QObject
{
    Q_OBJECT

private:
    NodeIdentity m_alice = bundle_test::identity(bundle_test::kAlicePrivate, u"alice"_s);
    NodeIdentity m_bob = bundle_test::identity(bundle_test::kBobPrivate, u"bob"_s);
    NodeIdentity m_mallory = bundle_test::identity(bundle_test::kMalloryPrivate, u"mallory"_s);

    QByteArray sealToBob(const QByteArray& content, quint32 chunkSize = 1024,
                         BundleType type = BundleType::Full)
    {
        auto sealed = SealedBundle::seal(content, options(type, chunkSize),
                                         BundleKey::sealTo(m_alice, m_bob.publicKey()));
        if (!sealed)
            qFatal("seal: %s", qPrintable(sealed.error().message));
        return *sealed;
    }

    static BundleError::Code openError(const QByteArray& bundle, const BundleKey& key)
    {
        auto opened = SealedBundle::open(bundle, key, 1 << 30);
        if (opened)
            return BundleError::Code::Io; // "no error" is not a code; any test expecting one fails
        return opened.error().code;
    }

    static qsizetype recordOffset(const QByteArray& bundle, quint64 index)
    {
        const auto header = SealedBundle::inspect(bundle);
        return header->encodedSize() + static_cast<qsizetype>(index) * (4 + 17 + header->chunkSize);
    }

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("passphrase");
        QTest::addColumn<qsizetype>("size");
        for (const bool passphrase : {false, true}) {
            const char* mode = passphrase ? "passphrase" : "key";
            for (const auto type : {BundleType::Profile, BundleType::Miner, BundleType::Full}) {
                const QByteArray name = bundleTypeToString(type).toLatin1() + ' ' + mode;
                for (const qsizetype size : {qsizetype(0), qsizetype(1), qsizetype(1023), qsizetype(1024),
                                             qsizetype(1025), qsizetype(10 * 1024 + 17)})
                    QTest::newRow((name + ' ' + QByteArray::number(size)).constData())
                        << int(type) << passphrase << size;
            }
        }
    }

    // Every type in both modes, at sizes around the chunk boundary (1 KiB chunks): what goes in comes
    // out, with the header as sealed.
    void roundTrip()
    {
        QFETCH(int, type);
        QFETCH(bool, passphrase);
        QFETCH(qsizetype, size);
        const QByteArray content = pattern(size);
        const auto sealKey =
            passphrase ? fastPassphrase("correct horse") : BundleKey::sealTo(m_alice, m_bob.publicKey());
        const auto openKey = passphrase ? fastPassphrase("correct horse") : BundleKey::openAs(m_bob);
        const auto sealed = SealedBundle::seal(content, options(BundleType(type)), sealKey);
        QVERIFY2(sealed, sealed ? "" : qPrintable(sealed.error().message));
        const auto opened = SealedBundle::open(*sealed, openKey, 1 << 20);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(opened->content, content);
        QCOMPARE(opened->header.type, BundleType(type));
        QCOMPARE(opened->header.name, options(BundleType(type)).name);
        QCOMPARE(opened->header.contentSize, quint64(size));
        QCOMPARE(opened->header.checksum,
                 QByteArray::fromHex(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
        if (!passphrase) {
            QCOMPARE(opened->header.senderPublicKey, m_alice.publicKey());
            QCOMPARE(opened->header.recipientPublicKey, m_bob.publicKey());
        }
        // The same bundle sealed twice differs (fresh ephemeral key or salt, fresh stream header).
        QVERIFY(*SealedBundle::seal(content, options(BundleType(type)), sealKey) != *sealed);
    }

    // The real passphrase mode: libsodium's interactive Argon2id limits, recorded in the header.
    void interactivePassphrase()
    {
        const auto sealed =
            SealedBundle::seal("{\"a\":1}", options(BundleType::Profile), BundleKey::passphrase("pass"));
        QVERIFY(sealed);
        const auto header = SealedBundle::inspect(*sealed);
        QVERIFY(header);
        QCOMPARE(header->opsLimit, quint64(crypto_pwhash_OPSLIMIT_INTERACTIVE));
        QCOMPARE(header->memLimit, quint64(crypto_pwhash_MEMLIMIT_INTERACTIVE));
        QVERIFY(SealedBundle::open(*sealed, BundleKey::passphrase("pass"), 100));
        QCOMPARE(openError(*sealed, BundleKey::passphrase("Pass")), BundleError::Code::WrongPassphrase);
    }

    // Streaming: to a non-seekable output (two passes over a seekable input) and from a file-like
    // device; the result opens the same way.
    void streaming()
    {
        const QByteArray content = pattern(50 * 1024 + 3);
        QByteArray input = content;
        QBuffer in(&input);
        in.open(QIODevice::ReadOnly);
        QByteArray output;
        SequentialSink out(&output);
        const auto header = SealedBundle::seal(in, content.size(), out, options(BundleType::Full, 4096),
                                               BundleKey::sealTo(m_alice, m_bob.publicKey()));
        QVERIFY(header);
        QCOMPARE(header->chunkCount(), quint64(13));
        const auto written = SealedBundle::inspect(output);
        QVERIFY2(written, written ? "" : qPrintable(written.error().message));
        QCOMPARE(written->checksum, header->checksum); // written up front

        SequentialSource sealedIn(output); // opening reads forward only
        QByteArray plain;
        QBuffer plainOut(&plain);
        plainOut.open(QIODevice::WriteOnly);
        QVERIFY(SealedBundle::open(sealedIn, plainOut, BundleKey::openAs(m_bob), 1 << 20));
        QCOMPARE(plain, content);

        // Both ends sequential: refused up front.
        SequentialSource seqIn(input);
        QByteArray dummy;
        SequentialSink seqOut(&dummy);
        const auto refused = SealedBundle::seal(seqIn, content.size(), seqOut, options(BundleType::Full),
                                                BundleKey::sealTo(m_alice, m_bob.publicKey()));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, BundleError::Code::InvalidInput);
    }

    // inspect needs no key and reads only the header.
    void inspect()
    {
        const QByteArray sealed = sealToBob(pattern(5000), 1024, BundleType::Miner);
        const auto header = SealedBundle::inspect(sealed.first(sealed.size() / 10 + 300));
        QVERIFY(header);
        QCOMPARE(header->type, BundleType::Miner);
        QCOMPARE(header->name, u"bundle-miner"_s);
        QCOMPARE(header->executable, u"xmrig"_s);
        QCOMPARE(header->senderPublicKey, m_alice.publicKey());
        QCOMPARE(header->contentSize, quint64(5000));
        QCOMPARE(header->chunkCount(), quint64(5));
        QCOMPARE(
            header->checksumHex(),
            QString::fromLatin1(QCryptographicHash::hash(pattern(5000), QCryptographicHash::Sha256).toHex()));
    }

    void wrongKey()
    {
        const QByteArray sealed = sealToBob("secret");
        QCOMPARE(openError(sealed, BundleKey::openAs(m_mallory)), BundleError::Code::WrongKey);
        QCOMPARE(openError(sealed, BundleKey::openAs(m_alice)), BundleError::Code::WrongKey);
        QCOMPARE(openError(sealed, fastPassphrase("x")), BundleError::Code::WrongKey);
    }

    // Mallory seals to Bob but writes Alice's key as the sender: she cannot compute X25519(alice, bob),
    // so the key check fails and Bob refuses the bundle.
    void forgedSender()
    {
        QByteArray forged = SealedBundle::seal(QByteArray("evil"), options(BundleType::Full),
                                               BundleKey::sealTo(m_mallory, m_bob.publicKey()))
                                .value();
        forged.replace(32, 32, m_alice.publicKey());
        QCOMPARE(openError(forged, BundleKey::openAs(m_bob)), BundleError::Code::Corrupted);
        // The genuine one from Mallory opens, and says it is from Mallory.
        const auto genuine = SealedBundle::seal(QByteArray("evil"), options(BundleType::Full),
                                                BundleKey::sealTo(m_mallory, m_bob.publicKey()));
        QCOMPARE(SealedBundle::open(*genuine, BundleKey::openAs(m_bob), 100)->header.senderPublicKey,
                 m_mallory.publicKey());
    }

    void wrongPassphrase()
    {
        const auto sealed =
            SealedBundle::seal(QByteArray("{}"), options(BundleType::Profile), fastPassphrase("right"));
        QCOMPARE(openError(*sealed, fastPassphrase("wrong")), BundleError::Code::WrongPassphrase);
        QCOMPARE(openError(*sealed, BundleKey::openAs(m_bob)), BundleError::Code::WrongPassphrase);
        // A hostile header asking for more Argon2 work than we allow is refused before any is done.
        QByteArray greedy = *sealed;
        qToBigEndian<quint64>(quint64(1) << 40, greedy.data() + 88);
        QCOMPARE(openError(greedy, BundleKey::passphrase("right")), BundleError::Code::BadHeader);
    }

    void flippedByte_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("first chunk") << u"chunk0"_s;
        QTest::newRow("middle chunk") << u"chunk2"_s;
        QTest::newRow("last chunk MAC") << u"lastbyte"_s;
        QTest::newRow("header name") << u"name"_s;
        QTest::newRow("header checksum") << u"checksum"_s;
        QTest::newRow("header created") << u"created"_s;
        QTest::newRow("stream header") << u"stream"_s;
        QTest::newRow("key check") << u"keycheck"_s;
    }

    // One flipped bit anywhere authenticated is "corrupted", never a crash or a silent success.
    void flippedByte()
    {
        QFETCH(QString, where);
        QByteArray sealed = sealToBob(pattern(5000));
        const auto header = SealedBundle::inspect(sealed);
        qsizetype at = 0;
        if (where == u"chunk0"_s)
            at = recordOffset(sealed, 0) + 10;
        else if (where == u"chunk2"_s)
            at = recordOffset(sealed, 2) + 500;
        else if (where == u"lastbyte"_s)
            at = sealed.size() - 1;
        else if (where == u"name"_s)
            at = BundleHeader::kFixedSize;
        else if (where == u"checksum"_s)
            at = BundleHeader::kChecksumOffset + 5;
        else if (where == u"created"_s)
            at = 30;
        else if (where == u"stream"_s)
            at = header->encodedSize() - 3;
        else if (where == u"keycheck"_s)
            at = 130;
        sealed[at] = static_cast<char>(sealed[at] ^ 0x01);
        QCOMPARE(openError(sealed, BundleKey::openAs(m_bob)), BundleError::Code::Corrupted);
    }

    void truncated()
    {
        const QByteArray sealed = sealToBob(pattern(5000));
        QCOMPARE(openError(sealed.chopped(1), BundleKey::openAs(m_bob)), BundleError::Code::Truncated);
        QCOMPARE(openError(sealed.first(recordOffset(sealed, 3)), BundleKey::openAs(m_bob)),
                 BundleError::Code::Truncated);
        QCOMPARE(openError(sealed.first(recordOffset(sealed, 0)), BundleKey::openAs(m_bob)),
                 BundleError::Code::Truncated);
        QCOMPARE(openError(sealed.first(100), BundleKey::openAs(m_bob)), BundleError::Code::Truncated);
        QCOMPARE(openError(sealed + "x", BundleKey::openAs(m_bob)), BundleError::Code::Corrupted);
    }

    void reordered()
    {
        const QByteArray sealed = sealToBob(pattern(5000));
        const qsizetype record = 4 + 17 + 1024;
        const qsizetype first = recordOffset(sealed, 1);
        QByteArray swapped = sealed;
        swapped.replace(first, record, sealed.sliced(first + record, record));
        swapped.replace(first + record, record, sealed.sliced(first, record));
        QCOMPARE(openError(swapped, BundleKey::openAs(m_bob)), BundleError::Code::Reordered);
        // A chunk repeated in place of the next one.
        QByteArray repeated = sealed;
        repeated.replace(first + record, record, sealed.sliced(first, record));
        QCOMPARE(openError(repeated, BundleKey::openAs(m_bob)), BundleError::Code::Reordered);
        // The index rewritten to hide the move: then the MAC catches it.
        QByteArray disguised = swapped;
        qToBigEndian<quint32>(1, disguised.data() + first);
        qToBigEndian<quint32>(2, disguised.data() + first + record);
        QCOMPARE(openError(disguised, BundleKey::openAs(m_bob)), BundleError::Code::Corrupted);
    }

    void badHeader_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("value");
        QTest::addColumn<int>("code");
        QTest::newRow("magic") << 0 << int('X') << int(BundleError::Code::BadHeader);
        QTest::newRow("version 2") << 8 << 2 << int(BundleError::Code::UnsupportedVersion);
        QTest::newRow("version 0") << 8 << 0 << int(BundleError::Code::UnsupportedVersion);
        QTest::newRow("mode") << 9 << 7 << int(BundleError::Code::BadHeader);
        QTest::newRow("type") << 10 << 9 << int(BundleError::Code::BadHeader);
        QTest::newRow("content") << 11 << 0 << int(BundleError::Code::BadHeader);
        QTest::newRow("chunk size") << 12 << 0xff << int(BundleError::Code::BadHeader);
        QTest::newRow("content size") << 16 << 0xff << int(BundleError::Code::BadHeader);
        QTest::newRow("name length 0") << 192 << 0 << int(BundleError::Code::BadHeader);
        QTest::newRow("executable length") << 193 << 0xff << int(BundleError::Code::BadHeader);
    }

    void badHeader()
    {
        QFETCH(int, offset);
        QFETCH(int, value);
        QFETCH(int, code);
        QByteArray sealed = sealToBob(pattern(100));
        sealed[offset] = static_cast<char>(value);
        QCOMPARE(int(openError(sealed, BundleKey::openAs(m_bob))), code);
        QCOMPARE(int(SealedBundle::inspect(sealed).error().code), code);
    }

    // Content over the caller's limit is refused before decryption starts.
    void contentLimit()
    {
        const QByteArray sealed = sealToBob(pattern(5000));
        const auto opened = SealedBundle::open(sealed, BundleKey::openAs(m_bob), 4999);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, BundleError::Code::TooLarge);
    }

    // The decryptor keeps two chunk buffers whatever the size, and hands out authenticated pieces.
    void decryptorPieces()
    {
        const QByteArray content = pattern(64 * 1024 * 3 + 5);
        QByteArray sealed = sealToBob(content, 64 * 1024);
        QBuffer in(&sealed);
        in.open(QIODevice::ReadOnly);
        auto decryptor = BundleDecryptor::begin(in, BundleKey::openAs(m_bob));
        QVERIFY(decryptor);
        QByteArray collected;
        int pieces = 0;
        while (!(*decryptor)->finished()) {
            auto piece = (*decryptor)->next();
            QVERIFY(piece);
            QVERIFY(piece->size() <= 64 * 1024);
            collected.append(*piece);
            ++pieces;
        }
        QCOMPARE(pieces, 4);
        QCOMPARE(collected, content);
        QVERIFY((*decryptor)->next()->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSealedBundle)
#include "tst_sealed_bundle.moc"
