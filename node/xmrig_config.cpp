#include "node/xmrig_config.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTcpServer>
#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("XmrigConfig", text);
}

constexpr QFileDevice::Permissions kOwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerOnlyDir =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

QJsonObject poolObject(const MiningProfile& profile)
{
    QJsonObject pool;
    pool.insert(u"url"_s, profile.pool.trimmed());
    pool.insert(u"user"_s, profile.wallet.trimmed());
    // Many pools read the password as the worker's name; "x" is XMRig's own default.
    pool.insert(u"pass"_s, profile.workerName.isEmpty() ? u"x"_s : profile.workerName);
    pool.insert(u"rig-id"_s,
                profile.workerName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(profile.workerName));
    pool.insert(u"keepalive"_s, true);
    pool.insert(u"enabled"_s, true);
    const bool tls = profile.pool.startsWith(u"stratum+ssl://"_s) ||
                     profile.pool.startsWith(u"stratum+tls://"_s) || profile.pool.startsWith(u"ssl://"_s);
    pool.insert(u"tls"_s, tls);
    return pool;
}

QJsonObject cpuObject(const MiningProfile& profile)
{
    QJsonObject cpu;
    cpu.insert(u"enabled"_s, true);
    cpu.insert(u"huge-pages"_s, true);
    cpu.insert(u"max-threads-hint"_s, 100);
    if (profile.threads > 0) {
        // What XMRig's own --threads=N turns into (ConfigTransform::finalize): one profile for every
        // algorithm, N threads of intensity 1, no affinity.
        QJsonObject all;
        all.insert(u"intensity"_s, 1);
        all.insert(u"threads"_s, profile.threads);
        all.insert(u"affinity"_s, -1);
        cpu.insert(u"*"_s, all);
    }
    return cpu;
}

} // namespace

XmrigConfig::XmrigConfig(MiningProfile profile, quint16 httpPort, QString accessToken)
    : m_profile(std::move(profile)), m_httpPort(httpPort), m_accessToken(std::move(accessToken))
{}

QJsonObject XmrigConfig::toJsonObject() const
{
    QJsonObject http;
    http.insert(u"enabled"_s, true);
    http.insert(u"host"_s, QLatin1StringView(kLoopbackHost));
    http.insert(u"port"_s, int(m_httpPort));
    http.insert(u"access-token"_s, m_accessToken);
    http.insert(u"restricted"_s, true);

    QJsonObject api;
    api.insert(u"id"_s, QJsonValue(QJsonValue::Null));
    api.insert(u"worker-id"_s, m_profile.workerName.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                              : QJsonValue(m_profile.workerName));

    QJsonObject root;
    root.insert(u"autosave"_s, false);
    root.insert(u"background"_s, false);
    root.insert(u"colors"_s, false);
    root.insert(u"watch"_s, false);
    root.insert(u"donate-level"_s,
                std::clamp(m_profile.donateLevel, kMinDonateLevel, MiningProfile::kMaxDonateLevel));
    root.insert(u"donate-over-proxy"_s, 1);
    root.insert(u"log-file"_s, QJsonValue(QJsonValue::Null));
    root.insert(u"print-time"_s, std::max(m_printTime, 0));
    root.insert(u"health-print-time"_s, std::max(m_healthPrintTime, 0));
    root.insert(u"retries"_s, 5);
    root.insert(u"retry-pause"_s, 5);
    root.insert(u"syslog"_s, false);
    root.insert(u"pause-on-battery"_s, false);
    root.insert(u"pause-on-active"_s, false);
    root.insert(u"api"_s, api);
    root.insert(u"http"_s, http);
    root.insert(u"cpu"_s, cpuObject(m_profile));
    root.insert(u"pools"_s, QJsonArray{poolObject(m_profile)});
    return root;
}

QByteArray XmrigConfig::toJson() const
{
    return QJsonDocument(toJsonObject()).toJson(QJsonDocument::Indented);
}

Result<void, QString> XmrigConfig::writeTo(const QString& filePath) const
{
    const QString dirPath = QFileInfo(filePath).absolutePath();
    if (!QDir().mkpath(dirPath))
        return fail(tr("Cannot create the miner folder %1.").arg(QDir::toNativeSeparators(dirPath)));
    QFile::setPermissions(dirPath, kOwnerOnlyDir);

    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write the miner configuration %1: %2")
                        .arg(QDir::toNativeSeparators(filePath), file.errorString()));
    // Before any byte is written: the token must never be readable by another user, not even briefly.
    file.setPermissions(kOwnerOnlyFile);
    const QByteArray json = toJson();
    if (file.write(json) != json.size() || !file.commit())
        return fail(tr("Cannot write the miner configuration %1: %2")
                        .arg(QDir::toNativeSeparators(filePath), file.errorString()));
    return {};
}

QString XmrigConfig::generateAccessToken()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char*>(words.data()),
                           qsizetype(words.size() * sizeof(quint32)));
    return QString::fromLatin1(bytes.toHex());
}

Result<quint16, QString> XmrigConfig::findFreeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return fail(tr("No free port on 127.0.0.1 for the miner's API: %1").arg(probe.errorString()));
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace lethean::node
