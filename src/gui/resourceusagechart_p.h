#pragma once
// What resourceusagechart.cpp and resourceusagechartpaint.cpp share: the
// chart's units, colours and number words.

#include <QColor>
#include <QPalette>
#include <QString>

namespace dd::gui::usagechart {

inline constexpr qint64 kNsPerSecond = 1'000'000'000;
inline constexpr qint64 kMinSpanNs = 60 * kNsPerSecond; // the first readings start at the right
inline constexpr int kMargin = 8;
inline constexpr double kMiB = 1024.0 * 1024.0;

// Readable on light and dark backgrounds: darker shades on light, lighter on dark.
QColor cpuColor(bool dark);
QColor memoryColor(bool dark);
bool isDark(const QPalette &palette);
// The smallest 1, 2, 2.5 or 5 times a power of ten at or above v.
double niceCeil(double v);
QString clockOf(qint64 ns); // "14:05:07", local time
// "23.4 %", "45.2 MB"; round numbers (axis labels) without decimals.
QString cpuText(double percent);
QString memoryText(qint64 bytes);

} // namespace dd::gui::usagechart
