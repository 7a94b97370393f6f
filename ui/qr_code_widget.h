#pragma once

#include <QList>
#include <QString>
#include <QWidget>

namespace lethean::ui {

// A string drawn as a QR code (libqrencode, error correction level M, the text as UTF-8 bytes), square and
// centred in the widget. Each module is a whole number of device pixels and starts on a device pixel,
// so the code stays sharp at any size and screen scale (a phone camera reads blurred edges badly). The
// colours are fixed black on white, with the standard four-module quiet zone, whatever the theme.
class QrCodeWidget : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kQuietZone = 4; // modules of white around the code (ISO/IEC 18004)

    explicit QrCodeWidget(QWidget* parent = nullptr);

    // Encodes text; an empty text (or one too long for a QR code) shows nothing.
    void setText(const QString& text);
    const QString& text() const { return m_text; }

    // Modules per side without the quiet zone; 0 when there is no code.
    int moduleCount() const { return m_modules; }
    bool isDark(int x, int y) const { return m_dark.at(y * m_modules + x); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_text;
    int m_modules = 0;
    QList<bool> m_dark; // row by row
};

} // namespace lethean::ui
