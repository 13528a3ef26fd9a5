// The `sh -c` interpreter of shellscript.h: runs the syntax tree shellparse.h
// builds, advancing a simulated clock instead of sleeping.
#include "sim/shellscript.h"

#include "sim/shellparse.h"
#include "sim/taskplan.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

constexpr int kMaxIterations = 100'000;
constexpr qsizetype kMaxWrites = 200'000;
constexpr qint64 kMaxBytes = 16 << 20;

bool isShellName(QStringView s)
{
    if (s.isEmpty() || !(s[0].isLetter() || s[0] == u'_'))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [](QChar c) { return c.isLetterOrNumber() || c == u'_'; });
}

class ShellExecutor
{
public:
    explicit ShellExecutor(const ShellEnvironment &env)
        : m_env(env)
        , m_vars(env.variables)
    {}
    ShellRun run(const ShellNodePtr &root)
    {
        exec(root, 1);
        m_out.exitCode = m_status & 0xff;
        m_out.runForNs = m_now;
        return m_out;
    }

private:
    void write(int fd, const QByteArray &data)
    {
        if (fd == 0 || data.isEmpty())
            return;
        if (m_out.writes.size() >= kMaxWrites || m_bytes + data.size() > kMaxBytes) {
            m_out.truncated = true;
            return;
        }
        m_bytes += data.size();
        m_out.writes.append({m_now, fd, data});
    }

    void exec(const ShellNodePtr &n, int out)
    {
        switch (n->kind) {
        case ShellNode::List:
            for (qsizetype i = 0; i < n->items.size() && !m_exited; ++i) {
                const QString &sep = n->items[i].first;
                if ((sep == "&&"_L1 && m_status != 0) || (sep == "||"_L1 && m_status == 0))
                    continue;
                const bool piped = i + 1 < n->items.size() && n->items[i + 1].first == "|"_L1;
                exec(n->items[i].second, piped ? 0 : out);
            }
            break;
        case ShellNode::While:
        case ShellNode::Until:
            for (;;) {
                exec(n->cond, out);
                if (m_exited || ((m_status == 0) != (n->kind == ShellNode::While)))
                    break;
                exec(n->body, out);
                if (m_exited || ++m_iterations > kMaxIterations) {
                    m_out.truncated = m_out.truncated || !m_exited;
                    break;
                }
            }
            if (!m_exited)
                m_status = 0;
            break;
        case ShellNode::For: {
            QStringList values;
            for (const QString &w : n->forWords)
                values << expandShellWord(w, m_vars, m_status);
            for (const QString &v : values) {
                m_vars.insert(n->var, v);
                exec(n->body, out);
                if (m_exited || ++m_iterations > kMaxIterations)
                    break;
            }
            break;
        }
        case ShellNode::If: {
            exec(n->cond, out);
            if (m_exited)
                break;
            if (m_status == 0)
                return exec(n->body, out);
            for (const auto &[c, b] : n->elifs) {
                exec(c, out);
                if (m_status == 0)
                    return exec(b, out);
            }
            if (n->elseBody)
                return exec(n->elseBody, out);
            m_status = 0;
            break;
        }
        case ShellNode::Simple:
            simple(n->words, out);
            break;
        }
    }

    void simple(const QList<ShellToken> &tokens, int out)
    {
        int err = 2;
        QStringList args;
        bool assigning = true;
        for (const ShellToken &t : tokens) {
            if (t.kind == ShellToken::Redirect) {
                const QString r = t.text;
                const bool toErr = r.startsWith(u'2');
                const QString target = r.section(u'>', -1);
                int fd = target == "&2"_L1 ? 2 : target == "&1"_L1 ? 1 : 0;
                if (r.startsWith(u'<'))
                    continue;
                (toErr ? err : out) = fd == 1 ? (toErr ? out : 1) : fd;
                continue;
            }
            const qsizetype eq = t.text.indexOf(u'=');
            if (assigning && eq > 0 && isShellName(QStringView(t.text).left(eq))) {
                m_vars.insert(t.text.left(eq),
                              expandShellWord(t.text.mid(eq + 1), m_vars, m_status).join(u' '));
                continue;
            }
            assigning = false;
            args << expandShellWord(t.text, m_vars, m_status);
        }
        if (args.isEmpty()) {
            m_status = 0;
            return;
        }
        m_status = builtin(args, out, err);
    }

    int builtin(QStringList args, int out, int err)
    {
        const QString cmd = args.takeFirst().section(u'/', -1);
        if (cmd == "echo"_L1) {
            bool newline = true;
            while (!args.isEmpty() && (args.first() == "-n"_L1 || args.first() == "-e"_L1 ||
                                       args.first() == "-ne"_L1 || args.first() == "-en"_L1)) {
                newline = newline && !args.first().contains(u'n');
                args.removeFirst();
            }
            write(out, unescape(args.join(u' ')).toUtf8() + (newline ? "\n" : ""));
            return 0;
        }
        if (cmd == "printf"_L1)
            return printf(args, out);
        if (cmd == "cat"_L1 || cmd == "sha256sum"_L1 || cmd == "md5sum"_L1)
            return readFiles(cmd, args, out, err);
        if (cmd == "sleep"_L1) {
            const auto ns = args.isEmpty() ? std::nullopt : parseSleep(args.first());
            if (!ns)
                return 1;
            m_now += *ns;
            return 0;
        }
        if (cmd == "exit"_L1) {
            bool ok = false;
            const int code = args.isEmpty() ? m_status : args.first().toInt(&ok);
            m_exited = true;
            return args.isEmpty() || ok ? code : 2;
        }
        if (cmd == "false"_L1)
            return 1;
        if (cmd == "["_L1 || cmd == "test"_L1) {
            if (cmd == "["_L1 && !args.isEmpty() && args.last() == "]"_L1)
                args.removeLast();
            return test(args) ? 0 : 1;
        }
        if (cmd == "date"_L1) {
            const QDateTime t =
                QDateTime::fromMSecsSinceEpoch((m_env.startNs + m_now) / 1'000'000, Qt::UTC);
            const QLocale c = QLocale::c();
            write(out, (c.toString(t, u"ddd MMM "_s) + u"%1"_s.arg(t.date().day(), 2) +
                        c.toString(t, u" hh:mm:ss 'UTC' yyyy"_s) + u'\n')
                           .toUtf8());
            return 0;
        }
        if (cmd == "env"_L1 || cmd == "printenv"_L1) {
            QByteArray text;
            for (auto it = m_vars.begin(); it != m_vars.end(); ++it) {
                if (it.key().startsWith(u"NOMAD_"_s))
                    text += (it.key() + u'=' + it.value() + u'\n').toUtf8();
            }
            write(out, text);
            return 0;
        }
        return 0; // true, :, and every command the simulator does not model
    }

    int printf(QStringList args, int out)
    {
        if (args.isEmpty())
            return 1;
        const QString format = unescape(args.takeFirst());
        QString text;
        for (qsizetype i = 0; i < format.size(); ++i) {
            if (format[i] != u'%' || i + 1 >= format.size()) {
                text += format[i];
                continue;
            }
            const QChar spec = format[++i];
            if (spec == u'%')
                text += u'%';
            else if (spec == u'd')
                text += QString::number(args.isEmpty() ? 0 : args.takeFirst().toLongLong());
            else
                text += args.isEmpty() ? QString() : args.takeFirst();
        }
        write(out, text.toUtf8());
        return 0;
    }

    int readFiles(const QString &cmd, const QStringList &paths, int out, int err)
    {
        int status = 0;
        for (const QString &path : paths) {
            const auto bytes = m_env.readFile ? m_env.readFile(path) : std::nullopt;
            if (!bytes) {
                write(err, (cmd + u": "_s + path + u": No such file or directory\n"_s).toUtf8());
                status = 1;
            } else if (cmd == "cat"_L1) {
                write(out, *bytes);
            } else {
                const auto algorithm =
                    cmd == "md5sum"_L1 ? QCryptographicHash::Md5 : QCryptographicHash::Sha256;
                write(out, QCryptographicHash::hash(*bytes, algorithm).toHex() + "  " +
                               path.toUtf8() + '\n');
            }
        }
        return status;
    }

    bool test(const QStringList &a)
    {
        if (a.size() == 1)
            return !a[0].isEmpty();
        if (a.size() == 2 && a[0] == "!"_L1)
            return a[1].isEmpty();
        if (a.size() == 2)
            return a[0] == "-z"_L1 ? a[1].isEmpty() : !a[1].isEmpty();
        if (a.size() == 3) {
            const qint64 l = a[0].toLongLong(), r = a[2].toLongLong();
            const QString &op = a[1];
            if (op == "="_L1 || op == "=="_L1)
                return a[0] == a[2];
            if (op == "!="_L1)
                return a[0] != a[2];
            return op == "-eq"_L1   ? l == r
                   : op == "-ne"_L1 ? l != r
                   : op == "-lt"_L1 ? l < r
                   : op == "-le"_L1 ? l <= r
                   : op == "-gt"_L1 ? l > r
                   : op == "-ge"_L1 ? l >= r
                                    : false;
        }
        return false;
    }

    static QString unescape(const QString &s)
    {
        if (!s.contains(u'\\'))
            return s;
        QString out;
        for (qsizetype i = 0; i < s.size(); ++i) {
            const QChar n = i + 1 < s.size() ? s[i + 1] : QChar();
            if (s[i] == u'\\' && (n == u'n' || n == u't' || n == u'\\')) {
                out += n == u'n' ? u'\n' : n == u't' ? u'\t' : u'\\';
                ++i;
            } else {
                out += s[i];
            }
        }
        return out;
    }

    const ShellEnvironment &m_env;
    QMap<QString, QString> m_vars;
    ShellRun m_out;
    qint64 m_now = 0;
    qint64 m_bytes = 0;
    int m_status = 0;
    int m_iterations = 0;
    bool m_exited = false;
};

} // namespace

ShellRun runShellScript(const QString &raw, const ShellEnvironment &env)
{
    // Nomad interpolates ${NOMAD_...} in a task's config before the shell sees
    // it, so such a variable also works where the shell would not expand it, e.g. in $((...)).
    QString script;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const qsizetype end =
            raw[i] == u'$' && i + 1 < raw.size() && raw[i + 1] == u'{' ? raw.indexOf(u'}', i) : -1;
        if (end > 0) {
            const QString name = raw.mid(i + 2, end - i - 2);
            if (env.variables.contains(name)) {
                script += env.variables.value(name);
                i = end;
                continue;
            }
        }
        script += raw[i];
    }
    return ShellExecutor(env).run(parseShellScript(script));
}

void addMetaVariables(QMap<QString, QString> &variables, const QMap<QString, QString> &meta)
{
    for (auto it = meta.begin(); it != meta.end(); ++it) {
        QString safe = it.key();
        safe.replace(u'-', u'_').replace(u'.', u'_');
        for (const QString &name : {it.key(), safe, safe.toUpper()})
            variables.insert(u"NOMAD_META_"_s + name, it.value());
    }
}

} // namespace dd::sim
