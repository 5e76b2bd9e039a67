// mbedtls_tls.cpp: fetch_chain() — the second (and last) file that calls mbedTLS: its TLS client.
// Native only. The handshake runs with verification OPTIONAL so the chain is recorded whatever
// the verdict; the verdict is reported, not enforced.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"
#include "pincalc/fetch.hpp"

namespace pincalc {
namespace {

// Tls owns every mbedTLS context of one connection (init in the constructor, free in reverse).
struct Tls {
  Tls() {
    mbedtls_net_init(&net);
    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);
    mbedtls_x509_crt_init(&ca);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_entropy_init(&entropy);
  }
  ~Tls() {
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_x509_crt_free(&ca);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    mbedtls_net_free(&net);
  }
  Tls(const Tls&) = delete;
  Tls& operator=(const Tls&) = delete;
  mbedtls_net_context net;
  mbedtls_ssl_context ssl;
  mbedtls_ssl_config conf;
  mbedtls_x509_crt ca;
  mbedtls_ctr_drbg_context drbg;
  mbedtls_entropy_context entropy;
};

std::string mbedtls_message(int ret) {
  char buf[160];
  mbedtls_strerror(ret, buf, sizeof buf);
  return buf;
}

// connect_with_timeout opens a TCP connection (IPv4 or IPv6) within timeout_ms. Returns the
// socket, or -1 with *error.
int connect_with_timeout(const std::string& host, int port, int timeout_ms, std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const int gai = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
  if (gai != 0) {
    *error = "cannot resolve " + host + ": " + gai_strerror(gai);
    return -1;
  }
  int fd = -1;
  *error = "no address to connect to";
  for (addrinfo* a = res; a != nullptr; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    int rc = connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = poll(&p, 1, timeout_ms);
      if (rc == 0) {
        *error = "connection timed out after " + std::to_string(timeout_ms) + " ms";
        close(fd);
        fd = -1;
        continue;
      }
      int so_error = 0;
      socklen_t len = sizeof so_error;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
      rc = so_error == 0 ? 0 : -1;
      errno = so_error;
    }
    if (rc == 0) {
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      break;
    }
    *error = std::string("cannot connect: ") + std::strerror(errno);
    close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  return fd;
}

struct VerifyCapture {
  std::string top_der;  // the highest certificate of the verified path (the trust anchor)
  int top_depth = -1;
};

int capture_top(void* ctx, mbedtls_x509_crt* crt, int depth, uint32_t* /*flags*/) {
  auto* capture = static_cast<VerifyCapture*>(ctx);
  if (depth > capture->top_depth) {
    capture->top_depth = depth;
    capture->top_der.assign(reinterpret_cast<const char*>(crt->raw.p), crt->raw.len);
  }
  return 0;
}

}  // namespace

FetchResult fetch_chain(const FetchOptions& options) {
  FetchResult result;
  const std::string name = options.servername.empty() ? options.host : options.servername;
  Tls tls;
  const char* pers = "pincalc fetch";
  int ret = mbedtls_ctr_drbg_seed(&tls.drbg, mbedtls_entropy_func, &tls.entropy,
                                  reinterpret_cast<const unsigned char*>(pers), std::strlen(pers));
  if (ret != 0) {
    result.error = "random generator: " + mbedtls_message(ret);
    return result;
  }
  const int ca_ret = mbedtls_x509_crt_parse_file(&tls.ca, options.ca_file.c_str());
  if (ca_ret < 0) {
    result.error =
        "cannot read the trust store " + options.ca_file + ": " + mbedtls_message(ca_ret);
    return result;
  }
  mbedtls_ssl_config_defaults(&tls.conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                              MBEDTLS_SSL_PRESET_DEFAULT);
  mbedtls_ssl_conf_authmode(&tls.conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
  mbedtls_ssl_conf_ca_chain(&tls.conf, &tls.ca, nullptr);
  mbedtls_ssl_conf_rng(&tls.conf, mbedtls_ctr_drbg_random, &tls.drbg);
  mbedtls_ssl_conf_read_timeout(&tls.conf, static_cast<uint32_t>(options.timeout_ms));
  VerifyCapture capture;
  mbedtls_ssl_conf_verify(&tls.conf, capture_top, &capture);
  if ((ret = mbedtls_ssl_setup(&tls.ssl, &tls.conf)) != 0 ||
      (ret = mbedtls_ssl_set_hostname(&tls.ssl, name.c_str())) != 0) {
    result.error = "TLS setup: " + mbedtls_message(ret);
    return result;
  }
  tls.net.fd = connect_with_timeout(options.host, options.port, options.timeout_ms, &result.error);
  if (tls.net.fd < 0) return result;
  result.error.clear();
  mbedtls_ssl_set_bio(&tls.ssl, &tls.net, mbedtls_net_send, nullptr, mbedtls_net_recv_timeout);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms * 3);
  while ((ret = mbedtls_ssl_handshake(&tls.ssl)) != 0) {
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
      if (std::chrono::steady_clock::now() > deadline) {
        result.error = "the TLS handshake timed out";
        return result;
      }
      continue;
    }
    break;
  }
  // The chain as presented, even when the handshake failed after receiving it.
  const mbedtls_x509_crt* peer = mbedtls_ssl_get_peer_cert(&tls.ssl);
  for (const mbedtls_x509_crt* c = peer; c != nullptr && c->raw.len > 0; c = c->next) {
    result.chain_der.append(reinterpret_cast<const char*>(c->raw.p), c->raw.len);
    ++result.certificates;
  }
  if (ret != 0) {
    result.error = ret == MBEDTLS_ERR_SSL_TIMEOUT
                       ? "no answer from the server within " + std::to_string(options.timeout_ms) +
                             " ms (TLS handshake timed out)"
                       : "TLS handshake failed: " + mbedtls_message(ret);
    if (result.certificates == 0) return result;
  }
  const uint32_t flags = mbedtls_ssl_get_verify_result(&tls.ssl);
  result.verified = ret == 0 && flags == 0;
  if (flags != 0) {
    char buf[512];
    mbedtls_x509_crt_verify_info(buf, sizeof buf, "", flags);
    std::string info(buf);
    for (char& c : info) {
      if (c == '\n') c = ';';
    }
    while (!info.empty() && (info.back() == ';' || info.back() == ' ')) info.pop_back();
    result.verify_error = info;
  } else if (result.verified) {
    result.root_der = capture.top_der;
  }
  mbedtls_ssl_close_notify(&tls.ssl);
  return result;
}

}  // namespace pincalc
