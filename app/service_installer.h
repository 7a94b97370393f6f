#pragma once

#include "ueps/result.h"

#include <QString>
#include <QStringList>

namespace lethean::app {

// `lethean-node --install-service` / `--uninstall-service`: enables or disables the systemd user unit
// lethean-node.service for the current user (`systemctl --user`). The package installs the unit in
// /usr/lib/systemd/user; when that copy cannot run this executable with these arguments (a build
// tree, --listen or --name given, a custom data dir) the installer writes its own copy to
// $XDG_CONFIG_HOME/systemd/user, which systemd prefers, and removes it again on uninstall.
class ServiceInstaller
{
public:
    // Where things are on this system. fromSystem() reads the real places; tests point them at a
    // temporary folder and a fake systemctl.
    struct Environment
    {
        QString systemctl;                // LETHEAN_SYSTEMCTL, else "systemctl" on PATH
        QString userUnitDir;              // $XDG_CONFIG_HOME/systemd/user
        QStringList packagedUnitDirs;     // where a package or `cmake --install` puts the unit
        QStringList executableSearchPath; // where systemd looks up the packaged unit's "lethean-node"
        QString packagedDataDir;          // the packaged unit's data dir, %h expanded
        QString defaultDataDir;           // $XDG_DATA_HOME/lethean-node

        static Environment fromSystem();
    };

    // What the unit runs: this executable, the node options to pass on, and its data dir.
    struct Service
    {
        QString executable;
        QStringList arguments; // node options other than --data-dir, e.g. {"--listen", ":9092"}
        QString dataDir;       // empty: Environment::defaultDataDir
    };

    explicit ServiceInstaller(Environment environment = Environment::fromSystem());

    // On success, the text to show the user (what was done, where the unit and data are, how to
    // follow the service); on failure, the reason.
    Result<QString, QString> install(const Service& service) const;
    Result<QString, QString> uninstall() const;

    static QString unitName() { return QStringLiteral("lethean-node.service"); }
    // The unit file this installer writes for `service` (the packaged unit's template, filled in).
    QString unitText(const Service& service) const;
    QString userUnitFile() const;
    // The packaged unit file, if one is installed and it would run `executable`; else empty.
    QString usablePackagedUnit(const QString& executable) const;

private:
    Result<void, QString> systemctl(const QStringList& arguments) const;
    Result<void, QString> findSystemctl() const;
    QString dataDirOf(const Service& service) const;
    QString packagedUnitFile() const;
    bool userUnitIsOurs() const;
    QString recordedDataDir() const;

    Environment m_environment;
};

} // namespace lethean::app
