#pragma once

#include <QHostAddress>
#include <QString>

#include <chrono>
#include <cstddef>

namespace lethean::node {

// Everything the transport does is tunable here; every default is go-p2p's (WIRE.md §2, §5) unless the
// comment says it is ours.
struct TransportConfig
{
    // Go's ":9091": every interface, port 9091. Tests use 127.0.0.1 and port 0.
    QHostAddress listenAddress = QHostAddress::Any;
    quint16 listenPort = 9091;
    QString wsPath = QStringLiteral("/ws");

    // Inbound connections, counting those still in their handshake. Over it: HTTP 503.
    int maxConnections = 100;
    // Ours (as libp2p): inbound connections from one IP address that have not finished the handshake.
    int maxUnauthenticatedPerAddress = 8;

    // Whole WebSocket message, and so also any single frame (enforced by Qt before allocating).
    qint64 maxMessageSize = 1024 * 1024;

    std::chrono::milliseconds pingInterval{std::chrono::seconds(30)};
    std::chrono::milliseconds pongTimeout{std::chrono::seconds(10)};
    // From TCP accept (or dial) to an authenticated peer; a slower handshake is dropped.
    std::chrono::milliseconds handshakeTimeout{std::chrono::seconds(10)};

    // Protocol 2.0 (Noise XX): offered when dialling and accepted when listening; 1.0 stays available for
    // go-p2p peers unless requireProtocol2 is set.
    bool protocol2Enabled = true;
    bool requireProtocol2 = false;
    // Noise REKEY of the sending key after this many frames or this long, whichever comes first.
    quint64 rekeyAfterFrames = quint64(1) << 20;
    std::chrono::milliseconds rekeyAfter{std::chrono::hours(1)};

    // Token bucket per peer; off only for benchmarks.
    bool rateLimitEnabled = true;
    double rateLimitBurst = 100.0;
    double rateLimitPerSecond = 50.0;

    std::chrono::milliseconds dedupTtl{std::chrono::minutes(5)};
    std::size_t dedupMaxEntries = 50'000;

    // TLS for the listening side (TLS 1.2 minimum, the spec's suites and curves). Both empty: plain ws.
    QString tlsCertPath;
    QString tlsKeyPath;
    // Outbound: dial wss:// (Go: iff this node has its own certificate configured).
    bool dialWithTls = false;
    // Outbound TLS: accept a self-signed server certificate. Safe because the node-key handshake, not the
    // certificate, authenticates the peer; Go's default verification makes self-signed rigs unreachable.
    bool acceptSelfSignedCertificates = true;

    bool tlsEnabled() const { return !tlsCertPath.isEmpty() && !tlsKeyPath.isEmpty(); }
    std::chrono::milliseconds keepaliveDeadline() const { return pingInterval + pongTimeout; }
};

} // namespace lethean::node
