#pragma once
// One task log (stdout or stderr) as it arrives: a bounded window of the
// newest lines (LogLineBuffer) drawn by LogLinesView, which lays out only the
// lines in view, so 50,000 lines a second cost the GUI thread little. Appends
// in batches, follows the end until the user scrolls up, finds with every
// match highlighted, wraps on request, copies and saves. Where the bytes come
// from is the owner's business (LogPanel and its LogFeed); so is writing the
// whole log to disk.

#include "core/logtext.h"
#include "gui/loglinebuffer.h"
#include "gui/logsearch.h"

#include <QElapsedTimer>
#include <QTextCharFormat>
#include <QTextLayout>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QToolButton;

namespace dd::gui {

class Desktop;
class FileDialogs;
class LogLinesView;

// Where a log is read from: its start, or its last 64 KB (for big logs).
enum class LogOrigin { Start, Tail };
inline constexpr qint64 kLogTailBytes = 64 * 1024;

class LogView : public QWidget
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxLines = 100000;        // complete lines kept
        qsizetype maxChars = 8000000; // characters kept (UTF-16: 16 MB of text)
        int batchMs = 40;             // appends closer than this are shown together
        qsizetype maxLineLength = 8192;
    };

    LogView(FileDialogs &dialogs, Desktop &desktop, QWidget *parent = nullptr);
    LogView(FileDialogs &dialogs, Desktop &desktop, Limits limits, QWidget *parent = nullptr);
    ~LogView() override;

    // Bytes of the log as they arrive, cut anywhere. Shown within batchMs.
    void append(QByteArrayView bytes);
    // The stream ended: the open line becomes a whole line.
    void finish();
    // Forgets everything shown, for a new stream or another origin.
    void clear();
    // Shows what is waiting now (tests and benchmarks; the timer does it otherwise).
    void flush();

    // A line under the toolbar ("Ended", a failure...); empty hides it.
    void setStatus(const QString &text, bool failure = false);
    LogOrigin origin() const;
    void setOrigin(LogOrigin origin); // without originChanged

    // The lines shown and the widget drawing them (objectName "logText").
    LogLinesView *lines() const { return m_lines; }
    const LogLineBuffer &buffer() const { return m_buffer; }
    bool isFollowing() const;
    qsizetype droppedLines() const { return m_buffer.droppedLines(); }
    qsizetype droppedChars() const { return m_buffer.droppedChars(); }
    qsizetype newLinesWhilePaused() const { return m_newWhilePaused; }
    qsizetype matchCount() const { return m_search.count(); }
    // Matches highlighted: those on the lines in view, while Find is open.
    int highlightCount() const;
    // The whole window was searched (a search runs in slices of a few ms).
    bool isFindDone() const { return m_search.isDone(); }
    // Scrolls to the end and follows it again.
    void jumpToEnd();
    void openFind();

Q_SIGNALS:
    void originChanged(dd::gui::LogOrigin origin);
    // The user chose where the whole log goes; the owner streams it there.
    void saveAllRequested(const QString &path);

private:
    void buildUi();
    // Moves what was decoded into the window, not drawn until flush(); false
    // when nothing changed.
    bool ingest();
    void updateBars();
    void scheduleFlush();

    // logviewtools.cpp: find, copy, save.
    void buildFindBar();
    void closeFind();
    void runFind();
    void findMore();
    void findStep(int direction);
    void highlight(qint64 line, QList<QTextLayout::FormatRange> &ranges) const;
    void updateFindCount();
    void copy();
    void save();
    void askSaveAll();

    FileDialogs &m_dialogs;
    Desktop &m_desktop;
    Limits m_limits;
    LogDecoder m_decoder;
    LogText m_batch; // decoded, not in the window yet
    LogLineBuffer m_buffer;
    QElapsedTimer m_sinceFlush;
    bool m_unshown = false; // lines stored since the last flush()
    qsizetype m_newWhilePaused = 0;

    LogSearch m_search;
    QTextCharFormat m_matchFormat;
    QTextCharFormat m_currentFormat;

    LogLinesView *m_lines = nullptr;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_findTimer = nullptr;
    QComboBox *m_origin = nullptr;
    QToolButton *m_wrap = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_droppedNotice = nullptr;
    QLabel *m_droppedLabel = nullptr;
    QWidget *m_pausedBar = nullptr;
    QLabel *m_pausedLabel = nullptr;
    QWidget *m_findBar = nullptr;
    QLineEdit *m_findEdit = nullptr;
    QLabel *m_findCount = nullptr;
};

// The colour a log style's palette index or RGB value is drawn in, readable
// on a light or a dark background.
QColor logColor(const LogColor &colour, bool darkBackground);

} // namespace dd::gui
