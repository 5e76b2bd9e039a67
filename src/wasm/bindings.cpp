// bindings.cpp: the WebAssembly boundary. Free functions, each bytes and JSON in, JSON out:
//   analyze(bytes, options_json)   the report the CLI's --json prints (report_to_json(report, 2))
//   snippets(bytes, options_json)  the pinning snippets `pincalc snippet --json` prints
//                                  (snippets_to_json of render_snippets over the same report)
//   targets()                      the snippet targets, in display order
//   check(config, bytes, options_json)      what `pincalc check --json CONFIG FILE...` prints
//   normalize(pins, bytes, options_json)    what `pincalc normalize --json [--cert FILE]...` prints
//   diff(old_bytes, new_bytes, options_json) what `pincalc diff --json OLD NEW` prints
// so the page and the CLI cannot disagree.
//
// Embind converts the arguments (a JS string or Uint8Array becomes std::string) and the returned
// std::string (copied out as a JS string) itself: JS never holds a pointer into the module and has
// nothing to free. The module keeps no state between calls.
#include <emscripten/bind.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pincalc/check.hpp"
#include "pincalc/report.hpp"
#include "pincalc/snippets.hpp"

namespace {

using nlohmann::json;

// error_result is the one other shape analyze() and snippets() return; web/pincalc.js turns it
// into an exception. It is reserved for a bad call (wrong options), never for bad certificate
// input, which the core reports in report.errors beside the good blocks.
std::string error_result(const std::string& code, const std::string& message) {
  json out;
  out["error"] = {{"code", code}, {"message", message}};
  return out.dump();
}

// read_int reads an optional integer member of options; a number outside int64/double-exact range
// or a fraction is a caller bug, reported rather than truncated.
bool read_int(const json& options, const char* key, std::int64_t min, std::int64_t max,
              std::int64_t* value, std::string* why) {
  auto it = options.find(key);
  if (it == options.end() || it->is_null()) return true;
  if (it->is_number_integer()) {
    const std::int64_t v =
        it->is_number_unsigned()
            ? static_cast<std::int64_t>(std::min<std::uint64_t>(
                  it->get<std::uint64_t>(),
                  static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
            : it->get<std::int64_t>();
    if (v >= min && v <= max) {
      *value = v;
      return true;
    }
  } else if (it->is_number_float()) {
    const double d = it->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(min) &&
        d <= static_cast<double>(max)) {
      *value = static_cast<std::int64_t>(d);
      return true;
    }
  }
  *why = std::string("options.") + key + " must be an integer in [" + std::to_string(min) + ", " +
         std::to_string(max) + "]";
  return false;
}

// Call is a parsed call: the sources (views into the caller's bytes) and the core's options.
struct Call {
  std::vector<pincalc::Source> sources;
  pincalc::Options core_options;
};

// parse_call reads the members analyze() and snippets() share.
//
// options (all members optional):
//   {"sources": [{"name": "a.pem", "length": 1234}, ...],  // split of `bytes`, in order;
//                                                           // absent: one source named "paste"
//    "now": 1767225600,            // seconds since the epoch, UTC; absent or 0: the current time
//    "expiry_warning_days": 30}
// The lengths must add up to bytes.size(). On failure returns false with the reason in *why.
bool parse_call(const std::string& bytes, const json& options, Call* call, std::string* why) {
  std::int64_t now = 0;
  std::int64_t days = call->core_options.expiry_warning_days;
  // ±9999 years around the epoch: what RFC 3339 can spell.
  constexpr std::int64_t kMaxTime = 253402300799;
  if (!read_int(options, "now", -62135596800, kMaxTime, &now, why) ||
      !read_int(options, "expiry_warning_days", 0, 36500, &days, why)) {
    return false;
  }
  call->core_options.now = now;
  call->core_options.expiry_warning_days = static_cast<int>(days);

  const std::string_view all(bytes);
  auto list = options.find("sources");
  if (list == options.end() || list->is_null()) {
    call->sources.push_back({"paste", all});
    return true;
  }
  if (!list->is_array()) {
    *why = "options.sources must be an array";
    return false;
  }
  std::size_t at = 0;
  for (const json& s : *list) {
    auto name = s.is_object() ? s.find("name") : s.end();
    auto length = s.is_object() ? s.find("length") : s.end();
    if (!s.is_object() || name == s.end() || !name->is_string() || length == s.end() ||
        !length->is_number_unsigned()) {
      *why = "each of options.sources must be {\"name\": string, \"length\": integer}";
      return false;
    }
    const std::uint64_t n = length->get<std::uint64_t>();
    if (n > all.size() - at) {
      *why = "options.sources lengths exceed the bytes given";
      return false;
    }
    // "size": the real size of a source the caller did not copy in (over the limit): refused by
    // the core without the bytes ever entering the module's memory.
    auto declared = s.find("size");
    const std::size_t size = declared != s.end() && declared->is_number_unsigned()
                                 ? static_cast<std::size_t>(declared->get<std::uint64_t>())
                                 : 0;
    call->sources.push_back(
        {name->get<std::string>(), all.substr(at, static_cast<std::size_t>(n)), size});
    at += static_cast<std::size_t>(n);
  }
  if (at != all.size()) {
    *why = "options.sources lengths do not add up to the bytes given";
    return false;
  }
  return true;
}

// parse_options parses options_json ("" means {}) into *options, which must be an object.
bool parse_options(const std::string& options_json, json* options) {
  *options = json::parse(options_json.empty() ? std::string("{}") : options_json, nullptr,
                         /*allow_exceptions=*/false);
  return !options->is_discarded() && options->is_object();
}

// analyze builds the report for the sources packed in `bytes` (options as parse_call reads them).
// Returns the report JSON (pretty, indent 2), or {"error": {"code", "message"}} for a malformed
// call.
std::string analyze(const std::string& bytes, const std::string& options_json) {
  json options;
  if (!parse_options(options_json, &options)) {
    return error_result("bad_options", "options must be a JSON object");
  }
  Call call;
  std::string why;
  if (!parse_call(bytes, options, &call, &why)) return error_result("bad_options", why);
  return pincalc::report_to_json(pincalc::build_report(call.sources, call.core_options), 2);
}

// read_bool reads an optional boolean member of `snippet`.
bool read_bool(const json& snippet, const char* key, bool* value, std::string* why) {
  auto it = snippet.find(key);
  if (it == snippet.end() || it->is_null()) return true;
  if (!it->is_boolean()) {
    *why = std::string("options.snippet.") + key + " must be true or false";
    return false;
  }
  *value = it->get<bool>();
  return true;
}

// read_strings reads an optional array of strings.
bool read_strings(const json& snippet, const char* key, std::vector<std::string>* out,
                  std::string* why) {
  auto it = snippet.find(key);
  if (it == snippet.end() || it->is_null()) return true;
  if (it->is_array() &&
      std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_string(); })) {
    for (const json& v : *it) out->push_back(v.get<std::string>());
    return true;
  }
  *why = std::string("options.snippet.") + key + " must be an array of strings";
  return false;
}

// read_indexes reads an optional array of item indexes (0-based, as report.items[].index).
bool read_indexes(const json& snippet, const char* key, std::vector<int>* out, std::string* why) {
  auto it = snippet.find(key);
  if (it == snippet.end() || it->is_null()) return true;
  if (it->is_array()) {
    for (const json& v : *it) {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 0 ||
          v.get<std::int64_t>() > std::numeric_limits<int>::max()) {
        out->clear();
        break;
      }
      out->push_back(v.get<int>());
    }
    if (out->size() == it->size()) return true;
  }
  *why =
      std::string("options.snippet.") + key + " must be an array of item indexes (integers >= 0)";
  return false;
}

// snippets renders pinning snippets for the sources packed in `bytes`. options_json is what
// analyze() takes, plus (all members optional)
//   "snippet": {"domains": ["api.example.com"], "include_subdomains": false,
//               "expiration": "YYYY-MM-DD", "enforce": true,
//               "roles": ["leaf", "intermediate", "root"], "items": [0, 1], "backup_items": [3],
//               "targets": ["android", ...]}   // absent, empty or ["all"]: every target
// The snippet options are checked for their JSON types only; their meaning (a valid hostname, a
// date, a known target, an item that exists) is the core's to judge, and its verdicts are in the
// result's "errors". Returns snippets_to_json (indent 2), what `pincalc snippet --json` prints, or
// {"error": {"code", "message"}} for a malformed call.
std::string snippets(const std::string& bytes, const std::string& options_json) {
  json options;
  if (!parse_options(options_json, &options)) {
    return error_result("bad_options", "options must be a JSON object");
  }
  Call call;
  std::string why;
  if (!parse_call(bytes, options, &call, &why)) return error_result("bad_options", why);

  pincalc::SnippetOptions snippet_options;
  std::vector<std::string> wanted;
  auto it = options.find("snippet");
  if (it != options.end() && !it->is_null()) {
    if (!it->is_object()) return error_result("bad_options", "options.snippet must be an object");
    const json& s = *it;
    // A misspelt member would otherwise be a silently ignored option.
    static constexpr std::string_view kKnown[] = {
        "domains", "include_subdomains", "expiration", "enforce", "roles",
        "items",   "backup_items",       "targets"};
    for (const auto& member : s.items()) {
      if (std::find(std::begin(kKnown), std::end(kKnown), member.key()) == std::end(kKnown)) {
        return error_result("bad_options", "options.snippet." + member.key() + " is not an option");
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
    auto exp = s.find("expiration");
    if (exp != s.end() && !exp->is_null()) {
      if (!exp->is_string()) {
        return error_result("bad_options", "options.snippet.expiration must be a string");
      }
      snippet_options.expiration = exp->get<std::string>();
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

// report_for builds the report of the sources packed in `bytes`, as analyze() does; false with the
// reason in *why for a malformed call.
bool report_for(const std::string& bytes, const json& options, pincalc::Report* report,
                std::string* why) {
  Call call;
  if (!parse_call(bytes, options, &call, why)) return false;
  *report = pincalc::build_report(call.sources, call.core_options);
  return true;
}

// check judges a pinning configuration (any format parse_config reads: Android NSC, Info.plist,
// TrustKit, OkHttp, curl, Envoy, pins.json) against the certificates packed in `bytes` (the
// server's chain and backup keys; options as analyze() takes them). Returns config_check_to_json
// (schema pincalc-check/1, indent 2): what `pincalc check --json CONFIG FILE...` prints. A config
// it cannot parse is not a bad call: its errors ("line 12: ...") are in the result's "errors".
std::string check(const std::string& config, const std::string& bytes,
                  const std::string& options_json) {
  json options;
  if (!parse_options(options_json, &options)) {
    return error_result("bad_options", "options must be a JSON object");
  }
  pincalc::Report report;
  std::string why;
  if (!report_for(bytes, options, &report, &why)) return error_result("bad_options", why);
  const pincalc::ParsedConfig parsed = pincalc::parse_config(config, &report);
  return pincalc::config_check_to_json(pincalc::check_config(parsed, report), 2);
}

// normalize reads pins in any form people paste (one per line, or ';'/','-separated lists, curl and
// HPKP strings) and says what each is a hash of among the certificates packed in `bytes`. As the
// CLI without --cert, no bytes and no options.sources means no certificates: every match is
// "unknown". Returns normalized_pins_to_json (indent 2): what `pincalc normalize --json` prints.
std::string normalize(const std::string& pins, const std::string& bytes,
                      const std::string& options_json) {
  json options;
  if (!parse_options(options_json, &options)) {
    return error_result("bad_options", "options must be a JSON object");
  }
  pincalc::Report report;
  std::string why;
  if (!report_for(bytes, options, &report, &why)) return error_result("bad_options", why);
  auto sources = options.find("sources");
  const bool with_certificates =
      !bytes.empty() || (sources != options.end() && !sources->is_null());
  return pincalc::normalized_pins_to_json(
      pincalc::normalize_pins(pins, with_certificates ? &report : nullptr), 2);
}

// diff compares the leaf of an old and a new chain, each built into its own report as the CLI
// does with `pincalc diff OLD NEW`. options: "now" and "expiry_warning_days" as analyze() takes
// them, and "old_sources" / "new_sources" splitting each side's bytes as "sources" does (absent:
// one source each). Returns renewal_diff_to_json (schema pincalc-diff/1, indent 2). Each side's
// report, for the items behind the pins, is analyze()'s to give.
std::string diff(const std::string& old_bytes, const std::string& new_bytes,
                 const std::string& options_json) {
  json options;
  if (!parse_options(options_json, &options)) {
    return error_result("bad_options", "options must be a JSON object");
  }
  pincalc::Report reports[2];
  const std::string* sides[2] = {&old_bytes, &new_bytes};
  static constexpr const char* kSides[2] = {"old_sources", "new_sources"};
  for (int i = 0; i < 2; ++i) {
    json side = options;
    side.erase("old_sources");
    side.erase("new_sources");
    auto it = options.find(kSides[i]);
    if (it != options.end()) side["sources"] = *it;
    std::string why;
    if (!report_for(*sides[i], side, &reports[i], &why)) {
      // parse_call names "options.sources"; say which side's list it was.
      const std::string from = "options.sources", to = std::string("options.") + kSides[i];
      if (const auto at = why.find(from); at != std::string::npos) why.replace(at, from.size(), to);
      return error_result("bad_options", why);
    }
  }
  return pincalc::renewal_diff_to_json(pincalc::diff_renewal(reports[0], reports[1]), 2);
}

}  // namespace

EMSCRIPTEN_BINDINGS(pincalc) {
  emscripten::function("analyze", &analyze);
  emscripten::function("snippets", &snippets);
  emscripten::function("targets", &targets);
  emscripten::function("check", &check);
  emscripten::function("normalize", &normalize);
  emscripten::function("diff", &diff);
}
