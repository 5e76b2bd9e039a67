// bindings.cpp: the WebAssembly boundary. One free function, analyze(), takes the bytes of every
// input concatenated plus a small JSON options object and returns the report JSON that the CLI's
// --json prints (report_to_json(report, 2)), so the page and the CLI cannot disagree.
//
// Embind converts the arguments (a JS string or Uint8Array becomes std::string) and the returned
// std::string (copied out as a JS string) itself: JS never holds a pointer into the module and has
// nothing to free. The module keeps no state between calls.
#include <emscripten/bind.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pincalc/report.hpp"

namespace {

using nlohmann::json;

// error_result is the one non-report shape analyze() returns; web/pincalc.js turns it into an
// exception. It is reserved for a bad call (wrong options), never for bad certificate input, which
// the core reports in report.errors beside the good blocks.
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

// analyze builds the report for the sources packed in `bytes`.
//
// options_json (all members optional):
//   {"sources": [{"name": "a.pem", "length": 1234}, ...],  // split of `bytes`, in order;
//                                                           // absent: one source named "paste"
//    "now": 1767225600,            // seconds since the epoch, UTC; absent or 0: the current time
//    "expiry_warning_days": 30}
// The lengths must add up to bytes.size(). Returns the report JSON (pretty, indent 2), or
// {"error": {"code", "message"}} for a malformed call.
std::string analyze(const std::string& bytes, const std::string& options_json) {
  json options = json::parse(options_json.empty() ? std::string("{}") : options_json, nullptr,
                             /*allow_exceptions=*/false);
  if (options.is_discarded() || !options.is_object()) {
    return error_result("bad_options", "options must be a JSON object");
  }

  pincalc::Options core_options;
  std::string why;
  std::int64_t now = 0;
  std::int64_t days = core_options.expiry_warning_days;
  // ±9999 years around the epoch: what RFC 3339 can spell.
  constexpr std::int64_t kMaxTime = 253402300799;
  if (!read_int(options, "now", -62135596800, kMaxTime, &now, &why) ||
      !read_int(options, "expiry_warning_days", 0, 36500, &days, &why)) {
    return error_result("bad_options", why);
  }
  core_options.now = now;
  core_options.expiry_warning_days = static_cast<int>(days);

  std::vector<pincalc::Source> sources;
  const std::string_view all(bytes);
  auto list = options.find("sources");
  if (list == options.end() || list->is_null()) {
    sources.push_back({"paste", all});
  } else {
    if (!list->is_array()) return error_result("bad_options", "options.sources must be an array");
    std::size_t at = 0;
    for (const json& s : *list) {
      auto name = s.is_object() ? s.find("name") : s.end();
      auto length = s.is_object() ? s.find("length") : s.end();
      if (!s.is_object() || name == s.end() || !name->is_string() || length == s.end() ||
          !length->is_number_unsigned()) {
        return error_result(
            "bad_options",
            "each of options.sources must be {\"name\": string, \"length\": integer}");
      }
      const std::uint64_t n = length->get<std::uint64_t>();
      if (n > all.size() - at) {
        return error_result("bad_options", "options.sources lengths exceed the bytes given");
      }
      sources.push_back({name->get<std::string>(), all.substr(at, static_cast<std::size_t>(n))});
      at += static_cast<std::size_t>(n);
    }
    if (at != all.size()) {
      return error_result("bad_options",
                          "options.sources lengths do not add up to the bytes given");
    }
  }

  return pincalc::report_to_json(pincalc::build_report(sources, core_options), 2);
}

}  // namespace

EMSCRIPTEN_BINDINGS(pincalc) { emscripten::function("analyze", &analyze); }
