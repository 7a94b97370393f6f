// The Noise core (node/noise/): byte for byte against the cacophony test vectors, and every failure the
// transport depends on (tampering, wrong keys, replay, reordering, nonce exhaustion, size limits, calls
// out of turn) as an error value that leaves the handshake unusable.

#include "node/noise/cipher_state.h"
#include "node/noise/handshake_pattern.h"
#include "node/noise/handshake_state.h"
#include "node/noise/key_pair.h"
#include "node/noise/noise_constants.h"
#include "node/noise/symmetric_state.h"
#include "node/sodium_runtime.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <array>
#include <optional>
#include <sodium.h>

using namespace Qt::StringLiterals;
using namespace lethean::node::noise;
using Role = HandshakeState::Role;
using Code = NoiseError::Code;

namespace {

// QVERIFY2 evaluates its message even when the check passes, so the error is read only on failure.
template <typename T> QByteArray describe(const lethean::Result<T, NoiseError>& result)
{
    return result ? QByteArray("ok") : result.error().message.toUtf8();
}

template <typename T> Code codeOf(const lethean::Result<T, NoiseError>& result)
{
    return result ? Code::Internal : result.error().code;
}

QByteArray hexField(const QJsonObject& object, const QString& key)
{
    return QByteArray::fromHex(object.value(key).toString().toLatin1());
}

std::optional<KeyPair> keyField(const QJsonObject& object, const QString& key)
{
    if (!object.contains(key))
        return std::nullopt;
    auto pair = KeyPair::fromPrivateKey(hexField(object, key));
    if (!pair)
        return std::nullopt;
    return std::move(pair).value();
}

KeyPair freshKey()
{
    return std::move(KeyPair::generate()).value();
}

const QByteArray kPrologue = QByteArrayLiteral("lethean tst_noise");

struct XxPair
{
    HandshakeState initiator;
    HandshakeState responder;
};

std::optional<XxPair> makeXx()
{
    auto initiator =
        HandshakeState::initialize(HandshakePattern::xx(), Role::Initiator, kPrologue, freshKey());
    auto responder =
        HandshakeState::initialize(HandshakePattern::xx(), Role::Responder, kPrologue, freshKey());
    if (!initiator || !responder)
        return std::nullopt;
    return XxPair{std::move(initiator).value(), std::move(responder).value()};
}

struct Session
{
    TransportCiphers initiator;
    TransportCiphers responder;
};

// A complete XX handshake in memory; nullopt when any step fails.
std::optional<Session> handshakeXx()
{
    auto pair = makeXx();
    if (!pair)
        return std::nullopt;
    std::optional<TransportCiphers> initiatorCiphers;
    std::optional<TransportCiphers> responderCiphers;
    for (int i = 0; i < 3; ++i) {
        HandshakeState& writer = i % 2 == 0 ? pair->initiator : pair->responder;
        HandshakeState& reader = i % 2 == 0 ? pair->responder : pair->initiator;
        auto written = writer.writeMessage(QByteArray("payload ") + QByteArray::number(i));
        if (!written)
            return std::nullopt;
        auto read = reader.readMessage(written->data);
        if (!read)
            return std::nullopt;
        (i % 2 == 0 ? initiatorCiphers : responderCiphers) = std::move(written->ciphers);
        (i % 2 == 0 ? responderCiphers : initiatorCiphers) = std::move(read->ciphers);
    }
    if (!initiatorCiphers || !responderCiphers ||
        pair->initiator.handshakeHash() != pair->responder.handshakeHash())
        return std::nullopt;
    return Session{std::move(*initiatorCiphers), std::move(*responderCiphers)};
}

// Runs XX with message `step` altered by `tamper`; returns the index of the message whose write or
// read failed, or -1 when the handshake completed.
template <typename Tamper> int runTamperedXx(int step, Tamper tamper, bool* failedClosed)
{
    auto pair = makeXx();
    if (!pair)
        return -2;
    for (int i = 0; i < 3; ++i) {
        HandshakeState& writer = i % 2 == 0 ? pair->initiator : pair->responder;
        HandshakeState& reader = i % 2 == 0 ? pair->responder : pair->initiator;
        auto written = writer.writeMessage(QByteArray("handshake payload ") + QByteArray::number(i));
        if (!written) {
            *failedClosed = writer.hasFailed() && codeOf(writer.writeMessage({})) == Code::WrongState;
            return i;
        }
        QByteArray message = written->data;
        if (i == step)
            tamper(message);
        auto read = reader.readMessage(message);
        if (!read) {
            // No second chance: the state is dead, whatever comes next.
            *failedClosed = reader.hasFailed() &&
                            codeOf(reader.readMessage(written->data)) == Code::WrongState &&
                            codeOf(reader.writeMessage({})) == Code::WrongState;
            return i;
        }
    }
    return -1;
}

std::optional<CipherState> keyedCipher(char fill)
{
    CipherState cipher;
    if (!cipher.initializeKey(QByteArray(kKeyLen, fill)))
        return std::nullopt;
    return cipher;
}

} // namespace

class TestNoise : public QObject
{
    Q_OBJECT

    QJsonArray m_vectors;
    int m_messagesMatched = 0;
    int m_expectedMessages = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(lethean::node::ensureSodium()); // the tests call libsodium directly for reference values
        const QString path = qEnvironmentVariable("LETHEAN_SHARED_DIR") +
                             u"/spec/noise-vectors/cacophony-25519-chachapoly-sha256.json"_s;
        QFile file(path);
        QVERIFY2(
            file.open(QIODevice::ReadOnly),
            qPrintable(u"Noise vectors not found at %1: set LETHEAN_SHARED_DIR (ctest does)"_s.arg(path)));
        m_vectors = QJsonDocument::fromJson(file.readAll()).object().value(u"vectors"_s).toArray();
        QVERIFY2(!m_vectors.isEmpty(), "the vector file holds no vectors");
        for (const QJsonValue& vector : std::as_const(m_vectors))
            m_expectedMessages += int(vector.toObject().value(u"messages"_s).toArray().size());
    }

    void vectors_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        for (const QJsonValue& vector : std::as_const(m_vectors)) {
            const QJsonObject object = vector.toObject();
            QTest::newRow(qPrintable(object.value(u"protocol_name"_s).toString())) << object;
        }
    }

    // Handshake messages, handshake hash and transport messages byte for byte. After the handshake the
    // vectors alternate senders (initiator on even indices) with the split CipherStates.
    void vectors()
    {
        QFETCH(QJsonObject, vector);
        const QString protocol = vector.value(u"protocol_name"_s).toString();
        const QStringList parts = protocol.split(u'_');
        QCOMPARE(parts.size(), 5);
        const HandshakePattern* pattern = HandshakePattern::find(parts.at(1).toLatin1());
        QVERIFY2(pattern != nullptr, qPrintable(u"no such pattern here: "_s + protocol));

        auto initiator = HandshakeState::initialize(
            *pattern, Role::Initiator, hexField(vector, u"init_prologue"_s),
            keyField(vector, u"init_static"_s), keyField(vector, u"init_ephemeral"_s),
            hexField(vector, u"init_remote_static"_s));
        auto responder = HandshakeState::initialize(
            *pattern, Role::Responder, hexField(vector, u"resp_prologue"_s),
            keyField(vector, u"resp_static"_s), keyField(vector, u"resp_ephemeral"_s),
            hexField(vector, u"resp_remote_static"_s));
        QVERIFY2(initiator, describe(initiator).constData());
        QVERIFY2(responder, describe(responder).constData());
        QCOMPARE(initiator->protocolName(), protocol.toLatin1());

        std::optional<TransportCiphers> initiatorCiphers;
        std::optional<TransportCiphers> responderCiphers;
        const QJsonArray messages = vector.value(u"messages"_s).toArray();
        const qsizetype handshakeMessages = qsizetype(pattern->messages().size());
        QVERIFY(messages.size() > handshakeMessages);
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const QJsonObject message = messages.at(i).toObject();
            const QByteArray payload = hexField(message, u"payload"_s);
            const QByteArray expected = hexField(message, u"ciphertext"_s);
            const bool initiatorSends = i % 2 == 0;
            QByteArray sent;
            QByteArray received;
            if (i < handshakeMessages) {
                HandshakeState& writer = initiatorSends ? *initiator : *responder;
                HandshakeState& reader = initiatorSends ? *responder : *initiator;
                auto written = writer.writeMessage(payload);
                QVERIFY2(written, describe(written).constData());
                auto read = reader.readMessage(written->data);
                QVERIFY2(read, describe(read).constData());
                sent = written->data;
                received = read->data;
                (initiatorSends ? initiatorCiphers : responderCiphers) = std::move(written->ciphers);
                (initiatorSends ? responderCiphers : initiatorCiphers) = std::move(read->ciphers);
            } else {
                QVERIFY(initiatorCiphers && responderCiphers);
                CipherState& sender = initiatorSends ? initiatorCiphers->send : responderCiphers->send;
                CipherState& receiver =
                    initiatorSends ? responderCiphers->receive : initiatorCiphers->receive;
                auto encrypted = sender.encryptWithAd({}, payload);
                QVERIFY2(encrypted, describe(encrypted).constData());
                auto decrypted = receiver.decryptWithAd({}, *encrypted);
                QVERIFY2(decrypted, describe(decrypted).constData());
                sent = *encrypted;
                received = *decrypted;
            }
            QCOMPARE(sent.toHex(), expected.toHex());
            QCOMPARE(received, payload);
            if (i == handshakeMessages - 1) {
                QVERIFY(initiator->isComplete() && responder->isComplete());
                const QByteArray hash = hexField(vector, u"handshake_hash"_s);
                QCOMPARE(initiator->handshakeHash().toHex(), hash.toHex());
                QCOMPARE(responder->handshakeHash().toHex(), hash.toHex());
            }
            ++m_messagesMatched;
        }
    }

    // Guards against a vector silently not running (a data row dropped, a loop cut short).
    void vectorsCoverEveryMessage()
    {
        qInfo("%d vectors, %d of %d messages matched byte for byte", int(m_vectors.size()), m_messagesMatched,
              m_expectedMessages);
        QCOMPARE(m_messagesMatched, m_expectedMessages);
    }

    void freshXxHandshakeAgrees()
    {
        auto initiatorStatic = freshKey();
        auto responderStatic = freshKey();
        const QByteArray initiatorPublic = initiatorStatic.publicKey().toByteArray();
        const QByteArray responderPublic = responderStatic.publicKey().toByteArray();
        auto initiator = HandshakeState::initialize(HandshakePattern::xx(), Role::Initiator, kPrologue,
                                                    std::move(initiatorStatic));
        auto responder = HandshakeState::initialize(HandshakePattern::xx(), Role::Responder, kPrologue,
                                                    std::move(responderStatic));
        QVERIFY(initiator && responder);
        QCOMPARE(initiator->protocolName(), QByteArray("Noise_XX_25519_ChaChaPoly_SHA256"));
        QVERIFY(initiator->isWriteTurn() && !responder->isWriteTurn());
        auto m1 = initiator->writeMessage("hello");
        QVERIFY(m1 && !m1->ciphers);
        QCOMPARE(m1->data.size(), kDhLen + 5); // e, then the payload in clear (no key yet)
        auto p1 = responder->readMessage(m1->data);
        QVERIFY(p1 && p1->data == "hello");
        auto m2 = responder->writeMessage("identity of responder");
        QVERIFY(m2 && !m2->ciphers);
        auto p2 = initiator->readMessage(m2->data);
        QVERIFY2(p2, describe(p2).constData());
        QCOMPARE(p2->data, QByteArray("identity of responder"));
        QCOMPARE(initiator->remoteStaticKey(), responderPublic);
        auto m3 = initiator->writeMessage("identity of initiator");
        QVERIFY(m3 && m3->ciphers);
        auto p3 = responder->readMessage(m3->data);
        QVERIFY(p3 && p3->ciphers);
        QCOMPARE(responder->remoteStaticKey(), initiatorPublic);
        QVERIFY(initiator->isComplete() && responder->isComplete());
        QCOMPARE(initiator->handshakeHash(), responder->handshakeHash());

        TransportCiphers& a = *m3->ciphers;
        TransportCiphers& b = *p3->ciphers;
        for (const QByteArray& text : {QByteArray(), QByteArray("x"), QByteArray(4096, 'q')}) {
            auto there = a.send.encryptWithAd({}, text);
            QVERIFY(there);
            QCOMPARE(*b.receive.decryptWithAd({}, *there), text);
            auto back = b.send.encryptWithAd({}, text);
            QVERIFY(back);
            QCOMPARE(*a.receive.decryptWithAd({}, *back), text);
        }
        // A completed handshake takes no more messages.
        QCOMPARE(codeOf(initiator->writeMessage({})), Code::WrongState);
        QCOMPARE(codeOf(responder->readMessage(m3->data)), Code::WrongState);
    }

    void prologueMismatchFails()
    {
        auto initiator =
            HandshakeState::initialize(HandshakePattern::xx(), Role::Initiator, "offered: 2.0", freshKey());
        auto responder =
            HandshakeState::initialize(HandshakePattern::xx(), Role::Responder, "offered: 1.0", freshKey());
        QVERIFY(initiator && responder);
        auto m1 = initiator->writeMessage({});
        QVERIFY(m1 && responder->readMessage(m1->data));
        auto m2 = responder->writeMessage({});
        QVERIFY(m2);
        QCOMPARE(codeOf(initiator->readMessage(m2->data)), Code::Authentication);
    }

    // Every byte of every message, one bit flipped, and each message cut short and extended by a byte:
    // the handshake never completes, and it fails at the tampered message or, for message 1 (which
    // nothing authenticates yet), at the first read that authenticates the transcript (message 2).
    void tamperedHandshakeMessageFailsAtEachStep()
    {
        for (int step = 0; step < 3; ++step) {
            const int latest = std::max(step, 1);
            bool closed = false;
            int size = 0;
            const int untouched = runTamperedXx(
                step, [&size](QByteArray& m) { size = int(m.size()); }, &closed);
            QCOMPARE(untouched, -1);
            for (int position = 0; position < size; ++position) {
                const int failedAt = runTamperedXx(
                    step,
                    [position](QByteArray& m) { m[position] = char(m.at(position) ^ (1 << (position % 8))); },
                    &closed);
                QVERIFY2(
                    failedAt >= step && failedAt <= latest,
                    qPrintable(u"step %1 byte %2: failed at %3"_s.arg(step).arg(position).arg(failedAt)));
                QVERIFY(closed);
            }
            for (const bool extend : {false, true}) {
                const int failedAt = runTamperedXx(
                    step,
                    [extend](QByteArray& m) {
                        if (extend)
                            m.append('\0');
                        else
                            m.chop(1);
                    },
                    &closed);
                QVERIFY2(
                    failedAt >= step && failedAt <= latest,
                    qPrintable(u"step %1 extend %2: failed at %3"_s.arg(step).arg(extend).arg(failedAt)));
                QVERIFY(closed);
            }
        }
    }

    void wrongResponderStaticKeyFailsInIk()
    {
        auto responderStatic = freshKey();
        auto impostor = freshKey();
        auto initiator = HandshakeState::initialize(HandshakePattern::ik(), Role::Initiator, kPrologue,
                                                    freshKey(), std::nullopt, impostor.publicKey());
        auto responder = HandshakeState::initialize(HandshakePattern::ik(), Role::Responder, kPrologue,
                                                    std::move(responderStatic));
        QVERIFY(initiator && responder);
        auto m1 = initiator->writeMessage("to the wrong key");
        QVERIFY(m1);
        auto read = responder->readMessage(m1->data);
        QCOMPARE(codeOf(read), Code::Authentication);
        QVERIFY(responder->hasFailed());
    }

    void lowOrderEphemeralIsRefused()
    {
        // The all-zero point and the point 1 are of low order: DH with them is the all-zero secret.
        QByteArray one(kDhLen, '\0');
        one[0] = 1;
        for (const QByteArray& point : {QByteArray(kDhLen, '\0'), one}) {
            auto responder =
                HandshakeState::initialize(HandshakePattern::xx(), Role::Responder, kPrologue, freshKey());
            QVERIFY(responder);
            QVERIFY(responder->readMessage(point)); // message 1 is not authenticated: accepted as is
            QCOMPARE(codeOf(responder->writeMessage({})), Code::InvalidKey);
            QVERIFY(responder->hasFailed());
        }
    }

    void outOfTurnFails()
    {
        auto pair = makeXx();
        QVERIFY(pair);
        QCOMPARE(codeOf(pair->responder.writeMessage({})), Code::WrongState);
        QVERIFY(pair->responder.hasFailed());
        QCOMPARE(codeOf(pair->initiator.readMessage(QByteArray(kDhLen, 'e'))), Code::WrongState);
        QVERIFY(pair->initiator.hasFailed());
        QCOMPARE(codeOf(pair->initiator.writeMessage({})), Code::WrongState); // no second chance
    }

    void handshakeMessageSizeLimit()
    {
        // Message 1 of XX is e (32 bytes) and the payload in clear.
        auto pair = makeXx();
        QVERIFY(pair);
        auto largest = pair->initiator.writeMessage(QByteArray(kMaxMessageSize - kDhLen, 'p'));
        QVERIFY2(largest, describe(largest).constData());
        QCOMPARE(largest->data.size(), kMaxMessageSize);
        QVERIFY(pair->responder.readMessage(largest->data));

        auto tooBig = makeXx();
        QVERIFY(tooBig);
        QCOMPARE(codeOf(tooBig->initiator.writeMessage(QByteArray(kMaxMessageSize - kDhLen + 1, 'p'))),
                 Code::TooLarge);
        QVERIFY(tooBig->initiator.hasFailed());
        QCOMPARE(codeOf(tooBig->responder.readMessage(QByteArray(kMaxMessageSize + 1, 'm'))), Code::TooLarge);
        QVERIFY(tooBig->responder.hasFailed());
    }

    void initializeValidatesKeys()
    {
        QCOMPARE(codeOf(HandshakeState::initialize(HandshakePattern::xx(), Role::Initiator, {})),
                 Code::InvalidArgument); // XX needs a static key
        QCOMPARE(codeOf(HandshakeState::initialize(HandshakePattern::ik(), Role::Initiator, {}, freshKey())),
                 Code::InvalidArgument); // IK's initiator must know the responder's key
        QCOMPARE(codeOf(HandshakeState::initialize(HandshakePattern::ik(), Role::Initiator, {}, freshKey(),
                                                   std::nullopt, QByteArray(31, 'k'))),
                 Code::InvalidArgument);
        QCOMPARE(codeOf(HandshakeState::initialize(HandshakePattern::xx(), Role::Initiator, {}, freshKey(),
                                                   std::nullopt, QByteArray(kDhLen, 'k'))),
                 Code::InvalidArgument); // XX transmits rs: a given one would be overwritten
        QVERIFY(HandshakeState::initialize(HandshakePattern::nn(), Role::Initiator, {}));
        QCOMPARE(codeOf(KeyPair::fromPrivateKey(QByteArray(31, 'k'))), Code::InvalidArgument);
        QVERIFY(HandshakePattern::find("XX") == &HandshakePattern::xx());
        QVERIFY(HandshakePattern::find("XXpsk3") == nullptr);
    }

    void cipherStateWithoutKeyPassesThrough()
    {
        CipherState cipher;
        QVERIFY(!cipher.hasKey());
        QCOMPARE(*cipher.encryptWithAd("ad", "plain"), QByteArray("plain"));
        QCOMPARE(*cipher.decryptWithAd("ad", "plain"), QByteArray("plain"));
        QCOMPARE(cipher.nonce(), quint64(0));
        QCOMPARE(codeOf(cipher.initializeKey(QByteArray(31, 'k'))), Code::InvalidArgument);
    }

    void cipherStateMatchesChaChaPolyDefinition()
    {
        // §12.3 by hand: nonce = 4 zero bytes || little-endian n, with the AD authenticated.
        auto cipher = keyedCipher('K');
        QVERIFY(cipher);
        cipher->setNonce(0x0102030405060708ull);
        auto sealed = cipher->encryptWithAd("associated", "plaintext");
        QVERIFY(sealed);
        QCOMPARE(cipher->nonce(), quint64(0x0102030405060709ull));
        const std::array<unsigned char, 12> nonce{0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1};
        const QByteArray key(kKeyLen, 'K');
        QByteArray expected(9 + kTagLen, '\0');
        unsigned long long written = 0;
        QCOMPARE(crypto_aead_chacha20poly1305_ietf_encrypt(
                     reinterpret_cast<unsigned char*>(expected.data()), &written,
                     reinterpret_cast<const unsigned char*>("plaintext"), 9,
                     reinterpret_cast<const unsigned char*>("associated"), 10, nullptr, nonce.data(),
                     reinterpret_cast<const unsigned char*>(key.constData())),
                 0);
        QCOMPARE(sealed->toHex(), expected.toHex());
    }

    void nonceExhaustionGuarded()
    {
        auto sender = keyedCipher('n');
        auto receiver = keyedCipher('n');
        QVERIFY(sender && receiver);
        sender->setNonce(kReservedNonce - 1);
        receiver->setNonce(kReservedNonce - 1);
        auto last = sender->encryptWithAd({}, "last message");
        QVERIFY(last);
        QCOMPARE(sender->nonce(), kReservedNonce);
        QCOMPARE(codeOf(sender->encryptWithAd({}, "one too many")), Code::NonceExhausted);
        QCOMPARE(sender->nonce(), kReservedNonce);
        QCOMPARE(*receiver->decryptWithAd({}, *last), QByteArray("last message"));
        QCOMPARE(codeOf(receiver->decryptWithAd({}, *last)), Code::NonceExhausted);
    }

    void transportMessageSizeLimit()
    {
        auto session = handshakeXx();
        QVERIFY(session);
        auto largest = session->initiator.send.encryptWithAd({}, QByteArray(kMaxPlaintextSize, 'L'));
        QVERIFY(largest);
        QCOMPARE(largest->size(), kMaxMessageSize);
        QCOMPARE(session->responder.receive.decryptWithAd({}, *largest)->size(), kMaxPlaintextSize);
        QCOMPARE(codeOf(session->initiator.send.encryptWithAd({}, QByteArray(kMaxPlaintextSize + 1, 'L'))),
                 Code::TooLarge);
        QCOMPARE(codeOf(session->responder.receive.decryptWithAd({}, QByteArray(kMaxMessageSize + 1, 'L'))),
                 Code::TooLarge);
        QCOMPARE(codeOf(session->responder.receive.decryptWithAd({}, QByteArray(kTagLen - 1, 'L'))),
                 Code::Malformed);
    }

    void replayFails()
    {
        auto session = handshakeXx();
        QVERIFY(session);
        auto first = session->initiator.send.encryptWithAd({}, "first");
        auto second = session->initiator.send.encryptWithAd({}, "second");
        QVERIFY(first && second);
        QCOMPARE(*session->responder.receive.decryptWithAd({}, *first), QByteArray("first"));
        // The receiver's nonce moved on, so the same ciphertext no longer authenticates.
        QCOMPARE(codeOf(session->responder.receive.decryptWithAd({}, *first)), Code::Authentication);
        QCOMPARE(*session->responder.receive.decryptWithAd({}, *second), QByteArray("second"));
        QCOMPARE(codeOf(session->responder.receive.decryptWithAd({}, *second)), Code::Authentication);
    }

    void outOfOrderAndDroppedFail()
    {
        auto session = handshakeXx();
        QVERIFY(session);
        QList<QByteArray> sealed;
        for (int i = 0; i < 3; ++i)
            sealed.append(*session->responder.send.encryptWithAd({}, QByteArray::number(i)));
        QCOMPARE(codeOf(session->initiator.receive.decryptWithAd({}, sealed.at(1))), Code::Authentication);
        QCOMPARE(codeOf(session->initiator.receive.decryptWithAd({}, sealed.at(2))), Code::Authentication);
        QCOMPARE(session->initiator.receive.nonce(), quint64(0)); // a failure does not advance n (§5.1)
        QCOMPARE(*session->initiator.receive.decryptWithAd({}, sealed.at(0)), QByteArray("0"));
        // Message 1 dropped: message 2 arrives where 1 was expected.
        QCOMPARE(codeOf(session->initiator.receive.decryptWithAd({}, sealed.at(2))), Code::Authentication);
    }

    void bitFlipAndWrongAdFail()
    {
        auto session = handshakeXx();
        QVERIFY(session);
        auto sealed = session->initiator.send.encryptWithAd("ad", "payload");
        QVERIFY(sealed);
        for (qsizetype i = 0; i < sealed->size(); ++i) {
            QByteArray flipped = *sealed;
            flipped[i] = char(flipped.at(i) ^ 0x80);
            QCOMPARE(codeOf(session->responder.receive.decryptWithAd("ad", flipped)), Code::Authentication);
        }
        QCOMPARE(codeOf(session->responder.receive.decryptWithAd("AD", *sealed)), Code::Authentication);
        QCOMPARE(*session->responder.receive.decryptWithAd("ad", *sealed), QByteArray("payload"));
    }

    void rekeyChangesKeyAndStaysInSync()
    {
        auto session = handshakeXx();
        QVERIFY(session);
        CipherState& sender = session->initiator.send;
        CipherState& receiver = session->responder.receive;
        QVERIFY(receiver.decryptWithAd({}, *sender.encryptWithAd({}, "before")));

        QVERIFY(sender.rekey());
        QVERIFY(receiver.rekey());
        QCOMPARE(sender.nonce(), quint64(1)); // Rekey() leaves n alone
        auto after = sender.encryptWithAd({}, "after");
        QVERIFY(after);
        QCOMPARE(*receiver.decryptWithAd({}, *after), QByteArray("after"));

        // Only one side rekeys: the streams no longer agree.
        QVERIFY(sender.rekey());
        QCOMPARE(codeOf(receiver.decryptWithAd({}, *sender.encryptWithAd({}, "lost"))), Code::Authentication);

        // The new key is §4.2's: the first 32 bytes of ENCRYPT(k, 2^64-1, empty, 32 zero bytes).
        const QByteArray oldKey(kKeyLen, 'r');
        QByteArray rekeyed(kKeyLen + kTagLen, '\0');
        const std::array<unsigned char, 12> maxNonce{0,    0,    0,    0,    0xff, 0xff,
                                                     0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
        const std::array<unsigned char, kKeyLen> zeros{};
        unsigned long long written = 0;
        QCOMPARE(crypto_aead_chacha20poly1305_ietf_encrypt(
                     reinterpret_cast<unsigned char*>(rekeyed.data()), &written, zeros.data(), zeros.size(),
                     nullptr, 0, nullptr, maxNonce.data(),
                     reinterpret_cast<const unsigned char*>(oldKey.constData())),
                 0);
        auto viaRekey = keyedCipher('r');
        QVERIFY(viaRekey && viaRekey->rekey());
        CipherState direct;
        QVERIFY(direct.initializeKey(rekeyed.first(kKeyLen)));
        auto unchanged = keyedCipher('r');
        QVERIFY(unchanged);
        const QByteArray viaRekeyText = *viaRekey->encryptWithAd({}, "probe");
        QCOMPARE(viaRekeyText.toHex(), direct.encryptWithAd({}, "probe")->toHex());
        QVERIFY(viaRekeyText != *unchanged->encryptWithAd({}, "probe"));
        QCOMPARE(codeOf(CipherState().rekey()), Code::WrongState);
    }

    void symmetricStateLongProtocolNameIsHashed()
    {
        // §5.2: a name longer than HASHLEN is hashed, a shorter one zero-padded.
        const QByteArray longName = "Noise_XXfallback+psk0_25519_ChaChaPoly_SHA256";
        auto hashed = SymmetricState::initialize(longName);
        QVERIFY(hashed);
        std::array<unsigned char, kHashLen> digest{};
        crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(longName.constData()),
                           static_cast<unsigned long long>(longName.size()));
        QCOMPARE(hashed->handshakeHash(), QByteArray(reinterpret_cast<const char*>(digest.data()), kHashLen));
        auto padded = SymmetricState::initialize("Noise_NN");
        QVERIFY(padded);
        QCOMPARE(padded->handshakeHash(), QByteArray("Noise_NN") + QByteArray(kHashLen - 8, '\0'));
        QVERIFY(!padded->hasKey());
    }
};

QTEST_GUILESS_MAIN(TestNoise)
#include "tst_noise.moc"
