#include "core/goduration.h"

#include <QRegularExpression>

namespace dd {

std::optional<std::chrono::nanoseconds> parseGoDuration(const QString &text)
{
    static const QRegularExpression part(
        QStringLiteral(R"((\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))"));
    QString rest = text.trimmed();
    if (rest == u"0")
        return std::chrono::nanoseconds(0);
    bool negative = false;
    if (rest.startsWith(u'-') || rest.startsWith(u'+')) {
        negative = rest.front() == u'-';
        rest.remove(0, 1);
    }
    if (rest.isEmpty())
        return std::nullopt;
    long double total = 0;
    qsizetype pos = 0;
    while (pos < rest.size()) {
        const auto m = part.match(rest, pos, QRegularExpression::NormalMatch,
                                  QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch())
            return std::nullopt;
        const long double value = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        long double scale = 1;
        if (unit == u"us" || unit == u"µs")
            scale = 1e3L;
        else if (unit == u"ms")
            scale = 1e6L;
        else if (unit == u"s")
            scale = 1e9L;
        else if (unit == u"m")
            scale = 60e9L;
        else if (unit == u"h")
            scale = 3600e9L;
        total += value * scale;
        pos = m.capturedEnd();
    }
    if (total > 9.2e18L)
        return std::nullopt;
    const auto ns = std::chrono::nanoseconds(qint64(total));
    return negative ? -ns : ns;
}

QString formatGoDuration(std::chrono::nanoseconds duration)
{
    qint64 ns = duration.count();
    if (ns == 0)
        return QStringLiteral("0s");
    QString sign;
    if (ns < 0) {
        sign = QStringLiteral("-");
        ns = -ns;
    }
    auto trimmed = [](double v) {
        QString s = QString::number(v, 'f', 9);
        while (s.endsWith(u'0'))
            s.chop(1);
        if (s.endsWith(u'.'))
            s.chop(1);
        return s;
    };
    if (ns < 1000)
        return sign + QString::number(ns) + u"ns";
    if (ns < 1000000)
        return sign + trimmed(double(ns) / 1e3) + u"µs";
    if (ns < 1000000000)
        return sign + trimmed(double(ns) / 1e6) + u"ms";
    QString out;
    const qint64 hours = ns / 3600000000000LL;
    ns -= hours * 3600000000000LL;
    const qint64 minutes = ns / 60000000000LL;
    ns -= minutes * 60000000000LL;
    if (hours > 0)
        out += QString::number(hours) + u'h';
    if (hours > 0 || minutes > 0)
        out += QString::number(minutes) + u'm';
    out += trimmed(double(ns) / 1e9) + u's';
    return sign + out;
}

} // namespace dd
