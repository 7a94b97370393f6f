// Peer values: Go's score bookkeeping and bounds, and go-p2p's peer-name rule (WIRE.md §6.3, §6.5).

#include "node/peer.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::Peer;

class TestPeer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const Peer peer;
        QCOMPARE(peer.score, 50.0);
        QCOMPARE(peer.pingMs, 0.0);
        QCOMPARE(peer.hops, 0);
        QVERIFY(!peer.pinned);
        QVERIFY(!peer.connected);
        QVERIFY(peer.addedAt.isNull());
        QVERIFY(peer.lastSeen.isNull());
    }

    void scoreEvents_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<QString>("event");
        QTest::addColumn<double>("expected");
        QTest::newRow("success +1") << 50.0 << u"success"_s << 51.0;
        QTest::newRow("success capped at 100") << 99.5 << u"success"_s << 100.0;
        QTest::newRow("success at 100 stays") << 100.0 << u"success"_s << 100.0;
        QTest::newRow("failure -5") << 50.0 << u"failure"_s << 45.0;
        QTest::newRow("failure floored at 0") << 3.0 << u"failure"_s << 0.0;
        QTest::newRow("failure at 0 stays") << 0.0 << u"failure"_s << 0.0;
        QTest::newRow("timeout -3") << 50.0 << u"timeout"_s << 47.0;
        QTest::newRow("timeout floored at 0") << 2.0 << u"timeout"_s << 0.0;
        QTest::newRow("set clamps high") << 50.0 << u"set:150"_s << 100.0;
        QTest::newRow("set clamps low") << 50.0 << u"set:-20"_s << 0.0;
        QTest::newRow("set in range") << 50.0 << u"set:73.25"_s << 73.25;
        QTest::newRow("set 0 stays 0 (Go's AddPeer would make it 50)") << 50.0 << u"set:0"_s << 0.0;
    }

    void scoreEvents()
    {
        QFETCH(double, start);
        QFETCH(QString, event);
        QFETCH(double, expected);
        Peer peer;
        peer.score = start;
        if (event == u"success"_s)
            peer.recordSuccess();
        else if (event == u"failure"_s)
            peer.recordFailure();
        else if (event == u"timeout"_s)
            peer.recordTimeout();
        else
            peer.setScore(event.mid(4).toDouble());
        QCOMPARE(peer.score, expected);
    }

    // Many events in a row never leave [0, 100].
    void scoreStaysInBounds()
    {
        QRandomGenerator random(7);
        Peer peer;
        for (int i = 0; i < 10000; ++i) {
            switch (random.bounded(3)) {
            case 0:
                peer.recordSuccess();
                break;
            case 1:
                peer.recordFailure();
                break;
            default:
                peer.recordTimeout();
                break;
            }
            QVERIFY2(peer.score >= 0.0 && peer.score <= 100.0, qPrintable(QString::number(peer.score)));
        }
    }

    void validNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("one letter") << u"a"_s;
        QTest::newRow("one digit") << u"7"_s;
        QTest::newRow("two characters") << u"r7"_s;
        QTest::newRow("hyphen inside") << u"rig-07"_s;
        QTest::newRow("underscore inside") << u"rig_07"_s;
        QTest::newRow("space inside") << u"desk controller"_s;
        QTest::newRow("mixed inside") << u"A -_ z"_s;
        QTest::newRow("64 characters") << QString(64, u'x');
        QTest::newRow("upper case") << u"RIG7"_s;
    }

    void validNames()
    {
        QFETCH(QString, name);
        const auto result = Peer::validateName(name);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error()));
    }

    void invalidNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reason");
        QTest::newRow("host name with a dot") << u"rig-7.local"_s << u"contains '.' at position 6"_s;
        QTest::newRow("leading hyphen") << u"-rig"_s << u"begins with '-'"_s;
        QTest::newRow("trailing hyphen") << u"rig-"_s << u"ends with '-'"_s;
        QTest::newRow("leading space") << u" rig"_s << u"begins with ' '"_s;
        QTest::newRow("trailing underscore") << u"rig_"_s << u"ends with '_'"_s;
        QTest::newRow("single hyphen") << u"-"_s << u"begins with '-'"_s;
        QTest::newRow("65 characters") << QString(65, u'x') << u"65 bytes long"_s;
        QTest::newRow("non-ASCII letter") << u"ri\u00e9g"_s << u"contains U+00E9 at position 3"_s;
        QTest::newRow("non-ASCII end") << u"rig\u00e9"_s << u"ends with U+00E9"_s;
        QTest::newRow("slash") << u"a/b"_s << u"contains '/' at position 2"_s;
        QTest::newRow("tab") << u"a\tb"_s << u"contains U+0009 at position 2"_s;
        QTest::newRow("newline") << u"a\nb"_s << u"contains U+000A at position 2"_s;
        QTest::newRow("33 two-byte characters are 66 bytes")
            << QString(33, QChar(0xe9)) << u"66 bytes long"_s;
    }

    void invalidNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, reason);
        const auto result = Peer::validateName(name);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(reason), qPrintable(result.error()));
        // The message names the rule.
        QVERIFY2(result.error().contains(u"WIRE.md §6.5"_s), qPrintable(result.error()));
        QVERIFY2(result.error().contains(u"letters, digits, '-', '_' or spaces"_s),
                 qPrintable(result.error()));
    }

    // Our check agrees with Go's regular expression (and 64-byte limit) on random strings drawn from an
    // alphabet rich in the characters that matter.
    void agreesWithGoRegex()
    {
        static const QRegularExpression go(u"^[a-zA-Z0-9][a-zA-Z0-9\\-_ ]{0,62}[a-zA-Z0-9]$|^[a-zA-Z0-9]$"_s);
        const QString alphabet = u"aZ09-_ .\u00e9/\t"_s;
        QRandomGenerator random(42);
        for (int i = 0; i < 20000; ++i) {
            const int length = int(random.bounded(70));
            QString name;
            for (int j = 0; j < length; ++j)
                name += alphabet[random.bounded(int(alphabet.size()))];
            const bool goAccepts =
                name.isEmpty() || (name.toUtf8().size() <= 64 && go.match(name).hasMatch());
            QCOMPARE(Peer::validateName(name).ok(), goAccepts);
        }
    }

    void sanitizedNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host name") << u"rig-7.local"_s << u"rig-7"_s;
        QTest::newRow("parentheses") << u"my rig (2)"_s << u"my rig -2"_s;
        QTest::newRow("leading junk") << u"--rig"_s << u"rig"_s;
        QTest::newRow("all junk") << u"***"_s << QString();
        QTest::newRow("too long") << QString(80, u'x') << QString(64, u'x');
        QTest::newRow("already valid") << u"rig_7"_s << u"rig_7"_s;
    }

    void sanitizedNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString sanitized = Peer::sanitizedName(name);
        QCOMPARE(sanitized, expected);
        QVERIFY(Peer::validateName(sanitized).ok());
    }
};

QTEST_GUILESS_MAIN(TestPeer)
#include "tst_peer.moc"
