#pragma once
// Find in a log view: every match of a word (case-insensitive) in the lines
// kept, found a slice at a time so that a search of 100,000 lines never holds
// the GUI thread for more than a deadline, and new lines are searched as they
// arrive. Matches of lines dropped from the front are forgotten.

#include <QDeadlineTimer>
#include <QString>

#include <deque>

namespace dd::gui {

class LogLineBuffer;

class LogSearch
{
public:
    struct Match
    {
        qint64 line = 0;
        qsizetype column = 0;
    };
    // More than this are not kept (a one-letter word in 8 million characters):
    // the search waits until lines dropped from the front make room.
    static constexpr qsizetype kMaxMatches = 1000000;

    // Forgets every match and searches again from the first line kept.
    void setNeedle(const QString &needle);
    const QString &needle() const { return m_needle; }
    // The lines were cleared: search them from the start again.
    void restart();

    // Searches what was not searched yet (and the open line again) until the
    // deadline; true when everything kept was searched.
    bool run(const LogLineBuffer &lines, QDeadlineTimer deadline);
    bool isDone() const { return m_done; }
    bool isCapped() const { return m_capped; }

    qsizetype count() const { return qsizetype(m_matches.size()); }
    Match at(qsizetype i) const { return unpack(m_matches[size_t(i)]); }
    // The current match (the one Next/Previous went to), or -1.
    qsizetype current() const { return m_current; }
    void setCurrent(qsizetype i) { m_current = i; }
    // The first match at or after (line, column).
    qsizetype lowerBound(qint64 line, qsizetype column = 0) const;
    // Calls f(index, column) for every match on `line`.
    template<typename F> void forEachOn(qint64 line, F &&f) const
    {
        for (qsizetype i = lowerBound(line); i < count(); ++i) {
            const Match m = at(i);
            if (m.line != line)
                break;
            f(i, m.column);
        }
    }

private:
    // A line and a column in one number, so matches sort and pack into 8 bytes.
    static constexpr int kColumnBits = 24;
    static quint64 pack(qint64 line, qsizetype column)
    {
        return quint64(line) << kColumnBits | quint64(column);
    }
    static Match unpack(quint64 key)
    {
        return {qint64(key >> kColumnBits), qsizetype(key & ((1u << kColumnBits) - 1))};
    }
    void searchLine(const QString &text, qint64 line);

    QString m_needle;
    std::deque<quint64> m_matches;
    qint64 m_next = 0; // the first line not searched (the open line stays next)
    qsizetype m_current = -1;
    bool m_done = true;
    bool m_capped = false;
};

} // namespace dd::gui
