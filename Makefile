# Makefile: the front door. `make test` and `make serve` do all set-up on a fresh Debian 12 machine.
#   make test    install what is missing, build, run every test (native, ASan+UBSan, WASM, browser)
#   make serve   build everything and serve the app on http://127.0.0.1:8000
#   make build   configure and build the native CLI and tests (preset dev)
#   make bench   build and run the native benchmarks
.PHONY: all setup build test test-native test-asan serve wasm clean format

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

test: test-native test-asan

serve: build
	@echo "The web page is not built yet (issue: the browser app); here is the CLI:"
	@$(CLI) --help

clean:
	rm -rf build

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')
