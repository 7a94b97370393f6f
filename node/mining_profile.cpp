#include "node/mining_profile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {
// The validator's messages are shown next to the desktop's profile fields: translated there (lupdate
// reads the literal context below; node/ has no QObject to hang tr() on).
// "stratum+tcp://host:port", "stratum+ssl://…", "stratum+tls://…", or a bare "host:port" (XMRig's -o).
std::optional<QString> poolProblem(const QString& pool)
{
    if (pool.trimmed().isEmpty())
        return QCoreApplication::translate("MiningProfile", "Enter the pool address, e.g. stratum+tcp://pool.example.org:3333.");
    QString text = pool.trimmed();
    if (!text.contains(u"://"_s))
        text.prepend(u"stratum+tcp://"_s);
    const QUrl url(text, QUrl::StrictMode);
    static const QStringList schemes = {u"stratum+tcp"_s, u"stratum+ssl"_s, u"stratum+tls"_s, u"stratum"_s, u"tcp"_s, u"ssl"_s};
    if (!url.isValid() || !schemes.contains(url.scheme()))
        return QCoreApplication::translate("MiningProfile", "The pool address must be stratum+tcp://, stratum+ssl:// or host:port.");
    if (url.host().isEmpty())
        return QCoreApplication::translate("MiningProfile", "The pool address has no host name.");
    if (url.port() < 1)
        return QCoreApplication::translate("MiningProfile", "The pool address needs a port, e.g. :3333.");
    if (!url.path().isEmpty() && url.path() != u"/"_s)
        return QCoreApplication::translate("MiningProfile", "The pool address must not have a path.");
    return std::nullopt;
}
} // namespace

const QStringList& MiningProfile::knownMinerTypes()
{
    static const QStringList types = {u"xmrig"_s, u"simulated"_s};
    return types;
}

Result<void, QString> MiningProfile::validateName(QStringView name)
{
    if (name.isEmpty())
        return fail(QCoreApplication::translate("MiningProfile", "Give the profile a name."));
    if (name.size() > kMaxNameLength)
        return fail(QCoreApplication::translate("MiningProfile", "A profile name has at most %1 characters.").arg(kMaxNameLength));
    if (name.startsWith(u'.'))
        return fail(QCoreApplication::translate("MiningProfile", "A profile name must not start with a dot."));
    for (const QChar c : name) {
        const bool allowed = (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_' || c == u'.' || c == u' ';
        if (!allowed)
            return fail(QCoreApplication::translate("MiningProfile", "A profile name may contain only letters, digits, '-', '_', '.' and spaces; "
                           "'%1' is not allowed.")
                            .arg(c));
    }
    if (name.endsWith(u' '))
        return fail(QCoreApplication::translate("MiningProfile", "A profile name must not end with a space."));
    return {};
}

QList<ProfileFieldError> MiningProfile::validate() const
{
    QList<ProfileFieldError> errors;
    if (const auto named = validateName(name); !named)
        errors.append({u"name"_s, named.error()});
    if (!knownMinerTypes().contains(minerType))
        errors.append({u"minerType"_s, QCoreApplication::translate("MiningProfile", "The miner must be one of: %1.").arg(knownMinerTypes().join(u", "_s))});
    if (const auto problem = poolProblem(pool))
        errors.append({u"pool"_s, *problem});
    if (wallet.trimmed().isEmpty())
        errors.append({u"wallet"_s, QCoreApplication::translate("MiningProfile", "Enter the wallet address the pool pays to.")});
    else if (wallet.contains(u' ') || wallet.size() > 256)
        errors.append({u"wallet"_s, QCoreApplication::translate("MiningProfile", "A wallet address has no spaces and at most 256 characters.")});
    if (threads < 0 || threads > kMaxThreads)
        errors.append({u"threads"_s, QCoreApplication::translate("MiningProfile", "Threads must be between 0 (the miner decides) and %1.").arg(kMaxThreads)});
    if (donateLevel < 0 || donateLevel > kMaxDonateLevel)
        errors.append({u"donateLevel"_s, QCoreApplication::translate("MiningProfile", "The donate level is a percentage from 0 to 100.")});
    for (const QString& argument : extraArgs) {
        if (argument.contains(QChar(0)) || argument.contains(u'\n')) {
            errors.append({u"extraArgs"_s, QCoreApplication::translate("MiningProfile", "Extra arguments must not contain line breaks.")});
            break;
        }
    }
    return errors;
}

QString MiningProfile::describe(const QList<ProfileFieldError>& errors)
{
    QStringList lines;
    for (const ProfileFieldError& error : errors)
        lines.append(error.field + u": "_s + error.message);
    return lines.join(u'\n');
}

QByteArray MiningProfile::toJson() const
{
    QJsonObject object;
    object.insert(u"name"_s, name);
    object.insert(u"minerType"_s, minerType);
    object.insert(u"pool"_s, pool);
    object.insert(u"wallet"_s, wallet);
    object.insert(u"workerName"_s, workerName);
    object.insert(u"threads"_s, threads);
    object.insert(u"donateLevel"_s, donateLevel);
    object.insert(u"extraArgs"_s, QJsonArray::fromStringList(extraArgs));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<MiningProfile, QString> MiningProfile::fromJson(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("MiningProfile", "the profile is not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(QCoreApplication::translate("MiningProfile", "the profile must be a JSON object"));
    const QJsonObject object = document.object();
    MiningProfile profile;
    const auto text = [&object](const QString& key, QString& into) -> bool {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString())
            return false;
        into = value.toString();
        return true;
    };
    const auto integer = [&object](const QString& key, int& into) -> bool {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return true;
        const double number = value.toDouble(-1.5);
        if (!value.isDouble() || number != double(qint64(number)) || number < -1e6 || number > 1e6)
            return false;
        into = int(number);
        return true;
    };
    for (const auto& [key, into] : {std::pair{u"name"_s, &profile.name}, {u"minerType"_s, &profile.minerType},
                                    {u"pool"_s, &profile.pool}, {u"wallet"_s, &profile.wallet},
                                    {u"workerName"_s, &profile.workerName}}) {
        if (!text(key, *into))
            return fail(QCoreApplication::translate("MiningProfile", "profile field '%1' must be a string").arg(key));
    }
    for (const auto& [key, into] : {std::pair{u"threads"_s, &profile.threads}, {u"donateLevel"_s, &profile.donateLevel}}) {
        if (!integer(key, *into))
            return fail(QCoreApplication::translate("MiningProfile", "profile field '%1' must be a whole number").arg(key));
    }
    const QJsonValue extra = object.value(u"extraArgs"_s);
    if (!extra.isUndefined() && !extra.isNull()) {
        if (!extra.isArray())
            return fail(QCoreApplication::translate("MiningProfile", "profile field 'extraArgs' must be a list of strings"));
        for (const QJsonValue& argument : extra.toArray()) {
            if (!argument.isString())
                return fail(QCoreApplication::translate("MiningProfile", "profile field 'extraArgs' must be a list of strings"));
            profile.extraArgs.append(argument.toString());
        }
    }
    return profile;
}

} // namespace lethean::node
