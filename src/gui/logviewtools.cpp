// The log view's tools: find (every match counted, the ones in view
// highlighted, searched a slice at a time and as text arrives), copy and save.
#include "desktop.h"
#include "filedialogs.h"
#include "loglinesview.h"
#include "logview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSaveFile>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace dd::gui {

namespace {
// A search holds the GUI thread this long at most, then goes on after other events.
constexpr int kLogFindSliceMs = 6;
} // namespace

void LogView::buildFindBar()
{
    m_findBar = new QWidget(this);
    m_findBar->setObjectName(QStringLiteral("findBar"));
    m_findBar->hide();
    auto *row = new QHBoxLayout(m_findBar);
    row->setContentsMargins(0, 0, 0, 0);
    m_findEdit = new QLineEdit(m_findBar);
    m_findEdit->setObjectName(QStringLiteral("findEdit"));
    m_findEdit->setPlaceholderText(tr("Find in this log"));
    m_findEdit->setClearButtonEnabled(true);
    row->addWidget(m_findEdit, 1);
    m_findCount = new QLabel(m_findBar);
    m_findCount->setObjectName(QStringLiteral("findCount"));
    row->addWidget(m_findCount);
    const auto button = [this, row](const QString &name, const QString &text) {
        auto *b = new QToolButton(m_findBar);
        b->setObjectName(name);
        b->setText(text);
        row->addWidget(b);
        return b;
    };
    connect(button(QStringLiteral("findPrevious"), tr("Previous")), &QToolButton::clicked, this,
            [this] { findStep(-1); });
    connect(button(QStringLiteral("findNext"), tr("Next")), &QToolButton::clicked, this,
            [this] { findStep(1); });
    connect(button(QStringLiteral("findClose"), tr("Close")), &QToolButton::clicked, this,
            &LogView::closeFind);
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, m_findBar);

    m_matchFormat.setBackground(QColor(0xff, 0xe0, 0x66));
    m_matchFormat.setForeground(QColor(Qt::black));
    m_currentFormat = m_matchFormat;
    m_currentFormat.setBackground(QColor(0xff, 0x96, 0x32));
    m_findTimer = new QTimer(this);
    m_findTimer->setSingleShot(true);
    m_findTimer->setInterval(0);
    connect(m_findTimer, &QTimer::timeout, this, &LogView::findMore);

    connect(m_findEdit, &QLineEdit::textChanged, this, &LogView::runFind);
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] { findStep(1); });
    auto *previous = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return), m_findEdit, nullptr,
                                   nullptr, Qt::WidgetShortcut);
    connect(previous, &QShortcut::activated, this, [this] { findStep(-1); });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar, nullptr, nullptr,
                                 Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &LogView::closeFind);
    const auto shortcut = [this](QKeySequence::StandardKey key) {
        return new QShortcut(QKeySequence(key), this, nullptr, nullptr,
                             Qt::WidgetWithChildrenShortcut);
    };
    connect(shortcut(QKeySequence::Find), &QShortcut::activated, this, &LogView::openFind);
    connect(shortcut(QKeySequence::FindNext), &QShortcut::activated, this, [this] { findStep(1); });
    connect(shortcut(QKeySequence::FindPrevious), &QShortcut::activated, this,
            [this] { findStep(-1); });
}

void LogView::openFind()
{
    m_findBar->show();
    m_findEdit->setFocus(Qt::ShortcutFocusReason);
    m_findEdit->selectAll();
    if (m_search.needle() != m_findEdit->text())
        runFind();
    else
        m_lines->viewport()->update();
}

void LogView::closeFind()
{
    m_findBar->hide();
    m_findTimer->stop();
    m_search.setNeedle({});
    m_lines->viewport()->update();
    m_lines->setFocus(Qt::OtherFocusReason);
}

void LogView::runFind()
{
    m_search.setNeedle(m_findEdit->text());
    m_findTimer->stop();
    findMore();
    updateFindCount();
    m_lines->viewport()->update();
}

// Searches what arrived since the last search, for a slice of time; the rest
// comes after the events waiting. Matches on lines dropped are forgotten.
void LogView::findMore()
{
    if (m_search.needle().isEmpty())
        return;
    if (!m_search.run(m_buffer, QDeadlineTimer(kLogFindSliceMs)))
        m_findTimer->start();
    updateFindCount();
    m_lines->viewport()->update();
}

void LogView::findStep(int direction)
{
    const qsizetype n = m_search.count();
    if (n == 0)
        return;
    qsizetype current = m_search.current();
    if (current < 0) {
        // From the line at the top of the view.
        const qsizetype i = m_search.lowerBound(m_lines->visibleLines().first);
        current = direction > 0 ? (i < n ? i : 0) : (i > 0 ? i - 1 : n - 1);
    } else {
        current = (current + direction + n) % n;
    }
    m_search.setCurrent(current);
    const LogSearch::Match match = m_search.at(current);
    const LogPosition from{match.line, match.column};
    const LogPosition to{match.line, match.column + m_search.needle().size()};
    m_lines->setSelection(from, to);
    m_lines->reveal(from, to);
    updateFindCount();
}

void LogView::highlight(qint64 line, QList<QTextLayout::FormatRange> &ranges) const
{
    if (m_findBar->isHidden() || m_search.needle().isEmpty())
        return;
    const int length = int(m_search.needle().size());
    m_search.forEachOn(line, [&](qsizetype index, qsizetype column) {
        ranges.append(
            {int(column), length, index == m_search.current() ? m_currentFormat : m_matchFormat});
    });
}

int LogView::highlightCount() const
{
    if (m_findBar->isHidden() || m_search.needle().isEmpty())
        return 0;
    const auto [first, last] = m_lines->visibleLines();
    return int(m_search.lowerBound(last + 1) - m_search.lowerBound(first));
}

void LogView::updateFindCount()
{
    const QLocale locale;
    const qsizetype n = m_search.count();
    const QString count =
        locale.toString(n) + (m_search.isCapped() ? QStringLiteral("+") : QString());
    if (m_search.needle().isEmpty())
        m_findCount->clear();
    else if (!m_search.isDone())
        m_findCount->setText(tr("Searching… %1 matches so far").arg(count));
    else if (n == 0)
        m_findCount->setText(tr("No matches"));
    else if (m_search.current() < 0)
        m_findCount->setText(tr("%1 matches").arg(count));
    else
        m_findCount->setText(tr("%1 of %2").arg(locale.toString(m_search.current() + 1), count));
}

void LogView::copy()
{
    if (m_lines->hasSelection()) {
        m_desktop.copyText(m_lines->selectedText());
        setStatus(tr("Copied the selected text."));
    } else {
        m_desktop.copyText(m_buffer.joined());
        setStatus(tr("Copied the log shown (select text to copy only part of it)."));
    }
}

void LogView::save()
{
    const QString path = m_dialogs.saveFileName(this, tr("Save the log shown"),
                                                tr("Log files (*.log *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    bool written = file.open(QIODevice::WriteOnly);
    for (qint64 line = m_buffer.firstLine(); written && line < m_buffer.endLine(); ++line) {
        QByteArray bytes = m_buffer.text(line).toUtf8();
        if (line != m_buffer.lastLine())
            bytes += '\n';
        written = file.write(bytes) == bytes.size();
    }
    if (!written || !file.commit()) {
        setStatus(tr("Could not save the log to “%1”: %2. Choose a folder you can write to.")
                      .arg(path, file.errorString()),
                  true);
        return;
    }
    QString text = tr("Saved the log shown to “%1”.").arg(path);
    if (m_buffer.droppedChars() > 0)
        text += u' ' + tr("Earlier output is not in it: Save all… writes the whole log.");
    setStatus(text);
}

void LogView::askSaveAll()
{
    const QString path = m_dialogs.saveFileName(this, tr("Save the whole log"),
                                                tr("Log files (*.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        Q_EMIT saveAllRequested(path);
}

} // namespace dd::gui
