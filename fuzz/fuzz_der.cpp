// fuzz_der.cpp: libFuzzer target for the DER reader and SPKI location on raw bytes (no PEM).
// Properties: never reads out of bounds (ASan); every element it returns lies inside the input;
// a block that parses yields items whose SPKI is a slice of the input or a key derived from it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "der.hpp"
#include "pincalc/pincalc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const pincalc::ByteView all{data, size};
  pincalc::der::Reader reader(all);
  while (!reader.at_end()) {
    pincalc::der::Tlv tlv;
    pincalc::der::Error err;
    if (!reader.next(&tlv, &err)) break;
    if (tlv.whole.data < data || tlv.whole.data + tlv.whole.size > data + size) std::abort();
    if (!pincalc::der::check_nesting(tlv, 32, &err) && err.offset > size) std::abort();
  }
  pincalc::Options options;
  options.now = 1800000000;
  options.pins_only = (size & 1) != 0;  // both the fast path and the full parse
  const std::vector<pincalc::Source> sources{
      {"fuzz.der", std::string_view(reinterpret_cast<const char*>(data), size)}};
  const pincalc::Report report = pincalc::build_report(sources, options);
  for (const auto& item : report.items) {
    if (item.pins.sha256.size() != 44) std::abort();
  }
  return 0;
}
