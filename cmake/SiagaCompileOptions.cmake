# Compile options for siaga's own targets, applied per target (never globally) so that a project
# that consumes siaga through add_subdirectory keeps its own flags.
#
# Reproducibility: results must be bit-identical on every x86-64 machine, from the CLI and from
# Python. Hence no -march=native (other instruction sets round differently), no -ffast-math, and
# -ffp-contract=off (no fused multiply-add contractions that one compiler forms and another not).

add_library(siaga_compile_options INTERFACE)
add_library(siaga::compile_options ALIAS siaga_compile_options)
target_compile_features(siaga_compile_options INTERFACE cxx_std_20)
target_compile_options(siaga_compile_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -ffp-contract=off>
  $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${SIAGA_WERROR}>>:-Werror>)
if(SIAGA_SANITIZE)
  # -Wmaybe-uninitialized is off here only: ASan's instrumentation makes GCC 12 report false
  # positives inside libstdc++ (std::regex, std::optional); Release builds keep the warning.
  target_compile_options(siaga_compile_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(siaga_compile_options INTERFACE -fsanitize=address,undefined)
endif()

# Applies siaga's options to one of siaga's own targets, privately.
function(siaga_target_options target)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:siaga::compile_options>)
endfunction()
