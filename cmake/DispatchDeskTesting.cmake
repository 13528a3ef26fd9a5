# The tests of one folder (tests/unit, tests/gui, ...) are one executable,
# dd_tests_<folder>, whose first argument names the test to run
# (tests/support/testmain.h); every test is still its own CTest entry, with its
# own label and timeout. Six executables instead of forty-five: a sixth of the
# links and moc runs, and test sources compiled in batches, so a clean build
# compiles the templates they share once per batch, not once per test.

set(DD_TEST_UNITY_BATCH 4 CACHE STRING "Test sources per unity batch")

# dd_test_suite(folder [GUI]): creates dd_tests_<folder>. Called from
# tests/CMakeLists.txt, so every suite has the same source and binary folder:
# QtTest bakes both into its macros, and only then can the headless suites share
# one precompiled header.
function(dd_test_suite folder)
  cmake_parse_arguments(S "GUI" "" "" ${ARGN})
  set(suite dd_tests_${folder})
  add_executable(${suite} ${PROJECT_SOURCE_DIR}/tests/support/testmain.cpp)
  if(S_GUI)
    set(libs ${DD_GUI_TEST_PCH_LIBS})
    set(kind guitest)
  else()
    set(libs ${DD_TEST_PCH_LIBS})
    set(kind test)
  endif()
  target_link_libraries(${suite} PRIVATE dd_options dd_test_support ${libs})
  target_compile_definitions(${suite} PRIVATE ${DD_TEST_DEFINITIONS})
  target_compile_options(${suite} PRIVATE ${DD_TEST_COMPILE_OPTIONS})
  if(DD_UNITY)
    set_target_properties(${suite} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${DD_TEST_UNITY_BATCH})
    # In a batch, GCC takes a test class with a file-local member type for a
    # class defined in a header, and warns. File-local names must be unique
    # within a folder: a clash is a compile error, never a silent mix-up.
    target_compile_options(${suite} PRIVATE -Wno-subobject-linkage)
  endif()
  # AUTOMOC's mocs_compilation.cpp is empty (each test includes its own .moc).
  set_source_files_properties(
    ${CMAKE_CURRENT_BINARY_DIR}/${suite}_autogen/mocs_compilation.cpp
    TARGET_DIRECTORY ${suite} PROPERTIES SKIP_PRECOMPILE_HEADERS ON SKIP_UNITY_BUILD_INCLUSION ON)
  if(DD_PCH)
    get_property(owner GLOBAL PROPERTY DD_TEST_PCH_${kind})
    if(owner)
      target_precompile_headers(${suite} REUSE_FROM ${owner})
    else()
      target_precompile_headers(${suite} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/${kind}.h)
      set_property(GLOBAL PROPERTY DD_TEST_PCH_${kind} ${suite})
    endif()
  endif()
endfunction()

# dd_add_test(NAME tst_name SOURCES ... LIBS ... LABEL unit|gui|cli|sim|api|models [TIMEOUT s])
# Adds the sources to the folder's test executable and a CTest entry that runs
# the test offscreen with a timeout and a label, so `ctest -L gui` runs one family.
function(dd_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  get_filename_component(folder "${CMAKE_CURRENT_SOURCE_DIR}" NAME)
  set(suite dd_tests_${folder})
  if(NOT TARGET ${suite})
    message(FATAL_ERROR "dd_add_test(${T_NAME}): no test executable for tests/${folder}; "
                        "add dd_test_suite(${folder}) to tests/CMakeLists.txt")
  endif()
  target_sources(${suite} PRIVATE ${T_SOURCES})
  target_link_libraries(${suite} PRIVATE ${T_LIBS})
  add_test(NAME ${T_NAME} COMMAND ${suite} ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES
    LABELS "${T_LABEL}"
    TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
endfunction()
