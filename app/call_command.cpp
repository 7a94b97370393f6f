// `lethean-node call`: the scripting controller (as `syncthing cli` or XMRig's HTTP API for their users).
// Connects to one peer with this node's identity, sends one request, prints the reply payload as JSON on
// stdout and exits 0; or prints the error on stderr and exits non-zero.

#include "app/command_line.h"
#include "app/subcommands.h"
#include "node/controller.h"
#include "node/data_dir_lock.h"
#include "node/identity_crypto.h"
#include "node/key_allowlist.h"
#include "node/node_identity.h"
#include "node/pairing_code.h"
#include "node/peer_registry.h"
#include "node/profile_store.h"
#include "node/transport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace lethean;

namespace {
const char* const kContext = "CallCommand";

QString tr(const char* text)
{
    return QCoreApplication::translate(kContext, text);
}

// Exit statuses, so a script can tell why without parsing text.
enum Exit
{
    Ok = 0,
    Failed = 1,     // the peer answered with an error or refused
    Usage = 2,      // bad command line
    Unreachable = 3,// could not connect or authenticate
    TimedOut = 4    // no reply in time
};

struct CallOptions
{
    QCommandLineOption peer{u"peer"_s, tr("The peer's address: host:port, ws://… or wss://…"), tr("address")};
    QCommandLineOption pairingCode{u"pairing-code"_s, tr("The peer's pairing code (gives its key)."), tr("code")};
    QCommandLineOption peerKey{u"peer-key"_s, tr("The peer's public key (base64), instead of a pairing code."), tr("key")};
    QCommandLineOption protocol{u"protocol"_s, tr("Speak only this protocol: 1.0 (go-p2p) or 2.0 (Noise). Default: "
                                                   "2.0 when the peer offers it, else 1.0."),
                                tr("version")};
    QCommandLineOption lines{u"lines"_s, tr("logs: how many lines (default 100)."), tr("n"), u"100"_s};
    QCommandLineOption remoteProfile{u"remote-profile"_s,
                                     tr("start: PROFILE names a profile stored on the peer, not here.")};
    QCommandLineOption minerType{u"miner-type"_s, tr("start --remote-profile: the miner type (default xmrig)."),
                                 tr("type"), u"xmrig"_s};
    QCommandLineOption timeout{u"timeout"_s, tr("Seconds to wait for the reply (default: the spec's, per request)."),
                               tr("seconds")};
};

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int failWith(const QString& message, int status)
{
    err() << u"lethean-node call: "_s << message << Qt::endl;
    return status;
}

int exitFor(const node::ControllerError& error)
{
    switch (error.kind) {
    case node::ControllerError::Kind::Unreachable:
    case node::ControllerError::Kind::SendFailed:
        return Unreachable;
    case node::ControllerError::Kind::Timeout:
        return TimedOut;
    default:
        return Failed;
    }
}

// The peer's key from --pairing-code or --peer-key; the address from --peer or the pairing code.
struct Target
{
    QByteArray publicKey;
    QString address;
};

Result<Target, QString> resolveTarget(const QCommandLineParser& args, const CallOptions& options)
{
    Target target;
    target.address = args.value(options.peer);
    if (args.isSet(options.pairingCode) == args.isSet(options.peerKey))
        return fail(tr("give exactly one of --pairing-code and --peer-key"));
    if (args.isSet(options.pairingCode)) {
        const auto code = node::PairingCode::parse(args.value(options.pairingCode));
        if (!code)
            return fail(code.error().message);
        target.publicKey = code->publicKey();
        if (target.address.isEmpty() && !code->addresses().isEmpty())
            target.address = code->addresses().constFirst();
    } else {
        const auto key = node::decodePublicKey(args.value(options.peerKey));
        if (!key)
            return fail(tr("--peer-key is not a base64 public key of 32 bytes"));
        target.publicKey = *key;
    }
    if (target.address.isEmpty())
        return fail(tr("--peer is required (the pairing code has no address)"));
    return target;
}

template <typename P> int printPayload(const Result<P, node::ControllerError>& reply)
{
    if (!reply)
        return failWith(reply.error().message, exitFor(reply.error()));
    // Indented for people; still one JSON document for scripts (jq reads either).
    QTextStream(stdout) << QJsonDocument::fromJson(reply->toJson()).toJson(QJsonDocument::Indented);
    return Ok;
}
} // namespace

namespace lethean::app {

int runCallCommand(const QStringList& arguments, int argc, char** argv)
{
    CommandLine commandLine(u"lethean-node call"_s,
                            tr("Send one request to a peer with this node's identity and print the reply as JSON:\n"
                               "  stats               the peer's miners and hashrate\n"
                               "  logs MINER          a miner's console lines (MINER 'audit': the remote-action log)\n"
                               "  start PROFILE       start a miner with a profile from this data dir (or a JSON file)\n"
                               "  stop MINER          stop a miner\n"
                               "  ping                round-trip time in milliseconds\n"
                               "Exit status: 0 ok, 1 error reply or refusal, 2 usage, 3 unreachable, 4 timeout."));
    const CallOptions options;
    for (const QCommandLineOption* option : {&options.peer, &options.pairingCode, &options.peerKey, &options.protocol,
                                             &options.lines, &options.remoteProfile, &options.minerType, &options.timeout})
        commandLine.parser().addOption(*option);
    commandLine.parser().addPositionalArgument(u"request"_s, tr("stats, logs, start, stop or ping"));
    commandLine.allowPositionalArguments();
    if (const auto exitCode = commandLine.parseOrExitCode(arguments))
        return *exitCode;
    const QCommandLineParser& args = commandLine.parser();
    const QStringList positional = args.positionalArguments();
    const QString request = positional.value(0);
    static const QHash<QString, int> arity = {{u"stats"_s, 1}, {u"ping"_s, 1}, {u"logs"_s, 2}, {u"start"_s, 2}, {u"stop"_s, 2}};
    if (!arity.contains(request) || positional.size() != arity.value(request))
        return failWith(tr("usage: lethean-node call --peer ADDRESS (--pairing-code CODE | --peer-key KEY) "
                           "stats | logs MINER | start PROFILE | stop MINER | ping"),
                        Usage);
    const auto target = resolveTarget(args, options);
    if (!target)
        return failWith(target.error(), Usage);
    const QString protocol = args.value(options.protocol);
    if (!protocol.isEmpty() && protocol != u"1.0"_s && protocol != u"2.0"_s)
        return failWith(tr("--protocol must be 1.0 or 2.0"), Usage);
    bool linesOk = false;
    const int lines = args.value(options.lines).toInt(&linesOk);
    if (!linesOk || lines < 1)
        return failWith(tr("--lines must be a positive number"), Usage);
    std::optional<std::chrono::milliseconds> timeout;
    if (args.isSet(options.timeout)) {
        bool ok = false;
        const double seconds = args.value(options.timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return failWith(tr("--timeout must be a number of seconds between 0 and 3600"), Usage);
        timeout = std::chrono::milliseconds(qint64(seconds * 1000));
    }

    QCoreApplication application(argc, argv);
    // Only warnings and errors on stderr: stdout carries the reply alone.
    QLoggingCategory::setFilterRules(u"lethean.*.debug=false\nlethean.*.info=false"_s);
    const node::DataPaths paths(commandLine.dataDir());
    // Read the identity; create one only when no node holds this data dir (a running node owns it).
    auto identity = node::NodeIdentity::load(paths);
    if (!identity) {
        auto lock = node::DataDirLock::acquire(paths);
        if (!lock)
            return failWith(lock.error(), Failed);
        identity = node::NodeIdentity::loadOrCreate(paths, QString(), node::NodeRole::Controller);
        if (!identity)
            return failWith(identity.error().message, Failed);
    }

    std::optional<node::MiningProfile> profile;
    if (request == u"start"_s && !args.isSet(options.remoteProfile)) {
        const QString name = positional.at(1);
        node::ProfileStore store(paths.profilesDir());
        profile = store.profile(name);
        if (!profile && QFile::exists(name)) {
            QFile file(name);
            if (!file.open(QIODevice::ReadOnly))
                return failWith(tr("cannot read %1: %2").arg(name, file.errorString()), Usage);
            auto parsed = node::MiningProfile::fromJson(file.read(64 * 1024));
            if (!parsed)
                return failWith(parsed.error(), Usage);
            profile = std::move(parsed).value();
        }
        if (!profile)
            return failWith(tr("no profile '%1' in %2 and no such file (use --remote-profile for one stored on "
                               "the peer)")
                                .arg(name, paths.profilesDir()),
                            Usage);
        if (const auto errors = profile->validate(); !errors.isEmpty())
            return failWith(tr("invalid profile:\n%1").arg(node::MiningProfile::describe(errors)), Usage);
    }

    // A private registry: this one-shot client must not write into the data dir of a running node.
    QTemporaryDir scratch;
    node::PeerRegistry registry(scratch.filePath(u"peers.json"_s));
    node::KeyAllowlist authority(node::KeyAllowlist::Mode::Allowlist);
    authority.allow(target->publicKey);
    node::TransportConfig config;
    config.protocol2Enabled = protocol != u"1.0"_s;
    config.requireProtocol2 = protocol == u"2.0"_s;
    config.dialWithTls = target->address.startsWith(u"wss://"_s);
    node::Transport transport(*identity, authority, config);
    node::Controller controller(*identity, transport, registry);
    if (timeout) {
        node::ControllerConfig timeouts;
        timeouts.statsTimeout = timeouts.logsTimeout = timeouts.minerTimeout = timeouts.pingTimeout = *timeout;
        controller.setConfig(timeouts);
    }

    const QString peerId = node::nodeIdForPublicKey(target->publicKey);
    int status = Failed;
    transport.connectToPeer(target->address, peerId).then(&application, [&](const node::ConnectOutcome& connected) {
        if (!connected.ok) {
            status = failWith(tr("cannot connect to %1: %2").arg(target->address, connected.error), Unreachable);
            QCoreApplication::quit();
            return;
        }
        const auto finish = [&](int exitStatus) {
            status = exitStatus;
            transport.stop();
            QTimer::singleShot(0, &application, &QCoreApplication::quit); // let the goodbye go out
        };
        if (request == u"stats"_s) {
            controller.getStats(peerId).then(&application, [&, finish](const node::ControllerResult<node::StatsPayload>& reply) { finish(printPayload(reply)); });
        } else if (request == u"logs"_s) {
            controller.getLogs(peerId, positional.at(1), lines).then(&application, [&, finish](const node::ControllerResult<node::LogsPayload>& reply) {
                finish(printPayload(reply));
            });
        } else if (request == u"stop"_s) {
            controller.stopMiner(peerId, positional.at(1)).then(&application, [&, finish](const node::ControllerResult<node::MinerAckPayload>& reply) {
                finish(printPayload(reply));
            });
        } else if (request == u"start"_s) {
            auto started = profile ? controller.startMiner(peerId, *profile)
                                   : controller.startMinerProfile(peerId, args.value(options.minerType), positional.at(1));
            started.then(&application, [&, finish](const node::ControllerResult<node::MinerAckPayload>& reply) { finish(printPayload(reply)); });
        } else {
            // By value: `connected` is this continuation's parameter, gone when the reply comes.
            const QString protocolVersion = connected.peer.protocolVersion;
            controller.ping(peerId).then(&application, [&, finish, protocolVersion](const node::ControllerResult<double>& rtt) {
                if (!rtt)
                    return finish(failWith(rtt.error().message, exitFor(rtt.error())));
                QTextStream(stdout) << u"{\"peer\":\"%1\",\"protocol\":\"%2\",\"rttMs\":%3}"_s.arg(
                                           peerId, protocolVersion, QString::number(*rtt, 'f', 3))
                                    << Qt::endl;
                finish(Ok);
            });
        }
    });
    QCoreApplication::exec();
    return status;
}

} // namespace lethean::app
