// bench_bindings.cpp: the WebAssembly boundary of the benchmark module (pincalc_bench.mjs/.wasm),
// a separate build so the page's module (bindings.cpp) does not grow. Free functions, bytes in,
// JSON out; each times its own loop with emscripten_get_now(), so the figure excludes the copy of
// the input into the module and the JSON out:
//   sha256_repeat(bytes, reps)   SHA-256 of `bytes`, `reps` times (mbedTLS, through our seam)
//       -> {"size", "reps", "ms", "digest": hex of SHA-256(bytes), "sink": a byte of every digest}
//   pins(bytes, all)             the pins-only report (Options::pins_only) of a PEM/DER corpus
//       -> {"count", "errors", "first", "last", "ms", "pins": [...] if all}
//   report(bytes, all)           the full report (names, validity, chains) of the same corpus
//       -> the same members, and "json_ms"/"json_chars": report_to_json after it
// and one plain C export, for timing the way JS libraries are timed (a call per digest, from JS):
//   _pincalc_bench_sha256(in, size, out)  SHA-256 of `size` bytes at `in` into 32 bytes at `out`,
//       both in the module's memory (the caller copies the input into HEAPU8 first, as a JS hash
//       library copies into its own module; _malloc/_free are exported for those buffers)
// The digest and the pins are there so callers check the answer (node:crypto, WebCrypto) before
// they trust the time. JS holds no pointer and frees nothing; no state survives a call.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mbedtls_backend.hpp"
#include "pincalc/report.hpp"

namespace {

using nlohmann::json;

std::string to_hex(const pincalc::crypto::Sha256Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (const std::uint8_t b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

// sha256_repeat hashes `bytes` reps times (at least once). Every digest is folded into a byte the
// loop carries, so the optimiser cannot drop the calls; the digest returned is that of `bytes`.
std::string sha256_repeat(const std::string& bytes, int reps) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const pincalc::crypto::Sha256Digest first = pincalc::crypto::sha256(data, bytes.size());
  if (reps < 1) reps = 1;
  std::uint8_t sink = 0;
  const double start = emscripten_get_now();
  for (int i = 0; i < reps; ++i) sink ^= pincalc::crypto::sha256(data, bytes.size())[i & 31];
  const double ms = emscripten_get_now() - start;
  json out = {{"size", bytes.size()},
              {"reps", reps},
              {"ms", ms},
              {"digest", to_hex(first)},
              {"sink", sink}};
  return out.dump();
}

// corpus_result is what pins() and report() share: the certificate pins (items with a pin, in
// input order) summarised, or all of them when `all` is set (for checking, not for timing).
json corpus_result(const pincalc::Report& report, double ms, bool all) {
  std::vector<std::string> pins;
  pins.reserve(report.items.size());
  for (const pincalc::Item& item : report.items) {
    if (!item.pins.sha256.empty()) pins.push_back(item.pins.sha256);
  }
  json out = {{"count", pins.size()},
              {"errors", report.errors.size()},
              {"first", pins.empty() ? "" : pins.front()},
              {"last", pins.empty() ? "" : pins.back()},
              {"ms", ms}};
  if (all) out["pins"] = pins;
  return out;
}

// run_report builds the report of `bytes` (one source) and times it.
json run_report(const std::string& bytes, bool pins_only, bool all, bool with_json) {
  const std::vector<pincalc::Source> sources{{"bench", bytes}};
  pincalc::Options options;
  options.pins_only = pins_only;
  const double start = emscripten_get_now();
  const pincalc::Report report = pincalc::build_report(sources, options);
  const double ms = emscripten_get_now() - start;
  json out = corpus_result(report, ms, all);
  if (with_json) {
    const double json_start = emscripten_get_now();
    const std::size_t chars = pincalc::report_to_json(report, 2).size();
    out["json_ms"] = emscripten_get_now() - json_start;
    out["json_chars"] = chars;
  }
  return out;
}

std::string pins(const std::string& bytes, bool all) {
  return run_report(bytes, /*pins_only=*/true, all, /*with_json=*/false).dump();
}

std::string report(const std::string& bytes, bool all) {
  return run_report(bytes, /*pins_only=*/false, all, /*with_json=*/true).dump();
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void pincalc_bench_sha256(const std::uint8_t* in, std::size_t size,
                                                          std::uint8_t* out) {
  const pincalc::crypto::Sha256Digest digest = pincalc::crypto::sha256(in, size);
  std::copy(digest.begin(), digest.end(), out);
}

EMSCRIPTEN_BINDINGS(pincalc_bench) {
  emscripten::function("sha256_repeat", &sha256_repeat);
  emscripten::function("pins", &pins);
  emscripten::function("report", &report);
}
