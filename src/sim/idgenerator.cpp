#include "sim/idgenerator.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

IdGenerator::IdGenerator(quint64 seed)
    : m_random(seed == 0 ? QRandomGenerator::system()->generate64() : seed)
{}

QString IdGenerator::hex(int characters)
{
    QString out;
    out.reserve(characters);
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < characters; ++i)
        out += QLatin1Char(digits[m_random.bounded(16)]);
    return out;
}

QString IdGenerator::uuid()
{
    return hex(8) + u'-' + hex(4) + u'-' + hex(4) + u'-' + hex(4) + u'-' + hex(12);
}

double IdGenerator::unit()
{
    return m_random.generateDouble();
}

quint32 IdGenerator::bounded(quint32 limit)
{
    return limit == 0 ? 0 : m_random.bounded(limit);
}

QString uuidFormatError(const QString &text)
{
    if (text.size() != 36)
        return u"UUID must be 36 characters"_s;
    for (int i : {8, 13, 18, 23}) {
        if (text[i] != u'-')
            return u"UUID improperly formatted"_s;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            continue;
        const QChar c = text[i];
        const bool isHex =
            (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (!isHex) {
            return u"Invalid UUID: encoding/hex: invalid byte: U+%1 '%2'"_s.arg(
                QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'), QString(c));
        }
    }
    return {};
}

} // namespace dd::sim
