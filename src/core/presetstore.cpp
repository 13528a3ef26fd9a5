#include "core/presetstore.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace dd {

PresetStore::PresetStore(QSettings *settings)
    : m_settings(settings)
{}

// Job IDs and names may hold '/' and other characters QSettings treats specially.
static QString key(const QString &text)
{
    return QString::fromLatin1(text.toUtf8().toPercentEncoding());
}

QString PresetStore::groupFor(const QString &jobId, const QString &name)
{
    return u"presets/"_s + key(jobId) + u'/' + key(name);
}

QList<DispatchPreset> PresetStore::presets(const QString &jobId) const
{
    QList<DispatchPreset> out;
    m_settings->beginGroup(u"presets/"_s + key(jobId));
    const QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    for (const QString &encoded : names) {
        if (auto p = preset(jobId,
                            QString::fromUtf8(QByteArray::fromPercentEncoding(encoded.toLatin1()))))
            out.append(*p);
    }
    std::sort(out.begin(), out.end(), [](const DispatchPreset &a, const DispatchPreset &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
    return out;
}

std::optional<DispatchPreset> PresetStore::preset(const QString &jobId, const QString &name) const
{
    const QString group = groupFor(jobId, name);
    if (!m_settings->childGroups().contains(u"presets"_s))
        return std::nullopt;
    m_settings->beginGroup(group);
    const bool exists = m_settings->contains(u"name"_s);
    DispatchPreset p;
    if (exists) {
        p.name = m_settings->value(u"name"_s).toString();
        p.jobId = jobId;
        p.hasPayload = m_settings->value(u"hasPayload"_s).toBool();
        p.payload = QByteArray::fromBase64(m_settings->value(u"payload"_s).toString().toLatin1());
        p.idPrefixTemplate = m_settings->value(u"idPrefixTemplate"_s).toString();
        p.priority = m_settings->value(u"priority"_s).toInt();
        m_settings->beginGroup(u"meta"_s);
        for (const QString &k : m_settings->childKeys())
            p.meta.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(k.toLatin1())),
                          m_settings->value(k).toString());
        m_settings->endGroup();
    }
    m_settings->endGroup();
    if (!exists)
        return std::nullopt;
    return p;
}

std::expected<void, QString> PresetStore::save(const DispatchPreset &p)
{
    if (p.name.trimmed().isEmpty())
        return std::unexpected(
            QCoreApplication::translate("PresetStore", "A preset needs a name."));
    if (p.jobId.isEmpty())
        return std::unexpected(QCoreApplication::translate(
            "PresetStore", "A preset belongs to a job; none was given."));
    m_settings->remove(groupFor(p.jobId, p.name));
    m_settings->beginGroup(groupFor(p.jobId, p.name));
    m_settings->setValue(u"name"_s, p.name);
    m_settings->setValue(u"hasPayload"_s, p.hasPayload);
    m_settings->setValue(u"payload"_s, QString::fromLatin1(p.payload.toBase64()));
    m_settings->setValue(u"idPrefixTemplate"_s, p.idPrefixTemplate);
    m_settings->setValue(u"priority"_s, p.priority);
    m_settings->beginGroup(u"meta"_s);
    for (auto it = p.meta.begin(); it != p.meta.end(); ++it)
        m_settings->setValue(key(it.key()), it.value());
    m_settings->endGroup();
    m_settings->endGroup();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError)
        return std::unexpected(
            QCoreApplication::translate("PresetStore", "The preset could not be written to %1.")
                .arg(m_settings->fileName()));
    return {};
}

std::expected<void, QString> PresetStore::remove(const QString &jobId, const QString &name)
{
    if (!preset(jobId, name))
        return std::unexpected(
            QCoreApplication::translate("PresetStore", "There is no preset \"%1\" for job \"%2\".")
                .arg(name, jobId));
    m_settings->remove(groupFor(jobId, name));
    m_settings->sync();
    return {};
}

} // namespace dd
