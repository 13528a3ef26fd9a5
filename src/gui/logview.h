#pragma once
// One task log (stdout or stderr) as it arrives: a read-only QPlainTextEdit
// that keeps a bounded window of the newest text, appends in batches, follows
// the end until the user scrolls up, finds with every match highlighted, wraps
// on request, copies and saves. Where the bytes come from is the owner's
// business (LogPanel and its LogFeed); so is writing the whole log to disk.

#include "core/logtext.h"

#include <QList>
#include <QTextCharFormat>
#include <QWidget>

#include <utility>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextCursor;
class QTimer;
class QToolButton;

namespace dd::gui {

class Desktop;
class FileDialogs;

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

    QPlainTextEdit *editor() const { return m_editor; }
    bool isFollowing() const { return m_follow; }
    qsizetype droppedLines() const { return m_droppedLines; }
    qsizetype droppedChars() const { return m_droppedChars; }
    qsizetype newLinesWhilePaused() const { return m_newWhilePaused; }
    qsizetype matchCount() const { return m_matches.size(); }
    int highlightCount() const;
    // Scrolls to the end and follows it again.
    void jumpToEnd();
    void openFind();

Q_SIGNALS:
    void originChanged(dd::gui::LogOrigin origin);
    // The user chose where the whole log goes; the owner streams it there.
    void saveAllRequested(const QString &path);

private:
    void buildUi();
    void insertText(QTextCursor &cursor, const LogText &text);
    QTextCharFormat formatFor(const LogStyle &style);
    void trimDocument();
    void setFollowing(bool follow);
    void updateBars();
    void scheduleFlush();

    // logviewtools.cpp: find, copy, save.
    void buildFindBar();
    void closeFind();
    void runFind();
    void findMore();
    void findStep(int direction);
    void updateHighlights();
    void updateFindCount();
    void copy();
    void save();
    void askSaveAll();

    FileDialogs &m_dialogs;
    Desktop &m_desktop;
    Limits m_limits;
    LogDecoder m_decoder;
    LogText m_batch;
    QString m_shownPending;
    qsizetype m_droppedLines = 0;
    qsizetype m_droppedChars = 0;
    // Characters removed from the front of the document: absolute = position + offset.
    qint64 m_docOffset = 0;
    qsizetype m_newWhilePaused = 0;
    bool m_follow = true;
    bool m_adjusting = false;
    QTextCharFormat m_plainFormat;
    QList<std::pair<LogStyle, QTextCharFormat>> m_formats;

    // Find: absolute positions of every match, searched up to m_searchedTo.
    QList<qint64> m_matches;
    qint64 m_searchedTo = 0;
    qsizetype m_current = -1;
    QString m_needle;

    QPlainTextEdit *m_editor = nullptr;
    QTimer *m_flushTimer = nullptr;
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
