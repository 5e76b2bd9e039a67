// mbedtls_backend.hpp: the one seam to mbedTLS. Every mbedTLS call in pincalc lives in
// mbedtls_backend.cpp, so moving between mbedTLS 2.28 and 3.6 touches one file. No mbedTLS type
// appears here.
#ifndef PINCALC_SRC_MBEDTLS_BACKEND_HPP
#define PINCALC_SRC_MBEDTLS_BACKEND_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "der.hpp"

namespace pincalc::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;
using Sha1Digest = std::array<std::uint8_t, 20>;

Sha256Digest sha256(const std::uint8_t* data, std::size_t size);
Sha1Digest sha1(const std::uint8_t* data, std::size_t size);

// SecretBytes holds private-key material and wipes it (mbedtls_platform_zeroize) when destroyed.
class SecretBytes {
 public:
  SecretBytes() = default;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

// wipe overwrites memory that held secret material with zeros in a way the compiler keeps.
void wipe(void* data, std::size_t size);

// base64_decode_secret decodes a private-key PEM body (whitespace already removed) with mbedTLS's
// constant-time decoder. Returns false on malformed base64.
bool base64_decode_secret(std::string_view body, SecretBytes* out);

// PublicFromPrivate is the result of derive_public_key: the SPKI DER of the key's public half, or
// an error message that never contains key material.
struct PublicFromPrivate {
  std::vector<std::uint8_t> spki;
  std::string error;
};

// derive_public_key parses a DER private key (PKCS#8, PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey)
// with mbedTLS and writes its public key as SubjectPublicKeyInfo DER.
PublicFromPrivate derive_public_key(const std::vector<std::uint8_t>& private_der);

// ed25519_public_key computes the public key A = [s]B of an Ed25519 private key (the 32-byte
// seed of RFC 8032 §5.1.5), since mbedTLS 2.28 has no EdDSA. Slow (affine big-number arithmetic,
// a few milliseconds) but only run for pasted private keys. Intermediate secrets are wiped.
std::optional<std::array<std::uint8_t, 32>> ed25519_public_key(const std::uint8_t* seed);

// SignatureCheck is the outcome of verify_signature: nullopt when mbedTLS cannot check this
// algorithm or key.
using SignatureCheck = std::optional<bool>;

// verify_signature checks `signature` over `tbs` with the issuer's SubjectPublicKeyInfo.
// sig_alg_oid selects the hash and scheme (RFC 4055 / RFC 5758 OIDs); pss_params is the DER of
// RSASSA-PSS-params when the OID is id-RSASSA-PSS.
SignatureCheck verify_signature(ByteView issuer_spki, const std::string& sig_alg_oid,
                                ByteView pss_params, ByteView tbs, ByteView signature);

// key_supported is true when mbedTLS can parse this SubjectPublicKeyInfo.
bool key_supported(ByteView spki);

// version returns the mbedTLS version string ("2.28.3").
std::string version();

}  // namespace pincalc::crypto

#endif  // PINCALC_SRC_MBEDTLS_BACKEND_HPP
