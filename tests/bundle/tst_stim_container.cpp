// Borg's STIM container and go-p2p's deploy rules (WIRE.md §8): the Go-produced profile bundle of
// go-vectors.json byte for byte, WIRE.md §14's STIM vector, our tar matching Go's empty rootfs, miner
// and full STIM bundles through the same opener the worker uses, and Go's plain-JSON shortcut.
// Hostile inputs tried: a flipped byte under a good checksum (wrong-key error), a wrong checksum, a
// wrong shared secret, a config length running past the end, the wrong magic and TRIX version.

#include "bundle_test_support.h"
#include "node/bundle_checksum.h"
#include "node/bundle_opener.h"
#include "node/bundle_sealer.h"
#include "node/stim_container.h"
#include "node/tar_writer.h"

#include <QBuffer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lethean::node;

class TestStimContainer : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_vector;

    QByteArray vectorSecret() const
    {
        return QByteArray::fromBase64(goVectorField(u"password"_s).toLatin1());
    }
    QString goVectorField(const QString& key) const { return m_vector.value(key).toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_vector = bundle_test::goVectors().value(u"profile_bundle"_s).toObject();
        QVERIFY2(!m_vector.isEmpty(), "go-vectors.json not found: set LETHEAN_SHARED_DIR (ctest does)");
    }

    // The Go node's CreateProfileBundle output with its two injected nonces, byte for byte.
    void goProfileVectorByteForByte()
    {
        const QByteArray key = StimContainer::keyForSecret(vectorSecret());
        const QJsonArray nonces = m_vector.value(u"nonces_hex"_s).toArray();
        const auto sealed = StimContainer::sealWithNonces(
            key, goVectorField(u"profile_json"_s).toUtf8(), StimContainer::emptyRootTar(),
            QByteArray::fromHex(nonces.at(0).toString().toLatin1()),
            QByteArray::fromHex(nonces.at(1).toString().toLatin1()));
        QVERIFY(sealed);
        QCOMPARE(sealed->toHex(), goVectorField(u"stim_hex"_s).toLatin1());
        QCOMPARE(sealed->size(), m_vector.value(u"stim_len"_s).toInt());
        QCOMPARE(BundleChecksum::hex(*sealed), goVectorField(u"checksum"_s));
        QCOMPARE(StimContainer::passwordForSecret(vectorSecret()), goVectorField(u"password"_s).toLatin1());
    }

    // And the Go bytes open to the profile, through the worker's opener.
    void goProfileVectorOpens()
    {
        const QByteArray stim = QByteArray::fromHex(goVectorField(u"stim_hex"_s).toLatin1());
        const auto contents = StimContainer::open(StimContainer::keyForSecret(vectorSecret()), stim);
        QVERIFY(contents);
        QCOMPARE(contents->config, goVectorField(u"profile_json"_s).toUtf8());
        QCOMPARE(contents->rootTar, QByteArray(1024, '\0'));

        const BundleOpener opener;
        const auto opened = opener.openStim(BundleType::Profile, u"vector"_s, stim,
                                            goVectorField(u"checksum"_s), vectorSecret(), QString());
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(opened->format, OpenedBundle::Format::Stim);
        QCOMPARE(opened->profile, goVectorField(u"profile_json"_s).toUtf8());
    }

    // WIRE.md §14's independently computed STIM (RFC 7748 keys): prefix and whole-file hash.
    void wireSpecVector()
    {
        const QByteArray secret =
            QByteArray::fromHex("dead45a1d43d6902aa9240b43c0d75a0b5fc750660590d6d45461cbfc4010684");
        QByteArray configNonce(24, Qt::Uninitialized), rootNonce(24, Qt::Uninitialized);
        for (int i = 0; i < 24; ++i) {
            configNonce[i] = static_cast<char>(0x60 + i);
            rootNonce[i] = static_cast<char>(0x80 + i);
        }
        QCOMPARE(StimContainer::keyForSecret(secret).toHex(),
                 QByteArray("d9bab4cb27a6e5dae460f40baeb2ec7a3d8352ba07ccaa8510858905068fe3a0"));
        const auto sealed =
            StimContainer::sealWithNonces(StimContainer::keyForSecret(secret), "{\"pool\":\"test:3333\"}",
                                          StimContainer::emptyRootTar(), configNonce, rootNonce);
        QVERIFY(sealed);
        QCOMPARE(sealed->size(), 1243);
        QCOMPARE(sealed->first(179).toHex(),
                 QByteArray("5354494d020000006a7b22636f6e6669675f73697a65223a36302c22656e6372"
                            "797074696f6e5f616c676f726974686d223a226368616368613230706f6c7931"
                            "333035222c22726f6f7466735f73697a65223a313036342c2274696d223a7472"
                            "75652c2276657273696f6e223a22312e30227d0000003c606162636465666768"
                            "696a6b6c6d6e6f70717273747576777ec44d3e4783570cecb47fdddf50f26e3e"
                            "bad192c7904222f4a43eab354f55f30c68f01a"));
        QCOMPARE(BundleChecksum::hex(*sealed),
                 u"48f4cfaf00fa9dd597f911d387672d99fda90d26591e5eef1ae0ce00b2f796ef"_s);
    }

    // Our TarWriter's empty archive is Go's empty DataNode: 1024 zero bytes.
    void emptyTarIsGos()
    {
        QByteArray tar;
        QBuffer out(&tar);
        out.open(QIODevice::WriteOnly);
        TarWriter writer(out);
        QVERIFY(writer.finish());
        QCOMPARE(tar, StimContainer::emptyRootTar());
    }

    // A file's tar entry: ustar, the name, mode 0600, the size, the data, 1024 zero bytes at the end.
    void tarEntryLayout()
    {
        QByteArray tar;
        QBuffer out(&tar);
        out.open(QIODevice::WriteOnly);
        TarWriter writer(out);
        QVERIFY(writer.addFile(u"xmrig"_s, QByteArray("abc"), TarWriter::kStimFileMode, 1767225600));
        QVERIFY(writer.finish());
        QCOMPARE(tar.size(), 512 + 512 + 1024);
        QCOMPARE(tar.first(5), QByteArray("xmrig"));
        QCOMPARE(tar.sliced(257, 5), QByteArray("ustar"));
        QCOMPARE(tar.sliced(156, 1), QByteArray("0")); // regular file
        QVERIFY(tar.sliced(100, 8).contains("600"));
        QCOMPARE(tar.sliced(512, 3), QByteArray("abc"));
        QCOMPARE(tar.sliced(1024), QByteArray(1024, '\0'));
    }

    // Every way a STIM deploy can be wrong gets its own error, in Go's order (checksum first).
    void failures()
    {
        const QByteArray stim = QByteArray::fromHex(goVectorField(u"stim_hex"_s).toLatin1());
        const QString checksum = goVectorField(u"checksum"_s);
        const BundleOpener opener;

        auto wrongChecksum =
            opener.openStim(BundleType::Profile, u"v"_s, stim, checksum.toUpper(), vectorSecret(), {});
        QVERIFY(!wrongChecksum);
        QCOMPARE(wrongChecksum.error().code, BundleError::Code::ChecksumMismatch);

        QByteArray otherSecret = vectorSecret();
        otherSecret[0] = static_cast<char>(otherSecret[0] ^ 1);
        auto wrongSecret = opener.openStim(BundleType::Profile, u"v"_s, stim, checksum, otherSecret, {});
        QVERIFY(!wrongSecret);
        QCOMPARE(wrongSecret.error().code, BundleError::Code::WrongKey);

        // A byte flipped inside the encrypted config, with the checksum recomputed (an attacker's move).
        QByteArray flipped = stim;
        flipped[200] = static_cast<char>(flipped[200] ^ 0x40);
        auto altered = opener.openStim(BundleType::Profile, u"v"_s, flipped, BundleChecksum::hex(flipped),
                                       vectorSecret(), {});
        QVERIFY(!altered);
        QCOMPARE(altered.error().code, BundleError::Code::WrongKey);

        // The config length pointing past the end.
        QByteArray longConfig = stim;
        const qsizetype lengthAt = 9 + 107;
        longConfig[lengthAt] = '\x7f';
        auto overrun = StimContainer::open(StimContainer::keyForSecret(vectorSecret()), longConfig);
        QVERIFY(!overrun);
        QCOMPARE(overrun.error().code, BundleError::Code::BadHeader);

        QByteArray badVersion = stim;
        badVersion[4] = 3;
        auto version = StimContainer::open(StimContainer::keyForSecret(vectorSecret()), badVersion);
        QVERIFY(!version);
        QCOMPARE(version.error().code, BundleError::Code::UnsupportedVersion);

        auto magic =
            StimContainer::open(StimContainer::keyForSecret(vectorSecret()), "SMSG" + stim.sliced(4));
        QVERIFY(!magic);
        QCOMPARE(magic.error().code, BundleError::Code::BadHeader);
    }

    // go-p2p's unencrypted profile: data starting with '{' is the profile itself (checksum still checked).
    void plainJsonShortcut()
    {
        const QByteArray json = "{\"name\":\"plain\",\"minerType\":\"xmrig\"}";
        const BundleOpener opener;
        const auto opened =
            opener.openStim(BundleType::Profile, u"plain"_s, json, BundleChecksum::hex(json), {}, {});
        QVERIFY(opened);
        QCOMPARE(opened->format, OpenedBundle::Format::PlainJson);
        QCOMPARE(opened->profile, json);
        auto bad = opener.openStim(BundleType::Profile, u"plain"_s, json, BundleChecksum::hex("x"), {}, {});
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, BundleError::Code::ChecksumMismatch);
        // Not for miner bundles (Go allows the shortcut only for profiles).
        auto miner = opener.openStim(BundleType::Miner, u"m"_s, json, BundleChecksum::hex(json),
                                     QByteArray(32, 'k'), QDir::tempPath() + u"/never"_s);
        QVERIFY(!miner);
        QVERIFY(!QFileInfo::exists(QDir::tempPath() + u"/never"_s));
    }

    // A miner bundle as a Go controller builds it: one binary, mode 0600 in the rootfs, the profile as
    // config. Extracted, the binary is executable (Go loses the bit, WIRE.md §13.17), and the config
    // comes back as the profile.
    void minerRoundTrip()
    {
        QTemporaryDir dir;
        const QString binary = dir.filePath(u"xmrig"_s);
        QVERIFY(bundle_test::writeFile(binary, QByteArray(300000, 'x')));
        const QByteArray profile = "{\"name\":\"rig\",\"minerType\":\"xmrig\"}";
        const QByteArray secret(32, '\x11');
        const auto stim = BundleSealer::stimMiner(binary, profile, secret);
        QVERIFY(stim);
        const auto contents = StimContainer::open(StimContainer::keyForSecret(secret), *stim);
        QVERIFY(contents);
        QCOMPARE(contents->config, profile);
        QCOMPARE(contents->rootTar.sliced(100, 7).trimmed().toInt(nullptr, 8), 0600); // Borg's mode

        const BundleOpener opener;
        const QString dest = dir.filePath(u"miners/rig"_s);
        const auto opened =
            opener.openStim(BundleType::Miner, u"rig"_s, *stim, BundleChecksum::hex(*stim), secret, dest);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(opened->files.files, QStringList{u"xmrig"_s});
        QCOMPARE(opened->executablePath(), dest + u"/xmrig"_s);
        QVERIFY(QFileInfo(dest + u"/xmrig"_s).isExecutable());
        QCOMPARE(bundle_test::readAll(dest + u"/xmrig"_s), QByteArray(300000, 'x'));
        QCOMPARE(opened->profile, profile);

        // Without a profile Borg's default config travels; it is not handed on as a profile.
        const auto bare = BundleSealer::stimMiner(binary, {}, secret);
        QVERIFY(bare);
        QCOMPARE(StimContainer::open(StimContainer::keyForSecret(secret), *bare)->config,
                 StimContainer::defaultConfig());
        const auto bareOpened =
            opener.openStim(BundleType::Miner, u"rig"_s, *bare, BundleChecksum::hex(*bare), secret, dest);
        QVERIFY(bareOpened);
        QVERIFY(bareOpened->profile.isEmpty());
    }

    // A full bundle: several files, none executable.
    void fullRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(bundle_test::writeFile(dir.filePath(u"a.json"_s), "{}"));
        QVERIFY(bundle_test::writeFile(dir.filePath(u"b.bin"_s), QByteArray(5000, 'b')));
        const QByteArray secret(32, '\x22');
        const auto stim = BundleSealer::stimFull(
            {{u"a.json"_s, dir.filePath(u"a.json"_s)}, {u"conf/b.bin"_s, dir.filePath(u"b.bin"_s)}}, {},
            secret);
        QVERIFY(stim);
        const BundleOpener opener;
        const QString dest = dir.filePath(u"out"_s);
        const auto opened =
            opener.openStim(BundleType::Full, u"f"_s, *stim, BundleChecksum::hex(*stim), secret, dest);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        QCOMPARE(bundle_test::tree(dest), (QStringList{u"a.json"_s, u"conf"_s, u"conf/b.bin"_s}));
        QVERIFY(!QFileInfo(dest + u"/conf/b.bin"_s).isExecutable());
        QVERIFY(opened->files.executable.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStimContainer)
#include "tst_stim_container.moc"
