#include "cli/terminal.h"

#include "cli/safetextdevice.h"

#include <unistd.h>

namespace dd::cli {

void Terminal::write(QIODevice *device, const QString &line, const char *colorCode)
{
    // The colour codes are ours and go out raw; the line may hold server text
    // and is escaped on its way (SafeTextDevice).
    if (m_color && colorCode) {
        writeRaw(device, colorCode);
        device->write(line.toUtf8());
        writeRaw(device, "\x1b[0m\n");
    } else {
        device->write(line.toUtf8() + '\n');
    }
}

void Terminal::output(const QString &line)
{
    write(m_out, line, nullptr);
}

void Terminal::error(const QString &line)
{
    write(m_err, line, "\x1b[31m");
}

void Terminal::warn(const QString &line)
{
    write(m_err, line, "\x1b[33m");
}

void Terminal::hint(const QString &line)
{
    write(m_err, line, nullptr);
}

void Terminal::flush()
{
    if (auto *f = qobject_cast<QIODevice *>(m_out))
        f->waitForBytesWritten(0);
}

bool stdoutIsTerminal()
{
    return isatty(STDOUT_FILENO) == 1;
}

} // namespace dd::cli
