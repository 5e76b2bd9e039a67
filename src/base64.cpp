#include "base64.hpp"

#include <array>

#include "pincalc/pin.hpp"

namespace pincalc {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xFF;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  for (auto& v : table) v = kInvalid;
  for (int i = 0; i < 64; ++i)
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  return table;
}

constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

}  // namespace

Base64Result base64_decode_strict(std::string_view text, std::vector<std::uint8_t>* out) {
  std::size_t n = text.size();
  std::size_t pad = 0;
  while (pad < 2 && n > 0 && text[n - 1] == '=') {
    --n;
    ++pad;
  }
  // n is now the number of data characters; a quantum of 4 may end with 2 or 3 of them.
  if (n % 4 == 1) return {Base64Status::kTruncated, text.size()};
  if (pad > 0 && (n + pad) % 4 != 0) return {Base64Status::kBadPadding, n};
  out->reserve(out->size() + n / 4 * 3 + 2);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const std::uint32_t a = kDecode[s[i]], b = kDecode[s[i + 1]], c = kDecode[s[i + 2]],
                        d = kDecode[s[i + 3]];
    if ((a | b | c | d) & 0x80) {  // only kInvalid has the top bit
      for (std::size_t j = i; j < i + 4; ++j) {
        if (kDecode[s[j]] == kInvalid) {
          return {s[j] == '=' ? Base64Status::kBadPadding : Base64Status::kBadCharacter, j};
        }
      }
    }
    const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
    out->push_back(static_cast<std::uint8_t>(v >> 16));
    out->push_back(static_cast<std::uint8_t>(v >> 8));
    out->push_back(static_cast<std::uint8_t>(v));
  }
  const std::size_t rest = n - i;
  if (rest > 0) {
    std::uint32_t v = 0;
    for (std::size_t j = 0; j < rest; ++j) {
      const std::uint8_t d = kDecode[s[i + j]];
      if (d == kInvalid) {
        return {s[i + j] == '=' ? Base64Status::kBadPadding : Base64Status::kBadCharacter, i + j};
      }
      v |= static_cast<std::uint32_t>(d) << (18 - 6 * j);
    }
    out->push_back(static_cast<std::uint8_t>(v >> 16));
    if (rest == 3) out->push_back(static_cast<std::uint8_t>(v >> 8));
  }
  return {};
}

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16 |
                            static_cast<std::uint32_t>(data[i + 1]) << 8 | data[i + 2];
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (i < size) {
    std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16;
    if (i + 1 < size) v |= static_cast<std::uint32_t>(data[i + 1]) << 8;
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < size ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::string hex_lower(const std::uint8_t* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

std::string hex_colon_upper(const std::uint8_t* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(size * 3);
  for (std::size_t i = 0; i < size; ++i) {
    if (i) out.push_back(':');
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 15]);
  }
  return out;
}

}  // namespace pincalc
