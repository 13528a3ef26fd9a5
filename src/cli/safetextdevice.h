#pragma once
// The CLI's stdout and stderr. Everything the CLI prints may carry text it did
// not write (job IDs, Nomad's error texts, profile labels, the journal), and a
// server that puts ESC ] 52 (clipboard), ESC ] 0 (window title) or ESC [ 2J in
// a job ID must not reach the user's terminal as a command. This device
// escapes C0 and C1 control characters (but tab and line feed), DEL and the
// Unicode bidirectional overrides as \u00XX on their way out; all-printable
// output passes byte for byte. The CLI's own colour codes go through
// writeRaw() (Terminal does that), so they are the only escapes that arrive.
//
// Escapes are written as \uXXXX because that is also what a JSON string
// means by them: `history -json` stays valid JSON.

#include <QIODevice>
#include <QPointer>

namespace dd::cli {

class SafeTextDevice : public QIODevice
{
    Q_OBJECT
public:
    explicit SafeTextDevice(QIODevice *target, QObject *parent = nullptr);

    // Bytes the CLI itself made (colour codes), written unchanged.
    void writeRaw(const QByteArray &bytes);
    bool isSequential() const override { return true; }

    // The escaping on its own, for tests and for text that is not printed here.
    static QByteArray escape(QByteArrayView utf8);

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    QPointer<QIODevice> m_target;
};

// Writes through SafeTextDevice::writeRaw when the device is one, else as is.
void writeRaw(QIODevice *device, const QByteArray &bytes);

} // namespace dd::cli
