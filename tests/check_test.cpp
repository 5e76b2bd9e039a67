// check_test.cpp: the pin normalizer, the configuration parsers and the scenario verdicts. Pins
// and fingerprints come from openssl (expected.tsv); configurations are written by hand in each
// platform's documented style (../shared/reference/platform-formats.md) and by our own snippet
// generator (round trip).
#include <gtest/gtest.h>

#include <string>

#include "pincalc/pincalc.hpp"
#include "test_util.hpp"

namespace pincalc {
namespace {

class CheckTest : public test::FixturesTest {
 protected:
  void SetUp() override {
    test::FixturesTest::SetUp();
    load("chain.pem", &chain_);
    load("csr.pem", &csr_);
    std::string error;
    auto table = test::read_table(path("expected.tsv"), &error);
    ASSERT_TRUE(table) << error;
    for (const auto& row : table->rows) {
      if (row.at("file") == "chain.pem") {
        pins_.push_back(row.at("spki_sha256"));
        fingerprints_.push_back(row.at("fp_sha256"));
      }
      if (row.at("file") == "csr.pem") backup_ = row.at("spki_sha256");
    }
    ASSERT_EQ(pins_.size(), 3u);
    const std::vector<Source> sources{{"chain.pem", chain_}, {"backup.csr", csr_}};
    report_ = build_report(sources);
    ASSERT_EQ(report_.items.size(), 4u);
  }

  const Scenario& scenario(const DomainCheck& d, const std::string& name) {
    for (const auto& s : d.scenarios) {
      if (s.name == name) return s;
    }
    ADD_FAILURE() << "no scenario " << name;
    static Scenario none;
    return none;
  }

  std::string chain_, csr_, backup_;
  std::vector<std::string> pins_, fingerprints_;
  Report report_;
};

TEST_F(CheckTest, NormalizesEveryForm) {
  const std::string leaf = pins_[0];
  auto hex = test::base64_to_hex(leaf);
  ASSERT_TRUE(hex);
  std::string colon;
  for (std::size_t i = 0; i < hex->size(); i += 2) colon += (i ? ":" : "") + hex->substr(i, 2);
  std::string url = leaf;
  for (char& c : url) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (url.back() == '=') url.pop_back();
  const struct {
    std::string input;
    const char* form;
  } cases[] = {
      {leaf, "base64"},
      {"sha256/" + leaf, "okhttp"},
      {"sha256//" + leaf, "curl"},
      {"pin-sha256=\"" + leaf + "\"", "hpkp"},
      {"b'" + leaf + "'", "python-bytes"},
      {*hex, "hex"},
      {colon, "colon-hex"},
      // A pin without '+' or '/' (one in four) reads the same in both alphabets: unpadded base64.
      {url, url.find_first_of("-_") != std::string::npos ? "base64url" : "unpadded"},
  };
  for (const auto& c : cases) {
    const NormalizedPin p = normalize_pin(c.input, &report_);
    EXPECT_TRUE(p.error.empty()) << c.input << ": " << p.error;
    EXPECT_EQ(p.canonical, leaf) << c.input;
    EXPECT_EQ(p.form, c.form) << c.input;
    EXPECT_EQ(p.algorithm, "sha256");
    EXPECT_EQ(p.match, PinMatch::kSpki) << c.input;
    EXPECT_EQ(p.items, std::vector<int>{0});
  }
}

TEST_F(CheckTest, CertificateFingerprintIsCalledOut) {
  const NormalizedPin p = normalize_pin(fingerprints_[0], &report_);  // openssl's colon form
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.match, PinMatch::kCertificate);
  EXPECT_NE(p.note.find("certificate fingerprint, not a public-key pin"), std::string::npos);
}

TEST_F(CheckTest, MalformedPinsGetPreciseErrors) {
  EXPECT_NE(normalize_pin("AAAA").error.find("decodes to 3 bytes"), std::string::npos);
  EXPECT_NE(normalize_pin("sha1/" + pins_[0]).error.find("prefix says sha1"), std::string::npos);
  EXPECT_NE(normalize_pin("not a pin!").error.find("neither base64 nor hex"), std::string::npos);
  EXPECT_NE(normalize_pin("").error.find("empty"), std::string::npos);
}

// One pin in 64 starts with '/': OkHttp writes it "sha256//...", which is not curl's form.
TEST_F(CheckTest, OkHttpPinStartingWithSlashIsNotCurl) {
  const std::string pin = "/" + std::string(42, 'A') + "=";  // 32 bytes, first byte 0xFC
  const NormalizedPin okhttp = normalize_pin("sha256/" + pin);
  EXPECT_TRUE(okhttp.error.empty()) << okhttp.error;
  EXPECT_EQ(okhttp.form, "okhttp");
  EXPECT_EQ(okhttp.canonical, pin);
  const NormalizedPin curl = normalize_pin("sha256//" + pin);
  EXPECT_TRUE(curl.error.empty()) << curl.error;
  EXPECT_EQ(curl.form, "curl");
  EXPECT_EQ(curl.canonical, pin);
  const ParsedConfig c = parse_config(
      "CertificatePinner.Builder()\n    .add(\"a.example.com\", \"sha256/" + pin + "\")\n");
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  ASSERT_EQ(c.domains.size(), 1u);
  ASSERT_EQ(c.domains[0].pins.size(), 1u);
  EXPECT_EQ(c.domains[0].pins[0].pin.canonical, pin);
}

TEST_F(CheckTest, SplitsListsAndHeaders) {
  const std::string header = "Public-Key-Pins: pin-sha256=\"" + pins_[0] + "\"; pin-sha256=\"" +
                             pins_[1] + "\"; max-age=5184000; includeSubDomains";
  const auto pins = normalize_pins(header);
  ASSERT_EQ(pins.size(), 2u);
  EXPECT_EQ(pins[1].canonical, pins_[1]);
  const auto curl = normalize_pins("sha256//" + pins_[0] + ";sha256//" + pins_[2]);
  ASSERT_EQ(curl.size(), 2u);
  EXPECT_EQ(curl[1].canonical, pins_[2]);
}

// Hand-written configurations in each platform's documented style.
TEST_F(CheckTest, AndroidNestedDomainConfigInheritsPins) {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<network-security-config>\n"
      "  <domain-config>\n"
      "    <domain includeSubdomains=\"true\">example.com</domain>\n"
      "    <pin-set expiration=\"2099-01-01\">\n"
      "      <pin digest=\"SHA-256\">" +
      pins_[1] +
      "</pin>\n"
      "      <pin digest=\"SHA-256\">" +
      backup_ +
      "</pin>\n"
      "    </pin-set>\n"
      "    <domain-config>\n"
      "      <domain>api.example.com</domain>\n"
      "    </domain-config>\n"
      "  </domain-config>\n"
      "</network-security-config>\n";
  const ParsedConfig c = parse_config(xml, &report_);
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  EXPECT_EQ(c.format, "android-nsc");
  ASSERT_EQ(c.domains.size(), 2u);
  EXPECT_TRUE(c.domains[0].include_subdomains);
  EXPECT_EQ(c.domains[0].expiration, "2099-01-01");
  EXPECT_EQ(c.domains[1].domain, "api.example.com");
  ASSERT_EQ(c.domains[1].pins.size(), 2u);
  EXPECT_EQ(c.domains[1].pins[0].line, 6);
  const ConfigCheck check = check_config(c, report_);
  const DomainCheck& d = check.domains[0];
  EXPECT_TRUE(scenario(d, "today").connects);
  EXPECT_TRUE(scenario(d, "leaf_rekeyed").connects);  // intermediate + backup pinned
  EXPECT_FALSE(scenario(d, "intermediate_replaced").connects);
  // Pinning switches off in 2099, but by then the leaf (valid until 2028) has long expired.
  EXPECT_FALSE(scenario(d, "on_expiration").connects);
  EXPECT_NE(scenario(d, "on_expiration").reason.find("expired"), std::string::npos);
}

TEST_F(CheckTest, IosAtsBothCategoriesMustMatch) {
  const std::string plist =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
      "<key>NSAppTransportSecurity</key>\n<dict>\n<key>NSPinnedDomains</key>\n<dict>\n"
      "<key>example.com</key>\n<dict>\n"
      "<key>NSPinnedLeafIdentities</key><array><dict><key>SPKI-SHA256-BASE64</key><string>" +
      backup_ +
      "</string></dict></array>\n"
      "<key>NSPinnedCAIdentities</key><array><dict><key>SPKI-SHA256-BASE64</key><string>" +
      pins_[1] + "</string></dict></array>\n</dict>\n</dict>\n</dict>\n</dict>\n</plist>\n";
  const ParsedConfig c = parse_config(plist, &report_);
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  EXPECT_EQ(c.format, "ios-ats");
  ASSERT_EQ(c.domains.size(), 1u);
  ASSERT_EQ(c.domains[0].pins.size(), 2u);
  EXPECT_EQ(c.domains[0].pins[0].category, "leaf");
  const ConfigCheck check = check_config(c, report_);
  // The CA identity matches, but the leaf identity is only the backup: ATS refuses today.
  EXPECT_FALSE(scenario(check.domains[0], "today").connects);
  EXPECT_TRUE(scenario(check.domains[0], "leaf_rekeyed").connects);
}

TEST_F(CheckTest, TrustKitSwiftAsDocumented) {
  const std::string swift =
      "let trustKitConfig: [String: Any] = [\n"
      "    kTSKSwizzleNetworkDelegates: false,\n"
      "    kTSKPinnedDomains: [\n"
      "        \"example.com\": [\n"
      "            kTSKIncludeSubdomains: true,\n"
      "            kTSKEnforcePinning: false,\n"
      "            kTSKExpirationDate: \"2026-12-31\",\n"
      "            kTSKPublicKeyHashes: [\n"
      "                \"" +
      pins_[0] +
      "\",\n"
      "                \"" +
      pins_[2] +
      "\",\n"
      "            ],\n"
      "        ],\n"
      "    ],\n"
      "]\n";
  const ParsedConfig c = parse_config(swift, &report_);
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  EXPECT_EQ(c.format, "trustkit-swift");
  ASSERT_EQ(c.domains.size(), 1u);
  EXPECT_FALSE(c.domains[0].enforce);
  EXPECT_EQ(c.domains[0].expiration, "2026-12-31");
  ASSERT_EQ(c.domains[0].pins.size(), 2u);
  EXPECT_EQ(c.domains[0].pins[1].line, 10);
  EXPECT_EQ(c.domains[0].pins[1].pin.items, std::vector<int>{2});  // the root
}

TEST_F(CheckTest, OkHttpJavaWithDoubleStar) {
  const std::string java =
      "CertificatePinner certificatePinner = new CertificatePinner.Builder()\n"
      "    .add(\"**.example.com\", \"sha256/" +
      pins_[0] +
      "\")\n"
      "    .add(\"example.com\", \"sha256/" +
      pins_[0] + "\", \"sha256/" + pins_[1] +
      "\")\n"
      "    .build();\n";
  const ParsedConfig c = parse_config(java, &report_);
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  EXPECT_EQ(c.format, "okhttp");
  ASSERT_EQ(c.domains.size(), 1u);
  EXPECT_TRUE(c.domains[0].include_subdomains);
  EXPECT_EQ(c.domains[0].pins.size(), 2u);
  const ConfigCheck check = check_config(c, report_);
  EXPECT_TRUE(scenario(check.domains[0], "today").connects);
  EXPECT_TRUE(scenario(check.domains[0], "leaf_rekeyed").connects);           // intermediate pinned
  EXPECT_TRUE(scenario(check.domains[0], "intermediate_replaced").connects);  // leaf pinned
}

TEST_F(CheckTest, CurlChecksTheLeafOnly) {
  const std::string cmd = "curl --pinnedpubkey 'sha256//" + pins_[1] + ";sha256//" + pins_[2] +
                          "' https://api.example.com/health\n";
  const ParsedConfig c = parse_config(cmd, &report_);
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  EXPECT_EQ(c.format, "curl");
  EXPECT_EQ(c.domains[0].domain, "api.example.com");
  const ConfigCheck check = check_config(c, report_);
  EXPECT_FALSE(scenario(check.domains[0], "today").connects) << "CA pins never match for curl";
}

TEST_F(CheckTest, EnvoyListAndFingerprintWarning) {
  const std::string yaml =
      "    sni: api.example.com\n    common_tls_context:\n"
      "      validation_context:\n        verify_certificate_spki:\n"
      "        - \"" +
      pins_[0] + "\"\n        - \"" + fingerprints_[0] + "\"\n";
  const ParsedConfig c = parse_config(yaml, &report_);
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  EXPECT_EQ(c.format, "envoy");
  ASSERT_EQ(c.domains[0].pins.size(), 2u);
  EXPECT_EQ(c.domains[0].pins[1].pin.match, PinMatch::kCertificate);
  const ConfigCheck check = check_config(c, report_);
  ASSERT_FALSE(check.domains[0].warnings.empty());
  EXPECT_NE(check.domains[0].warnings[0].find("certificate fingerprint"), std::string::npos);
}

TEST_F(CheckTest, ErrorsNameTheLine) {
  EXPECT_NE(parse_config("<network-security-config>\n<domain-config>\n<pin-set>\n", &report_)
                .errors.at(0)
                .find("line 3"),
            std::string::npos);
  const ParsedConfig bad_pin = parse_config(
      "<network-security-config><domain-config>\n<domain>a.com</domain><pin-set>\n"
      "<pin digest=\"SHA-256\">AAAA</pin></pin-set></domain-config></network-security-config>",
      &report_);
  ASSERT_FALSE(bad_pin.errors.empty());
  EXPECT_NE(bad_pin.errors[0].find("line 3: decodes to 3 bytes"), std::string::npos)
      << bad_pin.errors[0];
  EXPECT_NE(parse_config("hello world", &report_).errors.at(0).find("line 1: not a pinning"),
            std::string::npos);
}

// Round trip: every configuration our generator writes is read back with the same pins.
TEST_F(CheckTest, GeneratedSnippetsReadBack) {
  SnippetOptions o;
  o.domains = {"example.com"};
  o.include_subdomains = true;
  const SnippetSet set = render_snippets(
      report_, o,
      {"android", "trustkit-android", "ios-ats", "trustkit-ios-swift", "trustkit-ios-objc",
       "okhttp-kotlin", "okhttp-java", "ktor", "curl", "envoy", "pins-json"});
  ASSERT_TRUE(set.errors.empty());
  for (const Snippet& s : set.snippets) {
    const ParsedConfig c = parse_config(s.text, &report_);
    ASSERT_TRUE(c.errors.empty()) << s.target << ": " << c.errors[0];
    ASSERT_FALSE(c.domains.empty()) << s.target;
    std::vector<std::string> read;
    for (const ConfigPin& p : c.domains[0].pins) read.push_back(p.pin.canonical);
    // Each target emits a subset of the chosen pins (curl and Envoy the leaf's, ATS one category).
    for (const std::string& pin : read) {
      bool chosen = false;
      for (const PinChoice& p : set.pins) chosen |= p.sha256 == pin;
      EXPECT_TRUE(chosen) << s.target << " read back a pin it was not given: " << pin;
    }
    EXPECT_FALSE(read.empty()) << s.target;
    if (s.target != "curl" && s.target != "envoy") {
      EXPECT_EQ(c.domains[0].domain, "example.com") << s.target;
    }
    const ConfigCheck check = check_config(c, report_);
    EXPECT_TRUE(scenario(check.domains[0], "today").connects) << s.target;
  }
}

}  // namespace
}  // namespace pincalc
