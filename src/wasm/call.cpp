// call.cpp: the boundary code both WebAssembly modules share (call.hpp).
#include "call.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "pincalc/report.hpp"

namespace pincalc::wasm {

bool read_bytes(const val& input, const char* what, std::string* out, std::string* why) {
  if (input.isString()) {
    *out = input.as<std::string>();
    return true;
  }
  if (input.instanceof (val::global("Uint8Array"))) {
    out->assign(input["length"].as<std::size_t>(), '\0');
    // A view of *out inside the module's memory, filled by TypedArray.prototype.set: one memcpy.
    val(emscripten::typed_memory_view(out->size(), reinterpret_cast<unsigned char*>(out->data())))
        .call<void>("set", input);
    return true;
  }
  *why = std::string(what) + " must be a Uint8Array or a string";
  return false;
}

std::string error_result(const std::string& code, const std::string& message) {
  nlohmann::ordered_json out;
  out["error"] = {{"code", code}, {"message", message}};
  // A source name in a message is the caller's: invalid UTF-8 (a lone surrogate) is replaced, not
  // a reason to abort (the module has no exceptions).
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

bool is_object(const val& v) {
  return !v.isNull() && !v.isArray() && v.typeOf().as<std::string>() == "object";
}

bool is_absent(const val& v) { return v.isUndefined() || v.isNull(); }

bool options_object(val* options) {
  if (is_absent(*options)) *options = val::object();
  return is_object(*options);
}

bool read_integer(const val& v, std::int64_t min, std::int64_t max, std::int64_t* out) {
  if (!v.isNumber()) return false;
  const double d = v.as<double>();
  if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(min) ||
      d > static_cast<double>(max)) {
    return false;
  }
  *out = static_cast<std::int64_t>(d);
  return true;
}

bool read_int(const val& object, const char* where, const char* key, std::int64_t min,
              std::int64_t max, std::int64_t* value, std::string* why) {
  const val v = object[key];
  if (is_absent(v) || read_integer(v, min, max, value)) return true;
  *why = std::string(where) + "." + key + " must be an integer in [" + std::to_string(min) + ", " +
         std::to_string(max) + "]";
  return false;
}

// parse_call reads the members every function shares.
//
// options (all members optional):
//   {sources: [{name: "a.pem", length: 1234}, ...],  // split of `bytes`, in order;
//                                                     // absent: one source named "paste"
//    now: 1767225600,          // seconds since the epoch, UTC; absent or 0: the current time
//    expiry_warning_days: 30}
// A source may add size: its real size when the caller did not copy it in (over the limit). The
// lengths must add up to bytes.size(). On failure returns false with the reason in *why.
bool parse_call(const std::string& bytes, const val& options, Call* call, std::string* why,
                const char* sources_key) {
  std::int64_t now = 0;
  std::int64_t days = call->core_options.expiry_warning_days;
  // ±9999 years around the epoch: what RFC 3339 can spell.
  constexpr std::int64_t kMaxTime = 253402300799;
  if (!read_int(options, "options", "now", -62135596800, kMaxTime, &now, why) ||
      !read_int(options, "options", "expiry_warning_days", 0, 36500, &days, why)) {
    return false;
  }
  call->core_options.now = now;
  call->core_options.expiry_warning_days = static_cast<int>(days);

  const std::string_view all(bytes);
  const std::string where = std::string("options.") + sources_key;
  const val list = options[sources_key];
  if (is_absent(list)) {
    call->sources.push_back({"paste", all});
    return true;
  }
  if (!list.isArray()) {
    *why = where + " must be an array";
    return false;
  }
  // Lengths and sizes: integers JS holds exactly.
  constexpr std::int64_t kMaxLength = std::int64_t{1} << 53;
  const auto count = list["length"].as<std::size_t>();
  std::size_t at = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const val s = list[i];
    std::int64_t n = 0;
    if (!is_object(s) || !s["name"].isString() || !read_integer(s["length"], 0, kMaxLength, &n)) {
      *why = "each of " + where + " must be {name: string, length: integer}";
      return false;
    }
    if (static_cast<std::uint64_t>(n) > all.size() - at) {
      *why = where + " lengths exceed the bytes given";
      return false;
    }
    // size: the real size of a source the caller did not copy in (over the limit): refused by the
    // core without the bytes ever entering the module's memory.
    std::int64_t size = 0;
    if (!read_integer(s["size"], 0, kMaxLength, &size)) size = 0;
    call->sources.push_back({s["name"].as<std::string>(),
                             all.substr(at, static_cast<std::size_t>(n)),
                             static_cast<std::size_t>(size)});
    at += static_cast<std::size_t>(n);
  }
  if (at != all.size()) {
    *why = where + " lengths do not add up to the bytes given";
    return false;
  }
  return true;
}

std::string analyze(val input, val options) {
  if (!options_object(&options)) return error_result("bad_options", kOptionsNotAnObject);
  std::string bytes;
  std::string why;
  if (!read_bytes(input, "bytes", &bytes, &why)) return error_result("bad_input", why);
  Call call;
  if (!parse_call(bytes, options, &call, &why)) return error_result("bad_options", why);
  return report_to_json(build_report(call.sources, call.core_options), 2);
}

}  // namespace pincalc::wasm
