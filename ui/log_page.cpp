#include "ui/log_page.h"

#include "node/log_level.h"
#include "ui/log_filter_proxy.h"
#include "ui/log_model.h"
#include "ui/table_views.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
Result<void, QString> writeLines(const QString& path, const QStringList& lines)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(file.errorString());
    for (const QString& line : lines) {
        file.write(line.toUtf8());
        file.write("\n");
    }
    if (!file.commit())
        return fail(file.errorString());
    return {};
}
} // namespace

LogPage::LogPage(LogModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(u"logPage"_s);
    m_proxy = new LogFilterProxy(this);
    m_proxy->setSourceModel(&m_model);
    createWidgets();
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &LogPage::onRowsInserted);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LogPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LogPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LogPage::updateCount);
    updateCount();
    m_view->scrollToBottom();
}

void LogPage::createWidgets()
{
    m_level = new QComboBox(this);
    m_level->setObjectName(u"logLevelFilter"_s);
    m_level->addItem(tr("All levels"), int(node::LogLevel::Debug));
    m_level->addItem(tr("Info and above"), int(node::LogLevel::Info));
    m_level->addItem(tr("Warnings and errors"), int(node::LogLevel::Warn));
    m_level->addItem(tr("Errors only"), int(node::LogLevel::Error));
    m_level->setAccessibleName(tr("Minimum level"));
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setMinimumLevel(static_cast<node::LogLevel>(m_level->currentData().toInt()));
        updateCount();
    });
    auto* levelLabel = new QLabel(tr("&Show:"), this);
    levelLabel->setBuddy(m_level);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"logSearch"_s);
    m_search->setPlaceholderText(tr("Search the log…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the log"));
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setSearchText(text);
        updateCount();
    });

    m_follow = new QCheckBox(tr("&Follow"), this);
    m_follow->setObjectName(u"logFollow"_s);
    m_follow->setToolTip(tr("Keep the newest line in view as lines arrive"));
    m_follow->setChecked(true);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });

    m_copy = new QPushButton(QIcon(u":/icons/copy.svg"_s), tr("&Copy"), this);
    m_copy->setObjectName(u"logCopy"_s);
    m_copy->setToolTip(tr("Copy the selected lines, or every shown line when none is selected"));
    connect(m_copy, &QPushButton::clicked, this, &LogPage::copySelection);

    m_save = new QPushButton(QIcon(u":/icons/save.svg"_s), tr("&Save…"), this);
    m_save->setObjectName(u"logSave"_s);
    m_save->setToolTip(tr("Save the shown lines to a text file"));
    connect(m_save, &QPushButton::clicked, this, &LogPage::chooseSaveFile);

    m_view = new QTableView(this);
    m_view->setObjectName(u"logView"_s);
    m_view->setAccessibleName(tr("Log lines"));
    m_view->setModel(m_proxy);
    setUpRowTable(*m_view, QAbstractItemView::ExtendedSelection);
    // Fixed row heights: the view then never measures rows, which keeps thousands of lines cheap.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(LogModel::TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(LogModel::LevelColumn, QHeaderView::ResizeToContents);
    header->resizeSection(LogModel::ComponentColumn, 110);
    header->setStretchLastSection(true);
    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this, &LogPage::onScrolledByUser);

    auto* copyAction = new QAction(this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &LogPage::copySelection);
    m_view->addAction(copyAction);

    m_count = new QLabel(this);
    m_count->setObjectName(u"logCount"_s);
    m_message = new QLabel(this);
    m_message->setObjectName(u"logMessage"_s);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QHBoxLayout;
    bar->addWidget(levelLabel);
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_follow);
    bar->addWidget(m_copy);
    bar->addWidget(m_save);
    auto* footer = new QHBoxLayout;
    footer->addWidget(m_count);
    footer->addStretch();
    footer->addWidget(m_message);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addLayout(footer);

    setTabOrder(m_level, m_search);
    setTabOrder(m_search, m_follow);
    setTabOrder(m_follow, m_copy);
    setTabOrder(m_copy, m_save);
    setTabOrder(m_save, m_view);
}

bool LogPage::isFollowing() const
{
    return m_follow->isChecked();
}

void LogPage::onRowsInserted()
{
    updateCount();
    if (m_follow->isChecked())
        m_view->scrollToBottom();
}

void LogPage::onScrolledByUser()
{
    // The user scrolled: follow while they are at the bottom, stop while they read older lines. The
    // scroll bar moves after this signal, so look once it has.
    QTimer::singleShot(0, this, [this] {
        const QScrollBar* bar = m_view->verticalScrollBar();
        m_follow->setChecked(bar->value() >= bar->maximum());
    });
}

QStringList LogPage::visibleLines() const
{
    QStringList lines;
    lines.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        lines.append(m_proxy->index(row, 0).data(LogModel::LineTextRole).toString());
    return lines;
}

QStringList LogPage::selectedLines() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex& index : std::as_const(rows))
        lines.append(index.data(LogModel::LineTextRole).toString());
    return lines;
}

void LogPage::copySelection()
{
    QStringList lines = selectedLines();
    if (lines.isEmpty())
        lines = visibleLines();
    QApplication::clipboard()->setText(lines.join(u'\n'));
    m_message->setText(tr("Lines copied: %1").arg(lines.size()));
}

void LogPage::chooseSaveFile()
{
    auto* dialog = new QFileDialog(this, tr("Save the log"), QDir::homePath() + u"/lethean-desktop.log"_s,
                                   tr("Log files (*.log *.txt);;All files (*)"));
    dialog->setObjectName(u"saveLogDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) { (void)saveTo(path); });
    dialog->open();
}

QFuture<Result<void, QString>> LogPage::saveTo(const QString& path)
{
    const QStringList lines = visibleLines();
    m_save->setEnabled(false);
    m_message->setText(tr("Saving…"));
    QFuture<Result<void, QString>> saved = QtConcurrent::run(writeLines, path, lines);
    saved.then(this, [this, path, count = int(lines.size())](const Result<void, QString>& result) {
        m_save->setEnabled(true);
        if (result)
            m_message->setText(tr("Lines saved to %1: %2").arg(QDir::toNativeSeparators(path)).arg(count));
        else
            m_message->setText(tr("Could not save the log: %1").arg(result.error()));
    });
    return saved;
}

void LogPage::updateCount()
{
    m_count->setText(tr("%1 of %2 lines").arg(m_proxy->rowCount()).arg(m_model.rowCount()));
}

} // namespace lethean::ui
