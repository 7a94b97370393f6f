#include "node/token_bucket.h"

#include <QTest>

using namespace std::chrono_literals;
using lethean::node::TokenBucket;

namespace {
struct FakeClock
{
    std::chrono::steady_clock::time_point now{};
    lethean::node::SteadyClock function()
    {
        return [this] { return now; };
    }
};
} // namespace

class TestTokenBucket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The Go test: a burst of 10 passes, the 11th is refused, and after 1.1 s there is room again.
    void burstThenRejectThenRefill()
    {
        FakeClock clock;
        TokenBucket bucket(10, 5, clock.function());
        for (int i = 0; i < 10; ++i)
            QVERIFY(bucket.tryTake());
        QVERIFY(!bucket.tryTake());
        clock.now += 1100ms;
        for (int i = 0; i < 5; ++i)
            QVERIFY(bucket.tryTake());
        QVERIFY(!bucket.tryTake());
    }

    void defaultsAreTheSpecs()
    {
        FakeClock clock;
        TokenBucket bucket(TokenBucket::kDefaultCapacity, TokenBucket::kDefaultRefillPerSecond, clock.function());
        int passed = 0;
        for (int i = 0; i < 150; ++i)
            passed += bucket.tryTake() ? 1 : 0;
        QCOMPARE(passed, 100);
        clock.now += 1s;
        QCOMPARE(bucket.available(), 50.0);
    }

    void neverExceedsCapacity()
    {
        FakeClock clock;
        TokenBucket bucket(100, 50, clock.function());
        clock.now += 1h;
        QCOMPARE(bucket.available(), 100.0);
    }

    // Go adds floor(seconds) x 50 and drops the fraction when calls come faster than once a second, so a
    // sender at 49 messages a second would be starved after its burst. Ours refills continuously.
    void steadySenderUnderTheRateIsNeverStarved()
    {
        FakeClock clock;
        TokenBucket bucket(100, 50, clock.function());
        for (int i = 0; i < 49 * 60; ++i) { // one minute at 49 msg/s
            clock.now += std::chrono::microseconds(1'000'000 / 49);
            QVERIFY2(bucket.tryTake(), qPrintable(QString::number(i)));
        }
    }

    void fractionalRefill()
    {
        FakeClock clock;
        TokenBucket bucket(2, 10, clock.function());
        QVERIFY(bucket.tryTake());
        QVERIFY(bucket.tryTake());
        QVERIFY(!bucket.tryTake());
        clock.now += 50ms; // half a token
        QVERIFY(!bucket.tryTake());
        clock.now += 50ms;
        QVERIFY(bucket.tryTake());
    }
};

QTEST_APPLESS_MAIN(TestTokenBucket)
#include "tst_token_bucket.moc"
