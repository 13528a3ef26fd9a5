// Incremental find over a log view's lines; see logsearch.h.
#include "logsearch.h"

#include "loglinebuffer.h"

#include <algorithm>

namespace dd::gui {

void LogSearch::setNeedle(const QString &needle)
{
    m_needle = needle;
    restart();
}

void LogSearch::restart()
{
    m_matches.clear();
    m_next = 0;
    m_current = -1;
    m_done = m_needle.isEmpty();
    m_capped = false;
}

qsizetype LogSearch::lowerBound(qint64 line, qsizetype column) const
{
    return std::lower_bound(m_matches.cbegin(), m_matches.cend(), pack(line, column)) -
           m_matches.cbegin();
}

bool LogSearch::run(const LogLineBuffer &lines, QDeadlineTimer deadline)
{
    m_done = true;
    m_capped = false;
    if (m_needle.isEmpty())
        return true;
    // Matches on lines dropped from the front go; the current one keeps its place.
    const qsizetype gone = lowerBound(lines.firstLine());
    m_matches.erase(m_matches.begin(), m_matches.begin() + gone);
    if (m_current >= 0)
        m_current = m_current >= gone ? m_current - gone : -1;
    m_next = std::max(m_next, lines.firstLine());
    // The open line was searched as it stood: search it again.
    m_matches.erase(m_matches.begin() + lowerBound(m_next), m_matches.end());
    if (m_current >= count())
        m_current = -1;
    const qint64 last = lines.lastLine();
    for (int n = 1; m_next <= last; ++n) {
        if (count() >= kMaxMatches) {
            m_capped = true;
            return true;
        }
        searchLine(lines.text(m_next), m_next);
        if (m_next == last)
            break;
        ++m_next;
        if (n % 16 == 0 && deadline.hasExpired()) {
            m_done = false;
            return false;
        }
    }
    return true;
}

void LogSearch::searchLine(const QString &text, qint64 line)
{
    const QStringView haystack(text);
    qsizetype at = 0;
    while ((at = haystack.indexOf(m_needle, at, Qt::CaseInsensitive)) >= 0) {
        if (at >= (qsizetype(1) << kColumnBits))
            return;
        m_matches.push_back(pack(line, at));
        at += m_needle.size();
    }
}

} // namespace dd::gui
