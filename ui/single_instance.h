#pragma once

#include "ueps/result.h"

#include <QObject>
#include <QString>
#include <chrono>

class QLocalServer;
class QLocalSocket;

namespace lethean::ui {

// One lethean-desktop per data dir. The first instance listens on a local socket named after the data
// dir; a second launch on the same dir finds it, asks it to show its window and exits (status 0), so the
// user gets the running window instead of an error. The node's own lock file (DataDirLock) still
// guarantees that two nodes never share a data dir, should two launches race past this check.
//
// Protocol: the newcomer sends kRaiseRequest; the running instance answers kRaiseReply and emits
// activationRequested(). Anything else is ignored and the connection dropped.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    static constexpr char kRaiseRequest[] = "lethean-desktop raise\n";
    static constexpr char kRaiseReply[] = "ok\n";
    static constexpr std::chrono::milliseconds kDefaultTimeout{1500};

    // configHome: DataPaths::configHome() of the data dir (where the node's lock file lives).
    explicit SingleInstance(const QString& configHome, QObject* parent = nullptr);
    ~SingleInstance() override;

    // The local socket's name: derived from the absolute, canonical data dir and the user, so that
    // instances on other data dirs (tests, a second profile) never meet.
    static QString serverNameFor(const QString& configHome);
    const QString& serverName() const { return m_serverName; }

    // Asks a running instance to show its window. True when one answered: the caller exits. Blocks for at
    // most `timeout`, before the window exists (main() calls it before anything is shown).
    bool activateRunningInstance(std::chrono::milliseconds timeout = kDefaultTimeout);
    // Becomes the instance that later launches find (removing a stale socket a crashed instance left).
    Result<void, QString> listen();
    bool isListening() const;

Q_SIGNALS:
    void activationRequested();

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket* socket);

    QString m_serverName;
    QLocalServer* m_server = nullptr;
};

} // namespace lethean::ui
