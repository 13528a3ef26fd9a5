#include "cli/goflags.h"

#include "core/connectionprofile.h"

#include <QSet>

namespace dd::cli {

std::optional<bool> parseGoBool(const QString &text)
{
    return dd::goParseBool(text);
}

void FlagSet::addBool(const QString &name, bool *target)
{
    m_flags.insert(name, {Kind::Bool, target});
}

void FlagSet::addString(const QString &name, QString *target)
{
    m_flags.insert(name, {Kind::String, target});
}

void FlagSet::addStringList(const QString &name, QStringList *target)
{
    m_flags.insert(name, {Kind::StringList, target});
}

void FlagSet::addInt(const QString &name, int *target)
{
    m_flags.insert(name, {Kind::Int, target});
}

std::optional<QString> FlagSet::assign(const QString &name, const Flag &flag, const QString &value)
{
    switch (flag.kind) {
    case Kind::Bool: {
        const auto b = parseGoBool(value);
        if (!b)
            return u"invalid boolean value \"" + value + u"\" for -" + name + u": parse error";
        *static_cast<bool *>(flag.target) = *b;
        break;
    }
    case Kind::String:
        *static_cast<QString *>(flag.target) = value;
        break;
    case Kind::StringList:
        static_cast<QStringList *>(flag.target)->append(value);
        break;
    case Kind::Int: {
        bool ok = false;
        const int v = value.toInt(&ok, 0);
        if (!ok)
            return u"invalid value \"" + value + u"\" for flag -" + name + u": parse error";
        *static_cast<int *>(flag.target) = v;
        break;
    }
    }
    m_set.insert(name);
    return std::nullopt;
}

std::expected<QStringList, QString> FlagSet::parse(const QStringList &args)
{
    qsizetype i = 0;
    while (i < args.size()) {
        const QString arg = args.at(i);
        if (arg.size() < 2 || !arg.startsWith(u'-'))
            break; // a positional argument, or "-" (stdin)
        ++i;
        QString name = arg.mid(1);
        if (name.startsWith(u'-')) {
            name.remove(0, 1);
            if (name.isEmpty())
                break; // "--" ends the flags
        }
        if (name.isEmpty() || name.startsWith(u'-') || name.startsWith(u'='))
            return std::unexpected(u"bad flag syntax: " + arg);
        std::optional<QString> value;
        const qsizetype eq = name.indexOf(u'=');
        if (eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
        }
        const auto it = m_flags.constFind(name);
        if (it == m_flags.cend()) {
            if (name == u"help" || name == u"h") {
                m_help = true;
                return std::unexpected(QString());
            }
            return std::unexpected(u"flag provided but not defined: -" + name);
        }
        if (it->kind == Kind::Bool) {
            if (auto error = assign(name, *it, value.value_or(QStringLiteral("true"))))
                return std::unexpected(*error);
            continue;
        }
        if (!value) {
            if (i >= args.size())
                return std::unexpected(u"flag needs an argument: -" + name);
            value = args.at(i++);
        }
        if (auto error = assign(name, *it, *value))
            return std::unexpected(*error);
    }
    return args.mid(i);
}

} // namespace dd::cli
