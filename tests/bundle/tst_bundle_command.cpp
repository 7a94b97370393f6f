// `lethean-node bundle seal|open|inspect`, run as a user runs it: two data dirs (Alice seals, Bob
// opens), every type, a passphrase bundle, STIM for a go-p2p peer, and the error exits.
// Hostile or wrong inputs tried: a bundle for another node, a wrong passphrase, a damaged bundle, a
// missing passphrase file, no --dest, an unknown type, a file that is not a bundle.

#include "node/data_paths.h"
#include "node/node_identity.h"
#include "node/pairing_code.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lethean::node;

class TestBundleCommand : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QTemporaryDir m_dir;
    QString m_aliceDir;
    QString m_bobDir;
    QString m_aliceCode;
    QString m_bobCode;

    static Run run(const QStringList& arguments)
    {
        QProcess process;
        process.start(QStringLiteral(LETHEAN_NODE_BIN), QStringList{u"bundle"_s} + arguments);
        if (!process.waitForFinished(60000))
            process.kill();
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }

    static bool write(const QString& file, const QByteArray& data)
    {
        QFile out(file);
        return out.open(QIODevice::WriteOnly) && out.write(data) == data.size();
    }

    static QByteArray read(const QString& file)
    {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }

    static QString makeNode(const QString& dir, const QString& name)
    {
        auto identity = NodeIdentity::generate(name, NodeRole::Dual);
        if (!identity || !identity->save(DataPaths(dir)))
            qFatal("cannot create a test identity");
        return PairingCode(identity->publicKey(), {u"127.0.0.1:9091"_s}, name).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_aliceDir = path(u"alice"_s);
        m_bobDir = path(u"bob"_s);
        m_aliceCode = makeNode(m_aliceDir, u"alice"_s);
        m_bobCode = makeNode(m_bobDir, u"bob"_s);
        QVERIFY(write(path(u"profile.json"_s), "{\"name\":\"main\",\"minerType\":\"xmrig\"}"));
        QVERIFY(write(path(u"xmrig"_s), QByteArray(100000, 'x')));
        QVERIFY(write(path(u"config.json"_s), "{\"pool\":\"p\"}"));
        QVERIFY(write(path(u"pass.txt"_s), "open sesame\n"));
        QVERIFY(write(path(u"wrong.txt"_s), "open says me\n"));
    }

    void help()
    {
        const Run result = run({u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        for (const char* text : {"seal --type profile|miner|full", "open BUNDLE --dest DIR", "inspect BUNDLE",
                                 "--passphrase-file", "--to"})
            QVERIFY2(result.out.contains(QLatin1String(text)), text);
    }

    // Alice seals a miner for Bob; inspect shows it without a key; Bob opens it; the binary runs.
    void minerForPeer()
    {
        const QString bundle = path(u"miner.bundle"_s);
        Run sealed = run({u"seal"_s, u"--data-dir"_s, m_aliceDir, u"--type"_s, u"miner"_s, u"--to"_s,
                          m_bobCode, u"-o"_s, bundle, path(u"xmrig"_s), path(u"config.json"_s)});
        QVERIFY2(sealed.exitCode == 0, qPrintable(sealed.err));
        QVERIFY(sealed.out.contains(u"Sealed miner bundle 'xmrig'"_s));

        const Run inspected = run({u"inspect"_s, bundle});
        QCOMPARE(inspected.exitCode, 0);
        for (const QString& text :
             {u"Type:"_s, u"miner"_s, u"Executable:"_s, u"xmrig"_s, u"Checksum:"_s, u"Sender:"_s})
            QVERIFY2(inspected.out.contains(text), qPrintable(inspected.out));
        QVERIFY(inspected.out.contains(PairingCode::parse(m_aliceCode)->peerId()));

        const QString dest = path(u"bob-miners/xmrig"_s);
        const Run opened = run({u"open"_s, u"--data-dir"_s, m_bobDir, bundle, u"--dest"_s, dest});
        QVERIFY2(opened.exitCode == 0, qPrintable(opened.err));
        QCOMPARE(read(dest + u"/xmrig"_s), QByteArray(100000, 'x'));
        QVERIFY(QFileInfo(dest + u"/xmrig"_s).isExecutable());
        QCOMPARE(read(dest + u"/config.json"_s), QByteArray("{\"pool\":\"p\"}"));

        // Alice herself cannot open what she sealed for Bob.
        const Run notForAlice =
            run({u"open"_s, u"--data-dir"_s, m_aliceDir, bundle, u"--dest"_s, path(u"alice-out"_s)});
        QCOMPARE(notForAlice.exitCode, 1);
        QVERIFY2(notForAlice.err.contains(u"sealed to another node"_s), qPrintable(notForAlice.err));
        QVERIFY(!QFileInfo::exists(path(u"alice-out"_s)));

        // A damaged copy is refused and leaves Bob's install as it was.
        QByteArray damaged = read(bundle);
        damaged[damaged.size() - 100] = static_cast<char>(damaged[damaged.size() - 100] ^ 1);
        QVERIFY(write(path(u"damaged.bundle"_s), damaged));
        const Run broken =
            run({u"open"_s, u"--data-dir"_s, m_bobDir, path(u"damaged.bundle"_s), u"--dest"_s, dest});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains(u"does not authenticate"_s), qPrintable(broken.err));
        QCOMPARE(read(dest + u"/xmrig"_s), QByteArray(100000, 'x'));
    }

    // A profile exported with a passphrase, opened by anyone who has it.
    void profileWithPassphrase()
    {
        const QString bundle = path(u"profile.bundle"_s);
        const Run sealed = run({u"seal"_s, u"--type"_s, u"profile"_s, u"--passphrase-file"_s,
                                path(u"pass.txt"_s), u"-o"_s, bundle, path(u"profile.json"_s)});
        QVERIFY2(sealed.exitCode == 0, qPrintable(sealed.err));
        QVERIFY2(sealed.err.contains(u"Argon2id"_s), qPrintable(sealed.err)); // said before the slow part
        QVERIFY(sealed.out.contains(u"'main'"_s));

        const Run wrong = run(
            {u"open"_s, bundle, u"--dest"_s, path(u"p-out"_s), u"--passphrase-file"_s, path(u"wrong.txt"_s)});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains(u"wrong passphrase"_s), qPrintable(wrong.err));
        const Run none = run({u"open"_s, bundle, u"--dest"_s, path(u"p-out"_s)});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(u"--passphrase-file"_s));

        const Run opened = run(
            {u"open"_s, bundle, u"--dest"_s, path(u"p-out"_s), u"--passphrase-file"_s, path(u"pass.txt"_s)});
        QVERIFY2(opened.exitCode == 0, qPrintable(opened.err));
        QCOMPARE(read(path(u"p-out/profile.json"_s)),
                 QByteArray("{\"name\":\"main\",\"minerType\":\"xmrig\"}"));
    }

    void fullForPeer()
    {
        const QString bundle = path(u"full.bundle"_s);
        const Run sealed = run({u"seal"_s, u"--data-dir"_s, m_aliceDir, u"--type"_s, u"full"_s, u"--to"_s,
                                m_bobCode, u"-o"_s, bundle, path(u"profile.json"_s), path(u"config.json"_s)});
        QVERIFY2(sealed.exitCode == 0, qPrintable(sealed.err));
        const Run opened =
            run({u"open"_s, u"--data-dir"_s, m_bobDir, bundle, u"--dest"_s, path(u"full-out"_s)});
        QVERIFY2(opened.exitCode == 0, qPrintable(opened.err));
        QVERIFY(QFileInfo::exists(path(u"full-out/profile.json"_s)));
        QVERIFY(QFileInfo::exists(path(u"full-out/config.json"_s)));
    }

    // go-p2p's STIM for a protocol 1.0 peer, and back.
    void stimForGoPeer()
    {
        const QString bundle = path(u"profile.stim"_s);
        const Run sealed =
            run({u"seal"_s, u"--stim"_s, u"--data-dir"_s, m_aliceDir, u"--type"_s, u"profile"_s, u"--to"_s,
                 m_bobCode, u"-o"_s, bundle, path(u"profile.json"_s)});
        QVERIFY2(sealed.exitCode == 0, qPrintable(sealed.err));
        QCOMPARE(read(bundle).first(4), QByteArray("STIM"));
        const Run inspected = run({u"inspect"_s, bundle});
        QCOMPARE(inspected.exitCode, 0);
        QVERIFY(inspected.out.contains(u"STIM"_s));
        const Run noFrom =
            run({u"open"_s, u"--data-dir"_s, m_bobDir, bundle, u"--dest"_s, path(u"stim-out"_s)});
        QCOMPARE(noFrom.exitCode, 2);
        const Run opened = run({u"open"_s, u"--data-dir"_s, m_bobDir, bundle, u"--from"_s, m_aliceCode,
                                u"--dest"_s, path(u"stim-out"_s)});
        QVERIFY2(opened.exitCode == 0, qPrintable(opened.err));
        QCOMPARE(read(path(u"stim-out/profile.json"_s)),
                 QByteArray("{\"name\":\"main\",\"minerType\":\"xmrig\"}"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no action") << QStringList{} << 2 << u"usage"_s;
        QTest::newRow("unknown action") << QStringList{u"burn"_s} << 2 << u"usage"_s;
        QTest::newRow("bad type") << QStringList{u"seal"_s, u"--type"_s, u"car"_s, u"--passphrase-file"_s,
                                                 u"p"_s,    u"-o"_s,     u"o"_s,   u"in"_s}
                                  << 2 << u"--type"_s;
        QTest::newRow("no key") << QStringList{u"seal"_s, u"--type"_s, u"full"_s, u"-o"_s, u"o"_s, u"in"_s}
                                << 2 << u"--to"_s;
        QTest::newRow("no output") << QStringList{u"seal"_s, u"--type"_s, u"full"_s, u"--passphrase-file"_s,
                                                  u"p"_s,    u"in"_s}
                                   << 2 << u"-o"_s;
        QTest::newRow("open without dest") << QStringList{u"open"_s, u"x.bundle"_s} << 2 << u"--dest"_s;
        QTest::newRow("inspect two") << QStringList{u"inspect"_s, u"a"_s, u"b"_s} << 2 << u"exactly one"_s;
        QTest::newRow("missing bundle")
            << QStringList{u"inspect"_s, u"/nonexistent/x.bundle"_s} << 1 << u"cannot read"_s;
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    void notABundle()
    {
        QVERIFY(write(path(u"junk.bin"_s), "MZ this is not a bundle"));
        const Run result = run({u"inspect"_s, path(u"junk.bin"_s)});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"not a bundle"_s), qPrintable(result.err));
        const Run missingPassphrase =
            run({u"seal"_s, u"--type"_s, u"profile"_s, u"--passphrase-file"_s, path(u"none.txt"_s), u"-o"_s,
                 path(u"x.bundle"_s), path(u"profile.json"_s)});
        QCOMPARE(missingPassphrase.exitCode, 1);
        QVERIFY(!QFileInfo::exists(path(u"x.bundle"_s)));
    }
};

QTEST_GUILESS_MAIN(TestBundleCommand)
#include "tst_bundle_command.moc"
