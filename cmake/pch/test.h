// Precompiled header for the headless tests.
#pragma once
#ifdef __cplusplus
#include "network.h"

#include <QSignalSpy>
#include <QTest>
#endif
