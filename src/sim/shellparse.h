#pragma once
// The syntax tree of a `sh -c` script, as far as shellscript.h interprets it:
// simple commands with redirections, lists joined by ; && || |, while/until,
// for and if.

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace dd::sim {

struct ShellToken
{
    enum Kind { Word, Redirect, Op } kind = Word;
    QString text; // words keep their quotes; expansion happens when they run
};

struct ShellNode;
using ShellNodePtr = std::shared_ptr<ShellNode>;
struct ShellNode
{
    enum Kind { Simple, List, While, Until, For, If } kind = Simple;
    QList<ShellToken> words;                            // Simple: words and redirections
    QList<std::pair<QString, ShellNodePtr>> items;      // List: (separator before, command)
    ShellNodePtr cond, body, elseBody;                  // loops, If
    QString var;                                        // For
    QStringList forWords;                               // For (raw)
    QList<std::pair<ShellNodePtr, ShellNodePtr>> elifs; // If: further (cond, body)
};

// Lenient: what cannot be parsed ends the list it is in.
ShellNodePtr parseShellScript(const QString &script);
// A word's fields: quotes removed, $NAME ${NAME} ${NAME:-x} $? $((arithmetic)) expanded
// (command substitution gives nothing), unquoted expansions split on spaces.
QStringList expandShellWord(const QString &word, const QMap<QString, QString> &vars, int status);

} // namespace dd::sim
