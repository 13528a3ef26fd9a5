// The log view's tools: find (every match counted, the ones in view
// highlighted, searched incrementally as text arrives), copy and save.
#include "desktop.h"
#include "filedialogs.h"
#include "logview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QShortcut>
#include <QTextBlock>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dd::gui {

namespace {
// Highlights are made for the lines in view only; more than this is never in view.
constexpr int kMaxHighlights = 4000;
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
    if (m_needle != m_findEdit->text())
        runFind();
    else
        updateHighlights();
}

void LogView::closeFind()
{
    m_findBar->hide();
    m_needle.clear();
    m_matches.clear();
    m_current = -1;
    updateHighlights();
    m_editor->setFocus(Qt::OtherFocusReason);
}

void LogView::runFind()
{
    m_needle = m_findEdit->text();
    m_matches.clear();
    m_searchedTo = 0;
    m_current = -1;
    findMore();
    updateFindCount();
    updateHighlights();
}

// Searches what arrived since the last search; matches trimmed away are forgotten.
void LogView::findMore()
{
    if (m_needle.isEmpty())
        return;
    const auto trimmed = std::lower_bound(m_matches.cbegin(), m_matches.cend(), m_docOffset);
    const qsizetype gone = trimmed - m_matches.cbegin();
    m_matches.remove(0, gone);
    m_current = m_current >= gone ? m_current - gone : -1;
    // The open last line was searched as it stood: search it again.
    const qint64 from = std::max(m_searchedTo, m_docOffset);
    const auto stale = std::lower_bound(m_matches.cbegin(), m_matches.cend(), from);
    m_matches.erase(stale, m_matches.cend());
    if (m_current >= m_matches.size())
        m_current = -1;
    QTextDocument *doc = m_editor->document();
    const int start = int(from - m_docOffset);
    for (QTextBlock b = doc->findBlock(start); b.isValid(); b = b.next()) {
        const QString text = b.text();
        qsizetype at = std::max(0, start - b.position());
        while ((at = text.indexOf(m_needle, at, Qt::CaseInsensitive)) >= 0) {
            m_matches.append(m_docOffset + b.position() + at);
            at += m_needle.size();
        }
    }
    m_searchedTo = m_docOffset + doc->lastBlock().position();
    updateFindCount();
    updateHighlights();
}

void LogView::findStep(int direction)
{
    if (m_matches.isEmpty())
        return;
    const qsizetype n = m_matches.size();
    if (m_current < 0) {
        const qint64 top = m_docOffset + m_editor->cursorForPosition(QPoint(0, 0)).position();
        const qsizetype i =
            std::lower_bound(m_matches.cbegin(), m_matches.cend(), top) - m_matches.cbegin();
        m_current = direction > 0 ? (i < n ? i : 0) : (i > 0 ? i - 1 : n - 1);
    } else {
        m_current = (m_current + direction + n) % n;
    }
    const int at = int(m_matches[m_current] - m_docOffset);
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(at);
    cursor.setPosition(at + int(m_needle.size()), QTextCursor::KeepAnchor);
    m_editor->setTextCursor(cursor);
    updateFindCount();
    updateHighlights();
}

void LogView::updateHighlights()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (!m_matches.isEmpty() && !m_findBar->isHidden()) {
        const QTextBlock first = m_editor->cursorForPosition(QPoint(0, 0)).block();
        const QTextBlock last =
            m_editor->cursorForPosition(QPoint(0, m_editor->viewport()->height())).block();
        const qint64 from = m_docOffset + first.position();
        const qint64 to = m_docOffset + last.position() + last.length();
        QTextCharFormat match;
        match.setBackground(QColor(0xff, 0xe0, 0x66));
        match.setForeground(Qt::black);
        QTextCharFormat current = match;
        current.setBackground(QColor(0xff, 0x96, 0x32));
        auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(), from);
        for (; it != m_matches.cend() && *it < to && selections.size() < kMaxHighlights; ++it) {
            QTextEdit::ExtraSelection s;
            s.cursor = QTextCursor(m_editor->document());
            s.cursor.setPosition(int(*it - m_docOffset));
            s.cursor.setPosition(int(*it - m_docOffset + m_needle.size()), QTextCursor::KeepAnchor);
            const bool isCurrent = m_current >= 0 && m_matches[m_current] == *it;
            s.format = isCurrent ? current : match;
            selections.append(s);
        }
    }
    if (!selections.isEmpty() || !m_editor->extraSelections().isEmpty())
        m_editor->setExtraSelections(selections);
}

int LogView::highlightCount() const
{
    return int(m_editor->extraSelections().size());
}

void LogView::updateFindCount()
{
    const QLocale locale;
    if (m_needle.isEmpty())
        m_findCount->clear();
    else if (m_matches.isEmpty())
        m_findCount->setText(tr("No matches"));
    else if (m_current < 0)
        m_findCount->setText(tr("%1 matches").arg(locale.toString(m_matches.size())));
    else
        m_findCount->setText(
            tr("%1 of %2").arg(locale.toString(m_current + 1), locale.toString(m_matches.size())));
}

void LogView::copy()
{
    const QTextCursor cursor = m_editor->textCursor();
    if (cursor.hasSelection()) {
        m_desktop.copyText(cursor.selection().toPlainText());
        setStatus(tr("Copied the selected text."));
    } else {
        m_desktop.copyText(m_editor->toPlainText());
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
    if (!file.open(QIODevice::WriteOnly) || file.write(m_editor->toPlainText().toUtf8()) < 0 ||
        !file.commit()) {
        setStatus(tr("Could not save the log to “%1”: %2. Choose a folder you can write to.")
                      .arg(path, file.errorString()),
                  true);
        return;
    }
    QString text = tr("Saved the log shown to “%1”.").arg(path);
    if (m_droppedChars > 0)
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
