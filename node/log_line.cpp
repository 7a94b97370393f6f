#include "node/log_line.h"

#include <QDebug>
#include <QLocale>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace lethean::node {

namespace {

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space only. Qt's
// isPrint() also accepts the other space separators (U+00A0, U+2028 …), which Go escapes.
bool isGoPrintable(char32_t c)
{
    return c == U' ' || (QChar::isPrint(c) && !QChar::isSpace(c));
}

bool needsQuoting(const QString& text)
{
    if (text.isEmpty())
        return true;
    for (const char32_t c : text.toUcs4()) {
        if (c == U' ' || c == U'"' || c == U'=' || !isGoPrintable(c))
            return true;
    }
    return false;
}

QString hexEscape(QStringView prefix, char32_t c, int digits)
{
    return prefix.toString() + u"%1"_s.arg(static_cast<uint>(c), digits, 16, QChar(u'0'));
}

// One code point inside a quoted value, escaped as strconv.Quote does.
QString escapeCodePoint(char32_t c)
{
    switch (c) {
    case U'"':
        return u"\\\""_s;
    case U'\\':
        return u"\\\\"_s;
    case U'\a':
        return u"\\a"_s;
    case U'\b':
        return u"\\b"_s;
    case U'\f':
        return u"\\f"_s;
    case U'\n':
        return u"\\n"_s;
    case U'\r':
        return u"\\r"_s;
    case U'\t':
        return u"\\t"_s;
    case U'\v':
        return u"\\v"_s;
    }
    if (isGoPrintable(c))
        return QString::fromUcs4(&c, 1);
    if (c < 0x80)
        return hexEscape(u"\\x", c, 2);
    if (c < 0x10000)
        return hexEscape(u"\\u", c, 4);
    return hexEscape(u"\\U", c, 8);
}

QString quote(const QString& text)
{
    QString out = u"\""_s;
    for (const char32_t c : text.toUcs4())
        out += escapeCodePoint(c);
    out += u'"';
    return out;
}

// The value as text before quoting, following Go's %v where a Qt type has a Go counterpart.
QString plainValue(const QVariant& value)
{
    if (!value.isValid())
        return u"<nil>"_s;
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QMetaType::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::Float:
        return QString::number(value.toFloat(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::QByteArray:
        return QString::fromUtf8(value.toByteArray());
    case QMetaType::QStringList:
        return u'[' + value.toStringList().join(u' ') + u']';
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    default:
        break;
    }
    if (value.canConvert<QString>())
        return value.toString();
    // A type with no text form (a struct, a pointer): its debug streaming operator, as Go's %v prints
    // a struct's fields, or else its type name.
    if (QMetaType type = value.metaType(); type.hasRegisteredDebugStreamOperator()) {
        QString text;
        {
            QDebug stream(&text); // writes into text when it goes out of scope
            stream.nospace().noquote();
            type.debugStream(stream, value.constData());
        }
        return text;
    }
    return u'<' + QString::fromLatin1(value.typeName()) + u'>';
}

} // namespace

bool LogFilter::matches(const LogLine& line) const
{
    if (!component.isEmpty() && line.component != component)
        return false;
    if (line.level < minLevel)
        return false;
    return !since.isValid() || line.timestamp >= since;
}

QString formatLogTimestamp(const QDateTime& time)
{
    return time.toString(u"yyyy/MM/dd HH:mm:ss"_s);
}

QString formatLogValue(const QVariant& value)
{
    const QString text = plainValue(value);
    return needsQuoting(text) ? quote(text) : text;
}

QString formatLogFields(const LogFields& fields)
{
    if (fields.isEmpty())
        return {};
    QString out = u" |"_s;
    for (const auto& [key, value] : fields)
        out += u' ' + key + u'=' + formatLogValue(value);
    return out;
}

QString formatLogBody(LogLevel level, const QString& component, const QString& message,
                      const LogFields& fields)
{
    QString out = u" ["_s + toString(level) + u']';
    if (!component.isEmpty())
        out += u" ["_s + component + u']';
    out += u' ' + message + formatLogFields(fields);
    return out;
}

QString formatLogLine(const LogLine& line)
{
    return formatLogTimestamp(line.timestamp) +
           formatLogBody(line.level, line.component, line.message, line.fields);
}

} // namespace lethean::node
