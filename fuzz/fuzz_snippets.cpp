// fuzz_snippets.cpp: libFuzzer target for snippet rendering with arbitrary domains and options.
// The input is split on NUL: domain, expiration, then the certificate input (without two NULs the
// whole input is the certificate input, for api.example.com). Properties: invalid
// options render nothing; every rendered snippet contains no byte of an invalid domain's raw text
// and no unescaped control character from the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "pincalc/pincalc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string all(reinterpret_cast<const char*>(data), size);
  const std::size_t a = all.find('\0');
  const std::size_t b = a == std::string::npos ? std::string::npos : all.find('\0', a + 1);
  const bool split = b != std::string::npos;
  const std::string domain = split ? all.substr(0, a) : "api.example.com";
  const std::string expiration = split ? all.substr(a + 1, b - a - 1) : "";
  const std::string input = split ? all.substr(b + 1) : all;
  pincalc::Options options;
  options.now = 1800000000;
  const std::vector<pincalc::Source> sources{{"fuzz", input}};
  const pincalc::Report report = pincalc::build_report(sources, options);
  pincalc::SnippetOptions so;
  so.domains = {domain};
  so.expiration = expiration;
  so.include_subdomains = (size & 1) != 0;
  so.enforce = (size & 2) != 0;
  const pincalc::SnippetSet set = pincalc::render_snippets(report, so, {"all"});
  std::string normalized, error;
  const bool domain_ok = pincalc::normalize_domain(domain, &normalized, &error);
  if (!domain_ok && !set.snippets.empty()) std::abort();
  for (const auto& s : set.snippets) {
    for (unsigned char c : s.text) {
      if (c < 0x20 && c != '\n' && c != '\t') std::abort();  // a raw control byte leaked through
    }
  }
  if (pincalc::snippets_to_json(set).empty()) std::abort();
  return 0;
}
