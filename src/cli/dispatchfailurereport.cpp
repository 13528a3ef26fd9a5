#include "cli/dispatchfailurereport.h"

#include "api/nomadclient.h"
#include "cli/joblisting.h"
#include "core/dispatchvalidation.h"
#include "core/serverversion.h"

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

DispatchFailureReport::DispatchFailureReport(Terminal &terminal, NomadClient *client,
                                             Subject subject, QObject *parent)
    : QObject(parent)
    , m_terminal(terminal)
    , m_client(client)
    , m_subject(std::move(subject))
{}

void DispatchFailureReport::finish()
{
    Q_EMIT finished();
}

void DispatchFailureReport::reportUnknown(const DispatchOutcome &outcome)
{
    m_terminal.error(u"Failed to dispatch job: " + outcome.error->referenceText());
    const QString version = outcome.serverVersion ? u"Nomad " + outcome.serverVersion->toString()
                                                  : u"a Nomad server of unknown version"_s;
    const QString why = outcome.error ? outcome.error->message() : QString();
    m_terminal.hint(u"Dispatch request: " + deliveryText(outcome) +
                    (why.isEmpty() ? QString() : u"; " + why) +
                    u". Nomad may have dispatched the job anyway.");
    if (outcome.sent > 1 && !outcome.idempotencyToken.isEmpty() &&
        supports(outcome.serverVersion, ServerFeature::IdempotencyToken)) {
        m_terminal.hint(u"Every request carried the same idempotency token, so " + version +
                        u" created at most one job.");
    } else {
        m_terminal.hint(u"It was not sent again: " + version +
                        u" does not honour idempotency tokens (Nomad 1.2 and later do), so a "
                        u"second request could dispatch it twice.");
    }
    if (outcome.possibleChildren.isEmpty()) {
        m_terminal.hint(u"No child of " + q(m_subject.jobId) +
                        u" with this meta and payload appeared since the request was sent; "
                        u"it is probably safe to dispatch again.");
    } else {
        m_terminal.hint(u"These children of " + q(m_subject.jobId) +
                        u" match this dispatch and were created since it was sent:");
        for (const Job &child : outcome.possibleChildren)
            m_terminal.hint(u"    " + child.id + u" (" + child.status + u')');
        m_terminal.hint(u"Check them before dispatching again."_s);
    }
    finish();
}

void DispatchFailureReport::explain(const ApiError &error)
{
    const DispatchErrorHint hint =
        error.dispatchHint({m_subject.jobId, m_subject.nameSpace, nullptr, HintQuotes::Plain});
    switch (hint.kind) {
    case DispatchErrorHint::Kind::JobNotFound:
        // Which jobs could have been meant.
        m_client->jobs({}, kParentFilter, {}, this,
                       [this, text = hint.text](Result<Reply<QList<JobStub>>> reply) {
                           m_terminal.hint(text);
                           if (reply) {
                               QStringList ids;
                               for (const JobStub &s : reply->value) {
                                   if (s.isParameterizedParent())
                                       ids.append(s.id);
                               }
                               if (!ids.isEmpty())
                                   m_terminal.hint(u"Parameterized jobs there: " + ids.join(u", ") +
                                                   u'.');
                           }
                           finish();
                       });
        return;
    case DispatchErrorHint::Kind::RequestRefused:
        // The job's schema, as the flags that would satisfy it.
        printSchemaHelp();
        return;
    case DispatchErrorHint::Kind::MissingCapability:
        // The reference's error line only quotes Nomad: say that nothing happened.
        m_terminal.hint(hint.text.chopped(1) + u"; nothing was dispatched.");
        break;
    case DispatchErrorHint::Kind::NotParameterized:
    case DispatchErrorHint::Kind::General:
        m_terminal.hint(hint.text);
        break;
    case DispatchErrorHint::Kind::None:
        break;
    }
    finish();
}

void DispatchFailureReport::printSchemaHelp()
{
    QueryOptions options;
    if (!m_subject.jobNamespace.isEmpty())
        options.nameSpace = m_subject.jobNamespace;
    m_client->job(m_subject.jobId, options, this, [this](Result<Reply<Job>> reply) {
        if (!reply) {
            finish(); // the schema needs read-job; the server's own words must do
            return;
        }
        const Job &job = reply->value;
        m_terminal.hint(QString());
        for (const QString &line : describeSchema(job))
            m_terminal.hint(line);
        const auto problems = validateDispatch(job, m_subject.request);
        for (const DispatchProblem &p : problems) {
            switch (p.kind) {
            case DispatchProblemKind::MetaRequiredMissing: {
                QStringList flags;
                for (const QString &key : p.keys)
                    flags.append(u"-meta " + key + u"=<value>");
                m_terminal.hint(u"Add the missing " +
                                QString(p.keys.size() == 1 ? u"key"_s : u"keys"_s) + u" with " +
                                flags.join(u' ') + u'.');
                break;
            }
            case DispatchProblemKind::MetaKeyNotAllowed: {
                QStringList allowed =
                    job.parameterized->metaRequired + job.parameterized->metaOptional;
                m_terminal.hint(u"Remove -meta " + p.keys.join(u", -meta ") + u"; allowed keys: " +
                                (allowed.isEmpty() ? u"none"_s : allowed.join(u", ")) + u'.');
                break;
            }
            case DispatchProblemKind::PayloadRequired:
                m_terminal.hint(
                    u"Give the payload as a file after the job ID, or \"-\" to read standard input."_s);
                break;
            case DispatchProblemKind::PayloadForbidden:
                m_terminal.hint(u"Leave out the input source: this job takes no payload."_s);
                break;
            default:
                break;
            }
        }
        finish();
    });
}

} // namespace dd::cli
