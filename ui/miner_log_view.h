#pragma once

#include "ueps/result.h"

#include <QFuture>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace lethean::ui {

// A miner's log as the rig sent it (get_logs): the last lines, a text filter, follow mode (stay at the
// newest line; the page asks for fresh lines while it is on), copy and save to a file. Each answer
// replaces the lines: get_logs sends the miner's latest lines, not a delta.
class MinerLogView : public QWidget
{
    Q_OBJECT

public:
    // More lines than this are cut from the top (the view stays light with a chatty miner).
    static constexpr int kMaxLines = 5000;

    // XMRig's console has no level field: a line's level is read from its words.
    enum class Level
    {
        Info,
        Warning, // a rejected share, a lost or slow pool, a retry, a watchdog restart
        Error    // an error, a failure, a crash
    };
    static Level levelOf(const QString& line);

    explicit MinerLogView(QWidget* parent = nullptr);

    const QStringList& lines() const { return m_lines; }
    // The lines the filter lets through, in order.
    QStringList visibleLines() const;
    QString filterText() const;
    void setFilterText(const QString& text);
    // The least level shown (Info: every line).
    Level minimumLevel() const;
    void setMinimumLevel(Level level);
    bool isFollowing() const;
    void setFollowing(bool follow);
    // What the view is about ("rig-1 / xmrig-0"), shown above the lines.
    void setSubject(const QString& subject);
    // A line under the view: a failed request, or how many lines are shown.
    void setStatus(const QString& text, bool isError = false);
    QString statusText() const;

    // Writes the visible lines to path off the GUI thread; the view reports the outcome too.
    QFuture<Result<void, QString>> saveTo(const QString& path);
    // The selected text, or every visible line when nothing is selected.
    void copyToClipboard();

public Q_SLOTS:
    void setLines(const QStringList& lines);
    void clear();

Q_SIGNALS:
    void followChanged(bool following);
    void refreshRequested();

private:
    void createWidgets();
    void refilter();
    void chooseSaveFile();
    void onScrolled();

    QStringList m_lines;
    QLabel* m_subject = nullptr;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_level = nullptr;
    QCheckBox* m_follow = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QLabel* m_status = nullptr;
    bool m_programmaticScroll = false;
};

} // namespace lethean::ui
