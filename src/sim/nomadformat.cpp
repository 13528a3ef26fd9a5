#include "sim/nomadformat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace dd::sim {

QString rfc3339Nano(qint64 unixNs)
{
    if (unixNs == 0)
        return u"0001-01-01T00:00:00Z"_s;
    qint64 seconds = unixNs / kNsPerSecond;
    qint64 nanos = unixNs % kNsPerSecond;
    if (nanos < 0) {
        nanos += kNsPerSecond;
        --seconds;
    }
    const QDateTime t = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    QString text = t.toString(u"yyyy-MM-ddTHH:mm:ss"_s);
    if (nanos != 0) {
        QString fraction = QString::number(nanos).rightJustified(9, u'0');
        while (fraction.endsWith(u'0'))
            fraction.chop(1);
        text += u'.' + fraction;
    }
    return text + u'Z';
}

QJsonValue timeValue(qint64 unixNs, Flavor flavor)
{
    if (unixNs == 0 && flavor == Flavor::Api)
        return QJsonValue::Null;
    return rfc3339Nano(unixNs);
}

static QString fractional(qint64 value, qint64 unit)
{
    QString text = QString::number(value / unit);
    qint64 rest = value % unit;
    if (rest == 0)
        return text;
    int digits = 0;
    for (qint64 u = unit; u > 1; u /= 10)
        ++digits;
    QString fraction = QString::number(rest).rightJustified(digits, u'0');
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    return text + u'.' + fraction;
}

QString goDuration(qint64 ns)
{
    if (ns == 0)
        return u"0s"_s;
    const bool negative = ns < 0;
    const quint64 u = negative ? quint64(-ns) : quint64(ns);
    QString text;
    if (u < quint64(kNsPerSecond)) {
        if (u < 1000)
            text = QString::number(u) + u"ns"_s;
        else if (u < 1'000'000)
            text = fractional(qint64(u), 1000) + u"µs"_s;
        else
            text = fractional(qint64(u), 1'000'000) + u"ms"_s;
    } else {
        const quint64 hours = u / (3600ULL * kNsPerSecond);
        const quint64 minutes = (u / (60ULL * kNsPerSecond)) % 60;
        const qint64 secNs = qint64(u % (60ULL * kNsPerSecond));
        if (hours > 0)
            text = QString::number(hours) + u'h' + QString::number(minutes) + u'm';
        else if (minutes > 0)
            text = QString::number(minutes) + u'm';
        text += fractional(secNs, kNsPerSecond) + u's';
    }
    return negative ? u'-' + text : text;
}

std::optional<qint64> parseGoDuration(const QString &input)
{
    QString s = input.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (s.startsWith(u'-') || s.startsWith(u'+')) {
        negative = s.startsWith(u'-');
        s.remove(0, 1);
    }
    if (s == u"0"_s)
        return 0;
    if (s.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        const qsizetype start = i;
        while (i < s.size() && (s[i].isDigit() || s[i] == u'.'))
            ++i;
        if (i == start)
            return std::nullopt;
        bool ok = false;
        const double number = s.mid(start, i - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < s.size() && !s[i].isDigit() && s[i] != u'.')
            ++i;
        const QString unit = s.mid(unitStart, i - unitStart);
        double scale = 0;
        if (unit == u"ns"_s)
            scale = 1;
        else if (unit == u"us"_s || unit == u"µs"_s || unit == u"μs"_s)
            scale = 1e3;
        else if (unit == u"ms"_s)
            scale = 1e6;
        else if (unit == u"s"_s)
            scale = 1e9;
        else if (unit == u"m"_s)
            scale = 60e9;
        else if (unit == u"h"_s)
            scale = 3600e9;
        else
            return std::nullopt;
        total += number * scale;
    }
    if (total > 9.2e18)
        return std::nullopt;
    const qint64 ns = qint64(std::llround(total));
    return negative ? -ns : ns;
}

bool isEmptyJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return !value.toBool();
    case QJsonValue::Double:
        return value.toDouble() == 0;
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!isEmptyJson(it.value()))
                return false;
        }
        return true;
    }
    }
    return true;
}

QJsonObject omitEmpty(const QJsonObject &object, const QStringList &keep)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (keep.contains(it.key()) || !isEmptyJson(it.value()))
            out.insert(it.key(), it.value());
    }
    return out;
}

QByteArray httpDate(qint64 unixMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(unixMs, Qt::UTC);
    return QLocale::c().toString(t, u"ddd, dd MMM yyyy HH:mm:ss"_s).toLatin1() + " GMT";
}

} // namespace dd::sim
