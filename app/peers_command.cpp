// `lethean-node peers list|add CODE|remove ID`: the registry of a stopped node's data dir, for a rig
// owner with only a shell. Takes the data-dir lock, so it never writes under a running node.

#include "app/command_line.h"
#include "app/subcommands.h"
#include "node/data_dir_lock.h"
#include "node/data_paths.h"
#include "node/peer_registry.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace lethean;

namespace {
const char* const kContext = "PeersCommand";

int failWith(const QString& message, int status = 1)
{
    QTextStream(stderr) << u"lethean-node peers: "_s << message << Qt::endl;
    return status;
}

void printPeers(const node::PeerRegistry& registry)
{
    QTextStream out(stdout);
    if (registry.count() == 0) {
        out << QCoreApplication::translate(kContext, "No peers.") << Qt::endl;
        return;
    }
    out << u"%1  %2  %3  %4  %5"_s.arg(u"ID"_s.leftJustified(32), u"NAME"_s.leftJustified(20), u"ADDRESS"_s.leftJustified(24),
                                       u"SCORE"_s.rightJustified(5), u"LAST SEEN"_s)
        << Qt::endl;
    for (const node::Peer& peer : registry.peers()) {
        const QString lastSeen = peer.lastSeen.isNull() ? u"never"_s : peer.lastSeen.toString();
        out << u"%1  %2  %3  %4  %5"_s.arg(peer.id.leftJustified(32), peer.name.leftJustified(20),
                                           peer.address.leftJustified(24), QString::number(peer.score, 'f', 1).rightJustified(5),
                                           lastSeen)
            << Qt::endl;
    }
    out << QCoreApplication::translate(kContext, "Auth mode: %1; %n key(s) allowlisted.", nullptr,
                                       int(registry.allowedKeys().size()))
               .arg(node::peerAuthModeToString(registry.authMode()))
        << Qt::endl;
}
} // namespace

namespace lethean::app {

int runPeersCommand(const QStringList& arguments, int argc, char** argv)
{
    CommandLine commandLine(u"lethean-node peers"_s,
                            QCoreApplication::translate(kContext,
                                                        "Manage the peers of a node that is not running:\n"
                                                        "  list         show every known peer\n"
                                                        "  add CODE     pair with the node whose pairing code is CODE\n"
                                                        "  remove ID    forget a peer (and its allowlisted key)"));
    commandLine.parser().addPositionalArgument(u"action"_s, QCoreApplication::translate(kContext, "list, add or remove"));
    commandLine.parser().addPositionalArgument(u"argument"_s, QCoreApplication::translate(kContext, "pairing code or peer ID"));
    commandLine.allowPositionalArguments();
    if (const auto exitCode = commandLine.parseOrExitCode(arguments))
        return *exitCode;
    const QStringList positional = commandLine.parser().positionalArguments();
    const QString action = positional.value(0);
    const qsizetype expected = action == u"list"_s ? 1 : 2;
    if ((action != u"list"_s && action != u"add"_s && action != u"remove"_s) || positional.size() != expected)
        return failWith(QCoreApplication::translate(kContext, "usage: lethean-node peers list | add CODE | remove ID"), 2);

    QCoreApplication application(argc, argv);
    // The registry's own info lines would drown the answer; its warnings (a bad file) still show.
    QLoggingCategory::setFilterRules(u"lethean.*.debug=false\nlethean.*.info=false"_s);
    const node::DataPaths paths(commandLine.dataDir());
    auto lock = node::DataDirLock::acquire(paths);
    if (!lock)
        return failWith(lock.error());
    node::PeerRegistry registry(paths.peersFile());
    const auto report = registry.load();
    for (const QString& problem : report.problems)
        QTextStream(stderr) << u"lethean-node peers: "_s << problem << Qt::endl;

    if (action == u"list"_s) {
        printPeers(registry);
        return 0;
    }
    if (action == u"add"_s) {
        const auto added = registry.addFromPairingCode(positional.at(1));
        if (!added)
            return failWith(added.error().message);
        if (const auto flushed = registry.flush(); !flushed)
            return failWith(flushed.error().message);
        QTextStream(stdout) << QCoreApplication::translate(kContext, "Added peer %1 (%2) at %3.")
                                   .arg(added->id, added->name, added->address)
                            << Qt::endl;
        return 0;
    }
    const QString id = positional.at(1);
    const auto peer = registry.peer(id);
    if (!peer)
        return failWith(QCoreApplication::translate(kContext, "no peer with ID %1").arg(id));
    if (!peer->publicKey.isEmpty())
        (void)registry.revokeKey(peer->publicKey);
    if (const auto removed = registry.removePeer(id); !removed)
        return failWith(removed.error().message);
    if (const auto flushed = registry.flush(); !flushed)
        return failWith(flushed.error().message);
    QTextStream(stdout) << QCoreApplication::translate(kContext, "Removed peer %1.").arg(id) << Qt::endl;
    return 0;
}

} // namespace lethean::app
