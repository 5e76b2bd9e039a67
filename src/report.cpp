// report.cpp: build_report() — the one function the CLI, the WASM module and the tests call.
#include "pincalc/report.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "chain.hpp"
#include "civil_time.hpp"
#include "objects.hpp"
#include "scan.hpp"

namespace pincalc {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kEmptyInput: return "empty_input";
    case ErrorCode::kNothingFound: return "nothing_found";
    case ErrorCode::kUnterminatedPem: return "unterminated_pem";
    case ErrorCode::kPemLabelMismatch: return "pem_label_mismatch";
    case ErrorCode::kBadBase64: return "bad_base64";
    case ErrorCode::kTruncatedBase64: return "truncated_base64";
    case ErrorCode::kMalformedDer: return "malformed_der";
    case ErrorCode::kUnsupportedBlock: return "unsupported_block";
    case ErrorCode::kWrongStructure: return "wrong_structure";
    case ErrorCode::kEncryptedPrivateKey: return "encrypted_private_key";
    case ErrorCode::kPkcs12: return "pkcs12";
    case ErrorCode::kUnsupportedPrivateKey: return "unsupported_private_key";
    case ErrorCode::kLimitExceeded: return "limit_exceeded";
    case ErrorCode::kNotCertificateData: return "not_certificate_data";
  }
  return "unknown";
}

const char* item_kind_name(ItemKind kind) {
  switch (kind) {
    case ItemKind::kCertificate: return "certificate";
    case ItemKind::kCsr: return "csr";
    case ItemKind::kPublicKey: return "public_key";
    case ItemKind::kRsaPublicKey: return "rsa_public_key";
    case ItemKind::kPrivateKey: return "private_key";
  }
  return "unknown";
}

const char* role_name(Role role) {
  switch (role) {
    case Role::kLeaf: return "leaf";
    case Role::kIntermediate: return "intermediate";
    case Role::kRoot: return "root";
    case Role::kSelfSigned: return "self-signed";
    case Role::kUnrelated: return "unrelated";
    case Role::kKey: return "key";
  }
  return "unknown";
}

const char* validity_name(Validity validity) {
  switch (validity) {
    case Validity::kValid: return "valid";
    case Validity::kExpiresSoon: return "expires_soon";
    case Validity::kExpired: return "expired";
    case Validity::kNotYetValid: return "not_yet_valid";
  }
  return "unknown";
}

std::optional<Validity> validity_of(const Item& item, const Report& report) {
  if (!item.not_after || !item.not_before) return std::nullopt;
  if (*item.not_after < report.now) return Validity::kExpired;
  if (*item.not_before > report.now) return Validity::kNotYetValid;
  if (*item.not_after - report.now <
      static_cast<std::int64_t>(report.expiry_warning_days) * 86400) {
    return Validity::kExpiresSoon;
  }
  return Validity::kValid;
}

namespace {

void add_validity_warnings(Report* report) {
  for (const Item& item : report->items) {
    const std::optional<Validity> validity = validity_of(item, *report);
    if (!validity || *validity == Validity::kValid) continue;
    std::string message = describe_item(item);
    switch (*validity) {
      case Validity::kExpired: message += " expired on " + format_time(*item.not_after); break;
      case Validity::kNotYetValid:
        message += " is not valid before " + format_time(*item.not_before);
        break;
      default: {
        const std::int64_t days = (*item.not_after - report->now) / 86400;
        message += " expires in " + std::to_string(days) + (days == 1 ? " day (" : " days (") +
                   format_time(*item.not_after) + ")";
        break;
      }
    }
    report->warnings.push_back(
        {validity_name(*validity), Severity::kWarning, {item.index}, std::move(message)});
  }
}

// link_same_keys sets same_key_as on items whose SPKI equals an earlier item's (a private key or a
// CSR that belongs to a certificate, a certificate renewed with the same key) and says so.
void link_same_keys(Report* report) {
  std::map<std::string, int> first_by_pin;
  for (Item& item : report->items) {
    const auto [it, inserted] = first_by_pin.emplace(item.pins.sha256, item.index);
    if (inserted) continue;
    const Item& first = report->items[it->second];
    if (item.kind == ItemKind::kCertificate && first.kind == ItemKind::kCertificate &&
        item.der == first.der) {
      continue;  // an exact duplicate: chain.cpp reports it
    }
    item.same_key_as = first.index;
    report->warnings.push_back(
        {"same_key",
         Severity::kInfo,
         {first.index, item.index},
         describe_item(item) + " has the same public key (same pin) as " + describe_item(first)});
  }
}

}  // namespace

Report build_report(const std::vector<Source>& sources, const Options& options) {
  Report report;
  report.now = options.now != 0 ? options.now
                                : std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
  report.expiry_warning_days = options.expiry_warning_days;
  std::size_t budget = options.limits.max_objects;
  for (const Source& source : sources) {
    std::vector<RawBlock> blocks;
    scan_source(source, options.limits, &blocks, &report.errors, &budget);
    for (const RawBlock& block : blocks) {
      const std::size_t first = report.items.size();
      BlockError failure;
      if (!parse_block(block, options, &report.items, &failure)) {
        Error e;
        e.source = source.name;
        e.block = block.block;
        e.offset = block.offset;
        e.line = block.line;
        e.code = failure.code;
        e.message = block_prefix(block.block, block.line) + ": " + failure.message;
        report.errors.push_back(std::move(e));
        continue;
      }
      for (std::size_t i = first; i < report.items.size(); ++i) {
        Item& item = report.items[i];
        item.source = source.name;
        item.index = static_cast<int>(i);
        if (options.pins_only) {
          item.pins = pin_spki_sha256(item.spki.data(), item.spki.size());
          continue;
        }
        item.pins = pin_spki(item.spki.data(), item.spki.size());
        if (item.kind == ItemKind::kCertificate) {
          item.fingerprints = fingerprint_der(item.der.data(), item.der.size());
        }
      }
    }
  }
  if (options.pins_only) return report;
  build_chains(&report);
  link_same_keys(&report);
  add_validity_warnings(&report);
  for (const Item& item : report.items) {
    if (item.from_private_key) {
      report.warnings.push_back(
          {"private_key",
           Severity::kWarning,
           {item.index},
           describe_item(item) +
               " came from a private key: only its public half was used and nothing of the key "
               "was kept. Private keys should not be pasted into tools; pin the public key or "
               "CSR"});
    }
  }
  return report;
}

std::string format_time(std::int64_t t) {
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t secs = t - days * 86400;
  const CivilDate date = civil_from_days(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<long long>(date.year), date.month, date.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

bool parse_time(const std::string& text, std::int64_t* out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  char tail = 0;
  const int n =
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &tail);
  if (!(n == 3 && text.size() == 10) && !(n == 7 && (tail == 'Z' || tail == 'z'))) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
  *out = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + sec;
  return true;
}

}  // namespace pincalc
