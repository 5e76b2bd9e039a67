// snippets_test.cpp: the snippet generator's options, pin selection, lints and escaping. Pins come
// from openssl's expected.tsv (tests/fixtures/make_fixtures.sh); the real clients that run the
// snippets against a TLS server are in tests/snippets/.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "pincalc/pincalc.hpp"
#include "test_util.hpp"

namespace pincalc {
namespace {

// ---- Domain validation: a table of named inputs. ----
struct DomainCase {
  const char* name;
  const char* input;
  const char* normalized;  // nullptr: rejected
  const char* message_part;
};

const DomainCase kDomains[] = {
    {"Plain", "api.example.com", "api.example.com", nullptr},
    {"UppercaseAndTrailingDot", " API.Example.COM. ", "api.example.com", nullptr},
    {"SingleLabel", "localhost", "localhost", nullptr},
    {"Wildcard", "*.example.com", "*.example.com", nullptr},
    {"Url", "https://api.example.com/", nullptr, "URL"},
    {"Port", "api.example.com:443", nullptr, "without port"},
    {"QuoteAndAngle", "a\"b<c", nullptr, "not a valid hostname"},
    {"Space", "api example.com", nullptr, "not a valid hostname"},
    {"Internationalised",
     "b\xC3\xBC"
     "cher.example",
     nullptr, "xn--"},
    {"LeadingHyphen", "-api.example.com", nullptr, "not a valid hostname"},
    {"EmptyLabel", "api..example.com", nullptr, "not a valid hostname"},
    {"WildcardInside", "api.*.example.com", nullptr, "not a valid hostname"},
    {"LabelTooLong", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
     nullptr, "not a valid hostname"},
    {"Empty", "  ", nullptr, "empty"},
};

class DomainTest : public testing::TestWithParam<DomainCase> {};

TEST_P(DomainTest, NormalizesOrRejectsWithAMessage) {
  const DomainCase& c = GetParam();
  std::string out, error;
  const bool ok = normalize_domain(c.input, &out, &error);
  if (c.normalized != nullptr) {
    ASSERT_TRUE(ok) << error;
    EXPECT_EQ(out, c.normalized);
  } else {
    ASSERT_FALSE(ok) << out;
    EXPECT_NE(error.find(c.message_part), std::string::npos) << error;
  }
}

INSTANTIATE_TEST_SUITE_P(Domains, DomainTest, testing::ValuesIn(kDomains),
                         [](const auto& p) { return std::string(p.param.name); });

// ---- Selection, lints and rendering over the openssl-made chain and CSR. ----
class SnippetTest : public test::FixturesTest {
 protected:
  void SetUp() override {
    test::FixturesTest::SetUp();
    load("chain.pem", &chain_);
    load("csr.pem", &csr_);
    std::string error;
    auto table = test::read_table(path("expected.tsv"), &error);
    ASSERT_TRUE(table) << error;
    for (const auto& row : table->rows) {
      if (row.at("file") == "chain.pem") chain_pins_.push_back(row.at("spki_sha256"));
      if (row.at("file") == "csr.pem") csr_pin_ = row.at("spki_sha256");
    }
    ASSERT_EQ(chain_pins_.size(), 3u);  // leaf, intermediate, root as openssl computed them
  }

  SnippetSet render(SnippetOptions o, const std::vector<std::string>& targets,
                    bool with_backup = false) {
    std::vector<Source> sources{{"chain.pem", chain_}};
    if (with_backup) sources.push_back({"backup.csr", csr_});
    report_ = build_report(sources);
    if (o.domains.empty()) o.domains = {"api.example.com"};
    return render_snippets(report_, o, targets);
  }

  static const Lint* find_lint(const Snippet& s, const std::string& code) {
    for (const auto& l : s.lints) {
      if (l.code == code) return &l;
    }
    return nullptr;
  }

  std::string chain_, csr_, csr_pin_;
  std::vector<std::string> chain_pins_;
  Report report_;
};

TEST_F(SnippetTest, DefaultSelectionIsLeafAndIntermediatePlusBackups) {
  const SnippetSet set = render({}, {"pins-json"}, true);
  ASSERT_TRUE(set.errors.empty()) << set.errors[0];
  ASSERT_EQ(set.pins.size(), 3u);
  EXPECT_EQ(set.pins[0].sha256, chain_pins_[0]);
  EXPECT_EQ(set.pins[1].sha256, chain_pins_[1]);
  EXPECT_EQ(set.pins[2].sha256, csr_pin_);
  EXPECT_FALSE(set.pins[0].backup);
  EXPECT_TRUE(set.pins[2].backup);
}

TEST_F(SnippetTest, SelectionByRoleAndItem) {
  SnippetOptions o;
  o.roles = {"root"};
  SnippetSet set = render(o, {"android"});
  ASSERT_EQ(set.pins.size(), 1u);
  EXPECT_EQ(set.pins[0].sha256, chain_pins_[2]);
  o.roles.clear();
  o.items = {1};
  set = render(o, {"android"});
  ASSERT_EQ(set.pins.size(), 1u);
  EXPECT_EQ(set.pins[0].sha256, chain_pins_[1]);
  o.items = {7};
  set = render(o, {"android"});
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_NE(set.errors[0].find("does not exist"), std::string::npos);
}

TEST_F(SnippetTest, AndroidCarriesOpensslPinsAndOptions) {
  SnippetOptions o;
  o.include_subdomains = true;
  o.expiration = "2030-01-31";
  const SnippetSet set = render(o, {"android"}, true);
  ASSERT_EQ(set.snippets.size(), 1u);
  const std::string& t = set.snippets[0].text;
  for (const std::string& pin : {chain_pins_[0], chain_pins_[1], csr_pin_}) {
    EXPECT_NE(t.find("<pin digest=\"SHA-256\">" + pin + "</pin>"), std::string::npos) << pin;
  }
  EXPECT_NE(t.find("<domain includeSubdomains=\"true\">api.example.com</domain>"),
            std::string::npos);
  EXPECT_NE(t.find("<pin-set expiration=\"2030-01-31\">"), std::string::npos);
  EXPECT_NE(find_lint(set.snippets[0], "expiration_disables"), nullptr);
}

TEST_F(SnippetTest, PrefixesFollowEachPlatform) {
  const SnippetSet set = render({}, {"okhttp-java", "curl", "hpkp", "chromium"}, true);
  ASSERT_EQ(set.snippets.size(), 4u);
  EXPECT_NE(set.snippets[0].text.find("\"sha256/" + chain_pins_[0] + "\""), std::string::npos);
  EXPECT_NE(set.snippets[1].text.find("sha256//" + chain_pins_[0] + ";sha256//" + csr_pin_),
            std::string::npos)
      << set.snippets[1].text;
  EXPECT_EQ(set.snippets[1].text.find(chain_pins_[1]), std::string::npos)
      << "curl checks the leaf only: no intermediate pin";
  EXPECT_NE(find_lint(set.snippets[1], "curl_leaf_only"), nullptr);
  EXPECT_NE(set.snippets[2].text.find("pin-sha256=\"" + csr_pin_ + "\""), std::string::npos);
  EXPECT_NE(set.snippets[3].text.find(chain_pins_[0] + "," + chain_pins_[1]), std::string::npos);
  EXPECT_NE(find_lint(set.snippets[3], "error_bypass"), nullptr);
}

TEST_F(SnippetTest, OkHttpSubdomainsUseDoubleStar) {
  SnippetOptions o;
  o.include_subdomains = true;
  const SnippetSet set = render(o, {"okhttp-kotlin"});
  EXPECT_NE(set.snippets[0].text.find("\"**.api.example.com\""), std::string::npos);
}

TEST_F(SnippetTest, SinglePinIsAnErrorForTrustKitWhenEnforcing) {
  SnippetOptions o;
  o.items = {0};
  SnippetSet set = render(o, {"trustkit-ios-swift", "android"});
  const Lint* tk = find_lint(set.snippets[0], "single_pin");
  ASSERT_NE(tk, nullptr);
  EXPECT_EQ(tk->severity, LintSeverity::kError);
  const Lint* android = find_lint(set.snippets[1], "single_pin");
  ASSERT_NE(android, nullptr);
  EXPECT_EQ(android->severity, LintSeverity::kWarning);
  EXPECT_NE(find_lint(set.snippets[1], "leaf_only"), nullptr);
  EXPECT_NE(find_lint(set.snippets[1], "no_backup"), nullptr);
  o.enforce = false;
  set = render(o, {"trustkit-ios-swift"});
  EXPECT_EQ(find_lint(set.snippets[0], "single_pin")->severity, LintSeverity::kWarning);
}

TEST_F(SnippetTest, BackupKeySilencesNoBackup) {
  const SnippetSet set = render({}, {"android"}, true);
  EXPECT_EQ(find_lint(set.snippets[0], "no_backup"), nullptr);
  EXPECT_EQ(find_lint(set.snippets[0], "single_pin"), nullptr);
}

TEST_F(SnippetTest, RootPinAndPastExpirationAreFlagged) {
  SnippetOptions o;
  o.roles = {"root", "leaf"};
  o.expiration = "2001-01-01";
  const SnippetSet set = render(o, {"android"});
  EXPECT_NE(find_lint(set.snippets[0], "root_pin"), nullptr);
  const Lint* past = find_lint(set.snippets[0], "expiration_past");
  ASSERT_NE(past, nullptr);
  EXPECT_EQ(past->severity, LintSeverity::kError);
}

TEST_F(SnippetTest, BadOptionsRenderNothing) {
  SnippetOptions o;
  o.domains = {"a\"b<c"};
  o.expiration = "2027-02-30";
  const SnippetSet set = render(o, {"android", "nope"});
  EXPECT_TRUE(set.snippets.empty());
  ASSERT_EQ(set.errors.size(), 3u);
}

TEST_F(SnippetTest, IosSubdomainDepthAndOneCategory) {
  SnippetOptions o;
  o.include_subdomains = true;
  const SnippetSet set = render(o, {"ios-ats"}, true);
  const std::string& t = set.snippets[0].text;
  EXPECT_NE(t.find("NSPinnedCAIdentities"), std::string::npos);
  EXPECT_EQ(t.find("NSPinnedLeafIdentities"), std::string::npos);
  EXPECT_NE(find_lint(set.snippets[0], "ios_subdomain_depth"), nullptr);
  EXPECT_NE(find_lint(set.snippets[0], "ats_one_category"), nullptr);
}

TEST_F(SnippetTest, FlutterPinsTheWholeLeafCertificate) {
  const SnippetSet set = render({}, {"flutter-http-certificate-pinning", "flutter-dio"}, true);
  const Item& leaf = report_.items[0];
  ASSERT_TRUE(leaf.fingerprints);
  EXPECT_NE(set.snippets[0].text.find(leaf.fingerprints->sha256), std::string::npos);
  EXPECT_NE(find_lint(set.snippets[0], "certificate_fingerprint"), nullptr);
  EXPECT_NE(find_lint(set.snippets[1], "pins_dropped"), nullptr);
  EXPECT_EQ(set.snippets[0].text.find(chain_pins_[0]), std::string::npos)
      << "an SPKI pin where a certificate fingerprint belongs";
}

TEST_F(SnippetTest, UnsupportedKeyForTrustKit) {
  std::string ed;
  load("ed25519.pem", &ed);
  const std::vector<Source> sources{{"ed25519.pem", ed}};
  const Report r = build_report(sources);
  SnippetOptions o;
  o.domains = {"api.example.com"};
  const SnippetSet set = render_snippets(r, o, {"trustkit-ios-swift"});
  ASSERT_EQ(set.snippets.size(), 1u);
  bool found = false;
  for (const auto& l : set.snippets[0].lints) found |= l.code == "unsupported_key_type";
  EXPECT_TRUE(found);
}

TEST_F(SnippetTest, CertificateTextCannotBreakOutOfComments) {
  std::string special;
  load("special_subject.pem", &special);
  const std::vector<Source> sources{{"special.pem", special}};
  const Report r = build_report(sources);
  ASSERT_EQ(r.items.size(), 1u);
  SnippetOptions o;
  o.domains = {"api.example.com"};
  const SnippetSet set = render_snippets(r, o, {"all"});
  ASSERT_EQ(set.snippets.size(), snippet_targets().size());
  for (const Snippet& s : set.snippets) {
    if (s.target == "pins-json") continue;  // the subject is a JSON-escaped value there
    // The subject has quotes, '<', '>' and backslashes: none may appear unescaped in a comment.
    EXPECT_EQ(s.text.find("\\back"), std::string::npos) << s.target;
    EXPECT_EQ(s.text.find("<lt>"), std::string::npos) << s.target;
  }
}

TEST_F(SnippetTest, WildcardOnlyWhereSupported) {
  SnippetOptions o;
  o.domains = {"*.example.com"};
  const SnippetSet set = render(o, {"okhttp-kotlin", "android"});
  EXPECT_NE(set.snippets[0].text.find("\"*.example.com\""), std::string::npos);
  EXPECT_NE(find_lint(set.snippets[1], "wildcard_unsupported"), nullptr);
}

}  // namespace
}  // namespace pincalc
