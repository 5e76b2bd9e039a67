// scan.hpp: finds the objects in one source: PEM blocks in text (tolerating the text people paste
// around them), raw DER, or bare base64 DER.
#ifndef PINCALC_SRC_SCAN_HPP
#define PINCALC_SRC_SCAN_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pincalc/input.hpp"

namespace pincalc {

// ObjectType is what a block is expected to hold, from its PEM label (or kAuto: detect by content).
enum class ObjectType {
  kAuto,
  kCertificate,
  kTrustedCertificate,
  kCsr,
  kSpki,
  kRsaPublicKey,
  kPkcs7,
  kPrivateKey,  // PKCS#8, PKCS#1 or SEC1: told apart by content
};

// RawBlock is one decoded object. When `secret` is set the bytes are private-key material: they
// were decoded with the constant-time decoder and are wiped when the block is destroyed.
struct RawBlock {
  RawBlock() = default;
  RawBlock(RawBlock&&) = default;
  RawBlock& operator=(RawBlock&&) = default;
  ~RawBlock();

  std::string label;  // the PEM label, "DER" or "BASE64"
  ObjectType type = ObjectType::kAuto;
  int block = 0;  // 1-based within the source
  std::size_t offset = 0;
  int line = 0;
  std::vector<std::uint8_t> der;
  bool secret = false;
};

// scan_source appends the source's blocks to *blocks and its rejected blocks to *errors.
// *object_budget is decremented per block; at zero the rest of the source is refused.
void scan_source(const Source& source, const Limits& limits, std::vector<RawBlock>* blocks,
                 std::vector<Error>* errors, std::size_t* object_budget);

// block_prefix returns "block N (line L)" or "block N" (used at the head of error messages).
std::string block_prefix(int block, int line);

}  // namespace pincalc

#endif  // PINCALC_SRC_SCAN_HPP
