// base64.hpp: a table-driven base64 decoder for public data (certificates, keys, CSRs).
// Private-key bodies go through mbedTLS's constant-time decoder instead (mbedtls_backend.hpp).
#ifndef PINCALC_SRC_BASE64_HPP
#define PINCALC_SRC_BASE64_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pincalc {

enum class Base64Status { kOk, kBadCharacter, kTruncated, kBadPadding };

struct Base64Result {
  Base64Status status = Base64Status::kOk;
  std::size_t position = 0;  // index in the input of the offending character
};

// base64_decode_strict decodes standard base64 (RFC 4648 §4) with no whitespace, appending to out.
// Padding is optional at the very end; '=' anywhere else is kBadPadding.
Base64Result base64_decode_strict(std::string_view text, std::vector<std::uint8_t>* out);

namespace base64_detail {
// kIsBase64[c] is 1 for A-Z a-z 0-9 + / and =.
inline constexpr unsigned char kIsBase64[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
}  // namespace base64_detail

// is_base64_char is true for A-Z a-z 0-9 + / and = (inline: it runs for every byte of a body).
inline bool is_base64_char(char c) {
  return base64_detail::kIsBase64[static_cast<unsigned char>(c)] != 0;
}

// hex_lower renders bytes as lowercase hex; hex_colon_upper as "AB:CD:…".
std::string hex_lower(const std::uint8_t* data, std::size_t size);
std::string hex_colon_upper(const std::uint8_t* data, std::size_t size);

}  // namespace pincalc

#endif  // PINCALC_SRC_BASE64_HPP
