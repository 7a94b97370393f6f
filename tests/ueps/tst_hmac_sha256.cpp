// HmacSha256 against RFC 4231's HMAC-SHA256 vectors, fed whole and in pieces.

#include "ueps/hmac_sha256.h"

#include <QByteArray>
#include <QTest>
#include <cstdint>
#include <span>
#include <utility>

using lethean::ueps::HmacSha256;

namespace {

std::span<const std::uint8_t> bytesOf(const QByteArray& data)
{
    return {reinterpret_cast<const std::uint8_t*>(data.constData()), static_cast<std::size_t>(data.size())};
}

QByteArray toBytes(const HmacSha256::Digest& digest)
{
    return QByteArray(reinterpret_cast<const char*>(digest.data()), static_cast<qsizetype>(digest.size()));
}

QByteArray mac(HmacSha256& hmac, const QByteArray& key, const QByteArray& data)
{
    HmacSha256::Digest digest{};
    if (!hmac.init(bytesOf(key)) || !hmac.update(bytesOf(data)) || !hmac.finish(digest)) {
        return {};
    }
    return toBytes(digest);
}

} // namespace

class TestHmacSha256 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc4231_data();
    void rfc4231();
    void splitAtEveryOffset();
    void emptyKeyIsAKeyNotTheLastOne();
    void contextIsReusable();
    void moveTransfersTheContext();
};

void TestHmacSha256::rfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("case 1") << QByteArray(20, '\x0b') << QByteArrayLiteral("Hi There")
                            << QByteArray::fromHex(
                                   "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("case 2") << QByteArrayLiteral("Jefe") << QByteArrayLiteral("what do ya want for nothing?")
                            << QByteArray::fromHex(
                                   "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("case 3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
                            << QByteArray::fromHex(
                                   "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    // A key longer than the SHA-256 block is hashed first.
    QTest::newRow("case 6") << QByteArray(131, '\xaa')
                            << QByteArrayLiteral("Test Using Larger Than Block-Size Key - Hash Key First")
                            << QByteArray::fromHex(
                                   "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

void TestHmacSha256::rfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expected);

    HmacSha256 hmac;
    QVERIFY(hmac.valid());
    QCOMPARE(mac(hmac, key, data), expected);
}

void TestHmacSha256::splitAtEveryOffset()
{
    const QByteArray key = QByteArrayLiteral("Jefe");
    const QByteArray data = QByteArrayLiteral("what do ya want for nothing?");
    const QByteArray expected =
        QByteArray::fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    HmacSha256 hmac;
    for (qsizetype split = 0; split <= data.size(); ++split) {
        HmacSha256::Digest digest{};
        QVERIFY(hmac.init(bytesOf(key)));
        QVERIFY(hmac.update(bytesOf(data.left(split))));
        QVERIFY(hmac.update({}));
        QVERIFY(hmac.update(bytesOf(data.mid(split))));
        QVERIFY(hmac.finish(digest));
        QCOMPARE(toBytes(digest), expected);
    }
}

// EVP_MAC_init with a null key keeps the previous key; an empty span must not fall into that.
void TestHmacSha256::emptyKeyIsAKeyNotTheLastOne()
{
    const QByteArray emptyKeyEmptyData =
        QByteArray::fromHex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    HmacSha256 hmac;
    QVERIFY(!mac(hmac, QByteArrayLiteral("some key"), {}).isEmpty());
    HmacSha256::Digest digest{};
    QVERIFY(hmac.init(std::span<const std::uint8_t>()));
    QVERIFY(hmac.finish(digest));
    QCOMPARE(toBytes(digest), emptyKeyEmptyData);
}

void TestHmacSha256::contextIsReusable()
{
    HmacSha256 hmac;
    const QByteArray first = mac(hmac, QByteArrayLiteral("k1"), QByteArrayLiteral("message"));
    const QByteArray second = mac(hmac, QByteArrayLiteral("k2"), QByteArrayLiteral("message"));
    QVERIFY(first != second);
    QCOMPARE(mac(hmac, QByteArrayLiteral("k1"), QByteArrayLiteral("message")), first);
    HmacSha256 fresh;
    QCOMPARE(mac(fresh, QByteArrayLiteral("k2"), QByteArrayLiteral("message")), second);
}

void TestHmacSha256::moveTransfersTheContext()
{
    HmacSha256 original;
    HmacSha256 moved(std::move(original));
    QVERIFY(moved.valid());
    QVERIFY(!original.valid()); // NOLINT(bugprone-use-after-move): the moved-from state is the point
    HmacSha256::Digest digest{};
    QVERIFY(!original.init(bytesOf(QByteArrayLiteral("k"))));
    QVERIFY(!original.update(bytesOf(QByteArrayLiteral("x"))));
    QVERIFY(!original.finish(digest));

    HmacSha256 assigned;
    assigned = std::move(moved);
    QVERIFY(assigned.valid());
    QCOMPARE(mac(assigned, QByteArrayLiteral("Jefe"), QByteArrayLiteral("what do ya want for nothing?")),
             QByteArray::fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

QTEST_APPLESS_MAIN(TestHmacSha256)
#include "tst_hmac_sha256.moc"
