#include "table.hpp"

#include <cstdio>
#include <string>

namespace pincalc::cli {
namespace {

// display_width counts code points (good enough for the left-aligned columns used here).
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string fit(const std::string& s, std::size_t width) {
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (n + 1 == width && display_width(s) > width) {
      out += "\xE2\x80\xA6";  // …
      ++n;
      break;
    }
    out.append(s, i, len);
    ++n;
    i += len;
  }
  while (n < width) {
    out.push_back(' ');
    ++n;
  }
  return out;
}

std::string key_text(const Item& item) {
  std::string k = item.key.algorithm;
  if (!item.key.curve.empty()) return item.key.curve == "explicit" ? "EC-explicit" : item.key.curve;
  if (item.key.bits) k += "-" + std::to_string(item.key.bits);
  return k;
}

std::string subject_text(const Item& item) {
  switch (item.kind) {
    case ItemKind::kCertificate: return terminal_safe(item.subject);
    case ItemKind::kCsr: return "CSR " + terminal_safe(item.subject);
    case ItemKind::kPublicKey: return "(public key)";
    case ItemKind::kRsaPublicKey: return "(RSA public key, PKCS#1)";
    case ItemKind::kPrivateKey: return "(public half of a private key)";
  }
  return {};
}

}  // namespace

std::string terminal_safe(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    char buf[16];
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      continue;
    }
    // U+0080–U+009F (C1) are C2 80–C2 9F; bidi controls U+202A–U+202E and U+2066–U+2069 are
    // E2 80 AA–AE and E2 81 A6–A9; U+200E/U+200F are E2 80 8E/8F.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(s[i + 1]));
      out += buf;
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]),
                 b2 = static_cast<unsigned char>(s[i + 2]);
      const bool bidi = (b1 == 0x80 && ((b2 >= 0xAA && b2 <= 0xAE) || b2 == 0x8E || b2 == 0x8F)) ||
                        (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
      if (bidi) {
        const unsigned cp = 0x2000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        std::snprintf(buf, sizeof buf, "\\u%04X", cp);
        out += buf;
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

void print_table(const Report& report, std::ostream& out) {
  if (!report.items.empty()) {
    out << fit("#", 5) << fit("ROLE", 13) << fit("KEY", 10) << fit("EXPIRES", 19)
        << fit("SUBJECT", 36) << " SPKI SHA-256 PIN\n";
  }
  for (const Item& item : report.items) {
    std::string expires = "-";
    if (item.not_after) {
      const std::int64_t left = *item.not_after - report.now;
      const std::string date = format_time(*item.not_after).substr(0, 10);
      expires = left < 0 ? date + " expired" : date + " (" + std::to_string(left / 86400) + "d)";
    }
    out << fit(std::to_string(item.index + 1), 5) << fit(role_name(item.role), 13)
        << fit(key_text(item), 10) << fit(expires, 19) << fit(subject_text(item), 36) << ' '
        << item.pins.sha256 << '\n';
  }
  for (const Warning& w : report.warnings) {
    out << (w.severity == Severity::kInfo ? "note: " : "warning: ") << terminal_safe(w.message)
        << '\n';
  }
}

}  // namespace pincalc::cli
