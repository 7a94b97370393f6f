#include "ui/single_instance.h"

#include "node/log_categories.h"
#include "node/logger.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
// A client that has not sent its request by then is dropped (it could hold the slot forever).
constexpr std::chrono::milliseconds kRequestTimeout{2000};
constexpr qsizetype kMaxRequestBytes = 64;

QByteArray raiseRequest()
{
    return QByteArray(SingleInstance::kRaiseRequest);
}
} // namespace

SingleInstance::SingleInstance(const QString& configHome, QObject* parent)
    : QObject(parent), m_serverName(serverNameFor(configHome))
{}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const QString& configHome)
{
    const QFileInfo info(configHome);
    // canonicalFilePath() is empty for a folder that does not exist yet (a first start).
    const QString path = info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
    QByteArray key = path.toUtf8();
    key += '\0';
    key += qgetenv("USER");
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24);
    return u"lethean-desktop-"_s + QString::fromLatin1(hash);
}

bool SingleInstance::activateRunningInstance(std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    // Blocking, but only at start-up before any window exists, and bounded by `timeout`.
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return false;
    socket.write(raiseRequest());
    if (!socket.waitForBytesWritten(int(deadline.remainingTime())))
        return false;
    QByteArray reply;
    while (!reply.contains('\n') &&
           socket.waitForReadyRead(int(std::max<qint64>(deadline.remainingTime(), 0))))
        reply += socket.readAll();
    const bool answered = reply == SingleInstance::kRaiseReply;
    socket.disconnectFromServer();
    node::Logger(node::lcUi())
        .info(answered ? u"asked the running instance to show its window"_s
                       : u"an instance is listening but did not answer"_s,
              {{u"server"_s, m_serverName}});
    return answered;
}

Result<void, QString> SingleInstance::listen()
{
    if (isListening())
        return {};
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (m_server->listen(m_serverName))
        return {};
    // A socket file left by an instance that crashed: nobody answered on it (activateRunningInstance was
    // asked first), so it is stale.
    QLocalServer::removeServer(m_serverName);
    if (m_server->listen(m_serverName))
        return {};
    const QString error = m_server->errorString();
    delete m_server;
    m_server = nullptr;
    return fail(error);
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        QTimer::singleShot(kRequestTimeout, socket, [socket] { socket->abort(); });
    }
}

void SingleInstance::onReadyRead(QLocalSocket* socket)
{
    if (socket->bytesAvailable() + socket->property("received").toByteArray().size() > kMaxRequestBytes) {
        socket->abort(); // not ours: nobody sends that much to ask for a window
        return;
    }
    QByteArray received = socket->property("received").toByteArray() + socket->readAll();
    socket->setProperty("received", received);
    if (!received.contains('\n'))
        return;
    if (received != raiseRequest()) {
        socket->abort();
        return;
    }
    socket->write(SingleInstance::kRaiseReply);
    socket->flush();
    socket->disconnectFromServer();
    Q_EMIT activationRequested();
}

} // namespace lethean::ui
