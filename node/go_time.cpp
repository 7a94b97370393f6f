#include "node/go_time.h"

#include <cstdio>

#include <chrono>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

constexpr qint64 kSecondsPerDay = 86400;
constexpr int kNanosPerSecond = 1'000'000'000;
constexpr int kFractionDigits = 9;

// Floor division, so instants before 1970 land on the right day.
qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Reads exactly `count` ASCII digits at `pos`; -1 when any is not a digit.
int digitsAt(QStringView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text[pos + i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// Writes `value` (>= 0) as exactly `width` decimal digits, zero-padded; returns one past the last.
char* putDigits(char* out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

// Go's "2006": four digits, zero-padded; a year outside 0..9999 as printf's %04d writes it.
char* putYear(char* out, int year)
{
    if (year >= 0 && year <= 9999)
        return putDigits(out, year, 4);
    return out + std::snprintf(out, 16, "%04d", year);
}

bool charAt(QStringView text, qsizetype pos, char16_t expected)
{
    return pos < text.size() && text[pos].unicode() == expected;
}

Unexpected<QString> malformed(QStringView text, const QString& why)
{
    return fail(u"bad timestamp \"%1\": %2"_s.arg(text.toString(), why));
}

// std::chrono's proleptic Gregorian calendar has a year 0 as Go's does (QDate has none).
qint64 daysFromCivil(int year, int month, int day)
{
    using namespace std::chrono;
    return sys_days(year_month_day(std::chrono::year(year), std::chrono::month(unsigned(month)),
                                   std::chrono::day(unsigned(day))))
        .time_since_epoch()
        .count();
}

bool isValidCivil(int year, int month, int day)
{
    using namespace std::chrono;
    return year_month_day(std::chrono::year(year), std::chrono::month(unsigned(month)),
                          std::chrono::day(unsigned(day)))
        .ok();
}

struct Offset
{
    int seconds = 0;
    qsizetype end = 0;
};

// `Z` or ±HH:MM at `pos`, which must end the text.
Result<Offset, QString> parseOffset(QStringView text, qsizetype pos)
{
    if (charAt(text, pos, u'Z'))
        return Offset{0, pos + 1};
    const bool plus = charAt(text, pos, u'+');
    if (!plus && !charAt(text, pos, u'-'))
        return malformed(text, u"expected Z or a ±HH:MM offset"_s);
    const int hours = digitsAt(text, pos + 1, 2);
    const int minutes = digitsAt(text, pos + 4, 2);
    if (hours < 0 || minutes < 0 || !charAt(text, pos + 3, u':'))
        return malformed(text, u"offset is not ±HH:MM"_s);
    if (hours > 23 || minutes > 59)
        return malformed(text, u"offset out of range"_s);
    const int seconds = (hours * 3600 + minutes * 60) * (plus ? 1 : -1);
    return Offset{seconds, pos + 6};
}

struct Fraction
{
    int nanos = 0;
    qsizetype end = 0;
};

// Optional ".digits" at `pos`. Go accepts any number of digits and keeps the first nine.
Result<Fraction, QString> parseFraction(QStringView text, qsizetype pos)
{
    if (!charAt(text, pos, u'.'))
        return Fraction{0, pos};
    qsizetype end = pos + 1;
    int nanos = 0;
    int used = 0;
    while (end < text.size() && text[end].unicode() >= u'0' && text[end].unicode() <= u'9') {
        if (used < kFractionDigits) {
            nanos = nanos * 10 + (text[end].unicode() - u'0');
            ++used;
        }
        ++end;
    }
    if (end == pos + 1)
        return malformed(text, u"no digits after the decimal point"_s);
    for (; used < kFractionDigits; ++used)
        nanos *= 10;
    return Fraction{nanos, end};
}

} // namespace

GoTime::GoTime(const QDateTime& dateTime, int nanosecond)
    // Floored: QDateTime::toSecsSinceEpoch() truncates towards zero, which is wrong before 1970.
    : m_seconds(floorDiv(dateTime.toMSecsSinceEpoch(), 1000)),
      m_nanosecond(qBound(0, nanosecond, kNanosPerSecond - 1)), m_offsetSeconds(dateTime.offsetFromUtc()),
      m_valid(dateTime.isValid())
{}

GoTime GoTime::now()
{
    const auto sinceEpoch = std::chrono::system_clock::now().time_since_epoch();
    const qint64 nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(sinceEpoch).count();
    const qint64 seconds = floorDiv(nanos, kNanosPerSecond);
    return fromUnix(seconds, int(nanos - seconds * kNanosPerSecond));
}

GoTime GoTime::fromUnix(qint64 seconds, int nanosecond, int offsetSeconds)
{
    GoTime t;
    t.m_seconds = seconds;
    t.m_nanosecond = qBound(0, nanosecond, kNanosPerSecond - 1);
    t.m_offsetSeconds = offsetSeconds;
    t.m_valid = true;
    return t;
}

Result<GoTime, QString> GoTime::parse(QStringView text)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM), every field fixed-width.
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || !charAt(text, 4, u'-') ||
        !charAt(text, 7, u'-') || !charAt(text, 10, u'T') || !charAt(text, 13, u':') ||
        !charAt(text, 16, u':'))
        return malformed(text, u"not RFC 3339 (YYYY-MM-DDTHH:MM:SS…)"_s);
    if (month < 1 || month > 12 || day < 1 || !isValidCivil(year, month, day))
        return malformed(text, u"day out of range"_s);
    if (hour > 23 || minute > 59 || second > 59)
        return malformed(text, u"time of day out of range"_s);

    auto fraction = parseFraction(text, 19);
    if (!fraction)
        return fail(fraction.error());
    auto offset = parseOffset(text, fraction->end);
    if (!offset)
        return fail(offset.error());
    if (offset->end != text.size())
        return malformed(text, u"extra text after the offset"_s);

    const qint64 local =
        daysFromCivil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
    return fromUnix(local - offset->seconds, fraction->nanos, offset->seconds);
}

qint64 GoTime::toMSecsSinceEpoch() const
{
    return m_seconds * 1000 + m_nanosecond / 1'000'000;
}

QDateTime GoTime::toDateTime() const
{
    if (!m_valid)
        return {};
    return QDateTime::fromMSecsSinceEpoch(toMSecsSinceEpoch(), Qt::OffsetFromUTC, m_offsetSeconds);
}

QString GoTime::toString() const
{
    if (!m_valid)
        return {};
    const qint64 local = m_seconds + m_offsetSeconds;
    const qint64 days = floorDiv(local, kSecondsPerDay);
    const qint64 secondOfDay = local - days * kSecondsPerDay;
    const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(days))};

    // Written digit by digit into one buffer: this runs for every message sent, and both QString::arg
    // chains (six allocations) and snprintf (its format parser) showed in profiles.
    char buffer[48];
    char* next = putYear(buffer, int(date.year()));
    *next++ = '-';
    next = putDigits(next, unsigned(date.month()), 2);
    *next++ = '-';
    next = putDigits(next, unsigned(date.day()), 2);
    *next++ = 'T';
    next = putDigits(next, secondOfDay / 3600, 2);
    *next++ = ':';
    next = putDigits(next, secondOfDay / 60 % 60, 2);
    *next++ = ':';
    next = putDigits(next, secondOfDay % 60, 2);
    if (m_nanosecond != 0) {
        *next++ = '.';
        next = putDigits(next, m_nanosecond, kFractionDigits);
        while (next[-1] == '0') // Go drops trailing zeros; a non-zero fraction keeps a digit
            --next;
    }
    if (m_offsetSeconds == 0) {
        *next++ = 'Z';
    } else {
        // Go writes ±HH:MM and drops any seconds of the offset.
        const int magnitude = qAbs(m_offsetSeconds) / 60;
        *next++ = m_offsetSeconds < 0 ? '-' : '+';
        next = putDigits(next, magnitude / 60, 2);
        *next++ = ':';
        next = putDigits(next, magnitude % 60, 2);
    }
    const auto length = static_cast<qsizetype>(next - buffer);
    return QString::fromLatin1(buffer, length);
}

QString formatGoTime(const QDateTime& dateTime, int nanosecond)
{
    return GoTime(dateTime, nanosecond).toString();
}

Result<GoTime, QString> parseGoTime(QStringView text)
{
    return GoTime::parse(text);
}

} // namespace lethean::node
