#pragma once
// The write endpoints: PUT/POST /v1/jobs and /v1/job/<id> (register),
// DELETE /v1/job/<id> (deregister) and PUT/POST /v1/job/<id>/dispatch. Each
// checks its capability, decodes the body as Nomad's Go handler does, and
// answers Nomad's JSON with X-Nomad-Index, or Nomad's error text.

#include "sim/aclstore.h"
#include "sim/httpmessage.h"

#include <expected>
#include <functional>
#include <optional>

namespace dd::sim {

class JobService;

struct WriteScope
{
    JobService &jobs;
    const HttpRequest &request;
    QString ns;
    QString serverVersion;
    bool pretty = false;
    // Nomad's HTTP handler decodes the body first (400s), then the server
    // resolves the token (403/500), so the write calls this in between.
    // Empty identity: ACLs are off.
    std::function<std::expected<std::optional<AclIdentity>, HttpResponse>()> resolveIdentity;
};

HttpResponse writeDispatch(const WriteScope &scope, const QString &jobId);
// jobId is set for PUT /v1/job/<id>, whose body must name the same job.
HttpResponse writeRegister(const WriteScope &scope, const QString &jobId);
HttpResponse writeDeregister(const WriteScope &scope, const QString &jobId);

} // namespace dd::sim
