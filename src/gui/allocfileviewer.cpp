// One file of an allocation, read only (allocfileviewer.h).
#include "gui/allocfileviewer.h"

#include "gui/icons.h"
#include "gui/logview.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QVBoxLayout>

namespace dd::gui {

namespace {
QString viewerSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

AllocFileViewer::AllocFileViewer(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_note(new QLabel(this))
    , m_editor(new QPlainTextEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_title->setObjectName(QStringLiteral("allocFilesViewerTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_note->setObjectName(QStringLiteral("allocFilesViewerNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setVisible(false);
    layout->addWidget(m_note);
    m_editor->setObjectName(QStringLiteral("allocFilesViewer"));
    m_editor->setReadOnly(true);
    m_editor->setUndoRedoEnabled(false);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setAccessibleName(tr("File contents"));
    layout->addWidget(m_editor, 1);
    clear();
}

void AllocFileViewer::clear()
{
    m_path.clear();
    m_binary = false;
    m_editor->clear();
    setTitle({}, {});
    showMessage(m_note, MessageKind::Info,
                tr("Select a file and choose Open (or double-click it) to read it here."));
}

void AllocFileViewer::setTitle(const QString &path, const QString &details)
{
    m_title->setText(path.isEmpty()      ? tr("No file open")
                     : details.isEmpty() ? path
                                         : path + u"  —  " + details);
}

void AllocFileViewer::showLoading(const QString &path)
{
    m_path = path;
    m_binary = false;
    m_editor->clear();
    setTitle(path, {});
    showMessage(m_note, MessageKind::Info, tr("Reading…"));
}

void AllocFileViewer::showNote(const QString &path, const QString &text, bool failure)
{
    m_path = path;
    m_binary = false;
    m_editor->clear();
    setTitle(path, {});
    showMessage(m_note, failure ? MessageKind::Error : MessageKind::Info, text);
}

void AllocFileViewer::showPreview(const QString &path, const AllocFileInfo &info,
                                  const FilePreview &preview)
{
    m_path = path;
    m_binary = preview.binary;
    m_editor->clear();
    QString details = viewerSize(info.size);
    if (!info.fileMode.isEmpty())
        details += u", " + info.fileMode;
    setTitle(path, details);
    if (preview.binary) {
        showMessage(m_note, MessageKind::Info,
                    preview.shownBytes < info.size
                        ? tr("A binary file of %1: its first %2 are shown as hex. Save it to keep "
                             "it whole.")
                              .arg(viewerSize(info.size), viewerSize(preview.shownBytes))
                        : tr("A binary file of %1, shown as hex. Save it to keep it whole.")
                              .arg(viewerSize(info.size)));
    } else if (info.size == 0 && preview.text.isEmpty()) {
        showMessage(m_note, MessageKind::Info, tr("The file is empty."));
    } else {
        showMessage(m_note, MessageKind::Info, {});
    }
    insertText(preview.text);
    m_editor->moveCursor(QTextCursor::Start);
}

void AllocFileViewer::insertText(const LogText &text)
{
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    const bool dark = m_editor->palette().color(QPalette::Base).lightness() < 128;
    qsizetype at = 0;
    for (const LogSpan &span : text.spans) {
        if (span.start > at)
            cursor.insertText(text.text.mid(at, span.start - at), QTextCharFormat());
        QTextCharFormat format;
        if (span.style.foreground.kind != LogColor::Kind::Default)
            format.setForeground(logColor(span.style.foreground, dark));
        if (span.style.background.kind != LogColor::Kind::Default)
            format.setBackground(logColor(span.style.background, dark));
        if (span.style.bold)
            format.setFontWeight(QFont::Bold);
        format.setFontUnderline(span.style.underline);
        cursor.insertText(text.text.mid(span.start, span.length), format);
        at = span.start + span.length;
    }
    // The text ends in '\n': a last empty block would only add a blank line.
    QString rest = text.text.mid(at);
    if (rest.endsWith(u'\n'))
        rest.chop(1);
    else if (text.text.endsWith(u'\n') && !cursor.atStart())
        cursor.deletePreviousChar();
    cursor.insertText(rest, QTextCharFormat());
    cursor.endEditBlock();
}

QString AllocFileViewer::noteText() const
{
    return m_note->isVisible() ? m_note->property("plainText").toString() : QString();
}

} // namespace dd::gui
