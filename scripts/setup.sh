#!/usr/bin/env bash
# setup.sh installs what pincalc's build and tests need on Debian 12 and fetches the mbedTLS source
# that Debian ships. Idempotent: a second run installs nothing and downloads nothing.
#
# Usage: scripts/setup.sh [native|wasm|browser|fuzz]...   (default: native)
# Env:   PINCALC_DEPS  where the mbedTLS source goes (default: <repo>/.deps)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
deps=${PINCALC_DEPS:-$repo/.deps}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

want_native=(build-essential cmake ninja-build pkg-config dpkg-dev openssl ca-certificates
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev libssl-dev python3
  # The snippet tests run real clients and format checkers (tests/snippets/).
  curl golang-go default-jdk-headless libokhttp-java libxml2-utils python3-yaml
  # NIST's CAVP SHA-2 vectors (tests/sha256_test.cpp, tests/web/sha256.test.mjs).
  python3-cryptography-vectors)

missing=()
collect_missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
}

updated=0
apt_update_once() {
  if [ "$updated" -eq 0 ]; then
    $sudo apt-get update -qq
    updated=1
  fi
}

# add_deb_src adds a deb-src twin of the machine's own apt sources (same mirrors, suites and keys),
# so `apt-get source` works. It names no host: every field is copied from the existing file.
add_deb_src() {
  local out=/etc/apt/sources.list.d/pincalc-deb-src.sources
  [ -f "$out" ] && return 0
  if grep -rqsE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources ||
     grep -qsE '^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list; then
    return 0
  fi
  local src
  for src in /etc/apt/sources.list.d/*.sources; do
    [ -f "$src" ] || continue
    sed -E 's/^Types:.*/Types: deb-src/' "$src" | $sudo tee -a "$out" >/dev/null
    echo | $sudo tee -a "$out" >/dev/null
  done
  if [ ! -s "$out" ] && [ -f /etc/apt/sources.list ]; then
    sed -nE 's/^deb (.*)/deb-src \1/p' /etc/apt/sources.list | $sudo tee /etc/apt/sources.list.d/pincalc-deb-src.list >/dev/null
    $sudo rm -f "$out"
  fi
  updated=0
}

# fetch_mbedtls unpacks Debian's mbedTLS source package into $deps/mbedtls (a symlink to the
# versioned directory apt-get source creates).
fetch_mbedtls() {
  if [ -f "$deps/mbedtls/include/mbedtls/version.h" ]; then
    return 0
  fi
  add_deb_src
  apt_update_once
  mkdir -p "$deps"
  (cd "$deps" && apt-get source --download-only -qq mbedtls >/dev/null 2>&1 ||
    apt-get source --download-only mbedtls)
  local dsc
  dsc=$(ls -1 "$deps"/mbedtls_*.dsc | sort -V | tail -n 1)
  local dir
  dir="$deps/$(basename "$dsc" .dsc | sed -E 's/_/-/; s/-[^-]*$//')"
  rm -rf "$dir"
  (cd "$deps" && dpkg-source --no-check -x "$(basename "$dsc")" "$(basename "$dir")" >/dev/null)
  ln -sfn "$(basename "$dir")" "$deps/mbedtls"
  echo "setup: mbedTLS source in $deps/mbedtls -> $(readlink "$deps/mbedtls")"
}

# wasm: Debian's Emscripten 3.1.6 (it brings clang-14, lld, binaryen and node-acorn), esbuild
# (bundles the one-file <pin-calculator> component) and gzip for the size report. browser: Debian's
# Chromium, which playwright-core drives (never a downloaded browser) and the fonts it renders the
# page with.
want_wasm=(emscripten esbuild gzip)
# fuzz: clang with libFuzzer and the sanitizer runtimes (make fuzz).
want_fuzz=(clang-14 libclang-rt-14-dev)
# The embedding tests also build examples/mkdocs with Debian's MkDocs and type-check the package's
# pin-calculator.d.ts with Debian's TypeScript.
want_browser=(chromium fonts-dejavu-core mkdocs node-typescript)
want_node=0
want_npm_tests=0

# collect_node adds Node.js and npm unless some node is already on PATH (a machine may carry a newer
# nodejs package that also provides npm; Debian's separate npm package must not replace it).
collect_node() {
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  if [ "$want_npm_tests" -eq 1 ] && ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
}

# npm_tests installs the browser tests' node packages (playwright-core, and hash-wasm, the SHA-256
# the benchmarks compare with; locked in tests/web/package-lock.json) into tests/web/node_modules.
# It never downloads a browser.
npm_tests() {
  local dir="$repo/tests/web"
  if [ -f "$dir/node_modules/playwright-core/package.json" ] &&
     [ -f "$dir/node_modules/hash-wasm/package.json" ] &&
     [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  echo "setup: npm ci in tests/web (playwright-core; the browser is Debian's /usr/bin/chromium)"
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(native)
for t in "${targets[@]}"; do
  case "$t" in
    native) collect_missing "${want_native[@]}"; want_node=1 ;;
    wasm) collect_missing "${want_native[@]}" "${want_wasm[@]}"; want_node=1 ;;
    browser) collect_missing "${want_native[@]}" "${want_wasm[@]}" "${want_browser[@]}"; want_node=1
      want_npm_tests=1 ;;
    fuzz) collect_missing "${want_native[@]}" "${want_fuzz[@]}" ;;
    *) echo "setup: unknown target '$t' (native, wasm, browser, fuzz)" >&2; exit 2 ;;
  esac
done

[ "$want_node" -eq 0 ] || collect_node

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
fetch_mbedtls
[ "$want_npm_tests" -eq 0 ] || npm_tests
