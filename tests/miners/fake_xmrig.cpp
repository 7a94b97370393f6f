// A stand-in for XMRig (not packaged for Debian) that the miner supervisor runs in tests without knowing
// it is fake: XMRig's command line, its config file's http section, its HTTP API shape (/2/summary,
// /2/backends with Bearer auth: 401 without a token, 403 with a wrong one or a non-GET while
// restricted), and XMRig-like console lines. Environment variables (inherited through QProcess) make it
// misbehave:
//   FAKE_XMRIG_HASHRATE=H/s          the hashrate it reports (default 1000)
//   FAKE_XMRIG_WINDOWS_MS=a,b,c      when the 10 s / 60 s / 15 min windows fill (default 10000,60000,900000);
//                                    each figure is null until then
//   FAKE_XMRIG_SHARE_MS=ms           one more good share this often (default 1000)
//   FAKE_XMRIG_REJECT_EVERY=n        every n-th share is rejected (default 0: none)
//   FAKE_XMRIG_GPUS=n                n CUDA threads with health in /2/backends (default 0)
//   FAKE_XMRIG_CRASH_AFTER_MS=ms     abort() after ms (0: at once, before the API is up)
//   FAKE_XMRIG_EXIT_CODE=n           with CRASH_AFTER_MS: exit(n) instead of abort()
//   FAKE_XMRIG_HANG=1                ignore SIGTERM (only SIGKILL ends it)
//   FAKE_XMRIG_API_DEAD_AFTER_MS=ms  after ms, accept API connections but never answer
//   FAKE_XMRIG_PID_FILE=path         write its PID there at start
//   FAKE_XMRIG_ARGS_FILE=path        write its arguments there, one per line
//   FAKE_XMRIG_PRINT_MS=ms           a "speed" line this often (default: the config's print-time)
//   FAKE_XMRIG_GARBAGE=1             /2/summary answers with something that is not JSON

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kVersion = "6.21.0";

qint64 envInt(const char* name, qint64 fallback)
{
    bool ok = false;
    const qint64 value = qEnvironmentVariable(name).toLongLong(&ok);
    return ok ? value : fallback;
}

void printLine(const QString& tag, const QString& text)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    const QByteArray line = u"[%1]  %2 %3\n"_s.arg(stamp, tag.leftJustified(8), text).toUtf8();
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fflush(stdout);
}

void printRaw(const QString& text)
{
    const QByteArray line = (text + u'\n').toUtf8();
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fflush(stdout);
}

struct Options
{
    QString host = u"127.0.0.1"_s;
    int port = 0;
    QString token;
    bool httpEnabled = false;
    bool restricted = true;
    QString pool;
    QString user;
    int threads = 0;
    int donateLevel = 1;
    int printTime = 60;
};

class FakeXmrig : public QObject
{
public:
    explicit FakeXmrig(Options options) : m_options(std::move(options))
    {
        m_clock.start();
        m_hashrate = double(envInt("FAKE_XMRIG_HASHRATE", 1000));
        const QStringList windows =
            qEnvironmentVariable("FAKE_XMRIG_WINDOWS_MS", u"10000,60000,900000"_s).split(u',');
        for (int i = 0; i < 3; ++i)
            m_windowMs[i] = i < windows.size() ? windows.at(i).toLongLong() : 0;
        m_shareMs = std::max<qint64>(1, envInt("FAKE_XMRIG_SHARE_MS", 1000));
        m_rejectEvery = envInt("FAKE_XMRIG_REJECT_EVERY", 0);
        m_gpus = int(envInt("FAKE_XMRIG_GPUS", 0));
        m_apiDeadAfterMs = envInt("FAKE_XMRIG_API_DEAD_AFTER_MS", -1);
        m_garbage = qEnvironmentVariableIntValue("FAKE_XMRIG_GARBAGE") == 1;
    }

    bool start()
    {
        printRaw(u" * ABOUT        XMRig/%1 gcc/12.2.0 (fake for tests)"_s.arg(QLatin1StringView(kVersion)));
        printRaw(u" * DONATE       %1%"_s.arg(m_options.donateLevel));
        printRaw(u" * POOL #1      %1 algo auto"_s.arg(m_options.pool));
        if (m_options.httpEnabled) {
            if (!m_server.listen(QHostAddress(m_options.host), quint16(m_options.port))) {
                printLine(u"http"_s, u"%1:%2 bind failed: %3"_s.arg(m_options.host)
                                         .arg(m_options.port)
                                         .arg(m_server.errorString()));
            } else {
                printRaw(u" * HTTP API     %1:%2"_s.arg(m_options.host).arg(m_server.serverPort()));
                QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
            }
        }
        printLine(u"net"_s, u"use pool %1"_s.arg(m_options.pool));
        printLine(u"net"_s, u"new job from %1 diff 100000 algo rx/0 height 3000000"_s.arg(m_options.pool));
        printLine(u"cpu"_s, u"READY threads %1/%1 (%1) huge pages 0% 0/%1 +JIT"_s.arg(threads()));

        QObject::connect(&m_shareTimer, &QTimer::timeout, this, [this] { share(); });
        m_shareTimer.start(int(m_shareMs));
        const qint64 printMs = envInt("FAKE_XMRIG_PRINT_MS", qint64(m_options.printTime) * 1000);
        if (printMs > 0) {
            QObject::connect(&m_printTimer, &QTimer::timeout, this, [this] { printSpeed(); });
            m_printTimer.start(int(printMs));
        }
        return true;
    }

private:
    int threads() const { return m_options.threads > 0 ? m_options.threads : 4; }

    std::optional<double> window(int i) const
    {
        if (m_clock.elapsed() < m_windowMs[i])
            return std::nullopt;
        return m_hashrate;
    }

    static QJsonValue json(std::optional<double> value)
    {
        return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    }

    static QString text(std::optional<double> value)
    {
        return value ? QString::number(*value, 'f', 1) : u"n/a"_s;
    }

    void printSpeed()
    {
        printLine(u"miner"_s, u"speed 10s/60s/15m %1 %2 %3 H/s max %4 H/s"_s.arg(
                                  text(window(0)), text(window(1)), text(window(2)), text(window(0))));
    }

    void share()
    {
        ++m_total;
        const bool rejected = m_rejectEvery > 0 && m_total % m_rejectEvery == 0;
        if (rejected) {
            printLine(u"cpu"_s,
                      u"rejected (%1/%2) diff 100000 \"Low difficulty share\" (12 ms)"_s.arg(m_good).arg(
                          m_total - m_good));
        } else {
            ++m_good;
            printLine(u"cpu"_s, u"accepted (%1/%2) diff 100000 (12 ms)"_s.arg(m_good).arg(m_total - m_good));
        }
    }

    bool apiDead() const { return m_apiDeadAfterMs >= 0 && m_clock.elapsed() >= m_apiDeadAfterMs; }

    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { read(socket); });
        }
    }

    void read(QTcpSocket* socket)
    {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        if (buffer.size() > 64 * 1024) {
            socket->abort();
            return;
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            socket->setProperty("buffer", buffer);
            return;
        }
        socket->setProperty("buffer", QByteArray());
        if (apiDead())
            return; // hung: the connection stays open, the answer never comes

        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        const QByteArray method = requestLine.value(0);
        const QByteArray path = requestLine.value(1);
        QByteArray authorization;
        bool hasAuthorization = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "authorization") {
                hasAuthorization = true;
                authorization = line.mid(colon + 1).trimmed();
            }
        }

        if (!m_options.token.isEmpty() || !m_options.restricted) {
            if (!hasAuthorization)
                return respond(socket, 401, "Unauthorized", {});
            if (authorization != "Bearer " + m_options.token.toUtf8())
                return respond(socket, 403, "Forbidden", {});
        }
        if (method != "GET")
            return respond(socket, 403, "Forbidden", {});
        if (path == "/2/summary" || path == "/1/summary" || path == "/api.json") {
            if (m_garbage)
                return respond(socket, 200, "OK", "this is not json{");
            return respond(socket, 200, "OK", QJsonDocument(summary()).toJson(QJsonDocument::Compact));
        }
        if (path == "/2/backends")
            return respond(socket, 200, "OK", QJsonDocument(backends()).toJson(QJsonDocument::Compact));
        respond(socket, 404, "Not Found", {});
    }

    void respond(QTcpSocket* socket, int status, const QByteArray& reason, const QByteArray& body)
    {
        QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        if (!body.isEmpty())
            response += "Content-Type: application/json\r\n";
        response +=
            "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    QJsonObject summary() const
    {
        QJsonObject hashrate{{u"total"_s, QJsonArray{json(window(0)), json(window(1)), json(window(2))}},
                             {u"highest"_s, json(window(0))}};
        QJsonObject results{{u"diff_current"_s, 100000},
                            {u"shares_good"_s, m_good},
                            {u"shares_total"_s, m_total},
                            {u"avg_time"_s, 1},
                            {u"avg_time_ms"_s, 1000},
                            {u"hashes_total"_s, qint64(m_hashrate * double(m_clock.elapsed()) / 1000.0)},
                            {u"best"_s, QJsonArray{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}};
        QJsonObject connection{{u"pool"_s, m_options.pool},
                               {u"ip"_s, u"192.0.2.1"_s},
                               {u"uptime"_s, m_clock.elapsed() / 1000},
                               {u"uptime_ms"_s, m_clock.elapsed()},
                               {u"ping"_s, 20},
                               {u"failures"_s, 0},
                               {u"tls"_s, QJsonValue(QJsonValue::Null)},
                               {u"tls-fingerprint"_s, QJsonValue(QJsonValue::Null)},
                               {u"algo"_s, u"rx/0"_s},
                               {u"diff"_s, 100000},
                               {u"accepted"_s, m_good},
                               {u"rejected"_s, m_total - m_good},
                               {u"avg_time"_s, 1},
                               {u"avg_time_ms"_s, 1000},
                               {u"hashes_total"_s, 0}};
        QJsonObject root{
            {u"id"_s, u"fakefakefakefake"_s},
            {u"worker_id"_s, u"fake-rig"_s},
            {u"uptime"_s, m_clock.elapsed() / 1000},
            {u"restricted"_s, m_options.restricted},
            {u"resources"_s,
             QJsonObject{
                 {u"memory"_s, QJsonObject{{u"free"_s, 1}, {u"total"_s, 2}, {u"resident_set_memory"_s, 1}}},
                 {u"load_average"_s, QJsonArray{0.1, 0.2, 0.3}},
                 {u"hardware_concurrency"_s, threads()}}},
            {u"features"_s, QJsonArray{u"api"_s, u"tls"_s}},
            {u"results"_s, results},
            {u"algo"_s, u"rx/0"_s},
            {u"connection"_s, connection},
            {u"version"_s, QLatin1StringView(kVersion)},
            {u"kind"_s, u"miner"_s},
            {u"ua"_s, u"XMRig/%1 (Linux x86_64) libuv/1.44.2 gcc/12.2.0"_s.arg(QLatin1StringView(kVersion))},
            {u"cpu"_s, QJsonObject{{u"brand"_s, u"Fake CPU"_s}, {u"threads"_s, threads()}}},
            {u"donate_level"_s, m_options.donateLevel},
            {u"paused"_s, false},
            {u"algorithms"_s, QJsonArray{u"rx/0"_s}},
            {u"hashrate"_s, hashrate},
            {u"hugepages"_s, false}};
        return root;
    }

    QJsonArray backends() const
    {
        const QJsonArray rate{json(window(0)), json(window(1)), json(window(2))};
        QJsonArray cpuThreads;
        for (int i = 0; i < threads(); ++i)
            cpuThreads.append(
                QJsonObject{{u"intensity"_s, 1}, {u"affinity"_s, -1}, {u"av"_s, 1}, {u"hashrate"_s, rate}});
        QJsonArray out{QJsonObject{{u"type"_s, u"cpu"_s},
                                   {u"enabled"_s, true},
                                   {u"algo"_s, u"rx/0"_s},
                                   {u"profile"_s, u"rx"_s},
                                   {u"hw-aes"_s, true},
                                   {u"priority"_s, -1},
                                   {u"msr"_s, false},
                                   {u"asm"_s, u"intel"_s},
                                   {u"argon2-impl"_s, u"AVX2"_s},
                                   {u"hugepages"_s, QJsonArray{0, threads()}},
                                   {u"memory"_s, 2097152},
                                   {u"hashrate"_s, rate},
                                   {u"threads"_s, cpuThreads}}};
        QJsonArray gpuThreads;
        for (int i = 0; i < m_gpus; ++i) {
            const QJsonObject health{{u"temperature"_s, 60 + i},
                                     {u"power"_s, 120 + i},
                                     {u"clock"_s, 1800},
                                     {u"mem_clock"_s, 7000},
                                     {u"fan_speed"_s, QJsonArray{40 + i, 50 + i}}};
            gpuThreads.append(QJsonObject{{u"index"_s, i},
                                          {u"threads"_s, 32},
                                          {u"blocks"_s, 60},
                                          {u"bfactor"_s, 0},
                                          {u"bsleep"_s, 0},
                                          {u"affinity"_s, -1},
                                          {u"hashrate"_s, rate},
                                          {u"name"_s, u"Fake GeForce %1"_s.arg(i)},
                                          {u"bus_id"_s, u"0%1:00.0"_s.arg(i + 1)},
                                          {u"health"_s, health}});
        }
        out.append(QJsonObject{{u"type"_s, u"cuda"_s},
                               {u"enabled"_s, m_gpus > 0},
                               {u"algo"_s, u"rx/0"_s},
                               {u"profile"_s, u"rx"_s},
                               {u"hashrate"_s, rate},
                               {u"threads"_s, gpuThreads}});
        out.append(QJsonObject{
            {u"type"_s, u"opencl"_s}, {u"enabled"_s, false}, {u"algo"_s, QJsonValue(QJsonValue::Null)}});
        return out;
    }

    Options m_options;
    QElapsedTimer m_clock;
    QTcpServer m_server;
    QTimer m_shareTimer;
    QTimer m_printTimer;
    double m_hashrate = 1000;
    qint64 m_windowMs[3] = {};
    qint64 m_shareMs = 1000;
    qint64 m_rejectEvery = 0;
    int m_gpus = 0;
    qint64 m_apiDeadAfterMs = -1;
    bool m_garbage = false;
    qint64 m_good = 0;
    qint64 m_total = 0;
};

// The config file first, then the command line on top (as XMRig reads them).
std::optional<Options> readOptions(const QCommandLineParser& parser)
{
    Options options;
    if (parser.isSet(u"config"_s)) {
        QFile file(parser.value(u"config"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            printLine(u"config"_s, u"unable to open \"%1\"."_s.arg(file.fileName()));
            return std::nullopt;
        }
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (!document.isObject()) {
            printLine(u"config"_s, u"\"%1\" JSON error: %2"_s.arg(file.fileName(), error.errorString()));
            return std::nullopt;
        }
        const QJsonObject root = document.object();
        const QJsonObject http = root.value(u"http"_s).toObject();
        options.httpEnabled = http.value(u"enabled"_s).toBool();
        options.host = http.value(u"host"_s).toString(u"127.0.0.1"_s);
        options.port = http.value(u"port"_s).toInt();
        options.token = http.value(u"access-token"_s).toString();
        options.restricted = http.value(u"restricted"_s).toBool(true);
        const QJsonObject pool = root.value(u"pools"_s).toArray().at(0).toObject();
        options.pool = pool.value(u"url"_s).toString();
        options.user = pool.value(u"user"_s).toString();
        options.donateLevel = root.value(u"donate-level"_s).toInt(1);
        options.printTime = root.value(u"print-time"_s).toInt(60);
        options.threads =
            root.value(u"cpu"_s).toObject().value(u"*"_s).toObject().value(u"threads"_s).toInt();
    }
    if (parser.isSet(u"url"_s))
        options.pool = parser.value(u"url"_s);
    if (parser.isSet(u"user"_s))
        options.user = parser.value(u"user"_s);
    if (parser.isSet(u"threads"_s))
        options.threads = parser.value(u"threads"_s).toInt();
    if (parser.isSet(u"donate-level"_s))
        options.donateLevel = parser.value(u"donate-level"_s).toInt();
    if (parser.isSet(u"http-host"_s)) {
        options.host = parser.value(u"http-host"_s);
        options.httpEnabled = true;
    }
    if (parser.isSet(u"http-port"_s)) {
        options.port = parser.value(u"http-port"_s).toInt();
        options.httpEnabled = true;
    }
    if (parser.isSet(u"http-access-token"_s)) {
        options.token = parser.value(u"http-access-token"_s);
        options.httpEnabled = true;
    }
    if (parser.isSet(u"http-no-restricted"_s))
        options.restricted = false;
    if (options.pool.isEmpty()) {
        printLine(u"config"_s, u"no valid configuration found, try https://xmrig.com/wizard"_s);
        return std::nullopt;
    }
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIntValue("FAKE_XMRIG_HANG") == 1)
        std::signal(SIGTERM, SIG_IGN);

    if (const QString pidFile = qEnvironmentVariable("FAKE_XMRIG_PID_FILE"); !pidFile.isEmpty()) {
        QFile file(pidFile);
        if (file.open(QIODevice::WriteOnly))
            file.write(QByteArray::number(QCoreApplication::applicationPid()));
    }
    if (const QString argsFile = qEnvironmentVariable("FAKE_XMRIG_ARGS_FILE"); !argsFile.isEmpty()) {
        QFile file(argsFile);
        if (file.open(QIODevice::WriteOnly))
            file.write(QCoreApplication::arguments().mid(1).join(u'\n').toUtf8());
    }

    QCommandLineParser parser;
    parser.addOptions({{{u"c"_s, u"config"_s}, u"config file"_s, u"file"_s},
                       {u"no-color"_s, u"no colours"_s},
                       {{u"o"_s, u"url"_s}, u"pool"_s, u"url"_s},
                       {{u"u"_s, u"user"_s}, u"user"_s, u"user"_s},
                       {{u"p"_s, u"pass"_s}, u"password"_s, u"pass"_s},
                       {{u"t"_s, u"threads"_s}, u"threads"_s, u"n"_s},
                       {u"http-host"_s, u"API host"_s, u"host"_s},
                       {u"http-port"_s, u"API port"_s, u"port"_s},
                       {u"http-access-token"_s, u"API token"_s, u"token"_s},
                       {u"http-no-restricted"_s, u"full API access"_s},
                       {u"donate-level"_s, u"donate level"_s, u"n"_s}});
    // Unknown --flags (the profile's extra arguments) are ignored, as a test double should.
    parser.parse(QCoreApplication::arguments());

    const auto options = readOptions(parser);
    if (!options)
        return 1;

    const qint64 crashAfter = envInt("FAKE_XMRIG_CRASH_AFTER_MS", -1);
    const qint64 exitCode = envInt("FAKE_XMRIG_EXIT_CODE", -1);
    auto crash = [exitCode] {
        printLine(u"signal"_s, u"fake crash"_s);
        if (exitCode >= 0)
            std::exit(int(exitCode));
        std::abort();
    };
    if (crashAfter == 0)
        crash();

    FakeXmrig miner(*options);
    miner.start();
    if (crashAfter > 0)
        QTimer::singleShot(int(crashAfter), crash);
    return QCoreApplication::exec();
}
