// snippets.cpp: render_snippets() — pinning configuration per platform. Formats, hashes and rules
// follow ../shared/reference/platform-formats.md (section numbers cited per target). Every value
// placed in a snippet is either validated to a safe alphabet (hostnames, base64, hex, dates) or
// passed through the target language's escaper; certificate text appears only in comments, made
// safe by comment_text().
#include "pincalc/snippets.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "chain.hpp"

namespace pincalc {
namespace {

using Json = nlohmann::ordered_json;

// ---- Text safety ----------------------------------------------------------------------------

// comment_text makes certificate-derived text safe inside any comment syntax: one line, printable,
// no backslash (Java processes \u escapes even in comments), no bidi or line-separator code points
// (Trojan Source, JS line terminators), no "--" (XML comments), no "*/" (C-style comments).
std::string comment_text(const std::string& s, std::size_t max_chars = 100) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars < max_chars;) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + len > s.size()) break;
    const std::string cp = s.substr(i, len);
    i += len;
    if (len == 1) {
      if (c < 0x20 || c == 0x7F) {
        out.push_back('?');
      } else if (c == '\\') {
        out.push_back('/');
      } else if ((c == '-' && !out.empty() && out.back() == '-') ||
                 (c == '/' && !out.empty() && out.back() == '*')) {
        out.push_back(' ');
        out.push_back(static_cast<char>(c));
      } else {
        out.push_back(static_cast<char>(c));
      }
    } else {
      const auto b1 = static_cast<unsigned char>(cp[1]);
      const bool c1 = len == 2 && c == 0xC2 && b1 <= 0x9F;
      const bool bidi_or_separator = len == 3 && c == 0xE2 &&
                                     ((b1 == 0x80 && (static_cast<unsigned char>(cp[2]) >= 0xA8 &&
                                                      static_cast<unsigned char>(cp[2]) <= 0xAE)) ||
                                      (b1 == 0x80 && (static_cast<unsigned char>(cp[2]) == 0x8E ||
                                                      static_cast<unsigned char>(cp[2]) == 0x8F)) ||
                                      (b1 == 0x81 && static_cast<unsigned char>(cp[2]) >= 0xA6 &&
                                       static_cast<unsigned char>(cp[2]) <= 0xA9));
      out += c1 || bidi_or_separator ? "?" : cp;
    }
    ++chars;
  }
  if (chars >= max_chars) out += "...";
  if (!out.empty() && out.back() == '-') out.push_back(' ');  // "--->" would end an XML comment
  return out;
}

std::string xml_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// quoted returns a double-quoted string literal valid in JSON, JavaScript, Kotlin, Java, Swift, Go,
// C#, Dart and YAML. Values reaching it are hostnames, pins and dates (already validated); the JSON
// escaper is a second line of defence.
std::string quoted(const std::string& s) { return Json(s).dump(); }

// Out is a string builder with stream syntax, without <sstream> (which costs ~90 KB of WASM).
class Out {
 public:
  Out& operator<<(const std::string& v) {
    s_ += v;
    return *this;
  }
  Out& operator<<(const char* v) {
    s_ += v;
    return *this;
  }
  Out& operator<<(char v) {
    s_.push_back(v);
    return *this;
  }
  const std::string& str() const { return s_; }

 private:
  std::string s_;
};

// ---- Domains --------------------------------------------------------------------------------

bool valid_label(const std::string& label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool is_wildcard(const std::string& domain) { return domain.rfind("*.", 0) == 0; }

std::string base_domain(const std::string& domain) {
  return is_wildcard(domain) ? domain.substr(2) : domain;
}

// ---- Pin selection ----------------------------------------------------------------------------

std::string date_of(std::int64_t t) { return format_time(t).substr(0, 10); }

std::string label_for(const Item& item, bool backup) {
  std::string s;
  if (item.kind == ItemKind::kCertificate) {
    s = std::string(backup ? "backup " : "") + role_name(item.role) + " " + item.subject;
    if (item.not_after) s += ", expires " + date_of(*item.not_after);
  } else {
    s = "backup key from " + item.source;
    if (item.kind == ItemKind::kCsr) s += " (CSR " + item.subject + ")";
    if (item.kind == ItemKind::kPrivateKey) s += " (private key)";
  }
  return s;
}

std::vector<PinChoice> choose_pins(const Report& report, const SnippetOptions& options,
                                   std::vector<std::string>* all_errors) {
  // Only selection errors stop the choice: the page shows the default pins before a domain is set.
  std::vector<std::string> own_errors;
  std::vector<std::string>* errors = &own_errors;
  std::vector<int> chosen;
  std::set<int> backups(options.backup_items.begin(), options.backup_items.end());
  auto add = [&](int i) {
    if (std::find(chosen.begin(), chosen.end(), i) == chosen.end()) chosen.push_back(i);
  };
  const int n = static_cast<int>(report.items.size());
  for (int i : options.items) {
    if (i < 0 || i >= n) {
      errors->push_back("item " + std::to_string(i + 1) + " does not exist (the input has " +
                        std::to_string(n) + " items)");
    }
  }
  for (const std::string& r : options.roles) {
    if (r != "leaf" && r != "intermediate" && r != "root") {
      errors->push_back("unknown role '" + r + "' (leaf, intermediate, root)");
    }
  }
  if (!errors->empty()) {
    all_errors->insert(all_errors->end(), errors->begin(), errors->end());
    return {};
  }

  // Chain order first (leaf → root), then the rest in input order.
  std::vector<int> order;
  for (const Chain& chain : report.chains) {
    for (int i : chain.items) {
      if (std::find(order.begin(), order.end(), i) == order.end()) order.push_back(i);
    }
  }
  for (int i = 0; i < n; ++i) {
    if (std::find(order.begin(), order.end(), i) == order.end()) order.push_back(i);
  }

  if (options.items.empty() && options.roles.empty()) {
    // Default: the leaf and intermediates of the first chain that has a leaf — the server's own
    // key and its issuing CA, so a leaf renewal with a new key keeps connecting.
    const Chain* primary = report.chains.empty() ? nullptr : &report.chains.front();
    for (const Chain& chain : report.chains) {
      if (report.items[chain.items.front()].role == Role::kLeaf) {
        primary = &chain;
        break;
      }
    }
    if (primary != nullptr) {
      for (int i : primary->items) {
        const Role r = report.items[i].role;
        if (r == Role::kLeaf || r == Role::kIntermediate || primary->items.size() == 1) add(i);
      }
    }
  } else {
    for (int i : order) {
      if (std::find(options.items.begin(), options.items.end(), i) != options.items.end()) add(i);
      const Item& item = report.items[i];
      if (item.kind == ItemKind::kCertificate &&
          std::find(options.roles.begin(), options.roles.end(), role_name(item.role)) !=
              options.roles.end()) {
        add(i);
      }
    }
  }
  for (int i : order) {
    if (report.items[i].kind != ItemKind::kCertificate || backups.count(i)) {
      add(i);
      backups.insert(i);
    }
  }

  std::vector<PinChoice> pins;
  std::set<std::string> seen;
  for (int i : chosen) {
    const Item& item = report.items[i];
    if (!seen.insert(item.pins.sha256).second) continue;  // same key as a pin already chosen
    PinChoice p;
    p.item = i;
    p.role = item.role;
    p.backup = backups.count(i) > 0;
    p.sha256 = item.pins.sha256;
    p.label = comment_text(label_for(item, p.backup));
    pins.push_back(std::move(p));
  }
  return pins;
}

// ---- Lints --------------------------------------------------------------------------------------

struct Context {
  const Report& report;
  const SnippetOptions& options;
  const std::vector<PinChoice>& pins;
};

void add_lint(std::vector<Lint>* lints, const char* code, LintSeverity severity,
              std::string message) {
  lints->push_back({code, severity, std::move(message)});
}

bool is_ca_role(Role r) { return r == Role::kIntermediate || r == Role::kRoot; }

// leaf_pins are the pins a leaf-only target (curl, Envoy) can use: the leaf's and the backups.
std::vector<PinChoice> leaf_pins(const std::vector<PinChoice>& pins) {
  std::vector<PinChoice> out;
  for (const PinChoice& p : pins) {
    if (!is_ca_role(p.role) || p.backup) out.push_back(p);
  }
  return out;
}

// common_lints: the mistakes every SPKI target shares. min_pins_error: the target refuses fewer
// than two pins (TrustKit when enforcing, HPKP).
std::vector<Lint> common_lints(const Context& ctx, bool min_pins_error) {
  std::vector<Lint> lints;
  const auto& pins = ctx.pins;  // the pins this target emits (see emitted())
  if (pins.empty()) {
    add_lint(&lints, "no_pins", LintSeverity::kError,
             "no pins selected: paste the server's chain or pick certificates");
    return lints;
  }
  if (pins.size() < 2) {
    add_lint(&lints, "single_pin", min_pins_error ? LintSeverity::kError : LintSeverity::kWarning,
             min_pins_error ? "this target refuses fewer than two pins: add a backup key (a CSR "
                              "or public key you keep offline)"
                            : "only one pin: when that key changes, the app stops connecting. Add "
                              "a backup pin");
  }
  const bool any_backup =
      std::any_of(pins.begin(), pins.end(), [](const PinChoice& p) { return p.backup; });
  if (!any_backup) {
    add_lint(&lints, "no_backup", LintSeverity::kWarning,
             "every pin comes from the chain served today: there is no true backup. Generate a "
             "spare key (openssl req -new -newkey ec ...) and add its CSR or public key");
  }
  const bool all_leaf = std::all_of(pins.begin(), pins.end(), [](const PinChoice& p) {
    return p.role == Role::kLeaf || p.role == Role::kSelfSigned || p.backup;
  });
  const bool any_leaf = std::any_of(pins.begin(), pins.end(), [](const PinChoice& p) {
    return !p.backup && (p.role == Role::kLeaf || p.role == Role::kSelfSigned);
  });
  if (all_leaf && any_leaf && !any_backup) {
    add_lint(&lints, "leaf_only", LintSeverity::kWarning,
             "only the leaf key is pinned: a renewal with a new key breaks the app. Pin the "
             "intermediate too, or keep a backup key");
  }
  for (const PinChoice& p : pins) {
    const Item& item = ctx.report.items[p.item];
    if (p.role == Role::kRoot) {
      add_lint(&lints, "root_pin", LintSeverity::kInfo,
               "a root pin (" + comment_text(item.subject) +
                   ") accepts every certificate that CA issues, to anyone");
    } else if (p.role == Role::kIntermediate) {
      add_lint(&lints, "intermediate_rotation", LintSeverity::kInfo,
               "CAs rotate intermediates (" + comment_text(item.subject) +
                   "): keep a backup pin that survives a change of intermediate");
    }
    const auto validity = validity_of(item, ctx.report);
    if (validity == Validity::kExpired) {
      add_lint(&lints, "expired_certificate", LintSeverity::kWarning,
               "a pinned certificate has expired (" + comment_text(item.subject) + ")");
    }
  }
  return lints;
}

// expiration_lints: the date switches pinning OFF afterwards (NSC, TrustKit, React Native).
void expiration_lints(const Context& ctx, std::vector<Lint>* lints) {
  const std::string& e = ctx.options.expiration;
  if (e.empty()) return;
  std::int64_t t = 0;
  parse_time(e, &t);
  if (t <= ctx.report.now) {
    add_lint(lints, "expiration_past", LintSeverity::kError,
             "the expiration date " + e + " is already past: pinning is switched off");
    return;
  }
  add_lint(lints, "expiration_disables", LintSeverity::kInfo,
           "from " + e +
               " on (00:00 that day: device-local time on Android, UTC in TrustKit) "
               "pinning is switched off; it does not fail closed");
  for (const PinChoice& p : ctx.pins) {
    const Item& item = ctx.report.items[p.item];
    if (item.role == Role::kLeaf && item.not_after && date_of(*item.not_after) == e) {
      add_lint(lints, "expiration_is_leaf_expiry", LintSeverity::kWarning,
               "the expiration date is the leaf certificate's expiry: a renewal before it with a "
               "new key still breaks the app, and after it pinning is off");
    }
  }
}

void wildcard_lint(const Context& ctx, std::vector<Lint>* lints) {
  for (const std::string& d : ctx.options.domains) {
    if (is_wildcard(d)) {
      add_lint(lints, "wildcard_unsupported", LintSeverity::kError,
               "'" + d + "': this target has no wildcard patterns; use include-subdomains on " +
                   base_domain(d));
    }
  }
}

// supported_by_trustkit: TrustKit rebuilds SPKIs only for RSA 2048/3072/4096 and P-256/P-384
// (platform-formats.md §3a, TSKSPKIHashCache.m).
void trustkit_key_lints(const Context& ctx, std::vector<Lint>* lints) {
  for (const PinChoice& p : ctx.pins) {
    const KeyInfo& k = ctx.report.items[p.item].key;
    const bool ok =
        (k.algorithm == "RSA" && (k.bits == 2048 || k.bits == 3072 || k.bits == 4096)) ||
        (k.algorithm == "EC" && (k.curve == "P-256" || k.curve == "P-384"));
    if (!ok) {
      add_lint(lints, "unsupported_key_type", LintSeverity::kWarning,
               "TrustKit cannot match this key (" + k.algorithm +
                   (k.bits ? " " + std::to_string(k.bits) : std::string()) +
                   (k.curve.empty() ? std::string() : " " + k.curve) +
                   "): it supports RSA 2048/3072/4096 and EC P-256/P-384 only");
    }
  }
}

// ---- Rendering helpers ------------------------------------------------------------------------

std::vector<std::string> plain_domains(const SnippetOptions& o) {
  std::vector<std::string> out;
  for (const auto& d : o.domains) {
    if (!is_wildcard(d)) out.push_back(d);
  }
  return out;
}

using Renderer = std::function<void(const Context&, Snippet*)>;

// Features are the options a target can express; an option it cannot express is not silently
// dropped but named in an "option_ignored" lint (see option_lints).
struct Features {
  bool expiration;
  bool subdomains;
  bool report_only;
  bool all_domains;  // false: only the first domain is used (a URL or an SNI)
};

struct Target {
  TargetInfo info;
  const char* language;
  const char* filename;
  Renderer render;
  Features features;
};

// Android Network Security Config (platform-formats.md §1); TrustKit-Android adds
// <trustkit-config> (§3b).
std::string nsc_xml(const Context& ctx, bool trustkit) {
  Out o;
  o << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  o << "<!-- res/xml/network_security_config.xml, generated by pincalc.\n"
       "     AndroidManifest.xml: <application android:networkSecurityConfig=\"@xml/"
       "network_security_config\" ...> -->\n";
  o << "<network-security-config>\n    <domain-config>\n";
  for (const auto& d : plain_domains(ctx.options)) {
    o << "        <domain includeSubdomains=\""
      << (ctx.options.include_subdomains ? "true" : "false") << "\">" << xml_text(d)
      << "</domain>\n";
  }
  o << "        <pin-set";
  if (!ctx.options.expiration.empty())
    o << " expiration=\"" << xml_text(ctx.options.expiration) << "\"";
  o << ">\n";
  for (const PinChoice& p : ctx.pins) {
    o << "            <!-- " << p.label << " -->\n";
    o << "            <pin digest=\"SHA-256\">" << xml_text(p.sha256) << "</pin>\n";
  }
  o << "        </pin-set>\n";
  if (trustkit) {
    o << "        <trustkit-config enforcePinning=\"" << (ctx.options.enforce ? "true" : "false")
      << "\" disableDefaultReportUri=\"true\" />\n";
  }
  o << "    </domain-config>\n</network-security-config>\n";
  return o.str();
}

// report_uri_lint: TrustKit in report-only mode with its default report URI disabled reports
// failures nowhere (platform-formats.md §3a/§3b).
void report_uri_lint(const Context& ctx, std::vector<Lint>* lints) {
  if (ctx.options.enforce) return;
  add_lint(lints, "report_only_without_uri", LintSeverity::kWarning,
           "report-only with the default report URI disabled: failures are neither blocked nor "
           "reported. Add your collector (kTSKReportUris / <report-uri>)");
}

void render_android(const Context& ctx, Snippet* s) {
  s->text = nsc_xml(ctx, false);
  s->lints = common_lints(ctx, false);
  expiration_lints(ctx, &s->lints);
  wildcard_lint(ctx, &s->lints);
}

void render_trustkit_android(const Context& ctx, Snippet* s) {
  s->text = nsc_xml(ctx, true) +
            "<!-- In code: TrustKit.initializeWithNetworkSecurityConfiguration(context); -->\n";
  s->lints = common_lints(ctx, ctx.options.enforce);
  expiration_lints(ctx, &s->lints);
  wildcard_lint(ctx, &s->lints);
  trustkit_key_lints(ctx, &s->lints);
  add_lint(&s->lints, "os_enforces_pin_set",
           ctx.options.enforce ? LintSeverity::kInfo : LintSeverity::kWarning,
           ctx.options.enforce
               ? "on Android 7+ the OS enforces <pin-set> itself, whatever enforcePinning says"
               : "report-only does nothing on Android 7+: the OS enforces <pin-set> itself");
  report_uri_lint(ctx, &s->lints);
}

// iOS/macOS ATS NSPinnedDomains (§2): CA pins go to NSPinnedCAIdentities, leaf and backup keys to
// NSPinnedLeafIdentities. ATS requires a match in each array present, so only one is emitted.
void render_ios_ats(const Context& ctx, Snippet* s) {
  std::vector<PinChoice> ca, leaf;
  for (const PinChoice& p : ctx.pins) (is_ca_role(p.role) && !p.backup ? ca : leaf).push_back(p);
  const bool use_ca = !ca.empty();
  const std::vector<PinChoice>& chosen = use_ca ? ca : leaf;
  Out o;
  o << "<!-- Info.plist, generated by pincalc (iOS 14+, macOS 11+) -->\n";
  o << "<key>NSAppTransportSecurity</key>\n<dict>\n    <key>NSPinnedDomains</key>\n    <dict>\n";
  for (const auto& d : plain_domains(ctx.options)) {
    o << "        <key>" << xml_text(d) << "</key>\n        <dict>\n";
    o << "            <key>NSIncludesSubdomains</key>\n            <"
      << (ctx.options.include_subdomains ? "true" : "false") << "/>\n";
    o << "            <key>" << (use_ca ? "NSPinnedCAIdentities" : "NSPinnedLeafIdentities")
      << "</key>\n            <array>\n";
    for (const PinChoice& p : chosen) {
      o << "                <!-- " << p.label << " -->\n";
      o << "                <dict>\n                    <key>SPKI-SHA256-BASE64</key>\n"
        << "                    <string>" << xml_text(p.sha256) << "</string>\n"
        << "                </dict>\n";
    }
    o << "            </array>\n        </dict>\n";
  }
  o << "    </dict>\n</dict>\n";
  s->text = o.str();
  s->lints = common_lints(Context{ctx.report, ctx.options, chosen}, false);
  wildcard_lint(ctx, &s->lints);
  if (use_ca && !leaf.empty()) {
    add_lint(&s->lints, "ats_one_category", LintSeverity::kWarning,
             "ATS requires a match in each of NSPinnedCAIdentities and NSPinnedLeafIdentities when "
             "both are present, so only the CA pins are emitted; the leaf/backup key pins are left "
             "out. Pin a backup CA or pick leaf pins only");
  }
  if (ctx.options.include_subdomains) {
    add_lint(
        &s->lints, "ios_subdomain_depth", LintSeverity::kInfo,
        "NSIncludesSubdomains covers one more label only (a.example.com, not b.a.example.com)");
  }
}

void trustkit_ios_lints(const Context& ctx, Snippet* s) {
  s->lints = common_lints(ctx, ctx.options.enforce);
  expiration_lints(ctx, &s->lints);
  wildcard_lint(ctx, &s->lints);
  trustkit_key_lints(ctx, &s->lints);
  report_uri_lint(ctx, &s->lints);
}

// TrustKit iOS (§3a): kTSKPinnedDomains; at least two pins when enforcing.
void render_trustkit_swift(const Context& ctx, Snippet* s) {
  Out o;
  o << "// TrustKit configuration, generated by pincalc\nimport TrustKit\n\n";
  o << "let trustKitConfig: [String: Any] = [\n    kTSKSwizzleNetworkDelegates: false,\n"
       "    kTSKPinnedDomains: [\n";
  for (const auto& d : plain_domains(ctx.options)) {
    o << "        " << quoted(d) << ": [\n";
    o << "            kTSKIncludeSubdomains: "
      << (ctx.options.include_subdomains ? "true" : "false") << ",\n";
    o << "            kTSKEnforcePinning: " << (ctx.options.enforce ? "true" : "false") << ",\n";
    if (!ctx.options.expiration.empty()) {
      o << "            kTSKExpirationDate: " << quoted(ctx.options.expiration) << ",\n";
    }
    o << "            kTSKDisableDefaultReportUri: true,\n            kTSKPublicKeyHashes: [\n";
    for (const PinChoice& p : ctx.pins) {
      o << "                " << quoted(p.sha256) << ",  // " << p.label << "\n";
    }
    o << "            ],\n        ],\n";
  }
  o << "    ],\n]\nTrustKit.initSharedInstance(withConfiguration: trustKitConfig)\n"
       "// In your URLSessionDelegate:\n"
       "// if !TrustKit.sharedInstance().pinningValidator.handle(challenge, completionHandler: "
       "completionHandler) {\n//     completionHandler(.performDefaultHandling, nil)\n// }\n";
  s->text = o.str();
  trustkit_ios_lints(ctx, s);
}

void render_trustkit_objc(const Context& ctx, Snippet* s) {
  Out o;
  o << "// TrustKit configuration, generated by pincalc\n#import <TrustKit/TrustKit.h>\n\n";
  o << "NSDictionary *trustKitConfig = @{\n    kTSKSwizzleNetworkDelegates: @NO,\n"
       "    kTSKPinnedDomains: @{\n";
  for (const auto& d : plain_domains(ctx.options)) {
    o << "        @" << quoted(d) << ": @{\n";
    o << "            kTSKIncludeSubdomains: " << (ctx.options.include_subdomains ? "@YES" : "@NO")
      << ",\n";
    o << "            kTSKEnforcePinning: " << (ctx.options.enforce ? "@YES" : "@NO") << ",\n";
    if (!ctx.options.expiration.empty()) {
      o << "            kTSKExpirationDate: @" << quoted(ctx.options.expiration) << ",\n";
    }
    o << "            kTSKDisableDefaultReportUri: @YES,\n            kTSKPublicKeyHashes: @[\n";
    for (const PinChoice& p : ctx.pins) {
      o << "                @" << quoted(p.sha256) << ",  // " << p.label << "\n";
    }
    o << "            ],\n        },\n";
  }
  o << "    },\n};\n[TrustKit initSharedInstanceWithConfiguration:trustKitConfig];\n";
  s->text = o.str();
  trustkit_ios_lints(ctx, s);
}

// OkHttp CertificatePinner (§4): "sha256/" + base64, patterns exact, "*.", or "**." (4.3+).
std::vector<std::string> okhttp_patterns(const SnippetOptions& o) {
  std::vector<std::string> out;
  for (const auto& d : o.domains) {
    if (is_wildcard(d)) {
      out.push_back(d);
    } else {
      out.push_back(d);  // OkHttp < 4.3 ignores "**." patterns: keep the host itself pinned
      if (o.include_subdomains) out.push_back("**." + d);
    }
  }
  return out;
}

void okhttp_lints(const Context& ctx, Snippet* s) {
  s->lints = common_lints(ctx, false);
  if (ctx.options.include_subdomains) {
    add_lint(&s->lints, "okhttp_double_star", LintSeverity::kInfo,
             "'**.' patterns need OkHttp 4.3 or later; the exact host is listed too, so older "
             "versions still pin it (but not its subdomains)");
  }
}

std::string pinner_adds(const Context& ctx, const char* indent, const char* statement_end) {
  Out o;
  for (const auto& pattern : okhttp_patterns(ctx.options)) {
    o << indent << ".add(\n" << indent << "    " << quoted(pattern) << ",\n";
    for (std::size_t i = 0; i < ctx.pins.size(); ++i) {
      o << indent << "    " << quoted("sha256/" + ctx.pins[i].sha256)
        << (i + 1 < ctx.pins.size() ? "," : "") << "  // " << ctx.pins[i].label << "\n";
    }
    o << indent << ")\n";
  }
  o << indent << ".build()" << statement_end << "\n";
  return o.str();
}

void render_okhttp_kotlin(const Context& ctx, Snippet* s) {
  s->text =
      "// OkHttp CertificatePinner, generated by pincalc\nimport okhttp3.CertificatePinner\n"
      "import okhttp3.OkHttpClient\n\nval certificatePinner = CertificatePinner.Builder()\n" +
      pinner_adds(ctx, "    ", "") +
      "val client = OkHttpClient.Builder().certificatePinner(certificatePinner).build()\n";
  okhttp_lints(ctx, s);
}

void render_okhttp_java(const Context& ctx, Snippet* s) {
  s->text =
      "// OkHttp CertificatePinner, generated by pincalc\nimport okhttp3.CertificatePinner;\n"
      "import okhttp3.OkHttpClient;\n\nCertificatePinner certificatePinner = new "
      "CertificatePinner.Builder()\n" +
      pinner_adds(ctx, "    ", ";") +
      "OkHttpClient client = new OkHttpClient.Builder()\n    "
      ".certificatePinner(certificatePinner)\n    .build();\n";
  okhttp_lints(ctx, s);
}

void render_ktor(const Context& ctx, Snippet* s) {
  s->text =
      "// Ktor with the OkHttp engine, generated by pincalc\n"
      "import io.ktor.client.HttpClient\nimport io.ktor.client.engine.okhttp.OkHttp\n"
      "import okhttp3.CertificatePinner\n\nval client = HttpClient(OkHttp) {\n"
      "    engine {\n        config {\n            certificatePinner(\n"
      "                CertificatePinner.Builder()\n" +
      pinner_adds(ctx, "                    ", "") +
      "            )\n        }\n    }\n}\n"
      "// Darwin engine (iOS): io.ktor.client.engine.darwin.certificates.CertificatePinner "
      "takes the same .add(...) calls.\n";
  okhttp_lints(ctx, s);
  trustkit_key_lints(ctx, &s->lints);  // the Darwin pinner rebuilds SPKIs like TrustKit
}

// react-native-ssl-public-key-pinning (§6a): bare base64; iOS side is TrustKit (two pins).
void render_react_native(const Context& ctx, Snippet* s) {
  Out o;
  o << "// react-native-ssl-public-key-pinning, generated by pincalc\n"
       "import { initializeSslPinning } from 'react-native-ssl-public-key-pinning';\n\n"
       "await initializeSslPinning({\n";
  for (const auto& d : plain_domains(ctx.options)) {
    o << "  " << quoted(d)
      << ": {\n    includeSubdomains: " << (ctx.options.include_subdomains ? "true" : "false")
      << ",\n    publicKeyHashes: [\n";
    for (const PinChoice& p : ctx.pins) {
      o << "      " << quoted(p.sha256) << ",  // " << p.label << "\n";
    }
    o << "    ],\n";
    if (!ctx.options.expiration.empty()) {
      o << "    expirationDate: " << quoted(ctx.options.expiration) << ",\n";
    }
    o << "  },\n";
  }
  o << "});\n";
  s->text = o.str();
  s->lints = common_lints(ctx, true);
  expiration_lints(ctx, &s->lints);
  if (!ctx.options.expiration.empty()) {
    add_lint(&s->lints, "expiration_checked_at_start", LintSeverity::kInfo,
             "on Android the expiration date is checked only when initializeSslPinning runs");
  }
  wildcard_lint(ctx, &s->lints);
  trustkit_key_lints(ctx, &s->lints);
}

// Flutter http_certificate_pinning (§5a) and the Dio recipe (§5c) hash the whole leaf certificate.
std::vector<const Item*> leaf_certificates(const Context& ctx) {
  std::vector<const Item*> out;
  for (const PinChoice& p : ctx.pins) {
    const Item& item = ctx.report.items[p.item];
    if (item.kind == ItemKind::kCertificate && item.fingerprints &&
        (p.role == Role::kLeaf || p.role == Role::kSelfSigned || p.role == Role::kUnrelated)) {
      out.push_back(&item);
    }
  }
  return out;
}

void fingerprint_lints(const Context& ctx, const std::vector<const Item*>& leaves, Snippet* s) {
  add_lint(&s->lints, "certificate_fingerprint", LintSeverity::kWarning,
           "this library pins the whole leaf certificate (a fingerprint), not its public key: "
           "it breaks at every renewal, even with the same key");
  if (leaves.empty()) {
    add_lint(&s->lints, "no_pins", LintSeverity::kError,
             "no leaf certificate selected: fingerprints need the certificate itself (backup keys "
             "and CA pins cannot be expressed here)");
  } else if (leaves.size() < ctx.pins.size()) {
    add_lint(&s->lints, "pins_dropped", LintSeverity::kWarning,
             "CA pins and backup keys cannot be expressed as leaf fingerprints and were left out");
  }
  wildcard_lint(ctx, &s->lints);
}

std::string lower_hex(const std::string& colon_hex) {
  std::string out;
  for (char c : colon_hex) {
    if (c == ':') continue;
    out.push_back(c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

void render_flutter_http(const Context& ctx, Snippet* s) {
  const auto leaves = leaf_certificates(ctx);
  const auto domains = plain_domains(ctx.options);
  Out o;
  o << "// http_certificate_pinning (Flutter), generated by pincalc.\n"
       "// NOTE: these are SHA-256 fingerprints of the WHOLE leaf certificate, not SPKI pins:\n"
       "// they change at every certificate renewal.\n"
       "import 'package:dio/dio.dart';\n"
       "import 'package:http_certificate_pinning/http_certificate_pinning.dart';\n\n"
       "final dio = Dio(BaseOptions(baseUrl: "
    << quoted("https://" + (domains.empty() ? std::string("example.com") : domains.front()))
    << "))\n  ..interceptors.add(CertificatePinningInterceptor(\n"
       "    allowedSHAFingerprints: [\n";
  for (const Item* item : leaves) {
    o << "      " << quoted(item->fingerprints->sha256) << ",  // " << comment_text(item->subject)
      << "\n";
  }
  o << "    ],\n  ));\n";
  s->text = o.str();
  s->lints.clear();
  fingerprint_lints(ctx, leaves, s);
}

void render_flutter_dio(const Context& ctx, Snippet* s) {
  const auto leaves = leaf_certificates(ctx);
  const auto domains = plain_domains(ctx.options);
  const std::string host = domains.empty() ? std::string("example.com") : domains.front();
  Out o;
  o << "// Dio validateCertificate recipe, generated by pincalc.\n"
       "// NOTE: sha256 of the WHOLE leaf certificate (lowercase hex), not an SPKI pin: it "
       "changes\n"
       "// at every renewal, and Dio checks it after the request has been sent.\n"
       "import 'dart:io';\nimport 'package:crypto/crypto.dart';\nimport 'package:dio/dio.dart';\n"
       "import 'package:dio/io.dart';\n\nconst pins = {\n";
  for (const Item* item : leaves) {
    o << "  " << quoted(lower_hex(item->fingerprints->sha256)) << ",  // "
      << comment_text(item->subject) << "\n";
  }
  o << "};\nfinal dio = Dio(BaseOptions(baseUrl: " << quoted("https://" + host) << "));\n"
    << "dio.httpClientAdapter = IOHttpClientAdapter(\n"
       "  createHttpClient: () => HttpClient(), // keep default trust\n"
       "  validateCertificate: (cert, host, port) {\n"
       "    if (cert == null) return false;\n";
  o << "    if (";
  for (std::size_t i = 0; i < domains.size(); ++i) {
    if (i) o << " && ";
    o << "host != " << quoted(domains[i]);
    if (ctx.options.include_subdomains)
      o << " && !host.endsWith(" << quoted("." + domains[i]) << ")";
  }
  if (domains.empty()) o << "false";
  o << ") return true;\n    return pins.contains(sha256.convert(cert.der).toString());\n  },\n);\n";
  s->text = o.str();
  s->lints.clear();
  fingerprint_lints(ctx, leaves, s);
}

// curl --pinnedpubkey (§8): the leaf's key only, "sha256//" + base64, ';'-separated.
void render_curl(const Context& ctx, Snippet* s) {
  const std::vector<PinChoice> usable = leaf_pins(ctx.pins);
  const auto domains = plain_domains(ctx.options);
  std::string list;
  for (const PinChoice& p : usable) {
    list += (list.empty() ? "" : ";") + std::string("sha256//") + p.sha256;
  }
  Out o;
  o << "# curl --pinnedpubkey, generated by pincalc (checks the server's leaf key only)\n";
  for (const PinChoice& p : usable) o << "#   " << p.sha256 << "  " << p.label << "\n";
  o << "curl --pinnedpubkey '" << list << "' "
    << "'https://" << (domains.empty() ? std::string("example.com") : domains.front()) << "/'\n";
  o << "# libcurl: curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, \"" << list << "\");\n";
  s->text = o.str();
  s->lints = usable.empty() ? std::vector<Lint>{}
                            : common_lints(Context{ctx.report, ctx.options, usable}, false);
  wildcard_lint(ctx, &s->lints);
  if (usable.size() < ctx.pins.size()) {
    add_lint(&s->lints, "curl_leaf_only",
             usable.empty() ? LintSeverity::kError : LintSeverity::kWarning,
             "curl checks only the leaf certificate's key: the intermediate and root pins were "
             "left out (they would never match)");
  }
}

std::string js_array_lines(const Context& ctx, const char* indent) {
  std::string s;
  for (const PinChoice& p : ctx.pins) s += indent + quoted(p.sha256) + ",  // " + p.label + "\n";
  return s;
}

std::string host_match_js(const Context& ctx) {
  std::string cond;
  for (const auto& d : plain_domains(ctx.options)) {
    if (!cond.empty()) cond += " || ";
    cond += "host === " + quoted(d);
    if (ctx.options.include_subdomains) cond += " || host.endsWith(" + quoted("." + d) + ")";
  }
  return cond.empty() ? "false" : cond;
}

// Node.js (§12): checkServerIdentity over the real SPKI (X509Certificate.publicKey.export),
// not cert.pubkey, which is the raw point for EC keys.
void render_nodejs(const Context& ctx, Snippet* s) {
  s->text =
      "// Node.js https pinning, generated by pincalc\n"
      "const tls = require('node:tls');\nconst https = require('node:https');\n"
      "const { createHash, X509Certificate } = require('node:crypto');\n\n"
      "const PINS = new Set([\n" +
      js_array_lines(ctx, "  ") +
      "]);\n\n"
      "// spkiPin hashes the DER SubjectPublicKeyInfo (cert.pubkey is the raw point for EC keys).\n"
      "const spkiPin = (raw) => createHash('sha256')\n"
      "  .update(new X509Certificate(raw).publicKey.export({ type: 'spki', format: 'der' }))\n"
      "  .digest('base64');\n\n"
      "function checkServerIdentity(host, cert) {\n"
      "  const err = tls.checkServerIdentity(host, cert);\n  if (err) return err;\n"
      "  if (!(" +
      host_match_js(ctx) +
      ")) return undefined;\n"
      "  for (let c = cert; c && c.raw; c = c.issuerCertificate === c ? null : "
      "c.issuerCertificate) {\n"
      "    if (PINS.has(spkiPin(c.raw))) return undefined;\n  }\n"
      "  return new Error(`Certificate public key pin mismatch for ${host}`);\n}\n\n"
      "const agent = new https.Agent({ checkServerIdentity });\n"
      "module.exports = { agent, checkServerIdentity, PINS };\n";
  s->lints = common_lints(ctx, false);
  wildcard_lint(ctx, &s->lints);
}

// Go (§12): VerifyConnection (runs on resumed connections too) over RawSubjectPublicKeyInfo.
void render_go(const Context& ctx, Snippet* s) {
  std::string pins, cond;
  for (const PinChoice& p : ctx.pins)
    pins += "\t" + quoted(p.sha256) + ": true, // " + p.label + "\n";
  for (const auto& d : plain_domains(ctx.options)) {
    if (!cond.empty()) cond += " || ";
    cond += "cs.ServerName == " + quoted(d);
    if (ctx.options.include_subdomains)
      cond += " || strings.HasSuffix(cs.ServerName, " + quoted("." + d) + ")";
  }
  if (cond.empty()) cond = "false";
  s->text =
      "// Package pinning checks SPKI pins in crypto/tls; generated by pincalc.\n"
      "// Use: &tls.Config{VerifyConnection: pinning.VerifyConnection}\n"
      "package pinning\n\nimport (\n\t\"crypto/sha256\"\n\t\"crypto/tls\"\n"
      "\t\"encoding/base64\"\n\t\"fmt\"\n" +
      std::string(ctx.options.include_subdomains ? "\t\"strings\"\n" : "") +
      ")\n\n"
      "var pins = map[string]bool{\n" +
      pins +
      "}\n\n"
      "// VerifyConnection accepts the connection when a certificate of a verified chain has a\n"
      "// pinned key. It runs after normal verification, and on resumed connections too.\n"
      "func VerifyConnection(cs tls.ConnectionState) error {\n"
      "\tif !(" +
      cond +
      ") {\n\t\treturn nil\n\t}\n"
      "\tfor _, chain := range cs.VerifiedChains {\n\t\tfor _, c := range chain {\n"
      "\t\t\tsum := sha256.Sum256(c.RawSubjectPublicKeyInfo)\n"
      "\t\t\tif pins[base64.StdEncoding.EncodeToString(sum[:])] {\n\t\t\t\treturn nil\n"
      "\t\t\t}\n\t\t}\n\t}\n"
      "\treturn fmt.Errorf(\"public key pin mismatch for %s\", cs.ServerName)\n}\n";
  s->lints = common_lints(ctx, false);
  wildcard_lint(ctx, &s->lints);
}

// .NET (§12): ServerCertificateCustomValidationCallback over ExportSubjectPublicKeyInfo (.NET 6+).
void render_dotnet(const Context& ctx, Snippet* s) {
  std::string pins, cond;
  for (const PinChoice& p : ctx.pins) pins += "    " + quoted(p.sha256) + ",  // " + p.label + "\n";
  for (const auto& d : plain_domains(ctx.options)) {
    if (!cond.empty()) cond += " || ";
    cond += "host == " + quoted(d);
    if (ctx.options.include_subdomains) cond += " || host.EndsWith(" + quoted("." + d) + ")";
  }
  if (cond.empty()) cond = "false";
  s->text =
      "// .NET HttpClient pinning, generated by pincalc (.NET 6+)\nusing System.Net.Http;\n"
      "using System.Net.Security;\nusing System.Security.Cryptography;\n\n"
      "var pins = new HashSet<string> {\n" +
      pins +
      "};\n"
      "var handler = new HttpClientHandler\n{\n"
      "    ServerCertificateCustomValidationCallback = (req, cert, chain, errors) =>\n    {\n"
      "        if (errors != SslPolicyErrors.None || cert is null || chain is null) return false;\n"
      "        var host = req.RequestUri?.IdnHost ?? \"\";\n"
      "        if (!(" +
      cond +
      ")) return true;\n"
      "        foreach (var el in chain.ChainElements)\n"
      "            if (pins.Contains(Convert.ToBase64String(SHA256.HashData(\n"
      "                    el.Certificate.PublicKey.ExportSubjectPublicKeyInfo()))))\n"
      "                return true;\n        return false;\n    }\n};\n"
      "var client = new HttpClient(handler);\n";
  s->lints = common_lints(ctx, false);
  wildcard_lint(ctx, &s->lints);
}

// Envoy (§10): verify_certificate_spki hashes the presented (leaf) certificate only.
void render_envoy(const Context& ctx, Snippet* s) {
  const std::vector<PinChoice> usable = leaf_pins(ctx.pins);
  const auto domains = plain_domains(ctx.options);
  const std::string host = domains.empty() ? std::string("example.com") : domains.front();
  Out o;
  o << "# Envoy upstream TLS, generated by pincalc\ntransport_socket:\n"
       "  name: envoy.transport_sockets.tls\n  typed_config:\n"
       "    \"@type\": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3."
       "UpstreamTlsContext\n    sni: "
    << quoted(host)
    << "\n    common_tls_context:\n      validation_context:\n"
       "        trusted_ca: { filename: /etc/ssl/certs/ca-certificates.crt }\n"
       "        match_typed_subject_alt_names:\n        - san_type: DNS\n          matcher: { "
       "exact: "
    << quoted(host) << " }\n        verify_certificate_spki:\n";
  for (const PinChoice& p : usable) {
    o << "        - " << quoted(p.sha256) << "  # " << p.label << "\n";
  }
  s->text = o.str();
  s->lints = usable.empty() ? std::vector<Lint>{}
                            : common_lints(Context{ctx.report, ctx.options, usable}, false);
  wildcard_lint(ctx, &s->lints);
  if (usable.size() < ctx.pins.size()) {
    add_lint(&s->lints, "envoy_leaf_only",
             usable.empty() ? LintSeverity::kError : LintSeverity::kWarning,
             "Envoy hashes only the presented (leaf) certificate: CA pins were left out");
  }
}

// Chromium (§11): an error bypass for the listed keys, not pinning.
void render_chromium(const Context& ctx, Snippet* s) {
  std::string list;
  for (const PinChoice& p : ctx.pins) list += (list.empty() ? "" : ",") + p.sha256;
  const auto domains = plain_domains(ctx.options);
  s->text =
      "# Chromium: IGNORE certificate errors for these keys (an error bypass, NOT pinning)\n"
      "# generated by pincalc; the flag needs --user-data-dir to take effect\n"
      "chromium --user-data-dir=/tmp/pincalc-profile \\\n"
      "  --ignore-certificate-errors-spki-list='" +
      list + "' \\\n  'https://" +
      (domains.empty() ? std::string("example.com") : domains.front()) + "/'\n";
  s->lints.clear();
  add_lint(&s->lints, "error_bypass", LintSeverity::kWarning,
           "this flag is not pinning: it makes Chromium accept otherwise invalid certificates "
           "whose chain contains one of these keys (testing only)");
  for (const PinChoice& p : ctx.pins) {
    if (p.role == Role::kRoot) {
      add_lint(&s->lints, "unsent_root", LintSeverity::kInfo,
               "Chromium hashes only the certificates the server sends: a root it does not send "
               "never matches");
    }
  }
}

// HPKP (§9): historical; a backup pin is mandatory.
void render_hpkp(const Context& ctx, Snippet* s) {
  std::string header = ctx.options.enforce ? "Public-Key-Pins: " : "Public-Key-Pins-Report-Only: ";
  for (const PinChoice& p : ctx.pins) header += "pin-sha256=\"" + p.sha256 + "\"; ";
  header += "max-age=5184000";
  if (ctx.options.include_subdomains) header += "; includeSubDomains";
  s->text = "# HTTP Public Key Pinning header (RFC 7469) - historical: removed from browsers\n" +
            header + "\n";
  s->lints = common_lints(ctx, true);
  for (Lint& l : s->lints) {
    if (l.code == "no_backup") {
      l.severity = LintSeverity::kError;
      l.message =
          "HPKP requires a backup pin that is not in the current chain (RFC 7469 §4.3): "
          "browsers ignore this header. Add a backup key";
    }
  }
  add_lint(&s->lints, "historical", LintSeverity::kInfo,
           "HPKP was removed from Chrome and Firefox in 2019-2020; emit it only for old clients");
}

// pins.json: the neutral single source of truth.
void render_pins_json(const Context& ctx, Snippet* s) {
  Json j;
  j["schema"] = "pincalc-pins/1";
  j["domains"] = ctx.options.domains;
  j["include_subdomains"] = ctx.options.include_subdomains;
  j["expiration"] = ctx.options.expiration.empty() ? Json(nullptr) : Json(ctx.options.expiration);
  j["enforce"] = ctx.options.enforce;
  Json pins = Json::array();
  for (const PinChoice& p : ctx.pins) {
    const Item& item = ctx.report.items[p.item];
    pins.push_back(
        {{"sha256", p.sha256},
         {"role", role_name(p.role)},
         {"backup", p.backup},
         {"kind", item_kind_name(item.kind)},
         {"subject", item.subject.empty() ? Json(nullptr) : Json(item.subject)},
         {"not_after", item.not_after ? Json(format_time(*item.not_after)) : Json(nullptr)}});
  }
  j["pins"] = std::move(pins);
  // ensure_ascii: certificate subjects may carry bidi overrides or U+2028; as \u escapes they
  // cannot reorder what an editor shows or end a line in a JavaScript consumer.
  s->text = j.dump(2, ' ', true) + "\n";
  s->lints = common_lints(ctx, false);
}

// option_lints names each option the target cannot express instead of dropping it silently.
void option_lints(const Context& ctx, const Features& f, std::vector<Lint>* lints) {
  const SnippetOptions& o = ctx.options;
  if (!f.expiration && !o.expiration.empty()) {
    add_lint(lints, "option_ignored", LintSeverity::kInfo,
             "this target has no expiration date: --expires is ignored and the pins never expire");
  }
  if (!f.subdomains && o.include_subdomains) {
    add_lint(lints, "option_ignored", LintSeverity::kWarning,
             "this target cannot cover subdomains: --include-subdomains is ignored");
  }
  if (!f.report_only && !o.enforce) {
    add_lint(lints, "option_ignored", LintSeverity::kWarning,
             "this target has no report-only mode: --report-only is ignored and the pins are "
             "enforced");
  }
  if (!f.all_domains && o.domains.size() > 1) {
    add_lint(lints, "first_domain_only", LintSeverity::kWarning,
             "this target takes one host: only " + o.domains.front() +
                 " is used; repeat it for the others");
  }
}

const std::vector<Target>& targets() {
  static const std::vector<Target> kTargets = {
      {{"android", "Android Network Security Config",
        "SPKI pins in res/xml, any certificate of the chain"},
       "xml",
       "network_security_config.xml",
       render_android,
       {true, true, false, true}},
      {{"ios-ats", "iOS/macOS App Transport Security", "NSPinnedDomains in Info.plist"},
       "xml",
       "Info.plist.fragment.xml",
       render_ios_ats,
       {false, true, false, true}},
      {{"trustkit-ios-swift", "TrustKit iOS (Swift)", "kTSKPinnedDomains; two pins when enforcing"},
       "swift",
       "TrustKitConfig.swift",
       render_trustkit_swift,
       {true, true, true, true}},
      {{"trustkit-ios-objc", "TrustKit iOS (Objective-C)",
        "kTSKPinnedDomains; two pins when enforcing"},
       "objectivec",
       "TrustKitConfig.m",
       render_trustkit_objc,
       {true, true, true, true}},
      {{"trustkit-android", "TrustKit-Android", "Network Security Config + trustkit-config"},
       "xml",
       "network_security_config.xml",
       render_trustkit_android,
       {true, true, true, true}},
      {{"okhttp-kotlin", "OkHttp CertificatePinner (Kotlin)",
        "sha256/ pins, any certificate of the chain"},
       "kotlin",
       "Pinning.kt",
       render_okhttp_kotlin,
       {false, true, false, true}},
      {{"okhttp-java", "OkHttp CertificatePinner (Java)",
        "sha256/ pins, any certificate of the chain"},
       "java",
       "Pinning.java",
       render_okhttp_java,
       {false, true, false, true}},
      {{"ktor", "Ktor (OkHttp engine)", "OkHttp CertificatePinner inside Ktor"},
       "kotlin",
       "KtorPinning.kt",
       render_ktor,
       {false, true, false, true}},
      {{"react-native", "React Native (react-native-ssl-public-key-pinning)", "bare base64 pins"},
       "javascript",
       "pinning.js",
       render_react_native,
       {true, true, false, true}},
      {{"flutter-http-certificate-pinning", "Flutter http_certificate_pinning",
        "WHOLE leaf certificate fingerprints"},
       "dart",
       "pinning.dart",
       render_flutter_http,
       {false, false, false, false}},
      {{"flutter-dio", "Flutter Dio validateCertificate", "WHOLE leaf certificate SHA-256"},
       "dart",
       "dio_pinning.dart",
       render_flutter_dio,
       {false, true, false, true}},
      {{"curl", "curl / libcurl --pinnedpubkey", "leaf key only, sha256// pins"},
       "shell",
       "curl-pinned.sh",
       render_curl,
       {false, false, false, false}},
      {{"nodejs", "Node.js https (checkServerIdentity)", "real SPKI pins over the chain"},
       "javascript",
       "pinning.js",
       render_nodejs,
       {false, true, false, true}},
      {{"go", "Go crypto/tls (VerifyConnection)", "RawSubjectPublicKeyInfo pins"},
       "go",
       "pinning.go",
       render_go,
       {false, true, false, true}},
      {{"dotnet", ".NET HttpClient callback", "ExportSubjectPublicKeyInfo pins"},
       "csharp",
       "Pinning.cs",
       render_dotnet,
       {false, true, false, true}},
      {{"envoy", "Envoy verify_certificate_spki", "leaf key only"},
       "yaml",
       "envoy-tls.yaml",
       render_envoy,
       {false, false, false, false}},
      {{"chromium", "Chromium --ignore-certificate-errors-spki-list",
        "an error bypass, not pinning"},
       "shell",
       "chromium.sh",
       render_chromium,
       {false, false, false, false}},
      {{"hpkp", "HPKP header (historical)", "Public-Key-Pins"},
       "http",
       "hpkp.txt",
       render_hpkp,
       {false, true, true, true}},
      {{"pins-json", "pins.json (single source of truth)", "every pin with its certificate"},
       "json",
       "pins.json",
       render_pins_json,
       {true, true, true, true}},
  };
  return kTargets;
}

}  // namespace

const char* lint_severity_name(LintSeverity severity) {
  switch (severity) {
    case LintSeverity::kInfo: return "info";
    case LintSeverity::kWarning: return "warning";
    case LintSeverity::kError: return "error";
  }
  return "unknown";
}

const std::vector<TargetInfo>& snippet_targets() {
  static const std::vector<TargetInfo> kInfos = [] {
    std::vector<TargetInfo> v;
    for (const Target& t : targets()) v.push_back(t.info);
    return v;
  }();
  return kInfos;
}

bool normalize_domain(const std::string& input, std::string* out, std::string* error) {
  std::string d;
  std::size_t a = 0, b = input.size();
  while (a < b && (input[a] == ' ' || input[a] == '\t')) ++a;
  while (b > a && (input[b - 1] == ' ' || input[b - 1] == '\t')) --b;
  const std::string trimmed = input.substr(a, b - a);
  const std::string shown = comment_text(trimmed, 60);
  if (trimmed.empty()) {
    *error = "empty domain";
    return false;
  }
  if (trimmed.find("://") != std::string::npos) {
    *error = "'" + shown + "' is a URL: give the hostname only (api.example.com)";
    return false;
  }
  for (unsigned char c : trimmed) {
    if (c >= 0x80) {
      *error = "'" + shown +
               "' is an internationalised name: give its ASCII (xn--) form, e.g. from "
               "`idn2 --quiet`";
      return false;
    }
  }
  for (char c : trimmed) d.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (d.find(':') != std::string::npos || d.find('/') != std::string::npos) {
    *error = "'" + shown + "': give the hostname only, without port or path";
    return false;
  }
  if (!d.empty() && d.back() == '.') d.pop_back();  // the root label
  std::string rest = d;
  if (rest.rfind("*.", 0) == 0) rest = rest.substr(2);
  if (rest.size() > 253 || rest.empty()) {
    *error = "'" + shown + "' is not a valid hostname (1 to 253 characters)";
    return false;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = rest.find('.', start);
    const std::string label = rest.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!valid_label(label)) {
      *error = "'" + shown +
               "' is not a valid hostname: labels are 1-63 letters, digits or '-' (and '*.' "
               "only as the first label)";
      return false;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  *out = d;
  return true;
}

SnippetSet render_snippets(const Report& report, const SnippetOptions& options,
                           const std::vector<std::string>& wanted) {
  SnippetSet set;
  set.options = options;
  set.options.domains.clear();
  for (const std::string& d : options.domains) {
    std::string norm, error;
    if (!normalize_domain(d, &norm, &error)) {
      set.errors.push_back(error);
    } else if (std::find(set.options.domains.begin(), set.options.domains.end(), norm) ==
               set.options.domains.end()) {
      set.options.domains.push_back(norm);
    }
  }
  if (options.domains.empty()) set.errors.push_back("give at least one domain (--domain)");
  if (!options.expiration.empty()) {
    std::int64_t t = 0;
    if (options.expiration.size() != 10 || !parse_time(options.expiration, &t) ||
        format_time(t).substr(0, 10) != options.expiration) {
      set.errors.push_back("expiration '" + comment_text(options.expiration, 40) +
                           "' is not a date like 2027-06-30");
    }
  }
  // Targets in the order asked for; "all" (or nothing) gives every target in table order.
  std::vector<const Target*> chosen;
  const bool all = wanted.empty() || std::find(wanted.begin(), wanted.end(), "all") != wanted.end();
  for (const std::string& w : all ? std::vector<std::string>{} : wanted) {
    const auto it = std::find_if(targets().begin(), targets().end(),
                                 [&](const Target& t) { return w == t.info.id; });
    if (it == targets().end()) {
      set.errors.push_back("unknown target '" + comment_text(w, 40) + "' (see --list-targets)");
    } else if (std::find(chosen.begin(), chosen.end(), &*it) == chosen.end()) {
      chosen.push_back(&*it);
    }
  }
  if (all) {
    for (const Target& t : targets()) chosen.push_back(&t);
  }
  set.pins = choose_pins(report, set.options, &set.errors);
  if (!set.errors.empty()) return set;
  const Context ctx{report, set.options, set.pins};
  for (const Target* t : chosen) {
    Snippet s;
    s.target = t->info.id;
    s.title = t->info.title;
    s.language = t->language;
    s.filename = t->filename;
    t->render(ctx, &s);
    option_lints(ctx, t->features, &s.lints);
    set.snippets.push_back(std::move(s));
  }
  return set;
}

std::string snippets_to_json(const SnippetSet& set, int indent) {
  Json j;
  j["schema"] = "pincalc-snippets/1";
  j["options"] = {
      {"domains", set.options.domains},
      {"include_subdomains", set.options.include_subdomains},
      {"expiration", set.options.expiration.empty() ? Json(nullptr) : Json(set.options.expiration)},
      {"enforce", set.options.enforce},
      {"roles", set.options.roles},
      {"items", set.options.items},
      {"backup_items", set.options.backup_items}};
  Json pins = Json::array();
  for (const PinChoice& p : set.pins) {
    pins.push_back({{"item", p.item},
                    {"role", role_name(p.role)},
                    {"backup", p.backup},
                    {"sha256", p.sha256},
                    {"label", p.label}});
  }
  j["pins"] = std::move(pins);
  Json snippets = Json::array();
  for (const Snippet& s : set.snippets) {
    Json lints = Json::array();
    for (const Lint& l : s.lints) {
      lints.push_back(
          {{"code", l.code}, {"severity", lint_severity_name(l.severity)}, {"message", l.message}});
    }
    snippets.push_back({{"target", s.target},
                        {"title", s.title},
                        {"language", s.language},
                        {"filename", s.filename},
                        {"text", s.text},
                        {"lints", std::move(lints)}});
  }
  j["snippets"] = std::move(snippets);
  j["errors"] = set.errors;
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace pincalc
