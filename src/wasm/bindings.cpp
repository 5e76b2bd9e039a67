// bindings.cpp: the WebAssembly boundary of the page's module (pincalc_core.mjs/.wasm: index.html,
// its worker and the <pin-calculator> component). Free functions, bytes and an options object in,
// JSON out:
//   analyze(bytes, options)   the report the CLI's --json prints (report_to_json(report, 2))
//   snippets(bytes, options)  the pinning snippets `pincalc snippet --json` prints
//                                  (snippets_to_json of render_snippets over the same report)
//   targets()                      the snippet targets, in display order
// so the page and the CLI cannot disagree. The check page's functions (check, normalize, diff) are
// a module of their own (check_bindings.cpp), so this one stays small: it is on the page's
// critical path.
//
// The bytes arrive as a Uint8Array (or a string) and are copied into the module in one go
// (call.hpp: read_bytes); the options object stays a JS value, read member by member (the module
// has no JSON parser); the result is a std::string that embind copies out as a JS string. JS never
// holds a pointer into the module and has nothing to free. The module keeps no state between
// calls.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "call.hpp"
#include "pincalc/report.hpp"
#include "pincalc/snippets.hpp"

namespace {

using pincalc::wasm::Call;
using pincalc::wasm::error_result;
using pincalc::wasm::is_absent;
using pincalc::wasm::is_object;
using pincalc::wasm::kOptionsNotAnObject;
using pincalc::wasm::options_object;
using pincalc::wasm::parse_call;
using pincalc::wasm::read_bytes;
using pincalc::wasm::read_integer;
using pincalc::wasm::val;

// read_bool reads an optional boolean member of `snippet`.
bool read_bool(const val& snippet, const char* key, bool* value, std::string* why) {
  const val v = snippet[key];
  if (is_absent(v)) return true;
  if (!v.isTrue() && !v.isFalse()) {
    *why = std::string("options.snippet.") + key + " must be true or false";
    return false;
  }
  *value = v.isTrue();
  return true;
}

// read_strings reads an optional array of strings.
bool read_strings(const val& snippet, const char* key, std::vector<std::string>* out,
                  std::string* why) {
  const val v = snippet[key];
  if (is_absent(v)) return true;
  if (v.isArray()) {
    const auto n = v["length"].as<std::size_t>();
    std::vector<std::string> list;
    for (std::size_t i = 0; i < n && v[i].isString(); ++i) list.push_back(v[i].as<std::string>());
    if (list.size() == n) {
      out->insert(out->end(), list.begin(), list.end());
      return true;
    }
  }
  *why = std::string("options.snippet.") + key + " must be an array of strings";
  return false;
}

// read_indexes reads an optional array of item indexes (0-based, as report.items[].index).
bool read_indexes(const val& snippet, const char* key, std::vector<int>* out, std::string* why) {
  const val v = snippet[key];
  if (is_absent(v)) return true;
  if (v.isArray()) {
    const auto n = v["length"].as<std::size_t>();
    std::vector<int> list;
    for (std::size_t i = 0; i < n; ++i) {
      std::int64_t index = 0;
      if (!read_integer(v[i], 0, std::numeric_limits<int>::max(), &index)) break;
      list.push_back(static_cast<int>(index));
    }
    if (list.size() == n) {
      *out = std::move(list);
      return true;
    }
  }
  *why =
      std::string("options.snippet.") + key + " must be an array of item indexes (integers >= 0)";
  return false;
}

// snippets renders pinning snippets for the sources packed in `bytes`. options is what analyze()
// takes, plus (all members optional)
//   snippet: {domains: ["api.example.com"], include_subdomains: false, expiration: "YYYY-MM-DD",
//             enforce: true, roles: ["leaf", "intermediate", "root"], items: [0, 1],
//             backup_items: [3], targets: ["android", ...]}  // absent, empty or ["all"]: every one
// The snippet options are checked for their JS types only; their meaning (a valid hostname, a
// date, a known target, an item that exists) is the core's to judge, and its verdicts are in the
// result's "errors". Returns snippets_to_json (indent 2), what `pincalc snippet --json` prints, or
// {"error": {"code", "message"}} for a malformed call.
std::string snippets(val input, val options) {
  if (!options_object(&options)) return error_result("bad_options", kOptionsNotAnObject);
  std::string bytes;
  std::string why;
  if (!read_bytes(input, "bytes", &bytes, &why)) return error_result("bad_input", why);
  Call call;
  if (!parse_call(bytes, options, &call, &why)) return error_result("bad_options", why);

  pincalc::SnippetOptions snippet_options;
  std::vector<std::string> wanted;
  const val s = options["snippet"];
  if (!is_absent(s)) {
    if (!is_object(s)) return error_result("bad_options", "options.snippet must be an object");
    // A misspelt member would otherwise be a silently ignored option.
    static constexpr std::string_view kKnown[] = {
        "domains", "include_subdomains", "expiration", "enforce", "roles",
        "items",   "backup_items",       "targets"};
    const val keys = val::global("Object").call<val>("keys", s);
    const auto n = keys["length"].as<std::size_t>();
    for (std::size_t i = 0; i < n; ++i) {
      const std::string key = keys[i].as<std::string>();
      if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
        return error_result("bad_options", "options.snippet." + key + " is not an option");
      }
    }
    if (!read_strings(s, "domains", &snippet_options.domains, &why) ||
        !read_bool(s, "include_subdomains", &snippet_options.include_subdomains, &why) ||
        !read_bool(s, "enforce", &snippet_options.enforce, &why) ||
        !read_strings(s, "roles", &snippet_options.roles, &why) ||
        !read_indexes(s, "items", &snippet_options.items, &why) ||
        !read_indexes(s, "backup_items", &snippet_options.backup_items, &why) ||
        !read_strings(s, "targets", &wanted, &why)) {
      return error_result("bad_options", why);
    }
    const val exp = s["expiration"];
    if (!is_absent(exp)) {
      if (!exp.isString()) {
        return error_result("bad_options", "options.snippet.expiration must be a string");
      }
      snippet_options.expiration = exp.as<std::string>();
    }
  }
  const pincalc::Report report = pincalc::build_report(call.sources, call.core_options);
  return pincalc::snippets_to_json(pincalc::render_snippets(report, snippet_options, wanted), 2);
}

// targets lists the snippet targets in display order: [{"id", "title", "summary"}, ...].
std::string targets() {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();  // keys in the order written
  for (const pincalc::TargetInfo& t : pincalc::snippet_targets()) {
    out.push_back({{"id", t.id}, {"title", t.title}, {"summary", t.summary}});
  }
  return out.dump(2);
}

}  // namespace

EMSCRIPTEN_BINDINGS(pincalc) {
  emscripten::function("analyze", &pincalc::wasm::analyze);
  emscripten::function("snippets", &snippets);
  emscripten::function("targets", &targets);
}
