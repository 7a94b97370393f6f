#pragma once

// Helpers shared by the GUI suites: screenshots under the build folder, and nodes on loopback.

#include "node/data_paths.h"
#include "node/node.h"

#include <QDir>
#include <QHostAddress>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>
#include <memory>

namespace lethean::ui::test {

// Where screenshots go: $LETHEAN_SCREENSHOT_DIR, else <build>/tests/ui/screenshots.
inline QString screenshotDir()
{
    const QByteArray fromEnvironment = qgetenv("LETHEAN_SCREENSHOT_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(LETHEAN_SCREENSHOT_DEFAULT_DIR)
                                     : QString::fromLocal8Bit(fromEnvironment);
}

// Saves what the widget shows now as <name>.png and returns the image (for checks on it).
inline QImage saveScreenshot(QWidget& widget, const QString& name)
{
    const QImage image = widget.grab().toImage();
    QDir().mkpath(screenshotDir());
    const QString path = screenshotDir() + u'/' + name + QStringLiteral(".png");
    if (!image.save(path))
        qWarning("cannot save screenshot %s", qPrintable(path));
    return image;
}

// True when the image is more than one flat colour (a blank grab is a broken window).
inline bool hasContent(const QImage& image)
{
    if (image.isNull())
        return false;
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            if (image.pixel(x, y) != first)
                return true;
    return false;
}

// Options for a node that listens on 127.0.0.1, port 0 (any free one), in dir.
inline node::NodeOptions loopbackOptions(const QString& dir, const QString& name)
{
    node::NodeOptions options;
    options.paths = node::DataPaths(dir);
    options.name = name;
    options.transport.listenAddress = QHostAddress::LocalHost;
    options.transport.listenPort = 0;
    return options;
}

} // namespace lethean::ui::test
