// check_bindings.cpp: the WebAssembly boundary of the check page's module
// (pincalc_check.mjs/.wasm: check.html). Free functions, bytes and an options object in, JSON out:
//   analyze(bytes, options)             the report the CLI's --json prints
//   check(config, bytes, options)       what `pincalc check --json CONFIG FILE...` prints
//   normalize(pins, bytes, options)     what `pincalc normalize --json [--cert FILE]...` prints
//   diff(old_bytes, new_bytes, options) what `pincalc diff --json OLD NEW` prints
// As in bindings.cpp (the page's module): JS holds no pointer and frees nothing, and no state
// survives a call.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "call.hpp"
#include "pincalc/check.hpp"
#include "pincalc/report.hpp"

namespace {

using pincalc::wasm::Call;
using pincalc::wasm::error_result;
using pincalc::wasm::is_absent;
using pincalc::wasm::kOptionsNotAnObject;
using pincalc::wasm::options_object;
using pincalc::wasm::parse_call;
using pincalc::wasm::read_bytes;
using pincalc::wasm::val;

// report_for builds the report of the sources packed in `bytes` (listed in options[sources_key]),
// as analyze() does; false with the reason in *why for a malformed call.
bool report_for(const std::string& bytes, const val& options, pincalc::Report* report,
                std::string* why, const char* sources_key = "sources") {
  Call call;
  if (!parse_call(bytes, options, &call, why, sources_key)) return false;
  *report = pincalc::build_report(call.sources, call.core_options);
  return true;
}

// check judges a pinning configuration (any format parse_config reads: Android NSC, Info.plist,
// TrustKit, OkHttp, curl, Envoy, pins.json) against the certificates packed in `bytes` (the
// server's chain and backup keys; options as analyze() takes them). Returns config_check_to_json
// (schema pincalc-check/1, indent 2): what `pincalc check --json CONFIG FILE...` prints. A config
// it cannot parse is not a bad call: its errors ("line 12: ...") are in the result's "errors".
std::string check(val config_input, val input, val options) {
  if (!options_object(&options)) return error_result("bad_options", kOptionsNotAnObject);
  std::string config;
  std::string bytes;
  std::string why;
  if (!read_bytes(config_input, "config", &config, &why) ||
      !read_bytes(input, "bytes", &bytes, &why)) {
    return error_result("bad_input", why);
  }
  pincalc::Report report;
  if (!report_for(bytes, options, &report, &why)) return error_result("bad_options", why);
  const pincalc::ParsedConfig parsed = pincalc::parse_config(config, &report);
  return pincalc::config_check_to_json(pincalc::check_config(parsed, report), 2);
}

// normalize reads pins in any form people paste (one per line, or ';'/','-separated lists, curl and
// HPKP strings) and says what each is a hash of among the certificates packed in `bytes`. As the
// CLI without --cert, no bytes and no options.sources means no certificates: every match is
// "unknown". Returns normalized_pins_to_json (indent 2): what `pincalc normalize --json` prints.
std::string normalize(val pins_input, val input, val options) {
  if (!options_object(&options)) return error_result("bad_options", kOptionsNotAnObject);
  std::string pins;
  std::string bytes;
  std::string why;
  if (!read_bytes(pins_input, "pins", &pins, &why) || !read_bytes(input, "bytes", &bytes, &why)) {
    return error_result("bad_input", why);
  }
  pincalc::Report report;
  if (!report_for(bytes, options, &report, &why)) return error_result("bad_options", why);
  const bool with_certificates = !bytes.empty() || !is_absent(options["sources"]);
  return pincalc::normalized_pins_to_json(
      pincalc::normalize_pins(pins, with_certificates ? &report : nullptr), 2);
}

// diff compares the leaf of an old and a new chain, each built into its own report as the CLI
// does with `pincalc diff OLD NEW`. options: now and expiry_warning_days as analyze() takes them,
// and old_sources / new_sources splitting each side's bytes as sources does (absent: one source
// each). Returns renewal_diff_to_json (schema pincalc-diff/1, indent 2). Each side's report, for
// the items behind the pins, is analyze()'s to give.
std::string diff(val old_input, val new_input, val options) {
  if (!options_object(&options)) return error_result("bad_options", kOptionsNotAnObject);
  std::string old_bytes;
  std::string new_bytes;
  {
    std::string why;
    if (!read_bytes(old_input, "old bytes", &old_bytes, &why) ||
        !read_bytes(new_input, "new bytes", &new_bytes, &why)) {
      return error_result("bad_input", why);
    }
  }
  pincalc::Report reports[2];
  const std::string* sides[2] = {&old_bytes, &new_bytes};
  static constexpr const char* kSides[2] = {"old_sources", "new_sources"};
  for (int i = 0; i < 2; ++i) {
    std::string why;
    if (!report_for(*sides[i], options, &reports[i], &why, kSides[i])) {
      return error_result("bad_options", why);
    }
  }
  return pincalc::renewal_diff_to_json(pincalc::diff_renewal(reports[0], reports[1]), 2);
}

}  // namespace

EMSCRIPTEN_BINDINGS(pincalc_check) {
  emscripten::function("analyze", &pincalc::wasm::analyze);
  emscripten::function("check", &check);
  emscripten::function("normalize", &normalize);
  emscripten::function("diff", &diff);
}
