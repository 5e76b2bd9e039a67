// chain_test.cpp: chains that go wrong — a re-keyed CA with the same name, a signature that does
// not verify, a missing issuer, two leaves under one intermediate, an expiring certificate. The
// certificates are made by the openssl CLI at test time in a private temporary directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "pincalc/pincalc.hpp"
#include "test_util.hpp"

namespace pincalc {
namespace {

class ChainTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::TempDir() + "pincalc_chain_test_" + std::to_string(getpid()));
    const std::string d = *dir_;
    const std::string script =
        "set -e; rm -rf " + d + "; mkdir -p " + d + "; cd " + d +
        "\n"
        "key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $1 "
        "2>/dev/null; }\n"
        "printf 'basicConstraints=critical,CA:true\\nkeyUsage=keyCertSign\\n"
        "subjectKeyIdentifier=hash\\nauthorityKeyIdentifier=keyid\\n' > ca.ext\n"
        "printf 'basicConstraints=CA:false\\nsubjectKeyIdentifier=hash\\n"
        "authorityKeyIdentifier=keyid\\n' > leaf.ext\n"
        "printf "
        "'basicConstraints=CA:false\\nsubjectKeyIdentifier=none\\nauthorityKeyIdentifier=none\\n' "
        "> bare.ext\n"
        "key ca1.key; key ca2.key; key leaf.key; key leaf2.key\n"
        "openssl req -x509 -new -key ca1.key -subj '/CN=Same Name CA' -days 3650 "
        "  -addext basicConstraints=critical,CA:true -out ca1.pem\n"
        "openssl req -x509 -new -key ca2.key -subj '/CN=Same Name CA' -days 3650 "
        "  -addext basicConstraints=critical,CA:true -out ca2.pem\n"
        "sign() { openssl req -new -key $1 -subj \"/CN=$2\" 2>/dev/null | openssl x509 -req "
        "  -CA $3 -CAkey $4 -set_serial $5 -days $6 -extfile $7 -out $8 2>/dev/null; }\n"
        "sign leaf.key leaf.example ca2.pem ca2.key 10 365 leaf.ext leaf_by_ca2.pem\n"
        "sign leaf.key bare.example ca2.pem ca2.key 11 365 bare.ext bare_by_ca2.pem\n"
        "sign leaf2.key other.example ca2.pem ca2.key 12 10 leaf.ext soon_by_ca2.pem\n"
        "key int.key; sign int.key 'Sub CA' ca2.pem ca2.key 20 365 ca.ext int.pem\n"
        "sign leaf.key leaf.example int.pem int.key 21 365 leaf.ext leaf_by_int.pem\n"
        "openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pss.key "
        "2>/dev/null\n"
        "openssl req -x509 -new -key pss.key -subj '/CN=PSS CA' -days 3650 "
        "  -addext basicConstraints=critical,CA:true -out pss_ca.pem\n"
        "sign leaf2.key pss-leaf.example pss_ca.pem pss.key 30 365 leaf.ext leaf_by_pss.pem\n";
    ASSERT_EQ(
        std::system(("bash -c \"$(cat <<'PINCALC_EOF'\n" + script + "PINCALC_EOF\n)\"").c_str()),
        0);
  }
  static void TearDownTestSuite() {
    std::system(("rm -rf " + *dir_).c_str());
    delete dir_;
  }

  Report analyze(std::initializer_list<const char*> files) {
    contents_.clear();
    for (const char* f : files) {
      auto bytes = test::read_file(*dir_ + "/" + f);
      EXPECT_TRUE(bytes) << f;
      contents_.push_back(bytes.value_or(""));
    }
    std::vector<Source> sources;
    std::size_t i = 0;
    for (const char* f : files) sources.push_back({f, contents_[i++]});
    return build_report(sources);
  }

  static bool has_warning(const Report& r, const std::string& code) {
    for (const auto& w : r.warnings) {
      if (w.code == code) return true;
    }
    return false;
  }

  static std::string* dir_;
  std::vector<std::string> contents_;
};

std::string* ChainTest::dir_ = nullptr;

TEST_F(ChainTest, LinksLeafToItsRealIssuer) {
  const Report r = analyze({"ca1.pem", "leaf_by_ca2.pem", "ca2.pem"});
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(r.items[1].role, Role::kLeaf);
  EXPECT_EQ(r.items[2].role, Role::kRoot);
  EXPECT_EQ(r.items[0].role, Role::kUnrelated);  // same name, different key
  ASSERT_TRUE(r.items[1].chain);
  const Chain& chain = r.chains[*r.items[1].chain];
  ASSERT_EQ(chain.items, (std::vector<int>{1, 2}));
  ASSERT_EQ(chain.links.size(), 1u);
  EXPECT_EQ(chain.links[0].signature_valid, std::optional<bool>(true));
  EXPECT_TRUE(chain.complete);
}

TEST_F(ChainTest, ReKeyedCaWithSameNameIsAKeyIdMismatch) {
  const Report r = analyze({"leaf_by_ca2.pem", "ca1.pem"});
  EXPECT_TRUE(has_warning(r, "key_id_mismatch"));
  EXPECT_FALSE(r.chains[*r.items[0].chain].complete);
}

TEST_F(ChainTest, SignatureThatDoesNotVerifyIsNotALink) {
  // Without key identifiers only the signature tells CA 1 and CA 2 apart.
  const Report r = analyze({"bare_by_ca2.pem", "ca1.pem"});
  EXPECT_TRUE(has_warning(r, "signature_invalid"));
  EXPECT_EQ(r.chains[*r.items[0].chain].items.size(), 1u);
  const Report good = analyze({"bare_by_ca2.pem", "ca2.pem"});
  EXPECT_FALSE(has_warning(good, "signature_invalid"));
  EXPECT_EQ(good.chains[*good.items[0].chain].items.size(), 2u);
}

TEST_F(ChainTest, ChainStoppingShortOfAGivenCaIsAMissingLink) {
  // The unrelated CA comes after the chain in the input: its role must still be known.
  const Report r = analyze({"leaf_by_int.pem", "int.pem", "ca1.pem"});
  EXPECT_EQ(r.items[0].role, Role::kLeaf);
  EXPECT_EQ(r.items[1].role, Role::kIntermediate);
  EXPECT_EQ(r.items[2].role, Role::kUnrelated);
  EXPECT_TRUE(has_warning(r, "missing_link"));
  EXPECT_FALSE(has_warning(r, "root_absent"));
  const Report without_ca = analyze({"leaf_by_int.pem", "int.pem"});
  EXPECT_TRUE(has_warning(without_ca, "root_absent"));
  EXPECT_FALSE(has_warning(without_ca, "missing_link"));
}

TEST_F(ChainTest, RsaPssSignatureAndKeyAreChecked) {
  // mbedTLS 2.28 cannot parse an id-RSASSA-PSS key: the backend rewrites it to check the link.
  const Report r = analyze({"leaf_by_pss.pem", "pss_ca.pem"});
  ASSERT_EQ(r.chains.size(), 1u);
  ASSERT_EQ(r.chains[0].links.size(), 1u);
  EXPECT_EQ(r.chains[0].links[0].signature_valid, std::optional<bool>(true));
  EXPECT_EQ(r.items[1].key.algorithm, "RSA-PSS");
  EXPECT_EQ(r.items[0].signature_algorithm, "rsassaPss");
}

TEST_F(ChainTest, LoneLeafWarnsIssuerAbsent) {
  const Report r = analyze({"leaf_by_ca2.pem"});
  EXPECT_EQ(r.items[0].role, Role::kLeaf);
  EXPECT_TRUE(has_warning(r, "issuer_absent"));
}

TEST_F(ChainTest, TwoLeavesShareOneIssuer) {
  const Report r = analyze({"leaf_by_ca2.pem", "soon_by_ca2.pem", "ca2.pem"});
  ASSERT_EQ(r.chains.size(), 2u);
  EXPECT_EQ(r.chains[0].items, (std::vector<int>{0, 2}));
  EXPECT_EQ(r.chains[1].items, (std::vector<int>{1, 2}));
  EXPECT_EQ(r.items[1].role, Role::kLeaf);
  EXPECT_TRUE(has_warning(r, "expires_soon"));  // soon_by_ca2.pem is valid for 10 days
}

TEST_F(ChainTest, PrivateKeyMatchesItsCertificate) {
  const Report r = analyze({"leaf_by_ca2.pem", "leaf.key"});
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[1].same_key_as, std::optional<int>(0));
  EXPECT_TRUE(r.items[1].from_private_key);
  EXPECT_TRUE(has_warning(r, "same_key"));
}

}  // namespace
}  // namespace pincalc
