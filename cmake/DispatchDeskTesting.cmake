# dd_add_test(NAME name SOURCES ... LIBS ... LABEL unit|gui|cli|sim|api|models|bench [TIMEOUT s])
# Adds a QTest executable that runs offscreen with a timeout and a label, so that
# `ctest -L gui` runs one family.
function(dd_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE dd_options Qt6::Test ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE ${DD_TEST_DEFINITIONS})
  if(T_LABEL STREQUAL "gui")
    dd_reuse_test_pch(${T_NAME} GUI)
  else()
    dd_reuse_test_pch(${T_NAME})
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES
    LABELS "${T_LABEL}"
    TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
endfunction()
