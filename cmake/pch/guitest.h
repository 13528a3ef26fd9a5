// Precompiled header for the GUI tests.
#pragma once
#ifdef __cplusplus
#include "widgets.h"

#include <QSignalSpy>
#include <QTest>
#endif
