#include "ui/qr_code_widget.h"

#include <QPaintEvent>
#include <QPainter>
#include <cmath>
#include <memory>
#include <qrencode.h>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr int kPreferredModulePixels = 3;
}

QrCodeWidget::QrCodeWidget(QWidget* parent) : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAccessibleName(tr("QR code"));
}

void QrCodeWidget::setText(const QString& text)
{
    m_text = text;
    m_modules = 0;
    m_dark.clear();
    const QByteArray bytes = text.toUtf8();
    if (!bytes.isEmpty()) {
        // Version 0: the smallest symbol that holds the data.
        const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
            QRcode_encodeData(int(bytes.size()), reinterpret_cast<const unsigned char*>(bytes.constData()), 0,
                              QR_ECLEVEL_M),
            &QRcode_free);
        if (code) {
            m_modules = code->width;
            m_dark.resize(qsizetype(m_modules) * m_modules);
            for (qsizetype i = 0; i < m_dark.size(); ++i)
                m_dark[i] = (code->data[i] & 1) != 0; // bit 0: dark module (qrencode.h)
        }
    }
    setAccessibleDescription(text);
    updateGeometry();
    update();
}

QSize QrCodeWidget::sizeHint() const
{
    const int side = (std::max(m_modules, 21) + 2 * kQuietZone) * kPreferredModulePixels;
    return {side, side};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int side = std::max(m_modules, 21) + 2 * kQuietZone; // one pixel per module
    return {side, side};
}

void QrCodeWidget::paintEvent(QPaintEvent* /*event*/)
{
    if (m_modules == 0)
        return;
    QPainter painter(this);
    // Work in device pixels so that every module edge lands on a pixel boundary. The painter's own scale
    // is the true ratio: render() into an image of another scale than the screen's uses it too.
    const qreal ratio =
        painter.deviceTransform().m11() > 0 ? painter.deviceTransform().m11() : devicePixelRatioF();
    // (a rotated or mirrored painter never reaches a widget's paintEvent, so m11 is the scale)
    const int deviceWidth = int(std::floor(width() * ratio));
    const int deviceHeight = int(std::floor(height() * ratio));
    const int total = m_modules + 2 * kQuietZone;
    const int modulePixels = std::min(deviceWidth, deviceHeight) / total;
    if (modulePixels < 1)
        return; // too small to be read: better nothing than a code no camera can decode
    const int codePixels = modulePixels * total;
    const int left = (deviceWidth - codePixels) / 2;
    const int top = (deviceHeight - codePixels) / 2;

    painter.scale(1.0 / ratio, 1.0 / ratio);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    painter.fillRect(QRect(left, top, codePixels, codePixels), Qt::white);
    const int origin = kQuietZone * modulePixels;
    for (int y = 0; y < m_modules; ++y) {
        // One rectangle per run of dark modules in a row.
        int x = 0;
        while (x < m_modules) {
            if (!isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < m_modules && isDark(x, y))
                ++x;
            painter.fillRect(QRect(left + origin + start * modulePixels, top + origin + y * modulePixels,
                                   (x - start) * modulePixels, modulePixels),
                             Qt::black);
        }
    }
}

} // namespace lethean::ui
