// The main() of every test folder's executable: runs the test named by the
// first argument with the rest of the arguments (see testmain.h).
#include "testmain.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

namespace dd::test {

static std::map<std::string, RunFunction> &registry()
{
    static std::map<std::string, RunFunction> tests;
    return tests;
}

Registration::Registration(const char *sourceFile, RunFunction run)
{
    std::string name(sourceFile);
    if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos)
        name.erase(0, slash + 1);
    if (const auto dot = name.rfind('.'); dot != std::string::npos)
        name.erase(dot);
    if (!registry().emplace(name, run).second) {
        std::fprintf(stderr, "Two test files are named %s in one test executable\n", name.c_str());
        std::abort();
    }
}

} // namespace dd::test

int main(int argc, char **argv)
{
    const auto &tests = dd::test::registry();
    auto usage = [&](FILE *to) {
        std::fprintf(to, "Usage: %s TEST [QTest options]\nTests:\n", argv[0]);
        for (const auto &[name, run] : tests)
            std::fprintf(to, "  %s\n", name.c_str());
    };
    if (argc < 2 || std::strcmp(argv[1], "--list") == 0 || std::strcmp(argv[1], "--help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const auto found = tests.find(argv[1]);
    if (found == tests.end()) {
        std::fprintf(stderr, "No test named \"%s\" in this executable.\n", argv[1]);
        usage(stderr);
        return 2;
    }
    // The test sees its own name as the program name, as a separate executable would.
    argv[1] = argv[0];
    return found->second(argc - 1, argv + 1);
}
