// KD-tree selection (WIRE.md §6.4): the same peers as a brute-force scan, ties by ID, fresh after every
// update, and no full rebuild per update.

#include "node/peer_selector.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;
using lethean::node::PeerSelector;

namespace {

struct Metrics
{
    double pingMs = 0;
    int hops = 0;
    double geoKm = 0;
    double score = 50;

    PeerSelector::Point point() const { return PeerSelector::pointFor(pingMs, hops, geoKm, score); }
};

// Half the trials draw from a few values, so that equal distances (ties) are common; the others draw
// continuous values.
Metrics randomMetrics(QRandomGenerator& random, bool coarse)
{
    Metrics m;
    if (coarse) {
        static const double pings[] = {0, 10, 20, 35.5};
        static const double kms[] = {0, 100, 250};
        static const double scores[] = {0, 25, 50, 75, 100};
        m.pingMs = pings[random.bounded(4)];
        m.hops = int(random.bounded(4));
        m.geoKm = kms[random.bounded(3)];
        m.score = scores[random.bounded(5)];
    } else {
        m.pingMs = random.bounded(500.0);
        m.hops = int(random.bounded(12));
        m.geoKm = random.bounded(20000.0);
        m.score = random.bounded(100.0);
    }
    return m;
}

// The reference: every peer's distance, sorted by (distance, ID).
QStringList bruteForce(const QHash<QString, Metrics>& peers, int n)
{
    QList<std::pair<double, QString>> all;
    for (auto it = peers.cbegin(); it != peers.cend(); ++it)
        all.append({PeerSelector::distanceSquared(it->point()), it.key()});
    std::sort(all.begin(), all.end());
    QStringList ids;
    for (qsizetype i = 0; i < std::min<qsizetype>(n, all.size()); ++i)
        ids.append(all[i].second);
    return ids;
}

QString idFor(int i)
{
    return u"%1"_s.arg(i, 8, 16, QChar(u'0'));
}

} // namespace

class TestPeerSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weightsAreTheSpecs()
    {
        const auto point = PeerSelector::pointFor(10, 2, 100, 75);
        QCOMPARE(point[0], 10.0);
        QCOMPARE(point[1], 2 * 0.7);
        QCOMPARE(point[2], 100 * 0.2);
        QCOMPARE(point[3], 25 * 1.2);
        QCOMPARE(PeerSelector::distanceSquared({3, 4, 0, 0}), 25.0);
    }

    void emptyAndNonPositive()
    {
        PeerSelector selector;
        QVERIFY(selector.nearest(1).isEmpty());
        QVERIFY(selector.nearestByLinearScan(5).isEmpty());
        selector.upsert(u"a"_s, PeerSelector::pointFor(1, 0, 0, 50));
        QVERIFY(selector.nearest(0).isEmpty());
        QVERIFY(selector.nearest(-3).isEmpty());
        QCOMPARE(selector.nearest(10), QStringList{u"a"_s});
        selector.remove(u"a"_s);
        QVERIFY(selector.nearest(1).isEmpty());
        QCOMPARE(selector.size(), 0);
    }

    // Low latency beats a high score: [10,0,0,0] is nearer the ideal than [0,0,0,60].
    void optimalIsNearestTheIdeal()
    {
        PeerSelector selector;
        selector.upsert(u"fast"_s, PeerSelector::pointFor(10, 0, 0, 100));
        selector.upsert(u"reliable"_s, PeerSelector::pointFor(0, 0, 0, 50));
        selector.upsert(u"far"_s, PeerSelector::pointFor(5, 1, 5000, 90));
        QCOMPARE(selector.nearest(1), QStringList{u"fast"_s});
        QCOMPARE(selector.nearest(3), (QStringList{u"fast"_s, u"reliable"_s, u"far"_s}));
    }

    void tiesAreBrokenById()
    {
        PeerSelector selector;
        // Enough peers that the tree, not the sort fallback, answers nearest(3).
        for (int i = 0; i < 100; ++i)
            selector.upsert(u"z%1"_s.arg(i, 3, 10, QChar(u'0')), PeerSelector::pointFor(500, 5, 100, 10));
        for (const QString& id : {u"e"_s, u"a"_s, u"d"_s, u"c"_s, u"b"_s})
            selector.upsert(id, PeerSelector::pointFor(10, 1, 0, 90));
        QCOMPARE(selector.nearest(3), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
        selector.upsert(u"a"_s, PeerSelector::pointFor(11, 1, 0, 90));
        QCOMPARE(selector.nearest(3), (QStringList{u"b"_s, u"c"_s, u"d"_s}));
        QCOMPARE(selector.nearest(5), (QStringList{u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"a"_s}));
    }

    // 1,000 random registries: the tree and the linear scan both equal a plain sort, for several n.
    void matchesBruteForceOnRandomRegistries()
    {
        QRandomGenerator random(20240601);
        int treeAnswers = 0;
        for (int trial = 0; trial < 1000; ++trial) {
            const bool coarse = trial % 2 == 0;
            const int size = int(random.bounded(trial < 100 ? 20 : 1500));
            QHash<QString, Metrics> peers;
            QList<std::pair<QString, PeerSelector::Point>> points;
            for (int i = 0; i < size; ++i) {
                const Metrics m = randomMetrics(random, coarse);
                peers.insert(idFor(i), m);
                points.append({idFor(i), m.point()});
            }
            PeerSelector selector;
            if (trial % 3 == 0) {
                for (const auto& [id, point] : points)
                    selector.upsert(id, point); // built one insert at a time
            } else {
                selector.assign(points);
            }
            for (const int n : {1, 3, 10, size / 10, size, size + 5}) {
                const QStringList expected = bruteForce(peers, n);
                QCOMPARE(selector.nearest(n), expected);
                QCOMPARE(selector.nearestByLinearScan(n), expected);
                if (n > 0 && qsizetype(n) * 8 < size)
                    ++treeAnswers;
            }
        }
        QVERIFY2(treeAnswers > 1000, "most answers must come from the KD-tree, not the sort fallback");
    }

    // Every update is visible to the next selection, through moves, additions and removals, and the
    // index is not rebuilt per update.
    void freshAfterEveryUpdate()
    {
        QRandomGenerator random(99);
        QHash<QString, Metrics> peers;
        QList<std::pair<QString, PeerSelector::Point>> points;
        for (int i = 0; i < 3000; ++i) {
            const Metrics m = randomMetrics(random, i % 2 == 0);
            peers.insert(idFor(i), m);
            points.append({idFor(i), m.point()});
        }
        PeerSelector selector;
        selector.assign(points);
        const int buildsBefore = selector.fullBuilds();
        int nextId = 3000;
        for (int step = 0; step < 2000; ++step) {
            const int op = int(random.bounded(10));
            const QString id = idFor(int(random.bounded(nextId)));
            if (op < 5 && peers.contains(id)) {
                // Score changes, often to the top: the case Go's stale tree gets wrong.
                Metrics& m = peers[id];
                m.score = op == 0 ? 100.0 : random.bounded(100.0);
                if (op == 0) {
                    m.pingMs = 0;
                    m.hops = 0;
                    m.geoKm = 0;
                }
                selector.upsert(id, m.point());
            } else if (op < 8 && peers.contains(id)) {
                Metrics& m = peers[id];
                m.pingMs = random.bounded(50.0);
                m.hops = int(random.bounded(3));
                selector.upsert(id, m.point());
            } else if (op == 8) {
                const QString added = idFor(nextId++);
                const Metrics m = randomMetrics(random, true);
                peers.insert(added, m);
                selector.upsert(added, m.point());
            } else {
                peers.remove(id);
                selector.remove(id);
            }
            QCOMPARE(selector.size(), int(peers.size()));
            QCOMPARE(selector.nearest(1), bruteForce(peers, 1));
            QCOMPARE(selector.nearest(10), bruteForce(peers, 10));
        }
        QVERIFY2(selector.fullBuilds() - buildsBefore <= 1,
                 qPrintable(u"%1 full builds for 2000 updates"_s.arg(selector.fullBuilds() - buildsBefore)));
    }

    // Dead slots are reclaimed: moving the same few peers forever keeps the index small.
    void compactsLazilyDeletedSlots()
    {
        PeerSelector selector;
        for (int i = 0; i < 100; ++i)
            selector.upsert(idFor(i), PeerSelector::pointFor(i, 0, 0, 50));
        for (int round = 0; round < 5000; ++round)
            selector.upsert(idFor(round % 100), PeerSelector::pointFor(round % 977, 0, 0, 50));
        QCOMPARE(selector.size(), 100);
        QVERIFY2(selector.slotCount() <= 2 * 100 + 64 + 1, qPrintable(QString::number(selector.slotCount())));
        QVERIFY(selector.fullBuilds() > 1);
    }

    // An unchanged point is not a move.
    void unchangedPointIsNoMove()
    {
        PeerSelector selector;
        selector.upsert(u"a"_s, PeerSelector::pointFor(1, 1, 1, 50));
        const qsizetype slots = selector.slotCount();
        selector.upsert(u"a"_s, PeerSelector::pointFor(1, 1, 1, 50));
        QCOMPARE(selector.slotCount(), slots);
        selector.upsert(u"a"_s, PeerSelector::pointFor(2, 1, 1, 50));
        QCOMPARE(selector.slotCount(), slots + 1);
    }
};

QTEST_GUILESS_MAIN(TestPeerSelector)
#include "tst_peer_selector.moc"
