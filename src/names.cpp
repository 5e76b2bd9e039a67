#include "names.hpp"

#include <cstdio>
#include <cstring>

#include "base64.hpp"

namespace pincalc {
namespace {

struct OidName {
  const char* oid;
  const char* name;
};

template <std::size_t N>
const char* lookup(const OidName (&table)[N], const std::string& oid) {
  for (const auto& e : table) {
    if (oid == e.oid) return e.name;
  }
  return nullptr;
}

// Attribute short names as OpenSSL prints them with -nameopt RFC2253 (its "sn" column).
constexpr OidName kAttributeNames[] = {
    {"2.5.4.3", "CN"},
    {"2.5.4.6", "C"},
    {"2.5.4.7", "L"},
    {"2.5.4.8", "ST"},
    {"2.5.4.9", "street"},
    {"2.5.4.10", "O"},
    {"2.5.4.11", "OU"},
    {"2.5.4.4", "SN"},
    {"2.5.4.5", "serialNumber"},
    {"2.5.4.12", "title"},
    {"2.5.4.13", "description"},
    {"2.5.4.15", "businessCategory"},
    {"2.5.4.17", "postalCode"},
    {"2.5.4.41", "name"},
    {"2.5.4.42", "GN"},
    {"2.5.4.43", "initials"},
    {"2.5.4.44", "generationQualifier"},
    {"2.5.4.46", "dnQualifier"},
    {"2.5.4.65", "pseudonym"},
    {"2.5.4.97", "organizationIdentifier"},
    {"0.9.2342.19200300.100.1.1", "UID"},
    {"0.9.2342.19200300.100.1.25", "DC"},
    {"1.2.840.113549.1.9.1", "emailAddress"},
    {"1.2.840.113549.1.9.2", "unstructuredName"},
    {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"},
    {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"},
    {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"},
};

constexpr OidName kKeyAlgorithms[] = {
    {"1.2.840.113549.1.1.1", "RSA"},
    {"1.2.840.113549.1.1.10", "RSA-PSS"},
    {"1.2.840.10045.2.1", "EC"},
    {"1.3.101.112", "Ed25519"},
    {"1.3.101.113", "Ed448"},
    {"1.3.101.110", "X25519"},
    {"1.3.101.111", "X448"},
    {"1.2.840.10040.4.1", "DSA"},
    {"1.2.840.10046.2.1", "DH"},
    {"1.2.156.10197.1.301", "SM2"},
    {"2.16.840.1.101.3.4.3.17", "ML-DSA-44"},
    {"2.16.840.1.101.3.4.3.18", "ML-DSA-65"},
    {"2.16.840.1.101.3.4.3.19", "ML-DSA-87"},
    {"2.16.840.1.101.3.4.4.1", "ML-KEM-512"},
    {"2.16.840.1.101.3.4.4.2", "ML-KEM-768"},
    {"2.16.840.1.101.3.4.4.3", "ML-KEM-1024"},
};

constexpr CurveInfo kCurveValues[] = {
    {"P-192", 192},           {"P-224", 224},
    {"P-256", 256},           {"P-384", 384},
    {"P-521", 521},           {"secp256k1", 256},
    {"brainpoolP256r1", 256}, {"brainpoolP384r1", 384},
    {"brainpoolP512r1", 512}, {"SM2", 256},
};
constexpr const char* kCurveOids[] = {
    "1.2.840.10045.3.1.1",   "1.3.132.0.33",        "1.2.840.10045.3.1.7",  "1.3.132.0.34",
    "1.3.132.0.35",          "1.3.132.0.10",        "1.3.36.3.3.2.8.1.1.7", "1.3.36.3.3.2.8.1.1.11",
    "1.3.36.3.3.2.8.1.1.13", "1.2.156.10197.1.301",
};

constexpr OidName kSignatureAlgorithms[] = {
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption"},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"},
    {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption"},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
    {"1.2.840.113549.1.1.10", "rsassaPss"},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1"},
    {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
    {"1.3.101.112", "ED25519"},
    {"1.3.101.113", "ED448"},
    {"1.2.840.10040.4.3", "dsaWithSHA1"},
    {"2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"},
    {"1.2.156.10197.1.501", "SM2-with-SM3"},
    {"2.16.840.1.101.3.4.3.17", "ML-DSA-44"},
    {"2.16.840.1.101.3.4.3.18", "ML-DSA-65"},
    {"2.16.840.1.101.3.4.3.19", "ML-DSA-87"},
};

constexpr OidName kExtKeyUsages[] = {
    {"1.3.6.1.5.5.7.3.1", "serverAuth"},    {"1.3.6.1.5.5.7.3.2", "clientAuth"},
    {"1.3.6.1.5.5.7.3.3", "codeSigning"},   {"1.3.6.1.5.5.7.3.4", "emailProtection"},
    {"1.3.6.1.5.5.7.3.8", "timeStamping"},  {"1.3.6.1.5.5.7.3.9", "OCSPSigning"},
    {"2.5.29.37.0", "anyExtendedKeyUsage"},
};

void append_utf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// valid_utf8 checks RFC 3629 UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool valid_utf8(ByteView v) {
  std::size_t i = 0;
  while (i < v.size) {
    const std::uint8_t c = v.data[i];
    int n;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (v.size - i <= static_cast<std::size_t>(n)) return false;
    for (int k = 1; k <= n; ++k) {
      if ((v.data[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (v.data[i + k] & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// invisible_length returns the byte length of the UTF-8 sequence at v[i] when it is a C1 control
// (U+0080–U+009F), a bidi control (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), a line or
// paragraph separator (U+2028, U+2029) or a byte-order mark (U+FEFF); 0 otherwise.
std::size_t invisible_length(const std::string& v, std::size_t i) {
  const auto b = [&](std::size_t k) -> unsigned {
    return i + k < v.size() ? static_cast<unsigned char>(v[i + k]) : 0u;
  };
  if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80 &&
      (b(2) == 0x8E || b(2) == 0x8F || (b(2) >= 0xA8 && b(2) <= 0xAE))) {
    return 3;
  }
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9) return 3;
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;
  return 0;
}

// escape_value applies RFC 4514 §2.4 escaping (as OpenSSL's ESC_2253 | ESC_CTRL do) to a UTF-8
// attribute value.
std::string escape_value(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    const bool first = i == 0, last = i + 1 == v.size();
    const std::size_t invisible = invisible_length(v, i);
    if (c < 0x20 || c == 0x7F || invisible > 0) {
      // Controls, and code points that reorder or hide text, become \XX escapes of their bytes.
      for (std::size_t k = 0; k < (invisible > 0 ? invisible : 1); ++k) {
        char buf[4];
        std::snprintf(buf, sizeof buf, "\\%02X", static_cast<unsigned char>(v[i + k]));
        out += buf;
      }
      i += (invisible > 0 ? invisible : 1) - 1;
    } else if (std::strchr(",+\"\\<>;", c) != nullptr || (first && (c == '#' || c == ' ')) ||
               (last && c == ' ')) {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace

bool decode_string(std::uint8_t tag, ByteView value, std::string* out) {
  out->clear();
  switch (tag) {
    case der::kUtf8String:
      if (!valid_utf8(value)) return false;
      out->assign(reinterpret_cast<const char*>(value.data), value.size);
      return true;
    case der::kPrintableString:
    case der::kIa5String:
    case 0x12:  // NumericString
    case 0x1A:  // VisibleString
      for (std::size_t i = 0; i < value.size; ++i) {
        if (value.data[i] >= 0x80) return false;
      }
      out->assign(reinterpret_cast<const char*>(value.data), value.size);
      return true;
    case der::kT61String:  // treated as Latin-1, as OpenSSL and browsers do
      for (std::size_t i = 0; i < value.size; ++i) append_utf8(value.data[i], out);
      return true;
    case der::kBmpString:
      if (value.size % 2) return false;
      for (std::size_t i = 0; i < value.size; i += 2) {
        const std::uint32_t cp = static_cast<std::uint32_t>(value.data[i]) << 8 | value.data[i + 1];
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        append_utf8(cp, out);
      }
      return true;
    case der::kUniversalString:
      if (value.size % 4) return false;
      for (std::size_t i = 0; i < value.size; i += 4) {
        const std::uint32_t cp = static_cast<std::uint32_t>(value.data[i]) << 24 |
                                 static_cast<std::uint32_t>(value.data[i + 1]) << 16 |
                                 static_cast<std::uint32_t>(value.data[i + 2]) << 8 |
                                 value.data[i + 3];
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        append_utf8(cp, out);
      }
      return true;
    default: return false;
  }
}

bool format_name(ByteView name_der, std::string* out, der::Error* err) {
  der::Tlv name;
  if (!der::parse_one(name_der, &name, err)) return false;
  if (name.tag != der::kSequence) {
    *err = {"Name is not a SEQUENCE", 0};
    return false;
  }
  std::vector<std::string> rdns;
  der::Reader r(name);
  while (!r.at_end()) {
    der::Tlv rdn;
    if (!r.expect(der::kSet, &rdn, err, "RelativeDistinguishedName")) return false;
    std::string text;
    der::Reader ar(rdn);
    while (!ar.at_end()) {
      der::Tlv atv, type, value;
      if (!ar.expect(der::kSequence, &atv, err, "AttributeTypeAndValue")) return false;
      der::Reader vr(atv);
      if (!vr.expect(der::kOid, &type, err, "attribute type") || !vr.next(&value, err)) {
        return false;
      }
      const std::string oid = der::oid_to_string(type.value);
      const char* short_name = lookup(kAttributeNames, oid);
      if (!text.empty()) text.push_back('+');
      std::string decoded;
      if (short_name != nullptr && decode_string(value.tag, value.value, &decoded)) {
        text += short_name;
        text.push_back('=');
        text += escape_value(decoded);
      } else {
        text += short_name != nullptr ? short_name : oid;
        text += "=#";  // OpenSSL's DUMP_DER form: the whole value's DER in uppercase hex
        for (char ch : hex_lower(value.whole.data, value.whole.size)) {
          text.push_back(ch >= 'a' ? static_cast<char>(ch - 'a' + 'A') : ch);
        }
      }
    }
    rdns.push_back(std::move(text));
  }
  out->clear();
  for (auto it = rdns.rbegin(); it != rdns.rend(); ++it) {
    if (!out->empty()) out->push_back(',');
    *out += *it;
  }
  return true;
}

const char* key_algorithm_name(const std::string& oid) { return lookup(kKeyAlgorithms, oid); }

const CurveInfo* curve_by_oid(const std::string& oid) {
  for (std::size_t i = 0; i < sizeof kCurveOids / sizeof kCurveOids[0]; ++i) {
    if (oid == kCurveOids[i]) return &kCurveValues[i];
  }
  return nullptr;
}

const char* signature_algorithm_name(const std::string& oid) {
  return lookup(kSignatureAlgorithms, oid);
}

const char* ext_key_usage_name(const std::string& oid) { return lookup(kExtKeyUsages, oid); }

}  // namespace pincalc
