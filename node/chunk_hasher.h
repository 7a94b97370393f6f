#pragma once

#include <QByteArray>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace lethean::node {

// SHA-256 over a stream of pieces, optionally on a helper thread. Sealing and opening a bundle hash
// every plaintext byte and encrypt or decrypt it too; SHA-256 costs about as much as the cipher, so on
// one thread the checksum would halve the throughput. With `background` the hash of piece i runs
// while the caller works on piece i+1 (two buffers in turn), which keeps memory at two chunks.
//
//   add(a) … fill b … add(b) … fill a … add(a) … finish()
//
// add() returns once the previous piece is hashed; the bytes passed to add() must stay untouched
// until the following add() or finish() returns.
class ChunkHasher
{
public:
    explicit ChunkHasher(bool background);
    ~ChunkHasher();
    ChunkHasher(const ChunkHasher&) = delete;
    ChunkHasher& operator=(const ChunkHasher&) = delete;

    void add(const char* data, qsizetype size);
    // The 32-byte digest; the hasher is spent afterwards.
    QByteArray finish();

private:
    struct Digest;
    void run();
    void waitIdle(std::unique_lock<std::mutex>& lock);

    std::unique_ptr<Digest> m_digest;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    const char* m_pending = nullptr;
    qsizetype m_pendingSize = 0;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace lethean::node
