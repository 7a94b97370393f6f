// Pairing codes: layout, round trip, typo detection, and one error for each way a code can be wrong.

#include "node/identity_crypto.h"
#include "node/pairing_code.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::PairingCode;
using lethean::node::PairingCodeError;

Q_DECLARE_METATYPE(PairingCodeError::Code)

namespace {

constexpr QByteArray::Base64Options kUrl = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray sampleKey()
{
    // identity_b of go-vectors.json
    return QByteArray::fromHex("5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b");
}

QString field(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64(kUrl));
}

// An independent spelling of the documented layout (docs/registry.md): fields joined by '.', then the
// first 4 bytes of SHA-256 of everything before the last '.'.
QString craft(const QString& keyField, const QString& addressField, const QString& nameField)
{
    const QString body = u"lethean:1."_s + keyField + u'.' + addressField + u'.' + nameField;
    const QByteArray sum = QCryptographicHash::hash(body.toLatin1(), QCryptographicHash::Sha256).left(4);
    return body + u'.' + field(sum);
}

QString craft(const QByteArray& key, const QByteArray& addresses, const QByteArray& name)
{
    return craft(field(key), field(addresses), field(name));
}

QString validCode()
{
    return PairingCode(sampleKey(), {u"192.168.1.20:9091"_s}, u"rig-07"_s).toString();
}

} // namespace

class TestPairingCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QStringList>("addresses");
        QTest::addColumn<QString>("name");
        QTest::newRow("rig on the LAN") << QStringList{u"192.168.1.20:9091"_s} << u"rig-07"_s;
        QTest::newRow("no address, no name") << QStringList() << QString();
        QTest::newRow("IPv6 and a host name")
            << QStringList{u"[2001:db8::7]:9091"_s, u"rig7.example.org:443"_s} << u"Rig 7"_s;
        QStringList sixteen;
        for (int i = 1; i <= 16; ++i)
            sixteen.append(u"10.0.0.%1:%2"_s.arg(i).arg(9000 + i));
        QTest::newRow("sixteen addresses") << sixteen << u"a"_s;
        QTest::newRow("longest name") << QStringList{u"localhost:1"_s} << QString(64, u'z');
        QTest::newRow("highest port") << QStringList{u"rig:65535"_s} << u"x_y"_s;
    }

    void roundTrip()
    {
        QFETCH(QStringList, addresses);
        QFETCH(QString, name);
        const PairingCode code(sampleKey(), addresses, name);
        QVERIFY(code.validate().ok());
        const QString text = code.toString();
        const auto parsed = PairingCode::parse(text);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
        QCOMPARE(*parsed, code);
        QCOMPARE(parsed->peerId(), u"4457134794559182226754e9dd2f1083"_s); // go-vectors.json identity_b
        QCOMPARE(text, craft(sampleKey(), addresses.join(u',').toUtf8(), name.toUtf8()));
    }

    // The example in docs/registry.md.
    void documentedExample()
    {
        const auto parsed = PairingCode::parse(
            u"lethean:1.B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9_AsrhtHHw.MTkyLjE2OC4xLjIwOjkwOTE.cmlnLTA3.ed-sIw"_s);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
        QCOMPARE(lethean::node::encodePublicKey(parsed->publicKey()),
                 u"B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw="_s);
        QCOMPARE(parsed->peerId(), u"aaa8fff703b50b2297f4f6e13508f724"_s); // go-vectors.json identity_a
        QCOMPARE(parsed->addresses(), QStringList{u"192.168.1.20:9091"_s});
        QCOMPARE(parsed->name(), u"rig-07"_s);
    }

    void layout()
    {
        const QString text = validCode();
        QVERIFY(text.startsWith(u"lethean:1."_s));
        const QStringList fields = text.mid(8).split(u'.');
        QCOMPARE(fields.size(), 5);
        QCOMPARE(fields[1].size(), 43); // 32 bytes
        QCOMPARE(fields[4].size(), 6);  // 4 bytes
        QVERIFY2(text.size() < 100, qPrintable(text));
        for (const QChar c : text.mid(8))
            QVERIFY(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.');
    }

    // Pasted from a wrapped e-mail, or with the scheme in capitals.
    void whitespaceAndSchemeCase()
    {
        QString text = validCode();
        text.insert(30, u"\r\n  "_s);
        text.insert(12, u'\t');
        text = u"  "_s + text + u"\n"_s;
        QVERIFY(PairingCode::parse(text).ok());
        QString upper = validCode();
        upper.replace(0, 8, u"LETHEAN:"_s);
        QVERIFY(PairingCode::parse(upper).ok());
    }

    // Every single-character typo and every swap of two neighbours after the version is caught by the
    // checksum.
    void everyTypoIsCaught()
    {
        const QString text = validCode();
        const QString alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"_s;
        const qsizetype start = u"lethean:1."_s.size();
        int checked = 0;
        for (qsizetype i = start; i < text.size(); ++i) {
            if (text[i] == u'.')
                continue;
            for (const QChar replacement : {alphabet[(alphabet.indexOf(text[i]) + 1) % 64],
                                            alphabet[(alphabet.indexOf(text[i]) + 37) % 64]}) {
                QString typo = text;
                typo[i] = replacement;
                const auto parsed = PairingCode::parse(typo);
                QVERIFY2(!parsed.ok(), qPrintable(typo));
                QCOMPARE(parsed.error().code, PairingCodeError::Code::BadChecksum);
                ++checked;
            }
            if (i + 1 < text.size() && text[i + 1] != u'.' && text[i] != text[i + 1]) {
                QString swapped = text;
                std::swap(swapped[i], swapped[i + 1]);
                const auto parsed = PairingCode::parse(swapped);
                QVERIFY(!parsed.ok());
                QCOMPARE(parsed.error().code, PairingCodeError::Code::BadChecksum);
            }
        }
        QVERIFY(checked > 100);
    }

    void badCodes_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<PairingCodeError::Code>("error");
        QTest::addColumn<QString>("message");
        using Code = PairingCodeError::Code;
        const QString valid = validCode();
        const QByteArray addresses = "192.168.1.20:9091";

        QTest::newRow("empty") << QString() << Code::Malformed << u"begins with \"lethean:\""_s;
        QTest::newRow("another scheme") << u"https://example.org"_s << Code::Malformed << u"begins with"_s;
        QTest::newRow("no version") << u"lethean:"_s << Code::Malformed << u"version number"_s;
        QTest::newRow("version not a number")
            << u"lethean:v1.abc"_s << Code::Malformed << u"version number"_s;
        QTest::newRow("newer version") << u"lethean:2.AAAA.BBBB"_s << Code::UnknownVersion << u"version 2"_s;
        QTest::newRow("version 0") << u"lethean:0.AAAA"_s << Code::UnknownVersion << u"version 0"_s;
        QTest::newRow("too few parts") << u"lethean:1.a.b.c"_s << Code::Malformed << u"has 4 parts"_s;
        QTest::newRow("too many parts") << valid + u".x"_s << Code::Malformed << u"has 6 parts"_s;
        QTest::newRow("truncated") << valid.left(valid.size() - 3) << Code::BadChecksum << u"typo"_s;
        QTest::newRow("checksum not base64url")
            << valid.left(valid.size() - 1) + u'!' << Code::BadChecksum << u"checksum"_s;
        QTest::newRow("too long") << u"lethean:1."_s + QString(3000, u'A') << Code::Malformed
                                  << u"longer than"_s;
        QTest::newRow("key of 31 bytes")
            << craft(sampleKey().left(31), addresses, "rig") << Code::InvalidKey << u"32 bytes"_s;
        QTest::newRow("key of 33 bytes")
            << craft(sampleKey() + 'x', addresses, "rig") << Code::InvalidKey << u"32 bytes"_s;
        QTest::newRow("all-zero key") << craft(QByteArray(32, '\0'), addresses, "rig") << Code::InvalidKey
                                      << u"valid 32-byte public key"_s;
        QTest::newRow("key with a standard-base64 character")
            << craft(field(sampleKey()).replace(0, 1, u"+"_s), field(addresses), field("rig"))
            << Code::InvalidKey << u"base64url"_s;
        QTest::newRow("address without port")
            << craft(sampleKey(), "192.168.1.20", "rig") << Code::InvalidAddress << u"\"192.168.1.20\""_s;
        QTest::newRow("port 0") << craft(sampleKey(), "rig:0", "rig") << Code::InvalidAddress
                                << u"\"rig:0\""_s;
        QTest::newRow("port 65536") << craft(sampleKey(), "rig:65536", "rig") << Code::InvalidAddress
                                    << u"port from 1 to 65535"_s;
        QTest::newRow("space in host")
            << craft(sampleKey(), "my rig:80", "rig") << Code::InvalidAddress << u"\"my rig:80\""_s;
        QTest::newRow("bracketed non-IPv6")
            << craft(sampleKey(), "[rig]:80", "rig") << Code::InvalidAddress << u"\"[rig]:80\""_s;
        QTest::newRow("bare IPv6") << craft(sampleKey(), "2001:db8::7:80", "rig") << Code::InvalidAddress
                                   << u"\"2001:db8::7:80\""_s;
        QTest::newRow("empty entry in the list")
            << craft(sampleKey(), "a:1,,b:2", "rig") << Code::InvalidAddress << u"\"\""_s;
        QByteArray seventeen;
        for (int i = 0; i < 17; ++i)
            seventeen += (i ? "," : "") + QByteArray("h:") + QByteArray::number(i + 1);
        QTest::newRow("seventeen addresses")
            << craft(sampleKey(), seventeen, "rig") << Code::InvalidAddress << u"at most 16"_s;
        QTest::newRow("address field not UTF-8")
            << craft(sampleKey(), "\xff\xfe:1", "rig") << Code::InvalidAddress << u"UTF-8"_s;
        QTest::newRow("name with a dot")
            << craft(sampleKey(), addresses, "rig.local") << Code::InvalidName << u"WIRE.md §6.5"_s;
        QTest::newRow("name not UTF-8")
            << craft(sampleKey(), addresses, "\xc3") << Code::InvalidName << u"UTF-8"_s;
    }

    void badCodes()
    {
        QFETCH(QString, code);
        QFETCH(PairingCodeError::Code, error);
        QFETCH(QString, message);
        const auto parsed = PairingCode::parse(code);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, error);
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    }

    void addresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("valid");
        QTest::newRow("IPv4") << u"10.1.2.3:9091"_s << true;
        QTest::newRow("host") << u"rig-7.lan:9091"_s << true;
        QTest::newRow("IPv6") << u"[::1]:9091"_s << true;
        QTest::newRow("leading zero port") << u"rig:09091"_s << true;
        QTest::newRow("no port") << u"rig:"_s << false;
        QTest::newRow("no host") << u":9091"_s << false;
        QTest::newRow("port with sign") << u"rig:+80"_s << false;
        QTest::newRow("label starting with hyphen") << u"-rig:80"_s << false;
        QTest::newRow("empty label") << u"rig..lan:80"_s << false;
        QTest::newRow("IPv6 without port") << u"[::1]"_s << false;
        QTest::newRow("path") << u"rig:80/ws"_s << false;
    }

    void addresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, valid);
        QCOMPARE(PairingCode::isValidAddress(address), valid);
    }
};

QTEST_GUILESS_MAIN(TestPairingCode)
#include "tst_pairing_code.moc"
