# mbedtls.cmake builds mbedTLS from PINCALC_MBEDTLS_SOURCE_DIR as the static library pincalc_mbedtls,
# with our own config header (src/mbedtls_config/pincalc_mbedtls_config.h) that enables only the
# modules pincalc uses. The same source tree serves the native and the Emscripten build.
if(NOT EXISTS "${PINCALC_MBEDTLS_SOURCE_DIR}/include/mbedtls/version.h")
  message(FATAL_ERROR
    "mbedTLS source not found in ${PINCALC_MBEDTLS_SOURCE_DIR}.\n"
    "Run scripts/setup.sh (make test and make serve do) to fetch Debian's mbedTLS source, or pass "
    "-DPINCALC_MBEDTLS_SOURCE_DIR=/path/to/mbedtls.")
endif()

file(GLOB _pincalc_mbedtls_sources CONFIGURE_DEPENDS "${PINCALC_MBEDTLS_SOURCE_DIR}/library/*.c")
# Our SHA-256 compression function, plugged in with MBEDTLS_SHA256_PROCESS_ALT (see the file).
list(APPEND _pincalc_mbedtls_sources "${PROJECT_SOURCE_DIR}/src/mbedtls_config/sha256_process.c")
add_library(pincalc_mbedtls STATIC ${_pincalc_mbedtls_sources})
target_include_directories(pincalc_mbedtls SYSTEM PUBLIC
  "${PINCALC_MBEDTLS_SOURCE_DIR}/include"
  "${PROJECT_SOURCE_DIR}/src/mbedtls_config")
target_include_directories(pincalc_mbedtls PRIVATE "${PINCALC_MBEDTLS_SOURCE_DIR}/library")
target_compile_definitions(pincalc_mbedtls PUBLIC
  MBEDTLS_CONFIG_FILE="pincalc_mbedtls_config.h")
set_target_properties(pincalc_mbedtls PROPERTIES C_STANDARD 99)
if(NOT EMSCRIPTEN)
  # Native: the library may end up in a shared object. WebAssembly links statically, and -fPIC
  # there would address globals through a base pointer.
  set_target_properties(pincalc_mbedtls PROPERTIES POSITION_INDEPENDENT_CODE ON)
endif()
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(pincalc_mbedtls PRIVATE -w)
endif()
# In WebAssembly every byte of code is downloaded: mbedTLS is compiled for size (-Os) except SHA-1
# and SHA-256 (with md.c and platform_util.c), which run over every certificate (pins and
# fingerprints). Big numbers, RSA, ECDSA and SHA-512 run a few times per chain (signature
# checks), key parsing once per private key.
if(EMSCRIPTEN)
  set(_pincalc_mbedtls_cold ${_pincalc_mbedtls_sources})
  list(FILTER _pincalc_mbedtls_cold EXCLUDE REGEX "/(sha1|sha256|md|platform_util)\\.c$")
  list(FILTER _pincalc_mbedtls_cold EXCLUDE REGEX "/sha256_process\\.c$")
  set_source_files_properties(${_pincalc_mbedtls_cold} PROPERTIES COMPILE_OPTIONS "-Os")
endif()
