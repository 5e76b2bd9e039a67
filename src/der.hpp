// der.hpp: a small, strict DER reader (X.690 §10) over borrowed bytes. It never allocates and never
// reads past the view it was given; every failure is a DerError with the offset it happened at.
#ifndef PINCALC_SRC_DER_HPP
#define PINCALC_SRC_DER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pincalc {

// ByteView is a borrowed [data, data + size) range.
struct ByteView {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  bool empty() const { return size == 0; }
  bool operator==(const ByteView& o) const;
};

namespace der {

// Tags used by X.509 (single-byte identifiers; high tag numbers are rejected as unsupported).
inline constexpr std::uint8_t kBoolean = 0x01, kInteger = 0x02, kBitString = 0x03,
                              kOctetString = 0x04, kNull = 0x05, kOid = 0x06, kUtf8String = 0x0C,
                              kPrintableString = 0x13, kT61String = 0x14, kIa5String = 0x16,
                              kUtcTime = 0x17, kGeneralizedTime = 0x18, kUniversalString = 0x1C,
                              kBmpString = 0x1E, kSequence = 0x30, kSet = 0x31;
inline constexpr std::uint8_t context(int n, bool constructed) {
  return static_cast<std::uint8_t>(0x80 | (constructed ? 0x20 : 0) | n);
}

// Tlv is one decoded element: `whole` covers identifier, length and contents.
struct Tlv {
  std::uint8_t tag = 0;
  ByteView whole;
  ByteView value;
  std::size_t offset = 0;  // offset of `whole` from the start of the outermost buffer
};

// Error is why reading failed, with the offset (from the outermost buffer) where it did.
struct Error {
  std::string what;
  std::size_t offset = 0;
};

// Reader walks the elements of one constructed value (or a whole buffer) in order.
class Reader {
 public:
  Reader(ByteView bytes, std::size_t base_offset = 0) : bytes_(bytes), base_(base_offset) {}
  explicit Reader(const Tlv& tlv)
      : bytes_(tlv.value), base_(tlv.offset + (tlv.whole.size - tlv.value.size)) {}

  bool at_end() const { return pos_ >= bytes_.size; }
  std::size_t offset() const { return base_ + pos_; }
  // peek_tag returns the next identifier byte, or 0 at the end.
  std::uint8_t peek_tag() const { return at_end() ? 0 : bytes_.data[pos_]; }

  // next reads the next element. Returns false and fills *err on malformed input.
  bool next(Tlv* out, Error* err);
  // expect reads the next element and checks its tag.
  bool expect(std::uint8_t tag, Tlv* out, Error* err, const char* what);
  // optional reads the next element if its tag is `tag`; returns false (not an error) otherwise.
  bool optional(std::uint8_t tag, Tlv* out, Error* err, bool* present);

 private:
  ByteView bytes_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

// parse_one reads exactly one element spanning all of bytes (no trailing data).
bool parse_one(ByteView bytes, Tlv* out, Error* err);

// check_depth verifies that constructed values in tlv nest at most max_depth deep and that every
// nested length is consistent. Used once per top-level object so hostile nesting is refused early.
bool check_nesting(const Tlv& tlv, int max_depth, Error* err);

// encode_tlv returns the DER encoding of one element with the given tag and contents.
std::vector<std::uint8_t> encode_tlv(std::uint8_t tag, ByteView content);

// oid_to_string renders the content bytes of an OBJECT IDENTIFIER as dotted decimal; empty if
// malformed.
std::string oid_to_string(ByteView oid);

}  // namespace der
}  // namespace pincalc

#endif  // PINCALC_SRC_DER_HPP
