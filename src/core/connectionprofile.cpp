// Over 400 lines: a profile's checks and the layering of flags, environment, profile
// and defaults, which read and check the same fields.

#include "core/connectionprofile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

// JSON keys of an exported profile.
constexpr auto kJsonFormatKey = "dispatchDeskProfiles"_L1;
constexpr int kJsonFormatVersion = 1;
} // namespace

std::optional<QString> profileNameProblem(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9 ._-]*$"_s);
    if (name.trimmed().isEmpty())
        return trProfile("a profile needs a name");
    if (name.size() > kMaxProfileNameLength)
        return trProfile("the name \"%1\" is longer than %2 characters")
            .arg(name)
            .arg(kMaxProfileNameLength);
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

QByteArray profilesToJson(const QList<ConnectionProfile> &profiles)
{
    QJsonArray list;
    for (const ConnectionProfile &p : profiles) {
        QJsonObject o;
        o.insert("name"_L1, p.name);
        o.insert("address"_L1, p.address);
        auto optional = [&o](QLatin1StringView key, const QString &value) {
            if (!value.isEmpty())
                o.insert(key, value);
        };
        optional("region"_L1, p.region);
        optional("namespace"_L1, p.nameSpace);
        optional("caFile"_L1, p.caFile);
        optional("caPath"_L1, p.caPath);
        optional("clientCert"_L1, p.clientCert);
        optional("clientKey"_L1, p.clientKey);
        optional("tlsServerName"_L1, p.tlsServerName);
        o.insert("skipVerify"_L1, p.skipVerify);
        optional("label"_L1, p.label);
        optional("color"_L1, p.color);
        // tokenRef is left out on purpose: it names a secret on this machine only.
        list.append(o);
    }
    QJsonObject root;
    root.insert(kJsonFormatKey, kJsonFormatVersion);
    root.insert("profiles"_L1, list);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::expected<ProfilesFromJson, QString> profilesFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull()) {
        return std::unexpected(trProfile("the file is not valid JSON (%1 at byte %2)")
                                   .arg(error.errorString())
                                   .arg(error.offset));
    }
    if (!doc.isObject() || !doc.object().value("profiles"_L1).isArray())
        return std::unexpected(
            trProfile("the file is not a Dispatch Desk profile export (no \"profiles\" list)"));
    const QJsonObject root = doc.object();
    const int version = root.value(kJsonFormatKey).toInt(kJsonFormatVersion);
    if (version > kJsonFormatVersion) {
        return std::unexpected(
            trProfile(
                "the file was written by a newer Dispatch Desk (format %1); update to import it")
                .arg(version));
    }

    static const QStringList known = {u"name"_s,       u"address"_s,   u"region"_s,
                                      u"namespace"_s,  u"caFile"_s,    u"caPath"_s,
                                      u"clientCert"_s, u"clientKey"_s, u"tlsServerName"_s,
                                      u"skipVerify"_s, u"label"_s,     u"color"_s};
    static const QStringList secretish = {u"token"_s, u"tokenRef"_s, u"secretId"_s, u"SecretID"_s};

    ProfilesFromJson out;
    const QJsonArray list = root.value("profiles"_L1).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        ProfileIssue issue;
        const QJsonValue entry = list.at(i);
        if (!entry.isObject()) {
            issue.name = u'#' + QString::number(i + 1);
            issue.problems.append(trProfile("entry %1 is not an object").arg(i + 1));
            out.issues.append(issue);
            continue;
        }
        const QJsonObject o = entry.toObject();
        ConnectionProfile p;
        auto string = [&](QLatin1StringView key, QString &into) {
            const QJsonValue v = o.value(key);
            if (v.isUndefined() || v.isNull())
                return;
            if (!v.isString()) {
                issue.problems.append(trProfile("\"%1\" is not a string").arg(key));
                return;
            }
            into = v.toString();
        };
        string("name"_L1, p.name);
        string("address"_L1, p.address);
        string("region"_L1, p.region);
        string("namespace"_L1, p.nameSpace);
        string("caFile"_L1, p.caFile);
        string("caPath"_L1, p.caPath);
        string("clientCert"_L1, p.clientCert);
        string("clientKey"_L1, p.clientKey);
        string("tlsServerName"_L1, p.tlsServerName);
        string("label"_L1, p.label);
        string("color"_L1, p.color);
        const QJsonValue skip = o.value("skipVerify"_L1);
        if (skip.isBool())
            p.skipVerify = skip.toBool();
        else if (!skip.isUndefined() && !skip.isNull())
            issue.problems.append(trProfile("\"skipVerify\" is not true or false"));
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (secretish.contains(it.key())) {
                issue.warnings.append(
                    trProfile("the \"%1\" field was ignored: tokens are never imported from files; "
                              "save the token with the profile so it goes to the keychain")
                        .arg(it.key()));
            } else if (!known.contains(it.key())) {
                issue.warnings.append(
                    trProfile("the unknown field \"%1\" was ignored").arg(it.key()));
            }
        }
        issue.problems += profileProblems(p);
        issue.name = p.name.isEmpty() ? u'#' + QString::number(i + 1) : p.name;
        if (issue.problems.isEmpty())
            out.profiles.append(p);
        if (!issue.problems.isEmpty() || !issue.warnings.isEmpty())
            out.issues.append(issue);
    }
    return out;
}

} // namespace dd
