// x509.cpp: parse_block() — a strict DER walk over certificates, CSRs, keys and PKCS#7 bags.
// pincalc walks the structures itself instead of calling mbedtls_x509_crt_parse so that every key
// algorithm can be pinned (mbedTLS 2.28 rejects whole certificates whose key it cannot parse:
// Ed25519, Ed448, RSA-PSS with parameters, explicit curves, ML-DSA) and so the SPKI hashed is the
// exact byte range of the certificate, never a re-encoding.
#include <cstdio>
#include <cstring>

#include "base64.hpp"
#include "civil_time.hpp"
#include "der.hpp"
#include "mbedtls_backend.hpp"
#include "names.hpp"
#include "objects.hpp"

namespace pincalc {
namespace {

using der::Tlv;

// Failure carries a parse failure up to parse_block.
struct Failure {
  ErrorCode code = ErrorCode::kMalformedDer;
  std::string message;
};

bool fail(Failure* f, const std::string& context, const der::Error& err) {
  f->code = ErrorCode::kMalformedDer;
  f->message = context + ": " + err.what + " (at byte " + std::to_string(err.offset) + ")";
  if (err.what.find("past the end") != std::string::npos) f->message += "; the data is truncated";
  return false;
}

bool fail(Failure* f, ErrorCode code, const std::string& message) {
  f->code = code;
  f->message = message;
  return false;
}

std::vector<std::uint8_t> copy(ByteView v) { return {v.data, v.data + v.size}; }

int integer_bits(ByteView v) {
  std::size_t i = 0;
  while (i < v.size && v.data[i] == 0) ++i;
  if (i == v.size) return 0;
  int bits = static_cast<int>((v.size - i - 1) * 8);
  for (std::uint8_t top = v.data[i]; top; top >>= 1) ++bits;
  return bits;
}

// serial_hex renders an INTEGER's magnitude as uppercase hex, as `openssl x509 -serial` does.
std::string serial_hex(ByteView v) {
  std::size_t i = 0;
  while (i + 1 < v.size && v.data[i] == 0) ++i;
  std::string s;
  for (char c : hex_lower(v.data + i, v.size - i))
    s.push_back(c >= 'a' ? static_cast<char>(c - 32) : c);
  return s;
}

bool read_alg_id(const Tlv& alg, std::string* oid, ByteView* params, der::Error* err) {
  der::Reader r(alg);
  Tlv o, p;
  if (!r.expect(der::kOid, &o, err, "algorithm OID")) return false;
  *oid = der::oid_to_string(o.value);
  if (oid->empty()) {
    *err = {"malformed OBJECT IDENTIFIER", o.offset};
    return false;
  }
  *params = {};
  if (!r.at_end()) {
    if (!r.next(&p, err)) return false;
    *params = p.whole;
  }
  return true;
}

// parse_time reads UTCTime (years 1950–2049, RFC 5280 §4.1.2.5.1) or GeneralizedTime.
bool parse_time(const Tlv& t, std::int64_t* out) {
  const auto* s = reinterpret_cast<const char*>(t.value.data);
  std::size_t n = t.value.size;
  int year_digits;
  if (t.tag == der::kUtcTime) {
    year_digits = 2;
  } else if (t.tag == der::kGeneralizedTime) {
    year_digits = 4;
  } else {
    return false;
  }
  if (n == 0 || s[n - 1] != 'Z') return false;
  --n;
  const std::size_t with_seconds = static_cast<std::size_t>(year_digits) + 10;
  if (n != with_seconds && n != with_seconds - 2) return false;
  int f[7] = {0, 0, 0, 0, 0, 0, 0};
  std::size_t p = 0;
  for (int i = 0; i < 6 && p < n; ++i) {
    const int width = i == 0 ? year_digits : 2;
    int v = 0;
    for (int k = 0; k < width; ++k, ++p) {
      if (s[p] < '0' || s[p] > '9') return false;
      v = v * 10 + (s[p] - '0');
    }
    f[i] = v;
  }
  int year = f[0];
  if (year_digits == 2) year += year < 50 ? 2000 : 1900;
  if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 60) {
    return false;
  }
  *out = days_from_civil(year, static_cast<unsigned>(f[1]), static_cast<unsigned>(f[2])) * 86400 +
         f[3] * 3600 + f[4] * 60 + f[5];
  return true;
}

// analyze_spki fills KeyInfo from a SubjectPublicKeyInfo. The SPKI must be well-formed DER;
// unknown algorithms are fine (the pin does not depend on understanding the key).
bool analyze_spki(const Tlv& spki, KeyInfo* key, Failure* f) {
  der::Error err;
  der::Reader r(spki);
  Tlv alg, bits;
  if (!r.expect(der::kSequence, &alg, &err, "algorithm") ||
      !r.expect(der::kBitString, &bits, &err, "subjectPublicKey")) {
    return fail(f, "SubjectPublicKeyInfo", err);
  }
  if (!r.at_end())
    return fail(f, ErrorCode::kMalformedDer, "SubjectPublicKeyInfo has extra fields");
  if (bits.value.size == 0 || bits.value.data[0] > 7) {
    return fail(f, ErrorCode::kMalformedDer, "SubjectPublicKeyInfo: malformed BIT STRING");
  }
  ByteView params;
  if (!read_alg_id(alg, &key->algorithm_oid, &params, &err))
    return fail(f, "SubjectPublicKeyInfo", err);
  const char* name = key_algorithm_name(key->algorithm_oid);
  key->algorithm = name != nullptr ? name : key->algorithm_oid;
  const ByteView body{bits.value.data + 1, bits.value.size - 1};
  if (key->algorithm == "RSA" || key->algorithm == "RSA-PSS") {
    Tlv seq, n;
    if (der::parse_one(body, &seq, &err) && seq.tag == der::kSequence) {
      der::Reader kr(seq);
      if (kr.expect(der::kInteger, &n, &err, "modulus")) key->bits = integer_bits(n.value);
    }
  } else if (key->algorithm == "EC" || key->algorithm == "SM2") {
    Tlv p;
    if (!params.empty() && der::parse_one(params, &p, &err)) {
      if (p.tag == der::kOid) {
        const std::string curve_oid = der::oid_to_string(p.value);
        if (const CurveInfo* c = curve_by_oid(curve_oid)) {
          key->curve = c->name;
          key->bits = c->bits;
        } else {
          key->curve = curve_oid;
        }
      } else if (p.tag == der::kSequence) {
        // SpecifiedECDomain (RFC 3279 §2.3.5): version, fieldID { prime-field, p }, …
        key->curve = "explicit";
        der::Reader dr(p);
        Tlv version, field_id, field_type, prime;
        if (dr.expect(der::kInteger, &version, &err, "version") &&
            dr.expect(der::kSequence, &field_id, &err, "fieldID")) {
          der::Reader fr(field_id);
          if (fr.expect(der::kOid, &field_type, &err, "fieldType") &&
              fr.expect(der::kInteger, &prime, &err, "prime")) {
            key->bits = integer_bits(prime.value);
          }
        }
      }
    }
  } else if (key->algorithm == "DSA") {
    Tlv p, prime;
    if (!params.empty() && der::parse_one(params, &p, &err) && p.tag == der::kSequence) {
      der::Reader dr(p);
      if (dr.expect(der::kInteger, &prime, &err, "p")) key->bits = integer_bits(prime.value);
    }
  }
  key->parsed_by_mbedtls = crypto::key_supported(spki.whole);
  return true;
}

std::string format_ip(ByteView v) {
  char buf[64];
  if (v.size == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", v.data[0], v.data[1], v.data[2], v.data[3]);
    return buf;
  }
  if (v.size != 16) return "#" + hex_lower(v.data, v.size);
  // RFC 5952: lowercase, longest run (≥ 2) of zero groups compressed to "::".
  unsigned groups[8];
  for (int i = 0; i < 8; ++i)
    groups[i] = static_cast<unsigned>(v.data[2 * i] << 8 | v.data[2 * i + 1]);
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    std::snprintf(buf, sizeof buf, "%x", groups[i]);
    out += buf;
  }
  return out;
}

std::string ia5(ByteView v) {
  std::string s;
  decode_string(der::kUtf8String, v, &s);  // IA5 is ASCII; invalid bytes leave it empty
  return s;
}

void parse_san(ByteView value, SubjectAltNames* san) {
  Tlv seq, name;
  der::Error err;
  if (!der::parse_one(value, &seq, &err) || seq.tag != der::kSequence) return;
  der::Reader r(seq);
  while (!r.at_end() && r.next(&name, &err)) {
    switch (name.tag) {
      case der::context(1, false): san->email.push_back(ia5(name.value)); break;
      case der::context(2, false): san->dns.push_back(ia5(name.value)); break;
      case der::context(6, false): san->uri.push_back(ia5(name.value)); break;
      case der::context(7, false): san->ip.push_back(format_ip(name.value)); break;
      default: break;  // otherName, directoryName, …: not used for pinning
    }
  }
}

void parse_key_usage(ByteView value, std::vector<std::string>* out) {
  static const char* const kNames[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                       "dataEncipherment", "keyAgreement",   "keyCertSign",
                                       "cRLSign",          "encipherOnly",   "decipherOnly"};
  Tlv bits;
  der::Error err;
  if (!der::parse_one(value, &bits, &err) || bits.tag != der::kBitString || bits.value.size < 1) {
    return;
  }
  for (std::size_t i = 0; i < 9; ++i) {
    const std::size_t byte = 1 + i / 8;
    if (byte < bits.value.size && (bits.value.data[byte] & (0x80 >> (i % 8)))) {
      out->push_back(kNames[i]);
    }
  }
}

void parse_extensions(const Tlv& extensions, Item* item) {
  der::Error err;
  der::Reader r(extensions);
  Tlv ext;
  while (!r.at_end() && r.next(&ext, &err)) {
    if (ext.tag != der::kSequence) continue;
    der::Reader er(ext);
    Tlv oid, critical, value;
    bool present;
    if (!er.expect(der::kOid, &oid, &err, "extnID") ||
        !er.optional(der::kBoolean, &critical, &err, &present) ||
        !er.expect(der::kOctetString, &value, &err, "extnValue")) {
      continue;
    }
    const std::string id = der::oid_to_string(oid.value);
    Tlv inner;
    if (id == "2.5.29.17") {
      parse_san(value.value, &item->san);
    } else if (id == "2.5.29.19") {
      if (!der::parse_one(value.value, &inner, &err) || inner.tag != der::kSequence) continue;
      BasicConstraints bc;
      der::Reader br(inner);
      Tlv ca, len;
      if (br.optional(der::kBoolean, &ca, &err, &present) && present && ca.value.size == 1) {
        bc.ca = ca.value.data[0] != 0;
      }
      if (br.optional(der::kInteger, &len, &err, &present) && present && len.value.size <= 4) {
        int v = 0;
        for (std::size_t i = 0; i < len.value.size; ++i) v = v << 8 | len.value.data[i];
        bc.path_len = v;
      }
      item->basic_constraints = bc;
    } else if (id == "2.5.29.15") {
      parse_key_usage(value.value, &item->key_usage);
    } else if (id == "2.5.29.37") {
      if (!der::parse_one(value.value, &inner, &err) || inner.tag != der::kSequence) continue;
      der::Reader ur(inner);
      Tlv purpose;
      while (!ur.at_end() && ur.next(&purpose, &err)) {
        const std::string p = der::oid_to_string(purpose.value);
        const char* name = ext_key_usage_name(p);
        item->ext_key_usage.push_back(name != nullptr ? name : p);
      }
    } else if (id == "2.5.29.14") {
      if (der::parse_one(value.value, &inner, &err) && inner.tag == der::kOctetString) {
        item->subject_key_id = hex_lower(inner.value.data, inner.value.size);
      }
    } else if (id == "2.5.29.35") {
      if (!der::parse_one(value.value, &inner, &err) || inner.tag != der::kSequence) continue;
      der::Reader ar(inner);
      Tlv key_id;
      if (ar.optional(der::context(0, false), &key_id, &err, &present) && present) {
        item->authority_key_id = hex_lower(key_id.value.data, key_id.value.size);
      }
    }
  }
}

bool read_name(const Tlv& name, std::string* out, const char* what, Failure* f) {
  der::Error err;
  if (!format_name(name.whole, out, &err)) return fail(f, what, err);
  return true;
}

bool read_signature(der::Reader* r, Item* item, Failure* f, const char* what) {
  der::Error err;
  Tlv alg, sig;
  if (!r->expect(der::kSequence, &alg, &err, "signatureAlgorithm") ||
      !r->expect(der::kBitString, &sig, &err, "signatureValue")) {
    return fail(f, what, err);
  }
  if (!r->at_end())
    return fail(f, ErrorCode::kMalformedDer, std::string(what) + " has extra fields");
  ByteView params;
  if (!read_alg_id(alg, &item->sig_alg_oid, &params, &err)) return fail(f, what, err);
  const char* name = signature_algorithm_name(item->sig_alg_oid);
  item->signature_algorithm = name != nullptr ? name : item->sig_alg_oid;
  item->sig_alg_params = copy(params);
  if (sig.value.size >= 1)
    item->signature.assign(sig.value.data + 1, sig.value.data + sig.value.size);
  return true;
}

// locate_spki is parse_certificate for Options::pins_only: the SPKI's exact bytes and nothing
// else (the rest of the certificate is still checked to be well-formed DER by parse_block).
bool locate_spki(const Tlv& cert, Item* item, Failure* f) {
  der::Error err;
  der::Reader r(cert);
  Tlv tbs, field;
  if (!r.expect(der::kSequence, &tbs, &err, "tbsCertificate")) return fail(f, "certificate", err);
  der::Reader t(tbs);
  bool present;
  if (!t.optional(der::context(0, true), &field, &err, &present))
    return fail(f, "certificate", err);
  for (const char* what : {"serialNumber", "signature", "issuer", "validity", "subject"}) {
    if (!t.next(&field, &err)) return fail(f, std::string("certificate ") + what, err);
  }
  if (!t.expect(der::kSequence, &field, &err, "subjectPublicKeyInfo")) {
    return fail(f, "certificate", err);
  }
  item->kind = ItemKind::kCertificate;
  item->spki = copy(field.whole);
  return true;
}

bool parse_certificate(const Tlv& cert, Item* item, Failure* f) {
  der::Error err;
  if (cert.tag != der::kSequence) {
    return fail(f, ErrorCode::kWrongStructure,
                "not a certificate: it does not start with a SEQUENCE");
  }
  der::Reader r(cert);
  Tlv tbs;
  if (!r.expect(der::kSequence, &tbs, &err, "tbsCertificate")) return fail(f, "certificate", err);
  if (!read_signature(&r, item, f, "certificate")) return false;
  der::Reader t(tbs);
  Tlv version, serial, sig_alg, issuer, validity, subject, spki, field;
  bool present;
  if (!t.optional(der::context(0, true), &version, &err, &present) ||
      !t.expect(der::kInteger, &serial, &err, "serialNumber") ||
      !t.expect(der::kSequence, &sig_alg, &err, "signature") ||
      !t.expect(der::kSequence, &issuer, &err, "issuer") ||
      !t.expect(der::kSequence, &validity, &err, "validity") ||
      !t.expect(der::kSequence, &subject, &err, "subject") ||
      !t.expect(der::kSequence, &spki, &err, "subjectPublicKeyInfo")) {
    return fail(f, "certificate", err);
  }
  item->kind = ItemKind::kCertificate;
  item->der = copy(cert.whole);
  item->tbs = copy(tbs.whole);
  item->serial = serial_hex(serial.value);
  item->subject_der = copy(subject.whole);
  item->issuer_der = copy(issuer.whole);
  item->spki = copy(spki.whole);
  if (!read_name(subject, &item->subject, "certificate subject", f) ||
      !read_name(issuer, &item->issuer, "certificate issuer", f)) {
    return false;
  }
  der::Reader vr(validity);
  Tlv nb, na;
  std::int64_t t0 = 0, t1 = 0;
  if (!vr.next(&nb, &err) || !vr.next(&na, &err)) return fail(f, "certificate validity", err);
  if (!parse_time(nb, &t0) || !parse_time(na, &t1)) {
    return fail(f, ErrorCode::kMalformedDer, "certificate validity: malformed time");
  }
  item->not_before = t0;
  item->not_after = t1;
  while (!t.at_end()) {
    if (!t.next(&field, &err)) return fail(f, "certificate", err);
    if (field.tag == der::context(3, true)) {
      Tlv exts;
      if (der::parse_one(field.value, &exts, &err) && exts.tag == der::kSequence) {
        parse_extensions(exts, item);
      }
    }
  }
  return analyze_spki(spki, &item->key, f);
}

bool parse_csr(const Tlv& csr, Item* item, Failure* f) {
  der::Error err;
  der::Reader r(csr);
  Tlv info;
  if (!r.expect(der::kSequence, &info, &err, "certificationRequestInfo"))
    return fail(f, "CSR", err);
  if (!read_signature(&r, item, f, "CSR")) return false;
  der::Reader ir(info);
  Tlv version, subject, spki, attributes;
  bool present;
  if (!ir.expect(der::kInteger, &version, &err, "version") ||
      !ir.expect(der::kSequence, &subject, &err, "subject") ||
      !ir.expect(der::kSequence, &spki, &err, "subjectPKInfo") ||
      !ir.optional(der::context(0, true), &attributes, &err, &present)) {
    return fail(f, "CSR", err);
  }
  item->kind = ItemKind::kCsr;
  item->der = copy(csr.whole);
  item->tbs = copy(info.whole);
  item->subject_der = copy(subject.whole);
  item->spki = copy(spki.whole);
  if (!read_name(subject, &item->subject, "CSR subject", f)) return false;
  if (present) {
    der::Reader ar(attributes);
    Tlv attr;
    while (!ar.at_end() && ar.next(&attr, &err)) {
      der::Reader vr(attr);
      Tlv oid, values, ext;
      if (!vr.expect(der::kOid, &oid, &err, "type") ||
          !vr.expect(der::kSet, &values, &err, "values")) {
        continue;
      }
      if (der::oid_to_string(oid.value) != "1.2.840.113549.1.9.14") continue;  // extensionRequest
      der::Reader er(values);
      if (er.expect(der::kSequence, &ext, &err, "extensions")) parse_extensions(ext, item);
    }
  }
  return analyze_spki(spki, &item->key, f);
}

bool parse_spki_item(const Tlv& spki, ItemKind kind, Item* item, Failure* f) {
  item->kind = kind;
  item->spki = copy(spki.whole);
  item->der = item->spki;
  return analyze_spki(spki, &item->key, f);
}

// build_spki assembles SubjectPublicKeyInfo ::= SEQUENCE { algorithm, BIT STRING } from an
// AlgorithmIdentifier's DER and the BIT STRING's contents (unused-bits byte first).
std::vector<std::uint8_t> build_spki(ByteView alg_id, ByteView bit_string_content) {
  std::vector<std::uint8_t> content(alg_id.data, alg_id.data + alg_id.size);
  const auto bits = der::encode_tlv(der::kBitString, bit_string_content);
  content.insert(content.end(), bits.begin(), bits.end());
  return der::encode_tlv(der::kSequence, {content.data(), content.size()});
}

// pin_built_spki stores a constructed SPKI in the item and analyses it.
bool pin_built_spki(std::vector<std::uint8_t> spki, Item* item, Failure* f) {
  item->spki = std::move(spki);
  Tlv tlv;
  der::Error err;
  if (!der::parse_one({item->spki.data(), item->spki.size()}, &tlv, &err)) {
    return fail(f, "public key", err);
  }
  return analyze_spki(tlv, &item->key, f);
}

constexpr std::uint8_t kRsaAlgId[] = {0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86,
                                      0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};

// wrap_rsa_public_key builds the SubjectPublicKeyInfo a certificate would carry for a PKCS#1
// RSAPublicKey: rsaEncryption with NULL parameters (RFC 3279 §2.3.1).
std::vector<std::uint8_t> wrap_rsa_public_key(ByteView pkcs1) {
  std::vector<std::uint8_t> bits(1, 0);
  bits.insert(bits.end(), pkcs1.data, pkcs1.data + pkcs1.size);
  return build_spki({kRsaAlgId, sizeof kRsaAlgId}, {bits.data(), bits.size()});
}

bool is_edwards_or_montgomery(const std::string& oid) {
  return oid == "1.3.101.110" || oid == "1.3.101.111" || oid == "1.3.101.112" ||
         oid == "1.3.101.113";
}

bool parse_private_key(const RawBlock& block, const Tlv& top, Item* item, Failure* f) {
  item->kind = ItemKind::kPrivateKey;
  item->from_private_key = true;
  der::Error err;
  der::Reader r(top);
  Tlv version, alg;
  // PKCS#8 OneAsymmetricKey (RFC 5958) with an EdDSA/XDH key, which mbedTLS 2.28 cannot parse:
  // take the public key from [1] when present (v2), derive it for Ed25519, refuse the others.
  Tlv private_key;
  if (r.expect(der::kInteger, &version, &err, "version") && r.peek_tag() == der::kSequence &&
      r.next(&alg, &err) && r.expect(der::kOctetString, &private_key, &err, "privateKey")) {
    std::string oid;
    ByteView params;
    if (read_alg_id(alg, &oid, &params, &err) && is_edwards_or_montgomery(oid)) {
      Tlv field;
      while (!r.at_end() && r.next(&field, &err)) {
        if (field.tag == der::context(1, false)) {
          return pin_built_spki(build_spki(alg.whole, field.value), item, f);
        }
      }
      Tlv seed;  // CurvePrivateKey ::= OCTET STRING (RFC 8410 §7)
      if (oid == "1.3.101.112" && der::parse_one(private_key.value, &seed, &err) &&
          seed.tag == der::kOctetString && seed.value.size == 32) {
        if (const auto pub = crypto::ed25519_public_key(seed.value.data)) {
          std::vector<std::uint8_t> bits(1, 0);
          bits.insert(bits.end(), pub->begin(), pub->end());
          return pin_built_spki(build_spki(alg.whole, {bits.data(), bits.size()}), item, f);
        }
      }
      return fail(f, ErrorCode::kUnsupportedPrivateKey,
                  std::string(key_algorithm_name(oid)) +
                      " private key without its public key: pincalc cannot derive it. Pin the "
                      "public key instead (openssl pkey -in key.pem -pubout)");
    }
  }
  const crypto::PublicFromPrivate derived = crypto::derive_public_key(block.der);
  if (!derived.error.empty()) {
    return fail(f, ErrorCode::kUnsupportedPrivateKey,
                "private key: " + derived.error +
                    ". Pin the public key or the CSR instead (openssl pkey -in key.pem -pubout)");
  }
  return pin_built_spki(derived.spki, item, f);
}

// Shape is what a DER object looks like from its top-level element tags (for unlabelled input).
enum class Shape {
  kCertificate,
  kCsr,
  kSpki,
  kRsaPublicKey,
  kPkcs7,
  kPrivateKey,
  kEncryptedPrivateKey,
  kPkcs12,
  kUnknown
};

Shape classify(const Tlv& top) {
  der::Error err;
  std::vector<Tlv> kids;
  der::Reader r(top);
  while (!r.at_end() && kids.size() < 10) {
    Tlv k;
    if (!r.next(&k, &err)) return Shape::kUnknown;
    kids.push_back(k);
  }
  auto tag = [&](std::size_t i) -> std::uint8_t { return i < kids.size() ? kids[i].tag : 0; };
  auto small_int = [&](std::size_t i) -> int {
    if (tag(i) != der::kInteger || kids[i].value.size != 1) return -1;
    return kids[i].value.data[0];
  };
  if (kids.size() == 3 && tag(0) == der::kSequence && tag(1) == der::kSequence &&
      tag(2) == der::kBitString) {
    der::Reader inner(kids[0]);
    Tlv first;
    if (!inner.next(&first, &err)) return Shape::kUnknown;
    if (first.tag == der::context(0, true)) return Shape::kCertificate;
    int count = 1;
    Tlv k, last = first;
    while (!inner.at_end() && inner.next(&k, &err)) {
      ++count;
      last = k;
    }
    if (count <= 4 && (last.tag == der::context(0, true) || count == 3)) return Shape::kCsr;
    return Shape::kCertificate;
  }
  if (kids.size() == 2 && tag(0) == der::kSequence && tag(1) == der::kBitString)
    return Shape::kSpki;
  if (kids.size() == 2 && tag(0) == der::kInteger && tag(1) == der::kInteger) {
    return Shape::kRsaPublicKey;
  }
  if (kids.size() == 2 && tag(0) == der::kSequence && tag(1) == der::kOctetString) {
    return Shape::kEncryptedPrivateKey;
  }
  if (kids.size() == 2 && tag(0) == der::kOid && tag(1) == der::context(0, true)) {
    return Shape::kPkcs7;
  }
  if (small_int(0) == 3 && tag(1) == der::kSequence) return Shape::kPkcs12;
  if (small_int(0) == 0 && kids.size() == 9) return Shape::kPrivateKey;  // RSAPrivateKey
  if ((small_int(0) == 0 || small_int(0) == 1) && tag(1) == der::kSequence &&
      tag(2) == der::kOctetString) {
    return Shape::kPrivateKey;  // PKCS#8
  }
  if (small_int(0) == 1 && tag(1) == der::kOctetString) return Shape::kPrivateKey;  // SEC1
  return Shape::kUnknown;
}

bool parse_pkcs7(const Tlv& top, const RawBlock& block, const Limits& limits,
                 std::vector<Item>* items, Failure* f) {
  der::Error err;
  der::Reader r(top);
  Tlv oid, explicit_content, signed_data;
  if (!r.expect(der::kOid, &oid, &err, "contentType") ||
      !r.expect(der::context(0, true), &explicit_content, &err, "content")) {
    return fail(f, "PKCS#7", err);
  }
  if (der::oid_to_string(oid.value) != "1.2.840.113549.1.7.2") {
    return fail(f, ErrorCode::kWrongStructure,
                "PKCS#7 content is not signedData, so it holds no certificates");
  }
  if (!der::parse_one(explicit_content.value, &signed_data, &err)) return fail(f, "PKCS#7", err);
  der::Reader sr(signed_data);
  Tlv version, digests, content, certs;
  bool present;
  if (!sr.expect(der::kInteger, &version, &err, "version") ||
      !sr.expect(der::kSet, &digests, &err, "digestAlgorithms") ||
      !sr.expect(der::kSequence, &content, &err, "contentInfo") ||
      !sr.optional(der::context(0, true), &certs, &err, &present)) {
    return fail(f, "PKCS#7 signedData", err);
  }
  if (!present) return fail(f, ErrorCode::kWrongStructure, "the PKCS#7 bag holds no certificates");
  der::Reader cr(certs);
  std::size_t count = 0;
  while (!cr.at_end()) {
    Tlv cert;
    if (!cr.next(&cert, &err)) return fail(f, "PKCS#7 certificates", err);
    if (cert.tag != der::kSequence) continue;  // attribute certificates and other choices
    if (++count > limits.max_objects) {
      return fail(f, ErrorCode::kLimitExceeded, "the PKCS#7 bag holds too many certificates");
    }
    Item item;
    Failure cert_failure;
    if (!parse_certificate(cert, &item, &cert_failure)) {
      return fail(
          f, cert_failure.code,
          "certificate " + std::to_string(count) + " in the PKCS#7 bag: " + cert_failure.message);
    }
    item.label = block.label;
    items->push_back(std::move(item));
  }
  if (count == 0)
    return fail(f, ErrorCode::kWrongStructure, "the PKCS#7 bag holds no certificates");
  return true;
}

const char* shape_name(Shape s) {
  switch (s) {
    case Shape::kCertificate: return "a certificate";
    case Shape::kCsr: return "a certificate request";
    case Shape::kSpki: return "a public key (SPKI)";
    case Shape::kRsaPublicKey: return "an RSA public key (PKCS#1)";
    case Shape::kPkcs7: return "a PKCS#7 bag";
    case Shape::kPrivateKey: return "a private key";
    case Shape::kEncryptedPrivateKey: return "an encrypted private key";
    case Shape::kPkcs12: return "a PKCS#12 file";
    case Shape::kUnknown: break;
  }
  return "something unrecognised";
}

Shape expected_shape(ObjectType type) {
  switch (type) {
    case ObjectType::kCertificate:
    case ObjectType::kTrustedCertificate: return Shape::kCertificate;
    case ObjectType::kCsr: return Shape::kCsr;
    case ObjectType::kSpki: return Shape::kSpki;
    case ObjectType::kRsaPublicKey: return Shape::kRsaPublicKey;
    case ObjectType::kPkcs7: return Shape::kPkcs7;
    case ObjectType::kPrivateKey: return Shape::kPrivateKey;
    case ObjectType::kAuto: break;
  }
  return Shape::kUnknown;
}

}  // namespace

bool parse_block(const RawBlock& block, const Options& options, std::vector<Item>* items,
                 BlockError* error) {
  const Limits& limits = options.limits;
  Failure f;
  der::Error err;
  const ByteView bytes{block.der.data(), block.der.size()};
  Tlv top;
  der::Reader reader(bytes);
  bool ok = reader.next(&top, &err);
  if (ok && !reader.at_end() && block.type != ObjectType::kTrustedCertificate) {
    err = {std::to_string(bytes.size - top.whole.size) + " bytes of trailing data after the DER",
           top.whole.size};
    ok = false;
  }
  if (ok && top.tag != der::kSequence) {
    err = {"DER does not start with a SEQUENCE", 0};
    ok = false;
  }
  if (ok) ok = der::check_nesting(top, limits.max_der_depth, &err);
  if (!ok) {
    fail(&f, "DER is malformed", err);
    if (block.secret) f.message = "private key DER is malformed";  // never describe its bytes
    *error = {f.code, f.message};
    return false;
  }

  const Shape shape = classify(top);
  Shape want = expected_shape(block.type);
  if (want == Shape::kUnknown) want = shape;
  if (shape == Shape::kPkcs12) {
    *error = {ErrorCode::kPkcs12,
              "this is a PKCS#12 (.p12/.pfx) file; export the certificate as PEM first: "
              "openssl pkcs12 -in file.p12 -nokeys -out cert.pem"};
    return false;
  }
  if (shape == Shape::kEncryptedPrivateKey) {
    *error = {ErrorCode::kEncryptedPrivateKey,
              "encrypted private key: pincalc never asks for a passphrase. Pin the public key or "
              "the CSR instead (openssl pkey -in key.pem -pubout)"};
    return false;
  }
  if (want == Shape::kUnknown) {
    *error = {ErrorCode::kWrongStructure,
              "the DER is not a certificate, CSR, public or private key, or PKCS#7 bag"};
    return false;
  }
  if (shape != want && !(want == Shape::kCsr && shape == Shape::kCertificate)) {
    *error = {ErrorCode::kWrongStructure,
              "labelled " + block.label + " but the content looks like " + shape_name(shape)};
    return false;
  }
  if (block.secret != (want == Shape::kPrivateKey)) {
    *error = {ErrorCode::kWrongStructure, "labelled " + block.label + " but holds a private key"};
    return false;
  }

  const std::size_t first = items->size();
  Item item;
  ok = true;
  switch (want) {
    case Shape::kCertificate:
      ok = options.pins_only ? locate_spki(top, &item, &f) : parse_certificate(top, &item, &f);
      break;
    case Shape::kCsr: ok = parse_csr(top, &item, &f); break;
    case Shape::kSpki: ok = parse_spki_item(top, ItemKind::kPublicKey, &item, &f); break;
    case Shape::kRsaPublicKey:
      item.kind = ItemKind::kRsaPublicKey;
      item.der = copy(top.whole);
      ok = pin_built_spki(wrap_rsa_public_key(top.whole), &item, &f);
      break;
    case Shape::kPrivateKey: ok = parse_private_key(block, top, &item, &f); break;
    case Shape::kPkcs7: ok = parse_pkcs7(top, block, limits, items, &f); break;
    default: ok = false; break;
  }
  if (!ok) {
    items->resize(first);
    *error = {f.code, f.message};
    return false;
  }
  if (want != Shape::kPkcs7) {
    item.label = block.label;
    items->push_back(std::move(item));
  }
  for (std::size_t i = first; i < items->size(); ++i) {
    (*items)[i].block = block.block;
    (*items)[i].offset = block.offset;
  }
  return true;
}

}  // namespace pincalc
