#pragma once
// Shared by profilestore.cpp and profileimport.cpp only: how the store names
// its groups and keys, and puts the settings back when a write fails.

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <utility>

class QSettings;

namespace dd::storedetail {

QString trStore(const char *text);
// A hand edit may leave an unquoted comma, which QSettings reads as a list.
QString settingText(const QVariant &value);
QString groupKey(const QString &name);

// What the settings held under some keys, to put back when a write fails, so
// the object in memory matches the file on disk.
struct Snapshot
{
    QStringList prefixes;
    QList<std::pair<QString, QVariant>> values;
};
Snapshot takeSnapshot(const QSettings &settings, const QStringList &prefixes);
void restore(QSettings &settings, const Snapshot &s);

} // namespace dd::storedetail
