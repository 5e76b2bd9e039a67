// fuzz_config.cpp: libFuzzer target for the configuration checker's parsers and the pin
// normalizer. Properties: never crashes; every pin it reports as well-formed has a canonical form
// that normalizes to itself; the check JSON always renders.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pincalc/pincalc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const pincalc::Report empty;
  const pincalc::ParsedConfig config = pincalc::parse_config(text, &empty);
  for (const auto& domain : config.domains) {
    for (const auto& p : domain.pins) {
      if (p.pin.error.empty() &&
          pincalc::normalize_pin(p.pin.canonical).canonical != p.pin.canonical) {
        std::abort();
      }
    }
  }
  if (pincalc::config_check_to_json(pincalc::check_config(config, empty)).empty()) std::abort();
  for (const auto& p : pincalc::normalize_pins(text)) {
    if (p.error.empty() && (p.canonical.size() != 44 && p.canonical.size() != 28)) std::abort();
  }
  return 0;
}
