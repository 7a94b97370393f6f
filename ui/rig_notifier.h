#pragma once

#include "ui/app_settings.h"
#include "ui/rig_table_model.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <chrono>
#include <deque>
#include <functional>

namespace lethean::ui {

// Turns what RigTableModel shows into the few events worth a desktop notification: a rig that was
// online stopped answering (and came back), a miner crashed and was restarted, the supervisor gave a
// miner up, a rig's hashrate stayed well below its usual level (and recovered). It only watches the
// model (no widgets, no node calls); the tray or the window shows what notify() says. Each event is
// said once; what was already so when the notifier first saw a rig, or when the model was reset (the
// node started or restarted), is taken as it is. A rig that leaves the model is forgotten, so one that
// comes back is a new rig. Timed rules are checked on every model change and every kCheckInterval, with
// the clock given (Unix ms), so tests drive time.
class RigNotifier : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        RigOffline,
        RigOnline, // only after a RigOffline for the same rig: the all-clear for what was said
        MinerCrashed,
        MinerGaveUp,
        HashrateDropped,
        HashrateRecovered // only after a HashrateDropped for the same rig
    };
    Q_ENUM(Kind)

    using Clock = std::function<qint64()>;

    // A rig must stay offline this long before it is said: a dropped connection that the node re-makes
    // at once, or one stats round that timed out, is not news.
    static constexpr std::chrono::milliseconds kOfflineGrace{60'000};
    // The hashrate reference is the highest rate over this trailing window (longer when the threshold's
    // duration asks for it), while the same miners run.
    static constexpr std::chrono::milliseconds kReferenceWindow{15 * 60'000};
    static constexpr std::chrono::milliseconds kCheckInterval{5'000};
    // The same words about a rig's miner are not said again within this (a worker flipping a miner's
    // state every round).
    static constexpr std::chrono::milliseconds kRepeatQuiet{15 * 60'000};
    // Rates above this (H/s) are taken as garbage, not as a reference: no rig mines at a terahash.
    static constexpr double kMaxPlausibleHashrate = 1e12;

    // clock: Unix ms; empty means QDateTime::currentMSecsSinceEpoch.
    explicit RigNotifier(RigTableModel& model, Clock clock = {},
                         int dropPercent = AppSettings::kDefaultDropPercent,
                         int dropSeconds = AppSettings::kDefaultDropSeconds, QObject* parent = nullptr);

    int dropPercent() const { return m_dropPercent; }
    int dropSeconds() const { return m_dropSeconds; }
    // How often the timed rules are checked without a model change; zero or less stops the timer
    // (tests call checkNow() instead).
    void setCheckInterval(std::chrono::milliseconds interval);

public Q_SLOTS:
    // AppSettings::notificationThresholdsChanged: a drop of more than `percent` % (1–100) lasting at
    // least `seconds` (0–86400) is said. Applies from the next check.
    void setThresholds(int percent, int seconds);
    // Looks at every rig now (the timer's slot).
    void checkNow();

Q_SIGNALS:
    // title and text are translated plain text; rigId says which rig (for "show it" on a click). Emitted
    // after the notifier's bookkeeping, so a slot may change the model.
    void notify(lethean::ui::RigNotifier::Kind kind, const QString& rigId, const QString& title,
                const QString& text);

private:
    struct MinerMemory
    {
        QString state;
        qint64 restarts = 0;
        qint64 uptime = 0;
    };

    struct RigMemory
    {
        bool online = false;
        qint64 offlineSince = -1; // went offline after being online, not yet said (or said)
        bool offlineNotified = false;
        bool minersKnown = false; // the rig's first stats were taken as they were
        QHash<QString, MinerMemory> miners;
        QHash<QString, qint64> minerSaid; // miner notification text → when it was said
        // Hashrate: the running miners (names and restart counts) the samples belong to, and the
        // window's maximum as a deque of falling rates (each newer and lower than the one before).
        QString session;
        QHash<QString, MinerMemory> running; // each running miner as last seen running
        std::deque<std::pair<qint64, double>> peaks;
        qint64 belowSince = -1;
        double belowReference = 0;
        bool dropNotified = false;
        qint64 droppedAt = -1;
    };

    qint64 now() const;
    void onRowsChanged(int first, int last);
    void onRigStatsChanged(const QString& rigId);
    // Takes every rig as it is, without a word (construction, a model reset).
    void rebaseline();
    void forgetRemoved();
    void observe(const RigSnapshot& rig, qint64 at, bool quiet);
    void observeOnline(const RigSnapshot& rig, RigMemory& memory, qint64 at, bool quiet);
    void observeMiners(const RigSnapshot& rig, RigMemory& memory, qint64 at, bool quiet);
    void observeHashrate(const RigSnapshot& rig, RigMemory& memory, qint64 at);
    void evaluateDrop(const RigSnapshot& rig, RigMemory& memory, double rate, qint64 at);
    qint64 referenceWindowMs() const;
    // Queues a notification; flush() emits the queue once an observation round is over.
    void say(Kind kind, const QString& rigId, const QString& title, const QString& text);
    void flush();
    void sayOnce(RigMemory& memory, qint64 at, Kind kind, const QString& rigId, const QString& title,
                 const QString& text);

    // The rig as the notification names it: its name (or the start of its ID), cleaned of control
    // characters and cut to a sensible length, in quotes; "(simulated)" for demo rigs.
    static QString rigLabel(const RigSnapshot& rig);
    static QString cleanName(const QString& name);

    QPointer<RigTableModel> m_model; // a model gone first leaves the notifier idle
    Clock m_clock;
    int m_dropPercent = AppSettings::kDefaultDropPercent;
    int m_dropSeconds = AppSettings::kDefaultDropSeconds;
    struct Pending
    {
        Kind kind;
        QString rigId;
        QString title;
        QString text;
    };

    QHash<QString, RigMemory> m_rigs;
    QList<Pending> m_pending;
    QTimer m_timer;
};

} // namespace lethean::ui
