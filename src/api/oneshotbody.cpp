#include "api/oneshotbody.h"

#include <cstring>

namespace dd {

OneShotBody::OneShotBody(QByteArray data, QObject *parent)
    : QIODevice(parent)
    , m_data(std::move(data))
{
    // Unbuffered: QIODevice keeps no read-ahead of its own, so m_read is the position.
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool OneShotBody::seek(qint64 pos)
{
    if (m_started) {
        if (pos == m_read)
            return true;
        m_resendRefused = true;
        return false;
    }
    // Before anything was sent Qt may position the device freely.
    if (pos < 0 || pos > m_data.size())
        return false;
    m_read = pos;
    return QIODevice::seek(pos);
}

bool OneShotBody::reset()
{
    return seek(0);
}

bool OneShotBody::atEnd() const
{
    return m_read >= m_data.size();
}

qint64 OneShotBody::bytesAvailable() const
{
    return (m_data.size() - m_read) + QIODevice::bytesAvailable();
}

qint64 OneShotBody::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_data.size() - m_read);
    if (n <= 0)
        return m_read >= m_data.size() ? -1 : 0;
    std::memcpy(data, m_data.constData() + m_read, size_t(n));
    m_read += n;
    m_started = true;
    return n;
}

} // namespace dd
