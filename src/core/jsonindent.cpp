#include "core/jsonindent.h"

namespace dd {

static bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::optional<QByteArray> indentJson(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    QByteArray closers;     // the brackets still open, as the characters that close them
    bool afterOpen = false; // the last token opened a container
    bool sawValue = false;
    auto newline = [&](qsizetype depth) {
        out += '\n';
        out += QByteArray(depth * 4, ' ');
    };
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = json.at(i);
        if (isJsonSpace(c))
            continue;
        if (closers.isEmpty() && sawValue)
            return std::nullopt; // text after the value
        if (c == '}' || c == ']') {
            if (closers.isEmpty() || closers.back() != c)
                return std::nullopt;
            closers.chop(1);
            if (!afterOpen)
                newline(closers.size());
            out += c;
            afterOpen = false;
            sawValue = closers.isEmpty();
            continue;
        }
        if (afterOpen)
            newline(closers.size());
        afterOpen = false;
        if (c == '{' || c == '[') {
            out += c;
            closers += c == '{' ? '}' : ']';
            afterOpen = true;
        } else if (c == ',') {
            if (closers.isEmpty())
                return std::nullopt;
            out += ',';
            newline(closers.size());
        } else if (c == ':') {
            if (closers.isEmpty() || closers.back() != '}')
                return std::nullopt;
            out += ": ";
        } else if (c == '"') {
            const qsizetype start = i++;
            while (i < n && json.at(i) != '"') {
                if (json.at(i) == '\\')
                    ++i; // the escaped character, a quote included
                ++i;
            }
            if (i >= n)
                return std::nullopt; // unclosed string
            out += json.sliced(start, i - start + 1);
            sawValue = closers.isEmpty();
        } else {
            // A number, true, false or null: copied as typed, up to the next delimiter.
            const qsizetype start = i;
            while (i + 1 < n && !isJsonSpace(json.at(i + 1)) &&
                   QByteArrayView(",:]}[{\"").indexOf(json.at(i + 1)) < 0)
                ++i;
            out += json.sliced(start, i - start + 1);
            sawValue = closers.isEmpty();
        }
    }
    if (!closers.isEmpty() || !sawValue)
        return std::nullopt;
    out += '\n';
    return out;
}

} // namespace dd
