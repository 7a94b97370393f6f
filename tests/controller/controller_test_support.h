#pragma once

// In-process nodes for controller and worker tests: identity, registry (open mode), transport on
// 127.0.0.1 port 0, profiles, audit log, and a worker and/or controller, all on the test's thread.

#include "node/audit_log.h"
#include "node/controller.h"
#include "node/miner_manager.h"
#include "node/node_identity.h"
#include "node/peer_registry.h"
#include "node/profile_store.h"
#include "node/transport.h"
#include "node/worker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFuture>
#include <QPromise>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace lethean::test {

using namespace std::chrono_literals;

template <typename T> T await(QFuture<T> future, int timeoutMs = 120000)
{
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    if (!future.isFinished())
        qFatal("future did not finish in time");
    return future.result();
}

// A MinerManager the test scripts: it records what the worker asked and answers as told. (The real
// miners have their own suites; here the subject is the worker's protocol behaviour.)
class ScriptedMiners : public node::MinerManager
{
public:
    QFuture<node::MinerActionOutcome> startMiner(const node::MiningProfile& profile) override
    {
        started.append(profile);
        if (!startError.isEmpty())
            return QtFuture::makeReadyFuture(node::MinerActionOutcome{false, profile.name, startError});
        running.append(profile.name);
        return QtFuture::makeReadyFuture(node::MinerActionOutcome{true, profile.name, {}});
    }
    QFuture<node::MinerActionOutcome> stopMiner(const QString& name) override
    {
        if (!running.removeOne(name))
            return QtFuture::makeReadyFuture(node::MinerActionOutcome{false, name, QStringLiteral("miner not found: ") + name});
        return QtFuture::makeReadyFuture(node::MinerActionOutcome{true, name, {}});
    }
    QList<node::MinerStatsItem> stats() const override
    {
        QList<node::MinerStatsItem> items;
        for (const QString& name : running) {
            node::MinerStatsItem item;
            item.name = name;
            item.type = QStringLiteral("xmrig");
            item.hashrate = 1234.5;
            item.shares = 7;
            item.state = QStringLiteral("running");
            items.append(item);
        }
        return items;
    }
    QStringList minerNames() const override { return running; }
    Result<node::MinerLogSlice, QString> logs(const QString& name, int lines, qint64) const override
    {
        if (!running.contains(name))
            return fail(QStringLiteral("miner not found"));
        QStringList all = {QStringLiteral("line 1"), QStringLiteral("line 2"), QStringLiteral("line 3")};
        if (lines > 0 && all.size() > lines)
            all = all.mid(all.size() - lines);
        return node::MinerLogSlice{name, all, all.size() >= lines};
    }

    QList<node::MiningProfile> started;
    QStringList running;
    QString startError;
};

inline node::TransportConfig loopback()
{
    node::TransportConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.listenPort = 0;
    config.handshakeTimeout = 3s;
    config.protocol2Enabled = qEnvironmentVariable("LETHEAN_TEST_PROTOCOL") != QStringLiteral("1.0");
    return config;
}

struct Rig
{
    enum Parts
    {
        WorkerPart = 1,
        ControllerPart = 2
    };

    Rig(const QString& name, int parts, node::NodeRole role = node::NodeRole::Dual)
        : identity(std::move(*node::NodeIdentity::generate(name, role))),
          registry(dir.filePath(QStringLiteral("peers.json"))),
          transport(std::make_unique<node::Transport>(identity, registry, loopback())),
          profiles(dir.filePath(QStringLiteral("profiles"))), audit(dir.filePath(QStringLiteral("audit.log")))
    {
        (void)registry.setAuthMode(node::PeerAuthMode::Open);
        registry.setLocalPeerId(identity.id());
        QObject::connect(transport.get(), &node::Transport::peerConnected, &registry, &node::PeerRegistry::recordConnection);
        if (parts & WorkerPart)
            worker = std::make_unique<node::Worker>(identity, *transport, &miners, &profiles, &audit);
        if (parts & ControllerPart) {
            node::ControllerConfig config;
            config.statsTimeout = 3s;
            config.logsTimeout = 3s;
            config.minerTimeout = 3s;
            config.pingTimeout = 3s;
            controller = std::make_unique<node::Controller>(identity, *transport, registry, config);
        }
        if (!transport->start())
            qFatal("cannot start a transport");
    }

    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(transport->serverPort()); }
    QString id() const { return identity.id(); }

    // Registers `other` with its address (as a pairing code would) and connects to it.
    bool connectTo(const Rig& other)
    {
        node::Peer peer;
        peer.id = other.id();
        peer.publicKey = other.identity.publicKey();
        peer.address = other.address();
        peer.name = other.identity.name();
        if (!registry.contains(peer.id) && !registry.addPeer(peer))
            return false;
        return await(transport->connectToPeer(other.address(), other.id())).ok;
    }

    QTemporaryDir dir;
    node::NodeIdentity identity;
    node::PeerRegistry registry;
    std::unique_ptr<node::Transport> transport;
    ScriptedMiners miners;
    node::ProfileStore profiles;
    node::AuditLog audit;
    std::unique_ptr<node::Worker> worker;
    std::unique_ptr<node::Controller> controller;
};

inline node::MiningProfile demoProfile(const QString& name = QStringLiteral("main"))
{
    node::MiningProfile profile;
    profile.name = name;
    profile.minerType = QStringLiteral("xmrig");
    profile.pool = QStringLiteral("stratum+tcp://pool.example.org:3333");
    profile.wallet = QStringLiteral("iz4wallet");
    profile.workerName = QStringLiteral("rig-1");
    return profile;
}

} // namespace lethean::test
