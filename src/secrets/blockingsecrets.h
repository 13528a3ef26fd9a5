#pragma once
// Synchronous calls for the CLI, which has nothing else to do meanwhile: each
// runs a local event loop until the store answers or the timeout passes. Not
// for the GUI, where a nested loop would let the user act mid-call.

#include "secrets/secretstore.h"

#include <chrono>

namespace dd {

using namespace std::chrono_literals;

SecretResult<StoredSecret> readSecretBlocking(SecretStore &store, const QString &key,
                                              std::chrono::milliseconds timeout = 10s);
SecretResult<SecretLocation> writeSecretBlocking(SecretStore &store, const QString &key,
                                                 const QString &secret,
                                                 std::chrono::milliseconds timeout = 10s);
SecretResult<void> removeSecretBlocking(SecretStore &store, const QString &key,
                                        std::chrono::milliseconds timeout = 10s);

} // namespace dd
