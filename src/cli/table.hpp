// table.hpp: the CLI's human-readable output.
#ifndef PINCALC_SRC_CLI_TABLE_HPP
#define PINCALC_SRC_CLI_TABLE_HPP

#include <ostream>

#include "pincalc/report.hpp"

namespace pincalc::cli {

// print_table writes one row per item (number, role, key, expiry, subject, SPKI pin), then the
// warnings. Terminal-unsafe characters in subjects are escaped.
void print_table(const Report& report, std::ostream& out);

// terminal_safe escapes C0/C1 controls and Unicode bidi overrides so a crafted subject cannot
// reorder or recolour what the terminal shows.
std::string terminal_safe(const std::string& s);

}  // namespace pincalc::cli

#endif  // PINCALC_SRC_CLI_TABLE_HPP
