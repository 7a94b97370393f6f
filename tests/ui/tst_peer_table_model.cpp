// PeerTableModel: a correct Qt model under inserts, updates, removals and resets (QAbstractItemModelTester),
// dataChanged only for the cells that changed, the 1.0 "no forward secrecy" mark, and sorting and
// filtering through a QSortFilterProxyModel. Hostile input tried: updates for unknown and removed IDs,
// removals of unknown IDs, identical updates, empty names and addresses, an unknown role, 1,000 peers.

#include "node/peer.h"
#include "ui/peer_table_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;
using lethean::node::Peer;
using lethean::ui::PeerTableModel;

namespace {

Peer makePeer(int n)
{
    Peer peer;
    peer.id = u"%1"_s.arg(n, 32, 16, QLatin1Char('0'));
    peer.name = u"rig-%1"_s.arg(n);
    peer.publicKey = QByteArray(32, char(n % 250 + 1));
    peer.address = u"10.0.%1.%2:9091"_s.arg(n / 250).arg(n % 250);
    peer.role = u"worker"_s;
    peer.pingMs = 10 + n % 90;
    peer.hops = n % 4;
    return peer;
}

struct ChangedRange
{
    int row;
    int first;
    int last;
};

QList<ChangedRange> rangesOf(const QSignalSpy& spy)
{
    QList<ChangedRange> ranges;
    for (const QList<QVariant>& call : spy) {
        const auto topLeft = call.at(0).value<QModelIndex>();
        const auto bottomRight = call.at(1).value<QModelIndex>();
        if (topLeft.row() != bottomRight.row())
            qFatal("dataChanged over several rows");
        ranges.append({topLeft.row(), topLeft.column(), bottomRight.column()});
    }
    return ranges;
}

} // namespace

class TestPeerTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTesterThroughEveryChange()
    {
        PeerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(PeerTableModel::SortRole);
        proxy.setDynamicSortFilter(true);
        proxy.sort(PeerTableModel::PingColumn);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        model.resetPeers({makePeer(1), makePeer(2), makePeer(3)});
        QCOMPARE(model.rowCount(), 3);
        model.updatePeer(makePeer(4)); // new: appended
        Peer changed = makePeer(2);
        changed.pingMs = 1;
        changed.connected = true;
        model.updatePeer(changed);
        model.removePeer(makePeer(1).id);
        model.removePeer(u"not-a-peer"_s); // ignored
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(makePeer(4).id), 2); // re-indexed after the removal
        QCOMPARE(model.peerAt(model.rowOf(makePeer(2).id)).pingMs, 1.0);
        QCOMPARE(model.onlineCount(), 1);
        model.setAllowedKeys({makePeer(3).publicKey});
        model.resetPeers({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.onlineCount(), 0);
    }

    void emitsDataChangedOnlyForChangedCells()
    {
        PeerTableModel model;
        model.resetPeers({makePeer(1), makePeer(2)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.updatePeer(makePeer(2)); // identical: nothing to repaint
        QCOMPARE(changed.count(), 0);

        Peer peer = makePeer(2);
        peer.pingMs = 42;
        model.updatePeer(peer);
        QCOMPARE(changed.count(), 1);
        auto ranges = rangesOf(changed);
        QCOMPARE(ranges[0].row, 1);
        QCOMPARE(ranges[0].first, int(PeerTableModel::PingColumn));
        QCOMPARE(ranges[0].last, int(PeerTableModel::PingColumn));

        // Connecting changes the status icon (name column) and "last seen"; hops and score sit next to
        // "last seen", so those three come as one range, and the name as another.
        changed.clear();
        peer.connected = true;
        peer.hops = 3;
        peer.score = 71;
        model.updatePeer(peer);
        ranges = rangesOf(changed);
        QCOMPARE(ranges.size(), 2);
        QCOMPARE(ranges[0].first, int(PeerTableModel::NameColumn));
        QCOMPARE(ranges[0].last, int(PeerTableModel::NameColumn));
        QCOMPARE(ranges[1].first, int(PeerTableModel::HopsColumn));
        QCOMPARE(ranges[1].last, int(PeerTableModel::LastSeenColumn));
    }

    void allowlistChangesRepaintOnlyTheAccessCell()
    {
        PeerTableModel model;
        model.resetPeers({makePeer(1), makePeer(2)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setAllowedKeys({makePeer(2).publicKey});
        const auto ranges = rangesOf(changed);
        QCOMPARE(ranges.size(), 1);
        QCOMPARE(ranges[0].row, 1);
        QCOMPARE(ranges[0].first, int(PeerTableModel::AuthColumn));
        QVERIFY(model.index(1, PeerTableModel::AuthColumn).data().toString().startsWith(u"Allowlisted"_s));
        QVERIFY(
            model.index(0, PeerTableModel::AuthColumn).data().toString().startsWith(u"Not allowlisted"_s));
        changed.clear();
        model.setAllowedKeys({makePeer(2).publicKey}); // the same set again
        QCOMPARE(changed.count(), 0);
    }

    void marksProtocolOneAsWithoutForwardSecrecy()
    {
        PeerTableModel model;
        Peer old = makePeer(1);
        old.protocolVersion = u"1.0"_s;
        Peer modern = makePeer(2);
        modern.protocolVersion = u"2.0"_s;
        model.resetPeers({old, modern});
        const QModelIndex oldAuth = model.index(0, PeerTableModel::AuthColumn);
        const QModelIndex modernAuth = model.index(1, PeerTableModel::AuthColumn);
        QVERIFY(oldAuth.data().toString().contains(u"1.0: no forward secrecy"_s));
        QVERIFY(!oldAuth.data(Qt::DecorationRole).isNull());
        QVERIFY(!oldAuth.data(Qt::ForegroundRole).isNull());
        QVERIFY(oldAuth.data(Qt::ToolTipRole).toString().contains(u"forward"_s) ||
                oldAuth.data(Qt::ToolTipRole).toString().contains(u"decrypted"_s));
        QVERIFY(modernAuth.data().toString().endsWith(u" · 2.0"_s));
        QVERIFY(modernAuth.data(Qt::ToolTipRole).toString().contains(u"protocol 2.0"_s));
        QVERIFY(modernAuth.data(Qt::DecorationRole).isNull());
    }

    void showsShortIdsAndPlaceholders()
    {
        PeerTableModel model;
        Peer inbound = makePeer(7);
        inbound.address.clear();
        inbound.name.clear();
        inbound.role = u"<b>miner</b>"_s; // free text from the network: shown as it is, never as markup
        inbound.pingMs = 0;
        model.resetPeers({inbound});
        QCOMPARE(model.index(0, PeerTableModel::IdColumn).data().toString(), inbound.id.left(8));
        QCOMPARE(model.index(0, PeerTableModel::IdColumn).data(Qt::ToolTipRole).toString(), inbound.id);
        QCOMPARE(model.index(0, PeerTableModel::AddressColumn).data().toString(), u"(inbound only)"_s);
        QCOMPARE(model.index(0, PeerTableModel::RoleColumn).data().toString(), u"<b>miner</b>"_s);
        QCOMPARE(model.index(0, PeerTableModel::PingColumn).data().toString(), QString());
        QCOMPARE(model.index(0, PeerTableModel::LastSeenColumn).data().toString(), u"Never"_s);
        QCOMPARE(model.index(0, PeerTableModel::NameColumn).data(PeerTableModel::PeerIdRole).toString(),
                 inbound.id);
    }

    void sortsNumericallyAndFiltersOnTheWholeId()
    {
        PeerTableModel model;
        Peer a = makePeer(1);
        a.pingMs = 9;
        Peer b = makePeer(2);
        b.pingMs = 100;
        Peer c = makePeer(3);
        c.pingMs = 10;
        Peer unknown = makePeer(4);
        unknown.pingMs = 0; // never measured: last
        model.resetPeers({a, b, c, unknown});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(PeerTableModel::SortRole);
        proxy.setFilterRole(PeerTableModel::FilterRole);
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.sort(PeerTableModel::PingColumn, Qt::AscendingOrder);
        QStringList order;
        for (int row = 0; row < proxy.rowCount(); ++row)
            order.append(proxy.index(row, PeerTableModel::NameColumn).data().toString());
        QCOMPARE(order, (QStringList{u"rig-1"_s, u"rig-3"_s, u"rig-2"_s, u"rig-4"_s}));

        // The tail of an ID is not in the short ID shown, but the filter finds it.
        proxy.setFilterFixedString(makePeer(3).id.right(6));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, PeerTableModel::NameColumn).data().toString(), u"rig-3"_s);
        proxy.setFilterFixedString(u"RIG-2"_s);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterFixedString(u"no such peer"_s);
        QCOMPARE(proxy.rowCount(), 0);
    }

    // 1,000 peers, each updated once with a new ping, through a sorting proxy: the model keeps its
    // index straight and sends one single-cell dataChanged per update.
    void handlesAThousandPeers()
    {
        PeerTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(PeerTableModel::SortRole);
        proxy.setDynamicSortFilter(true);
        proxy.sort(PeerTableModel::PingColumn);
        QList<Peer> peers;
        for (int n = 0; n < 1000; ++n)
            peers.append(makePeer(n));
        model.resetPeers(peers);
        QCOMPARE(proxy.rowCount(), 1000);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (Peer& peer : peers) {
            peer.pingMs += 1;
            model.updatePeer(peer);
        }
        QCOMPARE(changed.count(), 1000);
        for (int n = 0; n < 1000; n += 97)
            QCOMPARE(model.peerAt(model.rowOf(peers[n].id)).pingMs, peers[n].pingMs);
        for (int n = 0; n < 1000; n += 2)
            model.removePeer(peers[n].id);
        QCOMPARE(model.rowCount(), 500);
        QCOMPARE(model.rowOf(peers[999].id), 499);
    }
};

QTEST_MAIN(TestPeerTableModel)
#include "tst_peer_table_model.moc"
