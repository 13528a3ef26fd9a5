#include "joblistgen.h"

#include <QRandomGenerator>

#include <cstdio>
#include <string>

namespace dd::test {

QByteArray makeJobListJson(int count, int seed)
{
    static const char *parents[] = {"video-encode", "etl-import", "report-nightly", "thumbnail"};
    static const char *statuses[] = {"dead", "dead", "dead", "running", "pending"};
    QRandomGenerator rng{quint32(seed)};
    std::string out;
    out.reserve(size_t(count) * 1100 + 16);
    out += '[';
    char buffer[2048];
    for (int i = 0; i < count; ++i) {
        const char *parent = parents[i % 4];
        const char *status = statuses[rng.bounded(5)];
        char id[128];
        std::snprintf(id, sizeof id, "%s/dispatch-%d-%08x", parent, 1795595492 + i, rng.generate());
        const int complete = status[0] == 'd' ? 1 : 0;
        const int running = status[0] == 'r' ? 1 : 0;
        const int index = 100 + i;
        std::snprintf(
            buffer, sizeof buffer,
            "%s{\"CreateIndex\": %d, \"Datacenters\": [\"dc1\", \"dc2\"], \"ID\": \"%s\", "
            "\"JobModifyIndex\": %d, \"JobSummary\": {\"Children\": {\"Dead\": 0, \"Pending\": 0, "
            "\"Running\": 0}, \"CreateIndex\": %d, \"JobID\": \"%s\", \"ModifyIndex\": %d, "
            "\"Namespace\": \"default\", \"Summary\": {\"encode\": {\"Complete\": %d, \"Failed\": "
            "0, "
            "\"Lost\": 0, \"Queued\": 0, \"Running\": %d, \"Starting\": 0, \"Unknown\": 0}, "
            "\"upload\": {\"Complete\": %d, \"Failed\": 0, \"Lost\": 0, \"Queued\": 0, "
            "\"Running\": 0, "
            "\"Starting\": 0, \"Unknown\": 0}}}, \"Meta\": null, \"ModifyIndex\": %d, "
            "\"Multiregion\": null, \"Name\": \"%s\", \"Namespace\": \"default\", \"NodePool\": "
            "\"default\", \"ParameterizedJob\": false, \"ParentID\": \"%s\", \"Periodic\": false, "
            "\"Priority\": 50, \"Status\": \"%s\", \"StatusDescription\": \"\", \"Stop\": false, "
            "\"SubmitTime\": %lld, \"Type\": \"batch\", \"Version\": 0}",
            i > 0 ? "," : "", index, id, index, index, id, index, complete, running, complete,
            index, id, parent, status, 1795595492589376303LL + qint64(i) * 1000000000LL);
        out += buffer;
    }
    out += ']';
    return QByteArray(out.data(), qsizetype(out.size()));
}

} // namespace dd::test
