// certificate.hpp: one pinned object (a certificate, a CSR or a key) and what pincalc reads from
// it.
#ifndef PINCALC_CERTIFICATE_HPP
#define PINCALC_CERTIFICATE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pincalc/pin.hpp"

namespace pincalc {

enum class ItemKind {
  kCertificate,   // X.509 certificate (also from TRUSTED CERTIFICATE and PKCS#7 bags)
  kCsr,           // PKCS#10 certificate request: the requested key
  kPublicKey,     // SubjectPublicKeyInfo
  kRsaPublicKey,  // PKCS#1 RSAPublicKey, wrapped into the SPKI a certificate would carry
  kPrivateKey,    // PKCS#8, PKCS#1 or SEC1 private key: only the public half is kept
};

const char* item_kind_name(ItemKind kind);

// Role is a certificate's place in its chain (chain.hpp). Keys and CSRs have kKey.
enum class Role { kLeaf, kIntermediate, kRoot, kSelfSigned, kUnrelated, kKey };

const char* role_name(Role role);

struct KeyInfo {
  std::string algorithm;           // "RSA", "EC", "Ed25519", "RSA-PSS", … or the OID when unknown
  std::string algorithm_oid;       // dotted OID of SubjectPublicKeyInfo.algorithm
  int bits = 0;                    // RSA modulus / EC field size; 0 when it has no meaning
  std::string curve;               // "P-256", "secp256k1", "explicit", … (EC only)
  bool parsed_by_mbedtls = false;  // mbedTLS understood the key (signatures can be checked)
};

struct SubjectAltNames {
  std::vector<std::string> dns;
  std::vector<std::string> ip;
  std::vector<std::string> email;
  std::vector<std::string> uri;
  bool empty() const { return dns.empty() && ip.empty() && email.empty() && uri.empty(); }
};

struct BasicConstraints {
  bool ca = false;
  std::optional<int> path_len;
};

// Item is one pinned object. Certificate-only fields are empty for keys; CSRs fill subject,
// signature_algorithm and SANs (from the extensionRequest attribute).
struct Item {
  ItemKind kind = ItemKind::kCertificate;
  std::string source;      // Source::name
  int block = 0;           // 1-based block number within the source
  std::size_t offset = 0;  // byte offset of the block in the source
  std::string label;       // PEM label, or "DER"/"BASE64" for unarmoured input
  int index = 0;           // position in Report::items (0-based)

  std::string subject;  // RFC 4514
  std::string issuer;   // RFC 4514
  std::string serial;   // uppercase hex, no separators, as `openssl x509 -serial` prints it
  std::optional<std::int64_t> not_before;  // seconds since the epoch, UTC
  std::optional<std::int64_t> not_after;
  std::string signature_algorithm;
  KeyInfo key;
  SubjectAltNames san;
  std::optional<BasicConstraints> basic_constraints;
  std::vector<std::string> key_usage;      // RFC 5280 §4.2.1.3 names
  std::vector<std::string> ext_key_usage;  // "serverAuth", … or dotted OIDs
  std::string subject_key_id;              // lowercase hex, empty when absent
  std::string authority_key_id;            // lowercase hex, empty when absent
  bool self_signed = false;  // subject == issuer and, when checkable, the signature verifies

  Pins pins;
  std::optional<Fingerprints> fingerprints;  // certificates only
  bool from_private_key = false;
  std::optional<int> same_key_as;  // index of an earlier item with the same SPKI

  Role role = Role::kKey;
  std::optional<int> chain;  // index in Report::chains

  // Raw DER kept for chain checks and benchmarks; empty for private keys (their bytes are wiped).
  std::vector<std::uint8_t> der;          // the certificate/CSR/SPKI DER
  std::vector<std::uint8_t> spki;         // the SubjectPublicKeyInfo DER that was pinned
  std::vector<std::uint8_t> subject_der;  // raw Name DER, for chain matching
  std::vector<std::uint8_t> issuer_der;
  std::vector<std::uint8_t> tbs;  // to-be-signed bytes, for signature checks
  std::string sig_alg_oid;
  std::vector<std::uint8_t> sig_alg_params;  // DER of AlgorithmIdentifier.parameters (RSA-PSS)
  std::vector<std::uint8_t> signature;
};

}  // namespace pincalc

#endif  // PINCALC_CERTIFICATE_HPP
