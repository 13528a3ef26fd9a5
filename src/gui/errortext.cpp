#include "gui/errortext.h"

#include <QCoreApplication>

namespace dd::gui {

namespace {
QString tr(const char *text)
{
    // The context lupdate gives tr() calls in this namespace.
    return QCoreApplication::translate("dd::gui", text);
}

QString sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}
} // namespace

QString capabilityName(Capability capability)
{
    switch (capability) {
    case Capability::DispatchJob:
        return QStringLiteral("dispatch-job");
    case Capability::ReadJob:
        return QStringLiteral("read-job");
    case Capability::ListJobs:
        return QStringLiteral("list-jobs");
    case Capability::None:
        break;
    }
    return {};
}

QString hintFor(const ApiError &error, Capability capability, const QString &nameSpace)
{
    // "Permission denied" means the token is known but lacks the capability.
    if (error.isPermissionDenied() && capability != Capability::None &&
        !error.nomadText.contains(u"ACL token not found")) {
        return tr("The token needs the %1 capability in namespace “%2”.")
            .arg(capabilityName(capability),
                 nameSpace.isEmpty() ? QStringLiteral("default") : nameSpace);
    }
    return error.hint();
}

QString failureText(const QString &lead, const ApiError &error, Capability capability,
                    const QString &nameSpace)
{
    QString text = lead + u": " + sentence(error.message());
    const QString hint = hintFor(error, capability, nameSpace);
    if (!hint.isEmpty())
        text += u' ' + sentence(hint);
    return text;
}

QString dispatchHint(const ApiError &error, const Job &job)
{
    if (error.kind != ApiError::Kind::Http || !job.parameterized)
        return {};
    const QString &t = error.nomadText;
    const ParameterizedConfig &c = *job.parameterized;
    if (t.startsWith(u"Dispatch request included unpermitted metadata keys")) {
        const QStringList allowed = c.metaRequired + c.metaOptional;
        return allowed.isEmpty() ? tr("This job accepts no meta keys.")
                                 : tr("This job accepts only: %1.").arg(allowed.join(u", "));
    }
    if (t.startsWith(u"Dispatch did not provide required meta keys"))
        return tr("Fill in every key marked required.");
    if (t.startsWith(u"Payload is not provided"))
        return tr("Load a file or type a payload.");
    if (t.startsWith(u"Payload provided but forbidden"))
        return tr("Clear the payload: this job takes none.");
    if (t.startsWith(u"Payload exceeds maximum size"))
        return tr("Nomad accepts at most 16384 bytes; pass a reference to the data instead.");
    return {};
}

} // namespace dd::gui
