# wasm.cmake (Emscripten builds only, preset `wasm`) defines
#   pincalc_wasm  the core + mbedTLS + src/wasm/bindings.cpp linked into an ES module
#                 (pincalc_core.mjs) and pincalc_core.wasm
#   pincalc_web   the static page from web/ copied beside them
# so that ${CMAKE_BINARY_DIR}/web is the whole site: scripts/serve.py serves it and tests/web loads
# exactly those files. The optimisation level comes from CMAKE_BUILD_TYPE and applies to compile and
# link alike: the wasm preset uses Release (-O3), which docs/web.md measured against MinSizeRel (-Os):
# +21 KB gzipped, four times faster on the CA bundle.

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

add_executable(pincalc_wasm src/wasm/bindings.cpp)
target_link_libraries(pincalc_wasm PRIVATE pincalc nlohmann_json::nlohmann_json pincalc_warnings)
set_target_properties(pincalc_wasm PROPERTIES
  OUTPUT_NAME pincalc_core
  SUFFIX ".mjs"
  RUNTIME_OUTPUT_DIRECTORY "${PINCALC_WEB_DIR}")
target_link_options(pincalc_wasm PRIVATE
  # Embind marshals std::string both ways, so JS holds no pointers and frees nothing.
  "--bind"
  # A factory function instead of a global Module: the page, the worker and node each make their own.
  "-sMODULARIZE=1"
  # ...as an ES module, so web/pincalc.js, the worker and node tests can `import` it.
  "-sEXPORT_ES6=1"
  # The factory's name, the module's default export (web/pincalc.js imports it).
  "-sEXPORT_NAME=createPincalcModule"
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
  # Nothing but the embind function is exported to JS: no ccall/cwrap, no heap helpers.
  "-sEXPORTED_RUNTIME_METHODS=[]")
set_property(TARGET pincalc_wasm APPEND PROPERTY LINK_DEPENDS "${PROJECT_SOURCE_DIR}/cmake/wasm.cmake")
# Debian's em++ runs its JS optimiser (tools/acorn-optimizer.js) at link time, and that needs
# node-acorn from /usr/share/nodejs. The preset sets NODE_PATH too; this keeps a plain
# `cmake --build build/wasm` working.
set(PINCALC_NODE_PATH "/usr/share/nodejs" CACHE PATH "NODE_PATH for Emscripten's JS tools")
set_property(TARGET pincalc_wasm PROPERTY RULE_LAUNCH_LINK
  "${CMAKE_COMMAND} -E env NODE_PATH=${PINCALC_NODE_PATH}")

# The page's own files, copied (not symlinked: the site folder must be deployable as it is).
file(GLOB _pincalc_web_files CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/web/*.html" "${PROJECT_SOURCE_DIR}/web/*.js"
  "${PROJECT_SOURCE_DIR}/web/*.css" "${PROJECT_SOURCE_DIR}/web/*.svg"
  "${PROJECT_SOURCE_DIR}/web/*.txt")
set(_pincalc_web_outputs)
foreach(_file IN LISTS _pincalc_web_files)
  get_filename_component(_name "${_file}" NAME)
  add_custom_command(
    OUTPUT "${PINCALC_WEB_DIR}/${_name}"
    COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${_file}" "${PINCALC_WEB_DIR}/${_name}"
    DEPENDS "${_file}"
    COMMENT "web/${_name}"
    VERBATIM)
  list(APPEND _pincalc_web_outputs "${PINCALC_WEB_DIR}/${_name}")
endforeach()
add_custom_target(pincalc_web ALL DEPENDS ${_pincalc_web_outputs})
add_dependencies(pincalc_web pincalc_wasm)
