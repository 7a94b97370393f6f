#pragma once

#include "node/mining_profile.h"
#include "ueps/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace lethean::node {

// XMRig's config.json for one start of one profile (facts in shared/spec/XMRIG.md). The HTTP API is
// bound to 127.0.0.1 on a port picked for this start, with a fresh random access token and restricted
// mode: open miner-control ports have been used to swap wallets on whole farms. The supervisor owns the
// file (autosave off, background off, no log file: output comes to us on stdout).
class XmrigConfig
{
public:
    static constexpr int kMinDonateLevel = 1; // XMRig refuses less (and then uses its default)
    static constexpr auto kLoopbackHost = "127.0.0.1";

    XmrigConfig(MiningProfile profile, quint16 httpPort, QString accessToken);

    // Seconds between XMRig's "speed" lines and GPU health lines (0: never).
    void setPrintTime(int seconds) { m_printTime = seconds; }
    void setHealthPrintTime(int seconds) { m_healthPrintTime = seconds; }

    const MiningProfile& profile() const { return m_profile; }
    quint16 httpPort() const { return m_httpPort; }
    const QString& accessToken() const { return m_accessToken; }

    QJsonObject toJsonObject() const;
    QByteArray toJson() const; // indented, as XMRig writes its own

    // Writes the file atomically (QSaveFile) with mode 0600, creating its folder with mode 0700. The
    // token in it is a secret for as long as the miner runs.
    Result<void, QString> writeTo(const QString& filePath) const;

    // 32 random bytes from the system's CSPRNG, hex: safe in JSON, a command line and an HTTP header.
    static QString generateAccessToken();
    // A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read, released). Another
    // process may take it before XMRig binds it; the supervisor's watchdog then restarts XMRig, which
    // picks again.
    static Result<quint16, QString> findFreeLoopbackPort();

private:
    MiningProfile m_profile;
    quint16 m_httpPort;
    QString m_accessToken;
    int m_printTime = 60;
    int m_healthPrintTime = 60;
};

} // namespace lethean::node
