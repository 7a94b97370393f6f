#include "ui/app_settings.h"

#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr const char* kNodeName = "node/name";
constexpr const char* kRole = "node/role";
constexpr const char* kListenHost = "node/listenHost";
constexpr const char* kListenPort = "node/listenPort";
constexpr const char* kTlsCertificate = "node/tlsCertificate";
constexpr const char* kTlsKey = "node/tlsKey";
constexpr const char* kRequireProtocol2 = "node/requireProtocol2";
constexpr const char* kAuthMode = "node/authMode";
constexpr const char* kMinerBinary = "mining/minerBinary";
constexpr const char* kDemoMode = "mining/demoMode";
constexpr const char* kStartMinimised = "desktop/startMinimised";
constexpr const char* kStartOnLogin = "desktop/startOnLogin";
constexpr const char* kLanguage = "desktop/language";
constexpr const char* kWelcomeShown = "desktop/welcomeShown";
constexpr const char* kDropPercent = "notifications/hashrateDropPercent";
constexpr const char* kDropSeconds = "notifications/hashrateDropSeconds";

const QStringList& roles()
{
    static const QStringList known{u"controller"_s, u"worker"_s, u"dual"_s};
    return known;
}
} // namespace

AppSettings::AppSettings(const QString& dataDir, QObject* parent)
    : QObject(parent), m_settings(QDir(dataDir).filePath(QString::fromLatin1(kFileName)), QSettings::IniFormat)
{
}

QVariant AppSettings::value(const char* key, const QVariant& fallback) const
{
    return m_settings.value(QString::fromLatin1(key), fallback);
}

bool AppSettings::store(const char* key, const QVariant& value, const QVariant& current, bool needsRestart)
{
    const QString name = QString::fromLatin1(key);
    // Compared with what the getter gives (the default included): writing the default is no change.
    if (value == current)
        return false;
    m_settings.setValue(name, value);
    Q_EMIT changed(name);
    if (needsRestart) {
        m_restartRequired = true;
        Q_EMIT restartRequired();
    }
    return true;
}

QString AppSettings::nodeName() const
{
    return value(kNodeName, QString()).toString();
}

void AppSettings::setNodeName(const QString& name)
{
    store(kNodeName, name.trimmed(), nodeName(), true);
}

QString AppSettings::role() const
{
    const QString stored = value(kRole, u"dual"_s).toString();
    return roles().contains(stored) ? stored : u"dual"_s;
}

void AppSettings::setRole(const QString& role)
{
    if (roles().contains(role))
        store(kRole, role, this->role(), true);
}

QString AppSettings::listenHost() const
{
    return value(kListenHost, QString()).toString();
}

void AppSettings::setListenHost(const QString& host)
{
    store(kListenHost, host.trimmed(), listenHost(), true);
}

int AppSettings::listenPort() const
{
    bool ok = false;
    const int port = value(kListenPort, kDefaultPort).toInt(&ok);
    return ok && port > 0 && port <= 65535 ? port : kDefaultPort;
}

void AppSettings::setListenPort(int port)
{
    if (port > 0 && port <= 65535)
        store(kListenPort, port, listenPort(), true);
}

QString AppSettings::tlsCertificate() const
{
    return value(kTlsCertificate, QString()).toString();
}

void AppSettings::setTlsCertificate(const QString& path)
{
    store(kTlsCertificate, path, tlsCertificate(), true);
}

QString AppSettings::tlsKey() const
{
    return value(kTlsKey, QString()).toString();
}

void AppSettings::setTlsKey(const QString& path)
{
    store(kTlsKey, path, tlsKey(), true);
}

bool AppSettings::requireProtocol2() const
{
    return value(kRequireProtocol2, false).toBool();
}

void AppSettings::setRequireProtocol2(bool require)
{
    store(kRequireProtocol2, require, requireProtocol2(), true);
}

QString AppSettings::minerBinary() const
{
    return value(kMinerBinary, QString()).toString();
}

void AppSettings::setMinerBinary(const QString& path)
{
    store(kMinerBinary, path.trimmed(), minerBinary(), true);
}

bool AppSettings::demoMode() const
{
    return value(kDemoMode, false).toBool();
}

void AppSettings::setDemoMode(bool on)
{
    store(kDemoMode, on, demoMode(), true);
}

node::PeerAuthMode AppSettings::authMode() const
{
    return node::peerAuthModeFromString(value(kAuthMode, QString()).toString()).value_or(node::PeerAuthMode::Allowlist);
}

void AppSettings::setAuthMode(node::PeerAuthMode mode)
{
    if (store(kAuthMode, node::peerAuthModeToString(mode), node::peerAuthModeToString(authMode()), false))
        Q_EMIT authModeChanged(mode);
}

bool AppSettings::startMinimised() const
{
    return value(kStartMinimised, false).toBool();
}

void AppSettings::setStartMinimised(bool on)
{
    store(kStartMinimised, on, startMinimised(), false);
}

bool AppSettings::welcomeShown() const
{
    return value(kWelcomeShown, false).toBool();
}

void AppSettings::setWelcomeShown(bool shown)
{
    store(kWelcomeShown, shown, welcomeShown(), false);
}

bool AppSettings::startOnLogin() const
{
    return value(kStartOnLogin, false).toBool();
}

void AppSettings::setStartOnLogin(bool on)
{
    if (store(kStartOnLogin, on, startOnLogin(), false))
        Q_EMIT startOnLoginChanged(on);
}

QString AppSettings::languageCode(Language language)
{
    switch (language) {
    case Language::System:
        return {};
    case Language::English:
        return u"en"_s;
    case Language::German:
        return u"de"_s;
    }
    return {};
}

AppSettings::Language AppSettings::language() const
{
    const QString code = value(kLanguage, QString()).toString();
    if (code == u"en")
        return Language::English;
    if (code == u"de")
        return Language::German;
    return Language::System;
}

void AppSettings::setLanguage(Language language)
{
    if (store(kLanguage, languageCode(language), languageCode(this->language()), false))
        Q_EMIT languageChanged(language);
}

int AppSettings::hashrateDropPercent() const
{
    return std::clamp(value(kDropPercent, kDefaultDropPercent).toInt(), 1, 100);
}

void AppSettings::setHashrateDropPercent(int percent)
{
    if (store(kDropPercent, std::clamp(percent, 1, 100), hashrateDropPercent(), false))
        Q_EMIT notificationThresholdsChanged(hashrateDropPercent(), hashrateDropSeconds());
}

int AppSettings::hashrateDropSeconds() const
{
    return std::clamp(value(kDropSeconds, kDefaultDropSeconds).toInt(), 10, 86400);
}

void AppSettings::setHashrateDropSeconds(int seconds)
{
    if (store(kDropSeconds, std::clamp(seconds, 10, 86400), hashrateDropSeconds(), false))
        Q_EMIT notificationThresholdsChanged(hashrateDropPercent(), hashrateDropSeconds());
}

void AppSettings::clearRestartRequired()
{
    m_restartRequired = false;
}

void AppSettings::sync()
{
    m_settings.sync();
}

} // namespace lethean::ui
