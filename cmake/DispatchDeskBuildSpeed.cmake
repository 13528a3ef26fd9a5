# What keeps a clean build short on a 2-core machine (README, "Build times"):
# - ccache, when it is installed, for every compile (PCH-aware settings below);
# - precompiled Qt headers: one per library, two shared by all the tests
#   (headless and GUI), so the Qt headers are parsed a handful of times instead
#   of once per translation unit;
# - unity builds of the libraries (batches of DD_UNITY_BATCH sources);
# - lld instead of ld.bfd for the ~60 executables.

option(DD_CCACHE "Use ccache when it is installed" ON)
find_program(DD_CCACHE_PROGRAM ccache)
if(DD_CCACHE AND DD_CCACHE_PROGRAM)
  # Precompiled headers need these sloppiness settings, or ccache declines to
  # cache any file that includes one.
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      ${DD_CCACHE_PROGRAM})
  message(STATUS "Compiling through ccache: ${DD_CCACHE_PROGRAM}")
endif()

option(DD_FAST_LINKER "Link with lld when it is installed" ON)
find_program(DD_LLD_PROGRAM ld.lld)
if(DD_FAST_LINKER AND DD_LLD_PROGRAM AND NOT DD_FUZZ)
  target_link_options(dd_options INTERFACE -fuse-ld=lld)
endif()

option(DD_PCH "Precompile the Qt headers" ON)
option(DD_UNITY "Compile each library's sources in batches (unity build)" ON)
set(DD_UNITY_BATCH 8 CACHE STRING "Sources per unity batch")

# dd_use_pch(target core|network|widgets): the library's own precompiled header,
# and its sources compiled in batches, so that the templates every file
# instantiates (QString, QList, std::expected...) are compiled once a batch.
function(dd_use_pch target kind)
  if(DD_PCH)
    target_precompile_headers(${target} PRIVATE
      "$<$<COMPILE_LANGUAGE:CXX>:${PROJECT_SOURCE_DIR}/cmake/pch/${kind}.h>")
  endif()
  if(DD_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${DD_UNITY_BATCH})
  endif()
endfunction()

# Test code is compiled without optimisation and with line tables only: it
# runs briefly, and -O2 -g doubled its compile time. (The libraries under test
# keep the build type's flags; benchmarks are not tests and keep them too.)
option(DD_FAST_TESTS "Compile test sources with -O0 -g1" ON)
set(DD_TEST_COMPILE_OPTIONS "")
if(DD_FAST_TESTS AND NOT DD_FUZZ)
  set(DD_TEST_COMPILE_OPTIONS -O0 -g1)
endif()

# Tests reuse a precompiled header built once per test folder by a holder
# executable (REUSE_FROM needs a target compiled the same way: an executable
# with the tests' options and definitions; Qt's QT_TESTCASE_BUILDDIR differs
# per folder, and GCC refuses a header built with another value, hence one per
# folder). Every test links the holder's libraries so that the Qt module
# definitions match.
set(DD_TEST_PCH_LIBS Qt6::Test Qt6::Network)
set(DD_GUI_TEST_PCH_LIBS Qt6::Test Qt6::Network Qt6::Widgets)

# dd_reuse_test_pch(target [GUI])
function(dd_reuse_test_pch target)
  cmake_parse_arguments(P "GUI" "" "" ${ARGN})
  if(P_GUI)
    set(kind guitest)
    set(libs ${DD_GUI_TEST_PCH_LIBS})
  else()
    set(kind test)
    set(libs ${DD_TEST_PCH_LIBS})
  endif()
  target_link_libraries(${target} PRIVATE ${libs})
  target_compile_options(${target} PRIVATE ${DD_TEST_COMPILE_OPTIONS})
  # AUTOMOC's mocs_compilation.cpp of a test is empty (each test includes its
  # own .moc): compiled without the header it takes no time at all.
  set_source_files_properties(
    ${CMAKE_CURRENT_BINARY_DIR}/${target}_autogen/mocs_compilation.cpp
    TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
  if(NOT DD_PCH)
    return()
  endif()
  get_filename_component(folder "${CMAKE_CURRENT_SOURCE_DIR}" NAME)
  set(holder dd_pch_${kind}_${folder})
  if(NOT TARGET ${holder})
    add_executable(${holder} ${PROJECT_SOURCE_DIR}/cmake/pch/holder.cpp)
    target_link_libraries(${holder} PRIVATE dd_options ${libs})
    target_compile_definitions(${holder} PRIVATE ${DD_TEST_DEFINITIONS})
    target_compile_options(${holder} PRIVATE ${DD_TEST_COMPILE_OPTIONS})
    target_precompile_headers(${holder} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/${kind}.h)
  endif()
  target_precompile_headers(${target} REUSE_FROM ${holder})
endfunction()
