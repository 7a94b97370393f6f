#pragma once

#include "node/peer_auth_mode.h"

#include <QObject>
#include <QSettings>
#include <QString>
#include <QVariant>

namespace lethean::ui {

// The desktop app's settings: an ini file in the data dir (lethean-desktop.ini), read and written
// through typed getters and setters with defaults. A setter that changes something the node reads only
// when it starts (name, role, listen address, TLS, protocol, miner, demo mode) sets the restart flag and
// emits restartRequired, so the window can offer to restart the node.
class AppSettings : public QObject
{
    Q_OBJECT

public:
    enum class Language
    {
        System,
        English,
        German
    };
    Q_ENUM(Language)

    static constexpr const char* kFileName = "lethean-desktop.ini";
    static constexpr int kDefaultPort = 9091;
    static constexpr int kDefaultDropPercent = 30;
    static constexpr int kDefaultDropSeconds = 300;

    explicit AppSettings(const QString& dataDir, QObject* parent = nullptr);

    QString filePath() const { return m_settings.fileName(); }

    // --- The node (restart needed) ---
    QString nodeName() const; // empty: the host name
    void setNodeName(const QString& name);
    QString role() const; // "controller", "worker" or "dual"
    void setRole(const QString& role);
    QString listenHost() const; // empty: every interface
    void setListenHost(const QString& host);
    int listenPort() const;
    void setListenPort(int port);
    QString tlsCertificate() const; // PEM file; empty: a self-signed one
    void setTlsCertificate(const QString& path);
    QString tlsKey() const;
    void setTlsKey(const QString& path);
    bool requireProtocol2() const; // refuse 1.0 links (no forward secrecy)
    void setRequireProtocol2(bool require);
    QString minerBinary() const; // empty: look for xmrig on PATH
    void setMinerBinary(const QString& path);
    bool demoMode() const;
    void setDemoMode(bool on);

    // --- Applied at once ---
    node::PeerAuthMode authMode() const;
    void setAuthMode(node::PeerAuthMode mode);
    bool startMinimised() const;
    void setStartMinimised(bool on);
    bool welcomeShown() const; // the first-run welcome was seen (it is not shown again)
    void setWelcomeShown(bool shown);
    bool startOnLogin() const;
    void setStartOnLogin(bool on);
    Language language() const; // takes effect when the app starts
    void setLanguage(Language language);
    int hashrateDropPercent() const; // notify when a rig's hashrate falls by more than this…
    void setHashrateDropPercent(int percent);
    int hashrateDropSeconds() const; // …for at least this long
    void setHashrateDropSeconds(int seconds);

    // Whether a change since the node started needs a restart of the node.
    bool isRestartRequired() const { return m_restartRequired; }
    // The node was restarted with the current settings.
    void clearRestartRequired();
    // Writes pending changes to the file now (QSettings also does it on its own).
    void sync();

    static QString languageCode(Language language); // "", "en", "de"

Q_SIGNALS:
    void changed(const QString& key);
    void restartRequired();
    void authModeChanged(lethean::node::PeerAuthMode mode);
    void startOnLoginChanged(bool on);
    void languageChanged(lethean::ui::AppSettings::Language language);
    void notificationThresholdsChanged(int percent, int seconds);

private:
    QVariant value(const char* key, const QVariant& fallback) const;
    // Stores the value; false when it was already that.
    bool store(const char* key, const QVariant& value, const QVariant& current, bool needsRestart);

    QSettings m_settings;
    bool m_restartRequired = false;
};

} // namespace lethean::ui
