// fuzz_report.cpp: libFuzzer target for the whole input path — scanning, DER, X.509/CSR/key/PKCS#7
// parsing, chains and the JSON report. Properties: never crashes; every reported pin is 44 base64
// characters and equals the SHA-256 of the SPKI bytes it reports; the JSON always renders.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pincalc/pincalc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  pincalc::Options options;
  options.now = 1800000000;  // fixed, so runs are reproducible
  const std::vector<pincalc::Source> sources{{"fuzz", bytes}};
  const pincalc::Report report = pincalc::build_report(sources, options);
  for (const auto& item : report.items) {
    if (item.pins.sha256.size() != 44) std::abort();
    if (pincalc::pin_spki(item.spki.data(), item.spki.size()).sha256 != item.pins.sha256) {
      std::abort();
    }
  }
  if (pincalc::report_to_json(report, -1).empty()) std::abort();
  return 0;
}
