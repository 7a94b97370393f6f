// Profiles on disk: validation with per-field errors, atomic writes, names that try to escape.

#include "node/profile_store.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lethean;

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsAProfile();
    void validationNamesEachField_data();
    void validationNamesEachField();
    void hostileNamesAreRefused_data();
    void hostileNamesAreRefused();
    void applyProfileChecksNameAndContent();
    void corruptFileIsSkippedNotFatal();
    void removeProfile();

private:
    static node::MiningProfile valid()
    {
        node::MiningProfile profile;
        profile.name = u"main"_s;
        profile.minerType = u"xmrig"_s;
        profile.pool = u"stratum+tcp://pool.example.org:3333"_s;
        profile.wallet = u"iz4wallet"_s;
        profile.workerName = u"rig-1"_s;
        profile.threads = 4;
        profile.extraArgs = {u"--cpu-priority=2"_s};
        return profile;
    }
};

void TestProfileStore::roundTripsAProfile()
{
    QTemporaryDir dir;
    node::ProfileStore store(dir.filePath(u"profiles"_s));
    QSignalSpy saved(&store, &node::ProfileStore::profileSaved);
    QVERIFY(store.saveProfile(valid()));
    QCOMPARE(saved.size(), 1);
    QCOMPARE(store.profile(u"main"_s), valid());
    QCOMPARE(store.profiles().size(), 1);
    const QFile::Permissions permissions = QFile(dir.filePath(u"profiles/main.json"_s)).permissions();
    QVERIFY(!(permissions & (QFile::ReadGroup | QFile::ReadOther))); // a wallet and pool password inside
    QCOMPARE(node::MiningProfile::fromJson(valid().toJson()).value(), valid());
}

void TestProfileStore::validationNamesEachField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("json");
    QTest::newRow("empty name") << u"name"_s << u"name"_s;
    QTest::newRow("unknown miner") << u"minerType"_s << u"minerType"_s;
    QTest::newRow("http pool") << u"pool"_s << u"pool"_s;
    QTest::newRow("pool without port") << u"pool"_s << u"poolPort"_s;
    QTest::newRow("empty wallet") << u"wallet"_s << u"wallet"_s;
    QTest::newRow("threads out of range") << u"threads"_s << u"threads"_s;
    QTest::newRow("donate level out of range") << u"donateLevel"_s << u"donateLevel"_s;
}

void TestProfileStore::validationNamesEachField()
{
    QFETCH(QString, field);
    QFETCH(QString, json);
    node::MiningProfile profile = valid();
    if (json == u"name"_s)
        profile.name.clear();
    else if (json == u"minerType"_s)
        profile.minerType = u"cgminer"_s;
    else if (json == u"pool"_s)
        profile.pool = u"http://pool.example.org:80"_s;
    else if (json == u"poolPort"_s)
        profile.pool = u"pool.example.org"_s;
    else if (json == u"wallet"_s)
        profile.wallet = u"  "_s;
    else if (json == u"threads"_s)
        profile.threads = -1;
    else if (json == u"donateLevel"_s)
        profile.donateLevel = 101;
    const auto errors = profile.validate();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().field, field);
    QVERIFY(!errors.first().message.isEmpty());
    QTemporaryDir dir;
    node::ProfileStore store(dir.path());
    QVERIFY(!store.saveProfile(profile));
}

void TestProfileStore::hostileNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("parent") << u"../x"_s;
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("backslash") << u"a\\b"_s;
    QTest::newRow("dot") << u"."_s;
    QTest::newRow("dotdot") << u".."_s;
    QTest::newRow("hidden") << u".bashrc"_s;
    QTest::newRow("absolute") << u"/etc/passwd"_s;
    QTest::newRow("nul") << QString(u"a"_s + QChar(0) + u"b"_s);
    QTest::newRow("too long") << QString(65, u'a');
    QTest::newRow("non-ascii") << u"rig\u00e9"_s;
}

void TestProfileStore::hostileNamesAreRefused()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    const QString profiles = dir.filePath(u"profiles"_s);
    node::ProfileStore store(profiles);
    node::MiningProfile profile = valid();
    profile.name = name;
    QVERIFY(!store.saveProfile(profile));
    QVERIFY(!store.applyProfile(name, valid().toJson()));
    QVERIFY(!store.profile(name));
    QVERIFY(!store.removeProfile(name));
    // Nothing was written anywhere under the temporary folder.
    QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty() ||
            QDir(profiles).isEmpty());
}

void TestProfileStore::applyProfileChecksNameAndContent()
{
    QTemporaryDir dir;
    node::ProfileStore store(dir.path());
    QVERIFY(store.applyProfile(u"main"_s, valid().toJson()));
    const auto mismatch = store.applyProfile(u"other"_s, valid().toJson());
    QVERIFY(!mismatch);
    QVERIFY(mismatch.error().contains(u"'main'"_s));
    QVERIFY(!store.applyProfile(u"x"_s, "not json"));
    QVERIFY(!store.applyProfile(u"x"_s, "[1,2]"));
    QVERIFY(!store.applyProfile(u"x"_s, "{\"name\":\"x\",\"threads\":\"many\"}"));
    // No name inside: the given one is used.
    node::MiningProfile unnamed = valid();
    unnamed.name.clear();
    QVERIFY(store.applyProfile(u"given"_s, unnamed.toJson()));
    QCOMPARE(store.profile(u"given"_s)->pool, valid().pool);
}

void TestProfileStore::corruptFileIsSkippedNotFatal()
{
    QTemporaryDir dir;
    node::ProfileStore store(dir.path());
    QVERIFY(store.saveProfile(valid()));
    QFile broken(dir.filePath(u"broken.json"_s));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"name\": \"broken\", \"pool\": ");
    broken.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"unreadable profile skipped"_s));
    const auto all = store.profiles();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().name, u"main"_s);
}

void TestProfileStore::removeProfile()
{
    QTemporaryDir dir;
    node::ProfileStore store(dir.path());
    QVERIFY(store.saveProfile(valid()));
    QVERIFY(store.removeProfile(u"main"_s));
    QVERIFY(!store.profile(u"main"_s));
    QVERIFY(!store.removeProfile(u"main"_s));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profile_store.moc"
