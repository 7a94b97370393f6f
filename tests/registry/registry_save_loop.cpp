// Helper for tst_registry_crash: saves the registry at <peers file> generation after generation, from
// <first generation> on, through PeerRegistry::flush() (QSaveFile), printing each generation number
// once its file is committed, until it is killed.

#include "node/peer_registry.h"
#include "tests/registry/registry_save_generation.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <cstdio>

using namespace lethean;

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    // Warnings still reach stderr, where the test expects nothing at all.
    QLoggingCategory::setFilterRules(QStringLiteral("lethean.*.info=false"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: registry_save_loop <peers file> <first generation>\n");
        return 2;
    }
    node::PeerRegistry registry(args[1]);
    const auto report = registry.load();
    if (!report.problems.isEmpty()) {
        std::fprintf(stderr, "load problems: %s\n", qPrintable(report.problems.join(u'\n')));
        return 3;
    }
    for (int generation = args[2].toInt();; ++generation) {
        const int wanted = test::peersInGeneration(generation);
        for (int i = wanted; registry.contains(test::peerIdAt(i)); ++i)
            (void)registry.removePeer(test::peerIdAt(i));
        for (int i = 0; i < wanted; ++i) {
            node::Peer peer = registry.peer(test::peerIdAt(i)).value_or(node::Peer());
            peer.id = test::peerIdAt(i);
            peer.name = test::nameForGeneration(generation);
            peer.score = test::scoreForGeneration(generation);
            peer.address = QStringLiteral("10.%1.%2.%3:9091").arg(generation % 200).arg(i / 250).arg(i % 250);
            const bool ok =
                registry.contains(peer.id) ? registry.updatePeer(peer).ok() : registry.addPeer(peer).ok();
            if (!ok)
                return 4;
        }
        if (!registry.flush().ok())
            return 5;
        std::printf("%d\n", generation);
        std::fflush(stdout);
    }
}
