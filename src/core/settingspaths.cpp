#include "core/settingspaths.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace dd {

QString settingsFilePath(const QProcessEnvironment &env)
{
    const QString custom = env.value(u"DISPATCH_DESK_CONFIG"_s);
    if (!custom.isEmpty())
        return custom;
    // One INI file for the app and the CLI; in test mode QStandardPaths points at a test folder.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           u"/dispatch-desk/dispatch-desk.conf"_s;
}

std::unique_ptr<QSettings> openSettings(const QProcessEnvironment &env)
{
    return std::make_unique<QSettings>(settingsFilePath(env), QSettings::IniFormat);
}

QString journalFilePath(const QProcessEnvironment &env)
{
    const QString custom = env.value(u"DISPATCH_DESK_JOURNAL"_s);
    if (!custom.isEmpty())
        return custom;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return dir.isEmpty() ? QString() : dir + u"/dispatch-desk/journal.jsonl"_s;
}

} // namespace dd
