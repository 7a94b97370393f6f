#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <memory>
#include <utility>

namespace lethean::node {

// Picks the best peers the way go-p2p does (WIRE.md §6.4): every peer is the 4-D point
//   [pingMs × 1.0, hops × 0.7, geoKm × 0.2, (100 − score) × 1.2]
// and the best peers are the ones nearest the ideal peer [0, 0, 0, 0] (Euclidean, no normalisation).
// Unlike Go: ties are broken by peer ID (ascending), so a selection is a pure function of the peers and
// equals a brute-force scan exactly; and the index is never stale (Go forgets Record*/SetConnected).
//
// Freshness without a full rebuild per update (docs/architecture.md, "Peer selection"): nanoflann's
// dynamic KD-tree (the logarithmic method: a forest of static trees of sizes 2^k). A moved peer is a
// lazy delete of its old slot plus an insert of a new one, which rebuilds only the small trees it merges
// (O(log² n) amortised); when dead slots outnumber live ones the forest is rebuilt compactly in one pass.
//
// Not thread-safe; the registry owns one and uses it on the node thread.
class PeerSelector
{
public:
    using Point = std::array<double, 4>;

    static constexpr double kPingWeight = 1.0;
    static constexpr double kHopsWeight = 0.7;
    static constexpr double kGeoWeight = 0.2;
    static constexpr double kScoreWeight = 1.2;

    static Point pointFor(double pingMs, int hops, double geoKm, double score);
    // Squared distance from the ideal peer. The tree and the linear scan both use this one function (and
    // the file is built without floating-point contraction), so equal distances are equal in both.
    static double distanceSquared(const Point& point);

    PeerSelector();
    ~PeerSelector();
    PeerSelector(PeerSelector&&) noexcept;
    PeerSelector& operator=(PeerSelector&&) noexcept;
    PeerSelector(const PeerSelector&) = delete;
    PeerSelector& operator=(const PeerSelector&) = delete;

    // Replaces everything with these points, in one build (loading a registry).
    void assign(const QList<std::pair<QString, Point>>& points);
    // Adds a peer, or moves it when its point changed (a no-op when it did not).
    void upsert(const QString& id, const Point& point);
    void remove(const QString& id);
    void clear();

    int size() const;
    bool contains(const QString& id) const;

    // The n nearest peers' IDs, nearest first, ties by ID; fewer when there are fewer peers.
    QStringList nearest(int n) const;
    // The same answer by scanning every point: the reference the tree is tested and benchmarked against.
    QStringList nearestByLinearScan(int n) const;

    // Introspection for tests and benchmarks: slots in the index (live + lazily deleted), and how many
    // times the whole index was built (assign, compaction, growth).
    qsizetype slotCount() const;
    int fullBuilds() const;

private:
    struct Index;
    std::unique_ptr<Index> m_index;
};

} // namespace lethean::node
