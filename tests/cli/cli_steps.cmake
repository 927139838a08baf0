# The steps the CLI scripts share (included by check_import.cmake and check_provinsi.cmake):
# run siaga in WORK_DIR expecting an exit code, and require that a text matches a pattern.
#   needs SIAGA (path to the CLI) and WORK_DIR

# Runs `siaga ARGN` in WORK_DIR; fails unless it exits `expect_code`; sets out_var and err_var.
function(siaga expect_code out_var err_var)
  execute_process(COMMAND ${SIAGA} ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL expect_code)
    list(JOIN ARGN " " args)
    message(FATAL_ERROR "siaga ${args}: exit code ${code}, expected ${expect_code}\n${out}\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()

# Fails, saying `what`, unless `text` matches the regular expression `pattern`.
function(require text pattern what)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: expected to match '${pattern}', got:\n${text}")
  endif()
endfunction()
