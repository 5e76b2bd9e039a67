// main.cpp: the pincalc command-line tool. Every mode calls build_report(); the JSON it prints is
// the same report_to_json() the WASM module returns.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pincalc/fetch.hpp"
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
  std::size_t declared_size = 0;  // set (and bytes left empty) for a file over the size limit
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
    in.declared_size = static_cast<std::size_t>(size);  // refused by build_report, never read
    return in;
  }
  in.bytes.resize(static_cast<std::size_t>(size));
  f.read(in.bytes.data(), static_cast<std::streamsize>(size));
  in.bytes.resize(static_cast<std::size_t>(f.gcount()));  // the file may have shrunk meanwhile
  return in;
}

// Loaded is what load_report() read and analysed; sources borrow the inputs' bytes.
struct Loaded {
  std::vector<Input> inputs;
  pincalc::Report report;
  bool read_failed = false;
};

// load_report reads every file (or stdin) and builds the report: the one path every subcommand
// takes to the core.
int load_report(std::vector<std::string> files, const pincalc::Options& options, Loaded* out) {
  if (files.empty()) {
    if (isatty(fileno(stdin))) {
      std::cerr << "pincalc: no input. Give files, or pipe certificates in (see --help)\n";
      return kExitUsage;
    }
    files.push_back("-");
  }
  out->inputs.reserve(files.size());
  for (const auto& path : files) {
    out->inputs.push_back(read_input(path, options.limits.max_input_bytes));
    if (!out->inputs.back().read_error.empty()) {
      std::cerr << "pincalc: " << path << ": " << out->inputs.back().read_error << '\n';
      out->read_failed = true;
    }
  }
  std::vector<pincalc::Source> sources;
  for (const auto& in : out->inputs) {
    if (in.read_error.empty()) sources.push_back({in.name, in.bytes, in.declared_size});
  }
  out->report = pincalc::build_report(sources, options);
  for (const auto& e : out->report.errors) {
    std::cerr << "pincalc: " << e.source << ": " << pincalc::cli::terminal_safe(e.message) << '\n';
  }
  return kExitOk;
}

// SnippetArgs are the `pincalc snippet` options.
struct SnippetArgs {
  std::vector<std::string> files, targets, domains, roles, backups;
  std::vector<int> items;
  std::string expires, out_dir;
  bool include_subdomains = false, report_only = false, json = false, list_targets = false;
};

int run_snippet(const SnippetArgs& args, const pincalc::Options& options) {
  if (args.list_targets) {
    for (const auto& t : pincalc::snippet_targets()) {
      std::printf("%-34s %s — %s\n", t.id, t.title, t.summary);
    }
    return kExitOk;
  }
  std::vector<std::string> files = args.files;
  files.insert(files.end(), args.backups.begin(), args.backups.end());
  if (args.files.empty() && !args.backups.empty()) files.insert(files.begin(), "-");
  Loaded loaded;
  if (const int rc = load_report(files, options, &loaded); rc != kExitOk) return rc;
  pincalc::SnippetOptions so;
  so.domains = args.domains;
  so.include_subdomains = args.include_subdomains;
  so.expiration = args.expires;
  so.enforce = !args.report_only;
  so.roles = args.roles;
  for (int i : args.items) so.items.push_back(i - 1);  // the table numbers items from 1
  const std::set<std::string> backup_files(args.backups.begin(), args.backups.end());
  for (const auto& item : loaded.report.items) {
    if (backup_files.count(item.source)) so.backup_items.push_back(item.index);
  }
  const pincalc::SnippetSet set = pincalc::render_snippets(loaded.report, so, args.targets);
  if (!set.errors.empty()) {
    for (const auto& e : set.errors) std::cerr << "pincalc snippet: " << e << '\n';
    return kExitUsage;
  }
  bool lint_error = false;
  for (const auto& snip : set.snippets) {
    for (const auto& lint : snip.lints) {
      lint_error |= lint.severity == pincalc::LintSeverity::kError;
      if (!args.json) {
        std::cerr << snip.target << ": " << pincalc::lint_severity_name(lint.severity) << " ["
                  << lint.code << "] " << lint.message << '\n';
      }
    }
  }
  if (args.json) {
    std::cout << pincalc::snippets_to_json(set) << '\n';
  } else if (!args.out_dir.empty()) {
    for (const auto& snip : set.snippets) {
      const std::filesystem::path dir = std::filesystem::path(args.out_dir) / snip.target;
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      std::ofstream f(dir / snip.filename, std::ios::binary);
      f << snip.text;
      if (ec || !f) {
        std::cerr << "pincalc snippet: cannot write " << (dir / snip.filename).string() << '\n';
        return kExitRejected;
      }
      std::cout << (dir / snip.filename).string() << '\n';
    }
  } else if (set.snippets.size() == 1) {
    std::cout << set.snippets.front().text;
  } else {
    for (const auto& snip : set.snippets) {
      std::cout << "==> " << snip.target << ": " << snip.title << " (" << snip.filename << ") <==\n"
                << snip.text << '\n';
    }
  }
  std::cout.flush();
  return loaded.read_failed || !loaded.report.errors.empty() || lint_error ? kExitRejected
                                                                           : kExitOk;
}

std::string read_text(const std::string& path, std::size_t limit, bool* ok) {
  Input in = read_input(path, limit);
  *ok = in.read_error.empty();
  if (!*ok) std::cerr << "pincalc: " << path << ": " << in.read_error << '\n';
  return in.bytes;
}

// run_normalize: `pincalc normalize PIN... [--cert FILE]...`
int run_normalize(const std::vector<std::string>& pins, const std::vector<std::string>& certs,
                  bool json, const pincalc::Options& options) {
  Loaded loaded;
  const pincalc::Report* report = nullptr;
  if (!certs.empty()) {
    if (const int rc = load_report(certs, options, &loaded); rc != kExitOk) return rc;
    report = &loaded.report;
  }
  std::string text;
  if (pins.empty()) {
    bool ok = true;
    text = read_text("-", options.limits.max_input_bytes, &ok);
  } else {
    for (const auto& p : pins) text += p + "\n";
  }
  const auto result = pincalc::normalize_pins(text, report);
  bool bad = false;
  if (json) {
    std::cout << pincalc::normalized_pins_to_json(result) << '\n';
  }
  for (const auto& p : result) {
    bad |= !p.error.empty();
    if (json) continue;
    if (!p.error.empty()) {
      std::cerr << "pincalc normalize: " << pincalc::cli::terminal_safe(p.input) << ": " << p.error
                << '\n';
      continue;
    }
    std::cout << p.canonical << "  " << p.algorithm << " (" << p.form << ")";
    if (report != nullptr) {
      std::cout << "  " << pincalc::pin_match_name(p.match);
      for (int i : p.items) std::cout << " #" << i + 1;
    }
    std::cout << '\n';
    if (!p.note.empty() && p.match != pincalc::PinMatch::kSpki) {
      std::cout << "  note: " << p.note << '\n';
    }
  }
  return bad || loaded.read_failed || !loaded.report.errors.empty() ? kExitRejected : kExitOk;
}

// run_check: `pincalc check CONFIG FILE...`
int run_check(const std::string& config_path, const std::vector<std::string>& files, bool json,
              const pincalc::Options& options) {
  bool ok = true;
  const std::string config_text = read_text(config_path, options.limits.max_input_bytes, &ok);
  if (!ok) return kExitRejected;
  Loaded loaded;
  if (const int rc = load_report(files, options, &loaded); rc != kExitOk) return rc;
  const auto parsed = pincalc::parse_config(config_text, &loaded.report);
  const auto check = pincalc::check_config(parsed, loaded.report);
  bool breaks_today = false;
  for (const auto& d : check.domains) {
    for (const auto& s : d.scenarios) breaks_today |= s.name == "today" && !s.connects;
  }
  for (const auto& e : parsed.errors)
    std::cerr << "pincalc check: " << config_path << ": " << e << '\n';
  if (json) {
    std::cout << pincalc::config_check_to_json(check) << '\n';
  } else {
    std::cout << "format: " << parsed.format << '\n';
    for (const auto& d : check.domains) {
      std::cout << "\n"
                << d.policy.domain << (d.policy.include_subdomains ? " (+subdomains)" : "")
                << (d.policy.expiration.empty() ? "" : ", expires " + d.policy.expiration)
                << (d.policy.enforce ? "" : ", report-only") << '\n';
      for (const auto& p : d.policy.pins) {
        std::cout << "  line " << p.line << "  "
                  << (p.pin.canonical.empty() ? pincalc::cli::terminal_safe(p.pin.input)
                                              : p.pin.canonical)
                  << "  " << pincalc::pin_match_name(p.pin.match);
        for (int i : p.pin.items) {
          const auto& item = loaded.report.items[i];
          std::cout << " #" << i + 1 << " " << pincalc::role_name(item.role) << " "
                    << pincalc::cli::terminal_safe(item.subject);
        }
        std::cout << '\n';
      }
      for (const auto& s : d.scenarios) {
        std::cout << "  " << (s.connects ? "OK    " : "BREAKS") << " " << s.name << ": " << s.reason
                  << '\n';
      }
      for (const auto& w : d.warnings) std::cout << "  warning: " << w << '\n';
    }
  }
  return !parsed.errors.empty() || breaks_today || loaded.read_failed ? kExitRejected : kExitOk;
}

// run_diff: `pincalc diff OLD NEW`
int run_diff(const std::string& old_path, const std::string& new_path, bool json,
             const pincalc::Options& options) {
  Loaded old_loaded, new_loaded;
  if (const int rc = load_report({old_path}, options, &old_loaded); rc != kExitOk) return rc;
  if (const int rc = load_report({new_path}, options, &new_loaded); rc != kExitOk) return rc;
  const auto diff = pincalc::diff_renewal(old_loaded.report, new_loaded.report);
  if (json) {
    std::cout << pincalc::renewal_diff_to_json(diff) << '\n';
  } else {
    std::cout << (diff.same_key ? "same leaf key: leaf pins survive\n"
                                : "NEW leaf key: pins of the old leaf break\n");
    for (const auto& p : diff.removed_pins) std::cout << "- " << p << '\n';
    for (const auto& p : diff.added_pins) std::cout << "+ " << p << '\n';
  }
  return old_loaded.report.items.empty() || new_loaded.report.items.empty() ? kExitRejected
                                                                            : kExitOk;
}

// FetchArgs are the `pincalc fetch` options.
struct FetchArgs {
  std::string target, servername, ca_file = "/etc/ssl/certs/ca-certificates.crt", check;
  double timeout = 10;
  bool json = false, pin_only = false;
};

// run_fetch: `pincalc fetch HOST[:PORT]` — the chain as presented, its verification, and what
// every other command does with it.
int run_fetch(const FetchArgs& args, const pincalc::Options& options) {
  pincalc::FetchOptions fo;
  fo.host = args.target;
  const std::size_t colon = args.target.rfind(':');
  if (colon != std::string::npos && args.target.find(']') == std::string::npos &&
      args.target.find(':') == colon) {
    fo.host = args.target.substr(0, colon);
    fo.port = std::atoi(args.target.c_str() + colon + 1);
  } else if (!args.target.empty() && args.target.front() == '[') {
    const std::size_t close = args.target.find(']');
    fo.host = args.target.substr(1, close - 1);
    if (close + 1 < args.target.size() && args.target[close + 1] == ':') {
      fo.port = std::atoi(args.target.c_str() + close + 2);
    }
  }
  if (fo.host.empty() || fo.port <= 0 || fo.port > 65535) {
    std::cerr << "pincalc fetch: expected HOST[:PORT], got '" << args.target << "'\n";
    return kExitUsage;
  }
  fo.servername = args.servername;
  fo.timeout_ms = static_cast<int>(args.timeout * 1000);
  fo.ca_file = args.ca_file;
  const pincalc::FetchResult fetched = pincalc::fetch_chain(fo);
  if (fetched.certificates == 0) {
    std::cerr << "pincalc fetch: " << fo.host << ":" << fo.port << ": " << fetched.error << '\n';
    return kExitRejected;
  }
  const std::string source = fo.host + ":" + std::to_string(fo.port);
  const std::vector<pincalc::Source> sources{{source, fetched.chain_der}};
  const pincalc::Report report = pincalc::build_report(sources, options);
  std::string root_subject;
  if (!fetched.root_der.empty()) {
    const std::vector<pincalc::Source> root_source{{"trust store", fetched.root_der}};
    const pincalc::Report root = pincalc::build_report(root_source, options);
    if (!root.items.empty()) root_subject = root.items[0].subject;
  }
  if (!args.check.empty()) {
    bool ok = true;
    const std::string config_text = read_text(args.check, options.limits.max_input_bytes, &ok);
    if (!ok) return kExitRejected;
    const auto parsed = pincalc::parse_config(config_text, &report);
    const auto check = pincalc::check_config(parsed, report);
    std::cout << pincalc::config_check_to_json(check) << '\n';
    bool today = true;
    for (const auto& d : check.domains) {
      for (const auto& s : d.scenarios) today &= s.name != "today" || s.connects;
    }
    return parsed.errors.empty() && today ? kExitOk : kExitRejected;
  }
  if (args.json) {
    nlohmann::ordered_json j;
    j["schema"] = "pincalc-fetch/1";
    j["host"] = fo.host;
    j["port"] = fo.port;
    j["servername"] = fo.servername.empty() ? fo.host : fo.servername;
    j["certificates"] = fetched.certificates;
    j["verified"] = fetched.verified;
    j["verify_error"] = fetched.verify_error.empty() ? nlohmann::ordered_json(nullptr)
                                                     : nlohmann::ordered_json(fetched.verify_error);
    j["handshake_error"] = fetched.error.empty() ? nlohmann::ordered_json(nullptr)
                                                 : nlohmann::ordered_json(fetched.error);
    j["root"] = root_subject.empty() ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(root_subject);
    j["report"] = nlohmann::ordered_json::parse(pincalc::report_to_json(report));
    std::cout << j.dump(2) << '\n';
  } else if (args.pin_only) {
    for (const auto& item : report.items) std::cout << item.pins.sha256 << '\n';
  } else {
    std::cout << source << " presented " << fetched.certificates << " certificate"
              << (fetched.certificates == 1 ? "" : "s") << "; "
              << (fetched.verified ? "verifies against " + args.ca_file
                                   : "does NOT verify: " + fetched.verify_error)
              << '\n';
    if (!root_subject.empty()) {
      std::cout << "completed by the trusted root " << pincalc::cli::terminal_safe(root_subject)
                << '\n';
    }
    if (!fetched.error.empty()) std::cout << "note: " << fetched.error << '\n';
    pincalc::cli::print_table(report, std::cout);
  }
  return fetched.verified ? kExitOk : kExitRejected;
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
      "-showcerts </dev/null | pincalc\n  pincalc --json chain.pem backup.csr\n  pincalc snippet "
      "--target android --domain api.example.com chain.pem --backup backup.csr");

  SnippetArgs sa;
  CLI::App* snippet = app.add_subcommand(
      "snippet", "Pinning configuration for a platform (Android, iOS, TrustKit, OkHttp, curl, …)");
  snippet->fallthrough();  // --now and --max-input-size apply here too
  snippet->add_option("files", sa.files, "Certificates, chains, keys, CSRs to pin")
      ->type_name("FILE|-");
  snippet->add_option("--target,-t", sa.targets, "Target(s), comma-separated, or 'all'")
      ->delimiter(',')
      ->allow_extra_args(false);
  snippet->add_option("--domain,-d", sa.domains, "Hostname(s) to pin, comma-separated")
      ->delimiter(',')
      ->allow_extra_args(false);
  snippet->add_flag("--include-subdomains", sa.include_subdomains, "Also pin subdomains");
  snippet->add_option("--expires", sa.expires,
                      "Date (YYYY-MM-DD) after which pinning is switched OFF, where supported");
  snippet->add_flag("--report-only", sa.report_only, "Report failures only, where supported");
  snippet
      ->add_option("--pins", sa.roles,
                   "Pin by role: leaf,intermediate,root (default: leaf + "
                   "intermediates of the first chain)")
      ->delimiter(',')
      ->allow_extra_args(false);
  snippet->add_option("--item", sa.items, "Pin these items (numbers as in the table)")
      ->allow_extra_args(false);
  snippet
      ->add_option("--backup", sa.backups,
                   "Files holding backup keys (CSR, public or private key, certificate)")
      ->allow_extra_args(false);
  snippet->add_option("--out", sa.out_dir, "Write DIR/<target>/<file> per target");
  snippet->add_flag("--json", sa.json, "Print the snippets and lints as JSON");
  snippet->add_flag("--list-targets", sa.list_targets, "List the targets");

  std::vector<std::string> norm_pins, norm_certs;
  bool norm_json = false;
  CLI::App* normalize = app.add_subcommand(
      "normalize",
      "Read pins in any form (base64, hex, sha256/, sha256//, pin-sha256=…) and say "
      "what they are");
  normalize->fallthrough();
  normalize->add_option("pins", norm_pins, "Pins (or read them from standard input)");
  normalize->add_option("--cert", norm_certs, "Certificates or keys to match the pins against")
      ->allow_extra_args(false);
  normalize->add_flag("--json", norm_json, "Print JSON");

  std::string check_config_path;
  std::vector<std::string> check_files;
  bool check_json = false;
  CLI::App* check = app.add_subcommand(
      "check",
      "Check a deployed pinning configuration against a chain: today, after a leaf "
      "re-key, after an intermediate change, on the expiration date");
  check->fallthrough();
  check->add_option("config", check_config_path, "The configuration file")->required();
  check->add_option("files", check_files, "The server's chain, and backup keys");
  check->add_flag("--json", check_json, "Print JSON (schema pincalc-check/1)");

  std::string diff_old, diff_new;
  bool diff_json = false;
  CLI::App* diff = app.add_subcommand("diff", "Compare an old and a renewed certificate chain");
  diff->fallthrough();
  diff->add_option("old", diff_old, "The old chain")->required();
  diff->add_option("new", diff_new, "The new chain")->required();
  diff->add_flag("--json", diff_json, "Print JSON");

  FetchArgs fa;
  CLI::App* fetch = app.add_subcommand(
      "fetch",
      "Connect to a server and report the chain it presents (SNI set), whether it "
      "verifies, and its pins");
  fetch->fallthrough();
  fetch->add_option("target", fa.target, "HOST[:PORT] (default port 443)")->required();
  fetch->add_option("--servername", fa.servername, "SNI and name to verify (default: HOST)");
  fetch->add_option("--timeout", fa.timeout, "Seconds for the connection and each read")
      ->capture_default_str();
  fetch->add_option("--ca-file", fa.ca_file, "Trust store (PEM bundle)")->capture_default_str();
  fetch->add_option("--check", fa.check, "Check this configuration against the fetched chain");
  auto* fetch_json = fetch->add_flag("--json", fa.json, "Print JSON (schema pincalc-fetch/1)");
  fetch->add_flag("--pin-only", fa.pin_only, "One pin per line")->excludes(fetch_json);

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
  if (*snippet) return run_snippet(sa, options);
  if (*normalize) return run_normalize(norm_pins, norm_certs, norm_json, options);
  if (*check) return run_check(check_config_path, check_files, check_json, options);
  if (*diff) return run_diff(diff_old, diff_new, diff_json, options);
  if (*fetch) return run_fetch(fa, options);

  options.pins_only = pin_only;  // the fast path: nothing but the SPKI SHA-256 pins
  Loaded loaded;
  if (const int rc = load_report(files, options, &loaded); rc != kExitOk) return rc;
  const pincalc::Report& report = loaded.report;
  if (json) {
    std::cout << pincalc::report_to_json(report) << '\n';
  } else if (pin_only) {
    for (const auto& item : report.items) std::cout << item.pins.sha256 << '\n';
  } else {
    pincalc::cli::print_table(report, std::cout);
  }
  std::cout.flush();
  return loaded.read_failed || !report.errors.empty() ? kExitRejected : kExitOk;
}
