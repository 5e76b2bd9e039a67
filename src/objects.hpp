// objects.hpp: turns one decoded block into items — certificates (RFC 5280), CSRs (RFC 2986),
// public keys (RFC 5280 §4.1.2.7, RFC 8017 A.1.1), PKCS#7 bags (RFC 2315) and private keys
// (RFC 5208/5958, RFC 8017 A.1.2, RFC 5915).
#ifndef PINCALC_SRC_OBJECTS_HPP
#define PINCALC_SRC_OBJECTS_HPP

#include <string>
#include <vector>

#include "pincalc/certificate.hpp"
#include "pincalc/input.hpp"
#include "scan.hpp"

namespace pincalc {

// BlockError is why a block gave no item.
struct BlockError {
  ErrorCode code = ErrorCode::kMalformedDer;
  std::string message;
};

// parse_block appends the block's items (several for a PKCS#7 bag) to *items and returns true, or
// returns false with *error. Items get kind, label, block, offset and the parsed fields; the caller
// fills source, index, pins and chain data. Private-key material is never copied into an item.
bool parse_block(const RawBlock& block, const Options& options, std::vector<Item>* items,
                 BlockError* error);

}  // namespace pincalc

#endif  // PINCALC_SRC_OBJECTS_HPP
