#include "node/miner.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace lethean::node {

QString Miner::stateName(State state)
{
    switch (state) {
    case State::Starting:
        return u"starting"_s;
    case State::Running:
        return u"running"_s;
    case State::Restarting:
        return u"restarting"_s;
    case State::Stopped:
        return u"stopped"_s;
    case State::Failed:
        return u"failed"_s;
    }
    return {};
}

Miner::Miner(QString name, MiningProfile profile, QObject* parent)
    : QObject(parent), m_name(std::move(name)), m_profile(std::move(profile))
{}

MinerLogSlice Miner::logs(int lines, qint64 sinceMs) const
{
    const MinerLogBuffer::Slice slice = m_log.slice(lines, sinceMs);
    return MinerLogSlice{m_name, slice.lines, slice.hasMore};
}

void Miner::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
    Q_EMIT statsChanged();
}

void Miner::logEvent(const QString& text)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    m_log.append(u"[%1]  supervisor %2"_s.arg(stamp, text));
}

} // namespace lethean::node
