// The high-level path the worker and `lethean-node bundle open` share (BundleSealer → BundleOpener):
// every type in our format, sealed to a node and with a passphrase, extracted safely; the miner binary
// stays executable; a damaged or hostile bundle leaves the previous version intact and nothing behind.
// Hostile inputs tried: a bundle cut short after the tar's end-of-archive blocks were delivered (the
// extractor has already seen a complete archive), a flipped byte in the middle of a miner, a full
// bundle whose tar holds a symlink, a profile that is not JSON, a bundle for another node.

#include "bundle_test_support.h"
#include "node/bundle_key.h"
#include "node/bundle_opener.h"
#include "node/bundle_sealer.h"
#include "node/sealed_bundle.h"

#include <QBuffer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sodium.h>

using namespace Qt::StringLiterals;
using namespace lethean::node;

class TestBundleOpener : public QObject
{
    Q_OBJECT

private:
    NodeIdentity m_alice = bundle_test::identity(bundle_test::kAlicePrivate, u"alice"_s);
    NodeIdentity m_bob = bundle_test::identity(bundle_test::kBobPrivate, u"bob"_s);
    NodeIdentity m_mallory = bundle_test::identity(bundle_test::kMalloryPrivate, u"mallory"_s);
    QTemporaryDir m_dir;

    static BundleKey fastPassphrase()
    {
        return BundleKey::passphraseWithCost("pass", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
    }

    QByteArray sealMinerToBob(qsizetype binarySize)
    {
        const QString binary = m_dir.filePath(u"xmrig"_s);
        bundle_test::writeFile(binary, QByteArray(binarySize, 'm'));
        bundle_test::writeFile(m_dir.filePath(u"config.json"_s), "{\"pool\":\"p\"}");
        QByteArray out;
        QBuffer device(&out);
        device.open(QIODevice::WriteOnly);
        auto sealed =
            BundleSealer::sealMiner(binary, {{u"config.json"_s, m_dir.filePath(u"config.json"_s)}},
                                    u"xmrig-6"_s, BundleKey::sealTo(m_alice, m_bob.publicKey()), device);
        if (!sealed)
            qFatal("%s", qPrintable(sealed.error().message));
        return out;
    }

    void installPrevious(const QString& dest)
    {
        QDir(dest).removeRecursively();
        QVERIFY(QDir().mkpath(dest));
        QVERIFY(bundle_test::writeFile(dest + u"/xmrig"_s, "old binary"));
    }

    void verifyPrevious(const QString& dest)
    {
        QCOMPARE(bundle_test::tree(dest), QStringList{u"xmrig"_s});
        QCOMPARE(bundle_test::readAll(dest + u"/xmrig"_s), QByteArray("old binary"));
        const QStringList siblings = QDir(QFileInfo(dest).absolutePath())
                                         .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QCOMPARE(siblings.filter(u"staging"_s), QStringList());
        QCOMPARE(siblings.filter(u".old"_s), QStringList());
    }

private Q_SLOTS:
    void profile_data()
    {
        QTest::addColumn<bool>("passphrase");
        QTest::newRow("to a node") << false;
        QTest::newRow("passphrase") << true;
    }

    // A profile comes back as JSON and writes nothing.
    void profile()
    {
        QFETCH(bool, passphrase);
        const QByteArray json =
            "{\"name\":\"main\",\"minerType\":\"xmrig\",\"pool\":\"pool:3333\",\"wallet\":\"iz\"}";
        QByteArray out;
        QBuffer device(&out);
        device.open(QIODevice::WriteOnly);
        const auto sealed = BundleSealer::sealProfile(
            json, u"main"_s, passphrase ? fastPassphrase() : BundleKey::sealTo(m_alice, m_bob.publicKey()),
            device);
        QVERIFY(sealed);
        const BundleOpener opener;
        const auto opened =
            opener.open(out, passphrase ? fastPassphrase() : BundleKey::openAs(m_bob), QString());
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(opened->type, BundleType::Profile);
        QCOMPARE(opened->profile, json);
        QCOMPARE(opened->name, u"main"_s);
        QCOMPARE(opened->senderPublicKey, passphrase ? QByteArray() : m_alice.publicKey());
        QVERIFY(opened->destination.isEmpty());

        QByteArray notJson;
        QBuffer sink(&notJson);
        sink.open(QIODevice::WriteOnly);
        QCOMPARE(BundleSealer::sealProfile("not json", u"x"_s, fastPassphrase(), sink).error().code,
                 BundleError::Code::InvalidInput);
    }

    // A miner: binary plus config, the binary executable, the config not; replaces the previous install.
    void miner()
    {
        const QByteArray bundle = sealMinerToBob(3 * 1024 * 1024 + 11);
        const QString dest = m_dir.filePath(u"miners/xmrig-6"_s);
        installPrevious(dest);
        const auto opened = BundleOpener().open(bundle, BundleKey::openAs(m_bob), dest);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(opened->type, BundleType::Miner);
        QCOMPARE(bundle_test::tree(dest), (QStringList{u"config.json"_s, u"xmrig"_s}));
        QCOMPARE(opened->executablePath(), QFileInfo(dest).absoluteFilePath() + u"/xmrig"_s);
        QVERIFY(QFileInfo(opened->executablePath()).isExecutable());
        QVERIFY(!QFileInfo(dest + u"/config.json"_s).isExecutable());
        QCOMPARE(bundle_test::readAll(dest + u"/xmrig"_s), QByteArray(3 * 1024 * 1024 + 11, 'm'));
        QCOMPARE(opened->senderPublicKey, m_alice.publicKey());
    }

    // Several files, sealed with a passphrase, streamed from a file.
    void full()
    {
        QVERIFY(bundle_test::writeFile(m_dir.filePath(u"one.txt"_s), "1"));
        QVERIFY(bundle_test::writeFile(m_dir.filePath(u"two.bin"_s), QByteArray(70000, '2')));
        QFile file(m_dir.filePath(u"full.bundle"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(BundleSealer::sealFull(
            {{u"one.txt"_s, m_dir.filePath(u"one.txt"_s)}, {u"data/two.bin"_s, m_dir.filePath(u"two.bin"_s)}},
            u"everything"_s, fastPassphrase(), file));
        file.close();
        const QString dest = m_dir.filePath(u"full-out"_s);
        const auto opened = BundleOpener().openFile(file.fileName(), fastPassphrase(), dest);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(bundle_test::tree(dest), (QStringList{u"data"_s, u"data/two.bin"_s, u"one.txt"_s}));
        QVERIFY(opened->files.executable.isEmpty());
        QVERIFY(!QFileInfo(dest + u"/data/two.bin"_s).isExecutable());
    }

    // Cut after the tar's end blocks (the extractor saw a whole archive) but before the final chunk:
    // the opener must still refuse and keep the previous version.
    void truncatedAfterArchive()
    {
        const QByteArray bundle = sealMinerToBob(100000);
        const QString dest = m_dir.filePath(u"miners/cut"_s);
        installPrevious(dest);
        const auto cut = BundleOpener().open(bundle.chopped(3), BundleKey::openAs(m_bob), dest);
        QVERIFY(!cut);
        QCOMPARE(cut.error().code, BundleError::Code::Truncated);
        verifyPrevious(dest);
    }

    void damaged()
    {
        QByteArray bundle = sealMinerToBob(200000);
        bundle[bundle.size() / 2] = static_cast<char>(bundle[bundle.size() / 2] ^ 0x20);
        const QString dest = m_dir.filePath(u"miners/damaged"_s);
        installPrevious(dest);
        const auto opened = BundleOpener().open(bundle, BundleKey::openAs(m_bob), dest);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, BundleError::Code::Corrupted);
        verifyPrevious(dest);
        const auto wrong = BundleOpener().open(sealMinerToBob(1000), BundleKey::openAs(m_mallory), dest);
        QCOMPARE(wrong.error().code, BundleError::Code::WrongKey);
        verifyPrevious(dest);
    }

    // An authentic bundle from a peer may still carry a hostile archive: the same extraction rules apply.
    void hostileArchiveInAuthenticBundle()
    {
        const QByteArray tar = bundle_test::ArchiveBuilder().file("ok", "x").symlink("etc", "/etc").finish();
        SealedBundle::Options options;
        options.type = BundleType::Full;
        options.name = u"evil"_s;
        options.content = BundleHeader::Content::Tar;
        const auto sealed = SealedBundle::seal(tar, options, BundleKey::sealTo(m_mallory, m_bob.publicKey()));
        QVERIFY(sealed);
        const QString dest = m_dir.filePath(u"miners/hostile"_s);
        installPrevious(dest);
        const auto opened = BundleOpener().open(*sealed, BundleKey::openAs(m_bob), dest);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, BundleError::Code::UnsafeEntry);
        verifyPrevious(dest);
    }
};

QTEST_GUILESS_MAIN(TestBundleOpener)
#include "tst_bundle_opener.moc"
