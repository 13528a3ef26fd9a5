#pragma once
// The right-hand pane of AllocFilesPanel: one file of an allocation, read
// only. Text arrives already made safe (core/filepreview: no control bytes
// or escape sequences reach the view; ANSI colours as formats), a binary
// file as a hex dump of its start; above it, what the file is and a line for
// anything to know (binary, too large, could not be read).

#include "core/allocfiles.h"
#include "core/filepreview.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace dd::gui {

class AllocFileViewer : public QWidget
{
    Q_OBJECT
public:
    explicit AllocFileViewer(QWidget *parent = nullptr);

    // Nothing opened: the hint about how to open a file.
    void clear();
    void showLoading(const QString &path);
    void showPreview(const QString &path, const AllocFileInfo &info, const FilePreview &preview);
    // A file that is not shown (too large, not a regular file, could not be
    // read): its title and why; `failure` draws it as an error.
    void showNote(const QString &path, const QString &text, bool failure);

    QString path() const { return m_path; }
    QPlainTextEdit *editor() const { return m_editor; }
    QString noteText() const;
    bool isBinary() const { return m_binary; }

private:
    void setTitle(const QString &path, const QString &details);
    void insertText(const LogText &text);

    QString m_path;
    bool m_binary = false;
    QLabel *m_title;
    QLabel *m_note;
    QPlainTextEdit *m_editor;
};

} // namespace dd::gui
