#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lethean::ui {

MainWindow::MainWindow(const QString& dataDir, QWidget* parent) : QMainWindow(parent), m_dataDir(dataDir)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Lethean Desktop"));
    setMinimumSize(800, 520);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* heading = new QLabel(tr("<h2>Lethean Desktop</h2>"), central);
    heading->setObjectName(u"headingLabel"_s);
    auto* intro = new QLabel(tr("Your rigs, their miners and hashrate are shown here once peers are paired."),
                             central);
    intro->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addStretch();
    setCentralWidget(central);

    m_statusLabel = new QLabel(tr("Data folder: %1").arg(m_dataDir), this);
    m_statusLabel->setObjectName(u"dataDirLabel"_s);
    statusBar()->addPermanentWidget(m_statusLabel);

    createMenus();
}

void MainWindow::createMenus()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setObjectName(u"quitAction"_s);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* aboutAction = helpMenu->addAction(tr("&About Lethean Desktop"), this, &MainWindow::showAbout);
    aboutAction->setObjectName(u"aboutAction"_s);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Lethean Desktop"),
                       tr("<p><b>Lethean Desktop %1</b></p>"
                          "<p>Watch and control the miners on your rigs over an encrypted "
                          "peer-to-peer mesh.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace lethean::ui
