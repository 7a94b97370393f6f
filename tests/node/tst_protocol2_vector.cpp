// Protocol 2.0 byte for byte: one complete, deterministic session rebuilt through the production classes
// (NoiseHandshake, NoiseCodec, Message and the payloads, as the transport uses them) and compared with
// tests/node/vectors/protocol2_transcript.json: the three Noise XX handshake messages, the handshake hash,
// the server's verdict (the first transport message), a ping, its pong and a rekeyed second ping. Only
// the ephemeral keys (NoiseHandshake's test seam), the message IDs and the timestamps are fixed; the
// static keys are WIRE.md §14's A (client) and B (server).
//
// The recorded bytes are also read back in the other role (our Noise core reading the handshake, our
// codec opening each frame), the split keys are checked against every frame with a bare CipherState,
// and dissononce (python3-dissononce, tests/node/protocol2_vector.py) recomputes the whole transcript
// from the inputs alone. Hostile inputs tried: a bit flipped in each part of each recorded frame, a
// rekeyed frame with its flag cleared, frames out of order or replayed, an unknown flag, and a handshake
// under another subprotocol's prologue; each must be refused.
//
// python3 and dissononce are setup.sh's (installer/debian-packages.txt): as in tst_noise_interop their
// absence is a failure, never a skip.
//
// Regenerating the vector (only when the protocol changes on purpose; never edit the file by hand):
//   LETHEAN_WRITE_PROTOCOL2_VECTOR=$PWD/tests/node/vectors/protocol2_transcript.json
//   build/…/tst_protocol2_vector
// writes what our code produces (the split keys come from dissononce and are confirmed here), then runs
// every check against it.

#include "dissononce_python.h"
#include "node/go_time.h"
#include "node/key_allowlist.h"
#include "node/message.h"
#include "node/node_identity.h"
#include "node/noise/cipher_state.h"
#include "node/noise/handshake_pattern.h"
#include "node/noise/handshake_state.h"
#include "node/noise/key_pair.h"
#include "node/noise_codec.h"
#include "node/noise_handshake.h"
#include "node/payloads.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <array>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace lethean::node;

namespace {

constexpr int kProcessTimeoutMs = 60000;
constexpr qint64 kMaxMessageSize = 1024 * 1024; // TransportConfig's default
// The client rekeys before its second frame so the vector carries one rekeyed frame; the server keeps
// the production default.
constexpr quint64 kClientRekeyAfterFrames = 1;
constexpr quint64 kServerRekeyAfterFrames = NoiseCodec::kDefaultRekeyAfterFrames;

// WIRE.md §14: A = client "alice", B = server "bob" (RFC 7748 §6.1's keys).
const QByteArray kClientStatic =
    QByteArray::fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
const QByteArray kServerStatic =
    QByteArray::fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
const QByteArray kClientEphemeral(32, '\x11');
const QByteArray kServerEphemeral(32, '\x22');
constexpr auto kCreatedAt = u"2026-01-01T00:00:00Z";

QByteArray vectorPath()
{
    const QByteArray written = qgetenv("LETHEAN_WRITE_PROTOCOL2_VECTOR");
    return written.isEmpty() ? QByteArray(LETHEAN_PROTOCOL2_VECTOR) : written;
}

GoTime at(QStringView text)
{
    return std::move(GoTime::parse(text)).value();
}

noise::KeyPair keyPair(const QByteArray& privateKey)
{
    return std::move(noise::KeyPair::fromPrivateKey(privateKey)).value();
}

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray unhex(const QJsonValue& value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

QByteArray text(const QJsonValue& value)
{
    return value.toString().toUtf8();
}

// A JSON value as compact text, so numbers compare alike whether they were written or parsed.
QByteArray canonical(const QJsonValue& value)
{
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

// The message or payload a Noise call gave, or its error as text (which then fails the comparison).
QByteArray dataOf(const lethean::Result<noise::HandshakeState::Output, noise::NoiseError>& result)
{
    return result ? result->data : "error: " + result.error().message.toUtf8();
}

// An envelope with a fixed ID and time: Message::create draws a UUID and reads the clock.
Message stamped(Message message, int serial, QStringView timestamp)
{
    message.id = u"00000000-0000-4000-8000-%1"_s.arg(serial, 12, 10, QLatin1Char('0'));
    message.timestamp = at(timestamp);
    return message;
}

struct PlannedFrame
{
    bool fromClient;
    QByteArray json;
};

// The session after the handshake: the server's verdict as the transport writes it (verdictMessage in
// node/transport.cpp), a ping, the pong the worker answers with (Message::reply), a second ping.
QList<PlannedFrame> plannedFrames(const NodeIdentity& client, const NodeIdentity& server)
{
    HandshakeAckPayload ack;
    ack.identity = server.publicIdentity();
    ack.accepted = true;
    const Message verdict =
        stamped(Message::create(server.id(), client.id(), ack), 1, u"2026-01-02T03:04:05Z");
    const Message ping = stamped(Message::create(client.id(), server.id(), PingPayload{1767323045123}), 2,
                                 u"2026-01-02T03:04:05.123456789Z");
    const Message pong =
        stamped(ping.reply(PongPayload{1767323045123, 1767323045200}), 3, u"2026-01-02T03:04:05.2Z");
    const Message secondPing = stamped(Message::create(client.id(), server.id(), PingPayload{1767323046500}),
                                       4, u"2026-01-02T03:04:06.5Z");
    return {{false, verdict.toJson()},
            {true, ping.toJson()},
            {false, pong.toJson()},
            {true, secondPing.toJson()}};
}

QString describe(const lethean::Result<QByteArray, CodecError>& result)
{
    return result ? u"ok"_s : result.error().message;
}

struct ScriptRun
{
    int exitCode = -1;
    QByteArray stdOut;
    QByteArray stdErr;
};

// protocol2_vector.py on a vector given on stdin; --check compares with the vector's recorded values.
ScriptRun runScript(const QString& python, const QByteArray& vectorJson, bool check)
{
    QStringList arguments{QStringLiteral(LETHEAN_PROTOCOL2_SCRIPT), u"-"_s};
    if (check)
        arguments << u"--check"_s;
    QProcess process;
    process.start(python, arguments);
    ScriptRun run;
    if (!process.waitForStarted(kProcessTimeoutMs))
        return run;
    process.write(vectorJson);
    process.closeWriteChannel();
    if (process.waitForFinished(kProcessTimeoutMs) && process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    run.stdOut = process.readAllStandardOutput();
    run.stdErr = process.readAllStandardError();
    return run;
}

} // namespace

class TestProtocol2Vector : public QObject
{
    Q_OBJECT

    struct Session
    {
        std::array<QByteArray, 3> messages;
        QByteArray clientHash;
        QByteArray serverHash;
        PublicIdentity clientSaw; // the server as the client authenticated it
        PublicIdentity serverSaw;
        std::unique_ptr<NoiseCodec> clientCodec;
        std::unique_ptr<NoiseCodec> serverCodec;
    };

    struct SealedFrame
    {
        bool fromClient;
        QByteArray json;
        QByteArray frame;
        quint64 nonce;
    };

    std::optional<NodeIdentity> m_client;
    std::optional<NodeIdentity> m_server;
    KeyAllowlist m_clientAuthority; // the client trusts B, the server A: production's default mode
    KeyAllowlist m_serverAuthority;
    QString m_python;
    QJsonObject m_vector;

    QByteArray prologue() const
    {
        return NoiseHandshake::prologue(QString::fromLatin1(NoiseHandshake::kSubprotocol));
    }

    QByteArray handshakePayload(const NodeIdentity& identity) const
    {
        // What NoiseHandshake writes (its ownPayload): the 1.0 handshake payload without a challenge.
        HandshakePayload payload;
        payload.identity = identity.publicIdentity();
        payload.version = u"2.0"_s;
        return payload.toJson();
    }

    // The three handshake messages through NoiseHandshake in both roles, as the transport drives it.
    void handshake(Session& session)
    {
        auto client = NoiseHandshake::initiator(*m_client, m_clientAuthority, m_server->id(), prologue(),
                                                keyPair(kClientEphemeral));
        auto server =
            NoiseHandshake::responder(*m_server, m_serverAuthority, prologue(), keyPair(kServerEphemeral));
        QVERIFY(client && server);
        auto first = client->start();
        QVERIFY2(first, qPrintable(first ? QString() : first.error().reason));
        session.messages[0] = *first;
        auto second = server->receive(session.messages[0]);
        QVERIFY2(second, qPrintable(second ? QString() : second.error().reason));
        QVERIFY(!second->complete);
        session.messages[1] = second->send;
        auto third = client->receive(session.messages[1]);
        QVERIFY2(third, qPrintable(third ? QString() : third.error().reason));
        QVERIFY(third->complete);
        session.messages[2] = third->send;
        auto done = server->receive(session.messages[2]);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().reason));
        QVERIFY(done->complete && done->send.isEmpty());

        session.clientHash = client->handshakeHash();
        session.serverHash = server->handshakeHash();
        NoiseHandshake::Authenticated clientResult = client->takeResult();
        NoiseHandshake::Authenticated serverResult = server->takeResult();
        session.clientSaw = clientResult.peer;
        session.serverSaw = serverResult.peer;
        session.clientCodec = std::make_unique<NoiseCodec>(std::move(clientResult.ciphers), kMaxMessageSize,
                                                           kClientRekeyAfterFrames);
        session.serverCodec = std::make_unique<NoiseCodec>(std::move(serverResult.ciphers), kMaxMessageSize,
                                                           kServerRekeyAfterFrames);
    }

    // Every planned frame sealed by its sender and opened by the other side, in order.
    void exchange(Session& session, QList<SealedFrame>& sealed)
    {
        quint64 clientNonce = 0;
        quint64 serverNonce = 0;
        for (const PlannedFrame& planned : plannedFrames(*m_client, *m_server)) {
            NoiseCodec& sender = planned.fromClient ? *session.clientCodec : *session.serverCodec;
            NoiseCodec& receiver = planned.fromClient ? *session.serverCodec : *session.clientCodec;
            auto frame = sender.seal(planned.json);
            QVERIFY2(frame, qPrintable(describe(frame)));
            auto opened = receiver.open(*frame);
            QVERIFY2(opened, qPrintable(describe(opened)));
            QCOMPARE(*opened, planned.json);
            quint64& nonce = planned.fromClient ? clientNonce : serverNonce;
            sealed.append({planned.fromClient, planned.json, *frame, nonce});
            ++nonce; // each of these frames is one chunk, one Noise message
        }
    }

    QJsonObject sideInputs(const QByteArray& staticPrivate, const QByteArray& ephemeralPrivate,
                           const NodeIdentity& identity, quint64 rekeyAfterFrames) const
    {
        return {
            {u"static_private"_s, hex(staticPrivate)},
            {u"static_public"_s, hex(identity.publicKey())},
            {u"ephemeral_private"_s, hex(ephemeralPrivate)},
            {u"ephemeral_public"_s, hex(keyPair(ephemeralPrivate).publicKey().toByteArray())},
            {u"identity_json"_s, QString::fromUtf8(identity.publicIdentity().toJson())},
            {u"rekey_after_frames"_s, qint64(rekeyAfterFrames)},
        };
    }

    // The vector as our code produces it, without the split keys (our CipherState does not give its key out).
    QJsonObject transcriptJson(const Session& session, const QList<SealedFrame>& frames) const
    {
        static const char* const kTokens[] = {"-> e", "<- e, ee, s, es", "-> s, se"};
        const std::array<QByteArray, 3> payloads{QByteArray(), handshakePayload(*m_server),
                                                 handshakePayload(*m_client)};
        QJsonArray handshake;
        for (int i = 0; i < 3; ++i) {
            handshake.append(QJsonObject{
                {u"direction"_s, i % 2 == 0 ? u"client->server"_s : u"server->client"_s},
                {u"tokens"_s, QString::fromLatin1(kTokens[i])},
                {u"payload"_s, QString::fromUtf8(payloads[i])},
                {u"message"_s, hex(session.messages[i])},
            });
        }
        QJsonArray transport;
        for (const SealedFrame& frame : frames) {
            transport.append(QJsonObject{
                {u"direction"_s, frame.fromClient ? u"client->server"_s : u"server->client"_s},
                {u"nonce"_s, qint64(frame.nonce)},
                {u"flags"_s, int(quint8(frame.frame.at(0)))},
                {u"plaintext"_s, QString::fromUtf8(frame.json)},
                {u"frame"_s, hex(frame.frame)},
            });
        }
        return {
            {u"_about"_s,
             u"Protocol 2.0 transcript vector (docs/protocol.md, \"Transcript vector\"): one "
             u"session generated by tst_protocol2_vector through NodeIdentity, NoiseHandshake, "
             u"NoiseCodec and Message with fixed ephemeral keys, IDs and timestamps, and "
             u"recomputed by dissononce (tests/node/protocol2_vector.py). Do not edit by hand."_s},
            {u"protocol_name"_s, u"Noise_XX_25519_ChaChaPoly_SHA256"_s},
            {u"subprotocol"_s, QString::fromLatin1(NoiseHandshake::kSubprotocol)},
            {u"prologue"_s, QString::fromLatin1(prologue())},
            {u"client"_s, sideInputs(kClientStatic, kClientEphemeral, *m_client, kClientRekeyAfterFrames)},
            {u"server"_s, sideInputs(kServerStatic, kServerEphemeral, *m_server, kServerRekeyAfterFrames)},
            {u"handshake"_s, handshake},
            {u"handshake_hash"_s, hex(session.clientHash)},
            {u"frames"_s, transport},
        };
    }

    void buildTranscript(QJsonObject& transcript)
    {
        Session session;
        handshake(session);
        if (QTest::currentTestFailed())
            return;
        QList<SealedFrame> frames;
        exchange(session, frames);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(session.clientHash, session.serverHash);
        transcript = transcriptJson(session, frames);
    }

    // LETHEAN_WRITE_PROTOCOL2_VECTOR: our transcript plus dissononce's split keys, to that file.
    void writeVector()
    {
        QJsonObject transcript;
        buildTranscript(transcript);
        if (QTest::currentTestFailed())
            return;
        const ScriptRun run = runScript(m_python, QJsonDocument(transcript).toJson(), false);
        QVERIFY2(run.exitCode == 0, run.stdErr.constData());
        transcript.insert(u"split"_s, QJsonDocument::fromJson(run.stdOut).object().value(u"split"_s));
        QFile file(QString::fromLocal8Bit(vectorPath()));
        QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
        file.write(QJsonDocument(transcript).toJson(QJsonDocument::Indented));
        qInfo("wrote %s", vectorPath().constData());
    }

    QJsonArray vectorFrames() const { return m_vector.value(u"frames"_s).toArray(); }

private Q_SLOTS:
    void initTestCase()
    {
        const GoTime createdAt = at(kCreatedAt);
        auto client =
            NodeIdentity::fromPrivateKey(kClientStatic, u"alice"_s, NodeRole::Controller, createdAt);
        auto server = NodeIdentity::fromPrivateKey(kServerStatic, u"bob"_s, NodeRole::Worker, createdAt);
        QVERIFY(client && server);
        m_client.emplace(std::move(*client));
        m_server.emplace(std::move(*server));
        QCOMPARE(m_client->id(), u"300c9c9603b92a4b39ed3958bf924011"_s); // WIRE.md §14's A_id and B_id
        QCOMPARE(m_server->id(), u"f35e5616160a30bf3c6e79fa73c576d4"_s);
        m_clientAuthority.allow(m_server->publicKey());
        m_serverAuthority.allow(m_client->publicKey());

        QString whyNot;
        const auto python = lethean::test::findDissononcePython(kProcessTimeoutMs, &whyNot);
        QVERIFY2(python.has_value(), qPrintable(whyNot));
        m_python = *python;

        if (qEnvironmentVariableIsSet("LETHEAN_WRITE_PROTOCOL2_VECTOR")) {
            writeVector();
            if (QTest::currentTestFailed())
                return;
        }
        QFile file(QString::fromLocal8Bit(vectorPath()));
        QVERIFY2(file.open(QIODevice::ReadOnly),
                 qPrintable(u"%1: %2"_s.arg(file.fileName(), file.errorString())));
        m_vector = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY2(!m_vector.isEmpty(), "the vector file is not a JSON object");
        QCOMPARE(m_vector.value(u"handshake"_s).toArray().size(), 3);
        QCOMPARE(vectorFrames().size(), 4);
    }

    // Our production classes give exactly the recorded bytes, field by field (so a failure names the field).
    void ourCodeReproducesTheVector()
    {
        QJsonObject ours;
        buildTranscript(ours);
        if (QTest::currentTestFailed())
            return;
        for (const QString& key : {u"protocol_name"_s, u"subprotocol"_s, u"prologue"_s, u"handshake_hash"_s})
            QCOMPARE(ours.value(key).toString(), m_vector.value(key).toString());
        for (const QString& side : {u"client"_s, u"server"_s}) {
            const QJsonObject mine = ours.value(side).toObject();
            const QJsonObject recorded = m_vector.value(side).toObject();
            for (auto it = mine.begin(); it != mine.end(); ++it)
                QCOMPARE(canonical(it.value()), canonical(recorded.value(it.key())));
        }
        const QJsonArray handshake = ours.value(u"handshake"_s).toArray();
        for (qsizetype i = 0; i < handshake.size(); ++i) {
            const QJsonObject mine = handshake.at(i).toObject();
            const QJsonObject recorded = m_vector.value(u"handshake"_s).toArray().at(i).toObject();
            QCOMPARE(mine.value(u"payload"_s).toString(), recorded.value(u"payload"_s).toString());
            QCOMPARE(mine.value(u"message"_s).toString(), recorded.value(u"message"_s).toString());
        }
        const QJsonArray frames = ours.value(u"frames"_s).toArray();
        for (qsizetype i = 0; i < frames.size(); ++i) {
            const QJsonObject mine = frames.at(i).toObject();
            const QJsonObject recorded = vectorFrames().at(i).toObject();
            for (const QString& key : {u"direction"_s, u"nonce"_s, u"flags"_s, u"plaintext"_s, u"frame"_s})
                QCOMPARE(canonical(mine.value(key)), canonical(recorded.value(key)));
        }
        // The whole object too, so a field added to one side only is noticed.
        QJsonObject recorded = m_vector;
        recorded.remove(u"split"_s);
        QCOMPARE(QJsonDocument(ours).toJson(), QJsonDocument(recorded).toJson());
        // What the vector shows: the last client frame is the rekeyed one, and lengths are what the
        // layout says (1 flag byte, 2 length bytes, plaintext, 16-byte tag).
        QCOMPARE(vectorFrames().at(3).toObject().value(u"flags"_s).toInt(), int(NoiseCodec::kRekeyed));
        for (const QJsonValue& value : vectorFrames()) {
            const QJsonObject frame = value.toObject();
            QCOMPARE(unhex(frame.value(u"frame"_s)).size(),
                     1 + 2 + text(frame.value(u"plaintext"_s)).size() + 16);
        }
    }

    // The handshake authenticates each side as its §14 identity, with the payload our code writes.
    void handshakeAuthenticatesBothIdentities()
    {
        Session session;
        handshake(session);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(session.clientSaw, m_server->publicIdentity());
        QCOMPARE(session.serverSaw, m_client->publicIdentity());
        QCOMPARE(session.clientHash, session.serverHash);
        QCOMPARE(session.clientHash.size(), 32);
    }

    // Our Noise core in each role with the same keys reads the recorded handshake (decrypting the
    // payloads) and writes the recorded messages from the recorded payloads.
    void recordedHandshakeReadsInBothRoles()
    {
        const QJsonArray steps = m_vector.value(u"handshake"_s).toArray();
        std::array<QByteArray, 3> messages;
        std::array<QByteArray, 3> payloads;
        for (int i = 0; i < 3; ++i) {
            messages[i] = unhex(steps.at(i).toObject().value(u"message"_s));
            payloads[i] = text(steps.at(i).toObject().value(u"payload"_s));
        }
        auto initiator = noise::HandshakeState::initialize(noise::HandshakePattern::xx(),
                                                           noise::HandshakeState::Role::Initiator, prologue(),
                                                           keyPair(kClientStatic), keyPair(kClientEphemeral));
        auto responder = noise::HandshakeState::initialize(noise::HandshakePattern::xx(),
                                                           noise::HandshakeState::Role::Responder, prologue(),
                                                           keyPair(kServerStatic), keyPair(kServerEphemeral));
        QVERIFY(initiator && responder);
        QCOMPARE(dataOf(initiator->writeMessage(payloads[0])), messages[0]);
        QCOMPARE(dataOf(responder->readMessage(messages[0])), payloads[0]);
        QCOMPARE(dataOf(responder->writeMessage(payloads[1])), messages[1]);
        QCOMPARE(dataOf(initiator->readMessage(messages[1])), payloads[1]);
        QCOMPARE(dataOf(initiator->writeMessage(payloads[2])), messages[2]);
        QCOMPARE(dataOf(responder->readMessage(messages[2])), payloads[2]);
        QVERIFY(initiator->isComplete() && responder->isComplete());
        QCOMPARE(hex(initiator->handshakeHash()), m_vector.value(u"handshake_hash"_s).toString());
        QCOMPARE(hex(responder->handshakeHash()), m_vector.value(u"handshake_hash"_s).toString());
    }

    // Hostile: the same keys under another subprotocol's prologue (a tampered negotiation) cannot read
    // the recorded message 2; and NoiseHandshake refuses it the same way.
    void otherPrologueRefusesRecordedHandshake()
    {
        const QByteArray other = NoiseHandshake::prologue(u"lethean.noise.3"_s);
        const QJsonArray steps = m_vector.value(u"handshake"_s).toArray();
        auto client = NoiseHandshake::initiator(*m_client, m_clientAuthority, m_server->id(), other,
                                                keyPair(kClientEphemeral));
        QVERIFY(client);
        auto first = client->start();
        QVERIFY(first);
        QCOMPARE(hex(*first),
                 steps.at(0).toObject().value(u"message"_s).toString()); // e is not authenticated yet
        QVERIFY(!client->receive(unhex(steps.at(1).toObject().value(u"message"_s))));
    }

    // The recorded frames (not ours) open in the receiving role, in order, with the rekey on the flag.
    void recordedFramesOpenInTheOtherRole()
    {
        Session session;
        handshake(session);
        if (QTest::currentTestFailed())
            return;
        for (const QJsonValue& value : vectorFrames()) {
            const QJsonObject frame = value.toObject();
            const bool fromClient = frame.value(u"direction"_s).toString() == u"client->server"_s;
            NoiseCodec& receiver = fromClient ? *session.serverCodec : *session.clientCodec;
            auto opened = receiver.open(unhex(frame.value(u"frame"_s)));
            QVERIFY2(opened, qPrintable(describe(opened)));
            QCOMPARE(*opened, text(frame.value(u"plaintext"_s)));
            const auto envelope = Message::fromJson(*opened);
            QVERIFY2(envelope, qPrintable(envelope ? QString() : envelope.error().message));
        }
        QCOMPARE(session.serverCodec->rekeysReceived(), quint64(1));
        QCOMPARE(session.clientCodec->rekeysReceived(), quint64(0));
    }

    // Hostile: each recorded frame with one bit flipped in its flag byte, length, ciphertext or tag; the
    // rekeyed frame with its flag cleared; an unknown flag; frames out of order; a replay. Each must be
    // refused, and (2.0 being fatal on failure) the codec stays broken afterwards.
    void tamperedRecordedFramesAreRefused_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("offset"); // -1: the last byte (the tag)
        QTest::addColumn<quint8>("mask");
        for (int i = 0; i < 4; ++i) {
            const QByteArray name = "frame " + QByteArray::number(i);
            QTest::newRow((name + " flag bit").constData()) << i << 0 << quint8(0x01);
            QTest::newRow((name + " unknown flag").constData()) << i << 0 << quint8(0x80);
            QTest::newRow((name + " length").constData()) << i << 2 << quint8(0x01);
            QTest::newRow((name + " ciphertext").constData()) << i << 3 << quint8(0x40);
            QTest::newRow((name + " tag").constData()) << i << -1 << quint8(0x01);
        }
    }

    void tamperedRecordedFramesAreRefused()
    {
        QFETCH(int, index);
        QFETCH(int, offset);
        QFETCH(quint8, mask);
        Session session;
        handshake(session);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray frames = vectorFrames();
        for (int i = 0; i <= index; ++i) {
            const QJsonObject frame = frames.at(i).toObject();
            const bool fromClient = frame.value(u"direction"_s).toString() == u"client->server"_s;
            NoiseCodec& receiver = fromClient ? *session.serverCodec : *session.clientCodec;
            QByteArray bytes = unhex(frame.value(u"frame"_s));
            if (i < index) {
                QVERIFY(receiver.open(bytes));
                continue;
            }
            const qsizetype at = offset < 0 ? bytes.size() - 1 : offset;
            bytes[at] = char(quint8(bytes.at(at)) ^ mask);
            QVERIFY(!receiver.open(bytes));
            QVERIFY(
                !receiver.open(unhex(frame.value(u"frame"_s)))); // broken for good, even the genuine frame
        }
    }

    void reorderedOrReplayedFramesAreRefused()
    {
        const QJsonArray frames = vectorFrames();
        const QByteArray ping = unhex(frames.at(1).toObject().value(u"frame"_s));
        const QByteArray rekeyedPing = unhex(frames.at(3).toObject().value(u"frame"_s));
        {
            Session session;
            handshake(session);
            QVERIFY(!QTest::currentTestFailed());
            QVERIFY(!session.serverCodec->open(rekeyedPing)); // the second ping before the first
        }
        {
            Session session;
            handshake(session);
            QVERIFY(!QTest::currentTestFailed());
            QVERIFY(session.serverCodec->open(ping));
            QVERIFY(!session.serverCodec->open(ping)); // replayed
        }
        {
            Session session;
            handshake(session);
            QVERIFY(!QTest::currentTestFailed());
            QVERIFY(!session.clientCodec->open(ping)); // reflected back to its sender
        }
    }

    // The recorded split keys, in a bare CipherState, give every frame's ciphertext (after the frame
    // header) at its nonce, rekeying where the flag says.
    void splitKeysGiveEveryFrame()
    {
        const QJsonObject split = m_vector.value(u"split"_s).toObject();
        noise::CipherState clientToServer;
        noise::CipherState serverToClient;
        QVERIFY(clientToServer.initializeKey(unhex(split.value(u"c1_client_to_server"_s))));
        QVERIFY(serverToClient.initializeKey(unhex(split.value(u"c2_server_to_client"_s))));
        for (const QJsonValue& value : vectorFrames()) {
            const QJsonObject frame = value.toObject();
            noise::CipherState& cipher = frame.value(u"direction"_s).toString() == u"client->server"_s
                                             ? clientToServer
                                             : serverToClient;
            if (frame.value(u"flags"_s).toInt() & NoiseCodec::kRekeyed)
                QVERIFY(cipher.rekey());
            QCOMPARE(qint64(cipher.nonce()), frame.value(u"nonce"_s).toInteger());
            auto sealed = cipher.encryptWithAd({}, text(frame.value(u"plaintext"_s)));
            QVERIFY(sealed);
            QCOMPARE(hex(*sealed), hex(unhex(frame.value(u"frame"_s)).sliced(3)));
        }
    }

    // An independent implementation recomputes the transcript from the inputs alone: the script's own
    // comparison (--check) and ours, field by field.
    void dissononceReproducesTheVector()
    {
        const ScriptRun run = runScript(m_python, QJsonDocument(m_vector).toJson(), true);
        QVERIFY2(run.exitCode == 0, run.stdErr.constData());
        const QJsonObject theirs = QJsonDocument::fromJson(run.stdOut).object();
        QCOMPARE(theirs.value(u"protocol_name"_s).toString(), m_vector.value(u"protocol_name"_s).toString());
        for (const QString& side : {u"client"_s, u"server"_s}) {
            for (const QString& key : {u"static_public"_s, u"ephemeral_public"_s})
                QCOMPARE(theirs.value(side).toObject().value(key).toString(),
                         m_vector.value(side).toObject().value(key).toString());
        }
        const QJsonArray handshake = theirs.value(u"handshake"_s).toArray();
        QCOMPARE(handshake.size(), 3);
        for (qsizetype i = 0; i < 3; ++i) {
            const QJsonObject recorded = m_vector.value(u"handshake"_s).toArray().at(i).toObject();
            QCOMPARE(handshake.at(i).toObject().value(u"message"_s).toString(),
                     recorded.value(u"message"_s).toString());
            QCOMPARE(handshake.at(i).toObject().value(u"payload_read"_s).toString(),
                     recorded.value(u"payload"_s).toString());
            QVERIFY(handshake.at(i).toObject().value(u"payload_compact"_s).toBool());
        }
        QCOMPARE(theirs.value(u"handshake_hash"_s).toString(),
                 m_vector.value(u"handshake_hash"_s).toString());
        QCOMPARE(theirs.value(u"handshake_hash_responder"_s).toString(),
                 m_vector.value(u"handshake_hash"_s).toString());
        QCOMPARE(theirs.value(u"remote_static"_s).toObject().value(u"client_saw"_s).toString(),
                 hex(m_server->publicKey()));
        QCOMPARE(theirs.value(u"remote_static"_s).toObject().value(u"server_saw"_s).toString(),
                 hex(m_client->publicKey()));
        QCOMPARE(canonical(theirs.value(u"split"_s)), canonical(m_vector.value(u"split"_s)));
        const QJsonArray frames = theirs.value(u"frames"_s).toArray();
        QCOMPARE(frames.size(), vectorFrames().size());
        for (qsizetype i = 0; i < frames.size(); ++i) {
            const QJsonObject mine = frames.at(i).toObject();
            const QJsonObject recorded = vectorFrames().at(i).toObject();
            QCOMPARE(mine.value(u"frame"_s).toString(), recorded.value(u"frame"_s).toString());
            QCOMPARE(mine.value(u"flags"_s).toInt(), recorded.value(u"flags"_s).toInt());
            QCOMPARE(mine.value(u"nonce"_s).toInteger(), recorded.value(u"nonce"_s).toInteger());
            QCOMPARE(mine.value(u"opened"_s).toString(), recorded.value(u"plaintext"_s).toString());
            QVERIFY(mine.value(u"plaintext_compact"_s).toBool());
        }
    }

    // docs/protocol.md's "Transcript vector" lists the same bytes as the file (wrapped lines allowed), so
    // the page a third party reads cannot drift from what is tested.
    void docsShowTheVector()
    {
        QFile file(QStringLiteral(LETHEAN_PROTOCOL_DOC));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QByteArray page = file.readAll();
        const qsizetype start = page.indexOf("### Transcript vector");
        QVERIFY2(start >= 0, "docs/protocol.md has no \"Transcript vector\" section");
        const qsizetype end = page.indexOf("\n## ", start);
        QByteArray section = page.sliced(start, (end < 0 ? page.size() : end) - start);
        section.replace(' ', "").replace('\n', "");
        QStringList expected{m_vector.value(u"prologue"_s).toString(),
                             m_vector.value(u"handshake_hash"_s).toString()};
        for (const QString& side : {u"client"_s, u"server"_s}) {
            const QJsonObject inputs = m_vector.value(side).toObject();
            for (const QString& key :
                 {u"static_private"_s, u"static_public"_s, u"ephemeral_private"_s, u"ephemeral_public"_s})
                expected << inputs.value(key).toString();
        }
        const QJsonObject split = m_vector.value(u"split"_s).toObject();
        expected << split.value(u"c1_client_to_server"_s).toString()
                 << split.value(u"c2_server_to_client"_s).toString();
        for (const QJsonValue& step : m_vector.value(u"handshake"_s).toArray())
            expected << step.toObject().value(u"message"_s).toString()
                     << step.toObject().value(u"payload"_s).toString();
        for (const QJsonValue& frame : vectorFrames())
            expected << frame.toObject().value(u"frame"_s).toString()
                     << frame.toObject().value(u"plaintext"_s).toString();
        for (const QString& value : std::as_const(expected)) {
            QByteArray compact = value.toUtf8();
            compact.replace(' ', "");
            QVERIFY2(section.contains(compact), qPrintable(u"docs/protocol.md lacks "_s + value));
        }
    }

    // The script must be able to fail: one flipped byte in a recorded frame is reported as a mismatch.
    void dissononceCheckNoticesAChangedFrame()
    {
        QJsonObject changed = m_vector;
        QJsonArray frames = vectorFrames();
        QJsonObject pong = frames.at(2).toObject();
        QByteArray bytes = unhex(pong.value(u"frame"_s));
        bytes[bytes.size() - 1] = char(bytes.at(bytes.size() - 1) ^ 0x01);
        pong.insert(u"frame"_s, hex(bytes));
        frames.replace(2, pong);
        changed.insert(u"frames"_s, frames);
        const ScriptRun run = runScript(m_python, QJsonDocument(changed).toJson(), true);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.stdErr.contains("MISMATCH frames[2].frame"), run.stdErr.constData());
    }
};

QTEST_GUILESS_MAIN(TestProtocol2Vector)
#include "tst_protocol2_vector.moc"
