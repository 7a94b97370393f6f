#pragma once

// A small value-or-error type for module edges (C++20 has no std::expected). Errors cross module and
// thread boundaries as values, never as exceptions. Plain C++: ueps/ links no Qt, and node/ reuses it.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace lethean {

template <typename E> struct Unexpected
{
    E error;
};

template <typename E> Unexpected<std::decay_t<E>> fail(E&& error)
{
    return {std::forward<E>(error)};
}

template <typename T, typename E> class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    template <typename G>
    Result(Unexpected<G> failure) : m_state(std::in_place_index<1>, std::move(failure.error))
    {}

    bool ok() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() &
    {
        assert(ok());
        return *std::get_if<0>(&m_state);
    }
    const T& value() const&
    {
        assert(ok());
        return *std::get_if<0>(&m_state);
    }
    T&& value() &&
    {
        assert(ok());
        return std::move(*std::get_if<0>(&m_state));
    }
    const E& error() const&
    {
        assert(!ok());
        return *std::get_if<1>(&m_state);
    }
    E&& error() &&
    {
        assert(!ok());
        return std::move(*std::get_if<1>(&m_state));
    }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }

private:
    std::variant<T, E> m_state;
};

// Result of an operation that yields nothing but can fail.
template <typename E> class [[nodiscard]] Result<void, E>
{
public:
    Result() = default;
    template <typename G> Result(Unexpected<G> failure) : m_error(std::move(failure.error)), m_failed(true) {}

    bool ok() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return ok(); }
    const E& error() const&
    {
        assert(m_failed);
        return m_error;
    }

private:
    E m_error{};
    bool m_failed = false;
};

} // namespace lethean
