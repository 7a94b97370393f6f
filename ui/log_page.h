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
class QPushButton;
class QTableView;

namespace lethean::ui {

class LogFilterProxy;
class LogModel;

// The node's log: a table of recent lines with a level filter, a text search, follow mode (stay at the
// newest line), copy and save to a file. The lines come from a LogModel the window owns.
class LogPage : public QWidget
{
    Q_OBJECT

public:
    explicit LogPage(LogModel& model, QWidget* parent = nullptr);

    LogFilterProxy& proxy() { return *m_proxy; }
    bool isFollowing() const;
    // The lines the filter lets through, oldest first, as the log file writes them.
    QStringList visibleLines() const;
    // Writes the visible lines to path (off the GUI thread); the page reports the outcome too.
    QFuture<Result<void, QString>> saveTo(const QString& path);

private:
    void createWidgets();
    void onRowsInserted();
    void onScrolledByUser();
    void copySelection();
    void chooseSaveFile();
    void updateCount();
    QStringList selectedLines() const;

    LogModel& m_model;
    LogFilterProxy* m_proxy = nullptr;
    QComboBox* m_level = nullptr;
    QLineEdit* m_search = nullptr;
    QCheckBox* m_follow = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace lethean::ui
