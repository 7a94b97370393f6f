// Safe extraction of untrusted archives (node/safe_extractor): a table of hostile tarballs built here
// with libarchive, each of which must be refused as a whole with an error naming the entry, write
// nothing outside the destination, leave no staging folder behind and leave the previous version
// intact. Then what must work: plain and gzip archives, folders, the one declared executable, setuid
// and sticky bits stripped.
// Hostile inputs tried: '..' paths, absolute paths, a symlink to /etc, a symlink then a file through it,
// a hard link, character and block devices, a FIFO, a socket-like entry, a declared 101 MiB file, a
// 50 MiB compression bomb, 100,000 tiny entries, a name with invalid UTF-8, a 4 KiB name, a control
// character in a name, the same path twice, garbage and truncated archives.

#include "bundle_test_support.h"
#include "node/safe_extractor.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace lethean::node;
using bundle_test::ArchiveBuilder;

class TestSafeExtractor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_dest;
    QString m_outside;

    void resetFolders()
    {
        QDir(m_dest).removeRecursively();
        QDir(m_outside).removeRecursively();
        QVERIFY(QDir().mkpath(m_dest));
        QVERIFY(QDir().mkpath(m_outside));
        QVERIFY(bundle_test::writeFile(m_dest + u"/previous.txt"_s, "version 1"));
    }

    // The destination still holds exactly the previous version; nothing else appeared anywhere.
    void verifyUntouched()
    {
        QCOMPARE(bundle_test::tree(m_dest), QStringList{u"previous.txt"_s});
        QCOMPARE(bundle_test::readAll(m_dest + u"/previous.txt"_s), QByteArray("version 1"));
        QCOMPARE(bundle_test::tree(m_outside), QStringList());
        QCOMPARE(bundle_test::tree(m_root.path()).filter(u"/"_s, Qt::CaseSensitive).size(),
                 qsizetype(1)); // only dest/previous.txt below the top level
        QCOMPARE(QDir(m_root.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{u"dest"_s, u"outside"_s})); // no staging or ".old" folder left behind
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        m_dest = m_root.filePath(u"dest"_s);
        m_outside = m_root.filePath(u"outside"_s);
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("archive");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        const QByteArray outside = m_root.filePath(u"outside"_s).toUtf8();
        using Code = BundleError::Code;

        QTest::newRow("dot-dot")
            << ArchiveBuilder().file("ok.txt", "x").file("../outside/evil.txt", "evil").finish()
            << int(Code::UnsafeEntry) << u"../outside/evil.txt"_s;
        QTest::newRow("dot-dot inside") << ArchiveBuilder().file("a/../../outside/evil.txt", "evil").finish()
                                        << int(Code::UnsafeEntry) << u"a/../../outside/evil.txt"_s;
        QTest::newRow("absolute") << ArchiveBuilder().file(outside + "/abs.txt", "evil").finish()
                                  << int(Code::UnsafeEntry) << u"absolute"_s;
        QTest::newRow("symlink to /etc") << ArchiveBuilder().symlink("etc", "/etc").finish()
                                         << int(Code::UnsafeEntry) << u"symbolic link"_s;
        QTest::newRow("symlink then file through it")
            << ArchiveBuilder().symlink("link", outside).file("link/evil.txt", "evil").finish()
            << int(Code::UnsafeEntry) << u"'link'"_s;
        QTest::newRow("hard link")
            << ArchiveBuilder().file("a.txt", "a").hardlink("b.txt", "/etc/passwd").finish()
            << int(Code::UnsafeEntry) << u"hard link"_s;
        QTest::newRow("hard link inside")
            << ArchiveBuilder().file("a.txt", "a").hardlink("b.txt", "a.txt").finish()
            << int(Code::UnsafeEntry) << u"'b.txt'"_s;
        QTest::newRow("character device") << ArchiveBuilder().special("null", AE_IFCHR).finish()
                                          << int(Code::UnsafeEntry) << u"character device"_s;
        QTest::newRow("block device") << ArchiveBuilder().special("sda", AE_IFBLK).finish()
                                      << int(Code::UnsafeEntry) << u"block device"_s;
        QTest::newRow("fifo") << ArchiveBuilder().file("ok", "x").special("pipe", AE_IFIFO).finish()
                              << int(Code::UnsafeEntry) << u"FIFO"_s;
        QTest::newRow("101 MiB file") << ArchiveBuilder(true).zeros("huge.bin", 101LL * 1024 * 1024).finish()
                                      << int(Code::TooLarge) << u"huge.bin"_s;
        QTest::newRow("zip bomb") << ArchiveBuilder(true).zeros("bomb.bin", 50LL * 1024 * 1024).finish()
                                  << int(Code::TooLarge) << u"compression bomb"_s;
        {
            ArchiveBuilder many(true);
            for (int i = 0; i < 100000; ++i)
                many.file("f" + QByteArray::number(i), QByteArray());
            QTest::newRow("100000 entries") << many.finish() << int(Code::TooLarge) << u"1024 entries"_s;
        }
        QTest::newRow("invalid UTF-8 name")
            << ArchiveBuilder(false, ArchiveBuilder::Format::Ustar).file("bad\xff\xfe.txt", "x").finish()
            << int(Code::UnsafeEntry) << u"UTF-8"_s;
        QTest::newRow("4 KiB name")
            << ArchiveBuilder().file(QByteArray(40, 'd') + '/' + QByteArray(4096, 'n'), "x").finish()
            << int(Code::UnsafeEntry) << u"bytes long"_s;
        QTest::newRow("long component") << ArchiveBuilder().file(QByteArray(300, 'c'), "x").finish()
                                        << int(Code::UnsafeEntry) << u"component"_s;
        QTest::newRow("control character") << ArchiveBuilder().file("a\nb.txt", "x").finish()
                                           << int(Code::UnsafeEntry) << u"control character"_s;
        QTest::newRow("twice") << ArchiveBuilder().file("a.txt", "1").file("./a.txt", "2").finish()
                               << int(Code::UnsafeEntry) << u"twice"_s;
        QTest::newRow("garbage") << QByteArray(3000, '\x5a') << int(Code::InvalidArchive) << u""_s;
        const QByteArray good =
            ArchiveBuilder().file("a.txt", QByteArray(5000, 'a')).file("b.txt", "b").finish();
        QTest::newRow("truncated") << good.first(1500) << int(Code::InvalidArchive) << u""_s;
        const QByteArray goodGz = ArchiveBuilder(true).file("a.txt", QByteArray(50000, 'a')).finish();
        QTest::newRow("truncated gzip")
            << goodGz.first(goodGz.size() / 2) << int(Code::InvalidArchive) << u""_s;
    }

    void hostile()
    {
        QFETCH(QByteArray, archive);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        resetFolders();
        const SafeExtractor extractor;
        const auto result = extractor.extract(archive, m_dest);
        QVERIFY2(!result, qPrintable(u"a hostile archive was extracted: "_s +
                                     bundle_test::tree(m_dest).join(u", "_s)));
        QVERIFY2(int(result.error().code) == code, qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
        verifyUntouched();
        QVERIFY(!QFileInfo::exists(m_outside + u"/abs.txt"_s));
        QVERIFY(!QFileInfo::exists(m_outside + u"/evil.txt"_s));
    }

    // The extraction succeeds and replaces the previous version as a whole.
    void replacesPrevious_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("tar") << false;
        QTest::newRow("tar.gz") << true;
    }

    void replacesPrevious()
    {
        QFETCH(bool, gzip);
        resetFolders();
        const QByteArray archive = ArchiveBuilder(gzip)
                                       .directory("conf/")
                                       .file("./conf/config.json", "{}")
                                       .file("xmrig", QByteArray(200000, 'x'), 0755)
                                       .file("deep/a/b/c.txt", "c")
                                       .finish();
        const SafeExtractor extractor;
        const auto result = extractor.extract(archive, m_dest, u"xmrig"_s);
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(bundle_test::tree(m_dest),
                 (QStringList{u"conf"_s, u"conf/config.json"_s, u"deep"_s, u"deep/a"_s, u"deep/a/b"_s,
                              u"deep/a/b/c.txt"_s, u"xmrig"_s}));
        QCOMPARE(result->files, (QStringList{u"conf/config.json"_s, u"xmrig"_s, u"deep/a/b/c.txt"_s}));
        QCOMPARE(result->executable, u"xmrig"_s);
        QCOMPARE(result->bytes, qint64(200000 + 2 + 1));
        QCOMPARE(bundle_test::readAll(m_dest + u"/xmrig"_s), QByteArray(200000, 'x'));
        QCOMPARE(QDir(m_root.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{u"dest"_s, u"outside"_s}));
    }

    // Only the declared executable keeps an execute bit; setuid, setgid and sticky never survive.
    void permissions()
    {
        resetFolders();
        const QByteArray archive = ArchiveBuilder()
                                       .file("xmrig", "bin", 06755)
                                       .file("helper.sh", "sh", 0755)
                                       .file("sticky", "s", 01777)
                                       .file("setgid", "g", 02755)
                                       .finish();
        const SafeExtractor extractor;
        const auto result = extractor.extract(archive, m_dest, u"xmrig"_s);
        QVERIFY(result);
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(m_dest + u"/xmrig"_s).constData(), &info), 0);
        QVERIFY(info.st_mode & S_IXUSR);
        QCOMPARE(info.st_mode & (S_ISUID | S_ISGID | S_ISVTX), 0u);
        for (const char* name : {"helper.sh", "sticky", "setgid"}) {
            QCOMPARE(::stat(QFile::encodeName(m_dest + u'/' + QLatin1String(name)).constData(), &info), 0);
            QCOMPARE(info.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH | S_ISUID | S_ISGID | S_ISVTX), 0u);
        }
        // Without a declared executable nothing is executable.
        const auto plain = extractor.extract(archive, m_dest);
        QVERIFY(plain);
        QVERIFY(!QFileInfo(m_dest + u"/xmrig"_s).isExecutable());
        // A declared executable that is not in the archive is an error, and the previous version stays.
        const auto missing = extractor.extract(archive, m_dest, u"xmrig-missing"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, BundleError::Code::InvalidArchive);
        QVERIFY(QFileInfo::exists(m_dest + u"/helper.sh"_s));
    }

    // The limits are the caller's: a smaller per-file, total and entry limit apply.
    void configurableLimits()
    {
        resetFolders();
        ExtractLimits limits;
        limits.maxFileSize = 100;
        const QByteArray archive = ArchiveBuilder().file("a", QByteArray(101, 'a')).finish();
        QCOMPARE(SafeExtractor(limits).extract(archive, m_dest).error().code, BundleError::Code::TooLarge);
        limits = {};
        limits.maxTotalSize = 150;
        const QByteArray two =
            ArchiveBuilder().file("a", QByteArray(100, 'a')).file("b", QByteArray(100, 'b')).finish();
        QCOMPARE(SafeExtractor(limits).extract(two, m_dest).error().code, BundleError::Code::TooLarge);
        limits = {};
        limits.maxEntries = 1;
        QCOMPARE(SafeExtractor(limits).extract(two, m_dest).error().code, BundleError::Code::TooLarge);
        verifyUntouched();
        QVERIFY(SafeExtractor().extract(two, m_dest));
    }

    // A destination that does not exist yet (with missing parents) is created.
    void newDestination()
    {
        const QString fresh = m_root.filePath(u"new/parent/dest"_s);
        const auto result = SafeExtractor().extract(ArchiveBuilder().file("a", "a").finish(), fresh);
        QVERIFY(result);
        QCOMPARE(bundle_test::tree(fresh), QStringList{u"a"_s});
        QDir(m_root.filePath(u"new"_s)).removeRecursively();
    }
};

QTEST_GUILESS_MAIN(TestSafeExtractor)
#include "tst_safe_extractor.moc"
