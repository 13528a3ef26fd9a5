#pragma once
// Where the CLI writes. Mirrors the reference's Ui: Output to stdout, Error
// to stderr; colour only on a terminal and never with -no-color.

#include <QIODevice>
#include <QString>

namespace dd::cli {

// "s", as Nomad's CLI quotes IDs and names in its messages.
inline QString q(const QString &s)
{
    return u'"' + s + u'"';
}

class Terminal
{
public:
    Terminal(QIODevice *out, QIODevice *err, bool color)
        : m_out(out)
        , m_err(err)
        , m_color(color)
    {}

    void output(const QString &line);
    void error(const QString &line);
    void warn(const QString &line);
    // Lines that help beyond the reference's output; stderr so scripts reading stdout are
    // unaffected.
    void hint(const QString &line);
    bool colored() const { return m_color; }
    void flush();

private:
    void write(QIODevice *device, const QString &line, const char *colorCode);

    QIODevice *m_out;
    QIODevice *m_err;
    bool m_color;
};

// Whether the process's standard output is a terminal.
bool stdoutIsTerminal();

} // namespace dd::cli
