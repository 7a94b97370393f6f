#include "app/autostart_entry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace lethean::app {

namespace {
const char* const kContext = "AutostartEntry";

// One argument of an Exec key (Desktop Entry Specification, "The Exec key"): quoted when it has a
// reserved character, with '"', '`', '$' and '\' escaped inside the quotes, then '\' doubled again
// because the key is a string value, and '%' doubled because it starts a field code.
QString execArgument(const QString& argument)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9/._:+@=,-]+$"_s);
    QString quoted = argument;
    if (!plain.match(argument).hasMatch()) {
        quoted.clear();
        for (const QChar c : argument) {
            if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
                quoted += u'\\';
            quoted += c;
        }
        quoted = u'"' + quoted + u'"';
    }
    quoted.replace(u"\\"_s, u"\\\\"_s);
    quoted.replace(u"%"_s, u"%%"_s);
    return quoted;
}
} // namespace

AutostartEntry::AutostartEntry(QString executable) : m_executable(std::move(executable))
{
    if (m_executable.isEmpty())
        m_executable =
            QCoreApplication::instance() ? QCoreApplication::applicationFilePath() : u"lethean-desktop"_s;
}

QString AutostartEntry::filePath() const
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(u"autostart/lethean-desktop.desktop"_s);
}

QString AutostartEntry::entryText() const
{
    return u"[Desktop Entry]\n"
           "Type=Application\n"
           "Name=Lethean Desktop\n"
           "Comment=%1\n"
           "Exec=%2 --minimized\n"
           "Icon=lethean-desktop\n"
           "Terminal=false\n"
           "X-GNOME-Autostart-enabled=true\n"_s.arg(
               QCoreApplication::translate(kContext, "Watch your mining rigs from the tray"),
               execArgument(m_executable));
}

bool AutostartEntry::isEnabled() const
{
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    static const QRegularExpression hidden(u"^Hidden\\s*=\\s*true\\s*$"_s,
                                           QRegularExpression::MultilineOption);
    return !hidden.match(QString::fromUtf8(file.readAll())).hasMatch();
}

Result<void, QString> AutostartEntry::setEnabled(bool enabled) const
{
    const QString path = filePath();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return fail(QCoreApplication::translate(kContext, "Cannot remove %1.").arg(path));
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(QCoreApplication::translate(kContext, "Cannot create the folder %1.")
                        .arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entryText().toUtf8()) < 0 || !file.commit())
        return fail(
            QCoreApplication::translate(kContext, "Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace lethean::app
