// snippets.hpp: platform pinning configuration from a report. Every target is a pure function of
// the report and the options, so the CLI, the WASM module and the tests render the same text.
// Formats and rules per platform: ../shared/reference/platform-formats.md (cited in snippets.cpp).
#ifndef PINCALC_SNIPPETS_HPP
#define PINCALC_SNIPPETS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pincalc/report.hpp"

namespace pincalc {

struct SnippetOptions {
  // domains are hostnames ("api.example.com"); normalize_domain() validates them. A leading "*."
  // is accepted only by targets with wildcard patterns (OkHttp, Ktor).
  std::vector<std::string> domains;
  bool include_subdomains = false;
  std::string expiration;  // "YYYY-MM-DD" or empty; pinning is switched OFF after it
  bool enforce = true;     // false: report-only, where the target has it
  // Which pins: by role ("leaf", "intermediate", "root") and/or by item index. Both empty: the
  // default selection (the leaf and intermediates of the first chain). Keys and CSRs in the input
  // are always added, as backup pins.
  std::vector<std::string> roles;
  std::vector<int> items;
  std::vector<int> backup_items;  // certificates to treat as backups (e.g. from --backup files)
};

// PinChoice is one pin the snippets carry, with what the comments say about it.
struct PinChoice {
  int item = 0;
  Role role = Role::kKey;
  bool backup = false;  // not part of the chain the server presents today
  std::string sha256;   // base64 SPKI SHA-256
  std::string label;    // one line for comments: "leaf CN=api.example.com, expires 2027-01-05"
};

enum class LintSeverity { kInfo, kWarning, kError };

const char* lint_severity_name(LintSeverity severity);

struct Lint {
  std::string code;  // "single_pin", "no_backup", …
  LintSeverity severity = LintSeverity::kWarning;
  std::string message;
};

struct Snippet {
  std::string target;    // "android", "okhttp-kotlin", …
  std::string title;     // "Android Network Security Config"
  std::string language;  // "xml", "kotlin", "shell", … (for highlighting and escaping)
  std::string filename;  // suggested file name
  std::string text;
  std::vector<Lint> lints;
};

struct TargetInfo {
  const char* id;
  const char* title;
  const char* summary;  // what it pins, one line
};

// snippet_targets lists every target in display order.
const std::vector<TargetInfo>& snippet_targets();

// normalize_domain lowercases and validates a hostname (RFC 1123 labels, at most 253 characters,
// an optional leading "*." wildcard). Returns false with a message for people otherwise: URLs,
// ports, paths, quotes, spaces and internationalised names (give the xn-- form) are refused.
bool normalize_domain(const std::string& input, std::string* out, std::string* error);

// SnippetSet is the result of render_snippets: the chosen pins, one snippet per target, and the
// option errors (a bad domain or date) that stopped rendering.
struct SnippetSet {
  SnippetOptions options;  // as normalised
  std::vector<PinChoice> pins;
  std::vector<Snippet> snippets;
  std::vector<std::string> errors;
};

// render_snippets renders the given targets ("all" or empty for every target). Unknown targets
// and invalid options are reported in SnippetSet::errors.
SnippetSet render_snippets(const Report& report, const SnippetOptions& options,
                           const std::vector<std::string>& targets);

// snippets_to_json renders a SnippetSet as JSON ("schema": "pincalc-snippets/1").
std::string snippets_to_json(const SnippetSet& set, int indent = 2);

}  // namespace pincalc

#endif  // PINCALC_SNIPPETS_HPP
