// pincalc_bench.cpp: native speed of the core beside OpenSSL in the same binary.
//   BM_Sha256/<impl>/<size>      SHA-256 throughput, mbedTLS (our seam) vs OpenSSL EVP
//   BM_PinCertificate/<impl>/<k> one certificate PEM → SPKI → SHA-256 → base64
//   BM_Report/<corpus>           the full report (subjects, validity, chains) per certificate
// Each case checks its answer against OpenSSL once before timing; a mismatch aborts the run.
// Corpora: the system CA bundle, and that bundle repeated to ~10,000 certificates.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "mbedtls_backend.hpp"
#include "pincalc/pincalc.hpp"

namespace {

constexpr const char* kBundle = "/etc/ssl/certs/ca-certificates.crt";

std::string read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

const std::string& bundle() {
  static const std::string b = read_file(kBundle);
  return b;
}

void die(const char* what) {
  std::fprintf(stderr, "pincalc_bench: %s\n", what);
  std::abort();
}

std::vector<unsigned char> openssl_sha256(const unsigned char* data, std::size_t size) {
  std::vector<unsigned char> out(32);
  unsigned int len = 0;
  EVP_Digest(data, size, out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

// openssl_pins returns the pins of every certificate of a PEM bundle, computed by OpenSSL: the
// reference answer and the competitor in BM_Report.
std::vector<std::string> openssl_pins(const std::string& pem) {
  std::vector<std::string> pins;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    unsigned char* der = nullptr;
    const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
    const auto digest = openssl_sha256(der, static_cast<std::size_t>(len));
    pins.push_back(pincalc::base64_encode(digest.data(), digest.size()));
    OPENSSL_free(der);
    X509_free(cert);
  }
  BIO_free(bio);
  return pins;
}

void BM_Sha256(benchmark::State& state, bool use_openssl) {
  const std::vector<unsigned char> data(static_cast<std::size_t>(state.range(0)), 0x5A);
  const auto mine = pincalc::crypto::sha256(data.data(), data.size());
  if (std::vector<unsigned char>(mine.begin(), mine.end()) !=
      openssl_sha256(data.data(), data.size())) {
    die("mbedTLS SHA-256 differs from OpenSSL's");
  }
  for (auto _ : state) {
    if (use_openssl) {
      benchmark::DoNotOptimize(openssl_sha256(data.data(), data.size()));
    } else {
      benchmark::DoNotOptimize(pincalc::crypto::sha256(data.data(), data.size()));
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK_CAPTURE(BM_Sha256, mbedtls, false)
    ->Arg(64)
    ->Arg(294)
    ->Arg(1024)
    ->Arg(65536)
    ->Arg(1 << 20);
BENCHMARK_CAPTURE(BM_Sha256, openssl, true)->Arg(64)->Arg(294)->Arg(1024)->Arg(65536)->Arg(1 << 20);

// One certificate of each key type, made by openssl once per run.
std::string make_cert(const char* keyspec) {
  const std::string dir = "/tmp/pincalc_bench_" + std::to_string(getpid());
  const std::string cmd = "mkdir -p " + dir + " && cd " + dir + " && openssl req -x509 -new " +
                          keyspec + " -nodes -keyout k.pem -subj /CN=bench -days 30 -out c.pem " +
                          ">/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) die("openssl could not make a certificate");
  std::string pem = read_file((dir + "/c.pem").c_str());
  std::system(("rm -rf " + dir).c_str());
  return pem;
}

void BM_PinCertificate(benchmark::State& state, const char* keyspec, bool use_openssl) {
  const std::string pem = make_cert(keyspec);
  const std::vector<pincalc::Source> sources{{"bench", pem}};
  const auto expected = openssl_pins(pem);
  const auto report = pincalc::build_report(sources);
  if (expected.size() != 1 || report.items.size() != 1 ||
      report.items[0].pins.sha256 != expected[0]) {
    die("pin differs from OpenSSL's");
  }
  for (auto _ : state) {
    if (use_openssl) {
      benchmark::DoNotOptimize(openssl_pins(pem));
    } else {
      benchmark::DoNotOptimize(pincalc::build_report(sources));
    }
  }
  state.counters["pins/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_PinCertificate, pincalc_rsa2048, "-newkey rsa:2048", false);
BENCHMARK_CAPTURE(BM_PinCertificate, openssl_rsa2048, "-newkey rsa:2048", true);
BENCHMARK_CAPTURE(BM_PinCertificate, pincalc_rsa4096, "-newkey rsa:4096", false);
BENCHMARK_CAPTURE(BM_PinCertificate, openssl_rsa4096, "-newkey rsa:4096", true);
BENCHMARK_CAPTURE(BM_PinCertificate, pincalc_p256, "-newkey ec -pkeyopt ec_paramgen_curve:P-256",
                  false);
BENCHMARK_CAPTURE(BM_PinCertificate, openssl_p256, "-newkey ec -pkeyopt ec_paramgen_curve:P-256",
                  true);
BENCHMARK_CAPTURE(BM_PinCertificate, pincalc_ed25519, "-newkey ed25519", false);
BENCHMARK_CAPTURE(BM_PinCertificate, openssl_ed25519, "-newkey ed25519", true);

void BM_Report(benchmark::State& state, int copies, bool use_openssl, bool pins_only = false) {
  std::string corpus;
  for (int i = 0; i < copies; ++i) corpus += bundle();
  const std::vector<pincalc::Source> sources{{"bundle", corpus}};
  const auto expected = openssl_pins(corpus);
  pincalc::Options options;
  options.pins_only = pins_only;
  const auto report = pincalc::build_report(sources, options);
  if (report.items.size() != expected.size() || expected.empty()) die("item count differs");
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (report.items[i].pins.sha256 != expected[i]) die("a bundle pin differs from OpenSSL's");
  }
  for (auto _ : state) {
    if (use_openssl) {
      benchmark::DoNotOptimize(openssl_pins(corpus));
    } else {
      benchmark::DoNotOptimize(pincalc::build_report(sources, options));
    }
  }
  state.counters["certs/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * expected.size()), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_Report, pincalc_ca_bundle, 1, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, openssl_pins_ca_bundle, 1, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, pincalc_10k, 70, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, openssl_pins_10k, 70, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, pincalc_pins_only_10k, 70, false, true)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
