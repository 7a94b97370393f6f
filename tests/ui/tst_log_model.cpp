// LogModel and LogFilterProxy: a correct model while lines arrive in batches and old ones fall off the
// front (QAbstractItemModelTester on both), the bound held, one insert per batch, and the level and
// text filters. Hostile input tried: a batch larger than the capacity, a capacity of 0 (clamped to 1),
// empty batches, lines with newlines and markup, a search of only spaces.

#include "node/log_line.h"
#include "ui/log_filter_proxy.h"
#include "ui/log_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::LogLevel;
using lethean::node::LogLine;
using lethean::ui::LogFilterProxy;
using lethean::ui::LogModel;

namespace {

LogLine makeLine(int n, LogLevel level = LogLevel::Info, const QString& component = u"transport"_s)
{
    LogLine line;
    line.timestamp = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5));
    line.level = level;
    line.component = component;
    line.message = u"message %1"_s.arg(n);
    line.fields = {{u"n"_s, n}};
    line.text = lethean::node::formatLogLine(line);
    return line;
}

QList<LogLine> makeLines(int first, int count, LogLevel level = LogLevel::Info)
{
    QList<LogLine> lines;
    for (int n = first; n < first + count; ++n)
        lines.append(makeLine(n, level));
    return lines;
}

} // namespace

class TestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTesterWhileBounded()
    {
        LogModel model;
        model.setCapacity(50);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LogFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setMinimumLevel(LogLevel::Warn);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        for (int batch = 0; batch < 6; ++batch) {
            model.append(makeLines(batch * 20, 15));
            model.append(makeLines(batch * 20 + 15, 5, LogLevel::Warn));
            model.flush();
        }
        QCOMPARE(model.rowCount(), 50);
        // The newest 50 of 120 lines stayed, oldest first.
        QCOMPARE(model.lineAt(0).message, u"message 70"_s);
        QCOMPARE(model.lineAt(49).message, u"message 119"_s);
        QCOMPARE(proxy.rowCount(), 15); // 5 warnings in each of the last 3 batches (70…119)

        model.setCapacity(10);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.lineAt(0).message, u"message 110"_s);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(proxy.rowCount(), 0);
    }

    void insertsOneBatchAtATime()
    {
        LogModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int n = 0; n < 200; ++n)
            model.append(makeLine(n));
        QCOMPARE(model.rowCount(), 0);       // still queued
        QTRY_COMPARE(model.rowCount(), 200); // the batch timer flushed them
        QCOMPARE(inserted.count(), 1);
        model.append(QList<LogLine>{}); // an empty batch inserts nothing
        model.flush();
        QCOMPARE(inserted.count(), 1);
    }

    void keepsOnlyTheNewestOfAnOversizedBatch()
    {
        LogModel model;
        model.setCapacity(0); // clamped to one line
        QCOMPARE(model.capacity(), 1);
        model.setCapacity(3);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(makeLines(0, 2));
        model.flush();
        model.append(makeLines(2, 10));
        model.flush();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.lineAt(0).message, u"message 9"_s);
        QCOMPARE(model.lineAt(2).message, u"message 11"_s);
    }

    void showsColumnsAndColours()
    {
        LogModel model;
        LogLine hostile = makeLine(1, LogLevel::Error, u"peers"_s);
        hostile.message = u"<b>bold</b>\nsecond line"_s;
        model.append(hostile);
        model.flush();
        QCOMPARE(model.index(0, LogModel::TimeColumn).data().toString(), u"2026/01/02 03:04:05"_s);
        QCOMPARE(model.index(0, LogModel::LevelColumn).data().toString(), u"Error"_s);
        QCOMPARE(model.index(0, LogModel::ComponentColumn).data().toString(), u"peers"_s);
        QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(),
                 u"<b>bold</b>\nsecond line | n=1"_s);
        QVERIFY(!model.index(0, LogModel::LevelColumn).data(Qt::ForegroundRole).isNull());
        QCOMPARE(model.index(0, 0).data(LogModel::LineTextRole).toString(), hostile.text);
    }

    void filtersByLevelAndText()
    {
        LogModel model;
        model.append({makeLine(1, LogLevel::Debug), makeLine(2, LogLevel::Info), makeLine(3, LogLevel::Warn),
                      makeLine(4, LogLevel::Error, u"peers"_s)});
        model.flush();
        LogFilterProxy proxy;
        proxy.setSourceModel(&model);
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setMinimumLevel(LogLevel::Info);
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setMinimumLevel(LogLevel::Error);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setMinimumLevel(LogLevel::Debug);
        proxy.setSearchText(u"MESSAGE 3"_s); // case-insensitive
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearchText(u"[peers]"_s); // the component as the line prints it
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearchText(u"   "_s); // only spaces: no filter
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setSearchText(u"n=2"_s); // a field
        QCOMPARE(proxy.rowCount(), 1);
    }
};

QTEST_MAIN(TestLogModel)
#include "tst_log_model.moc"
