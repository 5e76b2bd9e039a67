# Makefile: the front door. `make test` and `make serve` do all set-up on a fresh Debian 12 machine.
#   make test    install what is missing, build, run every test (native, ASan+UBSan, WASM, browser)
#   make serve   build everything and serve the app on http://127.0.0.1:8000
#   make build   configure and build the native CLI and tests (preset dev)
#   make fuzz    run every libFuzzer target for FUZZ_SECONDS (not part of make test)
.PHONY: all setup build test test-native test-asan test-web serve wasm fuzz clean format

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

# fuzz: every libFuzzer target for FUZZ_SECONDS each (default 60), seeded with the openssl-made
# fixtures; the growing corpus stays in build/fuzz/corpus. Crashes stop the run with a reproducer.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/setup.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@bash tests/fixtures/make_fixtures.sh build/fuzz/seeds >/dev/null
	@for t in fuzz_report fuzz_snippets; do \
	  mkdir -p build/fuzz/corpus/$$t && echo "fuzz: $$t for $(FUZZ_SECONDS) s" && \
	  if ! build/fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	      build/fuzz/corpus/$$t build/fuzz/seeds >build/fuzz/$$t.log 2>&1; then \
	    tail -n 40 build/fuzz/$$t.log; echo "fuzz: $$t FAILED (reproducer in build/fuzz/)"; exit 1; \
	  fi; \
	  grep -E '^(Done|stat::number_of_executed_units)' build/fuzz/$$t.log; \
	done

clean:
	rm -rf build

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')
