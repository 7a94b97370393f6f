// RigTableModel: rows from peer snapshots and stats rounds, dataChanged for the changed cells only,
// totals, sorting through a proxy, and the protocol 1.0 and simulated marks. Every test runs under
// QAbstractItemModelTester. Hostile input tried: stats from a peer the model has never seen, a peer listed
// twice in one reset, negative and NaN hashrates, a controller-only peer, and a rig removed while a proxy
// sorts it.

#include "mining_fixtures.h"
#include "ui/rig_table_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using lethean::ui::RigTableModel;
using lethean::ui::RigTotals;

class TestRigTableModel : public QObject
{
    Q_OBJECT

private:
    static QString cell(const RigTableModel& model, const QString& rigId, int column)
    {
        return model.data(model.index(model.rowOf(rigId), column)).toString();
    }

private Q_SLOTS:
    void buildsRowsFromPeersAndStats()
    {
        RigTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto farm = fixtures::farm();
        QList<lethean::node::Peer> peers = farm.peers;
        peers.append(fixtures::peer(u"laptop-controller"_s, u"controller"_s)); // watches, does not mine
        peers.append(farm.peers.first());                                       // listed twice
        model.resetPeers(peers);
        QCOMPARE(model.rowCount(), farm.peers.size());
        QCOMPARE(model.rowOf(fixtures::peerId(u"laptop-controller"_s)), -1);

        model.updateStats(farm.results);
        const QString garage = fixtures::peerId(u"garage-rig"_s);
        QCOMPARE(cell(model, garage, RigTableModel::NameColumn), u"garage-rig"_s);
        QCOMPARE(cell(model, garage, RigTableModel::StatusColumn), u"Online"_s);
        QCOMPARE(cell(model, garage, RigTableModel::MinerStateColumn), u"Running"_s);
        QCOMPARE(cell(model, garage, RigTableModel::Hashrate10sColumn), u"2.41 MH/s"_s);
        QCOMPARE(cell(model, garage, RigTableModel::AcceptedColumn), QLocale().toString(4810));
        QCOMPARE(cell(model, garage, RigTableModel::UptimeColumn), u"5 d 1 h"_s);
        QCOMPARE(cell(model, garage, RigTableModel::GpuColumn), u"63 °C · 71 °C"_s);
        QCOMPARE(cell(model, garage, RigTableModel::PingColumn), u"4.2 ms"_s);
        QCOMPARE(cell(model, garage, RigTableModel::ProtocolColumn), u"2.0"_s);

        const QString attic = fixtures::peerId(u"attic-rig"_s);
        QVERIFY(cell(model, attic, RigTableModel::ProtocolColumn).contains(u"no forward secrecy"_s));
        QVERIFY(!model.data(model.index(model.rowOf(attic), RigTableModel::ProtocolColumn), Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QCOMPARE(cell(model, fixtures::peerId(u"demo-box"_s), RigTableModel::MinerStateColumn), u"Running (simulated)"_s);
        QVERIFY(model.data(model.index(model.rowOf(fixtures::peerId(u"demo-box"_s)), 0), RigTableModel::SimulatedRole)
                    .toBool());
        QCOMPARE(cell(model, fixtures::peerId(u"loft-nuc"_s), RigTableModel::MinerStateColumn), u"Restarting"_s);
        QCOMPARE(cell(model, fixtures::peerId(u"cellar-server"_s), RigTableModel::StatusColumn), u"Offline"_s);
        QCOMPARE(cell(model, fixtures::peerId(u"spare-laptop"_s), RigTableModel::StatusColumn), u"Not answering"_s);
        QCOMPARE(cell(model, fixtures::peerId(u"living-room"_s), RigTableModel::MinerStateColumn), u"No miner"_s);

        // Stats from a rig no peer snapshot mentioned yet: it gets a row.
        const auto stranger = fixtures::peer(u"new-rig"_s);
        model.updateStats({fixtures::stats(stranger, {fixtures::miner(u"xmrig-0"_s, 900)})});
        QCOMPARE(model.rowCount(), farm.peers.size() + 1);
        QCOMPARE(cell(model, stranger.id, RigTableModel::Hashrate10sColumn), u"900 H/s"_s);
    }

    void emitsDataChangedForChangedCellsOnly()
    {
        RigTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto rig = fixtures::peer(u"garage-rig"_s);
        model.resetPeers({rig, fixtures::peer(u"office-pc"_s)});
        auto miner = fixtures::miner(u"xmrig-0"_s, 8000);
        model.updateStats({fixtures::stats(rig, {miner})});
        const int row = model.rowOf(rig.id);
        QSignalSpy changed(&model, &RigTableModel::dataChanged);
        QSignalSpy statsChanged(&model, &RigTableModel::rigStatsChanged);

        // The same snapshot again: nothing to repaint.
        model.updateStats({fixtures::stats(rig, {miner})});
        model.updatePeer(rig);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(statsChanged.size(), 0);

        // Only the 10 s hashrate moved: one signal, one cell.
        miner.hashrate = 8100;
        model.updateStats({fixtures::stats(rig, {miner})});
        QCOMPARE(changed.size(), 1);
        auto topLeft = changed.first().at(0).value<QModelIndex>();
        auto bottomRight = changed.first().at(1).value<QModelIndex>();
        QCOMPARE(topLeft, model.index(row, RigTableModel::Hashrate10sColumn));
        QCOMPARE(bottomRight, model.index(row, RigTableModel::Hashrate10sColumn));
        QCOMPARE(statsChanged.size(), 1);
        QCOMPARE(statsChanged.first().first().toString(), rig.id);

        // A change below the shown precision (8100 → 8100.4 H/s) repaints nothing.
        changed.clear();
        miner.hashrate = 8100.4;
        model.updateStats({fixtures::stats(rig, {miner})});
        QCOMPARE(changed.size(), 0);

        // Accepted and rejected are adjacent: one signal over both.
        changed.clear();
        miner.shares += 3;
        miner.rejected += 1;
        model.updateStats({fixtures::stats(rig, {miner})});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(RigTableModel::AcceptedColumn));
        QCOMPARE(changed.first().at(1).value<QModelIndex>().column(), int(RigTableModel::RejectedColumn));

        // The ping and the protocol are the peer's: their cells only.
        changed.clear();
        rig.pingMs = 25;
        rig.protocolVersion = u"1.0"_s;
        model.updatePeer(rig);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(), int(RigTableModel::ProtocolColumn));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().column(), int(RigTableModel::ProtocolColumn));
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().column(), int(RigTableModel::PingColumn));
        QCOMPARE(changed.at(1).at(1).value<QModelIndex>().column(), int(RigTableModel::PingColumn));
        // The other row was never touched.
        for (const auto& args : changed)
            QCOMPARE(args.at(0).value<QModelIndex>().row(), row);
    }

    void totalsFollowTheRigs()
    {
        RigTableModel model;
        QSignalSpy totalsChanged(&model, &RigTableModel::totalsChanged);
        const auto farm = fixtures::farm();
        model.resetPeers(farm.peers);
        model.updateStats(farm.results);
        const RigTotals& totals = model.totals();
        QCOMPARE(totals.rigs, 8);
        QCOMPARE(totals.online, 6); // the offline rig and the one not answering are not counted
        QCOMPARE(totals.mining, 4); // running miners on garage, office, attic, demo
        QCOMPARE(totals.hashrate10s, 2.41e6 + 8420 + 1.12e6 + 5150);
        QCOMPARE(totals.accepted, qint64(4810 + 391 + 2210 + 77 + 12));
        QVERIFY(totals.simulated);
        QVERIFY(totalsChanged.size() >= 1);

        // A rig that drops off takes its hashrate with it; hostile numbers do not poison the sum.
        auto garage = farm.peers.first();
        garage.connected = false;
        model.updatePeer(garage);
        auto bad = fixtures::miner(u"xmrig-0"_s, -50);
        bad.hashrate60s = std::nan("");
        model.updateStats({fixtures::stats(fixtures::peer(u"office-pc"_s, u"dual"_s), {bad})});
        QCOMPARE(model.totals().hashrate10s, 1.12e6 + 5150);
        QCOMPARE(cell(model, fixtures::peerId(u"office-pc"_s), RigTableModel::Hashrate10sColumn), u"0 H/s"_s);
        QVERIFY(std::isfinite(model.totals().hashrate60s));
    }

    void sortsAndRemovesThroughAProxy()
    {
        RigTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(RigTableModel::SortRole);
        proxy.setDynamicSortFilter(true);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto farm = fixtures::farm();
        model.resetPeers(farm.peers);
        model.updateStats(farm.results);
        proxy.sort(RigTableModel::Hashrate10sColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"garage-rig"_s);
        QCOMPARE(proxy.index(1, 0).data().toString(), u"attic-rig"_s);

        // The hashrate order changes live.
        auto office = fixtures::peer(u"office-pc"_s, u"dual"_s);
        model.updateStats({fixtures::stats(office, {fixtures::miner(u"xmrig-0"_s, 9e6)})});
        QCOMPARE(proxy.index(0, 0).data().toString(), u"office-pc"_s);

        model.removePeer(office.id);
        QCOMPARE(model.rowOf(office.id), -1);
        QCOMPARE(model.rowCount(), farm.peers.size() - 1);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"garage-rig"_s);
        // Row indexes after the removed one still resolve to the right rig.
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowOf(model.rigAt(row).id), row);

        // Unknown pings sort after measured ones.
        proxy.sort(RigTableModel::PingColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(proxy.rowCount() - 1, RigTableModel::PingColumn).data().toString(), u"—"_s);
    }
};

QTEST_MAIN(TestRigTableModel)
#include "tst_rig_table_model.moc"
