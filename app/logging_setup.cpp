#include "app/logging_setup.h"

#include "node/data_paths.h"
#include "node/log_categories.h"
#include "node/log_level.h"
#include "node/log_sink.h"

#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace lethean::app {

bool setUpLogging(const QString& levelName, const node::DataPaths& paths)
{
    const auto level = node::parseLogLevel(levelName);
    if (!level) {
        QTextStream(stderr) << level.error() << u"\nUse one of: debug, info, warn, error."_s << Qt::endl;
        return false;
    }
    node::LogSink& sink = node::LogSink::instance();
    sink.install();
    node::applyLogLevel(*level);
    // Without a log file the node still runs and logs to stderr; say why the file is missing.
    if (const auto file = sink.enableFile(paths.logDir()); !file)
        qCWarning(node::lcNode).noquote() << u"log file disabled:"_s << file.error();
    return true;
}

} // namespace lethean::app
