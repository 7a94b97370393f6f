// MinerLogBuffer: the ring of a miner's console lines behind get_logs (WIRE.md §7.2 semantics).
// Hostile input tried: more lines than the ring holds, line counts of 0, negative and above 10000, a
// wall clock that steps back, colour escapes and control characters, one enormous line.

#include "node/miner_log_buffer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::MinerLogBuffer;

class TestMinerLogBuffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lastLinesOldestFirst()
    {
        MinerLogBuffer buffer(10);
        for (int i = 1; i <= 5; ++i)
            buffer.append(u"line %1"_s.arg(i), 1000 + i);
        const auto slice = buffer.slice(3, 0);
        QCOMPARE(slice.lines, QStringList({u"line 3"_s, u"line 4"_s, u"line 5"_s}));
        QVERIFY(slice.hasMore); // 3 >= 3: Go's worker says there may be more
        const auto all = buffer.slice(10, 0);
        QCOMPARE(all.lines.size(), 5);
        QVERIFY(!all.hasMore);
    }

    void fullRingDropsTheOldest()
    {
        MinerLogBuffer buffer(4);
        for (int i = 1; i <= 10; ++i)
            buffer.append(u"l%1"_s.arg(i), i);
        QCOMPARE(buffer.size(), 4);
        QCOMPARE(buffer.droppedLines(), 6);
        QCOMPARE(buffer.slice(100, 0).lines, QStringList({u"l7"_s, u"l8"_s, u"l9"_s, u"l10"_s}));
    }

    void lineCountIsClamped_data()
    {
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("expected");
        QTest::newRow("zero means the maximum") << 0 << MinerLogBuffer::kMaxSliceLines;
        QTest::newRow("negative means the maximum") << -5 << MinerLogBuffer::kMaxSliceLines;
        QTest::newRow("above the maximum") << 10001 << MinerLogBuffer::kMaxSliceLines;
        QTest::newRow("huge") << std::numeric_limits<int>::max() << MinerLogBuffer::kMaxSliceLines;
        QTest::newRow("small") << 7 << 7;
    }
    void lineCountIsClamped()
    {
        QFETCH(int, asked);
        QFETCH(int, expected);
        MinerLogBuffer buffer(12000);
        for (int i = 0; i < 12000; ++i)
            buffer.append(QString::number(i), i);
        const auto slice = buffer.slice(asked, 0);
        QCOMPARE(slice.lines.size(), expected);
        QCOMPARE(slice.lines.last(), u"11999"_s);
        QVERIFY(slice.hasMore);
    }

    void sinceFilters()
    {
        MinerLogBuffer buffer(10);
        buffer.append(u"a"_s, 100);
        buffer.append(u"b"_s, 200);
        buffer.append(u"c"_s, 300);
        QCOMPARE(buffer.slice(10, 200).lines, QStringList({u"b"_s, u"c"_s}));
        QCOMPARE(buffer.slice(10, 301).lines, QStringList());
        QCOMPARE(buffer.slice(10, 0).lines.size(), 3);
        QCOMPARE(buffer.slice(1, 100).lines, QStringList({u"c"_s}));
    }

    void clockSteppingBackIsStillFiltered()
    {
        MinerLogBuffer buffer(10);
        buffer.append(u"late"_s, 500);
        buffer.append(u"stepped back"_s, 100); // the wall clock went back between two lines
        buffer.append(u"later"_s, 600);
        QCOMPARE(buffer.slice(10, 400).lines, QStringList({u"late"_s, u"later"_s}));
    }

    void sanitizesControlCharacters()
    {
        MinerLogBuffer buffer(4);
        buffer.append(u"\x1b[1;32maccepted\x1b[0m (1/0)\r\x07\ttab"_s, 1);
        QCOMPARE(buffer.slice(1, 0).lines.first(), u"accepted (1/0) tab"_s);
    }

    void cutsRunawayLines()
    {
        MinerLogBuffer buffer(2);
        buffer.append(QString(100000, u'x'), 1);
        const QString stored = buffer.slice(1, 0).lines.first();
        QCOMPARE(stored.size(), MinerLogBuffer::kMaxLineLength + 1);
        QVERIFY(stored.endsWith(u'…'));
    }

    void clearEmpties()
    {
        MinerLogBuffer buffer(3);
        buffer.append(u"x"_s, 1);
        buffer.clear();
        QCOMPARE(buffer.size(), 0);
        QVERIFY(buffer.slice(0, 0).lines.isEmpty());
        QVERIFY(!buffer.slice(0, 0).hasMore);
    }
};

QTEST_GUILESS_MAIN(TestMinerLogBuffer)
#include "tst_miner_log_buffer.moc"
