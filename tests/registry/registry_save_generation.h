#pragma once

// The content the kill -9 test's helper saves, generation after generation. Every generation differs in
// size and in every entry, so a file mixing two generations (or cut short) cannot pass verify().

#include "node/peer.h"

#include <QList>
#include <QString>

namespace lethean::test {

inline int peersInGeneration(int generation)
{
    return 600 + (generation % 5) * 150;
}

inline QString peerIdAt(int index)
{
    return QStringLiteral("peer-%1").arg(index, 5, 10, QLatin1Char('0'));
}

inline QString nameForGeneration(int generation)
{
    return QStringLiteral("g%1").arg(generation);
}

inline double scoreForGeneration(int generation)
{
    return generation % 101;
}

// The generation a loaded file holds, or -1 when it is not exactly one whole generation.
inline int generationOf(const QList<node::Peer>& peers)
{
    if (peers.isEmpty())
        return -1;
    bool ok = false;
    const int generation = peers.front().name.mid(1).toInt(&ok);
    if (!ok || peers.size() != peersInGeneration(generation))
        return -1;
    for (const node::Peer& peer : peers) {
        if (peer.name != nameForGeneration(generation) || peer.score != scoreForGeneration(generation))
            return -1;
    }
    return generation;
}

} // namespace lethean::test
