#pragma once

#include <QMainWindow>

class QLabel;

namespace lethean::ui {

// The desktop app's top-level window: menus, the status bar and the page area.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const QString& dataDir, QWidget* parent = nullptr);

private:
    void createMenus();
    void showAbout();

    QString m_dataDir;
    QLabel* m_statusLabel = nullptr;
};

} // namespace lethean::ui
