#pragma once
// What an EvaluationMonitor saw, as typed events in the order they happened.
// The CLI prints them in the reference's words; the app draws a timeline.

#include "api/apierror.h"
#include "core/types.h"

#include <QDateTime>

#include <chrono>
#include <optional>

namespace dd {

struct MonitorEvent
{
    enum class Kind {
        MonitoringEvaluation,    // evalId
        TriggeredByJob,          // text = job ID
        TriggeredByNode,         // text = node ID
        AllocationCreated,       // allocation
        AllocationModified,      // allocation
        AllocationStatusChanged, // allocation, from, to
        EvaluationStatusChanged, // from, to
        EvaluationFinished,      // evaluation (FailedTGAllocs when placement failed)
        WaitingForCapacity,      // text = blocked eval ID
        NextEvaluation,          // text = next eval ID, delay = the eval's wait
        Reconnecting,            // error, attempt, delay until the next try
        Reconnected,
    };

    Kind kind;
    QString evalId;
    QString text;
    QString from;
    QString to;
    Evaluation evaluation;
    Allocation allocation;
    std::optional<ApiError> error;
    int attempt = 0;
    std::chrono::milliseconds delay{0};
    QDateTime time = QDateTime::currentDateTimeUtc();
};

struct MonitorResult
{
    enum class Outcome {
        Complete,        // every allocation placed
        PlacementFailed, // some could not be placed (the CLI exits 2)
        EvaluationFailed,
        Error, // could not follow the evaluation
        Cancelled,
    };
    Outcome outcome = Outcome::Complete;
    Evaluation lastEvaluation;
    QString blockedEvalId;
    std::optional<ApiError> error;
    QString errorEvalId; // the evaluation that could not be read
};

} // namespace dd

Q_DECLARE_METATYPE(dd::MonitorEvent)
Q_DECLARE_METATYPE(dd::MonitorResult)
