// pin.hpp: pins and fingerprints. A pin is the SHA-256 of the DER SubjectPublicKeyInfo exactly as
// it appears in the certificate (RFC 7469 §2.4); a fingerprint hashes the whole certificate and
// changes at every renewal.
#ifndef PINCALC_PIN_HPP
#define PINCALC_PIN_HPP

#include <cstddef>
#include <cstdint>
#include <string>

namespace pincalc {

struct Pins {
  std::string sha256;           // base64, 44 characters: the value Android, iOS, OkHttp pin
  std::string sha256_hex;       // lowercase hex, 64 characters
  std::string sha256_prefixed;  // "sha256/" + base64 (OkHttp, Ktor)
  std::string sha1;             // base64 of SHA-1 over the SPKI (legacy libraries)
};

struct Fingerprints {
  std::string sha256;  // uppercase colon-separated hex of SHA-256 over the certificate DER
  std::string sha1;    // the same with SHA-1
};

// pin_spki computes every pin form of the DER SubjectPublicKeyInfo at spki[0, size).
Pins pin_spki(const std::uint8_t* spki, std::size_t size);

// pin_spki_sha256 computes only the SHA-256 forms (sha256, sha256_hex, sha256_prefixed).
Pins pin_spki_sha256(const std::uint8_t* spki, std::size_t size);

// fingerprint_der computes the whole-object fingerprints of DER bytes.
Fingerprints fingerprint_der(const std::uint8_t* der, std::size_t size);

// base64_encode returns the standard, padded base64 (RFC 4648 §4) of data.
std::string base64_encode(const std::uint8_t* data, std::size_t size);

}  // namespace pincalc

#endif  // PINCALC_PIN_HPP
