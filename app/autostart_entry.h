#pragma once

#include "ueps/result.h"

#include <QString>

namespace lethean::app {

// The desktop app's "start on login": an XDG autostart entry (freedesktop Desktop Application Autostart
// Specification), $XDG_CONFIG_HOME/autostart/lethean-desktop.desktop, that starts the app minimised to
// the tray. Every freedesktop session (GNOME, KDE, Xfce, LXQt…) reads that folder.
class AutostartEntry
{
public:
    // executable: what the entry starts; empty: this program (QCoreApplication::applicationFilePath(),
    // or "lethean-desktop" on the PATH when there is no application object).
    explicit AutostartEntry(QString executable = QString());

    // True when the entry exists and is not switched off (Hidden=true, as a session's own settings
    // dialog may write it).
    bool isEnabled() const;
    // Writes or removes the entry; doing it twice is harmless.
    Result<void, QString> setEnabled(bool enabled) const;

    QString filePath() const; // honours XDG_CONFIG_HOME
    QString entryText() const;

private:
    QString m_executable;
};

} // namespace lethean::app
