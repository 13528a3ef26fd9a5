#pragma once
// The body of a request that must reach the server at most once per call.
//
// Qt's HTTP/1.1 channel re-sends a request by itself when the connection
// closes (or is reset) before the first byte of the answer, whatever the
// method: a PUT that the server already executed is then executed twice. Before
// a re-send Qt rewinds the upload device and gives up with
// QNetworkReply::ContentReSendError when it cannot. This device can be read
// once and never rewound, so the re-send becomes an error the caller sees and
// decides about (SafeDispatcher). tests/api/tst_exactlyonce.cpp counts the
// requests that reach a server which closes, resets or cuts the connection.

#include <QByteArray>
#include <QIODevice>

namespace dd {

class OneShotBody : public QIODevice
{
    Q_OBJECT
public:
    explicit OneShotBody(QByteArray data, QObject *parent = nullptr);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_data.size(); }
    // Only "rewinding" to where it already is succeeds; Qt's re-send asks for 0.
    bool seek(qint64 pos) override;
    bool reset() override;
    bool atEnd() const override;
    qint64 bytesAvailable() const override;

    // Whether Qt read any of the body (the request went, at least in part, to the wire).
    bool started() const { return m_started; }
    // Whether Qt asked to rewind it for a second send, which was refused.
    bool resendRefused() const { return m_resendRefused; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_read = 0;
    bool m_started = false;
    bool m_resendRefused = false;
};

} // namespace dd
