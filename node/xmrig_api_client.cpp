#include "node/xmrig_api_client.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("XmrigApiClient", text);
}

constexpr char kTooLargeProperty[] = "letheanTooLarge";

// A hashrate window: a finite number, or null while the window fills. Anything else is not XMRig's.
Result<std::optional<double>, QString> hashrateWindow(const QJsonArray& total, qsizetype index)
{
    if (index >= total.size())
        return std::optional<double>{};
    const QJsonValue value = total.at(index);
    if (value.isNull())
        return std::optional<double>{};
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < 0)
        return fail(tr("hashrate.total[%1] is not a hashrate").arg(index));
    return std::optional<double>{value.toDouble()};
}

qint64 nonNegative(const QJsonValue& value)
{
    const double number = value.toDouble(0);
    if (!std::isfinite(number) || number < 0)
        return 0;
    return qint64(std::min(number, 9.0e15));
}

double finiteOrZero(const QJsonValue& value)
{
    const double number = value.toDouble(0);
    return std::isfinite(number) && number > 0 ? number : 0;
}

GpuHealth gpuHealth(const QJsonObject& thread, const QJsonObject& health)
{
    GpuHealth gpu;
    gpu.index = nonNegative(thread.value(u"index"_s));
    // OpenCL threads name the board ("Radeon RX 580") and the chip; CUDA threads the device.
    gpu.name = thread.value(u"board"_s).toString();
    if (gpu.name.isEmpty())
        gpu.name = thread.value(u"name"_s).toString();
    gpu.temperature = finiteOrZero(health.value(u"temperature"_s));
    gpu.power = finiteOrZero(health.value(u"power"_s));
    // CUDA (NVML) reports fan_speed as percent per fan; OpenCL (ADL) reports rpm, which is not a percent
    // and is left out.
    const QJsonArray fans = health.value(u"fan_speed"_s).toArray();
    double sum = 0;
    for (const QJsonValue& fan : fans)
        sum += finiteOrZero(fan);
    if (!fans.isEmpty())
        gpu.fan = sum / double(fans.size());
    return gpu;
}

} // namespace

XmrigApiClient::XmrigApiClient(QObject* parent) : QObject(parent)
{
    // Loopback only: an http_proxy in the environment must never see the token.
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_network.setAutoDeleteReplies(false);
}

void XmrigApiClient::setEndpoint(quint16 port, const QString& accessToken)
{
    m_port = port;
    m_authorization = "Bearer " + accessToken.toUtf8();
    ++m_generation;
}

void XmrigApiClient::fetchSummary(SummaryHandler handler)
{
    get(u"/2/summary"_s, [handler = std::move(handler)](Result<QByteArray, QString> body) {
        if (!body)
            return handler(fail(body.error()));
        handler(parseSummary(body.value()));
    });
}

void XmrigApiClient::fetchBackends(BackendsHandler handler)
{
    get(u"/2/backends"_s, [handler = std::move(handler)](Result<QByteArray, QString> body) {
        if (!body)
            return handler(fail(body.error()));
        handler(parseBackends(body.value()));
    });
}

void XmrigApiClient::get(const QString& path, BodyHandler handler)
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setPath(path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_timeout.count()));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    QNetworkReply* reply = m_network.get(request);
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::readyRead, reply, [reply] {
        if (reply->bytesAvailable() > kMaxReplyBytes) {
            reply->setProperty(kTooLargeProperty, true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation, handler = std::move(handler)] {
        reply->deleteLater();
        if (generation != m_generation)
            return; // an answer from the previous process: nobody asks for it any more
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->property(kTooLargeProperty).toBool())
            return handler(fail(tr("the API reply is too large")));
        if (status == 401 || status == 403)
            return handler(fail(tr("the API refused the access token (HTTP %1)").arg(status)));
        if (reply->error() != QNetworkReply::NoError) {
            if (reply->error() == QNetworkReply::OperationCanceledError)
                return handler(fail(tr("the API did not answer within %1 ms").arg(m_timeout.count())));
            return handler(fail(tr("the API did not answer: %1").arg(reply->errorString())));
        }
        if (status != 200)
            return handler(fail(tr("the API answered HTTP %1").arg(status)));
        handler(reply->readAll());
    });
}

Result<XmrigSummary, QString> XmrigApiClient::parseSummary(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(tr("the summary is not JSON: %1").arg(error.errorString()));
    if (!document.isObject())
        return fail(tr("the summary is not a JSON object"));
    const QJsonObject root = document.object();
    const QJsonObject hashrate = root.value(u"hashrate"_s).toObject();
    if (!hashrate.value(u"total"_s).isArray())
        return fail(tr("the summary has no hashrate.total"));
    const QJsonArray total = hashrate.value(u"total"_s).toArray();

    XmrigSummary summary;
    auto h10 = hashrateWindow(total, 0);
    auto h60 = hashrateWindow(total, 1);
    auto h15 = hashrateWindow(total, 2);
    for (const auto* window : {&h10, &h60, &h15}) {
        if (!*window)
            return fail(window->error());
    }
    summary.hashrate10s = h10.value();
    summary.hashrate60s = h60.value();
    summary.hashrate15m = h15.value();

    const QJsonObject results = root.value(u"results"_s).toObject();
    summary.sharesGood = nonNegative(results.value(u"shares_good"_s));
    summary.sharesTotal = std::max(nonNegative(results.value(u"shares_total"_s)), summary.sharesGood);
    summary.uptime = nonNegative(root.value(u"uptime"_s));
    summary.pool = root.value(u"connection"_s).toObject().value(u"pool"_s).toString();
    summary.algorithm = root.value(u"algo"_s).toString();
    summary.version = root.value(u"version"_s).toString();
    summary.workerId = root.value(u"worker_id"_s).toString();
    summary.paused = root.value(u"paused"_s).toBool();
    return summary;
}

Result<XmrigBackends, QString> XmrigApiClient::parseBackends(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(tr("the backends list is not JSON: %1").arg(error.errorString()));
    if (!document.isArray())
        return fail(tr("the backends list is not a JSON array"));

    XmrigBackends backends;
    for (const QJsonValue& value : document.array()) {
        const QJsonObject backend = value.toObject();
        if (!backend.value(u"enabled"_s).toBool())
            continue;
        const QString type = backend.value(u"type"_s).toString();
        const QJsonArray threads = backend.value(u"threads"_s).toArray();
        if (type == u"cpu"_s) {
            backends.cpuThreads += threads.size();
            continue;
        }
        for (const QJsonValue& threadValue : threads) {
            const QJsonObject thread = threadValue.toObject();
            const QJsonValue health = thread.value(u"health"_s);
            if (health.isObject())
                backends.gpus.append(gpuHealth(thread, health.toObject()));
        }
    }
    return backends;
}

} // namespace lethean::node
