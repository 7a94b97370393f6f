// libFuzzer target for the registry's files (WIRE.md §6.1, §6.2; docs/registry.md): the whole input is
// read as peers.json, as the allowlist sidecar and as the settings sidecar. Nothing may crash; whatever
// loads must survive a save and a reload unchanged, and a second save must give the same bytes.
// abort() on a violation.
//
// The one change a save may make: a newer version's unknown field is written back through
// JsonWriter::raw, which applies Go's HTML-safe escapes (< > & U+2028 U+2029) to it. The reread value is
// the same JSON value, so the comparison applies those escapes to the original first.

#include "node/json_writer.h"
#include "node/peer_store.h"

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace lethean::node;

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

QList<Peer> withEscapedUnknownFields(QList<Peer> peers)
{
    for (Peer& peer : peers) {
        for (auto& field : peer.unknownFields)
            field.second = JsonWriter::applyGoEscapes(field.second, JsonWriter::Escaping::GoHtmlSafe);
    }
    return peers;
}

void checkPeers(QByteArrayView input)
{
    const PeerStore::Peers parsed = PeerStore::parsePeers(input);
    check(!parsed.unreadable || parsed.peers.isEmpty());
    check(!parsed.unreadable || !parsed.problems.isEmpty());
    for (const QString& problem : parsed.problems)
        check(!problem.isEmpty());
    const QByteArray saved = PeerStore::serializePeers(parsed.peers);
    const PeerStore::Peers reread = PeerStore::parsePeers(saved);
    check(!reread.unreadable && reread.problems.isEmpty());
    check(reread.peers == withEscapedUnknownFields(parsed.peers));
    check(PeerStore::serializePeers(reread.peers) == saved);
}

void checkAllowlist(QByteArrayView input)
{
    const PeerStore::Allowlist parsed = PeerStore::parseAllowlist(input);
    check(!parsed.unreadable || parsed.keys.isEmpty());
    for (const QByteArray& key : parsed.keys)
        check(key.size() == 32);
    const QByteArray saved = PeerStore::serializeAllowlist(parsed.keys);
    const PeerStore::Allowlist reread = PeerStore::parseAllowlist(saved);
    check(reread.problems.isEmpty() && reread.keys == parsed.keys);
}

void checkSettings(QByteArrayView input)
{
    const PeerStore::Settings parsed = PeerStore::parseSettings(input);
    check(!parsed.unreadable || !parsed.authMode.has_value());
    if (parsed.authMode) {
        const PeerStore::Settings reread =
            PeerStore::parseSettings(PeerStore::serializeSettings(*parsed.authMode));
        check(reread.problems.isEmpty() && reread.authMode == parsed.authMode);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    checkPeers(input);
    checkAllowlist(input);
    checkSettings(input);
    return 0;
}
