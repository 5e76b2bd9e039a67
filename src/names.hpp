// names.hpp: OID names and RFC 4514 rendering of X.501 Names.
#ifndef PINCALC_SRC_NAMES_HPP
#define PINCALC_SRC_NAMES_HPP

#include <string>

#include "der.hpp"

namespace pincalc {

// format_name renders a DER Name (RFC 5280 §4.1.2.4) as an RFC 4514 string: RDNs last-to-first,
// separated by ',', multi-valued RDNs joined by '+', values escaped per RFC 4514 §2.4 with control
// characters as \XX. Short names follow OpenSSL's (CN, O, emailAddress, …); unknown attribute types
// and non-string values are rendered as OID=#hex. Returns false on malformed DER.
bool format_name(ByteView name_der, std::string* out, der::Error* err);

// decode_string converts an ASN.1 string value (UTF8String, PrintableString, IA5String,
// TeletexString as Latin-1, BMPString, UniversalString) to UTF-8. Returns false for other tags
// or invalid encodings.
bool decode_string(std::uint8_t tag, ByteView value, std::string* out);

struct CurveInfo {
  const char* name;  // "P-256", …
  int bits;
};

// The lookups return nullptr when the OID is unknown.
const char* key_algorithm_name(const std::string& oid);
const CurveInfo* curve_by_oid(const std::string& oid);
const char* signature_algorithm_name(const std::string& oid);
const char* ext_key_usage_name(const std::string& oid);

}  // namespace pincalc

#endif  // PINCALC_SRC_NAMES_HPP
