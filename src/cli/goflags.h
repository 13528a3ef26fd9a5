#pragma once
// A flag parser with the semantics of Go's `flag` package, which the
// reference CLI uses: `-f`, `--f`, `-f=v`, `-f v`; parsing stops at the
// first non-flag argument, at a lone "-" and after "--"; booleans take only
// the `-f=false` form for a value.

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

namespace dd::cli {

class FlagSet
{
public:
    void addBool(const QString &name, bool *target);
    void addString(const QString &name, QString *target);
    void addStringList(const QString &name, QStringList *target); // repeatable
    void addInt(const QString &name, int *target);

    // Returns the positional arguments, or Go's error text on failure.
    std::expected<QStringList, QString> parse(const QStringList &args);

    // Which flags were given explicitly (so they can beat environment variables).
    bool wasSet(const QString &name) const { return m_set.contains(name); }
    bool helpRequested() const { return m_help; }

private:
    enum class Kind { Bool, String, StringList, Int };
    struct Flag
    {
        Kind kind;
        void *target;
    };
    std::optional<QString> assign(const QString &name, const Flag &flag, const QString &value);

    QHash<QString, Flag> m_flags;
    QSet<QString> m_set;
    bool m_help = false;
};

// strconv.ParseBool
std::optional<bool> parseGoBool(const QString &text);

} // namespace dd::cli
