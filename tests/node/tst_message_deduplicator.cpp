#include "node/message_deduplicator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using lethean::node::MessageDeduplicator;

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

class TestMessageDeduplicator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void duplicateInsideTtlIsDropped()
    {
        FakeClock clock;
        MessageDeduplicator dedup(5min, 100, clock.function());
        QVERIFY(dedup.markIfNew(u"peer"_s, u"id-1"_s));
        QVERIFY(!dedup.markIfNew(u"peer"_s, u"id-1"_s));
        clock.now += 4min + 59s;
        QVERIFY(!dedup.markIfNew(u"peer"_s, u"id-1"_s));
        QVERIFY(dedup.contains(u"peer"_s, u"id-1"_s));
    }

    void forgottenAfterTtl()
    {
        FakeClock clock;
        MessageDeduplicator dedup(5min, 100, clock.function());
        QVERIFY(dedup.markIfNew(u"peer"_s, u"id-1"_s));
        clock.now += 5min;
        QVERIFY(!dedup.contains(u"peer"_s, u"id-1"_s));
        QVERIFY(dedup.markIfNew(u"peer"_s, u"id-1"_s));
        QCOMPARE(dedup.size(), std::size_t{1}); // the expired entry was swept, not kept beside the new one
    }

    // Go keys the table by message ID alone; we key by sender too, so one peer cannot suppress another's
    // message by sending its ID first.
    void scopedPerPeer()
    {
        MessageDeduplicator dedup;
        QVERIFY(dedup.markIfNew(u"attacker"_s, u"id-1"_s));
        QVERIFY(dedup.markIfNew(u"victim"_s, u"id-1"_s));
        QVERIFY(!dedup.markIfNew(u"victim"_s, u"id-1"_s));
    }

    // Go deduplicates an empty ID too.
    void emptyIdIsDeduplicated()
    {
        MessageDeduplicator dedup;
        QVERIFY(dedup.markIfNew(u"peer"_s, QString()));
        QVERIFY(!dedup.markIfNew(u"peer"_s, QString()));
    }

    // Tried: a flood of 10,000 unique IDs against a bound of 1,000. Memory stays at the bound and the
    // oldest IDs are forgotten first.
    void memoryIsBounded()
    {
        FakeClock clock;
        MessageDeduplicator dedup(5min, 1000, clock.function());
        for (int i = 0; i < 10000; ++i) {
            clock.now += 1ms;
            QVERIFY(dedup.markIfNew(u"peer"_s, QString::number(i)));
            QVERIFY(dedup.size() <= 1000);
        }
        QCOMPARE(dedup.size(), std::size_t{1000});
        QCOMPARE(dedup.evictedForSpace(), std::size_t{9000});
        QVERIFY(!dedup.markIfNew(u"peer"_s, u"9999"_s));
        QVERIFY(dedup.markIfNew(u"peer"_s, u"0"_s));
    }

    void sweepIsIncremental()
    {
        FakeClock clock;
        MessageDeduplicator dedup(1s, 100, clock.function());
        for (int i = 0; i < 50; ++i)
            QVERIFY(dedup.markIfNew(u"peer"_s, QString::number(i)));
        clock.now += 2s;
        QVERIFY(dedup.markIfNew(u"peer"_s, u"new"_s));
        QCOMPARE(dedup.size(), std::size_t{1});
    }
};

QTEST_APPLESS_MAIN(TestMessageDeduplicator)
#include "tst_message_deduplicator.moc"
