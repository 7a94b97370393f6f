// Logging: the line format, value quoting, levels and their parsing, category rules (applyLogLevel and
// QT_LOGGING_RULES), and the Logger → Qt message handler → LogSink path (WIRE.md §11 and §12's
// logging/logger_test.go row).

#include "node/log_categories.h"
#include "node/log_level.h"
#include "node/log_line.h"
#include "node/log_sink.h"
#include "node/logger.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>
#include <limits>

using namespace Qt::StringLiterals;
using namespace lethean::node;

namespace {

// Set before QCoreApplication reads the environment (see main below): it must beat applyLogLevel().
constexpr char kEnvironmentRules[] = "lethean.profiles.debug=true";

const QDateTime kFixedTime(QDate(2024, 1, 2), QTime(15, 4, 5));

// The last message that reached a plain (non-sink) message handler.
QString g_capturedMessage;
QString g_capturedCategory;

void captureHandler(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    g_capturedMessage = message;
    g_capturedCategory = QString::fromLatin1(context.category);
}

} // namespace

class TestLogger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        LogSink& sink = LogSink::instance();
        sink.setStderrEnabled(false);
        sink.setCapacity(LogSink::kDefaultCapacity);
        sink.clear();
        sink.setClock([] { return kFixedTime; });
        lethean::node::applyLogLevel(LogLevel::Info);
        sink.install();
    }

    void cleanup()
    {
        LogSink::instance().uninstall();
        LogSink::instance().setClock({});
    }

    // --- categories and their default threshold ---

    void categoriesAreNamedPerComponent()
    {
        QCOMPARE(QLatin1StringView(lcNode().categoryName()), "lethean.node"_L1);
        QCOMPARE(QLatin1StringView(lcIdentity().categoryName()), "lethean.identity"_L1);
        QCOMPARE(QLatin1StringView(lcTransport().categoryName()), "lethean.transport"_L1);
        QCOMPARE(QLatin1StringView(lcPeers().categoryName()), "lethean.peers"_L1);
        QCOMPARE(QLatin1StringView(lcController().categoryName()), "lethean.controller"_L1);
        QCOMPARE(QLatin1StringView(lcWorker().categoryName()), "lethean.worker"_L1);
        QCOMPARE(QLatin1StringView(lcMiner().categoryName()), "lethean.miner"_L1);
        QCOMPARE(QLatin1StringView(lcBundle().categoryName()), "lethean.bundle"_L1);
        QCOMPARE(QLatin1StringView(lcDispatcher().categoryName()), "lethean.dispatcher"_L1);
        QCOMPARE(QLatin1StringView(lcProfiles().categoryName()), "lethean.profiles"_L1);
        QCOMPARE(QLatin1StringView(lcUi().categoryName()), "lethean.ui"_L1);
    }

    void defaultThresholdIsInfo()
    {
        QLoggingCategory::setFilterRules(QString()); // no API rules: the categories' own defaults
        QVERIFY(!lcNode().isDebugEnabled());
        QVERIFY(lcNode().isInfoEnabled());
        QVERIFY(lcNode().isWarningEnabled());
        QVERIFY(lcNode().isCriticalEnabled());
        QVERIFY(!lcTransport().isDebugEnabled());
        QVERIFY(lcTransport().isInfoEnabled());
    }

    void componentForCategory_data()
    {
        QTest::addColumn<QByteArray>("category");
        QTest::addColumn<QString>("component");
        QTest::newRow("lethean") << "lethean.transport"_ba << u"transport"_s;
        QTest::newRow("lethean nested") << "lethean.node.sub"_ba << u"node.sub"_s;
        QTest::newRow("default") << "default"_ba << QString();
        QTest::newRow("empty") << QByteArray() << QString();
        QTest::newRow("foreign") << "qt.network.ssl"_ba << u"qt.network.ssl"_s;
    }

    void componentForCategory()
    {
        QFETCH(QByteArray, category);
        QFETCH(QString, component);
        QCOMPARE(lethean::node::componentForCategory(category.isNull() ? nullptr : category.constData()),
                 component);
    }

    // --- levels ---

    void levelToString()
    {
        QCOMPARE(toString(LogLevel::Debug), u"DEBUG"_s);
        QCOMPARE(toString(LogLevel::Info), u"INFO"_s);
        QCOMPARE(toString(LogLevel::Warn), u"WARN"_s);
        QCOMPARE(toString(LogLevel::Error), u"ERROR"_s);
        QCOMPARE(toString(static_cast<LogLevel>(42)), u"UNKNOWN"_s);
    }

    void levelsAreOrdered()
    {
        QVERIFY(LogLevel::Debug < LogLevel::Info);
        QVERIFY(LogLevel::Info < LogLevel::Warn);
        QVERIFY(LogLevel::Warn < LogLevel::Error);
    }

    void parseLogLevel_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<LogLevel>("level");
        QTest::newRow("DEBUG") << u"DEBUG"_s << true << LogLevel::Debug;
        QTest::newRow("debug") << u"debug"_s << true << LogLevel::Debug;
        QTest::newRow("INFO") << u"INFO"_s << true << LogLevel::Info;
        QTest::newRow("Info") << u"Info"_s << true << LogLevel::Info;
        QTest::newRow("WARN") << u"WARN"_s << true << LogLevel::Warn;
        QTest::newRow("warn") << u"warn"_s << true << LogLevel::Warn;
        QTest::newRow("WARNING") << u"WARNING"_s << true << LogLevel::Warn;
        QTest::newRow("Warning") << u"Warning"_s << true << LogLevel::Warn;
        QTest::newRow("ERROR") << u"ERROR"_s << true << LogLevel::Error;
        QTest::newRow("error") << u"error"_s << true << LogLevel::Error;
        QTest::newRow("unknown") << u"verbose"_s << false << LogLevel::Info;
        QTest::newRow("empty") << QString() << false << LogLevel::Info;
        QTest::newRow("padded") << u" info"_s << false << LogLevel::Info;
        QTest::newRow("plural") << u"warnings"_s << false << LogLevel::Info;
    }

    void parseLogLevel()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(LogLevel, level);
        const auto parsed = lethean::node::parseLogLevel(text);
        QCOMPARE(parsed.ok(), ok);
        if (ok)
            QCOMPARE(toString(*parsed), toString(level));
        else
            QCOMPARE(parsed.error(), u"logging.ParseLevel: unknown log level: "_s + text);
    }

    void msgTypeMapping()
    {
        QCOMPARE(toString(logLevelFromMsgType(QtDebugMsg)), toString(LogLevel::Debug));
        QCOMPARE(toString(logLevelFromMsgType(QtInfoMsg)), toString(LogLevel::Info));
        QCOMPARE(toString(logLevelFromMsgType(QtWarningMsg)), toString(LogLevel::Warn));
        QCOMPARE(toString(logLevelFromMsgType(QtCriticalMsg)), toString(LogLevel::Error));
        QCOMPARE(toString(logLevelFromMsgType(QtFatalMsg)), toString(LogLevel::Error));
        QCOMPARE(msgTypeForLogLevel(LogLevel::Debug), QtDebugMsg);
        QCOMPARE(msgTypeForLogLevel(LogLevel::Info), QtInfoMsg);
        QCOMPARE(msgTypeForLogLevel(LogLevel::Warn), QtWarningMsg);
        QCOMPARE(msgTypeForLogLevel(LogLevel::Error), QtCriticalMsg);
    }

    // --- the line format ---

    void formatLine_data()
    {
        QTest::addColumn<LogLevel>("level");
        QTest::addColumn<QString>("component");
        QTest::addColumn<QString>("message");
        QTest::addColumn<LogFields>("fields");
        QTest::addColumn<QString>("expected");
        QTest::newRow("debug") << LogLevel::Debug << u"transport"_s << u"frame in"_s << LogFields()
                               << u"2024/01/02 15:04:05 [DEBUG] [transport] frame in"_s;
        QTest::newRow("info") << LogLevel::Info << u"node"_s << u"started"_s << LogFields()
                              << u"2024/01/02 15:04:05 [INFO] [node] started"_s;
        QTest::newRow("warn") << LogLevel::Warn << u"peers"_s << u"slow"_s << LogFields()
                              << u"2024/01/02 15:04:05 [WARN] [peers] slow"_s;
        QTest::newRow("error") << LogLevel::Error << u"miner"_s << u"crashed"_s << LogFields()
                               << u"2024/01/02 15:04:05 [ERROR] [miner] crashed"_s;
        QTest::newRow("no component") << LogLevel::Info << QString() << u"plain"_s << LogFields()
                                      << u"2024/01/02 15:04:05 [INFO] plain"_s;
        QTest::newRow("fields")
            << LogLevel::Info << u"transport"_s << u"peer connected"_s
            << LogFields{{u"peer"_s, u"ab12"_s}, {u"port"_s, 9091}}
            << u"2024/01/02 15:04:05 [INFO] [transport] peer connected | peer=ab12 port=9091"_s;
        QTest::newRow("fields, no component")
            << LogLevel::Warn << QString() << u"m"_s << LogFields{{u"k"_s, u"v"_s}}
            << u"2024/01/02 15:04:05 [WARN] m | k=v"_s;
        QTest::newRow("empty message")
            << LogLevel::Info << u"ui"_s << QString() << LogFields() << u"2024/01/02 15:04:05 [INFO] [ui] "_s;
    }

    void formatLine()
    {
        QFETCH(LogLevel, level);
        QFETCH(QString, component);
        QFETCH(QString, message);
        QFETCH(LogFields, fields);
        QFETCH(QString, expected);
        LogLine line;
        line.timestamp = kFixedTime;
        line.level = level;
        line.component = component;
        line.message = message;
        line.fields = fields;
        QCOMPARE(formatLogLine(line), expected);
    }

    void timestampIsZeroPadded()
    {
        QCOMPARE(formatLogTimestamp(QDateTime(QDate(987, 3, 4), QTime(5, 6, 7))), u"0987/03/04 05:06:07"_s);
        QCOMPARE(formatLogTimestamp(QDateTime(QDate(2025, 12, 31), QTime(23, 59, 59, 999))),
                 u"2025/12/31 23:59:59"_s);
    }

    void formatValue_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QVariant(u"abc"_s) << u"abc"_s;
        QTest::newRow("space") << QVariant(u"two words"_s) << u"\"two words\""_s;
        QTest::newRow("quote") << QVariant(u"say \"hi\""_s) << u"\"say \\\"hi\\\"\""_s;
        QTest::newRow("lone quote") << QVariant(u"a\"b"_s) << u"\"a\\\"b\""_s;
        QTest::newRow("empty") << QVariant(QString()) << u"\"\""_s;
        QTest::newRow("equals") << QVariant(u"a=b"_s) << u"\"a=b\""_s;
        QTest::newRow("newline") << QVariant(u"a\nb"_s) << u"\"a\\nb\""_s;
        QTest::newRow("tab and cr") << QVariant(u"a\tb\r"_s) << u"\"a\\tb\\r\""_s;
        QTest::newRow("control") << QVariant(u"a\x01z"_s) << u"\"a\\x01z\""_s;
        QTest::newRow("delete") << QVariant(u"a\x7fz"_s) << u"\"a\\x7fz\""_s;
        QTest::newRow("backslash alone") << QVariant(u"C:\\dir"_s) << u"C:\\dir"_s;
        QTest::newRow("backslash quoted") << QVariant(u"a \\ b"_s) << u"\"a \\\\ b\""_s;
        QTest::newRow("unicode") << QVariant(u"h\u00e9llo"_s) << u"h\u00e9llo"_s;
        QTest::newRow("no-break space") << QVariant(u"a\u00a0b"_s) << u"\"a\\u00a0b\""_s;
        QTest::newRow("int") << QVariant(42) << u"42"_s;
        QTest::newRow("negative") << QVariant(-7) << u"-7"_s;
        QTest::newRow("u64 max") << QVariant(std::numeric_limits<quint64>::max())
                                 << u"18446744073709551615"_s;
        QTest::newRow("double") << QVariant(3.5) << u"3.5"_s;
        QTest::newRow("double shortest") << QVariant(0.1) << u"0.1"_s;
        QTest::newRow("true") << QVariant(true) << u"true"_s;
        QTest::newRow("false") << QVariant(false) << u"false"_s;
        QTest::newRow("nil") << QVariant() << u"<nil>"_s;
        QTest::newRow("list") << QVariant(QStringList{u"a"_s, u"b"_s}) << u"\"[a b]\""_s;
        QTest::newRow("bytes") << QVariant("raw"_ba) << u"raw"_s;
    }

    void formatValue()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, expected);
        QCOMPARE(formatLogValue(value), expected);
    }

    void fieldsKeepInsertionOrder()
    {
        const LogFields fields{{u"zeta"_s, 1}, {u"alpha"_s, 2}, {u"mid"_s, 3}, {u"alpha"_s, 4}};
        QCOMPARE(formatLogFields(fields), u" | zeta=1 alpha=2 mid=3 alpha=4"_s);
        QCOMPARE(formatLogFields({}), QString());
    }

    // --- rules: applyLogLevel and QT_LOGGING_RULES-style strings ---

    void applyLogLevelSetsThresholds_data()
    {
        QTest::addColumn<LogLevel>("level");
        QTest::addColumn<bool>("debug");
        QTest::addColumn<bool>("info");
        QTest::addColumn<bool>("warning");
        QTest::addColumn<bool>("critical");
        QTest::newRow("debug") << LogLevel::Debug << true << true << true << true;
        QTest::newRow("info") << LogLevel::Info << false << true << true << true;
        QTest::newRow("warn") << LogLevel::Warn << false << false << true << true;
        QTest::newRow("error") << LogLevel::Error << false << false << false << true;
    }

    void applyLogLevelSetsThresholds()
    {
        QFETCH(LogLevel, level);
        QFETCH(bool, debug);
        QFETCH(bool, info);
        QFETCH(bool, warning);
        QFETCH(bool, critical);
        lethean::node::applyLogLevel(level);
        for (const QLoggingCategory* category : {&lcNode(), &lcTransport(), &lcUi()}) {
            QCOMPARE(category->isDebugEnabled(), debug);
            QCOMPARE(category->isInfoEnabled(), info);
            QCOMPARE(category->isWarningEnabled(), warning);
            QCOMPARE(category->isCriticalEnabled(), critical);
        }
    }

    void applyLogLevelFiltersLoggedLines()
    {
        const Logger log(lcNode);
        lethean::node::applyLogLevel(LogLevel::Warn);
        log.debug(u"d"_s);
        log.info(u"i"_s);
        log.warn(u"w"_s);
        log.error(u"e"_s);
        qCInfo(lcNode) << "macro info";
        qCWarning(lcNode).noquote() << "macro warn";
        const QList<LogLine> lines = LogSink::instance().recent();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).text, u"2024/01/02 15:04:05 [WARN] [node] w"_s);
        QCOMPARE(lines.at(1).text, u"2024/01/02 15:04:05 [ERROR] [node] e"_s);
        QCOMPARE(lines.at(2).text, u"2024/01/02 15:04:05 [WARN] [node] macro warn"_s);
        QVERIFY(!log.isEnabled(LogLevel::Info));
        QVERIFY(log.isEnabled(LogLevel::Warn));
    }

    void leaveOtherCategoriesAlone()
    {
        const QLoggingCategory foreign("other.component");
        lethean::node::applyLogLevel(LogLevel::Error);
        QVERIFY(foreign.isWarningEnabled());
        QVERIFY(foreign.isInfoEnabled());
    }

    // The rule strings QT_LOGGING_RULES takes, set through the API: one component can be traced while
    // the rest stays at the broad threshold.
    void ruleStringsTuneOneComponent()
    {
        QLoggingCategory::setFilterRules(u"lethean.*.debug=false\nlethean.transport.debug=true\n"
                                         u"lethean.peers.info=false"_s);
        QVERIFY(lcTransport().isDebugEnabled());
        QVERIFY(!lcNode().isDebugEnabled());
        QVERIFY(!lcPeers().isInfoEnabled());
        QVERIFY(lcPeers().isWarningEnabled());

        Logger(lcTransport).debug(u"traced"_s);
        Logger(lcNode).debug(u"hidden"_s);
        Logger(lcPeers).info(u"hidden too"_s);
        const QList<LogLine> lines = LogSink::instance().recent();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().text, u"2024/01/02 15:04:05 [DEBUG] [transport] traced"_s);
    }

    // QT_LOGGING_RULES (set in main before the application read it) outranks setFilterRules(), so
    // fine-tuning from the environment survives --log-level.
    void environmentRulesBeatApplyLogLevel()
    {
        QCOMPARE(qgetenv("QT_LOGGING_RULES"), QByteArray(kEnvironmentRules));
        lethean::node::applyLogLevel(LogLevel::Error);
        QVERIFY(lcProfiles().isDebugEnabled()); // from the environment
        QVERIFY(!lcProfiles().isInfoEnabled()); // from applyLogLevel: the environment says nothing
        QVERIFY(!lcNode().isDebugEnabled());
        QVERIFY(!lcNode().isWarningEnabled());
    }

    // --- Logger through the message handler into the sink ---

    void loggerWritesStructuredLines()
    {
        const Logger log(lcTransport);
        QCOMPARE(log.component(), u"transport"_s);
        QCOMPARE(&log.category(), &lcTransport());
        log.info(u"peer connected"_s, {{u"peer"_s, u"ab12"_s}, {u"addr"_s, u"10.0.0.2:9091"_s}});
        const QList<LogLine> lines = LogSink::instance().recent();
        QCOMPARE(lines.size(), 1);
        const LogLine& line = lines.first();
        QCOMPARE(line.text,
                 u"2024/01/02 15:04:05 [INFO] [transport] peer connected | peer=ab12 addr=10.0.0.2:9091"_s);
        QCOMPARE(line.timestamp, kFixedTime);
        QCOMPARE(toString(line.level), toString(LogLevel::Info));
        QCOMPARE(line.component, u"transport"_s);
        QCOMPARE(line.message, u"peer connected"_s);
        QCOMPARE(line.fields.size(), 2);
        QCOMPARE(line.fields.at(0).first, u"peer"_s);
        QCOMPARE(line.fields.at(1).second, QVariant(u"10.0.0.2:9091"_s));
    }

    void everyLevelTag()
    {
        lethean::node::applyLogLevel(LogLevel::Debug);
        const Logger log(lcWorker);
        log.debug(u"a"_s);
        log.info(u"b"_s);
        log.warn(u"c"_s);
        log.error(u"d"_s);
        log.log(LogLevel::Warn, u"e"_s, {{u"n"_s, 1}});
        const QList<LogLine> lines = LogSink::instance().recent();
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(0).text, u"2024/01/02 15:04:05 [DEBUG] [worker] a"_s);
        QCOMPARE(lines.at(1).text, u"2024/01/02 15:04:05 [INFO] [worker] b"_s);
        QCOMPARE(lines.at(2).text, u"2024/01/02 15:04:05 [WARN] [worker] c"_s);
        QCOMPARE(lines.at(3).text, u"2024/01/02 15:04:05 [ERROR] [worker] d"_s);
        QCOMPARE(lines.at(4).text, u"2024/01/02 15:04:05 [WARN] [worker] e | n=1"_s);
    }

    void qtMacrosAreFormattedToo()
    {
        qCInfo(lcBundle).noquote() << "extracted" << 3 << "files";
        qCCritical(lcMiner).noquote() << "exited";
        qInfo("plain %d", 7);
        qWarning().noquote() << "no category";
        const QLoggingCategory foreign("qt.test.foreign");
        qCWarning(foreign).noquote() << "from Qt";
        const QList<LogLine> lines = LogSink::instance().recent();
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(0).text, u"2024/01/02 15:04:05 [INFO] [bundle] extracted 3 files"_s);
        QCOMPARE(lines.at(1).text, u"2024/01/02 15:04:05 [ERROR] [miner] exited"_s);
        QCOMPARE(lines.at(2).text, u"2024/01/02 15:04:05 [INFO] plain 7"_s);
        QCOMPARE(lines.at(3).text, u"2024/01/02 15:04:05 [WARN] no category"_s);
        QCOMPARE(lines.at(3).component, QString());
        QCOMPARE(lines.at(4).text, u"2024/01/02 15:04:05 [WARN] [qt.test.foreign] from Qt"_s);
        for (const LogLine& line : lines)
            QVERIFY(line.fields.isEmpty());
    }

    // Fields handed to one message never leak into the next one, logged without fields.
    void fieldsDoNotLeakIntoTheNextMessage()
    {
        Logger(lcNode).info(u"with"_s, {{u"k"_s, 1}});
        qCInfo(lcNode).noquote() << "without";
        Logger(lcNode).info(u"bare"_s);
        const QList<LogLine> lines = LogSink::instance().recent();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).fields.size(), 1);
        QVERIFY(lines.at(1).fields.isEmpty());
        QVERIFY(lines.at(2).fields.isEmpty());
        QCOMPARE(lines.at(2).text, u"2024/01/02 15:04:05 [INFO] [node] bare"_s);
    }

    // Under another handler (no sink installed) the fields are folded into the text, not lost.
    void withoutTheSinkFieldsStayInTheText()
    {
        LogSink::instance().uninstall();
        QVERIFY(!LogSink::isActive());
        const QtMessageHandler previous = qInstallMessageHandler(&captureHandler);
        Logger(lcPeers).warn(u"score low"_s, {{u"peer"_s, u"ab"_s}, {u"score"_s, 12.5}});
        qInstallMessageHandler(previous);
        QCOMPARE(g_capturedMessage, u"score low | peer=ab score=12.5"_s);
        QCOMPARE(g_capturedCategory, u"lethean.peers"_s);
        QVERIFY(LogSink::instance().recent().isEmpty());
    }

    // A real clock: the prefix is a well-formed local time close to now.
    void realClockTimestamp()
    {
        LogSink::instance().setClock({});
        const QDateTime before = QDateTime::currentDateTime().addSecs(-1);
        Logger(lcNode).info(u"now"_s);
        const QDateTime after = QDateTime::currentDateTime().addSecs(1);
        const QString text = LogSink::instance().recent().last().text;
        static const QRegularExpression pattern(
            uR"(^(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) \[INFO\] \[node\] now$)"_s);
        const QRegularExpressionMatch match = pattern.match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text));
        const QDateTime stamped = QDateTime::fromString(match.captured(1), u"yyyy/MM/dd HH:mm:ss"_s);
        QVERIFY(stamped.isValid());
        QVERIFY(stamped >= before.addMSecs(-before.time().msec()));
        QVERIFY(stamped <= after);
    }
};

int main(int argc, char** argv)
{
    // QCoreApplication reads QT_LOGGING_RULES once, while it is constructed.
    qputenv("QT_LOGGING_RULES", kEnvironmentRules);
    QCoreApplication app(argc, argv);
    TestLogger test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_logger.moc"
