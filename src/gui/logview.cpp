// The log view: batched appends into a bounded QPlainTextEdit, following the
// end, and the bars around it. Find, copy and save are in logviewtools.cpp.
#include "logview.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace dd::gui {

namespace {

// VS Code's terminal colours, one set for each kind of background.
constexpr QRgb kLogLightPalette[16] = {0x000000, 0xcd3131, 0x00bc00, 0x949800, 0x0451a5, 0xbc05bc,
                                       0x0598bc, 0x555555, 0x666666, 0xcd3131, 0x14ce14, 0xb5ba00,
                                       0x0451a5, 0xbc05bc, 0x0598bc, 0xa5a5a5};
constexpr QRgb kLogDarkPalette[16] = {0x000000, 0xcd3131, 0x0dbc79, 0xe5e510, 0x2472c8, 0xbc3fbc,
                                      0x11a8cd, 0xe5e5e5, 0x666666, 0xf14c4c, 0x23d18b, 0xf5f543,
                                      0x3b8eea, 0xd670d6, 0x29b8db, 0xe5e5e5};

QWidget *logBar(const QString &name, QWidget *parent)
{
    auto *bar = new QWidget(parent);
    bar->setObjectName(name);
    bar->setAutoFillBackground(true);
    bar->setBackgroundRole(QPalette::AlternateBase);
    bar->hide();
    return bar;
}

} // namespace

QColor logColor(const LogColor &colour, bool darkBackground)
{
    if (colour.kind == LogColor::Kind::Rgb)
        return QColor::fromRgb(colour.value);
    const int i = int(colour.value);
    if (i < 16)
        return QColor::fromRgb(darkBackground ? kLogDarkPalette[i] : kLogLightPalette[i]);
    if (i < 232) {
        static constexpr int levels[6] = {0, 95, 135, 175, 215, 255};
        const int c = i - 16;
        return QColor(levels[c / 36], levels[(c / 6) % 6], levels[c % 6]);
    }
    const int grey = 8 + 10 * (i - 232);
    return QColor(grey, grey, grey);
}

LogView::LogView(FileDialogs &dialogs, Desktop &desktop, QWidget *parent)
    : LogView(dialogs, desktop, Limits{}, parent)
{}

LogView::LogView(FileDialogs &dialogs, Desktop &desktop, Limits limits, QWidget *parent)
    : QWidget(parent)
    , m_dialogs(dialogs)
    , m_desktop(desktop)
    , m_limits(limits)
    , m_decoder(LogDecoder::Options{.maxLineLength = limits.maxLineLength})
{
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(m_limits.batchMs);
    connect(m_flushTimer, &QTimer::timeout, this, &LogView::flush);
    buildUi();
    buildFindBar();
}

LogView::~LogView() = default;

void LogView::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *toolbar = new QHBoxLayout;
    m_origin = new QComboBox(this);
    m_origin->setObjectName(QStringLiteral("originCombo"));
    m_origin->addItem(tr("From the start"));
    m_origin->addItem(tr("Last 64 KB"));
    m_origin->setToolTip(tr("Read a big log from its start, or only its end"));
    connect(m_origin, &QComboBox::activated, this, [this] { Q_EMIT originChanged(origin()); });
    const auto button = [this, toolbar](const QString &name, const QString &text) {
        auto *b = new QToolButton(this);
        b->setObjectName(name);
        b->setText(text);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        toolbar->addWidget(b);
        return b;
    };
    toolbar->addWidget(m_origin);
    m_wrap = button(QStringLiteral("wrapButton"), tr("Wrap"));
    m_wrap->setCheckable(true);
    m_wrap->setToolTip(tr("Wrap long lines at the window's edge"));
    connect(m_wrap, &QToolButton::toggled, this, [this](bool on) {
        m_editor->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
        if (m_follow)
            jumpToEnd();
    });
    connect(button(QStringLiteral("findButton"), tr("Find…")), &QToolButton::clicked, this,
            &LogView::openFind);
    connect(button(QStringLiteral("copyButton"), tr("Copy")), &QToolButton::clicked, this,
            &LogView::copy);
    connect(button(QStringLiteral("saveButton"), tr("Save…")), &QToolButton::clicked, this,
            &LogView::save);
    auto *saveAll = button(QStringLiteral("saveAllButton"), tr("Save all…"));
    saveAll->setToolTip(tr("Write the whole log to a file, including output no longer shown"));
    connect(saveAll, &QToolButton::clicked, this, &LogView::askSaveAll);
    toolbar->addStretch(1);
    layout->addLayout(toolbar);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->hide();
    layout->addWidget(m_status);

    m_droppedNotice = logBar(QStringLiteral("droppedNotice"), this);
    auto *dropped = new QHBoxLayout(m_droppedNotice);
    dropped->setContentsMargins(6, 3, 6, 3);
    m_droppedLabel = new QLabel(m_droppedNotice);
    m_droppedLabel->setObjectName(QStringLiteral("droppedLabel"));
    m_droppedLabel->setTextFormat(Qt::PlainText);
    m_droppedLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    dropped->addWidget(m_droppedLabel, 1);
    auto *droppedSave = new QPushButton(tr("Save all…"), m_droppedNotice);
    droppedSave->setObjectName(QStringLiteral("droppedSaveAllButton"));
    connect(droppedSave, &QPushButton::clicked, this, &LogView::askSaveAll);
    dropped->addWidget(droppedSave);
    layout->addWidget(m_droppedNotice);

    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("logText"));
    m_editor->setReadOnly(true);
    m_editor->setUndoRedoEnabled(false);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->document()->setUndoRedoEnabled(false);
    layout->addWidget(m_editor, 1);

    m_pausedBar = logBar(QStringLiteral("pausedBar"), this);
    auto *paused = new QHBoxLayout(m_pausedBar);
    paused->setContentsMargins(6, 3, 6, 3);
    m_pausedLabel = new QLabel(m_pausedBar);
    m_pausedLabel->setObjectName(QStringLiteral("pausedLabel"));
    paused->addWidget(m_pausedLabel, 1);
    auto *jump = new QPushButton(tr("Jump to end"), m_pausedBar);
    jump->setObjectName(QStringLiteral("jumpToEndButton"));
    connect(jump, &QPushButton::clicked, this, &LogView::jumpToEnd);
    paused->addWidget(jump);
    layout->addWidget(m_pausedBar);

    // Following: the end stays in view as text arrives, until the user scrolls away.
    QScrollBar *bar = m_editor->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (!m_adjusting)
            setFollowing(value >= bar->maximum());
        updateHighlights();
    });
    // Paging and the keyboard scroll with the scroll bar's signals blocked.
    connect(m_editor, &QPlainTextEdit::updateRequest, this, [this, bar](const QRect &, int dy) {
        if (dy != 0 && !m_adjusting) {
            setFollowing(bar->value() >= bar->maximum());
            updateHighlights();
        }
    });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int max) {
        if (m_follow && bar->value() != max) {
            m_adjusting = true;
            bar->setValue(max);
            m_adjusting = false;
        }
    });
}

void LogView::append(QByteArrayView bytes)
{
    m_batch.append(m_decoder.decode(bytes));
    // Text that would be dropped anyway is never shown: a 100 MB burst costs
    // no more than the window it leaves behind.
    if (m_batch.text.size() > m_limits.maxChars * 2) {
        const auto [chars, lines] = m_batch.trimFront(m_limits.maxChars);
        m_droppedChars += chars;
        m_droppedLines += lines;
    }
    scheduleFlush();
}

void LogView::finish()
{
    m_batch.append(m_decoder.finish());
    flush();
}

void LogView::clear()
{
    m_flushTimer->stop();
    m_decoder = LogDecoder(LogDecoder::Options{.maxLineLength = m_limits.maxLineLength});
    m_batch.clear();
    m_shownPending.clear();
    m_editor->clear();
    m_droppedLines = m_droppedChars = 0;
    m_docOffset = 0;
    m_newWhilePaused = 0;
    m_matches.clear();
    m_searchedTo = 0;
    m_current = -1;
    setFollowing(true);
    setStatus({});
    updateBars();
    updateFindCount();
}

void LogView::scheduleFlush()
{
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void LogView::flush()
{
    m_flushTimer->stop();
    const LogText pending = m_decoder.pendingLine();
    if (m_batch.isEmpty() && pending.text == m_shownPending)
        return;
    QTextDocument *doc = m_editor->document();
    const bool follow = m_follow;
    m_adjusting = true;
    if (m_batch.text.size() > m_limits.maxChars) {
        // Everything shown is older than what is left of the batch.
        const auto [chars, lines] = m_batch.trimFront(m_limits.maxChars);
        m_droppedChars += chars + doc->characterCount() - 1 - m_shownPending.size();
        m_droppedLines += lines + doc->blockCount() - 1;
        m_docOffset += doc->characterCount() - 1;
        m_editor->clear();
        m_shownPending.clear();
    }
    QTextCursor cursor(doc);
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    if (!m_shownPending.isEmpty()) {
        cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
    }
    insertText(cursor, m_batch);
    insertText(cursor, pending);
    cursor.endEditBlock();
    m_shownPending = pending.text;
    if (!follow)
        m_newWhilePaused += m_batch.lines;
    m_batch.clear();
    trimDocument();
    if (follow) {
        QScrollBar *bar = m_editor->verticalScrollBar();
        bar->setValue(bar->maximum());
    }
    m_adjusting = false;
    updateBars();
    findMore();
}

void LogView::insertText(QTextCursor &cursor, const LogText &text)
{
    qsizetype at = 0;
    for (const LogSpan &span : text.spans) {
        if (span.start > at)
            cursor.insertText(text.text.mid(at, span.start - at), m_plainFormat);
        cursor.insertText(text.text.mid(span.start, span.length), formatFor(span.style));
        at = span.start + span.length;
    }
    if (at < text.text.size())
        cursor.insertText(at == 0 ? text.text : text.text.mid(at), m_plainFormat);
}

QTextCharFormat LogView::formatFor(const LogStyle &style)
{
    for (const auto &[s, format] : std::as_const(m_formats)) {
        if (s == style)
            return format;
    }
    const bool dark = m_editor->palette().color(QPalette::Base).lightness() < 128;
    QTextCharFormat format;
    if (style.foreground.kind != LogColor::Kind::Default)
        format.setForeground(logColor(style.foreground, dark));
    if (style.background.kind != LogColor::Kind::Default)
        format.setBackground(logColor(style.background, dark));
    if (style.bold)
        format.setFontWeight(QFont::Bold);
    if (style.underline)
        format.setFontUnderline(true);
    if (m_formats.size() < 256)
        m_formats.append({style, format});
    return format;
}

void LogView::trimDocument()
{
    QTextDocument *doc = m_editor->document();
    const qsizetype lines = doc->blockCount() - 1;
    const qsizetype chars = doc->characterCount();
    if (lines <= m_limits.maxLines && chars <= m_limits.maxChars)
        return;
    // Whole lines go from the front; the open last line always stays.
    qsizetype blocks = 0;
    qsizetype removed = 0;
    int visualLines = 0;
    for (QTextBlock b = doc->begin(); b.isValid() && b != doc->lastBlock(); b = b.next()) {
        if (lines - blocks <= m_limits.maxLines && chars - removed <= m_limits.maxChars)
            break;
        removed += b.length();
        visualLines += qMax(1, b.lineCount());
        ++blocks;
    }
    QTextCursor cursor(doc);
    cursor.setPosition(int(removed), QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    m_droppedLines += blocks;
    m_droppedChars += removed;
    m_docOffset += removed;
    if (!m_follow) {
        // Keep the lines the user reads in place.
        QScrollBar *bar = m_editor->verticalScrollBar();
        bar->setValue(qMax(0, bar->value() - visualLines));
    }
}

void LogView::setFollowing(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (follow)
        m_newWhilePaused = 0;
    updateBars();
}

void LogView::jumpToEnd()
{
    QScrollBar *bar = m_editor->verticalScrollBar();
    m_adjusting = true;
    bar->setValue(bar->maximum());
    m_adjusting = false;
    setFollowing(true);
}

void LogView::updateBars()
{
    const QLocale locale;
    m_pausedBar->setVisible(!m_follow);
    if (!m_follow) {
        const qsizetype n = m_newWhilePaused;
        m_pausedLabel->setText(n == 0 ? tr("Paused: the view stays where you scrolled")
                               : n == 1
                                   ? tr("Paused — 1 new line below")
                                   : tr("Paused — %1 new lines below").arg(locale.toString(n)));
    }
    m_droppedNotice->setVisible(m_droppedChars > 0);
    if (m_droppedChars > 0) {
        const QString size =
            locale.formattedDataSize(m_droppedChars, 1, QLocale::DataSizeTraditionalFormat);
        m_droppedLabel->setText(tr("Earlier output (%1, %2 lines) was dropped to stay responsive.")
                                    .arg(size, locale.toString(m_droppedLines)));
        m_droppedLabel->setToolTip(tr("Save all… writes the whole log to a file."));
    }
}

void LogView::setStatus(const QString &text, bool failure)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    QPalette p = palette();
    if (failure)
        p.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_status->setPalette(p);
}

LogOrigin LogView::origin() const
{
    return m_origin->currentIndex() == 1 ? LogOrigin::Tail : LogOrigin::Start;
}

void LogView::setOrigin(LogOrigin origin)
{
    m_origin->setCurrentIndex(origin == LogOrigin::Tail ? 1 : 0);
}

} // namespace dd::gui
