// lethean-node: the headless node for rigs without a display. The node lives on the main thread.

#include "app/command_line.h"
#include "app/logging_setup.h"
#include "app/service_options.h"
#include "app/subcommand.h"
#include "app/unix_signal_watcher.h"
#include "node/data_paths.h"
#include "node/log_categories.h"
#include "node/logger.h"
#include "node/node.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace lethean;

namespace {
const char* const kContext = "lethean-node";

struct HeadlessOptions
{
    QCommandLineOption listen{u"listen"_s,
                              QCoreApplication::translate(kContext, "Address and port to accept peers on "
                                                                    "(default :9091, every interface)."),
                              QCoreApplication::translate(kContext, "host:port"), u":9091"_s};
    QCommandLineOption name{u"name"_s,
                            QCoreApplication::translate(kContext, "This node's name as peers see it "
                                                                  "(default: the host name)."),
                            QCoreApplication::translate(kContext, "name")};
    QCommandLineOption role{u"role"_s,
                            QCoreApplication::translate(kContext, "controller, worker or dual (default: dual). "
                                                                  "Used only when the identity is created."),
                            QCoreApplication::translate(kContext, "role"), u"dual"_s};
    QCommandLineOption authMode{u"auth-mode"_s,
                                QCoreApplication::translate(kContext, "allowlist (only paired peers may connect) "
                                                                      "or open (anyone who can reach the port: "
                                                                      "not recommended). Saved for later starts; "
                                                                      "default: the saved mode, else allowlist."),
                                QCoreApplication::translate(kContext, "mode"), u"allowlist"_s};
    QCommandLineOption requireProtocol2{
        u"require-protocol2"_s,
        QCoreApplication::translate(kContext, "Refuse protocol 1.0 (go-p2p's, without forward secrecy) both ways: "
                                              "only peers speaking 2.0 (Noise) can connect.")};
    QCommandLineOption tlsCert{u"tls-cert"_s,
                               QCoreApplication::translate(kContext, "PEM certificate: serve wss:// (with --tls-key)."),
                               QCoreApplication::translate(kContext, "file")};
    QCommandLineOption tlsKey{u"tls-key"_s, QCoreApplication::translate(kContext, "PEM private key for --tls-cert."),
                              QCoreApplication::translate(kContext, "file")};
    QCommandLineOption minerPath{u"miner-path"_s,
                                 QCoreApplication::translate(kContext, "The XMRig executable (default: xmrig on the PATH)."),
                                 QCoreApplication::translate(kContext, "file")};
    QCommandLineOption demo{u"demo"_s, QCoreApplication::translate(kContext, "Demo mode: every miner is simulated "
                                                                             "(plausible numbers, labelled as such).")};
    QCommandLineOption noResume{u"no-resume"_s,
                                QCoreApplication::translate(kContext, "Do not restart the profile this rig last mined "
                                                                      "(by default a rig keeps mining without the desk).")};

    void addTo(QCommandLineParser& parser) const
    {
        for (const QCommandLineOption* option : {&listen, &name, &role, &authMode, &requireProtocol2, &tlsCert, &tlsKey,
                                                 &minerPath, &demo, &noResume})
            parser.addOption(*option);
    }
};

int usageError(const QString& message)
{
    QTextStream(stderr) << u"lethean-node: "_s << message << Qt::endl;
    return 2;
}
} // namespace

int main(int argc, char** argv)
{
    const QStringList arguments = app::argumentsFromArgv(argc, argv);
    if (arguments.size() > 1) {
        if (const app::Subcommand* command = app::findSubcommand(arguments.at(1)))
            return command->run(arguments.mid(1), argc, argv);
    }
    app::CommandLine commandLine(u"lethean-node"_s,
                                 QCoreApplication::translate(
                                     kContext, "Lethean headless node: runs on a mining rig without a display, "
                                               "answers the desktop controller and supervises the local miner.") +
                                     app::subcommandHelp());
    const HeadlessOptions headless;
    headless.addTo(commandLine.parser());
    const app::ServiceOptions service; // --install-service, --uninstall-service
    service.addTo(commandLine.parser());
    if (const auto exitCode = commandLine.parseOrExitCode(arguments))
        return *exitCode;
    const QCommandLineParser& args = commandLine.parser();

    node::NodeOptions options;
    options.paths = node::DataPaths(commandLine.dataDir());
    options.name = args.value(headless.name);
    const auto listen = app::parseListenAddress(args.value(headless.listen));
    if (!listen)
        return usageError(listen.error());
    options.transport.listenAddress = listen->address;
    options.transport.listenPort = listen->port;
    const auto role = node::nodeRoleFromString(args.value(headless.role));
    if (!role)
        return usageError(QCoreApplication::translate(kContext, "unknown role '%1': use controller, worker or dual")
                              .arg(args.value(headless.role)));
    options.role = *role;
    if (args.isSet(headless.authMode)) { // otherwise the mode persisted by the registry applies
        const QString authMode = args.value(headless.authMode);
        const auto mode = node::peerAuthModeFromString(authMode);
        if (!mode)
            return usageError(QCoreApplication::translate(kContext, "unknown auth mode '%1': use allowlist or open")
                                  .arg(authMode));
        options.authMode = *mode;
    }
    options.transport.requireProtocol2 = args.isSet(headless.requireProtocol2);
    options.transport.tlsCertPath = args.value(headless.tlsCert);
    options.transport.tlsKeyPath = args.value(headless.tlsKey);
    if (options.transport.tlsCertPath.isEmpty() != options.transport.tlsKeyPath.isEmpty())
        return usageError(QCoreApplication::translate(kContext, "--tls-cert and --tls-key go together"));
    options.miners.xmrigPath = args.isSet(headless.minerPath) ? args.value(headless.minerPath)
                                                              : QStandardPaths::findExecutable(u"xmrig"_s);
    options.miners.demoMode = args.isSet(headless.demo);
    options.miners.resumeLastProfile = !args.isSet(headless.noResume);
    // Only options that were checked go into a service's ExecStart: a typo fails here, not at every boot.
    if (const auto exitCode = service.runIfRequested(args, argc, argv))
        return *exitCode;

    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(u"lethean-node"_s);
    QCoreApplication::setOrganizationName(u"Lethean"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LETHEAN_VERSION));
    // Watched from the start, so a SIGTERM during start-up is a clean stop, not a kill.
    app::UnixSignalWatcher signals({SIGINT, SIGTERM, SIGHUP});
    std::unique_ptr<node::Node> node;

    if (!app::setUpLogging(commandLine.logLevel(), options.paths))
        return 2;
    const node::Logger log(node::lcNode());
    log.info(u"lethean-node starting"_s,
             {{u"version"_s, QStringLiteral(LETHEAN_VERSION)}, {u"dataDir"_s, options.paths.dataHome()}});

    auto created = node::Node::create(std::move(options));
    if (!created) {
        log.error(created.error());
        return 1;
    }
    node = std::move(*created);
    QObject::connect(&signals, &app::UnixSignalWatcher::unixSignal, &application, [&log, &node](int signalNumber) {
        log.info(u"stopping on signal"_s, {{u"signal"_s, signalNumber}});
        node->stop(); // says goodbye to every peer while the event loop still runs
        // Miners get their SIGTERM and grace period; the remembered profile stays for the next start.
        node->stopMiners().then(&*node, [] { QCoreApplication::quit(); });
    });
    if (const auto started = node->start(); !started) {
        log.error(u"cannot start the node: "_s + started.error());
        return 1;
    }
    // What a rig owner needs to pair this node with the desktop app (Peers → Add from pairing code).
    log.info(u"listening"_s, {{u"addresses"_s, node->listeningAddresses().join(u", "_s)}});
    log.info(u"pairing code"_s, {{u"code"_s, node->pairingCode()}});
    if (node->miners() && !node->miners()->settings().demoMode) {
        if (const auto usable = node->miners()->checkXmrigBinary(); !usable)
            log.warn(usable.error());
    }

    const int status = QCoreApplication::exec();
    log.info(u"lethean-node stopped"_s);
    return status;
}
