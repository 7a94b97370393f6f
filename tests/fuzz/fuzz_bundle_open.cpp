// libFuzzer target for bundle containers (docs/protocol.md, "Bundles"; WIRE.md §8.3). abort() on a
// violated invariant. The first byte picks the mode:
//   0  the rest is a sealed bundle opened with a fixed identity: any success must be self-consistent
//      (content size and SHA-256 as the header says);
//   1  the same with a passphrase (Argon2id at libsodium's minimum, which is also the maximum accepted,
//      so hostile limits cost nothing);
//   2  the rest is a STIM container under a fixed key, and a go-p2p profile deploy through the opener;
//   3  a valid bundle is built from fuzzed content and options, then edited (bytes overwritten, cut
//      short, extended) as the provider says: it must open exactly when unedited, and an edited bundle
//      must never open to other content.

#include "node/bundle_checksum.h"
#include "node/bundle_key.h"
#include "node/bundle_opener.h"
#include "node/go_time.h"
#include "node/node_identity.h"
#include "node/sealed_bundle.h"
#include "node/stim_container.h"

#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <map>
#include <string>

using namespace lethean::node;
using namespace Qt::StringLiterals;

extern "C" const char* __ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

const NodeIdentity& identity(const char* privateKeyHex)
{
    static std::map<std::string, NodeIdentity> identities;
    auto it = identities.find(privateKeyHex);
    if (it == identities.end()) {
        auto made = NodeIdentity::fromPrivateKey(QByteArray::fromHex(privateKeyHex), u"fuzz"_s,
                                                 NodeRole::Dual, GoTime::fromUnix(1767225600, 0));
        check(made.ok());
        it = identities.emplace(privateKeyHex, std::move(*made)).first;
    }
    return it->second;
}
const NodeIdentity& alice()
{
    return identity("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
}
const NodeIdentity& bob()
{
    return identity("2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40");
}

BundleKey cheapPassphrase()
{
    return BundleKey::passphraseAtMinimumCost("fuzz");
}

void checkOpened(const lethean::Result<SealedBundle::Opened, BundleError>& opened)
{
    if (!opened) {
        check(!opened.error().message.isEmpty());
        return;
    }
    check(opened->header.contentSize == quint64(opened->content.size()));
    check(opened->header.checksum == BundleChecksum::sha256(opened->content));
}

void openStim(QByteArrayView bytes)
{
    const QByteArray key(32, '\x42');
    const auto contents = StimContainer::open(key, bytes);
    if (!contents)
        check(!contents.error().message.isEmpty());
    const BundleOpener opener;
    const auto opened = opener.openStim(BundleType::Profile, u"fuzz"_s, bytes, BundleChecksum::hex(bytes),
                                        QByteArray(32, '\x42'), QString());
    if (opened)
        check(opened->format != OpenedBundle::Format::Sealed);
}

void editedBundle(FuzzedDataProvider& input)
{
    const bool passphrase = input.ConsumeBool();
    SealedBundle::Options options;
    options.type = static_cast<BundleType>(input.ConsumeIntegralInRange(0, 2));
    options.content = input.ConsumeBool() ? BundleHeader::Content::Json : BundleHeader::Content::Tar;
    options.chunkSize = input.ConsumeIntegralInRange<quint32>(BundleHeader::kMinChunkSize, 4096);
    options.name = QString::fromStdString(input.ConsumeRandomLengthString(40));
    options.executable = input.ConsumeBool() ? u"bin/xmrig"_s : QString();
    const std::string content = input.ConsumeRandomLengthString(16 * 1024);
    const auto key = passphrase ? cheapPassphrase() : BundleKey::sealTo(alice(), bob().publicKey());
    const auto sealed =
        SealedBundle::seal(QByteArrayView(content.data(), qsizetype(content.size())), options, key);
    if (!sealed) {
        check(sealed.error().code == BundleError::Code::InvalidInput); // only the name can be bad
        return;
    }
    const auto openKey = passphrase ? cheapPassphrase() : BundleKey::openAs(bob());
    QByteArray edited = *sealed;
    const int edits = input.ConsumeIntegralInRange(0, 4);
    for (int i = 0; i < edits && !edited.isEmpty(); ++i) {
        switch (input.ConsumeIntegralInRange(0, 2)) {
        case 0: {
            const auto at = input.ConsumeIntegralInRange<qsizetype>(0, edited.size() - 1);
            edited[at] = static_cast<char>(input.ConsumeIntegral<uint8_t>());
            break;
        }
        case 1:
            edited.truncate(input.ConsumeIntegralInRange<qsizetype>(0, edited.size()));
            break;
        case 2:
            edited.append(QByteArray::fromStdString(input.ConsumeRandomLengthString(64)));
            break;
        }
    }
    const auto opened = SealedBundle::open(edited, openKey, 1 << 20);
    if (edited == *sealed) {
        check(opened.ok());
        check(opened->content == QByteArrayView(content.data(), qsizetype(content.size())));
        check(opened->header.name == options.name);
    } else {
        check(!opened.ok()); // every byte is authenticated: no edit may open
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView rest(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 4) {
    case 0:
        checkOpened(SealedBundle::open(rest, BundleKey::openAs(bob()), 1 << 20));
        (void)SealedBundle::inspect(rest);
        break;
    case 1:
        checkOpened(SealedBundle::open(rest, cheapPassphrase(), 1 << 20));
        break;
    case 2:
        openStim(rest);
        break;
    case 3: {
        FuzzedDataProvider input(data + 1, size - 1);
        editedBundle(input);
        break;
    }
    }
    return 0;
}
