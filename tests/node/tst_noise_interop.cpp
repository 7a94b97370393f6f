// The Noise core against an independent implementation: dissononce (Debian's python3-dissononce),
// driven by tests/node/noise_peer.py over pipes. Our HandshakeState plays each role of
// Noise_XX_25519_ChaChaPoly_SHA256 in turn; both sides must agree on every payload, on each other's
// static key and on the handshake hash, then exchange transport messages both ways (empty, small,
// 1000 bytes and the 65535-byte Noise message boundary), rekey in step, and each must refuse a
// tampered or replayed message from the other.
//
// python3 and dissononce are setup.sh's (installer/debian-packages.txt): their absence is a failure,
// never a skip. The interpreter is LETHEAN_PYTHON when set, else the first python3 on PATH that imports
// dissononce, else Debian's /usr/bin/python3 (a pyenv or venv python3 earlier on PATH does not see
// Debian's dist-packages).

#include "dissononce_python.h"
#include "node/noise/handshake_pattern.h"
#include "node/noise/handshake_state.h"
#include "node/noise/key_pair.h"
#include "node/noise/noise_constants.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>
#include <optional>

using namespace Qt::StringLiterals;
using namespace lethean::node::noise;
using Role = HandshakeState::Role;

namespace {

constexpr int kReplyTimeoutMs = 20000;
const QByteArray kPrologue = QByteArrayLiteral("lethean interop prologue");

template <typename T> QByteArray describe(const lethean::Result<T, NoiseError>& result)
{
    return result ? QByteArray("ok") : result.error().message.toUtf8();
}

// One noise_peer.py process. Each call writes one command line and reads its one reply line.
class DissononcePeer
{
public:
    struct Reply
    {
        QByteArray tag;  // MESSAGE, PAYLOAD, ..., ERROR, or TIMEOUT when no line came back
        QByteArray data; // the decoded hex field; for ERROR and TIMEOUT the reason as text
    };

    bool start(const QString& python, Role peerRole)
    {
        m_process.start(python, {QStringLiteral(LETHEAN_NOISE_PEER_SCRIPT),
                                 peerRole == Role::Initiator ? u"initiator"_s : u"responder"_s,
                                 QString::fromLatin1(kPrologue.toHex())});
        if (!m_process.waitForStarted(kReplyTimeoutMs))
            return false;
        const Reply ready = readReply();
        m_staticKey = ready.data;
        return ready.tag == "READY" && m_staticKey.size() == kDhLen;
    }

    ~DissononcePeer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(kReplyTimeoutMs);
        }
    }

    QByteArray staticKey() const { return m_staticKey; }

    Reply call(const QByteArray& verb, const QByteArray& argument = {})
    {
        m_process.write(verb + ' ' + (argument.isEmpty() ? QByteArray("-") : argument.toHex()) + '\n');
        return readReply();
    }

    // QUIT, and the process must then exit cleanly.
    bool quit()
    {
        const bool bye = call("QUIT").tag == "BYE";
        m_process.closeWriteChannel();
        return bye && m_process.waitForFinished(kReplyTimeoutMs) && m_process.exitCode() == 0;
    }

private:
    Reply readReply()
    {
        QDeadlineTimer deadline(kReplyTimeoutMs);
        while (!m_process.canReadLine()) {
            if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime())))
                return {"TIMEOUT",
                        "no reply from noise_peer.py; stderr: " + m_process.readAllStandardError()};
        }
        const QByteArray line = m_process.readLine().trimmed();
        const qsizetype space = line.indexOf(' ');
        const QByteArray tag = space < 0 ? line : line.first(space);
        const QByteArray field = space < 0 ? QByteArray() : line.sliced(space + 1);
        if (tag == "ERROR")
            return {tag, field};
        return {tag, field == "-" ? QByteArray() : QByteArray::fromHex(field)};
    }

    QProcess m_process;
    QByteArray m_staticKey;
};

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

} // namespace

class TestNoiseInterop : public QObject
{
    Q_OBJECT

    QString m_python;

    // The whole exchange with our side in `ours`; QVERIFY/QCOMPARE return from here on a failure.
    void runInterop(Role ours)
    {
        const bool weInitiate = ours == Role::Initiator;
        DissononcePeer peer;
        QVERIFY2(peer.start(m_python, weInitiate ? Role::Responder : Role::Initiator),
                 "noise_peer.py did not start (or did not print READY)");

        auto staticKey = KeyPair::generate();
        QVERIFY(staticKey);
        const QByteArray ourPublic = staticKey->publicKey().toByteArray();
        auto handshake =
            HandshakeState::initialize(HandshakePattern::xx(), ours, kPrologue, std::move(staticKey).value());
        QVERIFY2(handshake, describe(handshake).constData());

        std::optional<TransportCiphers> ciphers;
        for (int i = 0; i < 3; ++i) {
            const QByteArray payload = "handshake payload " + QByteArray::number(i) + " from " +
                                       (((i % 2 == 0) == weInitiate) ? "lethean" : "dissononce");
            if (handshake->isWriteTurn()) {
                auto written = handshake->writeMessage(payload);
                QVERIFY2(written, describe(written).constData());
                ciphers = std::move(written->ciphers);
                const auto reply = peer.call("READ", written->data);
                QCOMPARE(reply.tag, QByteArray("PAYLOAD"));
                QCOMPARE(reply.data, payload);
            } else {
                const auto reply = peer.call("WRITE", payload);
                QCOMPARE(reply.tag, QByteArray("MESSAGE"));
                auto read = handshake->readMessage(reply.data);
                QVERIFY2(read, describe(read).constData());
                QCOMPARE(read->data, payload);
                ciphers = std::move(read->ciphers);
            }
        }
        QVERIFY(handshake->isComplete() && ciphers);

        const auto hash = peer.call("HASH");
        QCOMPARE(hash.tag, QByteArray("HASH"));
        QCOMPARE(handshake->handshakeHash().toHex(), hash.data.toHex());
        QCOMPARE(handshake->remoteStaticKey().toHex(), peer.staticKey().toHex());
        const auto remote = peer.call("REMOTE");
        QCOMPARE(remote.data.toHex(), ourPublic.toHex());

        // Transport messages both ways, up to the largest Noise message (65519 + 16 = 65535 bytes).
        const QList<QByteArray> payloads{QByteArray(), QByteArray("ping"), randomBytes(1000),
                                         randomBytes(kMaxPlaintextSize)};
        for (const QByteArray& payload : payloads) {
            auto sealed = ciphers->send.encryptWithAd({}, payload);
            QVERIFY2(sealed, describe(sealed).constData());
            QCOMPARE(sealed->size(), payload.size() + kTagLen);
            const auto opened = peer.call("DECRYPT", *sealed);
            QCOMPARE(opened.tag, QByteArray("PLAINTEXT"));
            QVERIFY(opened.data == payload);

            const auto theirs = peer.call("ENCRYPT", payload);
            QCOMPARE(theirs.tag, QByteArray("CIPHERTEXT"));
            QCOMPARE(theirs.data.size(), payload.size() + kTagLen);
            auto ours = ciphers->receive.decryptWithAd({}, theirs.data);
            QVERIFY2(ours, describe(ours).constData());
            QVERIFY(*ours == payload);
        }
        QVERIFY(!ciphers->send.encryptWithAd({}, randomBytes(kMaxPlaintextSize + 1)));

        // Rekey (§11.3) in step with the other implementation, each direction.
        QVERIFY(ciphers->send.rekey());
        QCOMPARE(peer.call("REKEY_RECEIVE").tag, QByteArray("OK"));
        const auto afterRekey = peer.call("DECRYPT", *ciphers->send.encryptWithAd({}, "after rekey"));
        QCOMPARE(afterRekey.data, QByteArray("after rekey"));
        QCOMPARE(peer.call("REKEY_SEND").tag, QByteArray("OK"));
        QVERIFY(ciphers->receive.rekey());
        const auto theirRekeyed = peer.call("ENCRYPT", "rekeyed reply");
        QCOMPARE(*ciphers->receive.decryptWithAd({}, theirRekeyed.data), QByteArray("rekeyed reply"));

        // Each side refuses the other's tampered message and our side a replayed one.
        QByteArray tampered = *ciphers->send.encryptWithAd({}, "tampered");
        tampered[0] = char(tampered.at(0) ^ 1);
        QCOMPARE(peer.call("DECRYPT", tampered).tag, QByteArray("ERROR"));
        const auto replayed = peer.call("ENCRYPT", "once only");
        QVERIFY(ciphers->receive.decryptWithAd({}, replayed.data));
        QVERIFY(!ciphers->receive.decryptWithAd({}, replayed.data));
        QVERIFY(peer.quit());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString whyNot;
        const auto python = lethean::test::findDissononcePython(kReplyTimeoutMs, &whyNot);
        QVERIFY2(python.has_value(), qPrintable(whyNot));
        m_python = *python;
        qInfo("independent peer: dissononce under %s", qPrintable(m_python));
    }

    void ourInitiatorWithDissononceResponder() { runInterop(Role::Initiator); }
    void dissononceInitiatorWithOurResponder() { runInterop(Role::Responder); }
};

QTEST_GUILESS_MAIN(TestNoiseInterop)
#include "tst_noise_interop.moc"
