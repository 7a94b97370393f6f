// `lethean-node bundle seal|open|inspect`: deployment bundles from a shell. `open` goes through the
// same BundleOpener the worker uses for deploys, so what it accepts and refuses is what a rig does.

#include "app/command_line.h"
#include "app/subcommands.h"
#include "node/bundle_checksum.h"
#include "node/bundle_header.h"
#include "node/bundle_key.h"
#include "node/bundle_opener.h"
#include "node/bundle_sealer.h"
#include "node/data_paths.h"
#include "node/identity_crypto.h"
#include "node/node_identity.h"
#include "node/pairing_code.h"
#include "node/sealed_bundle.h"
#include "node/stim_container.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTextStream>
#include <optional>

using namespace Qt::StringLiterals;
using namespace lethean;
using lethean::app::CommandLine;

namespace {
const char* const kContext = "BundleCommand";

QString tr(const char* text)
{
    return QCoreApplication::translate(kContext, text);
}

enum Exit
{
    Ok = 0,
    Failed = 1,
    Usage = 2
};

int failWith(const QString& message, int status = Failed)
{
    QTextStream(stderr) << u"lethean-node bundle: "_s << message << Qt::endl;
    return status;
}

void note(const QString& message)
{
    QTextStream(stderr) << message << Qt::endl;
}

struct BundleOptions
{
    QCommandLineOption type{u"type"_s, tr("seal: profile, miner or full. open: the type of a STIM bundle."),
                            tr("type")};
    QCommandLineOption to{
        u"to"_s, tr("seal: the recipient's pairing code; only that node can open the bundle."), tr("code")};
    QCommandLineOption from{
        u"from"_s, tr("open a STIM bundle: the sending node's pairing code (gives the key)."), tr("code")};
    QCommandLineOption passphraseFile{
        u"passphrase-file"_s,
        tr("Seal or open with the passphrase in this file (one line) instead of node keys."), tr("file")};
    QCommandLineOption output{QStringList{u"o"_s, u"output"_s}, tr("seal: the bundle file to write."),
                              tr("file")};
    QCommandLineOption name{u"name"_s, tr("seal: the bundle's name (default: from the input)."), tr("name")};
    QCommandLineOption stim{u"stim"_s,
                            tr("seal: write go-p2p's STIM format (protocol 1.0 peers); needs --to.")};
    QCommandLineOption dest{u"dest"_s, tr("open: the folder to extract into (replaced as a whole)."),
                            tr("dir")};
};

Result<QByteArray, QString> readFile(const QString& path, qint64 limit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > limit)
        return fail(tr("%1 is larger than %2 bytes").arg(path).arg(limit));
    return file.readAll();
}

Result<QByteArray, QString> readPassphrase(const QString& path)
{
    auto text = readFile(path, 4096);
    if (!text)
        return text;
    QByteArray passphrase = *text;
    if (passphrase.endsWith('\n'))
        passphrase.chop(1);
    if (passphrase.endsWith('\r'))
        passphrase.chop(1);
    if (passphrase.isEmpty())
        return fail(tr("the passphrase file %1 is empty").arg(path));
    return passphrase;
}

Result<node::NodeIdentity, QString> loadIdentity(const CommandLine& commandLine, bool create)
{
    const node::DataPaths paths(commandLine.dataDir());
    auto identity = create ? node::NodeIdentity::loadOrCreate(paths) : node::NodeIdentity::load(paths);
    if (!identity) {
        if (identity.error().code == node::IdentityError::Code::NotFound)
            return fail(tr("this data dir has no node identity yet (run the node once, or give --data-dir)"));
        return fail(identity.error().message);
    }
    return std::move(*identity);
}

Result<QByteArray, QString> peerKey(const QString& code)
{
    auto parsed = node::PairingCode::parse(code);
    if (!parsed)
        return fail(parsed.error().message);
    return parsed->publicKey();
}

QString defaultName(node::BundleType type, const QStringList& inputs, const QByteArray& profileJson,
                    const QString& output)
{
    if (type == node::BundleType::Profile) {
        const QJsonObject object = QJsonDocument::fromJson(profileJson).object();
        const QString name = object.value(u"name"_s).toString();
        if (!name.isEmpty() && node::BundleHeader::validateName(name))
            return name;
        return QFileInfo(inputs.constFirst()).completeBaseName();
    }
    if (type == node::BundleType::Miner)
        return QFileInfo(inputs.constFirst()).fileName();
    return QFileInfo(output).completeBaseName();
}

QList<node::BundleFile> filesFrom(const QStringList& inputs)
{
    QList<node::BundleFile> files;
    for (const QString& input : inputs)
        files.append({QFileInfo(input).fileName(), input});
    return files;
}

int seal(const CommandLine& commandLine, const BundleOptions& options, const QStringList& inputs)
{
    const auto& parser = commandLine.parser();
    const auto type = node::bundleTypeFromString(parser.value(options.type));
    if (!type)
        return failWith(tr("--type must be profile, miner or full"), Usage);
    const bool toPeer = parser.isSet(options.to);
    if (toPeer == parser.isSet(options.passphraseFile))
        return failWith(tr("give either --to PAIRING_CODE or --passphrase-file FILE"), Usage);
    if (!parser.isSet(options.output))
        return failWith(tr("give the bundle file to write with -o FILE"), Usage);
    if (inputs.isEmpty())
        return failWith(tr("nothing to seal: give the input file(s)"), Usage);
    if (*type == node::BundleType::Profile && inputs.size() != 1)
        return failWith(tr("a profile bundle takes exactly one JSON file"), Usage);
    if (parser.isSet(options.stim) && !toPeer)
        return failWith(tr("--stim needs --to (STIM is encrypted with the shared secret of two nodes)"),
                        Usage);

    QByteArray profileJson;
    if (*type == node::BundleType::Profile) {
        auto json = readFile(inputs.constFirst(), node::BundleOpener::kMaxProfileSize);
        if (!json)
            return failWith(json.error());
        profileJson = *json;
    }
    const QString output = parser.value(options.output);
    const QString name = parser.isSet(options.name) ? parser.value(options.name)
                                                    : defaultName(*type, inputs, profileJson, output);

    std::optional<node::NodeIdentity> identity;
    QByteArray recipient;
    if (toPeer) {
        auto key = peerKey(parser.value(options.to));
        if (!key)
            return failWith(key.error());
        recipient = *key;
        auto loaded = loadIdentity(commandLine, true);
        if (!loaded)
            return failWith(loaded.error());
        identity.emplace(std::move(*loaded));
    }

    if (parser.isSet(options.stim)) {
        auto secret = identity->deriveSharedSecret(QByteArrayView(recipient));
        if (!secret)
            return failWith(secret.error().message);
        Result<QByteArray, node::BundleError> stim = fail(node::BundleError{});
        switch (*type) {
        case node::BundleType::Profile:
            stim = node::BundleSealer::stimProfile(profileJson, secret->view());
            break;
        case node::BundleType::Miner: {
            QByteArray config;
            if (inputs.size() > 1) {
                auto json = readFile(inputs.at(1), node::BundleOpener::kMaxProfileSize);
                if (!json)
                    return failWith(json.error());
                config = *json;
            }
            stim = node::BundleSealer::stimMiner(inputs.constFirst(), config, secret->view());
            break;
        }
        case node::BundleType::Full:
            stim = node::BundleSealer::stimFull(filesFrom(inputs), {}, secret->view());
            break;
        }
        if (!stim)
            return failWith(stim.error().message);
        QSaveFile file(output);
        if (!file.open(QIODevice::WriteOnly) || file.write(*stim) != stim->size() || !file.commit())
            return failWith(tr("cannot write %1: %2").arg(output, file.errorString()));
        QTextStream(stdout) << tr("Sealed %1 bundle '%2' as STIM for %3: %4 (%5 bytes, sha256 %6).")
                                   .arg(node::bundleTypeToString(*type), name,
                                        node::nodeIdForPublicKey(recipient), output)
                                   .arg(stim->size())
                                   .arg(node::BundleChecksum::hex(*stim))
                            << Qt::endl;
        return Ok;
    }

    std::optional<node::BundleKey> key;
    if (toPeer) {
        key.emplace(node::BundleKey::sealTo(*identity, recipient));
    } else {
        auto passphrase = readPassphrase(parser.value(options.passphraseFile));
        if (!passphrase)
            return failWith(passphrase.error());
        key.emplace(node::BundleKey::passphrase(*passphrase));
        note(tr("Deriving the key from the passphrase (Argon2id)…"));
    }

    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly))
        return failWith(tr("cannot write %1: %2").arg(output, file.errorString()));
    Result<node::BundleHeader, node::BundleError> header = fail(node::BundleError{});
    switch (*type) {
    case node::BundleType::Profile:
        header = node::BundleSealer::sealProfile(profileJson, name, *key, file);
        break;
    case node::BundleType::Miner:
        header =
            node::BundleSealer::sealMiner(inputs.constFirst(), filesFrom(inputs.sliced(1)), name, *key, file);
        break;
    case node::BundleType::Full:
        header = node::BundleSealer::sealFull(filesFrom(inputs), name, *key, file);
        break;
    }
    if (!header)
        return failWith(header.error().message);
    if (!file.commit())
        return failWith(tr("cannot write %1: %2").arg(output, file.errorString()));
    const QString target =
        toPeer ? tr("for %1").arg(node::nodeIdForPublicKey(recipient)) : tr("with a passphrase");
    QTextStream(stdout) << tr("Sealed %1 bundle '%2' %3: %4 (%5 bytes of content, sha256 %6).")
                               .arg(node::bundleTypeToString(*type), name, target, output)
                               .arg(header->contentSize)
                               .arg(header->checksumHex())
                        << Qt::endl;
    return Ok;
}

QString formatBytes(quint64 bytes)
{
    return QLocale::c().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeIecFormat);
}

int inspectSealed(const node::BundleHeader& header)
{
    QTextStream out(stdout);
    const auto line = [&out](const QString& label, const QString& value) {
        out << (label + u':').leftJustified(12) << value << Qt::endl;
    };
    line(tr("Format"), tr("Lethean sealed bundle, version %1").arg(node::BundleHeader::kVersion));
    line(tr("Type"), node::bundleTypeToString(header.type));
    line(tr("Name"), header.name);
    if (header.mode == node::BundleHeader::Mode::RecipientKey) {
        line(tr("Sender"), u"%1 (%2)"_s.arg(node::nodeIdForPublicKey(header.senderPublicKey),
                                            node::encodePublicKey(header.senderPublicKey)));
        line(tr("Recipient"), u"%1 (%2)"_s.arg(node::nodeIdForPublicKey(header.recipientPublicKey),
                                               node::encodePublicKey(header.recipientPublicKey)));
    } else {
        line(tr("Sealed"), tr("with a passphrase (Argon2id, %1 passes, %2)")
                               .arg(header.opsLimit)
                               .arg(formatBytes(header.memLimit)));
    }
    line(tr("Content"),
         tr("%1, %2 bytes in %3 chunk(s) of %4 bytes")
             .arg(header.content == node::BundleHeader::Content::Json ? tr("JSON") : tr("tar archive"))
             .arg(header.contentSize)
             .arg(header.chunkCount())
             .arg(header.chunkSize));
    if (!header.executable.isEmpty())
        line(tr("Executable"), header.executable);
    line(tr("Checksum"), u"sha256:"_s + header.checksumHex());
    line(tr("Created"), QDateTime::fromSecsSinceEpoch(header.createdAt, Qt::UTC).toString(Qt::ISODate));
    return Ok;
}

int inspect(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failWith(tr("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray magic = file.peek(8);
    if (node::BundleHeader::isSealedBundle(magic)) {
        auto header = node::SealedBundle::inspect(file);
        if (!header)
            return failWith(header.error().message);
        return inspectSealed(*header);
    }
    if (!node::StimContainer::isStim(magic) && !node::StimContainer::isPlainJson(magic))
        return failWith(tr("%1 is not a bundle (neither Lethean, STIM nor JSON)").arg(path));
    if (file.size() > 64 * 1024 * 1024)
        return failWith(tr("%1 is too large for a go-p2p bundle").arg(path));
    const QByteArray data = file.readAll();
    QTextStream out(stdout);
    out << (tr("Format") + u':').leftJustified(12)
        << (node::StimContainer::isStim(magic)
                ? tr("STIM (go-p2p, protocol 1.0); contents need the shared secret")
                : tr("plain JSON profile (go-p2p, unencrypted)"))
        << Qt::endl;
    out << (tr("Size") + u':').leftJustified(12) << tr("%1 bytes").arg(data.size()) << Qt::endl;
    out << (tr("Checksum") + u':').leftJustified(12) << u"sha256:"_s << node::BundleChecksum::hex(data)
        << Qt::endl;
    return Ok;
}

Result<QString, QString> writeProfile(const QString& dir, const QByteArray& json)
{
    if (!QDir().mkpath(dir))
        return fail(tr("cannot create %1").arg(dir));
    const QString path = QDir(dir).filePath(u"profile.json"_s);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return fail(tr("cannot write %1: %2").arg(path, file.errorString()));
    return path;
}

int report(const node::OpenedBundle& opened, const QString& dest)
{
    QTextStream out(stdout);
    QString from;
    if (!opened.senderPublicKey.isEmpty())
        from = tr(" from %1").arg(node::nodeIdForPublicKey(opened.senderPublicKey));
    if (opened.type == node::BundleType::Profile ||
        (opened.files.files.isEmpty() && !opened.profile.isEmpty())) {
        auto written = writeProfile(dest, opened.profile);
        if (!written)
            return failWith(written.error());
        out << tr("Opened %1 bundle '%2'%3: profile written to %4.")
                   .arg(node::bundleTypeToString(opened.type), opened.name, from, *written)
            << Qt::endl;
        return Ok;
    }
    out << tr("Opened %1 bundle '%2'%3 into %4: %5 file(s), %6 bytes.")
               .arg(node::bundleTypeToString(opened.type), opened.name, from, opened.destination)
               .arg(opened.files.files.size())
               .arg(opened.files.bytes)
        << Qt::endl;
    if (!opened.files.executable.isEmpty())
        out << tr("Miner binary: %1").arg(opened.executablePath()) << Qt::endl;
    return Ok;
}

int openStim(const CommandLine& commandLine, const BundleOptions& options, const QString& path,
             const QString& dest)
{
    const auto& parser = commandLine.parser();
    auto data = readFile(path, 64 * 1024 * 1024);
    if (!data)
        return failWith(data.error());
    const node::BundleOpener opener;
    const QString checksum = node::BundleChecksum::hex(*data);
    if (node::StimContainer::isPlainJson(*data)) {
        auto opened = opener.openStim(node::BundleType::Profile, QFileInfo(path).completeBaseName(), *data,
                                      checksum, {}, dest);
        if (!opened)
            return failWith(opened.error().message);
        return report(*opened, dest);
    }
    if (!parser.isSet(options.from))
        return failWith(
            tr("a STIM bundle is encrypted for a pair of nodes: give the sender's pairing code with --from"),
            Usage);
    auto key = peerKey(parser.value(options.from));
    if (!key)
        return failWith(key.error());
    auto identity = loadIdentity(commandLine, false);
    if (!identity)
        return failWith(identity.error());
    auto secret = identity->deriveSharedSecret(QByteArrayView(*key));
    if (!secret)
        return failWith(secret.error().message);
    std::optional<node::BundleType> type;
    if (parser.isSet(options.type)) {
        type = node::bundleTypeFromString(parser.value(options.type));
        if (!type)
            return failWith(tr("--type must be profile, miner or full"), Usage);
    } else {
        // Go's profile bundles carry an empty rootfs; anything else has files.
        auto contents = node::StimContainer::open(node::StimContainer::keyForSecret(secret->view()), *data);
        if (!contents)
            return failWith(contents.error().message);
        type = contents->rootTar == node::StimContainer::emptyRootTar() ? node::BundleType::Profile
                                                                        : node::BundleType::Full;
    }
    auto opened =
        opener.openStim(*type, QFileInfo(path).completeBaseName(), *data, checksum, secret->view(), dest);
    if (!opened)
        return failWith(opened.error().message);
    return report(*opened, dest);
}

int open(const CommandLine& commandLine, const BundleOptions& options, const QString& path)
{
    const auto& parser = commandLine.parser();
    if (!parser.isSet(options.dest))
        return failWith(tr("give the folder to open into with --dest DIR"), Usage);
    const QString dest = QFileInfo(parser.value(options.dest)).absoluteFilePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failWith(tr("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray magic = file.peek(8);
    if (!node::BundleHeader::isSealedBundle(magic)) {
        if (node::StimContainer::isStim(magic) || node::StimContainer::isPlainJson(magic))
            return openStim(commandLine, options, path, dest);
        return failWith(tr("%1 is not a bundle (neither Lethean, STIM nor JSON)").arg(path));
    }
    auto header = node::SealedBundle::inspect(file);
    if (!header)
        return failWith(header.error().message);
    file.seek(0);

    const bool passphraseBundle = header->mode == node::BundleHeader::Mode::Passphrase;
    std::optional<node::NodeIdentity> identity;
    std::optional<node::BundleKey> key;
    if (passphraseBundle) {
        if (!parser.isSet(options.passphraseFile))
            return failWith(tr("this bundle is sealed with a passphrase: give --passphrase-file FILE"),
                            Usage);
        auto passphrase = readPassphrase(parser.value(options.passphraseFile));
        if (!passphrase)
            return failWith(passphrase.error());
        key.emplace(node::BundleKey::passphrase(*passphrase));
        note(tr("Deriving the key from the passphrase (Argon2id)…"));
    } else {
        auto loaded = loadIdentity(commandLine, false);
        if (!loaded)
            return failWith(loaded.error());
        identity.emplace(std::move(*loaded));
        key.emplace(node::BundleKey::openAs(*identity));
    }
    const node::BundleOpener opener;
    auto opened = opener.open(file, *key, dest);
    if (!opened)
        return failWith(opened.error().message);
    return report(*opened, dest);
}
} // namespace

namespace lethean::app {

int runBundleCommand(const QStringList& arguments, int argc, char** argv)
{
    CommandLine commandLine(
        u"lethean-node bundle"_s,
        tr("Seal, open or inspect deployment bundles:\n"
           "  seal --type profile|miner|full (--to CODE | --passphrase-file F) -o OUT INPUT...\n"
           "        profile: one JSON file; miner: the miner binary, then its config files; full: any "
           "files.\n"
           "        --to seals for one node (its pairing code) as this node; --passphrase-file for a file\n"
           "        anyone with the passphrase can open. --stim writes go-p2p's format instead (with --to).\n"
           "  open BUNDLE --dest DIR [--passphrase-file F]\n"
           "        verifies, decrypts and extracts safely, exactly as a worker does for a deploy; DIR is\n"
           "        replaced only when everything checked out. A profile is written to DIR/profile.json.\n"
           "        A STIM bundle needs --from CODE (its sender).\n"
           "  inspect BUNDLE\n"
           "        type, name, sender, sizes and checksum, without decrypting.\n"
           "Exit status: 0 success, 1 failure (reason on stderr), 2 usage error."));
    BundleOptions options;
    auto& parser = commandLine.parser();
    for (const QCommandLineOption* option :
         {&options.type, &options.to, &options.from, &options.passphraseFile, &options.output, &options.name,
          &options.stim, &options.dest})
        parser.addOption(*option);
    parser.addPositionalArgument(u"action"_s, tr("seal, open or inspect"));
    parser.addPositionalArgument(u"files"_s, tr("the inputs (seal) or the bundle (open, inspect)"),
                                 tr("FILE..."));
    commandLine.allowPositionalArguments();
    if (const auto exitCode = commandLine.parseOrExitCode(arguments))
        return *exitCode;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const QStringList files = positional.mid(1);
    if (action != u"seal"_s && action != u"open"_s && action != u"inspect"_s)
        return failWith(tr("usage: lethean-node bundle seal|open|inspect … (see --help)"), Usage);
    if (action != u"seal"_s && files.size() != 1)
        return failWith(tr("%1 takes exactly one bundle file").arg(action), Usage);

    QCoreApplication application(argc, argv);
    QLoggingCategory::setFilterRules(u"lethean.*.debug=false\nlethean.*.info=false"_s);
    if (action == u"seal"_s)
        return seal(commandLine, options, files);
    if (action == u"open"_s)
        return open(commandLine, options, files.constFirst());
    return inspect(files.constFirst());
}

} // namespace lethean::app
