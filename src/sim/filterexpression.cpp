// Over 400 lines: the lexer, parser and evaluator of one small language (a
// subset of go-bexpr, see the header) share their state; split, one grammar
// would be spread over several files.

#include "sim/filterexpression.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dd::sim {

struct FilterExpression::Node
{
    enum class Kind {
        And,
        Or,
        Not,
        Equal,
        NotEqual,
        Empty,
        NotEmpty,
        Nil,
        NotNil,
        Contains,
        NotContains,
        Matches,
        NotMatches
    };
    Kind kind;
    std::shared_ptr<const Node> left, right;
    QStringList selector;
    QJsonValue value;
};

namespace {

using Node = FilterExpression::Node;
using NodePtr = std::shared_ptr<const Node>;

struct Token
{
    enum class Type { Word, String, Symbol, End } type;
    QString text;
    qsizetype pos;
};

std::expected<QList<Token>, QString> tokenize(const QString &s)
{
    QList<Token> out;
    qsizetype i = 0;
    while (i < s.size()) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'"' || c == u'`') {
            const QChar quote = c;
            QString text;
            qsizetype j = i + 1;
            bool closed = false;
            while (j < s.size()) {
                if (quote == u'"' && s[j] == u'\\' && j + 1 < s.size()) {
                    text += s[j + 1];
                    j += 2;
                    continue;
                }
                if (s[j] == quote) {
                    closed = true;
                    break;
                }
                text += s[j++];
            }
            if (!closed)
                return std::unexpected(u"1:%1 (%2): unterminated string"_s.arg(i + 1).arg(i));
            out.append({Token::Type::String, text, i});
            i = j + 1;
            continue;
        }
        if (s.mid(i, 2) == "=="_L1 || s.mid(i, 2) == "!="_L1) {
            out.append({Token::Type::Symbol, s.mid(i, 2), i});
            i += 2;
            continue;
        }
        if (c == u'(' || c == u')' || c == u'.' || c == u'[' || c == u']') {
            out.append({Token::Type::Symbol, QString(c), i});
            ++i;
            continue;
        }
        if (c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'/' || c == u'*') {
            qsizetype j = i;
            while (j < s.size() && (s[j].isLetterOrNumber() || s[j] == u'_' || s[j] == u'-' ||
                                    s[j] == u'/' || s[j] == u'*')) {
                ++j;
            }
            out.append({Token::Type::Word, s.mid(i, j - i), i});
            i = j;
            continue;
        }
        return std::unexpected(
            u"1:%1 (%2): no match found, unexpected \"%3\""_s.arg(i + 1).arg(i).arg(c));
    }
    out.append({Token::Type::End, QString(), s.size()});
    return out;
}

class Parser
{
public:
    explicit Parser(QList<Token> tokens)
        : m_t(std::move(tokens))
    {}

    std::expected<NodePtr, QString> parseAll()
    {
        auto e = parseOr();
        if (!e)
            return e;
        if (peek().type != Token::Type::End)
            return fail(u"unexpected \"%1\""_s.arg(peek().text));
        return e;
    }

private:
    const Token &peek(int ahead = 0) const
    {
        return m_t[std::min<qsizetype>(m_i + ahead, m_t.size() - 1)];
    }
    bool isWord(const char *w, int ahead = 0) const
    {
        return peek(ahead).type == Token::Type::Word && peek(ahead).text == QLatin1StringView(w);
    }
    std::unexpected<QString> fail(const QString &what) const
    {
        return std::unexpected(
            u"1:%1 (%2): no match found, %3"_s.arg(peek().pos + 1).arg(peek().pos).arg(what));
    }
    NodePtr binary(Node::Kind kind, NodePtr l, NodePtr r)
    {
        auto n = std::make_shared<Node>();
        n->kind = kind;
        n->left = std::move(l);
        n->right = std::move(r);
        return n;
    }

    std::expected<NodePtr, QString> parseOr()
    {
        auto l = parseAnd();
        if (!l)
            return l;
        NodePtr node = *l;
        while (isWord("or")) {
            ++m_i;
            auto r = parseAnd();
            if (!r)
                return r;
            node = binary(Node::Kind::Or, node, *r);
        }
        return node;
    }

    std::expected<NodePtr, QString> parseAnd()
    {
        auto l = parseNot();
        if (!l)
            return l;
        NodePtr node = *l;
        while (isWord("and")) {
            ++m_i;
            auto r = parseNot();
            if (!r)
                return r;
            node = binary(Node::Kind::And, node, *r);
        }
        return node;
    }

    std::expected<NodePtr, QString> parseNot()
    {
        if (isWord("not")) {
            ++m_i;
            auto inner = parseNot();
            if (!inner)
                return inner;
            return binary(Node::Kind::Not, *inner, nullptr);
        }
        if (peek().type == Token::Type::Symbol && peek().text == "("_L1) {
            ++m_i;
            auto inner = parseOr();
            if (!inner)
                return inner;
            if (peek().text != ")"_L1)
                return fail(u"expected \")\""_s);
            ++m_i;
            return inner;
        }
        return parseMatch();
    }

    std::expected<QStringList, QString> parseSelector()
    {
        QStringList parts;
        if (peek().type != Token::Type::Word || peek().text.front().isDigit())
            return fail(u"expected a selector"_s);
        parts << peek().text;
        ++m_i;
        for (;;) {
            if (peek().text == "."_L1 && peek().type == Token::Type::Symbol) {
                ++m_i;
                if (peek().type != Token::Type::Word)
                    return fail(u"expected a selector part"_s);
                parts << peek().text;
                ++m_i;
            } else if (peek().text == "["_L1 && peek().type == Token::Type::Symbol) {
                ++m_i;
                if (peek().type != Token::Type::String)
                    return fail(u"expected a quoted key"_s);
                parts << peek().text;
                ++m_i;
                if (peek().text != "]"_L1)
                    return fail(u"expected \"]\""_s);
                ++m_i;
            } else {
                return parts;
            }
        }
    }

    std::expected<QJsonValue, QString> parseValue()
    {
        const Token t = peek();
        if (t.type == Token::Type::String) {
            ++m_i;
            return QJsonValue(t.text);
        }
        if (t.type == Token::Type::Word) {
            ++m_i;
            if (t.text == "true"_L1 || t.text == "false"_L1)
                return QJsonValue(t.text == "true"_L1);
            bool ok = false;
            const double d = t.text.toDouble(&ok);
            return ok ? QJsonValue(d) : QJsonValue(t.text);
        }
        return fail(u"expected a value"_s);
    }

    std::expected<NodePtr, QString> parseMatch()
    {
        auto n = std::make_shared<Node>();
        // `"value" in Selector` / `"value" not in Selector`
        if (peek().type == Token::Type::String &&
            (isWord("in", 1) || (isWord("not", 1) && isWord("in", 2)))) {
            auto value = parseValue();
            const bool negated = isWord("not");
            m_i += negated ? 2 : 1;
            auto sel = parseSelector();
            if (!sel)
                return std::unexpected(sel.error());
            n->kind = negated ? Node::Kind::NotContains : Node::Kind::Contains;
            n->selector = *sel;
            n->value = *value;
            return n;
        }
        auto sel = parseSelector();
        if (!sel)
            return std::unexpected(sel.error());
        n->selector = *sel;
        if (peek().type == Token::Type::Symbol &&
            (peek().text == "=="_L1 || peek().text == "!="_L1)) {
            n->kind = peek().text == "=="_L1 ? Node::Kind::Equal : Node::Kind::NotEqual;
            ++m_i;
            auto value = parseValue();
            if (!value)
                return std::unexpected(value.error());
            n->value = *value;
            return n;
        }
        if (isWord("is")) {
            ++m_i;
            const bool negated = isWord("not");
            if (negated)
                ++m_i;
            if (isWord("empty"))
                n->kind = negated ? Node::Kind::NotEmpty : Node::Kind::Empty;
            else if (isWord("nil") || isWord("null"))
                n->kind = negated ? Node::Kind::NotNil : Node::Kind::Nil;
            else
                return fail(u"expected \"empty\" or \"nil\""_s);
            ++m_i;
            return n;
        }
        const bool negated = isWord("not");
        if (negated)
            ++m_i;
        if (isWord("contains") || isWord("matches")) {
            const bool contains = isWord("contains");
            ++m_i;
            auto value = parseValue();
            if (!value)
                return std::unexpected(value.error());
            n->value = *value;
            if (contains)
                n->kind = negated ? Node::Kind::NotContains : Node::Kind::Contains;
            else
                n->kind = negated ? Node::Kind::NotMatches : Node::Kind::Matches;
            return n;
        }
        return fail(u"expected \"==\", \"!=\", \"is\", \"contains\" or \"matches\""_s);
    }

    QList<Token> m_t;
    qsizetype m_i = 0;
};

QJsonValue resolve(const QJsonObject &object, const QStringList &selector)
{
    QJsonValue v = object;
    for (const QString &part : selector) {
        if (!v.isObject())
            return QJsonValue::Undefined;
        v = v.toObject().value(part);
    }
    return v;
}

QString asText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isDouble())
        return QString::number(v.toDouble());
    return {};
}

bool evaluate(const Node &n, const QJsonObject &o)
{
    using K = Node::Kind;
    switch (n.kind) {
    case K::And:
        return evaluate(*n.left, o) && evaluate(*n.right, o);
    case K::Or:
        return evaluate(*n.left, o) || evaluate(*n.right, o);
    case K::Not:
        return !evaluate(*n.left, o);
    default:
        break;
    }
    const QJsonValue v = resolve(o, n.selector);
    switch (n.kind) {
    case K::Equal:
    case K::NotEqual: {
        const bool equal = !v.isUndefined() && !v.isNull() && asText(v) == asText(n.value);
        return n.kind == K::Equal ? equal : !equal;
    }
    case K::Nil:
        return v.isNull() || v.isUndefined();
    case K::NotNil:
        return !(v.isNull() || v.isUndefined());
    case K::Empty:
    case K::NotEmpty: {
        const bool empty =
            v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty()) ||
            (v.isArray() && v.toArray().isEmpty()) || (v.isObject() && v.toObject().isEmpty());
        return n.kind == K::Empty ? empty : !empty;
    }
    case K::Contains:
    case K::NotContains: {
        const QString want = asText(n.value);
        bool found = false;
        if (v.isString())
            found = v.toString().contains(want);
        else if (v.isArray())
            found = std::any_of(v.toArray().begin(), v.toArray().end(),
                                [&](const QJsonValue &e) { return asText(e) == want; });
        else if (v.isObject())
            found = v.toObject().contains(want);
        return n.kind == K::Contains ? found : !found;
    }
    case K::Matches:
    case K::NotMatches: {
        const bool m = QRegularExpression(asText(n.value)).match(asText(v)).hasMatch();
        return n.kind == K::Matches ? m : !m;
    }
    default:
        return false;
    }
}

} // namespace

std::expected<FilterExpression, QString> FilterExpression::parse(const QString &text)
{
    auto tokens = tokenize(text);
    if (!tokens)
        return std::unexpected(u"failed to read filter expression: "_s + tokens.error());
    Parser parser(*tokens);
    auto root = parser.parseAll();
    if (!root)
        return std::unexpected(u"failed to read filter expression: "_s + root.error());
    FilterExpression e;
    e.m_root = *root;
    return e;
}

bool FilterExpression::matches(const QJsonObject &object) const
{
    return m_root && evaluate(*m_root, object);
}

} // namespace dd::sim
