#include "ui/rig_notifier.h"

#include "node/log_categories.h"
#include "node/logger.h"
#include "ui/display_format.h"
#include "ui/rig_table_model.h"

#include <QDateTime>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr int kMaxNameLength = 48;
constexpr int kMaxReasonLength = 200;

const QString kRunning = u"running"_s;
const QString kFailed = u"failed"_s;

// A Go worker leaves the state out; its miners run while they are listed.
QString stateOf(const node::MinerStatsItem& miner)
{
    return miner.state.isEmpty() ? kRunning : miner.state;
}

// Each miner once, by name: a name listed twice (a broken or hostile worker) would compare the two
// entries with each other every round. The first entry counts.
QList<const node::MinerStatsItem*> distinctMiners(const RigSnapshot& rig)
{
    QList<const node::MinerStatsItem*> miners;
    QSet<QString> seen;
    for (const node::MinerStatsItem& miner : rig.stats.miners) {
        if (seen.contains(miner.name))
            continue;
        seen.insert(miner.name);
        miners.append(&miner);
    }
    return miners;
}

bool isAnswering(const RigSnapshot& rig)
{
    return rig.isOnline() && rig.hasStats;
}

// Why a restart counter went up, from the health text XmrigMiner leaves (node/xmrig_miner.cpp; node
// texts are not translated, so the English forms are the ones to match). The watchdog says
// "restarted: <why>" when XMRig hung or mined below its floor; a crash says
// "crashed (<why>); restarting in <n> s".
struct RestartCause
{
    bool crash = true;
    QString reason;
};

RestartCause restartCause(const QString& health)
{
    static const QRegularExpression watchdog(u"^restarted: (.*)$"_s,
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression crashed(u"^crashed \\((.*)\\); restarting in \\S+ s$"_s,
                                            QRegularExpression::DotMatchesEverythingOption);
    if (const QRegularExpressionMatch match = watchdog.match(health); match.hasMatch())
        return {false, match.captured(1)};
    if (const QRegularExpressionMatch match = crashed.match(health); match.hasMatch())
        return {true, match.captured(1)};
    // A restart without a health text we know (another worker's, or none): counted as a crash, since
    // nothing says the supervisor chose it.
    return {true, health};
}

// The rate the rig mines at now: its active miners' 60 s figures, a miner's 10 s figure where its 60 s
// window has not filled yet (0 after a start). Empty when a figure is garbage (negative, NaN, infinite,
// implausibly big): such a sample says nothing, and taking it as 0 or as a reference would invent a drop.
std::optional<double> miningRate(const RigSnapshot& rig)
{
    double sum = 0;
    for (const node::MinerStatsItem* miner : distinctMiners(rig)) {
        if (!miner->isActive()) // a miner the user stopped, or one the supervisor gave up, is not mining
            continue;
        const double rate = miner->hashrate60s > 0 ? miner->hashrate60s : miner->hashrate;
        if (!std::isfinite(rate) || rate < 0 || rate > RigNotifier::kMaxPlausibleHashrate)
            return std::nullopt;
        sum += rate;
    }
    if (sum > RigNotifier::kMaxPlausibleHashrate)
        return std::nullopt;
    return sum;
}

// At most `length` characters, the last an ellipsis when cut; never half a surrogate pair.
QString truncated(const QString& text, qsizetype length)
{
    if (text.size() <= length)
        return text;
    qsizetype cut = length - 1;
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + u'…';
}

// The error texts may or may not end a sentence; the notification adds its own full stop.
QString withoutFullStop(QString text)
{
    while (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

QString durationText(qint64 ms)
{
    return DisplayFormat::duration(std::max<qint64>(ms, 0) / 1000);
}
} // namespace

RigNotifier::RigNotifier(RigTableModel& model, Clock clock, int dropPercent, int dropSeconds, QObject* parent)
    : QObject(parent), m_model(&model),
      m_clock(clock ? std::move(clock) : Clock(&QDateTime::currentMSecsSinceEpoch))
{
    setThresholds(dropPercent, dropSeconds);
    connect(&model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                if (topLeft.isValid() && bottomRight.isValid())
                    onRowsChanged(topLeft.row(), bottomRight.row());
                else
                    checkNow();
            });
    connect(&model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex& parent, int first, int last) {
                if (!parent.isValid())
                    onRowsChanged(first, last);
            });
    connect(&model, &QAbstractItemModel::rowsRemoved, this, &RigNotifier::forgetRemoved);
    connect(&model, &QAbstractItemModel::modelReset, this, &RigNotifier::rebaseline);
    // Restart counters and health texts show only in tooltips, so a crash between two rounds may change no
    // cell: the model's stats signal catches it.
    connect(&model, &RigTableModel::rigStatsChanged, this, &RigNotifier::onRigStatsChanged);
    connect(&m_timer, &QTimer::timeout, this, &RigNotifier::checkNow);
    m_timer.start(kCheckInterval);
    // What the model shows already was so before we looked: nothing to say about it.
    rebaseline();
}

void RigNotifier::setCheckInterval(std::chrono::milliseconds interval)
{
    if (interval.count() <= 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(interval);
}

void RigNotifier::setThresholds(int percent, int seconds)
{
    m_dropPercent = std::clamp(percent, 1, 100);
    m_dropSeconds = std::clamp(seconds, 0, 86400);
}

qint64 RigNotifier::now() const
{
    return m_clock();
}

void RigNotifier::checkNow()
{
    if (!m_model)
        return;
    const qint64 at = now();
    for (const RigSnapshot& rig : m_model->rigs())
        observe(rig, at, false);
    flush();
}

void RigNotifier::onRowsChanged(int first, int last)
{
    if (!m_model)
        return;
    const qint64 at = now();
    first = std::max(first, 0);
    last = std::min(last, m_model->rowCount() - 1);
    for (int row = first; row <= last; ++row)
        observe(m_model->rigAt(row), at, false);
    flush();
}

void RigNotifier::onRigStatsChanged(const QString& rigId)
{
    if (!m_model)
        return;
    // Also sent for a rig just removed; rowsRemoved has forgotten it.
    const int row = m_model->rowOf(rigId);
    if (row >= 0)
        observe(m_model->rigAt(row), now(), false);
    flush();
}

void RigNotifier::rebaseline()
{
    // A reset is the node starting (or restarting): every peer shows disconnected until it reconnects,
    // which is not news. What each rig shows is taken as it is, and only what changes later is said.
    forgetRemoved();
    if (!m_model)
        return;
    const qint64 at = now();
    for (const RigSnapshot& rig : m_model->rigs())
        observe(rig, at, true);
    flush();
}

void RigNotifier::forgetRemoved()
{
    if (!m_model)
        return;
    m_rigs.removeIf(
        [this](const QHash<QString, RigMemory>::iterator it) { return m_model->rowOf(it.key()) < 0; });
}

void RigNotifier::observe(const RigSnapshot& rig, qint64 at, bool quiet)
{
    RigMemory& memory = m_rigs[rig.id];
    observeOnline(rig, memory, at, quiet);
    observeHashrate(rig, memory, at);
    observeMiners(rig, memory, at, quiet);
}

void RigNotifier::observeOnline(const RigSnapshot& rig, RigMemory& memory, qint64 at, bool quiet)
{
    // Online means it answered a stats request: a rig that connects but never answers has not been
    // "online" to the user, and its failing is not a change.
    if (isAnswering(rig)) {
        if (memory.offlineNotified && !quiet) {
            //: %1 is the rig's name in quotes, %2 how long it was away ("3 min 10 s")
            const QString text = tr("%1 answers again after %2.");
            say(Kind::RigOnline, rig.id, tr("Rig back online"),
                text.arg(rigLabel(rig), durationText(at - memory.offlineSince)));
        }
        memory.online = true;
        memory.offlineSince = -1;
        memory.offlineNotified = false;
        return;
    }
    // Only a rig seen online in this run can go offline: one that never answered (a rig switched off
    // for the season, or one just paired) would otherwise alarm at every start.
    if (memory.online && !quiet)
        memory.offlineSince = at;
    memory.online = false;
    if (quiet) {
        memory.offlineSince = memory.offlineNotified ? memory.offlineSince : -1;
        return;
    }
    if (memory.offlineSince < 0 || memory.offlineNotified || at - memory.offlineSince < kOfflineGrace.count())
        return;
    memory.offlineNotified = true;
    if (!rig.connected) {
        //: %1 is the rig's name in quotes
        const QString text = tr("%1 stopped answering.");
        say(Kind::RigOffline, rig.id, tr("Rig offline"), text.arg(rigLabel(rig)));
    } else {
        //: %1 is the rig's name in quotes, %2 the error (e.g. "request timeout")
        const QString text = tr("%1 is connected but stopped answering: %2.");
        say(Kind::RigOffline, rig.id, tr("Rig offline"),
            text.arg(rigLabel(rig), withoutFullStop(truncated(cleanName(rig.statsError), kMaxReasonLength))));
    }
}

void RigNotifier::observeMiners(const RigSnapshot& rig, RigMemory& memory, qint64 at, bool quiet)
{
    if (!rig.hasStats)
        return;
    // The first stats of a rig show what was so before we looked (a miner that failed yesterday is not
    // news), like a reset.
    const bool announce = !quiet && memory.minersKnown;
    QHash<QString, MinerMemory> seen;
    for (const node::MinerStatsItem* item : distinctMiners(rig)) {
        const node::MinerStatsItem& miner = *item;
        // A negative counter (garbage) would make any later value look like a restart.
        const qint64 restarts = std::max<qint64>(miner.restarts, 0);
        seen.insert(miner.name, MinerMemory{stateOf(miner), restarts, miner.uptime});
        if (!announce)
            continue;
        // A miner new since the last round starts from nothing: it may have failed or crashed in between.
        const MinerMemory before = memory.miners.value(miner.name);
        const QString minerName = cleanName(miner.name).isEmpty()
                                      ? tr("(unnamed)")
                                      : truncated(cleanName(miner.name), kMaxNameLength);
        if (stateOf(miner) == kFailed) {
            // The supervisor gave up (too many crashes, or a start that cannot work): said once when it
            // happens, which also covers the last crash before it.
            if (before.state != kFailed) {
                const QString why = miner.health.isEmpty()
                                        ? tr("no reason given")
                                        : truncated(cleanName(miner.health), kMaxReasonLength);
                //: %1 the miner's name, %2 the rig's name in quotes, %3 the supervisor's reason
                const QString text = tr("Miner %1 on %2 stopped for good: %3");
                sayOnce(memory, at, Kind::MinerGaveUp, rig.id, tr("Miner failed"),
                        text.arg(minerName, rigLabel(rig), why));
            }
            continue;
        }
        // A failed miner is replaced by a new one on the next start, whose counter starts at 0 again.
        if (restarts <= (before.state == kFailed ? 0 : before.restarts))
            continue;
        // The watchdog's restarts (XMRig hung, or mined below its floor) are the supervisor doing its
        // job and stay quiet; if they do not help, the hashrate rule speaks. A crash is news even when
        // the restart worked: a miner that crashes now and then wants a look.
        const RestartCause cause = restartCause(miner.health);
        if (!cause.crash)
            continue;
        if (cause.reason.isEmpty()) {
            //: %1 the miner's name, %2 the rig's name in quotes
            const QString text = tr("Miner %1 on %2 crashed and was restarted.");
            sayOnce(memory, at, Kind::MinerCrashed, rig.id, tr("Miner crashed"),
                    text.arg(minerName, rigLabel(rig)));
        } else {
            //: %1 the miner's name, %2 the rig's name in quotes, %3 why (e.g. "exit code 1")
            const QString text = tr("Miner %1 on %2 crashed (%3) and was restarted.");
            sayOnce(memory, at, Kind::MinerCrashed, rig.id, tr("Miner crashed"),
                    text.arg(minerName, rigLabel(rig), truncated(cleanName(cause.reason), kMaxReasonLength)));
        }
    }
    memory.miners = std::move(seen);
    memory.minersKnown = true;
}

void RigNotifier::observeHashrate(const RigSnapshot& rig, RigMemory& memory, qint64 at)
{
    auto forgetRate = [&memory] {
        memory.peaks.clear();
        memory.belowSince = -1;
        memory.belowReference = 0;
        memory.dropNotified = false;
        memory.droppedAt = -1;
    };
    // An offline rig's numbers are old: nothing to judge, and its going away is said as offline, not as
    // a drop. The state is kept: a rig that merely lost touch mines on with the same reference, one that
    // rebooted shows a new run below.
    if (!isAnswering(rig))
        return;
    QStringList active;
    bool settling = false;
    bool newRun = false;
    QHash<QString, MinerMemory> running;
    for (const node::MinerStatsItem* item : distinctMiners(rig)) {
        const node::MinerStatsItem& miner = *item;
        if (!miner.isActive())
            continue;
        const QString state = stateOf(miner);
        active.append(miner.name);
        if (state != kRunning) {
            settling = true;
            if (const auto last = memory.running.constFind(miner.name); last != memory.running.cend())
                running.insert(miner.name, *last);
            continue;
        }
        running.insert(miner.name, MinerMemory{state, miner.restarts, miner.uptime});
        // The same name running afresh without the supervisor counting a restart is the user's restart
        // (a new profile, fewer threads): its rate is a new normal. An automatic restart (the counter
        // went up) keeps the reference, so a watchdog that restarts a miner over and over still shows
        // as a drop. Compared run to run, skipping the starting and restarting rounds in between.
        const auto last = memory.running.constFind(miner.name);
        if (last != memory.running.cend() &&
            (miner.restarts < last->restarts ||
             (miner.restarts == last->restarts && miner.uptime < last->uptime)))
            newRun = true;
    }
    memory.running = std::move(running);
    // No miner meant to run: the user stopped them (or none was started). Not a drop; the reference
    // starts afresh with the next start.
    if (active.isEmpty()) {
        forgetRate();
        memory.session.clear();
        return;
    }
    active.sort();
    const QString session = active.join(u'\n');
    // Another set of miners (one started or stopped on purpose, one given up and said so) mines at
    // another rate.
    if (session != memory.session || newRun) {
        forgetRate();
        memory.session = session;
    }
    // A miner between runs (starting, or restarting after a crash) has no rate worth judging; the time
    // still counts if the rig was already below, so a miner stuck restarting is a drop too.
    if (settling)
        return;
    const std::optional<double> rate = miningRate(rig);
    if (!rate)
        return;
    evaluateDrop(rig, memory, *rate, at);
}

qint64 RigNotifier::referenceWindowMs() const
{
    // The reference must still hold the rate from before the drop when the drop has lasted long enough.
    return std::max<qint64>(kReferenceWindow.count(), 2LL * m_dropSeconds * 1000);
}

void RigNotifier::evaluateDrop(const RigSnapshot& rig, RigMemory& memory, double rate, qint64 at)
{
    // The reference is the highest rate in the trailing window: the level the rig reached lately with
    // these miners. The deque keeps only samples that can still become the maximum.
    const qint64 window = referenceWindowMs();
    while (!memory.peaks.empty() && memory.peaks.back().second <= rate)
        memory.peaks.pop_back();
    memory.peaks.emplace_back(at, rate);
    while (memory.peaks.front().first < at - window)
        memory.peaks.pop_front();
    const double reference = memory.peaks.front().second;
    const double keep = 1.0 - m_dropPercent / 100.0;

    if (memory.dropNotified) {
        // Recovered once it regains half the allowed margin, so a rate hovering at the threshold does
        // not alternate between dropped and recovered.
        if (rate >= memory.belowReference * (1.0 - m_dropPercent / 200.0)) {
            memory.dropNotified = false;
            memory.belowSince = -1;
            //: %1 the rig's name in quotes, %2 its hashrate now
            const QString text = tr("%1 is back to %2.");
            say(Kind::HashrateRecovered, rig.id, tr("Hashrate recovered"),
                text.arg(rigLabel(rig), DisplayFormat::hashrate(rate)));
            return;
        }
        // Still low after a whole window: that is the rig's level now (a GPU gone for good). A further
        // drop from it is news again; the recovery from the old level is no longer expected.
        if (at - memory.droppedAt >= window) {
            memory.dropNotified = false;
            memory.belowSince = -1;
            memory.peaks.clear();
            memory.peaks.emplace_back(at, rate);
        }
        return;
    }
    if (memory.belowSince < 0) {
        if (!(rate < reference * keep))
            return;
        // The reference is held from here: the window moving on must not lower the bar while it is low.
        memory.belowSince = at;
        memory.belowReference = reference;
    }
    if (!(rate < memory.belowReference * keep)) {
        memory.belowSince = -1;
        return;
    }
    if (at - memory.belowSince < qint64(m_dropSeconds) * 1000)
        return;
    memory.dropNotified = true;
    memory.droppedAt = at;
    const int percent = int(std::lround((1.0 - rate / memory.belowReference) * 100.0));
    //: %1 the rig's name in quotes, %2 its hashrate now, %3 for how long ("5 min 10 s"), %4 the drop in
    //: per cent, %5 its usual hashrate
    const QString text = tr("%1 has mined at %2 for %3, %4% below its usual %5.");
    say(Kind::HashrateDropped, rig.id, tr("Hashrate dropped"),
        text.arg(rigLabel(rig), DisplayFormat::hashrate(rate), durationText(at - memory.belowSince),
                 QString::number(percent), DisplayFormat::hashrate(memory.belowReference)));
}

void RigNotifier::sayOnce(RigMemory& memory, qint64 at, Kind kind, const QString& rigId, const QString& title,
                          const QString& text)
{
    // Miner events come from the worker's own report: one that flips a miner between states every round
    // (broken, or hostile) must not flood the desktop. The same words about the same rig wait a while.
    memory.minerSaid.removeIf([at](const QHash<QString, qint64>::iterator it) {
        return at - it.value() >= kRepeatQuiet.count() || it.value() > at;
    });
    if (memory.minerSaid.contains(text))
        return;
    memory.minerSaid.insert(text, at);
    say(kind, rigId, title, text);
}

void RigNotifier::say(Kind kind, const QString& rigId, const QString& title, const QString& text)
{
    node::Logger(node::lcUi())
        .info(u"rig notification"_s,
              {{u"kind"_s, QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind)))},
               {u"rig"_s, rigId},
               {u"text"_s, text}});
    m_pending.append(Pending{kind, rigId, title, text});
}

void RigNotifier::flush()
{
    // Emitted only once the bookkeeping is done: a slot may change the model (and so this notifier's
    // memory) without pulling it from under a loop.
    while (!m_pending.isEmpty()) {
        const Pending next = m_pending.takeFirst();
        Q_EMIT notify(next.kind, next.rigId, next.title, next.text);
    }
}

QString RigNotifier::cleanName(const QString& name)
{
    // Names come from other nodes: line breaks, control and bidi-override characters would garble or
    // disguise the notification.
    QString clean;
    clean.reserve(name.size());
    for (const QChar c : name) {
        const QChar::Category category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            clean += u' ';
        else
            clean += c;
    }
    return clean.simplified();
}

QString RigNotifier::rigLabel(const RigSnapshot& rig)
{
    QString name = cleanName(rig.name);
    if (name.isEmpty())
        name = cleanName(rig.stats.nodeName);
    if (name.isEmpty())
        name = rig.id.left(8);
    if (name.isEmpty())
        name = tr("unnamed rig");
    if (name.size() > kMaxNameLength)
        name = truncated(name, kMaxNameLength);
    if (rig.isSimulated())
        //: A demo rig's name in a notification (its miners are simulated)
        return tr("“%1” (simulated)").arg(name);
    //: A rig's name in a notification
    return tr("“%1”").arg(name);
}

} // namespace lethean::ui
