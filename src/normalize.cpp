// normalize.cpp: normalize_pin(s) — a pin in any form people paste, back to standard base64.
#include <nlohmann/json.hpp>

#include "base64.hpp"
#include "pincalc/check.hpp"

namespace pincalc {

const char* pin_match_name(PinMatch match) {
  switch (match) {
    case PinMatch::kUnknown: return "unknown";
    case PinMatch::kSpki: return "spki";
    case PinMatch::kCertificate: return "certificate";
    case PinMatch::kNone: return "none";
  }
  return "unknown";
}

namespace {

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n')) {
    --b;
  }
  return std::string(s.substr(a, b - a));
}

bool strip_prefix(std::string* s, const std::string& prefix) {
  if (s->size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = (*s)[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != prefix[i]) return false;
  }
  s->erase(0, prefix.size());
  return true;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// shown makes user text safe to echo in a message: printable ASCII, at most 60 characters.
std::string shown(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (out.size() >= 60) {
      out += "...";
      break;
    }
    out.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '?');
  }
  return out;
}

void match_against(const Report& report, NormalizedPin* pin) {
  pin->match = PinMatch::kNone;
  for (const Item& item : report.items) {
    const bool spki = pin->algorithm == "sha256" ? item.pins.sha256 == pin->canonical
                                                 : item.pins.sha1 == pin->canonical;
    if (spki) {
      pin->match = PinMatch::kSpki;
      pin->items.push_back(item.index);
    }
  }
  if (pin->match == PinMatch::kSpki) return;
  for (const Item& item : report.items) {
    if (!item.fingerprints) continue;
    const std::string& colon =
        pin->algorithm == "sha256" ? item.fingerprints->sha256 : item.fingerprints->sha1;
    std::string hex;
    for (char c : colon) {
      if (c != ':') hex.push_back(c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    std::vector<std::uint8_t> digest;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      digest.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    if (base64_encode(digest.data(), digest.size()) == pin->canonical) {
      pin->match = PinMatch::kCertificate;
      pin->items.push_back(item.index);
    }
  }
  if (pin->match == PinMatch::kCertificate) {
    pin->note =
        "this is a certificate fingerprint, not a public-key pin: it changes at every "
        "renewal, and SPKI pinning libraries never match it";
  } else {
    pin->note = "matches none of the certificates or keys given";
  }
}

}  // namespace

NormalizedPin normalize_pin(std::string_view text, const Report* report) {
  NormalizedPin pin;
  pin.input = trim(text);
  std::string s = pin.input;
  std::string algorithm;
  // Wrappers and prefixes, outermost first.
  if (strip_prefix(&s, "pin-sha256=")) {
    pin.form = "hpkp";
    algorithm = "sha256";
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  } else if (!(s.size() == 51 && s.back() == '=') && strip_prefix(&s, "sha256//")) {
    // 51 characters ending in '=' is OkHttp's "sha256/" and a padded 44-character pin that starts
    // with '/' (one pin in 64); curl's "sha256//" and a padded pin make 52.
    pin.form = "curl";
    algorithm = "sha256";
  } else if (strip_prefix(&s, "sha256/")) {
    pin.form = "okhttp";
    algorithm = "sha256";
  } else if (strip_prefix(&s, "sha1/")) {
    pin.form = "okhttp";
    algorithm = "sha1";
  }
  if (s.size() >= 3 && s[0] == 'b' && (s[1] == '\'' || s[1] == '"') && s.back() == s[1]) {
    s = s.substr(2, s.size() - 3);  // Python 3 printing bytes: b'...'
    pin.form = "python-bytes";
  }
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    s = s.substr(1, s.size() - 2);
  }
  if (s.empty()) {
    pin.error = "empty pin";
    return pin;
  }
  std::vector<std::uint8_t> digest;
  // Hex: 40 or 64 digits, optionally separated by ':' or spaces (TrustKit logs, openssl).
  std::string hex;
  bool all_hex = true;
  bool separated = false;
  for (char c : s) {
    if (c == ':' || c == ' ') {
      separated = true;
    } else if (is_hex(c)) {
      hex.push_back(c);
    } else {
      all_hex = false;
      break;
    }
  }
  if (all_hex && (hex.size() == 64 || hex.size() == 40) && (separated || pin.form.empty())) {
    for (std::size_t i = 0; i < hex.size(); i += 2) {
      digest.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    if (pin.form.empty()) pin.form = separated ? "colon-hex" : "hex";
  } else {
    std::string b64 = s;
    bool url = false;
    for (char& c : b64) {
      if (c == '-') {
        c = '+';
        url = true;
      } else if (c == '_') {
        c = '/';
        url = true;
      }
    }
    const bool padded = b64.find('=') != std::string::npos;
    while (b64.size() % 4 != 0 && !padded) b64.push_back('=');
    const Base64Result r = base64_decode_strict(b64, &digest);
    if (r.status != Base64Status::kOk) {
      pin.error = "'" + shown(s) + "' is neither base64 nor hex (" +
                  (r.status == Base64Status::kBadCharacter
                       ? "unexpected '" + shown(std::string(1, b64[r.position])) + "'"
                       : std::string("bad length or padding")) +
                  ")";
      return pin;
    }
    if (pin.form.empty()) pin.form = url ? "base64url" : (padded ? "base64" : "unpadded");
  }
  const std::string implied = digest.size() == 32 ? "sha256" : digest.size() == 20 ? "sha1" : "";
  if (implied.empty()) {
    pin.error = "decodes to " + std::to_string(digest.size()) +
                " bytes: a SHA-256 pin is 32 bytes (44 base64 characters), a SHA-1 pin 20";
    return pin;
  }
  if (!algorithm.empty() && algorithm != implied) {
    pin.error = "the prefix says " + algorithm + " but the value is a " + implied + " digest (" +
                std::to_string(digest.size()) + " bytes)";
    return pin;
  }
  pin.algorithm = implied;
  pin.canonical = base64_encode(digest.data(), digest.size());
  if (report != nullptr) match_against(*report, &pin);
  return pin;
}

std::vector<NormalizedPin> normalize_pins(std::string_view text, const Report* report) {
  std::vector<NormalizedPin> out;
  std::string piece;
  auto flush = [&] {
    std::string t = trim(piece);
    piece.clear();
    for (const char* header : {"Public-Key-Pins-Report-Only:", "Public-Key-Pins:"}) {
      if (t.rfind(header, 0) == 0) t = trim(t.substr(std::string(header).size()));
    }
    while (!t.empty() && (t.front() == '[' || t.front() == '(')) t = trim(t.substr(1));
    while (!t.empty() && (t.back() == ']' || t.back() == ')')) t = trim(t.substr(0, t.size() - 1));
    // Drop HPKP directives that are not pins (max-age=…, includeSubDomains, report-uri=…).
    if (t.empty() || t.rfind("max-age", 0) == 0 || t == "includeSubDomains" ||
        t.rfind("report-uri", 0) == 0) {
      return;
    }
    // Space-separated tokens that are not one spaced hex digest are separate pins.
    bool spaced_hex = true;
    std::size_t digits = 0;
    for (char c : t) {
      if (is_hex(c)) {
        ++digits;
      } else if (c != ' ' && c != ':') {
        spaced_hex = false;
      }
    }
    if (t.find(' ') != std::string::npos && !(spaced_hex && (digits == 64 || digits == 40))) {
      std::size_t start = 0;
      while (start < t.size()) {
        std::size_t end = t.find(' ', start);
        if (end == std::string::npos) end = t.size();
        if (end > start) out.push_back(normalize_pin(t.substr(start, end - start), report));
        start = end + 1;
      }
      return;
    }
    out.push_back(normalize_pin(t, report));
  };
  for (char c : text) {
    if (c == '\n' || c == ';' || c == ',') {
      flush();
    } else if (c != '\r') {
      piece.push_back(c == '\t' ? ' ' : c);
    }
  }
  flush();
  return out;
}

std::string normalized_pins_to_json(const std::vector<NormalizedPin>& pins, int indent) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const NormalizedPin& p : pins) {
    j.push_back({{"input", p.input},
                 {"form", p.form},
                 {"algorithm", p.algorithm.empty() ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(p.algorithm)},
                 {"canonical", p.canonical.empty() ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(p.canonical)},
                 {"error", p.error.empty() ? nlohmann::ordered_json(nullptr)
                                           : nlohmann::ordered_json(p.error)},
                 {"match", pin_match_name(p.match)},
                 {"items", p.items},
                 {"note", p.note.empty() ? nlohmann::ordered_json(nullptr)
                                         : nlohmann::ordered_json(p.note)}});
  }
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pincalc
