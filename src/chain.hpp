// chain.hpp (internal): groups the report's certificates into chains and adds chain warnings.
#ifndef PINCALC_SRC_CHAIN_HPP
#define PINCALC_SRC_CHAIN_HPP

#include <string>

#include "pincalc/report.hpp"

namespace pincalc {

// build_chains fills Report::chains, each item's role/chain/self_signed, and the chain warnings
// (duplicates, missing issuers, bad signatures, key-identifier mismatches). Items must carry their
// DER fields and pins.
void build_chains(Report* report);

// describe_item names an item in messages: "#3 (CN=example.com)" (1-based, as tables show it).
std::string describe_item(const Item& item);

}  // namespace pincalc

#endif  // PINCALC_SRC_CHAIN_HPP
