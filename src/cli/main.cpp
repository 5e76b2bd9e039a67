// main.cpp: the pincalc command-line tool. Every mode calls build_report(); the JSON it prints is
// the same report_to_json() the WASM module returns.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "pincalc/pincalc.hpp"
#include "table.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;

struct Input {
  std::string name;
  std::string bytes;
  std::string read_error;
};

Input read_input(const std::string& path, std::size_t limit) {
  Input in;
  in.name = path;
  if (path == "-") {
    in.name = "-";
    std::string data;
    char buf[65536];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
      data.append(buf, static_cast<std::size_t>(std::cin.gcount()));
      if (data.size() > limit) break;  // build_report refuses it; stop reading here
    }
    in.bytes = std::move(data);
    return in;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    in.read_error = "is a directory";
    return in;
  }
  const auto size = std::filesystem::file_size(path, ec);
  std::ifstream f(path, std::ios::binary);
  if (ec || !f) {
    in.read_error = "cannot read the file";
    return in;
  }
  if (size > limit) {
    // Read one byte past the limit so build_report reports the size, without loading the file.
    in.bytes.resize(limit + 1);
    f.read(in.bytes.data(), static_cast<std::streamsize>(limit + 1));
    in.bytes.resize(static_cast<std::size_t>(f.gcount()));
    return in;
  }
  in.bytes.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "pincalc: SPKI pins (RFC 7469: base64 SHA-256 of the SubjectPublicKeyInfo) and fingerprints "
      "for certificates, chains, bundles, CSRs, PKCS#7 bags, public and private keys, in PEM, DER "
      "or base64.",
      "pincalc"};
  app.set_version_flag("--version", std::string("pincalc 0.1.0"));
  std::vector<std::string> files;
  bool json = false, pin_only = false;
  std::string now_text;
  std::size_t max_input = pincalc::Limits{}.max_input_bytes;
  int expiry_days = 30;
  app.add_option("files", files, "Files to read; '-' or nothing reads standard input")
      ->type_name("FILE|-");
  auto* json_flag = app.add_flag("--json", json, "Print the JSON report (schema pincalc/1)");
  app.add_flag("--pin-only", pin_only, "Print one SPKI SHA-256 pin (base64) per line")
      ->excludes(json_flag);
  app.add_option(
      "--now", now_text,
      "Judge validity at this time instead of now (RFC 3339, e.g. 2027-01-01T00:00:00Z)");
  app.add_option("--max-input-size", max_input, "Largest input accepted, per file (default 16MiB)")
      ->transform(CLI::AsSizeValue(false));
  app.add_option("--expiry-warning-days", expiry_days,
                 "Warn about certificates that expire within this many days")
      ->capture_default_str()
      ->check(CLI::Range(0, 36500));
  app.footer(
      "Exit status: 0 when every input gave a pin, 1 when some input was rejected (the good ones "
      "are still printed), 2 for usage errors.\nExamples:\n  pincalc "
      "/etc/ssl/certs/ca-certificates.crt\n  openssl s_client -connect example.com:443 "
      "-showcerts </dev/null | pincalc\n  pincalc --json chain.pem backup.csr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  pincalc::Options options;
  options.limits.max_input_bytes = max_input;
  options.expiry_warning_days = expiry_days;
  if (!now_text.empty() && !pincalc::parse_time(now_text, &options.now)) {
    std::cerr << "pincalc: --now: expected an RFC 3339 UTC time like 2027-01-01T00:00:00Z\n";
    return kExitUsage;
  }
  if (files.empty()) {
    if (isatty(fileno(stdin))) {
      std::cerr << "pincalc: no input. Give files, or pipe certificates in (see --help)\n";
      return kExitUsage;
    }
    files.push_back("-");
  }

  std::vector<Input> inputs;
  inputs.reserve(files.size());
  bool failed = false;
  for (const auto& path : files) {
    inputs.push_back(read_input(path, max_input));
    if (!inputs.back().read_error.empty()) {
      std::cerr << "pincalc: " << path << ": " << inputs.back().read_error << '\n';
      failed = true;
    }
  }
  std::vector<pincalc::Source> sources;
  for (const auto& in : inputs) {
    if (in.read_error.empty()) sources.push_back({in.name, in.bytes});
  }
  const pincalc::Report report = pincalc::build_report(sources, options);

  if (json) {
    std::cout << pincalc::report_to_json(report) << '\n';
  } else if (pin_only) {
    for (const auto& item : report.items) std::cout << item.pins.sha256 << '\n';
  } else {
    pincalc::cli::print_table(report, std::cout);
  }
  for (const auto& e : report.errors) {
    std::cerr << "pincalc: " << e.source << ": " << pincalc::cli::terminal_safe(e.message) << '\n';
  }
  std::cout.flush();
  return failed || !report.errors.empty() ? kExitRejected : kExitOk;
}
