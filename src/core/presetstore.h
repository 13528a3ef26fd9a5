#pragma once
// Named dispatch presets per job (meta and payload), shared by the app and
// `dispatch-desk-cli job dispatch -preset NAME` through the same settings.

#include "core/types.h"

#include <QSettings>

#include <expected>

namespace dd {

struct DispatchPreset
{
    QString name;
    QString jobId;
    MetaMap meta;
    QByteArray payload;
    bool hasPayload = false;
    QString idPrefixTemplate;
    int priority = 0;
    friend bool operator==(const DispatchPreset &, const DispatchPreset &) = default;
};

class PresetStore
{
public:
    explicit PresetStore(QSettings *settings);

    QList<DispatchPreset> presets(const QString &jobId) const;
    std::optional<DispatchPreset> preset(const QString &jobId, const QString &name) const;
    std::expected<void, QString> save(const DispatchPreset &preset);
    std::expected<void, QString> remove(const QString &jobId, const QString &name);

private:
    static QString groupFor(const QString &jobId, const QString &name);
    QSettings *m_settings;
};

} // namespace dd
