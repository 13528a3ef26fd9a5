// The log view: batched appends into the window of lines, the bars around
// it. Find, copy and save are in logviewtools.cpp; drawing in loglinesview.cpp.
#include "logview.h"

#include "loglinesview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dd::gui {

namespace {

// VS Code's terminal colours, one set for each kind of background.
constexpr QRgb kLogLightPalette[16] = {0x000000, 0xcd3131, 0x00bc00, 0x949800, 0x0451a5, 0xbc05bc,
                                       0x0598bc, 0x555555, 0x666666, 0xcd3131, 0x14ce14, 0xb5ba00,
                                       0x0451a5, 0xbc05bc, 0x0598bc, 0xa5a5a5};
constexpr QRgb kLogDarkPalette[16] = {0x000000, 0xcd3131, 0x0dbc79, 0xe5e510, 0x2472c8, 0xbc3fbc,
                                      0x11a8cd, 0xe5e5e5, 0x666666, 0xf14c4c, 0x23d18b, 0xf5f543,
                                      0x3b8eea, 0xd670d6, 0x29b8db, 0xe5e5e5};

// Decoded text waiting for the next batch is moved into the window once it
// is this big, so a burst never holds more than the window and this.
constexpr qsizetype kLogMaxBatchChars = 256 * 1024;

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
    , m_buffer(LogLineBuffer::Limits{.maxLines = limits.maxLines, .maxChars = limits.maxChars})
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
    connect(m_wrap, &QToolButton::toggled, this, [this](bool on) { m_lines->setWrap(on); });
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

    m_lines = new LogLinesView(m_buffer, this);
    m_lines->setObjectName(QStringLiteral("logText"));
    m_lines->setAccessibleName(tr("Task log"));
    m_lines->setHighlighter(
        [this](qint64 line, QList<QTextLayout::FormatRange> &ranges) { highlight(line, ranges); });
    // Following: the end stays in view as text arrives, until the user scrolls away.
    connect(m_lines, &LogLinesView::followingChanged, this, [this](bool following) {
        if (following)
            m_newWhilePaused = 0;
        updateBars();
    });
    connect(m_lines, &LogLinesView::copyRequested, this, &LogView::copy);
    layout->addWidget(m_lines, 1);

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
}

void LogView::append(QByteArrayView bytes)
{
    m_batch.append(m_decoder.decode(bytes));
    // A burst goes into the window now rather than piling up until the next
    // batch: the window only ever keeps its limit, whatever arrives.
    if (m_batch.text.size() >= std::min(kLogMaxBatchChars, m_limits.maxChars))
        ingest();
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
    m_buffer.clear();
    m_unshown = false;
    m_newWhilePaused = 0;
    m_search.restart();
    m_lines->reset();
    setStatus({});
    updateBars();
    updateFindCount();
}

void LogView::scheduleFlush()
{
    if (m_flushTimer->isActive())
        return;
    // Text after a quiet spell shows at once; a stream shows every batchMs.
    const qint64 since = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : m_limits.batchMs;
    m_flushTimer->start(int(std::clamp<qint64>(m_limits.batchMs - since, 0, m_limits.batchMs)));
}

void LogView::flush()
{
    m_flushTimer->stop();
    m_sinceFlush.start();
    if (!ingest() && !m_unshown)
        return;
    m_unshown = false;
    m_lines->linesChanged();
    updateBars();
    findMore();
}

bool LogView::ingest()
{
    const LogText open = m_decoder.pendingLine();
    if (m_batch.isEmpty() && open.text == m_buffer.text(m_buffer.lastLine()))
        return false;
    if (m_batch.text.size() > m_limits.maxChars) {
        // Everything kept is older than what is left of the batch.
        const auto [chars, lines] = m_batch.trimFront(m_limits.maxChars);
        m_buffer.skipAll(lines, chars);
    }
    if (!m_lines->isFollowing())
        m_newWhilePaused += m_batch.lines;
    m_buffer.append(m_batch, open);
    m_batch.clear();
    m_lines->linesChanged(false);
    m_unshown = true;
    return true;
}

bool LogView::isFollowing() const
{
    return m_lines->isFollowing();
}

void LogView::jumpToEnd()
{
    m_lines->followEnd();
}

void LogView::updateBars()
{
    const QLocale locale;
    const bool paused = !m_lines->isFollowing();
    m_pausedBar->setVisible(paused);
    if (paused) {
        const qsizetype n = m_newWhilePaused;
        m_pausedLabel->setText(n == 0 ? tr("Paused: the view stays where you scrolled")
                               : n == 1
                                   ? tr("Paused — 1 new line below")
                                   : tr("Paused — %1 new lines below").arg(locale.toString(n)));
    }
    const qsizetype droppedChars = m_buffer.droppedChars();
    m_droppedNotice->setVisible(droppedChars > 0);
    if (droppedChars > 0) {
        const QString size =
            locale.formattedDataSize(droppedChars, 1, QLocale::DataSizeTraditionalFormat);
        m_droppedLabel->setText(tr("Earlier output (%1, %2 lines) was dropped to stay responsive.")
                                    .arg(size, locale.toString(m_buffer.droppedLines())));
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
