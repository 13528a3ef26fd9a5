#include "cli/joblisting.h"

#include <QDateTime>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

namespace {
QString formatGoTime(qint64 unixNanos)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(unixNanos / 1000000).toLocalTime();
    const int offset = t.offsetFromUtc();
    QString zone = u"Z"_s;
    if (offset != 0) {
        const int minutes = qAbs(offset) / 60;
        zone = (offset < 0 ? u"-"_s : u"+"_s) + QStringLiteral("%1:%2")
                                                    .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                                                    .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    }
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + zone;
}
} // namespace

QString columnize(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = qMax(widths[i], row[i].size());
        }
    }
    QStringList lines;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i > 0)
                line += u"  ";
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i]) : row[i];
        }
        lines.append(line);
    }
    return lines.join(u'\n');
}

QString formatJobList(const QList<JobStub> &jobs, bool withNamespace)
{
    QList<QStringList> rows;
    QStringList header = {u"ID"_s};
    if (withNamespace)
        header.append(u"Namespace"_s);
    header += QStringList{u"Type"_s, u"Priority"_s, u"Status"_s, u"Submit Date"_s};
    rows.append(header);
    for (const JobStub &j : jobs) {
        QString type = j.type;
        if (j.periodic)
            type += u"/periodic";
        if (j.parameterized)
            type += u"/parameterized";
        QStringList row = {j.id};
        if (withNamespace)
            row.append(j.nameSpace);
        row +=
            QStringList{type, QString::number(j.priority),
                        j.stop ? j.status + u" (stopped)" : j.status, formatGoTime(j.submitTime)};
        rows.append(row);
    }
    return columnize(rows);
}

std::expected<JobMatch, QString> matchJobPrefix(const QString &prefix, QList<JobStub> jobs,
                                                bool allNamespaces)
{
    jobs.removeIf(
        [&](const JobStub &j) { return !j.isParameterizedParent() || !j.id.startsWith(prefix); });
    std::sort(jobs.begin(), jobs.end(), [](const JobStub &a, const JobStub &b) {
        return a.id == b.id ? a.nameSpace < b.nameSpace : a.id < b.id;
    });
    if (jobs.isEmpty())
        return JobMatch{prefix, QString()};
    if (jobs.size() > 1) {
        const bool exact = jobs[0].id == prefix;
        const bool inSeveralNamespaces = allNamespaces && jobs[0].id == jobs[1].id;
        if (!exact || inSeveralNamespaces) {
            return std::unexpected(u"Prefix \"" + prefix + u"\" matched multiple jobs\n\n" +
                                   formatJobList(jobs, allNamespaces));
        }
    }
    return JobMatch{jobs[0].id, jobs[0].nameSpace};
}

} // namespace dd::cli
