#pragma once
// A connection profile as the app holds it: the client configuration under a
// name, and how to tell it apart at a glance.

#include "api/clientconfig.h"

#include <QString>

namespace dd {

struct Profile
{
    QString name;
    ClientConfig config;
    bool isDemo = false;
    // Shown beside the selector so prod is hard to mistake for dev.
    QString label;
    QString color; // "#rrggbb" or empty
};

} // namespace dd
