#pragma once
// A /v1/jobs answer of any size, shaped like the recorded one (with the
// fields newer servers add), for benchmarks and the large-list tests.

#include <QByteArray>

namespace dd::test {

// `count` children of a few parameterized parents; about 1 KB of JSON each.
QByteArray makeJobListJson(int count, int seed = 1);

} // namespace dd::test
