// Over 400 lines: a profile's checks and the layering of flags, environment, profile
// and defaults, which read and check the same fields.

#include "core/connectionprofile.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
QString trProfile(const char *text)
{
    return QCoreApplication::translate("ConnectionProfile", text);
}

// Core cannot use api's parseAddress; this is the same rule, phrased for a profile.
std::optional<QString> addressProblem(const QString &address)
{
    const QString text = address.trimmed();
    if (text.isEmpty())
        return trProfile("it has no address (give one like https://nomad.example:4646)");
    if (!text.contains(u"://"))
        return trProfile("the address \"%1\" has no scheme (write http://%1 or https://%1)")
            .arg(text);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return trProfile("the address \"%1\" is not a valid URL: %2").arg(text, url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return trProfile("the address \"%1\" uses the scheme \"%2\"; Nomad speaks http or https")
            .arg(text, url.scheme());
    if (url.host().isEmpty())
        return trProfile("the address \"%1\" has no host name").arg(text);
    return std::nullopt;
}

// Fields in one table, so layering, text and JSON cannot disagree on the list.
struct StringField
{
    ConnectionField field;
    std::optional<QString> ConnectionLayer::*member;
};
constexpr StringField kStringFields[] = {
    {ConnectionField::Address, &ConnectionLayer::address},
    {ConnectionField::Region, &ConnectionLayer::region},
    {ConnectionField::Namespace, &ConnectionLayer::nameSpace},
    {ConnectionField::CaFile, &ConnectionLayer::caFile},
    {ConnectionField::CaPath, &ConnectionLayer::caPath},
    {ConnectionField::ClientCert, &ConnectionLayer::clientCert},
    {ConnectionField::ClientKey, &ConnectionLayer::clientKey},
    {ConnectionField::TlsServerName, &ConnectionLayer::tlsServerName},
    {ConnectionField::Token, &ConnectionLayer::token},
};

std::optional<QString> ConnectionLayer::*stringMember(ConnectionField field)
{
    for (const StringField &f : kStringFields) {
        if (f.field == field)
            return f.member;
    }
    return nullptr;
}

std::optional<QString> nonEmpty(const QString &value)
{
    if (value.isEmpty())
        return std::nullopt;
    return value;
}

// Nomad ignores an unparsable NOMAD_SKIP_VERIFY; the person who set it meant something.
QString ignoredSkipVerifyText(const QString &value, bool verifying)
{
    const QString name = connectionFieldVariable(ConnectionField::SkipVerify);
    if (verifying) {
        return trProfile("%1=\"%2\" is not a boolean (use true or false); it was ignored and TLS "
                         "verification stays on.")
            .arg(name, value);
    }
    return trProfile("%1=\"%2\" is not a boolean (use true or false); it was ignored, and TLS "
                     "verification stays off as the profile says.")
        .arg(name, value);
}

const QRegularExpression &colorPattern()
{
    static const QRegularExpression re(u"^#[0-9a-fA-F]{6}$"_s);
    return re;
}
} // namespace

QString elidedForMessage(const QString &text, qsizetype max)
{
    return text.size() <= max ? text : text.left(max) + u'…';
}

std::optional<QString> profileNameProblem(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9 ._-]*$"_s);
    if (name.trimmed().isEmpty())
        return trProfile("a profile needs a name");
    if (name.size() > kMaxProfileNameLength)
        return trProfile("the name \"%1\" is longer than %2 characters (it has %3)")
            .arg(elidedForMessage(name, 20))
            .arg(kMaxProfileNameLength)
            .arg(name.size());
    if (!re.match(name).hasMatch() || name.endsWith(u' ')) {
        return trProfile(
                   "the name \"%1\" may only use letters, digits, spaces, '.', '_' and '-', and "
                   "must start with a letter or digit")
            .arg(name);
    }
    return std::nullopt;
}

QStringList profileProblems(const ConnectionProfile &p)
{
    QStringList problems;
    if (const auto problem = profileNameProblem(p.name))
        problems.append(*problem);
    // Too long first: the checks below repeat the value in their message.
    struct Limit
    {
        const char *what;
        const QString &value;
        qsizetype max;
    };
    const Limit limits[] = {
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the address"), p.address,
         kMaxProfileAddressLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the label"), p.label, kMaxProfileTextLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the region"), p.region, kMaxProfileTextLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the namespace"), p.nameSpace,
         kMaxProfileTextLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the TLS server name"), p.tlsServerName,
         kMaxProfileTextLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the CA certificate path"), p.caFile,
         kMaxProfilePathLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the CA folder path"), p.caPath,
         kMaxProfilePathLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the client certificate path"), p.clientCert,
         kMaxProfilePathLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the client key path"), p.clientKey,
         kMaxProfilePathLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the colour"), p.color, kMaxProfileTextLength},
        {QT_TRANSLATE_NOOP("ConnectionProfile", "the token reference"), p.tokenRef,
         kMaxProfileTextLength},
    };
    bool tooLong = false;
    for (const Limit &l : limits) {
        if (l.value.size() > l.max) {
            problems.append(trProfile("%1 is longer than %2 characters (it has %3)")
                                .arg(trProfile(l.what))
                                .arg(l.max)
                                .arg(l.value.size()));
            tooLong = true;
        }
    }
    if (tooLong)
        return problems;
    if (const auto problem = addressProblem(p.address))
        problems.append(*problem);
    if (p.clientCert.isEmpty() != p.clientKey.isEmpty())
        problems.append(trProfile("a client certificate needs its key, and a key its certificate"));
    if (!p.color.isEmpty() && !colorPattern().match(p.color).hasMatch())
        problems.append(trProfile("the colour \"%1\" is not of the form #rrggbb").arg(p.color));
    if (p.label.contains(u'\n'))
        problems.append(trProfile("the label spans several lines"));
    return problems;
}

QString tokenRefForProfile(const QString &profileName)
{
    return u"profile/"_s + profileName + u"/token"_s;
}

std::optional<bool> goParseBool(const QString &text)
{
    static const QStringList yes = {u"1"_s, u"t"_s, u"T"_s, u"TRUE"_s, u"true"_s, u"True"_s};
    static const QStringList no = {u"0"_s, u"f"_s, u"F"_s, u"FALSE"_s, u"false"_s, u"False"_s};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

QString connectionFieldFlag(ConnectionField field)
{
    switch (field) {
    case ConnectionField::Address:
        return u"address"_s;
    case ConnectionField::Region:
        return u"region"_s;
    case ConnectionField::Namespace:
        return u"namespace"_s;
    case ConnectionField::CaFile:
        return u"ca-cert"_s;
    case ConnectionField::CaPath:
        return u"ca-path"_s;
    case ConnectionField::ClientCert:
        return u"client-cert"_s;
    case ConnectionField::ClientKey:
        return u"client-key"_s;
    case ConnectionField::TlsServerName:
        return u"tls-server-name"_s;
    case ConnectionField::SkipVerify:
        return u"tls-skip-verify"_s;
    case ConnectionField::Token:
        return u"token"_s;
    }
    return {};
}

QString connectionFieldVariable(ConnectionField field)
{
    switch (field) {
    case ConnectionField::Address:
        return u"NOMAD_ADDR"_s;
    case ConnectionField::Region:
        return u"NOMAD_REGION"_s;
    case ConnectionField::Namespace:
        return u"NOMAD_NAMESPACE"_s;
    case ConnectionField::CaFile:
        return u"NOMAD_CACERT"_s;
    case ConnectionField::CaPath:
        return u"NOMAD_CAPATH"_s;
    case ConnectionField::ClientCert:
        return u"NOMAD_CLIENT_CERT"_s;
    case ConnectionField::ClientKey:
        return u"NOMAD_CLIENT_KEY"_s;
    case ConnectionField::TlsServerName:
        return u"NOMAD_TLS_SERVER_NAME"_s;
    case ConnectionField::SkipVerify:
        return u"NOMAD_SKIP_VERIFY"_s;
    case ConnectionField::Token:
        return u"NOMAD_TOKEN"_s;
    }
    return {};
}

QString fieldSourceName(FieldSource source)
{
    switch (source) {
    case FieldSource::None:
        return trProfile("not set");
    case FieldSource::Default:
        return trProfile("default");
    case FieldSource::Profile:
        return trProfile("profile");
    case FieldSource::Environment:
        return trProfile("environment");
    case FieldSource::Flag:
        return trProfile("flag");
    }
    return {};
}

bool ConnectionLayer::has(ConnectionField field) const
{
    if (field == ConnectionField::SkipVerify)
        return skipVerify.has_value();
    return (this->*stringMember(field)).has_value();
}

bool ConnectionLayer::isEmpty() const
{
    for (ConnectionField f : kAllConnectionFields) {
        if (has(f))
            return false;
    }
    return true;
}

std::optional<QString> ConnectionLayer::text(ConnectionField field) const
{
    if (field == ConnectionField::SkipVerify) {
        if (!skipVerify)
            return std::nullopt;
        return *skipVerify ? u"true"_s : u"false"_s;
    }
    return this->*stringMember(field);
}

ConnectionLayer defaultConnectionLayer()
{
    ConnectionLayer d;
    d.address = u"http://127.0.0.1:4646"_s;
    d.skipVerify = false;
    return d;
}

ResolvedConnection resolveConnection(const ConnectionLayer &flags,
                                     const ConnectionLayer &environment,
                                     const ConnectionLayer &profile,
                                     const ConnectionLayer &defaults)
{
    const std::pair<const ConnectionLayer *, FieldSource> order[] = {
        {&flags, FieldSource::Flag},
        {&environment, FieldSource::Environment},
        {&profile, FieldSource::Profile},
        {&defaults, FieldSource::Default},
    };
    ResolvedConnection out;
    for (ConnectionField field : kAllConnectionFields) {
        for (const auto &[layer, source] : order) {
            if (!layer->has(field))
                continue;
            if (field == ConnectionField::SkipVerify)
                out.values.skipVerify = layer->skipVerify;
            else
                out.values.*stringMember(field) = layer->*stringMember(field);
            out.sources.insert(field, source);
            break;
        }
    }
    return out;
}

ResolvedConnection layeredConnection(const ConnectionLayer &flags,
                                     const QProcessEnvironment &environment,
                                     const ConnectionLayer &profile,
                                     const ConnectionLayer &defaults)
{
    const EnvironmentImport imported = importEnvironment(environment);
    ResolvedConnection out = resolveConnection(flags, imported.layer, profile, defaults);
    // An unparsable NOMAD_SKIP_VERIFY (importEnvironment's only warning) is moot
    // when a flag decides verification; a profile may have turned verification
    // off, so the warning says what holds.
    const QString skip = environment.value(connectionFieldVariable(ConnectionField::SkipVerify));
    if (!skip.isEmpty() && !goParseBool(skip) && !flags.has(ConnectionField::SkipVerify))
        out.warnings.append(ignoredSkipVerifyText(skip, !out.values.skipVerify.value_or(false)));
    return out;
}

ConnectionLayer layerFromProfile(const ConnectionProfile &p, const std::optional<QString> &token)
{
    ConnectionLayer l;
    l.address = nonEmpty(p.address.trimmed());
    l.region = nonEmpty(p.region);
    l.nameSpace = nonEmpty(p.nameSpace);
    l.caFile = nonEmpty(p.caFile);
    l.caPath = nonEmpty(p.caPath);
    l.clientCert = nonEmpty(p.clientCert);
    l.clientKey = nonEmpty(p.clientKey);
    l.tlsServerName = nonEmpty(p.tlsServerName);
    // A profile always says whether it verifies: turning verification off is explicit.
    l.skipVerify = p.skipVerify;
    if (token)
        l.token = nonEmpty(*token);
    return l;
}

ConnectionProfile profileFromLayer(const QString &name, const ConnectionLayer &l)
{
    ConnectionProfile p;
    p.name = name;
    p.address = l.address.value_or(QString());
    p.region = l.region.value_or(QString());
    p.nameSpace = l.nameSpace.value_or(QString());
    p.caFile = l.caFile.value_or(QString());
    p.caPath = l.caPath.value_or(QString());
    p.clientCert = l.clientCert.value_or(QString());
    p.clientKey = l.clientKey.value_or(QString());
    p.tlsServerName = l.tlsServerName.value_or(QString());
    p.skipVerify = l.skipVerify.value_or(false);
    return p;
}

EnvironmentImport importEnvironment(const QProcessEnvironment &env)
{
    EnvironmentImport out;
    for (const StringField &f : kStringFields) {
        // Go's client skips a variable that is set but empty.
        out.layer.*f.member = nonEmpty(env.value(connectionFieldVariable(f.field)));
    }
    const QString skipName = connectionFieldVariable(ConnectionField::SkipVerify);
    const QString skip = env.value(skipName);
    if (!skip.isEmpty()) {
        if (const auto value = goParseBool(skip)) {
            out.layer.skipVerify = *value;
        } else {
            // Nomad ignores an unparsable value and keeps verifying; say so.
            out.warnings.append(ignoredSkipVerifyText(skip, /*verifying=*/true));
        }
    }
    return out;
}

} // namespace dd
