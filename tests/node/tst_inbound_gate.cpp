// The listening side before any node handshake: what go-p2p checks before the upgrade, and our limits
// on connections that have not authenticated yet. All on 127.0.0.1, port 0.

#include "node/inbound_gate.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using lethean::node::InboundGate;
using lethean::node::TransportConfig;

namespace {
TransportConfig loopbackConfig()
{
    TransportConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.listenPort = 0;
    config.handshakeTimeout = 2s;
    return config;
}

// Sends a raw HTTP request and returns the status line of the answer (empty if the server hung up).
QByteArray rawRequest(quint16 port, const QByteArray& request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "no connection";
    socket.write(request);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (!answer.contains("\r\n") && timer.elapsed() < 5000 && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(100);
        answer += socket.readAll();
        QCoreApplication::processEvents();
    }
    answer += socket.readAll();
    return answer.left(answer.indexOf("\r\n"));
}

QByteArray upgradeRequest(const QByteArray& path, const QByteArray& extraHeaders = {})
{
    return "GET " + path +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
           extraHeaders + "\r\n";
}
} // namespace

class TestInboundGate : public QObject
{
    Q_OBJECT

private:
    // Requests are answered by the gate, whose event loop runs in this thread: use a helper thread-free
    // pattern where the raw client polls and pumps events (rawRequest does both).

private Q_SLOTS:
    void upgradesOnTheConfiguredPath()
    {
        InboundGate gate(loopbackConfig());
        QVERIFY(gate.listen());
        QSignalSpy ready(&gate, &InboundGate::webSocketReady);
        QWebSocket client;
        client.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(gate.serverPort())));
        QTRY_COMPARE(ready.size(), 1);
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
        auto* server = ready.at(0).at(0).value<QWebSocket*>();
        QVERIFY(server);
        QCOMPARE(ready.at(0).at(1).value<QHostAddress>(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(ready.at(0).at(2).value<std::chrono::milliseconds>() <= 2s);
        QCOMPARE(gate.pendingCount(), 1); // until the transport says how its handshake ended
        gate.markAuthenticated(QHostAddress::LocalHost);
        QCOMPARE(gate.pendingCount(), 0);
        QCOMPARE(gate.admittedCount(), 1);
        server->deleteLater();
    }

    void otherPathsGet404()
    {
        InboundGate gate(loopbackConfig());
        QVERIFY(gate.listen());
        QSignalSpy refused(&gate, &InboundGate::refused);
        QCOMPARE(rawRequest(gate.serverPort(), upgradeRequest("/other")), "HTTP/1.1 404 Not Found");
        QCOMPARE(rawRequest(gate.serverPort(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 404 Not Found");
        QCOMPARE(refused.size(), 2);
        QTRY_COMPARE(gate.pendingCount(), 0);
    }

    void checkOrigin_data()
    {
        QTest::addColumn<QString>("origin");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("none") << QString() << true;
        QTest::newRow("localhost") << u"http://localhost:3000"_s << true;
        QTest::newRow("127.0.0.1") << u"http://127.0.0.1"_s << true;
        QTest::newRow("[::1]") << u"http://[::1]:8080"_s << true;
        QTest::newRow("remote") << u"https://evil.example"_s << false;
        QTest::newRow("invalid") << u"::not a url::"_s << false;
    }

    // Go's CheckOrigin table: a web page elsewhere cannot drive a node through the user's browser.
    void checkOrigin()
    {
        QFETCH(QString, origin);
        QFETCH(bool, allowed);
        QCOMPARE(InboundGate::isOriginAllowed(origin), allowed);

        InboundGate gate(loopbackConfig());
        QVERIFY(gate.listen());
        const QByteArray header = origin.isEmpty() ? QByteArray() : "Origin: " + origin.toUtf8() + "\r\n";
        const QByteArray status = rawRequest(gate.serverPort(), upgradeRequest("/ws", header));
        QVERIFY2(status.startsWith(allowed ? "HTTP/1.1 101" : "HTTP/1.1 403"), status.constData());
    }

    // Tried: MaxConns = 3 and 8 clients at once. Connections still in their handshake count, so no more
    // than 3 are ever admitted and the rest get Go's 503 "Too many connections".
    void maxConnectionsCountsPendingHandshakes()
    {
        TransportConfig config = loopbackConfig();
        config.maxConnections = 3;
        InboundGate gate(config);
        QVERIFY(gate.listen());
        QSignalSpy ready(&gate, &InboundGate::webSocketReady);
        int maxAdmitted = 0;
        connect(&gate, &InboundGate::webSocketReady, this, [&] { maxAdmitted = std::max(maxAdmitted, gate.admittedCount()); });

        std::vector<std::unique_ptr<QWebSocket>> clients;
        for (int i = 0; i < 8; ++i) {
            clients.push_back(std::make_unique<QWebSocket>());
            clients.back()->open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(gate.serverPort())));
        }
        QTRY_COMPARE(ready.size(), 3);
        QTest::qWait(300);
        QCOMPARE(ready.size(), 3);
        QVERIFY(maxAdmitted <= 3);
        QCOMPARE(gate.admittedCount(), 3);
        QCOMPARE(rawRequest(gate.serverPort(), upgradeRequest("/ws")), "HTTP/1.1 503 Service Unavailable");

        // One handshake fails: its slot comes back.
        gate.markDropped(QHostAddress::LocalHost);
        QCOMPARE(rawRequest(gate.serverPort(), upgradeRequest("/ws")), "HTTP/1.1 101 Switching Protocols");
        for (const auto& args : ready)
            args.at(0).value<QWebSocket*>()->deleteLater();
    }

    // Tried: 12 unauthenticated connections from 127.0.0.1 with a per-address cap of 8.
    void unauthenticatedPerAddressCap()
    {
        TransportConfig config = loopbackConfig();
        config.maxUnauthenticatedPerAddress = 8;
        InboundGate gate(config);
        QVERIFY(gate.listen());
        QSignalSpy refused(&gate, &InboundGate::refused);
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 12; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QHostAddress::LocalHost, gate.serverPort());
        }
        QTRY_COMPARE(gate.pendingCount(), 8);
        QTRY_COMPARE(refused.size(), 4);
        QCOMPARE(refused.at(0).at(1).toInt(), 503);
    }

    // Tried: a client that connects and then trickles its HTTP request one byte at a time, slower than
    // the handshake timeout allows. It is cut and its slot released.
    void slowHttpClientIsDropped()
    {
        TransportConfig config = loopbackConfig();
        config.handshakeTimeout = 500ms;
        InboundGate gate(config);
        QVERIFY(gate.listen());
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, gate.serverPort());
        QVERIFY(client.waitForConnected(2000));
        QTRY_COMPARE(gate.pendingCount(), 1);
        const QByteArray request = upgradeRequest("/ws");
        for (int i = 0; i < 20 && client.state() == QAbstractSocket::ConnectedState; ++i) {
            client.write(request.mid(i, 1));
            QTest::qWait(100);
        }
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(gate.pendingCount(), 0);
    }

    void oversizedRequestHeadIsRefused()
    {
        InboundGate gate(loopbackConfig());
        QVERIFY(gate.listen());
        const QByteArray huge = "GET /ws HTTP/1.1\r\nX-Padding: " + QByteArray(10000, 'a') + "\r\n\r\n";
        QCOMPARE(rawRequest(gate.serverPort(), huge), "HTTP/1.1 431 Request Header Fields Too Large");
        QTRY_COMPARE(gate.pendingCount(), 0);
    }

    void listenFailureIsAnError()
    {
        InboundGate first(loopbackConfig());
        QVERIFY(first.listen());
        TransportConfig config = loopbackConfig();
        config.listenPort = first.serverPort();
        InboundGate second(config);
        const auto result = second.listen();
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"cannot listen"_s), qPrintable(result.error()));
    }
};

QTEST_GUILESS_MAIN(TestInboundGate)
#include "tst_inbound_gate.moc"
