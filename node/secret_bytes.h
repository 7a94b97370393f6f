#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

namespace lethean::node {

// Key material: a fixed-size heap buffer that is locked in RAM where the OS allows it (sodium_mlock,
// best effort: RLIMIT_MEMLOCK may refuse) and wiped with sodium_memzero when it dies. Move-only, so
// a secret never silently multiplies; copying it out (toByteArray) is explicit.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(qsizetype size); // zero-filled
    static SecretBytes copyOf(QByteArrayView bytes);
    ~SecretBytes();

    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    unsigned char* data() { return m_data.get(); }
    const unsigned char* data() const { return m_data.get(); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return {m_data.get(), m_size}; }
    // An ordinary, unprotected copy, for APIs that need a QByteArray. The caller owns the risk.
    QByteArray toByteArray() const { return view().toByteArray(); }
    // Constant-time comparison; false when the sizes differ.
    bool equals(QByteArrayView other) const;

private:
    void release();

    std::unique_ptr<unsigned char[]> m_data;
    qsizetype m_size = 0;
    bool m_locked = false;
};

} // namespace lethean::node
