#pragma once

#include "node/payloads.h"
#include "ueps/result.h"

#include <QByteArrayView>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <chrono>
#include <functional>
#include <optional>

namespace lethean::node {

// What XMRig's GET /2/summary says (fields checked against XMRig's ApiRouter, Network and Miner sources;
// shared/spec/XMRIG.md).
struct XmrigSummary
{
    // hashrate.total: 10 s, 60 s, 15 min in H/s; each null until its window has filled — "not yet
    // known", never zero.
    std::optional<double> hashrate10s;
    std::optional<double> hashrate60s;
    std::optional<double> hashrate15m;
    qint64 sharesGood = 0;  // results.shares_good
    qint64 sharesTotal = 0; // results.shares_total; rejected = total - good
    qint64 uptime = 0;      // seconds since XMRig started
    QString pool;           // connection.pool
    QString algorithm;      // algo
    QString version;        // version
    QString workerId;       // worker_id
    bool paused = false;
};

// What GET /2/backends says that we use: CPU threads and the health of every GPU thread.
struct XmrigBackends
{
    qint64 cpuThreads = 0; // threads of the enabled cpu backend
    QList<GpuHealth> gpus; // one per GPU thread that reports health (CUDA with NVML, OpenCL with ADL)
};

// A small client of XMRig's HTTP API on 127.0.0.1, with the access token as a Bearer header and a
// timeout per request. Lives on the node thread. A reply that arrives after setEndpoint() (the miner was
// restarted on another port) is dropped, never delivered.
class XmrigApiClient : public QObject
{
    Q_OBJECT

public:
    // More than this in one reply is not XMRig: the request is aborted.
    static constexpr qint64 kMaxReplyBytes = 1 << 20;

    explicit XmrigApiClient(QObject* parent = nullptr);

    void setEndpoint(quint16 port, const QString& accessToken);
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    quint16 port() const { return m_port; }

    using SummaryHandler = std::function<void(Result<XmrigSummary, QString>)>;
    using BackendsHandler = std::function<void(Result<XmrigBackends, QString>)>;
    // The handler runs later on this thread (never inside the call), exactly once, unless the client is
    // destroyed or its endpoint changes first.
    void fetchSummary(SummaryHandler handler);
    void fetchBackends(BackendsHandler handler);

    static Result<XmrigSummary, QString> parseSummary(QByteArrayView json);
    static Result<XmrigBackends, QString> parseBackends(QByteArrayView json);

private:
    using BodyHandler = std::function<void(Result<QByteArray, QString>)>;
    void get(const QString& path, BodyHandler handler);

    QNetworkAccessManager m_network;
    quint16 m_port = 0;
    QByteArray m_authorization;
    std::chrono::milliseconds m_timeout{3000};
    quint64 m_generation = 0;
};

} // namespace lethean::node
