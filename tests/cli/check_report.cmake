# ctest script for `siaga report` and `--report` as a user meets them:
#   -DSIAGA=path/to/siaga -DWORK_DIR=scratch directory
# - run --out --report writes report.html beside the results, and siaga report rebuilds the same
#   bytes from the folder alone;
# - an existing report.html is kept without --force (exit 2, named);
# - a folder missing a file: exit 2, one error naming the file, no report written.
cmake_minimum_required(VERSION 3.20)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs siaga with ARGN; sets code, out and err in the caller.
macro(siaga)
  execute_process(COMMAND ${SIAGA} ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
endmacro()

siaga(run sandbox.json -n 30 --quiet --out results --report)
if(NOT code EQUAL 0 OR NOT EXISTS "${WORK_DIR}/results/report.html")
  message(FATAL_ERROR "run --out --report: exit ${code}, no report.html\n${err}")
endif()
siaga(report results -o again.html)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "siaga report results: exit ${code}\n${err}")
endif()
file(READ "${WORK_DIR}/results/report.html" first)
file(READ "${WORK_DIR}/again.html" second)
if(NOT first STREQUAL second)
  message(FATAL_ERROR "siaga report gave other bytes than run --report from the same folder")
endif()

siaga(report results)
if(NOT code EQUAL 2 OR NOT err MATCHES "results/report\\.html' exists; pass --force to overwrite it")
  message(FATAL_ERROR "siaga report over an existing report.html: exit ${code}, expected 2 naming it\n${err}")
endif()

file(REMOVE "${WORK_DIR}/results/tps.csv")
siaga(report results -o broken.html)
if(NOT code EQUAL 2 OR NOT err MATCHES "^siaga: error: results/tps\\.csv: missing")
  message(FATAL_ERROR "a folder without tps.csv: exit ${code}, expected 2 naming the file\n${err}")
endif()
if(EXISTS "${WORK_DIR}/broken.html")
  message(FATAL_ERROR "a refused folder still left broken.html")
endif()
file(GLOB left "${WORK_DIR}/.broken*")
if(left)
  message(FATAL_ERROR "a refused folder left a temporary file: ${left}")
endif()
