# One INTERFACE target carries the options every target of the project shares.
add_library(dd_options INTERFACE)
target_compile_features(dd_options INTERFACE cxx_std_23)
target_compile_definitions(dd_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_NO_KEYWORDS)
target_compile_options(dd_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
target_include_directories(dd_options INTERFACE
  ${PROJECT_SOURCE_DIR}/src
  ${PROJECT_BINARY_DIR}/generated)

option(DD_WERROR "Treat warnings as errors (CI preset)" OFF)
if(DD_WERROR)
  target_compile_options(dd_options INTERFACE -Werror)
endif()

set(DD_SANITIZERS "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
if(DD_SANITIZERS)
  target_compile_options(dd_options INTERFACE -fsanitize=${DD_SANITIZERS} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(dd_options INTERFACE -fsanitize=${DD_SANITIZERS})
endif()

# The libFuzzer build (clang 14): instrument everything, and use the small
# <expected> stand-in, since clang 14 cannot compile libstdc++ 12's.
if(DD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "DD_FUZZ needs clang: configure with CXX=clang++")
  endif()
  target_include_directories(dd_options BEFORE INTERFACE ${PROJECT_SOURCE_DIR}/tests/fuzz/compat)
  target_compile_options(dd_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(dd_options INTERFACE -fsanitize=address,undefined)
endif()
