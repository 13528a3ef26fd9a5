#include "sim/model.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

bool SimJob::isParameterized() const
{
    return !dispatched && spec.value("ParameterizedJob"_L1).isObject();
}

bool SimJob::isPeriodic() const
{
    return spec.value("Periodic"_L1).isObject();
}

QString SimJob::type() const
{
    return spec.value("Type"_L1).toString(u"service"_s);
}

int SimJob::priority() const
{
    return spec.value("Priority"_L1).toInt(50);
}

QJsonArray SimJob::taskGroups() const
{
    return spec.value("TaskGroups"_L1).toArray();
}

QJsonObject SimJob::meta() const
{
    return spec.value("Meta"_L1).toObject();
}

bool SimEval::isTerminal() const
{
    return status == "complete"_L1 || status == "failed"_L1 || status == "canceled"_L1;
}

bool SimAlloc::isTerminal() const
{
    return desiredStatus == "stop"_L1 || desiredStatus == "evict"_L1 ||
           clientStatus == "complete"_L1 || clientStatus == "failed"_L1 ||
           clientStatus == "lost"_L1;
}

int SimAlloc::cpu() const
{
    int total = 0;
    for (const TaskResources &r : taskResources)
        total += r.cpu;
    return total;
}

int SimAlloc::memoryMb() const
{
    int total = 0;
    for (const TaskResources &r : taskResources)
        total += r.memoryMb;
    return total;
}

} // namespace dd::sim
