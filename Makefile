# Makefile: the front door. `make test` and `make serve` do all set-up on a fresh Debian 12 machine.
#   make test    install what is missing, build, run every test (native, ASan+UBSan, WASM, browser)
#   make serve   build everything and serve the app on http://127.0.0.1:8000
#   make build   configure and build the native CLI and tests (preset dev)
#   make bench   build and run the native benchmarks
.PHONY: all setup build test test-native test-asan test-web serve wasm clean format

JOBS ?= $(shell nproc)
CLI := build/dev/pincalc

all: build

setup:
	@scripts/setup.sh native

build: setup
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev -j $(JOBS)

test-native: build
	@ctest --preset dev -j $(JOBS)

test-asan: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

test: test-native test-asan test-web

# wasm: the core compiled with Debian's Emscripten into build/wasm/web (the whole static site).
wasm:
	@scripts/setup.sh wasm
	@cmake --preset wasm >/dev/null
	@cmake --build --preset wasm -j $(JOBS)

# serve: the page on http://127.0.0.1:8000 (loopback only); Ctrl-C stops it.
serve: wasm
	@scripts/serve.py --port 8000

# test-web: node tests on the real .wasm (report byte-identical to the native CLI's --json) and
# browser tests in Debian's headless Chromium via playwright-core. Screenshots: build/web-test/.
test-web: build wasm
	@scripts/setup.sh browser
	@cd tests/web && PINCALC_CLI=$(CURDIR)/$(CLI) node --test --test-reporter=spec *.test.mjs

clean:
	rm -rf build

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')
