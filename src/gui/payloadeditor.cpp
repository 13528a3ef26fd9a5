#include "gui/payloadeditor.h"

#include "gui/payloadformat.h"

#include <QDragEnterEvent>
#include <QFontDatabase>
#include <QMimeData>

namespace dd::gui {

QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return {};
}

PayloadEditor::PayloadEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true); // keep the form keyboard-navigable
    connect(this, &QPlainTextEdit::textChanged, this, [this]() {
        if (!m_settingText && !m_binary)
            Q_EMIT payloadChanged();
    });
}

QByteArray PayloadEditor::payload() const
{
    return m_binary ? m_bytes : toPlainText().toUtf8();
}

void PayloadEditor::setPayload(const QByteArray &bytes)
{
    m_settingText = true;
    m_binary = gui::isBinary(bytes);
    m_bytes = m_binary ? bytes : QByteArray();
    setReadOnly(m_binary);
    setPlainText(m_binary ? hexDump(bytes) : QString::fromUtf8(bytes));
    m_settingText = false;
    Q_EMIT payloadChanged();
}

void PayloadEditor::clearPayload()
{
    setPayload({});
}

void PayloadEditor::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragEnterEvent(event);
}

void PayloadEditor::dragMoveEvent(QDragMoveEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragMoveEvent(event);
}

void PayloadEditor::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (!path.isEmpty()) {
        event->acceptProposedAction();
        Q_EMIT fileDropped(path);
        return;
    }
    QPlainTextEdit::dropEvent(event);
}

} // namespace dd::gui
