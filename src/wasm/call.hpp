// call.hpp: what the two WebAssembly modules' boundaries share (src/wasm/bindings.cpp for the
// page's module, src/wasm/check_bindings.cpp for the check page's): reading a call's options (a
// plain JS object, read member by member through embind's val: no JSON parser in the module) and
// the sources packed in its bytes, the error result, and analyze(). Internal to src/wasm.
#ifndef PINCALC_WASM_CALL_HPP_
#define PINCALC_WASM_CALL_HPP_

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "pincalc/input.hpp"

namespace pincalc::wasm {

using emscripten::val;

// read_bytes copies a call's input into *out: a Uint8Array in one typed-array copy (embind's
// std::string conversion copies a Uint8Array a byte at a time in JS: 8 ms for the CA bundle), or a
// JS string as UTF-8. Anything else is a caller bug: false, with *why naming `what`.
bool read_bytes(const val& input, const char* what, std::string* out, std::string* why);

// error_result is the one other shape every function returns; web/pincalc.js turns it into an
// exception. It is reserved for a bad call (wrong options), never for bad certificate input,
// which the core reports in report.errors beside the good blocks.
std::string error_result(const std::string& code, const std::string& message);

// is_object: a plain object (not null, not an array).
bool is_object(const val& v);

// is_absent: the member is missing, undefined or null (all three mean "the default").
bool is_absent(const val& v);

// kOptionsNotAnObject is the message of the bad call options_object() refuses.
inline constexpr const char* kOptionsNotAnObject = "options must be an object";

// options_object checks a call's options: absent options become an empty object (every member
// at its default); false for anything else that is not a plain object.
bool options_object(val* options);

// read_integer reads v as an integer in [min, max]: false for a non-number, a fraction or a
// number outside the range (JS numbers are doubles: 2.0 is the integer 2).
bool read_integer(const val& v, std::int64_t min, std::int64_t max, std::int64_t* out);

// read_int reads an optional integer member `key` of `object` into *value (left alone when absent)
// with read_integer:
// a non-number, a fraction or a number outside [min, max] is a caller bug, reported in *why as
// "<where>.<key> must be an integer in [min, max]" rather than truncated.
bool read_int(const val& object, const char* where, const char* key, std::int64_t min,
              std::int64_t max, std::int64_t* value, std::string* why);

// Call is a parsed call: the sources (views into the caller's bytes) and the core's options.
struct Call {
  std::vector<Source> sources;
  Options core_options;
};

// parse_call reads the members every function shares (see call.cpp), the sources from the member
// named sources_key; false with *why on failure.
bool parse_call(const std::string& bytes, const val& options, Call* call, std::string* why,
                const char* sources_key = "sources");

// analyze builds the report for the sources packed in `bytes`: report_to_json(report, 2), the
// CLI's --json, or error_result() for a malformed call. Both modules register it as it is.
std::string analyze(val bytes, val options);

}  // namespace pincalc::wasm

#endif  // PINCALC_WASM_CALL_HPP_
