// A stand-in for the node in tst_miner_orphans: runs a MinerSupervisor with one XMRig (the fake) and
// prints "STARTED" once it mines. The test then kills this process with SIGKILL and checks that the
// miner died with it (PR_SET_PDEATHSIG), or, with --exit-after-start, lets main() return without
// stopAll() and checks that the supervisor's destructor killed it.
//
//   miner_host XMRIG_BINARY MINERS_DIR [--exit-after-start]

#include "node/miner_supervisor.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QStringList>
#include <QTimer>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace lethean::node;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fputs("usage: miner_host XMRIG_BINARY MINERS_DIR [--exit-after-start]\n", stderr);
        return 64;
    }
    const bool exitAfterStart = args.contains(u"--exit-after-start"_s);

    MinerSupervisor::Settings settings;
    settings.xmrigPath = args.at(1);
    settings.minersDir = args.at(2);
    settings.xmrig.pollInterval = std::chrono::milliseconds(100);
    MinerSupervisor supervisor(settings);

    MiningProfile profile;
    profile.name = u"orphan-check"_s;
    profile.minerType = u"xmrig"_s;
    profile.pool = u"stratum+tcp://pool.example.org:3333"_s;
    profile.wallet = u"iz5wallet"_s;

    QFutureWatcher<MinerActionOutcome> watcher;
    QObject::connect(&watcher, &QFutureWatcher<MinerActionOutcome>::finished, &app, [&] {
        const MinerActionOutcome outcome = watcher.result();
        if (!outcome.ok) {
            std::fprintf(stdout, "FAILED %s\n", qPrintable(outcome.error));
            std::fflush(stdout);
            QCoreApplication::exit(2);
            return;
        }
        std::fprintf(stdout, "STARTED %s\n", qPrintable(outcome.minerName));
        std::fflush(stdout);
        if (exitAfterStart)
            QCoreApplication::exit(0);
    });
    watcher.setFuture(supervisor.startMiner(profile));
    return QCoreApplication::exec();
}
