# wasm.cmake (Emscripten builds only, preset `wasm`) defines
#   pincalc_wasm  the core + mbedTLS + src/wasm/bindings.cpp linked into an ES module
#                 (pincalc_core.mjs) and pincalc_core.wasm: the page's module (analyze, snippets)
#   pincalc_wasm_check  the same core with src/wasm/check_bindings.cpp: pincalc_check.mjs/.wasm,
#                 the check page's module (analyze, check, normalize, diff), so the page's module
#                 does not carry the config parsers
#   pincalc_web   the static page from web/ copied beside them
#   pincalc_embed the <pin-calculator> web component as one file (web/pin-calculator.js bundled with
#                 a -sSINGLE_FILE build of the same module, the .wasm inlined): pin-calculator.js
# so that ${CMAKE_BINARY_DIR}/web is the whole site: scripts/serve.py serves it and tests/web loads
# exactly those files. The optimisation level comes from CMAKE_BUILD_TYPE and applies to compile and
# link alike: the wasm preset uses Release (-O3), which docs/web.md measured against MinSizeRel (-Os):
# +21 KB gzipped, four times faster on the CA bundle. Code off the report's hot path is compiled
# with -Os instead (below): it runs once per call, not once per certificate.

set(PINCALC_WEB_DIR "${CMAKE_BINARY_DIR}/web")

# nlohmann/json is header-only, but its imported target points at the host's /usr/include, where
# glibc's headers would shadow Emscripten's libc. Give the target a directory holding only the
# nlohmann/ headers instead.
if(TARGET nlohmann_json::nlohmann_json)
  get_target_property(_pincalc_json_dirs nlohmann_json::nlohmann_json INTERFACE_INCLUDE_DIRECTORIES)
  set(_pincalc_json_stage "${CMAKE_BINARY_DIR}/host-headers")
  foreach(_dir IN LISTS _pincalc_json_dirs)
    if(EXISTS "${_dir}/nlohmann/json.hpp")
      file(COPY "${_dir}/nlohmann" DESTINATION "${_pincalc_json_stage}")
      break()
    endif()
  endforeach()
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_pincalc_json_stage}")
endif()

# -Os for what runs once per call rather than once per certificate: the snippet generator, the
# config parsers and checker, the pin normaliser and the option parsing of the boundary. The page
# then loads 9 KB (gzip) less; PEM, DER, X.509, names, chains, the report JSON and the hashes stay
# at -O3 (bench/results: the full report of 10,000 certificates is as fast as before).
# Source properties are per directory: this file is included from the top-level CMakeLists.txt,
# where the pincalc library is defined.
set(PINCALC_WASM_COLD_SOURCES src/snippets.cpp src/normalize.cpp src/config_parse.cpp
    src/config_check.cpp)
set_source_files_properties(${PINCALC_WASM_COLD_SOURCES} PROPERTIES COMPILE_OPTIONS "-Os")

set(_pincalc_wasm_link_flags
  # Embind: free functions, std::string results and emscripten::val options (src/wasm/call.hpp).
  "--bind"
  # A factory function instead of a global Module: the page, the worker and node each make their own.
  "-sMODULARIZE=1"
  # ...as an ES module, so web/pincalc.js, the worker and node tests can `import` it.
  "-sEXPORT_ES6=1"
  # Page and module worker only. Node tests hand over the bytes as wasmBinary, so they need no
  # node glue (3.1.6's uses __dirname and require, which ES modules lack).
  "-sENVIRONMENT=web,worker"
  # No files: inputs arrive as bytes, so drop the virtual file system (tens of KB of JS).
  "-sFILESYSTEM=0"
  # No eval()/new Function(): the page's CSP allows 'wasm-unsafe-eval' and nothing looser.
  "-sDYNAMIC_EXECUTION=0"
  # A 5 MB CA bundle plus its parsed report exceeds the default 16 MB heap.
  "-sALLOW_MEMORY_GROWTH=1"
  # emmalloc is several KB smaller than dlmalloc; one big call at a time needs nothing more.
  "-sMALLOC=emmalloc"
  # Every target browser and node have TextDecoder: skip the JS fallback decoder.
  "-sTEXTDECODER=2"
  # Only what web/pincalc.js and the tests pass in (wasmBinary in node, onAbort); smaller glue.
  "-sINCOMING_MODULE_JS_API=[wasmBinary,locateFile,onAbort,print,printErr,instantiateWasm]"
  # The runtime lives as long as the page (one module, many calls): no atexit machinery.
  "-sEXIT_RUNTIME=0"
  # Nothing but the embind functions is exported to JS: no ccall/cwrap, no heap helpers.
  "-sEXPORTED_RUNTIME_METHODS=[]")

# Debian's em++ runs its JS optimiser (tools/acorn-optimizer.js) at link time, and that needs
# node-acorn from /usr/share/nodejs. The preset sets NODE_PATH too; this keeps a plain
# `cmake --build build/wasm` working.
set(PINCALC_NODE_PATH "/usr/share/nodejs" CACHE PATH "NODE_PATH for Emscripten's JS tools")

# pincalc_wasm_module(TARGET OUTPUT NAME EXPORT FACTORY DIRECTORY DIR SOURCES ... [LINK_OPTIONS ...]
#                     [LINK_DEPENDS ...]) links the core and the given boundary sources into
# DIR/NAME.mjs (+ .wasm): an ES module whose default export is FACTORY, built with the flags
# above; LINK_OPTIONS come after them (a later -s setting wins), LINK_DEPENDS relink it.
function(pincalc_wasm_module target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT;EXPORT;DIRECTORY" "SOURCES;LINK_OPTIONS;LINK_DEPENDS")
  add_executable(${target} ${arg_SOURCES})
  target_link_libraries(${target} PRIVATE pincalc nlohmann_json::nlohmann_json pincalc_warnings)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME "${arg_OUTPUT}"
    SUFFIX ".mjs"
    RUNTIME_OUTPUT_DIRECTORY "${arg_DIRECTORY}")
  target_link_options(${target} PRIVATE ${_pincalc_wasm_link_flags}
    "-sEXPORT_NAME=${arg_EXPORT}" ${arg_LINK_OPTIONS})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS
    "${PROJECT_SOURCE_DIR}/cmake/wasm.cmake" ${arg_LINK_DEPENDS})
  set_property(TARGET ${target} PROPERTY RULE_LAUNCH_LINK
    "${CMAKE_COMMAND} -E env NODE_PATH=${PINCALC_NODE_PATH}")
endfunction()

# The page's module (index.html, its worker): web/pincalc.js imports its factory.
pincalc_wasm_module(pincalc_wasm OUTPUT pincalc_core EXPORT createPincalcModule
  DIRECTORY "${PINCALC_WEB_DIR}" SOURCES src/wasm/bindings.cpp src/wasm/call.cpp)
# The check page's module: its own boundary (check_bindings.cpp) and factory name.
pincalc_wasm_module(pincalc_wasm_check OUTPUT pincalc_check EXPORT createPincalcCheckModule
  DIRECTORY "${PINCALC_WEB_DIR}" SOURCES src/wasm/check_bindings.cpp src/wasm/call.cpp)

find_program(PINCALC_ESBUILD esbuild
  DOC "Debian's esbuild: minifies the site's JavaScript, bundles the <pin-calculator> component")

# The page's own files, copied (not symlinked: the site folder must be deployable as it is). The
# JavaScript is minified on the way (esbuild --minify, one file in, one file out: the modules and
# their names stay as they are): 10 KB less (gzip) for the page, which loads WASM + JS within the
# 150 KB (gzip) budget of bench/README. The readable sources are web/*.js.
file(GLOB _pincalc_web_files CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/web/*.html" "${PROJECT_SOURCE_DIR}/web/*.js"
  "${PROJECT_SOURCE_DIR}/web/*.css" "${PROJECT_SOURCE_DIR}/web/*.svg"
  "${PROJECT_SOURCE_DIR}/web/*.txt")
# The component's source is not copied: the site gets its one-file bundle (pincalc_embed below).
list(FILTER _pincalc_web_files EXCLUDE REGEX "/web/pin-calculator(-style)?\\.js$")
set(_pincalc_web_outputs)
foreach(_file IN LISTS _pincalc_web_files)
  get_filename_component(_name "${_file}" NAME)
  if(PINCALC_ESBUILD AND _name MATCHES "\\.js$")
    set(_pincalc_web_command "${PINCALC_ESBUILD}" "${_file}" --minify --target=es2022
      --charset=utf8 --legal-comments=none --log-level=warning "--outfile=${PINCALC_WEB_DIR}/${_name}")
  else()
    set(_pincalc_web_command "${CMAKE_COMMAND}" -E copy_if_different "${_file}"
      "${PINCALC_WEB_DIR}/${_name}")
  endif()
  add_custom_command(
    OUTPUT "${PINCALC_WEB_DIR}/${_name}"
    COMMAND ${_pincalc_web_command}
    DEPENDS "${_file}"
    COMMENT "web/${_name}"
    VERBATIM)
  list(APPEND _pincalc_web_outputs "${PINCALC_WEB_DIR}/${_name}")
endforeach()
add_custom_target(pincalc_web ALL DEPENDS ${_pincalc_web_outputs})
add_dependencies(pincalc_web pincalc_wasm pincalc_wasm_check)
# Emscripten's glue of both page modules, minified in place after each link (-O3 only strips its
# whitespace): 2.4 KB less (gzip). Names the page uses (the default export, Module members) are
# properties or exports, which minification keeps.
if(PINCALC_ESBUILD)
  foreach(_target pincalc_wasm pincalc_wasm_check)
    add_custom_command(TARGET ${_target} POST_BUILD
      COMMAND "${PINCALC_ESBUILD}" "$<TARGET_FILE:${_target}>" --minify --target=es2022
        --charset=utf8 --legal-comments=none --log-level=warning --allow-overwrite
        "--outfile=$<TARGET_FILE:${_target}>"
      VERBATIM)
  endforeach()
endif()

# pincalc_embed: the same module linked once more with the .wasm inlined as base64
# (-sSINGLE_FILE), then bundled with web/pin-calculator.js and the modules it imports into one
# file, ${PINCALC_WEB_DIR}/pin-calculator.js, that needs nothing beside it: no .wasm to fetch, so it
# works from file://, offline, and under a host CSP without connect-src. Debian's esbuild bundles it
# as an IIFE: no import/export/import.meta in the output, so the same file loads both as
# <script type="module"> and as a classic <script> (Chromium refuses module scripts from file://).
set(_pincalc_embed_stage "${CMAKE_BINARY_DIR}/embed-src")
pincalc_wasm_module(pincalc_wasm_single_file OUTPUT pincalc_core EXPORT createPincalcModule
  DIRECTORY "${_pincalc_embed_stage}" SOURCES src/wasm/bindings.cpp src/wasm/call.cpp
  LINK_OPTIONS
    # The .wasm as a base64 data: URL inside the glue: one file to ship.
    "-sSINGLE_FILE=1"
    # 3.1.6 would fetch() that data: URL (a request a host's CSP may refuse and report); this hook
    # decodes it in place instead. See the file.
    "--pre-js=${PROJECT_SOURCE_DIR}/cmake/wasm_single_file_pre.js"
  LINK_DEPENDS "${PROJECT_SOURCE_DIR}/cmake/wasm_single_file_pre.js")

if(PINCALC_ESBUILD)
  # Every web/*.js the component might import, staged beside the single-file glue, whose name
  # (pincalc_core.mjs) is the one web/pincalc.js imports.
  file(GLOB _pincalc_embed_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/web/*.js")
  set(_pincalc_embed_out "${PINCALC_WEB_DIR}/pin-calculator.js")
  add_custom_command(
    OUTPUT "${_pincalc_embed_out}"
    COMMAND "${CMAKE_COMMAND}" -E copy_if_different ${_pincalc_embed_sources} "${_pincalc_embed_stage}"
    COMMAND "${PINCALC_ESBUILD}" "${_pincalc_embed_stage}/pin-calculator.js" --bundle --format=iife
      # Chromium 94+, Firefox 101+, Safari 16.4: constructable stylesheets and private methods are there.
      --target=es2022 --charset=utf8 --legal-comments=none --log-level=warning
      # The glue's `import.meta.url` only locates a .wasm file, and there is none to locate.
      --define:import.meta.url=undefined
      # pincalc.js imports the check page's module on demand; the component never calls it.
      --external:./pincalc_check.mjs
      "--outfile=${_pincalc_embed_out}"
    DEPENDS pincalc_wasm_single_file ${_pincalc_embed_sources}
      "${_pincalc_embed_stage}/pincalc_core.mjs"
    COMMENT "pin-calculator.js (single file, .wasm inlined)"
    VERBATIM)
  add_custom_target(pincalc_embed ALL DEPENDS "${_pincalc_embed_out}")
  add_dependencies(pincalc_embed pincalc_wasm_single_file)
else()
  message(WARNING "esbuild not found (scripts/setup.sh wasm installs it): no pin-calculator.js")
endif()

# The benchmark module (web/bench.html, make bench-wasm): its own file, so the page's module does not
# grow (issue: benchmarks and speed).
include("${PROJECT_SOURCE_DIR}/cmake/wasm_bench.cmake" OPTIONAL)
