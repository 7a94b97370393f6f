#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace lethean::node {

// Go's base64.StdEncoding as encoding/json and Borg's stmf use it for keys, challenges and bundles:
// the standard alphabet with `=` padding required. Qt would also accept unpadded input, so the length
// is checked here. nullopt when the text is not valid.
std::optional<QByteArray> decodeBase64Std(QByteArrayView text);

} // namespace lethean::node
