# wasm_bench.cmake (included by wasm.cmake) defines
#   pincalc_wasm_bench  the core + mbedTLS + src/wasm/bench_bindings.cpp linked into its own ES
#                       module, ${PINCALC_WEB_DIR}/pincalc_bench.mjs and pincalc_bench.wasm
# for web/bench.html (in a worker) and tests/web/bench-wasm.mjs (`make bench-wasm`, in node). A
# separate module so the page's pincalc_core.wasm carries no benchmark code. The same flags and
# optimisation level as the page's module (pincalc_wasm_module), so the figures are the page's.

pincalc_wasm_module(pincalc_wasm_bench OUTPUT pincalc_bench EXPORT createPincalcBenchModule
  DIRECTORY "${PINCALC_WEB_DIR}" SOURCES src/wasm/bench_bindings.cpp
  LINK_OPTIONS
    # The embind functions, plus a plain C SHA-256 timed a call at a time from JS (the way hash-wasm
    # and other JS libraries are used): it needs the heap view and buffers for its input and output.
    "-sEXPORTED_FUNCTIONS=[_pincalc_bench_sha256,_malloc,_free]"
    "-sEXPORTED_RUNTIME_METHODS=[HEAPU8]"
  LINK_DEPENDS "${PROJECT_SOURCE_DIR}/cmake/wasm_bench.cmake")
# mbedtls_backend.hpp (the SHA-256 of the seam) is internal: src/ and pincalc_mbedtls directly.
target_include_directories(pincalc_wasm_bench PRIVATE "${PROJECT_SOURCE_DIR}/src")
target_link_libraries(pincalc_wasm_bench PRIVATE pincalc_mbedtls)
# The bench page is copied with the site's other files; its module must be there with it.
add_dependencies(pincalc_web pincalc_wasm_bench)
