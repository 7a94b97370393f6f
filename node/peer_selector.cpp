#include "node/peer_selector.h"

#include <QHash>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nanoflann.hpp>
#include <vector>

namespace lethean::node {

namespace {

using Slot = std::uint32_t;

// The points by slot. A slot is never reused: moving a peer gives it a new slot and leaves the old one
// lazily deleted in the tree (its ID cleared here) until the next compaction.
struct Dataset
{
    std::vector<PeerSelector::Point> points;
    std::vector<QString> ids; // null for a deleted slot

    size_t kdtree_get_point_count() const { return points.size(); }
    double kdtree_get_pt(size_t slot, size_t dim) const { return points[slot][dim]; }
    template <typename Box> bool kdtree_get_bbox(Box&) const { return false; }
};

double squaredDistance(const double* query, const PeerSelector::Point& point)
{
    // Fixed evaluation order; this file is compiled with -ffp-contract=off (node/CMakeLists.txt).
    const double d0 = query[0] - point[0];
    const double d1 = query[1] - point[1];
    const double d2 = query[2] - point[2];
    const double d3 = query[3] - point[3];
    double sum = d0 * d0;
    sum += d1 * d1;
    sum += d2 * d2;
    sum += d3 * d3;
    return sum;
}

constexpr double kIdeal[4] = {0.0, 0.0, 0.0, 0.0};

// nanoflann's Distance concept: squared Euclidean through squaredDistance().
struct Metric
{
    using ElementType = double;
    using DistanceType = double;

    explicit Metric(const Dataset& data) : m_data(&data) {}

    double evalMetric(const double* query, Slot slot, size_t) const
    {
        return squaredDistance(query, m_data->points[slot]);
    }
    template <typename U, typename V> double accum_dist(U a, V b, size_t) const
    {
        const double d = a - b;
        return d * d;
    }

private:
    const Dataset* m_data;
};

using Tree = nanoflann::KDTreeSingleIndexDynamicAdaptor<Metric, Dataset, 4, Slot>;

struct Candidate
{
    double distance;
    Slot slot;
};

// The k best candidates ordered by (distance, ID). nanoflann's own KNNResultSet keeps whichever of equal
// distances it meets first, and admits a point only when strictly nearer than the worst kept, so a tie at
// the k-th place would depend on the tree's shape. This one reports a worst distance a hair above the
// real one, so nanoflann offers every tie (and never prunes one away through rounding in its cell
// bounds), and decides by ID itself.
class TieBreakingResultSet
{
public:
    using DistanceType = double;
    using IndexType = Slot;

    TieBreakingResultSet(size_t capacity, const std::vector<QString>& ids) : m_capacity(capacity), m_ids(ids)
    {
        m_best.reserve(capacity + 1);
    }

    size_t size() const { return m_best.size(); }
    bool full() const { return m_best.size() == m_capacity; }

    bool addPoint(double distance, Slot slot)
    {
        const Candidate candidate{distance, slot};
        if (full() && !before(candidate, m_best.back()))
            return true;
        const auto at =
            std::upper_bound(m_best.begin(), m_best.end(), candidate,
                             [this](const Candidate& a, const Candidate& b) { return before(a, b); });
        m_best.insert(at, candidate);
        if (m_best.size() > m_capacity)
            m_best.pop_back();
        return true;
    }

    double worstDist() const
    {
        if (!full())
            return std::numeric_limits<double>::max();
        const double worst = m_best.back().distance;
        return std::nextafter(worst + worst * 1e-9, std::numeric_limits<double>::infinity());
    }

    const std::vector<Candidate>& best() const { return m_best; }

private:
    bool before(const Candidate& a, const Candidate& b) const
    {
        if (a.distance != b.distance)
            return a.distance < b.distance;
        return m_ids[a.slot] < m_ids[b.slot];
    }

    size_t m_capacity;
    const std::vector<QString>& m_ids;
    std::vector<Candidate> m_best;
};

constexpr size_t kLeafSize = 10;
// Up to this many results, a linear scan keeps a sorted insertion list; beyond it, it sorts.
constexpr size_t kSmallSelection = 64;
constexpr size_t kMinCapacity = 1024;
// Dead slots tolerated beyond the number of live ones before the index is compacted.
constexpr size_t kDeadSlack = 64;

} // namespace

struct PeerSelector::Index
{
    Dataset data;
    QHash<QString, Slot> slotOf;
    std::unique_ptr<Tree> tree;
    size_t capacity = 0; // the slot count the forest was sized for
    int fullBuilds = 0;

    // Compacts the slots (live ones only, in slot order) and builds a new forest over them.
    void rebuild()
    {
        Dataset compact;
        compact.points.reserve(slotOf.size());
        compact.ids.reserve(slotOf.size());
        for (size_t slot = 0; slot < data.points.size(); ++slot) {
            if (data.ids[slot].isNull())
                continue;
            compact.points.push_back(data.points[slot]);
            compact.ids.push_back(data.ids[slot]);
        }
        tree.reset();
        data = std::move(compact);
        slotOf.clear();
        slotOf.reserve(qsizetype(data.ids.size()));
        for (size_t slot = 0; slot < data.ids.size(); ++slot)
            slotOf.insert(data.ids[slot], Slot(slot));
        // Room for as many slots again (growth, moves) before the next full build. The forest has one
        // tree per bit of the largest slot count it is sized for.
        capacity = std::bit_ceil(std::max(kMinCapacity, 2 * data.points.size() + 2 * kDeadSlack));
        // nanoflann's constructor copies a prototype tree whose bounding box is not yet computed (it is on
        // the first build); GCC sees the copy and warns. Only that copy is exempted.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
        tree =
            std::make_unique<Tree>(4, data, nanoflann::KDTreeSingleIndexAdaptorParams(kLeafSize), capacity);
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
        ++fullBuilds;
    }

    void append(const QString& id, const Point& point)
    {
        const size_t live = size_t(slotOf.size());
        const size_t dead = data.points.size() - live;
        if (!tree || data.points.size() + 1 >= capacity || dead > live + kDeadSlack)
            rebuild();
        const Slot slot = Slot(data.points.size());
        data.points.push_back(point);
        data.ids.push_back(id);
        slotOf.insert(id, slot);
        tree->addPoints(slot, slot);
    }

    void erase(QHash<QString, Slot>::iterator it)
    {
        const Slot slot = it.value();
        data.ids[slot] = QString();
        slotOf.erase(it);
        tree->removePoint(slot);
    }
};

PeerSelector::Point PeerSelector::pointFor(double pingMs, int hops, double geoKm, double score)
{
    return {pingMs * kPingWeight, hops * kHopsWeight, geoKm * kGeoWeight, (100.0 - score) * kScoreWeight};
}

double PeerSelector::distanceSquared(const Point& point)
{
    return squaredDistance(kIdeal, point);
}

PeerSelector::PeerSelector() : m_index(std::make_unique<Index>()) {}
PeerSelector::~PeerSelector() = default;
PeerSelector::PeerSelector(PeerSelector&&) noexcept = default;
PeerSelector& PeerSelector::operator=(PeerSelector&&) noexcept = default;

void PeerSelector::assign(const QList<std::pair<QString, Point>>& points)
{
    Index& index = *m_index;
    index.tree.reset();
    index.data = Dataset();
    index.slotOf.clear();
    index.data.points.reserve(size_t(points.size()));
    index.data.ids.reserve(size_t(points.size()));
    for (const auto& [id, point] : points) {
        if (const auto it = index.slotOf.constFind(id); it != index.slotOf.constEnd()) {
            index.data.points[it.value()] = point; // a repeated ID: the last point wins
            continue;
        }
        index.slotOf.insert(id, Slot(index.data.points.size()));
        index.data.points.push_back(point);
        index.data.ids.push_back(id);
    }
    index.rebuild();
}

void PeerSelector::upsert(const QString& id, const Point& point)
{
    Index& index = *m_index;
    if (const auto it = index.slotOf.find(id); it != index.slotOf.end()) {
        if (index.data.points[it.value()] == point)
            return;
        index.erase(it);
    }
    index.append(id, point);
}

void PeerSelector::remove(const QString& id)
{
    if (const auto it = m_index->slotOf.find(id); it != m_index->slotOf.end())
        m_index->erase(it);
}

void PeerSelector::clear()
{
    assign({});
}

int PeerSelector::size() const
{
    return int(m_index->slotOf.size());
}

bool PeerSelector::contains(const QString& id) const
{
    return m_index->slotOf.contains(id);
}

QStringList PeerSelector::nearest(int n) const
{
    const Index& index = *m_index;
    if (n <= 0 || index.slotOf.isEmpty())
        return {};
    // Asking for a large share of all peers: a sort of everything is cheaper than a k-NN search whose
    // result set is nearly the whole registry (and gives the same answer).
    if (qsizetype(n) * 8 >= index.slotOf.size())
        return nearestByLinearScan(n);
    TieBreakingResultSet result(size_t(n), index.data.ids);
    if (index.tree)
        index.tree->findNeighbors(result, kIdeal, nanoflann::SearchParams());
    QStringList ids;
    ids.reserve(qsizetype(result.size()));
    for (const Candidate& candidate : result.best())
        ids.append(index.data.ids[candidate.slot]);
    return ids;
}

QStringList PeerSelector::nearestByLinearScan(int n) const
{
    const Index& index = *m_index;
    if (n <= 0 || index.slotOf.isEmpty())
        return {};
    const size_t k = std::min(size_t(n), size_t(index.slotOf.size()));
    const auto& ids = index.data.ids;
    std::vector<Candidate> chosen;
    if (k <= kSmallSelection) {
        // A bounded insertion list with an early "farther than the k-th" test: one pass, no allocation
        // per point.
        TieBreakingResultSet result(k, ids);
        double worst = std::numeric_limits<double>::max();
        for (size_t slot = 0; slot < index.data.points.size(); ++slot) {
            if (ids[slot].isNull())
                continue;
            const double distance = distanceSquared(index.data.points[slot]);
            if (distance > worst)
                continue;
            result.addPoint(distance, Slot(slot));
            if (result.full())
                worst = result.best().back().distance;
        }
        chosen = result.best();
    } else {
        chosen.reserve(size_t(index.slotOf.size()));
        for (size_t slot = 0; slot < index.data.points.size(); ++slot) {
            if (!ids[slot].isNull())
                chosen.push_back({distanceSquared(index.data.points[slot]), Slot(slot)});
        }
        std::partial_sort(chosen.begin(), chosen.begin() + qsizetype(k), chosen.end(),
                          [&ids](const Candidate& a, const Candidate& b) {
                              return a.distance != b.distance ? a.distance < b.distance
                                                              : ids[a.slot] < ids[b.slot];
                          });
        chosen.resize(k);
    }
    QStringList result;
    result.reserve(qsizetype(k));
    for (const Candidate& candidate : chosen)
        result.append(ids[candidate.slot]);
    return result;
}

qsizetype PeerSelector::slotCount() const
{
    return qsizetype(m_index->data.points.size());
}

int PeerSelector::fullBuilds() const
{
    return m_index->fullBuilds;
}

} // namespace lethean::node
