// Profiles as JSON for export and import: never a token, each entry checked
// on its own so one bad entry never takes the others down.
#include "core/connectionprofile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
QString trProfileJson(const char *text)
{
    return QCoreApplication::translate("ConnectionProfile", text);
}

// JSON keys of an exported profile.
constexpr auto kJsonFormatKey = "dispatchDeskProfiles"_L1;
constexpr int kJsonFormatVersion = 1;
constexpr auto kExportSkipVerifyKey = "skipVerify"_L1;

// The text fields of an exported profile, written and read by the same table
// (the settings file has its own, in profilestore.cpp: it keeps tokenRef, not name).
// tokenRef is left out on purpose: it names a secret on this machine only.
struct ExportField
{
    QLatin1StringView key;
    QString ConnectionProfile::*member;
    bool always; // written even when empty
};
const ExportField kExportFields[] = {
    {"name"_L1, &ConnectionProfile::name, true},
    {"address"_L1, &ConnectionProfile::address, true},
    {"region"_L1, &ConnectionProfile::region, false},
    {"namespace"_L1, &ConnectionProfile::nameSpace, false},
    {"caFile"_L1, &ConnectionProfile::caFile, false},
    {"caPath"_L1, &ConnectionProfile::caPath, false},
    {"clientCert"_L1, &ConnectionProfile::clientCert, false},
    {"clientKey"_L1, &ConnectionProfile::clientKey, false},
    {"tlsServerName"_L1, &ConnectionProfile::tlsServerName, false},
    {"label"_L1, &ConnectionProfile::label, false},
    {"color"_L1, &ConnectionProfile::color, false},
};

bool isExportKey(const QString &key)
{
    return key == kExportSkipVerifyKey ||
           std::any_of(std::begin(kExportFields), std::end(kExportFields),
                       [&key](const ExportField &f) { return key == f.key; });
}
} // namespace

QByteArray profilesToJson(const QList<ConnectionProfile> &profiles)
{
    QJsonArray list;
    for (const ConnectionProfile &p : profiles) {
        QJsonObject o;
        for (const ExportField &f : kExportFields) {
            if (f.always || !(p.*f.member).isEmpty())
                o.insert(f.key, p.*f.member);
        }
        o.insert(kExportSkipVerifyKey, p.skipVerify);
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
        return std::unexpected(trProfileJson("the file is not valid JSON (%1 at byte %2)")
                                   .arg(error.errorString())
                                   .arg(error.offset));
    }
    if (!doc.isObject() || !doc.object().value("profiles"_L1).isArray())
        return std::unexpected(
            trProfileJson("the file is not a Dispatch Desk profile export (no \"profiles\" list)"));
    const QJsonObject root = doc.object();
    const int version = root.value(kJsonFormatKey).toInt(kJsonFormatVersion);
    if (version > kJsonFormatVersion) {
        return std::unexpected(
            trProfileJson(
                "the file was written by a newer Dispatch Desk (format %1); update to import it")
                .arg(version));
    }

    static const QStringList secretish = {u"token"_s, u"tokenRef"_s, u"secretId"_s, u"SecretID"_s};

    ProfilesFromJson out;
    const QJsonArray list = root.value("profiles"_L1).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        ProfileIssue issue;
        const QJsonValue entry = list.at(i);
        if (!entry.isObject()) {
            issue.name = u'#' + QString::number(i + 1);
            issue.problems.append(trProfileJson("entry %1 is not an object").arg(i + 1));
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
                issue.problems.append(trProfileJson("\"%1\" is not a string").arg(key));
                return;
            }
            into = v.toString();
        };
        for (const ExportField &f : kExportFields)
            string(f.key, p.*f.member);
        const QJsonValue skip = o.value(kExportSkipVerifyKey);
        if (skip.isBool())
            p.skipVerify = skip.toBool();
        else if (!skip.isUndefined() && !skip.isNull())
            issue.problems.append(trProfileJson("\"skipVerify\" is not true or false"));
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (secretish.contains(it.key())) {
                issue.warnings.append(
                    trProfileJson(
                        "the \"%1\" field was ignored: tokens are never imported from files; "
                        "save the token with the profile so it goes to the keychain")
                        .arg(it.key()));
            } else if (!isExportKey(it.key())) {
                issue.warnings.append(
                    trProfileJson("the unknown field \"%1\" was ignored").arg(it.key()));
            }
        }
        issue.problems += profileProblems(p);
        // A name over the limit is refused; the message names its start only.
        issue.name = p.name.isEmpty() ? u'#' + QString::number(i + 1)
                                      : elidedForMessage(p.name, kMaxProfileNameLength);
        if (issue.problems.isEmpty())
            out.profiles.append(p);
        if (!issue.problems.isEmpty() || !issue.warnings.isEmpty())
            out.issues.append(issue);
    }
    return out;
}

} // namespace dd
