# Makefile: the front door. `make test` and `make serve` do all set-up on a fresh Debian 12 machine.
#   make test    install what is missing, build, run every test (native, ASan+UBSan, WASM, browser)
#   make serve   build everything and serve the app on http://127.0.0.1:8000
#   make build   configure and build the native CLI and tests (preset dev)
#   make fuzz    run every libFuzzer target for FUZZ_SECONDS (make test runs each for 15 s)
#   make bench   native and WASM benchmarks (slow; not part of make test) into bench/results/
#   make dist    dist/: the page, the one-file <pin-calculator> component, package.json and its tarball
.PHONY: bench bench-wasm all setup build test test-native test-asan test-web test-embed test-fuzz serve wasm dist fuzz clean format

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

test: test-native test-asan test-web test-fuzz

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
# Includes the embedding tests (embed.test.mjs): the component, the iframe mode, the examples, dist.
test-web: build wasm
	@scripts/setup.sh browser
	@cd tests/web && PINCALC_CLI=$(CURDIR)/$(CLI) node --test --test-reporter=spec *.test.mjs

# test-embed: only the embedding tests.
test-embed: build wasm
	@scripts/setup.sh browser
	@cd tests/web && PINCALC_CLI=$(CURDIR)/$(CLI) node --test --test-reporter=spec embed*.test.mjs

# dist: the release artefact in $(DIST) (default dist/): the whole site (index.html and its files),
# embed.html and the one-file pin-calculator.js, with package.json (ES module exports) and the
# hand-written pin-calculator.d.ts, so a docs repo can `npm install` the tarball that `npm pack`
# leaves beside them ($(DIST)/pincalc-embed-<version>.tgz; no network needed).
DIST ?= dist
VERSION := $(shell sed -nE 's/^project.pincalc VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)
dist: wasm
	@rm -rf $(DIST) && mkdir -p $(DIST)
	@cd build/wasm/web && cp *.html *.js *.mjs *.css *.wasm $(abspath $(DIST))/
	@cp web/package/pin-calculator.d.ts web/package/README.md $(DIST)/
	@sed 's/@VERSION@/$(VERSION)/' web/package/package.json >$(DIST)/package.json
	@cd $(DIST) && npm pack --silent >/dev/null
	@echo "dist: $(DIST)/ and $(DIST)/pincalc-embed-$(VERSION).tgz (pin-calculator.js $$(wc -c <$(DIST)/pin-calculator.js) bytes, $$(gzip -9c $(DIST)/pin-calculator.js | wc -c) gzipped)"

# test-fuzz: the short fuzzing run of every change (CI): each target for FUZZ_CI_SECONDS.
FUZZ_CI_SECONDS ?= 15
test-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_CI_SECONDS)

# fuzz: every libFuzzer target for FUZZ_SECONDS each (default 60), seeded with the openssl-made
# fixtures; the growing corpus stays in build/fuzz/corpus. Crashes stop the run with a reproducer.
FUZZ_SECONDS ?= 60
fuzz: build
	@scripts/setup.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@bash tests/fixtures/make_fixtures.sh build/fuzz/seeds >/dev/null
	@$(CLI) snippet --target all --domain example.com --out build/fuzz/seeds/configs \
	  build/fuzz/seeds/chain.pem --backup build/fuzz/seeds/csr.pem >/dev/null 2>&1 || true
	@for t in fuzz_report fuzz_snippets fuzz_config fuzz_der fuzz_pem; do \
	  mkdir -p build/fuzz/corpus/$$t && echo "fuzz: $$t for $(FUZZ_SECONDS) s" && \
	  if ! build/fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	      build/fuzz/corpus/$$t build/fuzz/seeds fuzz/corpus >build/fuzz/$$t.log 2>&1; then \
	    tail -n 40 build/fuzz/$$t.log; echo "fuzz: $$t FAILED (reproducer in build/fuzz/)"; exit 1; \
	  fi; \
	  grep -E '^(Done|stat::number_of_executed_units)' build/fuzz/$$t.log; \
	done
	@echo "fuzz: 5 passed, 0 failed"

# bench-wasm: the native benchmark's cases on the WASM build in node, beside node:crypto
# (tests/web/bench-wasm.mjs), then in Debian's headless Chromium (tests/web/bench-browser.mjs):
# SHA-256 beside hash-wasm and WebCrypto, pins/s, the page's first result and payload. Each answer is
# checked before it is timed. Anyone's browser: web/bench.html (make serve).
BENCH_RESULTS ?= bench/results
bench-wasm: wasm
	@scripts/setup.sh browser
	@mkdir -p $(BENCH_RESULTS)
	@node tests/web/bench-wasm.mjs --out $(BENCH_RESULTS)/wasm-node.json
	@node tests/web/bench-browser.mjs --out $(BENCH_RESULTS)/browser.json

# bench: the native benchmarks (preset release, -O3, OpenSSL in the same binary) and bench-wasm, into
# $(BENCH_RESULTS)/native.json, wasm-node.json and README.md (a table with the machine). Minutes,
# and noisy on a shared machine: not part of `make test`.
bench: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@mkdir -p $(BENCH_RESULTS)
	@build/release/bench/pincalc_bench --benchmark_format=json >$(BENCH_RESULTS)/native.json.tmp
	@mv $(BENCH_RESULTS)/native.json.tmp $(BENCH_RESULTS)/native.json
	@$(MAKE) --no-print-directory bench-wasm
	@node tests/web/bench-results.mjs $(BENCH_RESULTS) >/dev/null
	@echo "bench: $(BENCH_RESULTS)/README.md"

clean:
	rm -rf build dist

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')
