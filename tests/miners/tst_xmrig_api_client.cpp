// XmrigApiClient: parsing XMRig's /2/summary and /2/backends (shapes from XMRig's ApiRouter, Network,
// Miner, CudaDevice and OclDevice sources) and talking to the fake XMRig with the Bearer token.
// Hostile input tried: not JSON, an array for an object, a string or negative or huge hashrate, missing
// sections, shares_total below shares_good, backends without health, a wrong and a missing token, a
// server that never answers.

#include "miner_test_support.h"
#include "node/xmrig_api_client.h"
#include "node/xmrig_config.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <optional>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;
using namespace lethean::node;
using lethean::Result;

namespace {

const QByteArray kSummary =
    "{\"id\":\"92f3104f9a2ee78c\",\"worker_id\":\"rig-1\",\"uptime\":123,\"restricted\":true,"
    "\"resources\":{\"memory\":{\"free\":1,\"total\":2,\"resident_set_memory\":3},\"load_average\":[0.1,0.2,"
    "0.3],"
    "\"hardware_concurrency\":8},\"features\":[\"api\"],"
    "\"results\":{\"diff_current\":100000,\"shares_good\":41,\"shares_total\":44,\"avg_time\":30,\"avg_time_"
    "ms\":30000,"
    "\"hashes_total\":1234567,\"best\":[1,2,3,4,5,6,7,8,9,10]},"
    "\"algo\":\"rx/"
    "0\",\"connection\":{\"pool\":\"pool.example.org:3333\",\"ip\":\"192.0.2.1\",\"uptime\":120,"
    "\"ping\":20,\"failures\":0,\"tls\":null,\"tls-fingerprint\":null,\"algo\":\"rx/0\",\"diff\":100000,"
    "\"accepted\":41,\"rejected\":3},\"version\":\"6.21.0\",\"kind\":\"miner\",\"ua\":\"XMRig/6.21.0\","
    "\"donate_level\":1,\"paused\":false,\"algorithms\":[\"rx/0\"],"
    "\"hashrate\":{\"total\":[5432.1,null,null],\"highest\":5500.0},\"hugepages\":false}";

const QByteArray kBackends =
    "[{\"type\":\"cpu\",\"enabled\":true,\"algo\":\"rx/0\",\"profile\":\"rx\",\"hashrate\":[1,2,3],"
    "\"threads\":[{\"intensity\":1},{\"intensity\":1},{\"intensity\":1}]},"
    "{\"type\":\"opencl\",\"enabled\":true,\"algo\":\"rx/0\",\"threads\":[{\"index\":0,\"board\":\"Radeon RX "
    "580\","
    "\"name\":\"Ellesmere\",\"health\":{\"temperature\":71,\"power\":95,\"clock\":1340,\"mem_clock\":2000,"
    "\"rpm\":1800}},"
    "{\"index\":1,\"name\":\"no ADL\"}]},"
    "{\"type\":\"cuda\",\"enabled\":true,\"algo\":\"rx/0\",\"threads\":[{\"index\":2,\"name\":\"GeForce GTX "
    "1080\","
    "\"health\":{\"temperature\":65,\"power\":150,\"clock\":1800,\"mem_clock\":5000,\"fan_speed\":[40,60]}}]}"
    ","
    "{\"type\":\"cuda\",\"enabled\":false,\"threads\":[{\"index\":9,\"health\":{\"temperature\":1}}]}]";

} // namespace

class TestXmrigApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSummary()
    {
        const auto summary = XmrigApiClient::parseSummary(kSummary);
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error()));
        QCOMPARE(summary->hashrate10s, std::optional<double>(5432.1));
        QVERIFY(!summary->hashrate60s.has_value()); // null: the window has not filled, not zero
        QVERIFY(!summary->hashrate15m.has_value());
        QCOMPARE(summary->sharesGood, 41);
        QCOMPARE(summary->sharesTotal, 44);
        QCOMPARE(summary->uptime, 123);
        QCOMPARE(summary->pool, u"pool.example.org:3333"_s);
        QCOMPARE(summary->algorithm, u"rx/0"_s);
        QCOMPARE(summary->version, u"6.21.0"_s);
        QCOMPARE(summary->workerId, u"rig-1"_s);
    }

    void refusesBadSummaries_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("<html>hello</html>");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("no hashrate") << QByteArray("{\"uptime\":1}");
        QTest::newRow("string hashrate") << QByteArray("{\"hashrate\":{\"total\":[\"fast\",null,null]}}");
        QTest::newRow("negative hashrate") << QByteArray("{\"hashrate\":{\"total\":[-5,null,null]}}");
        QTest::newRow("truncated") << kSummary.left(kSummary.size() / 2);
    }
    void refusesBadSummaries()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!XmrigApiClient::parseSummary(json).ok());
    }

    void toleratesOddNumbers()
    {
        // Missing sections and inconsistent counts give zeros, never negative rejects.
        const auto summary =
            XmrigApiClient::parseSummary("{\"hashrate\":{\"total\":[1e308,2]},\"results\":{\"shares_good\":"
                                         "10,\"shares_total\":4},\"uptime\":-7}");
        QVERIFY(summary.ok());
        QCOMPARE(summary->sharesGood, 10);
        QCOMPARE(summary->sharesTotal, 10);
        QCOMPARE(summary->uptime, 0);
        QCOMPARE(summary->hashrate60s, std::optional<double>(2));
        QVERIFY(!summary->hashrate15m.has_value());
    }

    void parsesBackends()
    {
        const auto backends = XmrigApiClient::parseBackends(kBackends);
        QVERIFY(backends.ok());
        QCOMPARE(backends->cpuThreads, 3);
        QCOMPARE(backends->gpus.size(), 2); // the thread without health and the disabled backend are left out
        const GpuHealth amd = backends->gpus.at(0);
        QCOMPARE(amd.index, 0);
        QCOMPARE(amd.name, u"Radeon RX 580"_s);
        QCOMPARE(amd.temperature, 71.0);
        QCOMPARE(amd.power, 95.0);
        QCOMPARE(amd.fan, 0.0); // rpm is not a percentage
        const GpuHealth nvidia = backends->gpus.at(1);
        QCOMPARE(nvidia.index, 2);
        QCOMPARE(nvidia.name, u"GeForce GTX 1080"_s);
        QCOMPARE(nvidia.fan, 50.0);
        QVERIFY(!XmrigApiClient::parseBackends("{}").ok());
        QVERIFY(!XmrigApiClient::parseBackends("nope").ok());
    }

    void talksToTheFakeWithItsToken()
    {
        QTemporaryDir dir;
        const auto port = XmrigConfig::findFreeLoopbackPort();
        QVERIFY(port.ok());
        const QString token = XmrigConfig::generateAccessToken();
        const QString configPath = dir.filePath(u"config.json"_s);
        QVERIFY(XmrigConfig(test::testProfile(), port.value(), token).writeTo(configPath).ok());

        QProcess fake;
        fake.setProgram(QStringLiteral(FAKE_XMRIG_BIN));
        fake.setArguments({u"--config=%1"_s.arg(configPath), u"--no-color"_s, u"--some-unknown-flag"_s});
        // Dies with this test even if the test crashes.
        fake.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        fake.start();
        QVERIFY(fake.waitForStarted());
        auto cleanup = qScopeGuard([&] {
            fake.kill();
            fake.waitForFinished();
        });

        XmrigApiClient client;
        client.setTimeout(std::chrono::milliseconds(2000));
        client.setEndpoint(port.value(), token);
        std::optional<Result<XmrigSummary, QString>> answer;
        // The fake needs a moment to listen: ask until it answers.
        for (QDeadlineTimer deadline(15000); !deadline.hasExpired(); QTest::qWait(100)) {
            answer.reset();
            client.fetchSummary([&](Result<XmrigSummary, QString> r) { answer = std::move(r); });
            QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000);
            if (answer->ok())
                break;
        }
        QVERIFY2(answer && answer->ok(), !answer        ? "no answer"
                                         : answer->ok() ? ""
                                                        : qPrintable(answer->error()));
        QCOMPARE(answer->value().version, u"6.21.0"_s);
        QCOMPARE(answer->value().pool, u"stratum+tcp://pool.example.org:3333"_s);

        // A wrong token: 403.
        client.setEndpoint(port.value(), u"wrong"_s);
        std::optional<Result<XmrigSummary, QString>> refused;
        client.fetchSummary([&](Result<XmrigSummary, QString> r) { refused = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 10000);
        QVERIFY(!refused->ok());
        QVERIFY2(refused->error().contains(u"403"_s), qPrintable(refused->error()));

        // No token at all: 401 (a raw request, as our client always sends one).
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, port.value());
        QVERIFY(raw.waitForConnected(5000));
        raw.write("GET /2/summary HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(raw.bytesAvailable() > 0 || raw.state() != QAbstractSocket::ConnectedState,
                                 10000);
        raw.waitForReadyRead(1000);
        QVERIFY(raw.readAll().startsWith("HTTP/1.1 401"));
    }

    void silentServerTimesOut()
    {
        // Accepts and never answers, like a hung XMRig.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        XmrigApiClient client;
        client.setTimeout(std::chrono::milliseconds(300));
        client.setEndpoint(silent.serverPort(), u"t"_s);
        std::optional<Result<XmrigBackends, QString>> answer;
        client.fetchBackends([&](Result<XmrigBackends, QString> r) { answer = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
        QVERIFY(!answer->ok());
        QVERIFY2(answer->error().contains(u"did not answer"_s), qPrintable(answer->error()));
    }

    void answersAfterEndpointChangeAreDropped()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        XmrigApiClient client;
        client.setTimeout(std::chrono::milliseconds(200));
        client.setEndpoint(silent.serverPort(), u"t"_s);
        bool called = false;
        client.fetchSummary([&](Result<XmrigSummary, QString>) { called = true; });
        client.setEndpoint(silent.serverPort(), u"other"_s); // the miner restarted
        QTest::qWait(800);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestXmrigApiClient)
#include "tst_xmrig_api_client.moc"
