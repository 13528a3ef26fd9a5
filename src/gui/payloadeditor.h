#pragma once
// A text editor for the payload that also accepts dropped files and shows
// binary content as a read-only hex dump (the bytes are kept as they are).

#include <QPlainTextEdit>

namespace dd::gui {

class PayloadEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit PayloadEditor(QWidget *parent = nullptr);

    QByteArray payload() const;
    void setPayload(const QByteArray &bytes);
    bool isBinary() const { return m_binary; }
    void clearPayload();

Q_SIGNALS:
    void payloadChanged();
    void fileDropped(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    bool m_binary = false;
    bool m_settingText = false;
    QByteArray m_bytes;
};

// The first local file among dropped URLs, or empty.
QString droppedFile(const class QMimeData *mime);

} // namespace dd::gui
