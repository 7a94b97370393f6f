#include "ui/miner_log_view.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace lethean::ui {

MinerLogView::MinerLogView(QWidget* parent) : QWidget(parent)
{
    setObjectName(u"minerLogView"_s);
    createWidgets();
}

void MinerLogView::createWidgets()
{
    m_subject = new QLabel(this);
    m_subject->setObjectName(u"minerLogSubject"_s);
    QFont bold = m_subject->font();
    bold.setBold(true);
    m_subject->setFont(bold);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"minerLogFilter"_s);
    m_filter->setPlaceholderText(tr("Filter lines…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the miner log"));
    connect(m_filter, &QLineEdit::textChanged, this, &MinerLogView::refilter);

    m_level = new QComboBox(this);
    m_level->setObjectName(u"minerLogLevel"_s);
    m_level->setAccessibleName(tr("Which lines to show"));
    m_level->addItem(tr("All lines"), int(Level::Info));
    m_level->addItem(tr("Warnings and errors"), int(Level::Warning));
    m_level->addItem(tr("Errors only"), int(Level::Error));
    connect(m_level, &QComboBox::currentIndexChanged, this, &MinerLogView::refilter);

    m_follow = new QCheckBox(tr("&Follow"), this);
    m_follow->setObjectName(u"minerLogFollow"_s);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep fetching the newest lines and stay at the bottom"));
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
        Q_EMIT followChanged(on);
    });

    m_refresh = new QPushButton(QIcon(u":/icons/reconnect.svg"_s), tr("Re&fresh"), this);
    m_refresh->setObjectName(u"minerLogRefresh"_s);
    m_refresh->setToolTip(tr("Fetch the latest lines from the rig now"));
    connect(m_refresh, &QPushButton::clicked, this, &MinerLogView::refreshRequested);
    m_copy = new QPushButton(QIcon(u":/icons/copy.svg"_s), tr("Cop&y"), this);
    m_copy->setObjectName(u"minerLogCopy"_s);
    m_copy->setToolTip(tr("Copy the selected text, or every shown line"));
    connect(m_copy, &QPushButton::clicked, this, &MinerLogView::copyToClipboard);
    m_save = new QPushButton(QIcon(u":/icons/save.svg"_s), tr("Sa&ve…"), this);
    m_save->setObjectName(u"minerLogSave"_s);
    m_save->setToolTip(tr("Save the shown lines to a file"));
    connect(m_save, &QPushButton::clicked, this, &MinerLogView::chooseSaveFile);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(u"minerLogText"_s);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Miner log"));
    m_text->setMaximumBlockCount(kMaxLines);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setPlaceholderText(tr("Choose a miner to see its log."));
    connect(m_text->verticalScrollBar(), &QScrollBar::valueChanged, this, &MinerLogView::onScrolled);

    m_status = new QLabel(this);
    m_status->setObjectName(u"minerLogStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_level);
    bar->addWidget(m_follow);
    bar->addWidget(m_refresh);
    bar->addWidget(m_copy);
    bar->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_subject);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);
    setTabOrder(m_filter, m_level);
    setTabOrder(m_level, m_follow);
    setTabOrder(m_follow, m_refresh);
    setTabOrder(m_refresh, m_copy);
    setTabOrder(m_copy, m_save);
    setTabOrder(m_save, m_text);
}

QString MinerLogView::filterText() const
{
    return m_filter->text();
}

void MinerLogView::setFilterText(const QString& text)
{
    m_filter->setText(text);
}

bool MinerLogView::isFollowing() const
{
    return m_follow->isChecked();
}

void MinerLogView::setFollowing(bool follow)
{
    m_follow->setChecked(follow);
}

void MinerLogView::setSubject(const QString& subject)
{
    m_subject->setText(subject);
    m_subject->setVisible(!subject.isEmpty());
    m_subject->setAccessibleName(subject);
}

void MinerLogView::setStatus(const QString& text, bool isError)
{
    m_status->setText(text);
    m_status->setStyleSheet(isError ? u"color: #b01e1e;"_s : QString());
    m_status->setAccessibleName(text);
}

QString MinerLogView::statusText() const
{
    return m_status->text();
}

void MinerLogView::setLines(const QStringList& lines)
{
    m_lines = lines.size() > kMaxLines ? lines.mid(lines.size() - kMaxLines) : lines;
    refilter();
}

void MinerLogView::clear()
{
    m_lines.clear();
    refilter();
    setStatus({});
}

MinerLogView::Level MinerLogView::levelOf(const QString& line)
{
    // XMRig's own words ("login error code: 6", "connect error", "failed to allocate RandomX dataset",
    // "rejected (1/1) diff … \"low difficulty share\"", "no active pools, stop mining") and the
    // supervisor's ("crashed (…); restarting", "restarted: API stopped answering", "gave up").
    static const QRegularExpression error(u"\\b(error|errors|failed|failure|fatal|crash(ed)?|cannot|unable|gave up)\\b"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression warning(
        u"\\b(warn(ing)?|rejected|retry(ing)?|timeout|timed out|lost|disconnected|restart(ed|ing)?|no active pools?)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (error.match(line).hasMatch())
        return Level::Error;
    if (warning.match(line).hasMatch())
        return Level::Warning;
    return Level::Info;
}

MinerLogView::Level MinerLogView::minimumLevel() const
{
    return Level(m_level->currentData().toInt());
}

void MinerLogView::setMinimumLevel(Level level)
{
    m_level->setCurrentIndex(m_level->findData(int(level)));
}

QStringList MinerLogView::visibleLines() const
{
    const QString needle = m_filter->text();
    const Level least = minimumLevel();
    if (needle.isEmpty() && least == Level::Info)
        return m_lines;
    QStringList shown;
    for (const QString& line : m_lines) {
        if ((needle.isEmpty() || line.contains(needle, Qt::CaseInsensitive)) && levelOf(line) >= least)
            shown.append(line);
    }
    return shown;
}

void MinerLogView::refilter()
{
    QScrollBar* bar = m_text->verticalScrollBar();
    const int keep = bar->value();
    const QStringList shown = visibleLines();
    m_programmaticScroll = true;
    m_text->setPlainText(shown.join(u'\n'));
    bar->setValue(isFollowing() ? bar->maximum() : std::min(keep, bar->maximum()));
    m_programmaticScroll = false;
    if (!m_lines.isEmpty())
        //: %1 lines shown of %2 received
        setStatus(tr("%1 of %2 lines").arg(shown.size()).arg(m_lines.size()));
}

void MinerLogView::onScrolled()
{
    if (m_programmaticScroll)
        return;
    // Scrolling up to read stops following; scrolling back to the bottom resumes it.
    QScrollBar* bar = m_text->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    if (atBottom != isFollowing())
        m_follow->setChecked(atBottom);
}

void MinerLogView::copyToClipboard()
{
    const QString selected = m_text->textCursor().selectedText().replace(QChar::ParagraphSeparator, u'\n');
    QApplication::clipboard()->setText(selected.isEmpty() ? visibleLines().join(u'\n') : selected);
}

QFuture<Result<void, QString>> MinerLogView::saveTo(const QString& path)
{
    const QStringList lines = visibleLines();
    QFuture<Result<void, QString>> future = QtConcurrent::run([path, lines]() -> Result<void, QString> {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
            return fail(file.errorString());
        for (const QString& line : lines)
            file.write(line.toUtf8() + '\n');
        if (!file.commit())
            return fail(file.errorString());
        return {};
    });
    future.then(this, [this, path, count = lines.size()](Result<void, QString> outcome) {
        if (outcome)
            setStatus(tr("Saved %n line(s) to %1", nullptr, int(count)).arg(QDir::toNativeSeparators(path)));
        else
            setStatus(tr("Could not save to %1: %2").arg(QDir::toNativeSeparators(path), outcome.error()), true);
    });
    return future;
}

void MinerLogView::chooseSaveFile()
{
    const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u"/miner.log"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the miner log"), start,
                                                      tr("Log files (*.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        saveTo(path);
}

} // namespace lethean::ui
