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
  # CCACHE_BASEDIR + CCACHE_NOHASHDIR: paths inside the clone are hashed
  # relative to it, so a second clone or worktree, wherever it is, hits the
  # cache the first one filled (the price: debug info of a cached object names
  # the folder it was first compiled in).
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" CCACHE_NOHASHDIR=1
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

# dd_use_pch(target core|network|widgets): a precompiled header of that kind,
# and the target's sources compiled in batches, so that the templates every
# file instantiates (QString, QList, std::expected...) are compiled once a batch.
# The core and network headers are compiled once each, by a small target that
# has only the project's options and the Qt modules of its kind, and reused by
# every library of that kind: GCC takes a header only where each macro defined
# when it was compiled is defined alike, and a library's own definitions
# (simdjson's, QT_CONCURRENT_LIB) would shut out the others. GCC says so with
# -Winvalid-pch (a warning, which CI fails on) if one ever stops fitting.
set(DD_PCH_MODULES_core Qt6::Core)
set(DD_PCH_MODULES_network Qt6::Core Qt6::Network)
function(dd_use_pch target kind)
  if(DD_PCH AND DEFINED DD_PCH_MODULES_${kind})
    set(owner dd_pch_${kind})
    if(NOT TARGET ${owner})
      set(source ${PROJECT_BINARY_DIR}/generated/dd_pch_${kind}.cpp)
      file(WRITE ${source} "// The precompiled header's own translation unit.\n")
      add_library(${owner} OBJECT ${source})
      set_target_properties(${owner} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
      target_link_libraries(${owner} PRIVATE dd_options ${DD_PCH_MODULES_${kind}})
      target_precompile_headers(${owner} PRIVATE
        "$<$<COMPILE_LANGUAGE:CXX>:${PROJECT_SOURCE_DIR}/cmake/pch/${kind}.h>")
    endif()
    target_precompile_headers(${target} REUSE_FROM ${owner})
  elseif(DD_PCH)
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

# The tests' precompiled headers live on the test executables themselves (see
# dd_test_suite in DispatchDeskTesting.cmake): one for the headless folders,
# one for the GUI folder.
set(DD_TEST_PCH_LIBS Qt6::Test Qt6::Network Qt6::Concurrent)
set(DD_GUI_TEST_PCH_LIBS Qt6::Test Qt6::Network Qt6::Concurrent Qt6::Widgets)

# moc reads every header a file includes, Qt's and the C++ library's too
# (about 1,000 files for one of our headers), to learn their macros: 186 runs
# took 125 s of CPU, most of a rebuild with a warm compiler cache. Our own
# classes need nothing from those headers: run through dd_fast_moc's wrapper,
# which hands moc only the project's include folders, the generated code is the
# same but for the lines Qt's headers ask for with Q_MOC_INCLUDE, for Qt's own
# classes (QSslError, QTextCursor), and it takes 2.3 s. (Checked on every file
# when this was introduced; a class of ours that needed one of those lines
# would fail to compile, not misbehave.) -DDD_FAST_MOC=OFF runs moc as it is.
option(DD_FAST_MOC "Run moc with the project's include folders only" ON)
function(dd_fast_moc_in directory wrapper)
  get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(automoc ${target} AUTOMOC)
    get_target_property(imported ${target} IMPORTED)
    if(automoc AND NOT imported)
      set_target_properties(${target} PROPERTIES AUTOMOC_EXECUTABLE ${wrapper})
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    dd_fast_moc_in(${subdirectory} ${wrapper})
  endforeach()
endfunction()
# Called at the end of the top-level CMakeLists.txt, once every target exists.
function(dd_fast_moc)
  if(NOT DD_FAST_MOC)
    return()
  endif()
  get_target_property(moc Qt6::moc LOCATION)
  set(wrapper ${PROJECT_BINARY_DIR}/generated/moc-project-includes)
  file(WRITE ${wrapper} "#!/bin/sh
# Generated by cmake/DispatchDeskBuildSpeed.cmake (dd_fast_moc): moc with the
# project's own include folders only.
for arg do
  shift
  case \"$arg\" in
    -I${PROJECT_SOURCE_DIR}*|-I${PROJECT_BINARY_DIR}*) set -- \"$@\" \"$arg\" ;;
    -I*) ;;
    *) set -- \"$@\" \"$arg\" ;;
  esac
done
exec \"${moc}\" \"$@\"
")
  file(CHMOD ${wrapper} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
       GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  dd_fast_moc_in(${PROJECT_SOURCE_DIR} ${wrapper})
endfunction()
