#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace lethean::node {

// What a node does (WIRE.md §1). Informational on the wire: neither side enforces it.
enum class NodeRole
{
    Controller,
    Worker,
    Dual
};

// "controller", "worker", "dual".
QString nodeRoleToString(NodeRole role);
// Case-sensitive, as Go compares them; nullopt for anything else.
std::optional<NodeRole> nodeRoleFromString(QStringView text);

} // namespace lethean::node
