#include "pincalc/pin.hpp"

#include "base64.hpp"
#include "mbedtls_backend.hpp"

namespace pincalc {

Pins pin_spki_sha256(const std::uint8_t* spki, std::size_t size) {
  const auto d256 = crypto::sha256(spki, size);
  Pins p;
  p.sha256 = base64_encode(d256.data(), d256.size());
  p.sha256_hex = hex_lower(d256.data(), d256.size());
  p.sha256_prefixed = "sha256/" + p.sha256;
  return p;
}

Pins pin_spki(const std::uint8_t* spki, std::size_t size) {
  Pins p = pin_spki_sha256(spki, size);
  const auto d1 = crypto::sha1(spki, size);
  p.sha1 = base64_encode(d1.data(), d1.size());
  return p;
}

Fingerprints fingerprint_der(const std::uint8_t* der, std::size_t size) {
  const auto d256 = crypto::sha256(der, size);
  const auto d1 = crypto::sha1(der, size);
  return {hex_colon_upper(d256.data(), d256.size()), hex_colon_upper(d1.data(), d1.size())};
}

}  // namespace pincalc
