#pragma once

#include <QObject>

#include <initializer_list>
#include <vector>

class QSocketNotifier;

namespace lethean::app {

// Turns SIGINT/SIGTERM/SIGHUP into a Qt signal on the main thread (the self-pipe trick: the C signal
// handler only writes one byte, which is async-signal-safe; the event loop does the rest), so the node
// shuts down cleanly — flushing the peer registry and saying goodbye to peers — instead of dying.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent = nullptr);
    ~UnixSignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void unixSignal(int signalNumber);

private:
    void readPendingSignals();

    QSocketNotifier* m_notifier = nullptr;
    std::vector<int> m_signalNumbers;
};

} // namespace lethean::app
