#include "node/node_role.h"

using namespace Qt::StringLiterals;

namespace lethean::node {

QString nodeRoleToString(NodeRole role)
{
    switch (role) {
    case NodeRole::Controller:
        return u"controller"_s;
    case NodeRole::Worker:
        return u"worker"_s;
    case NodeRole::Dual:
        return u"dual"_s;
    }
    return {}; // not a NodeRole value: the caller cast an int
}

std::optional<NodeRole> nodeRoleFromString(QStringView text)
{
    for (const NodeRole role : {NodeRole::Controller, NodeRole::Worker, NodeRole::Dual}) {
        if (text == nodeRoleToString(role))
            return role;
    }
    return std::nullopt;
}

} // namespace lethean::node
