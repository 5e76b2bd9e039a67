// fetch.hpp: the certificate chain a live server presents (native builds only: browsers cannot
// open raw TLS connections). Uses mbedTLS's TLS 1.2 client; see src/mbedtls_tls.cpp.
#ifndef PINCALC_FETCH_HPP
#define PINCALC_FETCH_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace pincalc {

struct FetchOptions {
  std::string host;
  int port = 443;
  std::string servername;  // SNI and the name verified; default: host
  int timeout_ms = 10000;  // for the connection and for each read of the handshake
  std::string ca_file = "/etc/ssl/certs/ca-certificates.crt";  // trust store to verify against
};

struct FetchResult {
  std::string error;      // why no chain was received ("connection refused", "timed out", …)
  std::string chain_der;  // the certificates exactly as presented, concatenated DER, leaf first
  int certificates = 0;
  bool verified = false;
  std::string verify_error;  // what verification said when it failed
  std::string root_der;      // the trust-store certificate that completes the chain, when verified
};

// fetch_chain connects, performs a TLS handshake that records the chain (verification failures do
// not stop it), and verifies it against options.ca_file and the server name.
FetchResult fetch_chain(const FetchOptions& options);

}  // namespace pincalc

#endif  // PINCALC_FETCH_HPP
