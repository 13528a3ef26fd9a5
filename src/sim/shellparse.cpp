// The lexer and recursive-descent parser behind shellscript.h.
#include "sim/shellparse.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

QList<ShellToken> lexShell(const QString &s)
{
    QList<ShellToken> out;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            out.append({ShellToken::Word, word});
        word.clear();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == u'\'') {
            const qsizetype end = s.indexOf(c, i + 1);
            const qsizetype stop = end < 0 ? s.size() - 1 : end;
            word += s.mid(i, stop - i + 1);
            i = stop;
        } else if (c == u'"') {
            qsizetype j = i + 1; // the first unescaped double quote ends it
            while (j < s.size() && s[j] != u'"')
                j += s[j] == u'\\' ? 2 : 1;
            j = std::min(j, s.size() - 1);
            word += s.mid(i, j - i + 1);
            i = j;
        } else if (c == u'\\' && i + 1 < s.size()) {
            if (s[i + 1] != u'\n')
                word += s.mid(i, 2);
            ++i;
        } else if (c == u'$' && i + 1 < s.size() && (s[i + 1] == u'(' || s[i + 1] == u'{')) {
            const QChar open = s[i + 1], close = open == u'(' ? u')' : u'}';
            int depth = 0;
            qsizetype j = i + 1;
            for (; j < s.size(); ++j) {
                depth += s[j] == open ? 1 : s[j] == close ? -1 : 0;
                if (depth == 0)
                    break;
            }
            word += s.mid(i, j - i + 1);
            i = j;
        } else if (c == u'#' && word.isEmpty()) {
            while (i + 1 < s.size() && s[i + 1] != u'\n')
                ++i;
        } else if (c == u'>' || c == u'<' ||
                   (c.isDigit() && word.isEmpty() && i + 1 < s.size() && s[i + 1] == u'>')) {
            flush();
            QString r;
            while (i < s.size() && (s[i].isDigit() || s[i] == u'>' || s[i] == u'<'))
                r += s[i++];
            if (i < s.size() && s[i] == u'&') { // >&2, 2>&1
                r += s[i++];
                while (i < s.size() && s[i].isDigit())
                    r += s[i++];
            } else { // > file
                while (i < s.size() && s[i] == u' ')
                    ++i;
                while (i < s.size() && !s[i].isSpace() && s[i] != u';' && s[i] != u'|' &&
                       s[i] != u'&')
                    r += s[i++];
            }
            --i;
            out.append({ShellToken::Redirect, r});
        } else if (c == u' ' || c == u'\t' || c == u'\r') {
            flush();
        } else if (c == u'\n' || c == u';' || c == u'&' || c == u'|') {
            flush();
            QString op(c);
            if ((c == u'&' || c == u'|') && i + 1 < s.size() && s[i + 1] == c)
                op += s[++i];
            out.append({ShellToken::Op, op == "&"_L1 || op == "\n"_L1 ? u";"_s : op});
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

class ShellParser
{
public:
    explicit ShellParser(QList<ShellToken> tokens)
        : m_t(std::move(tokens))
    {}
    ShellNodePtr list(const QStringList &terminators)
    {
        auto node = std::make_shared<ShellNode>();
        node->kind = ShellNode::List;
        QString sep;
        while (m_i < m_t.size()) {
            const ShellToken &t = m_t[m_i];
            if (t.kind == ShellToken::Op) {
                sep = t.text == ";"_L1 ? (sep.isEmpty() ? sep : u";"_s) : t.text;
                ++m_i;
                continue;
            }
            if (t.kind == ShellToken::Word && terminators.contains(t.text))
                break;
            node->items.append({sep, command()});
            sep = u";"_s;
        }
        return node;
    }

private:
    bool accept(const QString &keyword)
    {
        if (m_i < m_t.size() && m_t[m_i].kind == ShellToken::Word && m_t[m_i].text == keyword) {
            ++m_i;
            return true;
        }
        return false;
    }
    ShellNodePtr command()
    {
        auto node = std::make_shared<ShellNode>();
        const QString first = m_t[m_i].kind == ShellToken::Word ? m_t[m_i].text : QString();
        if (first == "while"_L1 || first == "until"_L1) {
            ++m_i;
            node->kind = first == "while"_L1 ? ShellNode::While : ShellNode::Until;
            node->cond = list({u"do"_s});
            accept(u"do"_s);
            node->body = list({u"done"_s});
            accept(u"done"_s);
        } else if (first == "for"_L1 && m_i + 1 < m_t.size()) {
            m_i += 1;
            node->kind = ShellNode::For;
            node->var = m_t[m_i++].text;
            if (accept(u"in"_s)) {
                while (m_i < m_t.size() && m_t[m_i].kind == ShellToken::Word &&
                       m_t[m_i].text != "do"_L1)
                    node->forWords << m_t[m_i++].text;
            }
            while (m_i < m_t.size() && m_t[m_i].kind == ShellToken::Op)
                ++m_i;
            accept(u"do"_s);
            node->body = list({u"done"_s});
            accept(u"done"_s);
        } else if (first == "if"_L1) {
            ++m_i;
            node->kind = ShellNode::If;
            node->cond = list({u"then"_s});
            accept(u"then"_s);
            node->body = list({u"elif"_s, u"else"_s, u"fi"_s});
            while (accept(u"elif"_s)) {
                ShellNodePtr c = list({u"then"_s});
                accept(u"then"_s);
                node->elifs.append({c, list({u"elif"_s, u"else"_s, u"fi"_s})});
            }
            if (accept(u"else"_s))
                node->elseBody = list({u"fi"_s});
            accept(u"fi"_s);
        } else {
            while (m_i < m_t.size() && m_t[m_i].kind != ShellToken::Op)
                node->words << m_t[m_i++];
        }
        return node;
    }

    QList<ShellToken> m_t;
    qsizetype m_i = 0;
};

// Arithmetic: + - * / % and comparisons over integers and variable names.
qint64 shellArith(const QString &e, qsizetype &i, const QMap<QString, QString> &vars, int level = 0)
{
    auto skip = [&] {
        while (i < e.size() && e[i].isSpace())
            ++i;
    };
    if (level == 3) {
        skip();
        if (i < e.size() && (e[i] == u'-' || e[i] == u'+')) {
            const bool neg = e[i++] == u'-';
            const qint64 v = shellArith(e, i, vars, 3);
            return neg ? -v : v;
        }
        if (i < e.size() && e[i] == u'(') {
            ++i;
            const qint64 v = shellArith(e, i, vars, 0);
            skip();
            if (i < e.size() && e[i] == u')')
                ++i;
            return v;
        }
        if (i < e.size() && e[i] == u'$')
            ++i;
        const qsizetype start = i;
        while (i < e.size() && (e[i].isLetterOrNumber() || e[i] == u'_'))
            ++i;
        const QString word = e.mid(start, i - start);
        bool ok = false;
        const qint64 n = word.toLongLong(&ok);
        return ok ? n : vars.value(word).toLongLong();
    }
    qint64 v = shellArith(e, i, vars, level + 1);
    for (;;) {
        skip();
        if (i >= e.size())
            return v;
        static const QStringList ops[3] = {{u"<="_s, u">="_s, u"=="_s, u"!="_s, u"<"_s, u">"_s},
                                           {u"+"_s, u"-"_s},
                                           {u"*"_s, u"/"_s, u"%"_s}};
        QString op;
        for (const QString &o : ops[level]) {
            if (QStringView(e).mid(i).startsWith(o)) {
                op = o;
                break;
            }
        }
        if (op.isEmpty())
            return v;
        i += op.size();
        const qint64 r = shellArith(e, i, vars, level + 1);
        v = op == "+"_L1    ? v + r
            : op == "-"_L1  ? v - r
            : op == "*"_L1  ? v * r
            : op == "/"_L1  ? (r ? v / r : 0)
            : op == "%"_L1  ? (r ? v % r : 0)
            : op == "<"_L1  ? v < r
            : op == ">"_L1  ? v > r
            : op == "<="_L1 ? v <= r
            : op == ">="_L1 ? v >= r
            : op == "=="_L1 ? v == r
                            : v != r;
    }
}

// One $... expansion starting at s[i] == '$'; i is left on its last character.
QString shellDollar(const QString &s, qsizetype &i, const QMap<QString, QString> &vars, int status)
{
    if (i + 1 >= s.size())
        return u"$"_s;
    const QChar n = s[i + 1];
    if (QStringView(s).mid(i).startsWith(u"$(("_s)) {
        const qsizetype end = s.indexOf(u"))"_s, i + 3);
        const QString expr = s.mid(i + 3, (end < 0 ? s.size() : end) - i - 3);
        i = end < 0 ? s.size() - 1 : end + 1;
        qsizetype p = 0;
        return QString::number(shellArith(expr, p, vars));
    }
    if (n == u'(' || n == u'{') {
        const qsizetype end = s.indexOf(n == u'(' ? u')' : u'}', i + 2);
        const QString inner = s.mid(i + 2, (end < 0 ? s.size() : end) - i - 2);
        i = end < 0 ? s.size() - 1 : end;
        if (n == u'(')
            return {}; // command substitution is not modelled
        const qsizetype dash = inner.indexOf(u":-"_s);
        const QString name = dash < 0 ? inner : inner.left(dash);
        const QString value = vars.value(name);
        return value.isEmpty() && dash >= 0 ? inner.mid(dash + 2) : value;
    }
    if (n == u'?') {
        ++i;
        return QString::number(status);
    }
    qsizetype j = i + 1;
    while (j < s.size() && (s[j].isLetterOrNumber() || s[j] == u'_'))
        ++j;
    if (j == i + 1)
        return u"$"_s;
    const QString name = s.mid(i + 1, j - i - 1);
    i = j - 1;
    return vars.value(name);
}

// A word's fields after quote removal, expansion and splitting of unquoted expansions.
} // namespace

QStringList expandShellWord(const QString &w, const QMap<QString, QString> &vars, int status)
{
    QStringList fields;
    QString current;
    bool any = false;
    for (qsizetype i = 0; i < w.size(); ++i) {
        const QChar c = w[i];
        if (c == u'\'') {
            const qsizetype end = w.indexOf(u'\'', i + 1);
            current += w.mid(i + 1, (end < 0 ? w.size() : end) - i - 1);
            i = end < 0 ? w.size() : end;
            any = true;
        } else if (c == u'"') {
            any = true;
            for (++i; i < w.size() && w[i] != u'"'; ++i) {
                if (w[i] == u'\\' && i + 1 < w.size() && QStringView(u"\"\\$`").contains(w[i + 1]))
                    current += w[++i];
                else if (w[i] == u'$')
                    current += shellDollar(w, i, vars, status);
                else
                    current += w[i];
            }
        } else if (c == u'\\' && i + 1 < w.size()) {
            current += w[++i];
            any = true;
        } else if (c == u'$') {
            const QStringList parts =
                shellDollar(w, i, vars, status).split(u' ', Qt::SkipEmptyParts);
            for (qsizetype p = 0; p < parts.size(); ++p) {
                if (p > 0) {
                    fields << current;
                    current.clear();
                }
                current += parts[p];
                any = true;
            }
        } else {
            current += c;
            any = true;
        }
    }
    if (any || !current.isEmpty())
        fields << current;
    return fields;
}

ShellNodePtr parseShellScript(const QString &script)
{
    ShellParser parser(lexShell(script));
    return parser.list({});
}

} // namespace dd::sim
