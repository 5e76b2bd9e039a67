# wasm_bench.cmake (included by wasm.cmake) defines
#   pincalc_wasm_bench  the core + mbedTLS + src/wasm/bench_bindings.cpp linked into its own ES
#                       module, ${PINCALC_WEB_DIR}/pincalc_bench.mjs and pincalc_bench.wasm
# for web/bench.html (in a worker) and tests/web/bench-wasm.mjs (`make bench-wasm`, in node). A
# separate module so the page's pincalc_core.wasm carries no benchmark code. Same optimisation level
# as the page's module (CMAKE_BUILD_TYPE of the wasm preset), so the figures are the page's.

add_executable(pincalc_wasm_bench src/wasm/bench_bindings.cpp)
# mbedtls_backend.hpp (the SHA-256 of the seam) is internal: src/ and pincalc_mbedtls directly.
target_include_directories(pincalc_wasm_bench PRIVATE "${PROJECT_SOURCE_DIR}/src")
target_link_libraries(pincalc_wasm_bench PRIVATE pincalc pincalc_mbedtls
                                                 nlohmann_json::nlohmann_json pincalc_warnings)
set_target_properties(pincalc_wasm_bench PROPERTIES
  OUTPUT_NAME pincalc_bench
  SUFFIX ".mjs"
  RUNTIME_OUTPUT_DIRECTORY "${PINCALC_WEB_DIR}")
target_link_options(pincalc_wasm_bench PRIVATE
  # Embind marshals std::string both ways, so JS holds no pointers and frees nothing.
  "--bind"
  # A factory function instead of a global Module: the bench worker and node each make their own.
  "-sMODULARIZE=1"
  # ...as an ES module, so web/bench.worker.js and tests/web/bench-wasm.mjs can `import` it.
  "-sEXPORT_ES6=1"
  # The factory's name, the module's default export.
  "-sEXPORT_NAME=createPincalcBenchModule"
  # Module worker and node (which hands over the bytes as wasmBinary, as the tests do).
  "-sENVIRONMENT=web,worker"
  # No files: inputs arrive as bytes, so drop the virtual file system.
  "-sFILESYSTEM=0"
  # No eval()/new Function(): bench.html has index.html's CSP ('wasm-unsafe-eval' and nothing looser).
  "-sDYNAMIC_EXECUTION=0"
  # A 15 MB corpus (the CA bundle ×70) plus its report exceeds the default 16 MB heap.
  "-sALLOW_MEMORY_GROWTH=1"
  # The page's module uses emmalloc; the same allocator keeps the figures comparable with it.
  "-sMALLOC=emmalloc"
  # Every target browser and node have TextDecoder: skip the JS fallback decoder.
  "-sTEXTDECODER=2"
  # Only what the worker and node pass in; smaller glue.
  "-sINCOMING_MODULE_JS_API=[wasmBinary,locateFile,onAbort,print,printErr,instantiateWasm]"
  # The runtime lives as long as the worker: no atexit machinery.
  "-sEXIT_RUNTIME=0"
  # The embind functions, plus a plain C SHA-256 timed a call at a time from JS (the way hash-wasm
  # and other JS libraries are used): it needs the heap view and buffers for its input and output.
  "-sEXPORTED_FUNCTIONS=[_pincalc_bench_sha256,_malloc,_free]"
  "-sEXPORTED_RUNTIME_METHODS=[HEAPU8]")
set_property(TARGET pincalc_wasm_bench APPEND PROPERTY LINK_DEPENDS
  "${PROJECT_SOURCE_DIR}/cmake/wasm_bench.cmake")
set_property(TARGET pincalc_wasm_bench PROPERTY RULE_LAUNCH_LINK
  "${CMAKE_COMMAND} -E env NODE_PATH=${PINCALC_NODE_PATH}")
# The bench page is copied with the site's other files; its module must be there with it.
add_dependencies(pincalc_web pincalc_wasm_bench)
