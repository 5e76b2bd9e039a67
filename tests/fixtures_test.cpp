// fixtures_test.cpp: pincalc against openssl on the fixtures of tests/fixtures/make_fixtures.sh.
// Every expected value comes from $PINCALC_FIXTURES/expected.tsv (computed by openssl) or from the
// inputs the script gave openssl (SANs, extensions), never from pincalc's own output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "pincalc/pincalc.hpp"
#include "test_util.hpp"

namespace pincalc::test {
namespace {

using Row = std::map<std::string, std::string>;

// kFixtureFiles lists what make_fixtures.sh writes and how many objects each file holds, in the
// order of expected.tsv. The test names are known before the fixtures exist (ctest lists the tests
// before its fixture step runs), and ExpectedTsv.ListsEveryFixture keeps this list and the script
// in step.
struct FixtureFile {
  const char* name;
  int objects;
};
constexpr FixtureFile kFixtureFiles[] = {
    {"rsa2048.pem", 1},
    {"rsa3072.pem", 1},
    {"rsa4096.pem", 1},
    {"p256.pem", 1},
    {"p384.pem", 1},
    {"p521.pem", 1},
    {"secp256k1.pem", 1},
    {"ed25519.pem", 1},
    {"ed448.pem", 1},
    {"v1_cert.pem", 1},
    {"utf8_subject.pem", 1},
    {"special_subject.pem", 1},
    {"expired.pem", 1},
    {"chain.pem", 3},
    {"chain_wrong_order.pem", 3},
    {"rsa_pss.pem", 1},
    {"ec_explicit.pem", 1},
    {"chain.p7b", 3},
    {"chain_der.p7b", 3},
    {"cert_p256.der", 1},
    {"cert_p256.b64", 1},
    {"trusted_rsa2048.pem", 1},
    {"csr.pem", 1},
    {"csr.der", 1},
    {"public_key_rsa2048.pem", 1},
    {"public_key_rsa2048.der", 1},
    {"public_key_ed25519.pem", 1},
    {"rsa_public_key.pem", 1},
    {"private_key_rsa2048.pem", 1},
    {"private_key_p256.pem", 1},
    {"private_key_ed25519.pem", 1},
    {"rsa_private_key.pem", 1},
    {"ec_private_key.pem", 1},
};

const char* const kPrivateKeyFiles[] = {"private_key_rsa2048.pem", "private_key_p256.pem",
                                        "private_key_ed25519.pem", "rsa_private_key.pem",
                                        "ec_private_key.pem"};

struct RowId {
  std::string file;
  int block;
  int objects_in_file;
};

// PrintTo is the name GoogleTest looks up to print parameters.
void PrintTo(const RowId& id, std::ostream* os) {  // NOLINT(readability-identifier-naming)
  *os << id.file << " block " << id.block;
}

std::vector<RowId> all_row_ids() {
  std::vector<RowId> ids;
  for (const FixtureFile& file : kFixtureFiles) {
    for (int block = 1; block <= file.objects; ++block) {
      ids.push_back({file.name, block, file.objects});
    }
  }
  return ids;
}

// test_name turns "chain.p7b" into "chain_p7b" and, with a block, into "chain_p7b_2".
std::string test_name(const std::string& file, int block = 0) {
  std::string name = file;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return block > 0 ? name + "_" + std::to_string(block) : name;
}

// expected_table reads expected.tsv once per process.
const Table* expected_table(std::string* error) {
  static std::string load_error;
  static const std::optional<Table> table =
      read_table(fixtures_dir() + "/expected.tsv", &load_error);
  *error = load_error;
  return table ? &*table : nullptr;
}

class FixtureTest : public FixturesTest {
 protected:
  // expected_row finds the expected.tsv row of (file, block), failing the test when it is absent.
  void expected_row(const std::string& file, int block, const Row** row) const {
    std::string error;
    const Table* table = expected_table(&error);
    ASSERT_NE(table, nullptr) << error;
    for (const Row& r : table->rows) {
      if (r.at("file") == file && r.at("block") == std::to_string(block)) {
        *row = &r;
        return;
      }
    }
    FAIL() << "expected.tsv has no row for " << file << " block " << block;
  }

  // report_of loads the fixture and builds its report (the fixture is the only source).
  void report_of(const std::string& file, Report* report, const Options& options = {}) const {
    std::string bytes;
    ASSERT_NO_FATAL_FAILURE(load(file, &bytes));
    *report = build_report({Source{file, bytes}}, options);
  }
};

// dash_is_empty maps the table's "-" (not applicable) to the empty string the core uses.
std::string dash_is_empty(const std::string& value) { return value == "-" ? "" : value; }

std::optional<ItemKind> kind_from_name(const std::string& name) {
  static const std::map<std::string, ItemKind> kinds = {
      {"certificate", ItemKind::kCertificate}, {"csr", ItemKind::kCsr},
      {"public_key", ItemKind::kPublicKey},    {"rsa_public_key", ItemKind::kRsaPublicKey},
      {"private_key", ItemKind::kPrivateKey},
  };
  auto it = kinds.find(name);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

// pem_body_lines returns the base64 lines between the BEGIN and END lines of a PEM file.
std::vector<std::string> pem_body_lines(const std::string& pem) {
  std::vector<std::string> lines;
  std::istringstream in(pem);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("-----BEGIN ", 0) == 0) {
      inside = true;
    } else if (line.rfind("-----END ", 0) == 0) {
      inside = false;
    } else if (inside && line.find(':') == std::string::npos) {
      lines.push_back(line);
    }
  }
  return lines;
}

// expect_no_line_echoed checks that no line of a private key's base64 body (of at least 16
// characters, so a short last line cannot match by chance) appears in the JSON report, pretty or
// on one line.
void expect_no_line_echoed(const Report& report, const std::string& pem) {
  std::vector<std::string> lines = pem_body_lines(pem);
  ASSERT_FALSE(lines.empty());
  for (int indent : {2, -1}) {
    std::string json = report_to_json(report, indent);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].size() < 16) continue;
      EXPECT_EQ(json.find(lines[i]), std::string::npos)
          << "report_to_json(indent " << indent << ") contains line " << i + 1
          << " of the private key body: " << lines[i];
    }
  }
}

TEST_F(FixtureTest, ExpectedTsvListsEveryFixture) {
  std::string error;
  const Table* table = expected_table(&error);
  ASSERT_NE(table, nullptr) << error;
  const std::vector<std::string> header = {
      "file",    "block",  "kind",   "spki_sha256", "spki_sha1", "fp_sha256", "fp_sha1",
      "subject", "issuer", "serial", "not_before",  "not_after", "key_bits",  "curve"};
  EXPECT_EQ(table->columns, header);
  std::vector<std::string> listed;
  for (const RowId& id : all_row_ids()) listed.push_back(id.file + " " + std::to_string(id.block));
  std::vector<std::string> generated;
  for (const Row& row : table->rows) generated.push_back(row.at("file") + " " + row.at("block"));
  EXPECT_EQ(generated, listed) << "make_fixtures.sh and kFixtureFiles disagree";
}

// One case per expected.tsv row: every value pincalc reports for that object equals openssl's.
class FixtureRowTest : public FixtureTest, public ::testing::WithParamInterface<RowId> {};

TEST_P(FixtureRowTest, MatchesOpenssl) {
  const RowId& id = GetParam();
  const Row* row = nullptr;
  ASSERT_NO_FATAL_FAILURE(expected_row(id.file, id.block, &row));
  const Row& r = *row;
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of(id.file, &report));
  EXPECT_TRUE(report.errors.empty()) << "errors:" << describe_errors(report);
  std::vector<const Item*> items = items_from(report, id.file);
  EXPECT_EQ(items.size(), static_cast<std::size_t>(id.objects_in_file));
  ASSERT_GE(items.size(), static_cast<std::size_t>(id.block))
      << "errors:" << describe_errors(report);
  const Item& item = *items[static_cast<std::size_t>(id.block - 1)];

  std::optional<ItemKind> kind = kind_from_name(r.at("kind"));
  ASSERT_TRUE(kind.has_value()) << "unknown kind in expected.tsv: " << r.at("kind");
  EXPECT_STREQ(item_kind_name(item.kind), item_kind_name(*kind));
  EXPECT_EQ(item.from_private_key, *kind == ItemKind::kPrivateKey);

  // Pins: over the SPKI bytes as they appear in the object.
  EXPECT_EQ(item.pins.sha256, r.at("spki_sha256"));
  EXPECT_EQ(item.pins.sha1, r.at("spki_sha1"));
  EXPECT_EQ(item.pins.sha256_prefixed, "sha256/" + r.at("spki_sha256"));
  std::optional<std::string> hex = base64_to_hex(r.at("spki_sha256"));
  ASSERT_TRUE(hex.has_value());
  EXPECT_EQ(item.pins.sha256_hex, *hex);
  if (*kind != ItemKind::kPrivateKey || !item.spki.empty()) {
    EXPECT_EQ(pin_spki(item.spki.data(), item.spki.size()).sha256, r.at("spki_sha256"))
        << "Item::spki is not the SubjectPublicKeyInfo that was pinned";
  }

  // Certificate fields.
  if (*kind == ItemKind::kCertificate) {
    ASSERT_TRUE(item.fingerprints.has_value());
    EXPECT_EQ(item.fingerprints->sha256, r.at("fp_sha256"));
    EXPECT_EQ(item.fingerprints->sha1, r.at("fp_sha1"));
    EXPECT_EQ(fingerprint_der(item.der.data(), item.der.size()).sha256, r.at("fp_sha256"))
        << "Item::der is not the certificate";
    EXPECT_EQ(strip_colons(item.serial), r.at("serial"));
    ASSERT_TRUE(item.not_before.has_value());
    ASSERT_TRUE(item.not_after.has_value());
    EXPECT_EQ(format_time(*item.not_before), r.at("not_before"));
    EXPECT_EQ(format_time(*item.not_after), r.at("not_after"));
  } else {
    EXPECT_FALSE(item.fingerprints.has_value());
    EXPECT_EQ(item.serial, "");
    EXPECT_FALSE(item.not_before.has_value());
    EXPECT_FALSE(item.not_after.has_value());
    EXPECT_STREQ(role_name(item.role), role_name(Role::kKey));
  }
  EXPECT_EQ(item.subject, dash_is_empty(r.at("subject")));
  EXPECT_EQ(item.issuer, dash_is_empty(r.at("issuer")));

  // Key size as openssl pkey -text_pub reports it.
  EXPECT_EQ(item.key.bits, std::stoi(r.at("key_bits")));
  EXPECT_EQ(item.key.curve, dash_is_empty(r.at("curve")));
  EXPECT_FALSE(item.key.algorithm.empty());
  EXPECT_FALSE(item.key.algorithm_oid.empty());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureRowTest, ::testing::ValuesIn(all_row_ids()),
                         [](const ::testing::TestParamInfo<RowId>& p) {
                           return test_name(p.param.file, p.param.block);
                         });

// Keys that mbedTLS 2.28 cannot parse are still pinned from the SPKI bytes, with the algorithm
// named from its OID (RFC 8410 §3 for Ed25519/Ed448, RFC 4055 §3.1 for RSA-PSS, RFC 5480 §2.1.1
// for EC with explicit parameters).
struct UnusualKey {
  const char* file;
  const char* oid;
  const char* algorithm;
};

void PrintTo(const UnusualKey& key, std::ostream* os) {  // NOLINT(readability-identifier-naming)
  *os << key.file;
}

class UnusualKeyTest : public FixtureTest, public ::testing::WithParamInterface<UnusualKey> {};

TEST_P(UnusualKeyTest, IsStillPinned) {
  const UnusualKey& key = GetParam();
  const Row* row = nullptr;
  ASSERT_NO_FATAL_FAILURE(expected_row(key.file, 1, &row));
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of(key.file, &report));
  EXPECT_TRUE(report.errors.empty()) << "errors:" << describe_errors(report);
  ASSERT_EQ(report.items.size(), 1u);
  const Item& item = report.items[0];
  EXPECT_EQ(item.pins.sha256, row->at("spki_sha256"));
  EXPECT_EQ(item.key.algorithm_oid, key.oid);
  EXPECT_EQ(item.key.algorithm, key.algorithm);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, UnusualKeyTest,
    ::testing::Values(UnusualKey{"ed25519.pem", "1.3.101.112", "Ed25519"},
                      UnusualKey{"ed448.pem", "1.3.101.113", "Ed448"},
                      UnusualKey{"rsa_pss.pem", "1.2.840.113549.1.1.10", "RSA-PSS"},
                      UnusualKey{"ec_explicit.pem", "1.2.840.10045.2.1", "EC"}),
    [](const ::testing::TestParamInfo<UnusualKey>& p) { return test_name(p.param.file); });

// Every single self-signed certificate is its own one-certificate chain.
class SelfSignedTest : public FixtureTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(SelfSignedTest, IsLabelledSelfSigned) {
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of(GetParam(), &report));
  ASSERT_EQ(report.items.size(), 1u) << "errors:" << describe_errors(report);
  EXPECT_TRUE(report.items[0].self_signed);
  EXPECT_STREQ(role_name(report.items[0].role), role_name(Role::kSelfSigned));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SelfSignedTest,
                         ::testing::Values("rsa2048.pem", "rsa3072.pem", "rsa4096.pem", "p256.pem",
                                           "p384.pem", "p521.pem", "secp256k1.pem", "ed25519.pem",
                                           "ed448.pem", "rsa_pss.pem", "ec_explicit.pem",
                                           "v1_cert.pem", "utf8_subject.pem", "special_subject.pem",
                                           "expired.pem"),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                           return test_name(p.param);
                         });

// check_chain expects report to hold chain.pem's three certificates as one complete chain,
// ordered leaf → intermediate → root whatever the input order. input_order[i] is the position in
// the input of chain.pem's block i + 1.
void check_chain(const Report& report, const std::vector<int>& input_order,
                 const std::vector<const Row*>& chain_rows) {
  ASSERT_EQ(report.items.size(), 3u) << "errors:" << describe_errors(report);
  ASSERT_EQ(report.chains.size(), 1u);
  const Chain& chain = report.chains[0];
  EXPECT_EQ(chain.items, input_order);
  ASSERT_EQ(chain.items.size(), 3u);
  EXPECT_TRUE(chain.complete);
  const Role roles[] = {Role::kLeaf, Role::kIntermediate, Role::kRoot};
  for (std::size_t i = 0; i < 3; ++i) {
    const Item& item = report.items.at(static_cast<std::size_t>(chain.items[i]));
    SCOPED_TRACE("chain position " + std::to_string(i));
    EXPECT_EQ(item.subject, chain_rows[i]->at("subject"));
    EXPECT_EQ(item.pins.sha256, chain_rows[i]->at("spki_sha256"));
    EXPECT_STREQ(role_name(item.role), role_name(roles[i]));
    EXPECT_EQ(item.chain, std::optional<int>(0));
  }
  // Both links are signed with algorithms mbedTLS supports (ECDSA P-384 with SHA-384, RSA with
  // SHA-256), so their signatures must be checked and valid.
  for (std::size_t i = 0; i + 1 < 3; ++i) {
    auto link = std::find_if(chain.links.begin(), chain.links.end(), [&](const Link& l) {
      return l.child == chain.items[i] && l.issuer == chain.items[i + 1];
    });
    ASSERT_NE(link, chain.links.end()) << "no link from chain position " << i << " to " << i + 1;
    EXPECT_EQ(link->signature_valid, std::optional<bool>(true)) << "link " << i << " → " << i + 1;
  }
}

class ChainFixtureTest : public FixtureTest {
 protected:
  void chain_rows(std::vector<const Row*>* rows) const {
    for (int block = 1; block <= 3; ++block) {
      const Row* row = nullptr;
      ASSERT_NO_FATAL_FAILURE(expected_row("chain.pem", block, &row));
      rows->push_back(row);
    }
  }
};

TEST_F(ChainFixtureTest, InOrderFileIsOneCompleteChain) {
  std::vector<const Row*> rows;
  ASSERT_NO_FATAL_FAILURE(chain_rows(&rows));
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of("chain.pem", &report));
  check_chain(report, {0, 1, 2}, rows);
}

TEST_F(ChainFixtureTest, WrongOrderFileIsChainedLeafToRoot) {
  std::vector<const Row*> rows;
  ASSERT_NO_FATAL_FAILURE(chain_rows(&rows));
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of("chain_wrong_order.pem", &report));
  // The file holds root, leaf, intermediate.
  check_chain(report, {1, 2, 0}, rows);
}

TEST_F(ChainFixtureTest, Pkcs7BagYieldsEveryChainCertificate) {
  std::vector<const Row*> rows;
  ASSERT_NO_FATAL_FAILURE(chain_rows(&rows));
  for (const char* file : {"chain.p7b", "chain_der.p7b"}) {
    SCOPED_TRACE(file);
    Report report;
    ASSERT_NO_FATAL_FAILURE(report_of(file, &report));
    EXPECT_TRUE(report.errors.empty()) << "errors:" << describe_errors(report);
    ASSERT_EQ(report.items.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
      const Item& item = report.items[i];
      EXPECT_STREQ(item_kind_name(item.kind), item_kind_name(ItemKind::kCertificate));
      EXPECT_EQ(item.source, file);
      EXPECT_EQ(item.pins.sha256, rows[i]->at("spki_sha256"));
      ASSERT_TRUE(item.fingerprints.has_value());
      EXPECT_EQ(item.fingerprints->sha256, rows[i]->at("fp_sha256"));
    }
    check_chain(report, {0, 1, 2}, rows);
  }
}

// The extension values below are the ones make_fixtures.sh gave openssl.
TEST_F(ChainFixtureTest, ExtensionsAreRead) {
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of("chain.pem", &report));
  ASSERT_EQ(report.items.size(), 3u) << "errors:" << describe_errors(report);
  const Item& leaf = report.items[0];
  const Item& intermediate = report.items[1];
  const Item& root = report.items[2];

  using Strings = std::vector<std::string>;
  EXPECT_EQ(leaf.san.dns, (Strings{"example.com", "*.example.com"}));
  EXPECT_EQ(leaf.san.ip, (Strings{"192.0.2.1", "2001:db8::1"}));  // RFC 5952 form
  EXPECT_EQ(leaf.san.email, Strings{"ops@example.com"});
  EXPECT_EQ(leaf.san.uri, Strings{"https://example.com/"});
  EXPECT_EQ(leaf.ext_key_usage, Strings{"serverAuth"});
  EXPECT_EQ(leaf.key_usage, Strings{"digitalSignature"});
  ASSERT_TRUE(leaf.basic_constraints.has_value());
  EXPECT_FALSE(leaf.basic_constraints->ca);

  ASSERT_TRUE(intermediate.basic_constraints.has_value());
  EXPECT_TRUE(intermediate.basic_constraints->ca);
  EXPECT_EQ(intermediate.basic_constraints->path_len, std::optional<int>(0));
  EXPECT_EQ(intermediate.key_usage, (Strings{"keyCertSign", "cRLSign"}));
  ASSERT_TRUE(root.basic_constraints.has_value());
  EXPECT_TRUE(root.basic_constraints->ca);
  EXPECT_FALSE(root.basic_constraints->path_len.has_value());
  EXPECT_TRUE(root.san.empty());

  // authorityKeyIdentifier keyid:always copies the issuer's subjectKeyIdentifier.
  EXPECT_FALSE(intermediate.subject_key_id.empty());
  EXPECT_EQ(leaf.authority_key_id, intermediate.subject_key_id);
  EXPECT_EQ(intermediate.authority_key_id, root.subject_key_id);
}

TEST_F(FixtureTest, CsrSansComeFromExtensionRequest) {
  for (const char* file : {"csr.pem", "csr.der"}) {
    SCOPED_TRACE(file);
    Report report;
    ASSERT_NO_FATAL_FAILURE(report_of(file, &report));
    ASSERT_EQ(report.items.size(), 1u) << "errors:" << describe_errors(report);
    const Item& csr = report.items[0];
    EXPECT_EQ(csr.san.dns, (std::vector<std::string>{"backup.example.com", "www.example.com"}));
    EXPECT_EQ(csr.san.ip, std::vector<std::string>{"198.51.100.7"});
  }
}

TEST_F(FixtureTest, ExpiredCertificateIsWarnedAbout) {
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of("expired.pem", &report));
  ASSERT_EQ(report.items.size(), 1u) << "errors:" << describe_errors(report);
  auto expired = std::find_if(report.warnings.begin(), report.warnings.end(),
                              [](const Warning& w) { return w.code == "expired"; });
  ASSERT_NE(expired, report.warnings.end()) << "no warning with code \"expired\"";
  EXPECT_EQ(expired->severity, Severity::kWarning);
  EXPECT_EQ(expired->items, std::vector<int>{0});
  EXPECT_FALSE(expired->message.empty());
}

TEST_F(FixtureTest, ExpiryIsJudgedAtOptionsNow) {
  Options options;
  options.now = 1262304000;  // 2010-01-01T00:00:00Z, inside expired.pem's 1999–2020 validity
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of("expired.pem", &report, options));
  ASSERT_EQ(report.items.size(), 1u) << "errors:" << describe_errors(report);
  EXPECT_EQ(report.now, options.now);
  for (const Warning& warning : report.warnings) {
    EXPECT_NE(warning.code, "expired") << warning.message;
  }
}

TEST_F(FixtureTest, ValidChainIsNotWarnedAboutExpiry) {
  Report report;
  ASSERT_NO_FATAL_FAILURE(report_of("chain.pem", &report));
  for (const Warning& warning : report.warnings) {
    EXPECT_NE(warning.code, "expired") << warning.message;
    EXPECT_NE(warning.code, "expires_soon") << warning.message;
  }
}

class PrivateKeyTest : public FixtureTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(PrivateKeyTest, IsPinnedFlaggedAndNeverEchoed) {
  std::string pem;
  ASSERT_NO_FATAL_FAILURE(load(GetParam(), &pem));
  Report report = build_report({Source{GetParam(), pem}});
  ASSERT_EQ(report.items.size(), 1u) << "errors:" << describe_errors(report);
  const Item& item = report.items[0];
  EXPECT_TRUE(item.from_private_key);
  EXPECT_STREQ(item_kind_name(item.kind), item_kind_name(ItemKind::kPrivateKey));
  EXPECT_TRUE(item.der.empty()) << "the private key's DER is kept in Item::der";
  EXPECT_EQ(item.pins.sha256.size(), 44u);
  expect_no_line_echoed(report, pem);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PrivateKeyTest, ::testing::ValuesIn(kPrivateKeyFiles),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                           return test_name(p.param);
                         });

TEST_F(FixtureTest, EncryptedPrivateKeyIsRefused) {
  const std::string file = "encrypted_private_key.pem";
  std::string pem;
  ASSERT_NO_FATAL_FAILURE(load(file, &pem));
  Report report = build_report({Source{file, pem}});
  EXPECT_TRUE(report.items.empty());
  ASSERT_EQ(report.errors.size(), 1u) << "errors:" << describe_errors(report);
  const Error& error = report.errors[0];
  EXPECT_EQ(error.code, ErrorCode::kEncryptedPrivateKey) << describe_errors(report);
  EXPECT_EQ(error.source, file);
  EXPECT_EQ(error.block, 1);
  EXPECT_FALSE(error.message.empty());
  expect_no_line_echoed(report, pem);
}

TEST_F(FixtureTest, KeyFilesPinTheSameKeyAsItsCertificate) {
  const Row* cert = nullptr;
  ASSERT_NO_FATAL_FAILURE(expected_row("rsa2048.pem", 1, &cert));
  for (const char* file : {"public_key_rsa2048.pem", "public_key_rsa2048.der", "rsa_public_key.pem",
                           "private_key_rsa2048.pem", "rsa_private_key.pem"}) {
    SCOPED_TRACE(file);
    Report report;
    ASSERT_NO_FATAL_FAILURE(report_of(file, &report));
    ASSERT_EQ(report.items.size(), 1u) << "errors:" << describe_errors(report);
    EXPECT_EQ(report.items[0].pins.sha256, cert->at("spki_sha256"));
  }
}

}  // namespace
}  // namespace pincalc::test
