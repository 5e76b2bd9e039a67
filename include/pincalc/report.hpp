// report.hpp: the one entry point. build_report() turns any mix of inputs into items, chains,
// warnings and errors; report_to_json() renders the versioned JSON ("schema": "pincalc/1") that the
// CLI prints and the WASM module returns.
#ifndef PINCALC_REPORT_HPP
#define PINCALC_REPORT_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pincalc/certificate.hpp"
#include "pincalc/chain.hpp"
#include "pincalc/input.hpp"

namespace pincalc {

inline constexpr const char* kSchema = "pincalc/1";

enum class Severity { kInfo, kWarning };

struct Warning {
  std::string code;  // stable snake_case: "expired", "expires_soon", "root_absent", …
  Severity severity = Severity::kWarning;
  std::vector<int> items;  // the items it is about
  std::string message;
};

struct Report {
  std::int64_t now = 0;  // the time validity was judged against
  int expiry_warning_days = 30;
  std::vector<Item> items;
  std::vector<Chain> chains;
  std::vector<Warning> warnings;
  std::vector<Error> errors;
};

// Validity is a certificate's state at Report::now. Its names ("expired", …) are also the codes of
// the matching warnings.
enum class Validity { kValid, kExpiresSoon, kExpired, kNotYetValid };

const char* validity_name(Validity validity);

// validity_of judges item at report.now, with report.expiry_warning_days as "soon"; empty for
// items without a validity period (keys, CSRs).
std::optional<Validity> validity_of(const Item& item, const Report& report);

// build_report parses every source and returns the report. It never throws for bad input: a bad
// block becomes an entry in Report::errors and the other blocks still produce items.
Report build_report(const std::vector<Source>& sources, const Options& options = {});

// report_to_json renders the report as JSON (schema pincalc/1, documented in
// docs/report-schema.md). indent < 0 gives one line.
std::string report_to_json(const Report& report, int indent = 2);

// format_time renders seconds since the epoch as RFC 3339 UTC ("2026-01-02T03:04:05Z").
std::string format_time(std::int64_t t);

// parse_time reads "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD" (UTC) as seconds since the epoch.
bool parse_time(const std::string& text, std::int64_t* out);

}  // namespace pincalc

#endif  // PINCALC_REPORT_HPP
