#include "node/deploy_applier.h"

#include "node/bundle_header.h"
#include "node/bundle_key.h"
#include "node/bundle_opener.h"
#include "node/bundle_type.h"
#include "node/log_categories.h"
#include "node/mining_profile.h"
#include "node/node_identity.h"
#include "node/profile_manager.h"
#include "node/stim_container.h"

#include <QDir>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
DeployAckPayload refusal(const QString& name, const QString& why)
{
    DeployAckPayload ack;
    ack.name = name;
    ack.error = why;
    return ack;
}

// The blocking part, on a pool thread: nothing here touches node-thread objects.
Result<OpenedBundle, QString> openBundle(const NodeIdentity& identity, const ConnectedPeer& from,
                                         const Worker::IncomingBundle& bundle, BundleType type,
                                         const QString& destination)
{
    const BundleOpener opener;
    if (!bundle.file.isEmpty()) {
        auto opened = opener.openFile(bundle.file, BundleKey::openAs(identity), destination);
        QFile::remove(bundle.file);
        if (!opened)
            return fail(opened.error().message);
        return std::move(opened).value();
    }
    if (StimContainer::isStim(bundle.data)) {
        const auto secret = identity.deriveSharedSecret(QByteArrayView(from.publicKey));
        if (!secret)
            return fail(secret.error().message);
        auto opened = opener.openStim(type, bundle.name, bundle.data, bundle.checksum, secret->view(), destination);
        if (!opened)
            return fail(opened.error().message);
        return std::move(opened).value();
    }
    if (!BundleHeader::isSealedBundle(bundle.data))
        return fail(u"not a bundle: neither a sealed bundle nor a STIM container"_s);
    auto opened = opener.open(QByteArrayView(bundle.data), BundleKey::openAs(identity), destination);
    if (!opened)
        return fail(opened.error().message);
    return std::move(opened).value();
}
} // namespace

DeployApplier::DeployApplier(const NodeIdentity& identity, ProfileManager& profiles, QString minersDir, QObject* parent)
    : QObject(parent), m_identity(identity), m_profiles(profiles), m_minersDir(std::move(minersDir)), m_log(lcBundle())
{
    m_pool.setMaxThreadCount(1); // one bundle at a time: extraction is disk-bound, and memory stays bounded
}

DeployApplier::~DeployApplier()
{
    m_pool.waitForDone();
}

QFuture<DeployAckPayload> DeployApplier::apply(const ConnectedPeer& from, const Worker::IncomingBundle& bundle)
{
    const auto type = bundleTypeFromString(bundle.type);
    QString why;
    if (!type)
        why = u"Worker.handleDeploy: unknown bundle type: "_s + bundle.type;
    else if (const auto named = MiningProfile::validateName(bundle.name); !named)
        why = u"invalid bundle name '%1': %2"_s.arg(bundle.name, named.error()); // Go: unsanitised (WIRE.md §13.4)
    if (!why.isEmpty()) {
        if (!bundle.file.isEmpty())
            QFile::remove(bundle.file);
        return QtFuture::makeReadyFuture(refusal(bundle.name, why));
    }
    const QString destination = QDir(m_minersDir).filePath(bundle.name);
    const NodeIdentity& identity = m_identity;
    return QtConcurrent::run(&m_pool, [&identity, from, bundle, type = *type, destination] {
               return openBundle(identity, from, bundle, type, destination);
           })
        .then(this, [this, from, bundle, type = *type](const Result<OpenedBundle, QString>& opened) {
            if (!opened)
                return refusal(bundle.name, opened.error());
            // A bundle of ours names its sealer; it must be the peer that sent it (no relaying of
            // another node's bundle, no forgery by a third peer).
            if (opened->format == OpenedBundle::Format::Sealed && opened->senderPublicKey != from.publicKey)
                return refusal(bundle.name, u"the bundle was sealed by another node than the peer that sent it"_s);
            if (!opened->profile.isEmpty() && (type == BundleType::Profile || opened->profile != "{\"Header\":{},\"Payload\":null}")) {
                if (const auto applied = m_profiles.applyProfile(bundle.name, opened->profile); !applied) {
                    if (type == BundleType::Profile)
                        return refusal(bundle.name, applied.error());
                    // Go logs a bad config of a miner bundle and installs the miner anyway.
                    m_log.warn(u"the miner bundle's profile was not saved"_s,
                               {{u"name"_s, bundle.name}, {u"error"_s, applied.error()}});
                }
            }
            if (!opened->executablePath().isEmpty())
                Q_EMIT minerInstalled(bundle.name, opened->executablePath());
            m_log.info(u"bundle applied"_s, {{u"name"_s, bundle.name},
                                             {u"type"_s, bundle.type},
                                             {u"files"_s, qint64(opened->files.files.size())},
                                             {u"executable"_s, opened->executablePath()}});
            DeployAckPayload ack;
            ack.success = true;
            ack.name = bundle.name;
            return ack;
        });
}

} // namespace lethean::node
