#include "gui/errortext.h"

namespace dd::gui {

namespace {
QString sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}
} // namespace

QString failureText(const QString &lead, const ApiError &error, Capability capability,
                    const QString &nameSpace)
{
    QString text = lead + u": " + sentence(error.message());
    const QString hint = error.hintFor(capability, nameSpace);
    if (!hint.isEmpty())
        text += u' ' + sentence(hint);
    return text;
}

} // namespace dd::gui
