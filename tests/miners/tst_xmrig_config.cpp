// XmrigConfig: the config.json XMRig gets. The API must be on loopback with a token and restricted
// mode (open miner APIs have been used to swap wallets), the supervisor must own the file (no
// background, no autosave), and the file must be readable by its owner only.
// Hostile input tried: a donate level of 0 and 500, a worker name with quotes, backslashes and a
// newline, an existing world-readable file to overwrite.

#include "miner_test_support.h"
#include "node/xmrig_config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lethean::node;

class TestXmrigConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpIsLoopbackWithTokenAndRestricted()
    {
        const XmrigConfig config(test::testProfile(), 45678, u"secret-token"_s);
        const QJsonObject http = config.toJsonObject().value(u"http"_s).toObject();
        QCOMPARE(http.value(u"enabled"_s).toBool(), true);
        QCOMPARE(http.value(u"host"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(http.value(u"port"_s).toInt(), 45678);
        QCOMPARE(http.value(u"access-token"_s).toString(), u"secret-token"_s);
        QCOMPARE(http.value(u"restricted"_s).toBool(), true);
    }

    void poolAndBehaviour()
    {
        const QJsonObject root = XmrigConfig(test::testProfile(), 1, u"t"_s).toJsonObject();
        const QJsonObject pool = root.value(u"pools"_s).toArray().at(0).toObject();
        QCOMPARE(pool.value(u"url"_s).toString(), u"stratum+tcp://pool.example.org:3333"_s);
        QCOMPARE(pool.value(u"user"_s).toString(), u"iz5wallet"_s);
        QCOMPARE(pool.value(u"pass"_s).toString(), u"rig-1"_s);
        QCOMPARE(pool.value(u"rig-id"_s).toString(), u"rig-1"_s);
        QCOMPARE(pool.value(u"tls"_s).toBool(), false);
        QCOMPARE(root.value(u"background"_s).toBool(true), false);
        QCOMPARE(root.value(u"autosave"_s).toBool(true), false);
        QCOMPARE(root.value(u"colors"_s).toBool(true), false);
        QVERIFY(root.value(u"log-file"_s).isNull());
        QCOMPARE(root.value(u"print-time"_s).toInt(), 60);
        QCOMPARE(root.value(u"health-print-time"_s).toInt(), 60);
        QCOMPARE(root.value(u"donate-level"_s).toInt(), 1);
    }

    void tlsPool()
    {
        MiningProfile profile = test::testProfile();
        profile.pool = u"stratum+ssl://pool.example.org:443"_s;
        const QJsonObject pool =
            XmrigConfig(profile, 1, u"t"_s).toJsonObject().value(u"pools"_s).toArray().at(0).toObject();
        QCOMPARE(pool.value(u"tls"_s).toBool(), true);
    }

    void threads()
    {
        MiningProfile profile = test::testProfile();
        profile.threads = 0;
        QJsonObject cpu = XmrigConfig(profile, 1, u"t"_s).toJsonObject().value(u"cpu"_s).toObject();
        QCOMPARE(cpu.value(u"max-threads-hint"_s).toInt(), 100);
        QVERIFY(!cpu.contains(u"*"_s));

        profile.threads = 6;
        cpu = XmrigConfig(profile, 1, u"t"_s).toJsonObject().value(u"cpu"_s).toObject();
        QCOMPARE(cpu.value(u"*"_s).toObject().value(u"threads"_s).toInt(), 6);
        QCOMPARE(cpu.value(u"*"_s).toObject().value(u"intensity"_s).toInt(), 1);
    }

    void donateLevelIsClamped_data()
    {
        QTest::addColumn<int>("given");
        QTest::addColumn<int>("written");
        QTest::newRow("zero: XMRig's minimum is 1") << 0 << 1;
        QTest::newRow("negative") << -3 << 1;
        QTest::newRow("five") << 5 << 5;
        QTest::newRow("too high") << 500 << 100;
    }
    void donateLevelIsClamped()
    {
        QFETCH(int, given);
        QFETCH(int, written);
        MiningProfile profile = test::testProfile();
        profile.donateLevel = given;
        QCOMPARE(XmrigConfig(profile, 1, u"t"_s).toJsonObject().value(u"donate-level"_s).toInt(), written);
    }

    void awkwardWorkerNameSurvivesJson()
    {
        MiningProfile profile = test::testProfile();
        profile.workerName = u"rig \"one\"\\\n2"_s;
        const QByteArray json = XmrigConfig(profile, 1, u"t"_s).toJson();
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.object().value(u"pools"_s).toArray().at(0).toObject().value(u"rig-id"_s).toString(),
                 profile.workerName);
    }

    void fileIsOwnerOnlyAndAtomic()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"miners/main/config.json"_s);
        // A stale world-readable file from somewhere else is replaced, not reused with its mode.
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        {
            QFile stale(path);
            QVERIFY(stale.open(QIODevice::WriteOnly));
            stale.write("stale");
        }
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                        QFileDevice::ReadOther | QFileDevice::ReadGroup);

        const XmrigConfig config(test::testProfile(), 40000, XmrigConfig::generateAccessToken());
        const auto written = config.writeTo(path);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error()));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                             QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(file.readAll())
                     .object()
                     .value(u"http"_s)
                     .toObject()
                     .value(u"access-token"_s)
                     .toString(),
                 config.accessToken());
        QCOMPARE(QFile::permissions(QFileInfo(path).absolutePath()) &
                     (QFileDevice::ReadOther | QFileDevice::ExeOther),
                 QFileDevice::Permissions());
    }

    void writeFailsCleanly()
    {
        // A file where the folder should be.
        QTemporaryDir dir;
        QFile blocker(dir.filePath(u"miners"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const auto written =
            XmrigConfig(test::testProfile(), 1, u"t"_s).writeTo(dir.filePath(u"miners/main/config.json"_s));
        QVERIFY(!written.ok());
        QVERIFY(written.error().contains(u"miner folder"_s));
    }

    void tokensAreRandomHex()
    {
        const QString a = XmrigConfig::generateAccessToken();
        const QString b = XmrigConfig::generateAccessToken();
        QCOMPARE(a.size(), 64);
        QVERIFY(a != b);
        for (const QChar c : a)
            QVERIFY(QStringLiteral("0123456789abcdef").contains(c));
    }

    void freePortCanBeBound()
    {
        const auto port = XmrigConfig::findFreeLoopbackPort();
        QVERIFY(port.ok());
        QVERIFY(port.value() > 0);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, port.value()));
    }
};

QTEST_GUILESS_MAIN(TestXmrigConfig)
#include "tst_xmrig_config.moc"
