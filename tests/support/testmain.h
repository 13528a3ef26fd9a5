#pragma once
// One executable per test folder (dd_tests_unit, dd_tests_gui, ...) holds all
// of that folder's QTest classes; `dd_tests_unit tst_decode -v2` runs one of
// them exactly as its own executable would. Linking 6 programs instead of 45
// and compiling their sources in batches is what keeps a clean build short
// (README, "Build times"). CTest names stay tst_<name>.
//
// A test file ends with DD_TEST_MAIN(Class) (QApplication in GUI folders, else
// QCoreApplication, like QTEST_MAIN) or DD_TEST_GUILESS_MAIN(Class), then
// includes its .moc. The test's name is its file name without ".cpp".

#include <QTest>

namespace dd::test {

using RunFunction = int (*)(int argc, char **argv);

struct Registration
{
    Registration(const char *sourceFile, RunFunction run);
};

} // namespace dd::test

#define DD_TEST_MAIN_WITH(TestObject, ...)                                                         \
    static int ddRun##TestObject(int argc, char **argv)                                            \
    {                                                                                              \
        QT_PREPEND_NAMESPACE(QTest::Internal::callInitMain)<TestObject>();                         \
        __VA_ARGS__                                                                                \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }                                                                                              \
    static const dd::test::Registration ddRegistration##TestObject(__FILE__, ddRun##TestObject);

#define DD_TEST_MAIN(TestObject) DD_TEST_MAIN_WITH(TestObject, QTEST_MAIN_SETUP())
#define DD_TEST_GUILESS_MAIN(TestObject)                                                           \
    DD_TEST_MAIN_WITH(TestObject, QTEST_QAPP_SETUP(QCoreApplication))
