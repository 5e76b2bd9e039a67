// check.hpp: what is already deployed — pins in any form people paste (normalize_pins), existing
// pinning configurations (parse_config, check_config) and certificate renewals (diff_renewal).
#ifndef PINCALC_CHECK_HPP
#define PINCALC_CHECK_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pincalc/report.hpp"

namespace pincalc {

// PinMatch says what a pin is a hash of, once certificates are given.
enum class PinMatch {
  kUnknown,      // no certificates given
  kSpki,         // the SPKI of one or more items: a public-key pin
  kCertificate,  // a whole certificate: a fingerprint, not a public-key pin
  kNone,         // matches nothing given
};

const char* pin_match_name(PinMatch match);

// NormalizedPin is one pin as pasted and its canonical form.
struct NormalizedPin {
  std::string input;      // the text as given (trimmed)
  std::string form;       // "base64", "base64url", "unpadded", "hex", "colon-hex", "okhttp",
                          // "curl", "hpkp", "python-bytes"
  std::string algorithm;  // "sha256" or "sha1" (from the prefix, else the digest length)
  std::string canonical;  // standard padded base64 of the digest; empty when malformed
  std::string error;      // why it is malformed; empty when fine
  PinMatch match = PinMatch::kUnknown;
  std::vector<int> items;  // report items it matches
  std::string note;        // e.g. "this is a certificate fingerprint, not a public-key pin"
};

// normalize_pin reads one pin. With a report, it also says what the pin is a hash of.
NormalizedPin normalize_pin(std::string_view text, const Report* report = nullptr);

// normalize_pins splits text into pins (lines, ';' and ',' lists, curl and HPKP strings) and
// normalizes each.
std::vector<NormalizedPin> normalize_pins(std::string_view text, const Report* report = nullptr);

// ConfigPin is one pin found in a configuration, with where it was.
struct ConfigPin {
  NormalizedPin pin;
  int line = 0;          // 1-based line in the configuration
  std::string category;  // iOS ATS: "leaf" or "ca"; empty elsewhere
};

// DomainPolicy is one pinned domain of a configuration.
struct DomainPolicy {
  std::string domain;
  bool include_subdomains = false;
  std::string expiration;  // "YYYY-MM-DD" or empty
  bool enforce = true;
  int line = 0;
  std::vector<ConfigPin> pins;
};

// PinScope is which certificates of a chain a format's pins are compared with.
enum class PinScope {
  kAnyInChain,     // Android NSC, TrustKit, OkHttp, pins.json
  kLeafOnly,       // curl, Envoy
  kAtsCategories,  // iOS ATS: leaf identities vs CA identities, each present category must match
};

struct ParsedConfig {
  std::string format;  // "android-nsc", "ios-ats", "trustkit-plist", "trustkit-swift",
                       // "trustkit-objc", "okhttp", "curl", "envoy", "pins-json"
  PinScope scope = PinScope::kAnyInChain;
  std::vector<DomainPolicy> domains;
  std::vector<std::string> errors;  // "line 12: …"
};

// parse_config detects the format of a pinning configuration and extracts its domains and pins.
// Formats it cannot parse give an error naming the line.
ParsedConfig parse_config(std::string_view text, const Report* report = nullptr);

// Verdict on one scenario for one domain.
struct Scenario {
  std::string name;  // "today", "leaf_rekeyed", "intermediate_replaced", "on_expiration"
  bool connects = false;
  std::string reason;
};

struct DomainCheck {
  DomainPolicy policy;
  std::vector<Scenario> scenarios;
  std::vector<std::string> warnings;
};

struct ConfigCheck {
  ParsedConfig config;
  std::vector<DomainCheck> domains;
};

// check_config judges each domain of a configuration against the report's first chain (and any
// backup keys in the report): whether the app connects today, after the leaf is re-keyed, after
// the intermediate is replaced, and on the expiration date.
ConfigCheck check_config(const ParsedConfig& config, const Report& report);

std::string config_check_to_json(const ConfigCheck& check, int indent = 2);
std::string normalized_pins_to_json(const std::vector<NormalizedPin>& pins, int indent = 2);

// RenewalDiff compares the leaf of an old and a new chain.
struct RenewalDiff {
  bool same_key = false;  // the leaf's SPKI is unchanged: its pins survive the renewal
  std::vector<std::string> removed_pins;  // pins of the old chain that the new chain lacks
  std::vector<std::string> added_pins;    // pins of the new chain that the old chain lacked
  std::vector<std::string> notes;
};

RenewalDiff diff_renewal(const Report& old_chain, const Report& new_chain);
std::string renewal_diff_to_json(const RenewalDiff& diff, int indent = 2);

}  // namespace pincalc

#endif  // PINCALC_CHECK_HPP
