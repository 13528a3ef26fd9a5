#include "api/logtail.h"

#include "api/tasklogstream.h"

namespace dd {

void readLogTail(NomadClient *client, const LogTailRequest &request, QObject *context,
                 std::function<void(std::expected<QByteArray, ApiError>)> callback)
{
    TaskLogStream::Options o;
    o.allocId = request.allocId;
    o.task = request.task;
    o.nameSpace = request.nameSpace;
    o.stderrStream = request.stderrStream;
    o.follow = false;
    o.fromEnd = true;
    o.offset = request.bytes;
    // A banner waits for no retries: one short attempt is enough.
    o.maxAttempts = 1;
    auto *stream = new TaskLogStream(client, o, context);
    auto bytes = std::make_shared<QByteArray>();
    QObject::connect(stream, &TaskLogStream::data, stream,
                     [bytes](const QByteArray &chunk) { bytes->append(chunk); });
    QObject::connect(stream, &TaskLogStream::finished, stream,
                     [stream, bytes, callback](const std::optional<ApiError> &error) {
                         stream->deleteLater();
                         if (error)
                             callback(std::unexpected(*error));
                         else
                             callback(*bytes);
                     });
    stream->start();
}

} // namespace dd
