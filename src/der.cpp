#include "der.hpp"

#include <cstdio>
#include <cstring>

namespace pincalc {

bool ByteView::operator==(const ByteView& o) const {
  return size == o.size && (size == 0 || std::memcmp(data, o.data, size) == 0);
}

namespace der {

bool Reader::next(Tlv* out, Error* err) {
  const std::size_t start = pos_;
  const std::size_t avail = bytes_.size - pos_;
  if (avail < 2) {
    *err = {avail == 0 ? "expected another element, found the end" : "element header is truncated",
            base_ + start};
    return false;
  }
  const std::uint8_t tag = bytes_.data[pos_];
  if ((tag & 0x1F) == 0x1F) {
    *err = {"high-number tags are not used in certificates", base_ + start};
    return false;
  }
  std::size_t p = pos_ + 1;
  std::size_t len = bytes_.data[p++];
  if (len == 0x80) {
    *err = {"indefinite length (BER) is not DER; re-encode as DER", base_ + start};
    return false;
  }
  if (len > 0x80) {
    const std::size_t n = len & 0x7F;
    if (n > sizeof(std::size_t) || n > 4) {
      *err = {"length field of " + std::to_string(n) + " bytes is too large", base_ + start};
      return false;
    }
    if (bytes_.size - p < n) {
      *err = {"length field runs past the end of the data", base_ + start};
      return false;
    }
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | bytes_.data[p++];
    if (bytes_.data[p - n] == 0 || len < 0x80) {
      *err = {"length is not in minimal DER form", base_ + start};
      return false;
    }
  }
  if (len > bytes_.size - p) {
    *err = {"length " + std::to_string(len) + " runs past the end of the data (" +
                std::to_string(bytes_.size - p) + " bytes left)",
            base_ + start};
    return false;
  }
  out->tag = tag;
  out->whole = {bytes_.data + start, p - start + len};
  out->value = {bytes_.data + p, len};
  out->offset = base_ + start;
  pos_ = p + len;
  return true;
}

bool Reader::expect(std::uint8_t tag, Tlv* out, Error* err, const char* what) {
  const std::size_t start = offset();
  if (!next(out, err)) {
    err->what = std::string(what) + ": " + err->what;
    return false;
  }
  if (out->tag != tag) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s: expected tag 0x%02X, found 0x%02X", what, tag, out->tag);
    *err = {buf, start};
    return false;
  }
  return true;
}

bool Reader::optional(std::uint8_t tag, Tlv* out, Error* err, bool* present) {
  *present = false;
  if (peek_tag() != tag || at_end()) return true;
  if (!next(out, err)) return false;
  *present = true;
  return true;
}

bool parse_one(ByteView bytes, Tlv* out, Error* err) {
  Reader r(bytes);
  if (!r.next(out, err)) return false;
  if (!r.at_end()) {
    *err = {std::to_string(bytes.size - out->whole.size) + " bytes of trailing data after the DER",
            out->whole.size};
    return false;
  }
  return true;
}

namespace {

bool check_nesting_at(const Tlv& tlv, int depth, int max_depth, Error* err) {
  if ((tlv.tag & 0x20) == 0) return true;
  if (depth >= max_depth) {
    *err = {"DER nesting deeper than " + std::to_string(max_depth) + " levels", tlv.offset};
    return false;
  }
  Reader r(tlv);
  while (!r.at_end()) {
    Tlv child;
    if (!r.next(&child, err)) return false;
    if (!check_nesting_at(child, depth + 1, max_depth, err)) return false;
  }
  return true;
}

}  // namespace

bool check_nesting(const Tlv& tlv, int max_depth, Error* err) {
  return check_nesting_at(tlv, 0, max_depth, err);
}

std::vector<std::uint8_t> encode_tlv(std::uint8_t tag, ByteView content) {
  std::vector<std::uint8_t> out;
  out.reserve(content.size + 6);
  out.push_back(tag);
  if (content.size < 0x80) {
    out.push_back(static_cast<std::uint8_t>(content.size));
  } else {
    int n = 0;
    for (std::size_t v = content.size; v; v >>= 8) ++n;
    out.push_back(static_cast<std::uint8_t>(0x80 | n));
    for (int i = n - 1; i >= 0; --i)
      out.push_back(static_cast<std::uint8_t>(content.size >> (8 * i)));
  }
  if (content.size) out.insert(out.end(), content.data, content.data + content.size);
  return out;
}

namespace {

// append_decimal appends v in decimal. By hand: std::to_string goes through snprintf in
// Emscripten's libc++, which made OID rendering a third of a certificate's parse time in WASM.
void append_decimal(std::uint64_t v, std::string* out) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out->push_back(digits[--n]);
}

}  // namespace

std::string oid_to_string(ByteView oid) {
  if (oid.size == 0 || (oid.data[oid.size - 1] & 0x80)) return {};
  std::string out;
  out.reserve(oid.size * 3);
  std::uint64_t value = 0;
  bool first = true;
  for (std::size_t i = 0; i < oid.size; ++i) {
    if (value == 0 && oid.data[i] == 0x80) return {};  // non-minimal encoding
    if (value > (UINT64_MAX >> 7)) return {};
    value = (value << 7) | (oid.data[i] & 0x7F);
    if (oid.data[i] & 0x80) continue;
    if (first) {
      const std::uint64_t arc0 = value < 40 ? 0 : value < 80 ? 1 : 2;
      append_decimal(arc0, &out);
      out.push_back('.');
      append_decimal(value - arc0 * 40, &out);
      first = false;
    } else {
      out.push_back('.');
      append_decimal(value, &out);
    }
    value = 0;
  }
  return out;
}

}  // namespace der
}  // namespace pincalc
