// chain.hpp: certificates grouped into chains, each ordered leaf → intermediates → root.
#ifndef PINCALC_CHAIN_HPP
#define PINCALC_CHAIN_HPP

#include <optional>
#include <string>
#include <vector>

namespace pincalc {

// Link is the step from items[child] to its issuer items[issuer].
struct Link {
  int child = 0;
  int issuer = 0;
  // signature_valid: true/false when mbedTLS could check the child's signature with the issuer's
  // key, empty when it could not (an algorithm mbedTLS 2.28 does not support, such as Ed25519).
  std::optional<bool> signature_valid;
};

struct Chain {
  std::vector<int> items;  // indexes into Report::items, leaf first
  std::vector<Link> links;
  bool complete = false;   // ends at a self-signed root
  std::string top_issuer;  // the issuer of the last certificate when the chain is not complete
};

}  // namespace pincalc

#endif  // PINCALC_CHAIN_HPP
