// Every JSON decoder on the same bytes: none may crash, hang or leak, and the
// two job-list decoders must agree whenever both accept the input.
#include "core/allocfiles.h"
#include "core/allocstats.h"
#include "core/decode.h"
#include "core/dispatchjournal.h"
#include "core/eventdecode.h"
#include "core/logframes.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)dd::decodeJob(json);
    (void)dd::decodeJobSummary(json);
    (void)dd::decodeEvaluation(json);
    (void)dd::decodeEvaluations(json);
    (void)dd::decodeAllocation(json);
    (void)dd::decodeAllocations(json);
    (void)dd::decodeDispatchResponse(json);
    (void)dd::decodeAgentSelf(json);
    (void)dd::decodeAclToken(json);
    (void)dd::decodeNamespaces(json);
    (void)dd::decodeNodes(json);
    (void)dd::decodeStringList(json);
    (void)dd::decodeJsonString(json);
    (void)dd::decodeEventLines(json); // the event stream's lines
    (void)dd::decodeLogFileSizes(json, QStringLiteral("talk"), QStringLiteral("stdout"));
    (void)dd::decodeAllocFileList(json); // the allocation's files and their usage
    (void)dd::decodeAllocFileInfo(json);
    (void)dd::decodeAllocResourceUsage(json);
    (void)dd::fsErrorInBody(json, QStringLiteral("/nope"));
    // The framed log stream, whole and cut in two: the cut must not change the frames.
    dd::LogFrameDecoder whole;
    const QList<dd::LogFrame> frames = whole.feed(json);
    dd::LogFrameDecoder split;
    const qsizetype cut = json.isEmpty() ? 0 : qsizetype(uchar(json.front())) % (json.size() + 1);
    QList<dd::LogFrame> parts = split.feed(QByteArrayView(json).first(cut));
    parts += split.feed(QByteArrayView(json).sliced(cut));
    if (!whole.failed() && !split.failed() && frames != parts)
        std::abort();
    const auto fast = dd::decodeJobStubs(json);
    const auto reference = dd::decodeJobStubsWithQJson(json);
    if (fast && reference && *fast != *reference)
        std::abort(); // the fast decoder read something differently
    return 0;
}
