#include "node/chunk_hasher.h"

#include <openssl/evp.h>

namespace lethean::node {

struct ChunkHasher::Digest
{
    Digest() : context(EVP_MD_CTX_new()) { EVP_DigestInit_ex2(context, EVP_sha256(), nullptr); }
    ~Digest() { EVP_MD_CTX_free(context); }
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;

    EVP_MD_CTX* context;
};

ChunkHasher::ChunkHasher(bool background) : m_digest(std::make_unique<Digest>())
{
    if (background)
        m_thread = std::thread([this] { run(); });
}

ChunkHasher::~ChunkHasher()
{
    if (!m_thread.joinable())
        return;
    {
        std::unique_lock lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void ChunkHasher::waitIdle(std::unique_lock<std::mutex>& lock)
{
    m_changed.wait(lock, [this] { return !m_busy; });
}

void ChunkHasher::add(const char* data, qsizetype size)
{
    if (!m_thread.joinable()) {
        EVP_DigestUpdate(m_digest->context, data, static_cast<size_t>(size));
        return;
    }
    {
        std::unique_lock lock(m_mutex);
        waitIdle(lock);
        m_pending = data;
        m_pendingSize = size;
        m_busy = true;
    }
    m_changed.notify_all();
}

QByteArray ChunkHasher::finish()
{
    if (m_thread.joinable()) {
        std::unique_lock lock(m_mutex);
        waitIdle(lock);
    }
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_digest->context, reinterpret_cast<unsigned char*>(digest.data()), &length);
    digest.truncate(static_cast<qsizetype>(length));
    return digest;
}

void ChunkHasher::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_stop || m_busy; });
        if (m_busy) {
            const char* data = m_pending;
            const qsizetype size = m_pendingSize;
            lock.unlock();
            EVP_DigestUpdate(m_digest->context, data, static_cast<size_t>(size));
            lock.lock();
            m_busy = false;
            m_changed.notify_all();
            continue;
        }
        if (m_stop)
            return;
    }
}

} // namespace lethean::node
