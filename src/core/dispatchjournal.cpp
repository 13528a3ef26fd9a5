#include "core/dispatchjournal.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
struct VerdictSpelling
{
    JournalVerdict verdict;
    QLatin1StringView name;
};
// The spellings written since the journal exists: the first per verdict is the
// one written today; the others are read back from older journals (bulk
// dispatch wrote its row status, "already dispatched").
constexpr VerdictSpelling kSpellings[] = {
    {JournalVerdict::Dispatched, "dispatched"_L1},
    {JournalVerdict::AlreadyDispatched, "already-dispatched"_L1},
    {JournalVerdict::Refused, "refused"_L1},
    {JournalVerdict::NotFound, "not-found"_L1},
    {JournalVerdict::OutcomeUnknown, "unknown"_L1},
    {JournalVerdict::Placed, "placed"_L1},
    {JournalVerdict::Running, "running"_L1},
    {JournalVerdict::Complete, "complete"_L1},
    {JournalVerdict::Complete, "completed"_L1},
    {JournalVerdict::Failed, "failed"_L1},
    {JournalVerdict::PlacementFailed, "placement-failed"_L1},
    {JournalVerdict::EvaluationFailed, "evaluation-failed"_L1},
    {JournalVerdict::Lost, "lost"_L1},
    {JournalVerdict::NotFollowed, "not-followed"_L1},
    {JournalVerdict::Stopped, "stopped"_L1},
    {JournalVerdict::Purged, "purged"_L1},
};
} // namespace

QString journalActionName(JournalAction action)
{
    switch (action) {
    case JournalAction::Dispatch:
        return u"dispatch"_s;
    case JournalAction::Stop:
        return u"stop"_s;
    case JournalAction::Purge:
        return u"purge"_s;
    case JournalAction::Other:
        break;
    }
    return {};
}

JournalAction journalActionFromName(QStringView word)
{
    const QString key = word.trimmed().toString().toLower();
    if (key.isEmpty() || key == u"dispatch")
        return JournalAction::Dispatch;
    if (key == u"stop")
        return JournalAction::Stop;
    if (key == u"purge")
        return JournalAction::Purge;
    return JournalAction::Other;
}

QString journalVerdictName(JournalVerdict verdict)
{
    for (const VerdictSpelling &s : kSpellings) {
        if (s.verdict == verdict)
            return s.name;
    }
    return {};
}

JournalVerdict journalVerdictFromName(QStringView word)
{
    QString key = word.trimmed().toString().toLower();
    if (key.isEmpty())
        return JournalVerdict::None;
    key.replace(u' ', u'-').replace(u'_', u'-');
    for (const VerdictSpelling &s : kSpellings) {
        if (key == s.name)
            return s.verdict;
    }
    return JournalVerdict::Other;
}

QString JournalEntry::verdictName() const
{
    return verdict == JournalVerdict::Other ? verdictWord : journalVerdictName(verdict);
}

QString dispatchDeliveryText(int sent, bool answered, bool withToken)
{
    if (sent <= 0)
        return QCoreApplication::translate("dd::DispatchJournal", "not sent");
    QString text =
        sent == 1 ? QCoreApplication::translate("dd::DispatchJournal", "sent once")
        : withToken
            ? QCoreApplication::translate("dd::DispatchJournal",
                                          "sent %n times with the same idempotency token", nullptr,
                                          sent)
            : QCoreApplication::translate("dd::DispatchJournal", "sent %n times", nullptr, sent);
    if (!answered)
        text += QCoreApplication::translate("dd::DispatchJournal", ", no answer");
    return text;
}

QString journalDeliveryText(const JournalEntry &e)
{
    if (e.attempts <= 0 && e.sent <= 0)
        return {};
    return dispatchDeliveryText(e.sent, e.answered, !e.idempotencyToken.isEmpty());
}

DispatchJournal::DispatchJournal(QString path)
    : m_path(std::move(path))
{}

QString DispatchJournal::payloadHash(const QByteArray &payload)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
}

std::expected<void, QString> DispatchJournal::append(const QByteArray &lines, bool durable)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // O_APPEND makes each write land whole at the end even with two writers
    // (the app and the CLI); fsync makes it survive a crash or power loss.
    // O_NOFOLLOW: a symbolic link planted at the journal's path would send
    // every entry (job IDs, meta, addresses) into a file of someone's choosing.
    const int fd = ::open(QFile::encodeName(m_path).constData(),
                          O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0 && errno == ELOOP)
        return std::unexpected(
            u"the dispatch journal "_s + m_path +
            u" is a symbolic link, and the journal is never written through one (it could "
            u"send the entries into another file); replace the link with the journal file "
            u"itself, or point DISPATCH_DESK_JOURNAL at the real file"_s);
    if (fd < 0)
        return std::unexpected(u"cannot open the dispatch journal " + m_path + u": " +
                               QString::fromLocal8Bit(strerror(errno)));
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return std::unexpected(u"the dispatch journal "_s + m_path +
                               u" is not a regular file (a pipe, device or socket); remove it, "
                               u"or point DISPATCH_DESK_JOURNAL at a file"_s);
    }
    // Only its owner reads what was dispatched where: a journal an older
    // version (or a copy) left readable by others becomes private.
    if ((info.st_mode & 0077) != 0 && ::fchmod(fd, 0600) != 0) {
        const QString error = QString::fromLocal8Bit(strerror(errno));
        ::close(fd);
        return std::unexpected(u"the dispatch journal "_s + m_path +
                               u" is readable by other users and could not be made private: "_s +
                               error + u"; run chmod 600 on it"_s);
    }
    QByteArray data = lines;
    // After a crash mid-write the file may end in half a line; start a fresh
    // one so this entry is not glued to the torn one and lost with it.
    if (info.st_size > 0) {
        char last = '\n';
        if (::pread(fd, &last, 1, info.st_size - 1) == 1 && last != '\n')
            data.prepend('\n');
    }
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const QString error = QString::fromLocal8Bit(strerror(errno));
            ::close(fd);
            return std::unexpected(u"cannot write the dispatch journal " + m_path + u": " + error);
        }
        written += n;
    }
    if (durable)
        ::fsync(fd);
    ::close(fd);
    return {};
}

QString journalFieldText(const QString &value, qsizetype max)
{
    if (value.size() <= max)
        return value;
    return value.left(max) + u"…[cut: "_s + QString::number(value.size()) +
           u" characters in all]"_s;
}

namespace {
// A field from a server or a rows file (a job ID, meta, Nomad's error) is cut
// to a bound, so one entry can never be a line of megabytes that every
// `history` reads again.
QString journalField(const QString &value)
{
    return journalFieldText(value, kMaxJournalFieldLength);
}

QJsonObject metaObject(const MetaMap &meta)
{
    QJsonObject o;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        o.insert(journalField(it.key()), journalField(it.value()));
    return o;
}
} // namespace

QByteArray DispatchJournal::beginLine(JournalEntry &entry)
{
    if (entry.id.isEmpty())
        entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    QJsonObject o{{u"event"_s, u"begin"_s},
                  {u"id"_s, entry.id},
                  {u"time"_s, entry.time.toString(Qt::ISODateWithMs)},
                  {u"source"_s, journalField(entry.source)},
                  {u"profile"_s, journalField(entry.profile)},
                  {u"address"_s, journalField(entry.address)},
                  {u"job"_s, journalField(entry.jobId)},
                  {u"namespace"_s, journalField(entry.nameSpace)},
                  {u"meta"_s, metaObject(entry.meta)},
                  {u"payloadSha256"_s, journalField(entry.payloadSha256)},
                  {u"payloadSize"_s, entry.payloadSize},
                  {u"idempotencyToken"_s, journalField(entry.idempotencyToken)}};
    // Dispatches stay as older versions wrote them; a stop names its child at once.
    if (!entry.isDispatch()) {
        o.insert(u"action"_s, journalField(entry.action == JournalAction::Other
                                               ? entry.actionWord
                                               : journalActionName(entry.action)));
        o.insert(u"child"_s, journalField(entry.childJobId));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray DispatchJournal::completeLine(const JournalEntry &entry)
{
    QJsonObject o{{u"event"_s, u"complete"_s},
                  {u"id"_s, entry.id},
                  {u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                  {u"child"_s, journalField(entry.childJobId)},
                  {u"eval"_s, journalField(entry.evalId)},
                  {u"verdict"_s, journalField(entry.verdictName())},
                  {u"error"_s, journalFieldText(entry.error, kMaxJournalErrorLength)},
                  {u"attempts"_s, entry.attempts},
                  {u"sent"_s, entry.sent},
                  {u"answered"_s, entry.answered}};
    // A token SafeDispatcher generated is known only now; it says that the
    // retries could not create a second job.
    if (!entry.idempotencyToken.isEmpty())
        o.insert(u"idempotencyToken"_s, journalField(entry.idempotencyToken));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::expected<JournalEntry, QString> DispatchJournal::begin(JournalEntry entry)
{
    auto ok = append(beginLine(entry), true);
    if (!ok)
        return std::unexpected(ok.error());
    return entry;
}

std::expected<QList<JournalEntry>, QString> DispatchJournal::beginMany(QList<JournalEntry> entries)
{
    QByteArray lines;
    for (JournalEntry &e : entries)
        lines += beginLine(e);
    auto ok = append(lines, true);
    if (!ok)
        return std::unexpected(ok.error());
    return entries;
}

std::expected<void, QString> DispatchJournal::complete(const JournalEntry &entry)
{
    return append(completeLine(entry), false);
}

std::expected<void, QString> DispatchJournal::completeMany(const QList<JournalEntry> &entries)
{
    QByteArray lines;
    for (const JournalEntry &e : entries)
        lines += completeLine(e);
    return lines.isEmpty() ? std::expected<void, QString>{} : append(lines, false);
}

std::expected<void, QString> DispatchJournal::note(const QString &id, JournalVerdict verdict,
                                                   int attempts)
{
    QJsonObject o{{u"event"_s, u"note"_s},
                  {u"id"_s, id},
                  {u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                  {u"verdict"_s, journalVerdictName(verdict)},
                  {u"attempts"_s, attempts}};
    return append(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n', false);
}

JournalLoad DispatchJournal::load() const
{
    JournalLoad result;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return result; // no journal yet
    QHash<QString, qsizetype> index;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray raw = file.readLine();
        ++lineNumber;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            const bool last = file.atEnd() && !raw.endsWith('\n');
            result.problems.append(
                u"line " + QString::number(lineNumber) +
                (last ? u" was cut short (the program stopped while writing it) and was skipped"_s
                      : u" is damaged and was skipped"_s));
            continue;
        }
        const QJsonObject o = doc.object();
        const QString id = o.value("id"_L1).toString();
        const QString event = o.value("event"_L1).toString();
        if (id.isEmpty()) {
            result.problems.append(u"line " + QString::number(lineNumber) +
                                   u" has no id and was skipped");
            continue;
        }
        if (event == u"begin") {
            JournalEntry e;
            e.id = id;
            e.time = QDateTime::fromString(o.value("time"_L1).toString(), Qt::ISODateWithMs);
            e.source = o.value("source"_L1).toString();
            e.profile = o.value("profile"_L1).toString();
            e.address = o.value("address"_L1).toString();
            e.jobId = o.value("job"_L1).toString();
            e.nameSpace = o.value("namespace"_L1).toString();
            const QJsonObject meta = o.value("meta"_L1).toObject();
            for (auto it = meta.begin(); it != meta.end(); ++it)
                e.meta.insert(it.key(), it.value().toString());
            e.payloadSha256 = o.value("payloadSha256"_L1).toString();
            e.payloadSize = o.value("payloadSize"_L1).toInteger();
            e.idempotencyToken = o.value("idempotencyToken"_L1).toString();
            const QString action = o.value("action"_L1).toString();
            e.action = journalActionFromName(action);
            e.actionWord = e.action == JournalAction::Other ? action : QString();
            e.childJobId = o.value("child"_L1).toString();
            index.insert(id, result.entries.size());
            result.entries.append(e);
            continue;
        }
        const auto at = index.constFind(id);
        if (at == index.cend()) {
            result.problems.append(u"line " + QString::number(lineNumber) +
                                   u" completes an unknown dispatch and was skipped");
            continue;
        }
        JournalEntry &e = result.entries[*at];
        if (o.contains("verdict"_L1)) {
            const QString word = o.value("verdict"_L1).toString();
            e.verdict = journalVerdictFromName(word);
            e.verdictWord = e.verdict == JournalVerdict::Other ? word : QString();
        }
        e.attempts = o.value("attempts"_L1).toInt(e.attempts);
        if (event == u"complete") {
            e.completedAt = QDateTime::fromString(o.value("time"_L1).toString(), Qt::ISODateWithMs);
            e.childJobId = o.value("child"_L1).toString(e.childJobId);
            e.evalId = o.value("eval"_L1).toString();
            e.error = o.value("error"_L1).toString();
            e.idempotencyToken = o.value("idempotencyToken"_L1).toString(e.idempotencyToken);
            // Journals from before "answered" was written: Nomad answered what
            // it dispatched, refused or did not find.
            const bool answeredBefore = e.verdict == JournalVerdict::Dispatched ||
                                        e.verdict == JournalVerdict::AlreadyDispatched ||
                                        e.verdict == JournalVerdict::Refused ||
                                        e.verdict == JournalVerdict::NotFound;
            e.answered = o.value("answered"_L1).toBool(answeredBefore);
            // Before "sent" was written, every attempt went on the wire.
            e.sent = o.value("sent"_L1).toInt(e.attempts);
        }
    }
    return result;
}

} // namespace dd
