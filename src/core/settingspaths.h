#pragma once
// Where the app and the CLI keep their shared settings (profiles, presets,
// layout) and their dispatch journal. DISPATCH_DESK_CONFIG and
// DISPATCH_DESK_JOURNAL point elsewhere, for tests and shared setups.

#include <QProcessEnvironment>
#include <QSettings>

#include <memory>

namespace dd {

QString settingsFilePath(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
std::unique_ptr<QSettings>
openSettings(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
QString journalFilePath(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

} // namespace dd
