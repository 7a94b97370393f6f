// QrCodeWidget: the module grid is libqrencode's, and the painting is crisp at any screen scale: only
// pure black and pure white pixels (no anti-aliased grey a camera misreads), every module a square of
// whole device pixels matching the grid, the quiet zone white. Hostile input tried: empty text, text too
// long for any QR version, non-ASCII text, a widget too small to draw a readable code, fractional scales.

#include "ui/qr_code_widget.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <qrencode.h>

using namespace Qt::StringLiterals;
using lethean::ui::QrCodeWidget;

namespace {

// The widget drawn into an image at the given device pixel ratio, as a screen of that scale would.
QImage render(QrCodeWidget& widget, qreal ratio)
{
    QImage image((widget.size() * ratio), QImage::Format_RGB32);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::red);                                               // anything not painted over stays red
    widget.render(&image, QPoint(), QRegion(), QWidget::DrawChildren); // no window background
    return image;
}

} // namespace

class TestQrCodeWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesLibqrencode()
    {
        const QString text = u"lethean:1.AAAA.BBBB.CCCC.DDDD"_s;
        QrCodeWidget widget;
        widget.setText(text);
        const QByteArray bytes = text.toUtf8();
        QRcode* code = QRcode_encodeData(
            int(bytes.size()), reinterpret_cast<const unsigned char*>(bytes.constData()), 0, QR_ECLEVEL_M);
        QVERIFY(code);
        QCOMPARE(widget.moduleCount(), code->width);
        for (int y = 0; y < code->width; ++y)
            for (int x = 0; x < code->width; ++x)
                QCOMPARE(widget.isDark(x, y), (code->data[y * code->width + x] & 1) != 0);
        QRcode_free(code);
    }

    void paintsWholePixelModules_data()
    {
        QTest::addColumn<qreal>("ratio");
        QTest::addColumn<int>("side");
        QTest::newRow("1x") << 1.0 << 150;
        QTest::newRow("1.25x") << 1.25 << 150;
        QTest::newRow("1.5x") << 1.5 << 151;
        QTest::newRow("2x") << 2.0 << 148;
        QTest::newRow("3x, odd size") << 3.0 << 97;
    }

    void paintsWholePixelModules()
    {
        QFETCH(qreal, ratio);
        QFETCH(int, side);
        QrCodeWidget widget;
        widget.setText(u"lethean:1.ÄÖÜ-non-ASCII-name.🙂"_s);
        widget.resize(side, side);
        QVERIFY(widget.moduleCount() > 0);
        const QImage image = render(widget, ratio);

        const int total = widget.moduleCount() + 2 * QrCodeWidget::kQuietZone;
        const int devicePixels = int(side * ratio);
        const int module = devicePixels / total;
        QVERIFY(module >= 1);
        const int left = (devicePixels - module * total) / 2;
        const int origin = left + QrCodeWidget::kQuietZone * module;
        // Every pixel of the code square is pure black or white, and each module is uniformly its colour.
        for (int y = 0; y < module * total; ++y) {
            for (int x = 0; x < module * total; ++x) {
                const QRgb pixel = image.pixel(left + x, left + y);
                QVERIFY2(pixel == qRgb(0, 0, 0) || pixel == qRgb(255, 255, 255),
                         qPrintable(u"grey pixel at %1,%2"_s.arg(left + x).arg(left + y)));
                const int mx = x / module - QrCodeWidget::kQuietZone;
                const int my = y / module - QrCodeWidget::kQuietZone;
                const bool inCode =
                    mx >= 0 && my >= 0 && mx < widget.moduleCount() && my < widget.moduleCount();
                const bool dark = inCode && widget.isDark(mx, my);
                QCOMPARE(pixel == qRgb(0, 0, 0), dark);
            }
        }
        Q_UNUSED(origin);
    }

    void drawsNothingForNoCodeOrNoRoom()
    {
        QrCodeWidget widget;
        widget.resize(100, 100);
        widget.setText(QString());
        QCOMPARE(widget.moduleCount(), 0);
        QImage image = render(widget, 1.0);
        QCOMPARE(image.pixel(50, 50), qRgb(255, 0, 0));

        widget.setText(QString(8000, u'x')); // more than a version 40 code holds
        QCOMPARE(widget.moduleCount(), 0);

        widget.setText(u"fits"_s);
        QVERIFY(widget.moduleCount() > 0);
        widget.resize(10, 10); // fewer pixels than modules: an unreadable smudge is not drawn
        image = render(widget, 1.0);
        QCOMPARE(image.pixel(5, 5), qRgb(255, 0, 0));
    }

    void keepsSquareProportions()
    {
        QrCodeWidget widget;
        widget.setText(u"x"_s);
        QVERIFY(widget.hasHeightForWidth());
        QCOMPARE(widget.heightForWidth(123), 123);
        QCOMPARE(widget.sizeHint().width(), widget.sizeHint().height());
    }
};

QTEST_MAIN(TestQrCodeWidget)
#include "tst_qr_code_widget.moc"
