#include "cli/dispatchoptions.h"

#include "core/boundedfile.h"

#include <QFile>
#include <QFileInfo>

namespace dd::cli {

std::expected<DispatchOptions, ParseFailure> parseDispatchArgs(const QStringList &args)
{
    DispatchOptions o;
    FlagSet flags;
    o.general.addTo(flags);
    flags.addStringList(QStringLiteral("meta"), &o.meta);
    flags.addBool(QStringLiteral("detach"), &o.detach);
    flags.addBool(QStringLiteral("verbose"), &o.verbose);
    flags.addBool(QStringLiteral("wait"), &o.wait);
    flags.addBool(QStringLiteral("logs"), &o.logs);
    flags.addBool(QStringLiteral("ui"), &o.openUi);
    flags.addString(QStringLiteral("idempotency-token"), &o.idempotencyToken);
    flags.addString(QStringLiteral("id-prefix-template"), &o.idPrefixTemplate);
    flags.addInt(QStringLiteral("priority"), &o.priority);
    flags.addString(QStringLiteral("preset"), &o.preset);

    auto positional = flags.parse(args);
    if (!positional) {
        ParseFailure f;
        if (flags.helpRequested()) {
            f.printHelp = true;
            f.exitCode = 0;
            return std::unexpected(f);
        }
        f.errors.append(positional.error());
        f.printHelp = true;
        return std::unexpected(f);
    }
    if (positional->size() < 1 || positional->size() > 2) {
        ParseFailure f;
        f.errors.append(QStringLiteral(
            "This command takes one or two argument: <parameterized job> [input source]"));
        f.errors.append(QStringLiteral("For additional help try 'nomad job dispatch -help'"));
        return std::unexpected(f);
    }
    if (flags.wasSet(QStringLiteral("priority")) && (o.priority < 1 || o.priority > 100)) {
        ParseFailure f;
        f.errors.append(u"Invalid -priority " + QString::number(o.priority) +
                        u": use a number from 1 to 100, or leave it out to inherit the job's.");
        return std::unexpected(f);
    }
    o.jobArg = positional->at(0).trimmed();
    if (positional->size() == 2)
        o.inputSource = positional->at(1);
    o.flagLayer = flagLayer(o.general, flags);
    o.colorFlagsGiven = flags.wasSet(QStringLiteral("force-color"));
    return o;
}

std::expected<QByteArray, QString> readInput(const QString &source, QIODevice *stdinDevice)
{
    // Far above Nomad's 16384-byte payload limit, which is checked with the real
    // size later; this bound only keeps /dev/zero and the like out of memory.
    constexpr qint64 kMaxInputBytes = 16 << 20;
    if (source == u"-") {
        if (!stdinDevice)
            return std::unexpected(QStringLiteral("read /dev/stdin: bad file descriptor"));
        auto data = readBoundedStream(stdinDevice, kMaxInputBytes, QStringLiteral("/dev/stdin"));
        if (!data)
            return std::unexpected(u"read /dev/stdin: " + data.error().message());
        return *data;
    }
    auto data = readBoundedFile(source, kMaxInputBytes);
    if (data)
        return *data;
    switch (data.error().kind) {
    case FileReadError::Kind::Missing:
        return std::unexpected(u"open " + source + u": no such file or directory");
    case FileReadError::Kind::Directory:
        return std::unexpected(u"read " + source + u": is a directory");
    case FileReadError::Kind::Unreadable:
        return std::unexpected(u"open " + source + u": " + data.error().detail.toLower());
    default:
        return std::unexpected(u"read " + source + u": " + data.error().message());
    }
}

std::expected<MetaMap, QString> parseMeta(const QStringList &values)
{
    MetaMap meta;
    for (const QString &m : values) {
        const qsizetype eq = m.indexOf(u'=');
        if (eq < 0)
            return std::unexpected(u"Error parsing meta value: " + m);
        meta.insert(m.left(eq), m.mid(eq + 1));
    }
    return meta;
}

QString dispatchHelpText()
{
    return QStringLiteral(R"(Usage: nomad job dispatch [options] <parameterized job> [input source]

  Dispatch creates an instance of a parameterized job. A data payload to the
  dispatched instance can be provided via stdin by using "-" or by specifying a
  path to a file. Metadata can be supplied by using the meta flag one or more
  times.

  An optional idempotency token can be used to prevent more than one instance
  of the job to be dispatched. If an instance with the same token already
  exists, the command returns without any action.

  Upon successful creation, the dispatched job ID will be printed and the
  triggered evaluation will be monitored. This can be disabled by supplying the
  detach flag.

  When ACLs are enabled, this command requires a token with the 'dispatch-job'
  capability for the job's namespace. The 'list-jobs' capability is required to
  run the command with a job prefix instead of the exact job ID. The 'read-job'
  capability is required to monitor the resulting evaluation when -detach is
  not used.

General Options:

  -address=<addr>
    The address of the Nomad server.
    Overrides the NOMAD_ADDR environment variable if set.
    Default = http://127.0.0.1:4646

  -region=<region>
    The region of the Nomad servers to forward commands to.
    Overrides the NOMAD_REGION environment variable if set.
    Defaults to the Agent's local region.

  -namespace=<namespace>
    The target namespace for queries and actions bound to a namespace.
    Overrides the NOMAD_NAMESPACE environment variable if set.
    If set to '*', subcommands which support this functionality query
    all namespaces authorized to user.
    Defaults to the "default" namespace.

  -no-color
    Disables colored command output. Alternatively, NOMAD_CLI_NO_COLOR may be
    set. This option takes precedence over -force-color.

  -force-color
    Forces colored command output. This can be used in cases where the usual
    terminal detection fails. Alternatively, NOMAD_CLI_FORCE_COLOR may be set.
    This option has no effect if -no-color is also used.

  -ca-cert=<path>
    Path to a PEM encoded CA cert file to use to verify the
    Nomad server SSL certificate. Overrides the NOMAD_CACERT
    environment variable if set.

  -ca-path=<path>
    Path to a directory of PEM encoded CA cert files to verify
    the Nomad server SSL certificate. If both -ca-cert and
    -ca-path are specified, -ca-cert is used. Overrides the
    NOMAD_CAPATH environment variable if set.

  -client-cert=<path>
    Path to a PEM encoded client certificate for TLS authentication
    to the Nomad server. Must also specify -client-key. Overrides
    the NOMAD_CLIENT_CERT environment variable if set.

  -client-key=<path>
    Path to an unencrypted PEM encoded private key matching the
    client certificate from -client-cert. Overrides the
    NOMAD_CLIENT_KEY environment variable if set.

  -tls-server-name=<value>
    The server name to use as the SNI host when connecting via
    TLS. Overrides the NOMAD_TLS_SERVER_NAME environment variable if set.

  -tls-skip-verify
    Do not verify TLS certificate. This is highly not recommended. Verification
    will also be skipped if NOMAD_SKIP_VERIFY is set.

  -token
    The SecretID of an ACL token to use to authenticate API requests with.
    Overrides the NOMAD_TOKEN environment variable if set.

Dispatch Options:

  -meta <key>=<value>
    Meta takes a key/value pair separated by "=". The metadata key will be
    merged into the job's metadata. The job may define a default value for the
    key which is overridden when dispatching. The flag can be provided more than
    once to inject multiple metadata key/value pairs. Arbitrary keys are not
    allowed. The parameterized job must allow the key to be merged.

  -detach
    Return immediately instead of entering monitor mode. After job dispatch,
    the evaluation ID will be printed to the screen, which can be used to
    examine the evaluation using the eval-status command.

  -idempotency-token
    Optional identifier used to prevent more than one instance of the job from
    being dispatched.

  -id-prefix-template
    Optional prefix template for dispatched job IDs.

  -priority
    Optional priority for the dispatched job, from 1 to 100. Overrides the
    parameterized job's priority. Requires Nomad 1.10 or later.

  -preset=<name>
    Start from a dispatch preset saved for this job in the Dispatch Desk app
    (meta, payload, ID prefix template, priority); -meta flags and an input
    source given here override the preset's.

  -verbose
    Display full information.

  -ui
    Open the dispatched job in Nomad's web UI.

  -wait
    After the evaluation, wait until the dispatched job finishes. Exits with
    code 2 if any allocation failed.

  -logs
    Like -wait, and print the tasks' output as they run: stdout to stdout,
    stderr to stderr. With several allocations each line starts with the
    allocation's short ID, like "[1a2b3c4d] ". Requires the 'read-logs'
    capability.)");
}

} // namespace dd::cli
