// hostile_test.cpp: the hostile-input table — inputs built to crash, hang or mislead a parser, each
// with the outcome pincalc must give. Certificates are made by openssl at test time; their names
// are then patched byte for byte so they hold what openssl refuses to write (NUL, invalid UTF-8).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "pincalc/pincalc.hpp"
#include "test_util.hpp"

namespace pincalc {
namespace {

class HostileTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::TempDir() + "pincalc_hostile_" + std::to_string(getpid()));
    const std::string d = *dir_;
    ASSERT_EQ(std::system(("rm -rf " + d + " && mkdir -p " + d + " && cd " + d +
                           " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
                           "-nodes -keyout k.pem -subj '/CN=AAAAAAAAAAAA' -days 30 -out c.pem "
                           "2>/dev/null && openssl x509 -in c.pem -outform DER -out c.der && "
                           "openssl pkcs12 -export -in c.pem -inkey k.pem -passout pass:x "
                           "-out c.p12 && openssl pkey -in k.pem -aes256 -passout pass:x "
                           "-out enc.pem && openssl req -x509 -key k.pem -days 30 -out html.pem "
                           "-subj '/CN=<img src=x onerror=alert(1)>--> ]]>' 2>/dev/null")
                              .c_str()),
              0);
  }
  static void TearDownTestSuite() {
    std::system(("rm -rf " + *dir_).c_str());
    delete dir_;
  }
  static std::string file(const char* name) {
    return test::read_file(*dir_ + "/" + name).value_or("");
  }
  // patched returns the certificate DER with its CN "AAAAAAAAAAAA" replaced by `cn` (12 bytes).
  static std::string patched(const std::string& cn) {
    std::string der = file("c.der");
    const std::size_t at = der.rfind("AAAAAAAAAAAA");  // the subject (the issuer comes first)
    EXPECT_NE(at, std::string::npos);
    EXPECT_EQ(cn.size(), 12u);
    der.replace(at, 12, cn);
    return der;
  }
  static Report analyze(const std::string& bytes) {
    const std::vector<Source> s{{"hostile", bytes}};
    return build_report(s);
  }
  static std::string* dir_;
};

std::string* HostileTest::dir_ = nullptr;

std::string pem(const std::string& der, const char* label = "CERTIFICATE") {
  std::string b64 = base64_encode(reinterpret_cast<const std::uint8_t*>(der.data()), der.size());
  std::string out = std::string("-----BEGIN ") + label + "-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END " + label + "-----\n";
}

TEST_F(HostileTest, HundredThousandNestedSequencesAreRefusedQuickly) {
  std::string der;
  const int depth = 100000;
  // Build the nesting from the inside out with 4-byte lengths (30 84 LLLLLLLL).
  std::size_t inner = 2;
  std::vector<std::size_t> lengths;
  for (int i = 0; i < depth; ++i) {
    lengths.push_back(inner);
    inner += 6;
  }
  der.reserve(inner);
  for (int i = depth - 1; i >= 0; --i) {
    const std::size_t l = lengths[static_cast<std::size_t>(i)];
    der += std::string("\x30\x84", 2);
    for (int b = 3; b >= 0; --b) der.push_back(static_cast<char>((l >> (8 * b)) & 0xFF));
  }
  der += std::string("\x05\x00", 2);
  const Report r = analyze(pem(der));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::kMalformedDer);
  EXPECT_TRUE(r.items.empty());
}

TEST_F(HostileTest, HugeLengthFields) {
  for (const std::string& der : {std::string("\x30\x84\x80\x00\x00\x00\x02\x01\x00", 9),
                                 std::string("\x30\x88\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 10)}) {
    const Report r = analyze(der);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].code, ErrorCode::kMalformedDer) << r.errors[0].message;
  }
}

TEST_F(HostileTest, MillionPemHeadersStillPinned) {
  std::string text = "-----BEGIN CERTIFICATE-----\n";
  for (int i = 0; i < 1000000; ++i) text += "X-H: v\n";
  text += "\n";
  const std::string body = pem(file("c.der"));
  text += body.substr(body.find('\n') + 1);
  const Report r = analyze(text);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.items.size(), 1u);
}

TEST_F(HostileTest, NulAndInvalidUtf8InANameAreShownAsHex) {
  const Report r =
      analyze(patched(std::string("\0\xFF\xFE"
                                  "evil.example",
                                  12)));
  ASSERT_EQ(r.items.size(), 1u) << (r.errors.empty() ? "" : r.errors[0].message);
  const std::string& s = r.items[0].subject;
  EXPECT_EQ(s.find('\0'), std::string::npos);
  EXPECT_EQ(s.rfind("CN=#0C0C00FFFE", 0), 0u) << s;  // the DER of the value, as hex
  EXPECT_FALSE(report_to_json(r).empty());
}

TEST_F(HostileTest, RightToLeftOverrideCannotReorderTheName) {
  // "\u202Elpmaxe.live" displays as "evil.example" reversed; pincalc shows the escape instead.
  const Report r =
      analyze(patched("\xE2\x80\xAE"
                      "moc.elgoo"));
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].subject, "CN=\\E2\\80\\AEmoc.elgoo");
}

TEST_F(HostileTest, MarkupInANameIsData) {
  const Report r = analyze(file("html.pem"));
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].subject, "CN=\\<img src=x onerror=alert(1)\\>--\\> ]]\\>");
}

TEST_F(HostileTest, Pkcs12AndEncryptedKeysGetWhatToDo) {
  Report r = analyze(file("c.p12"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::kPkcs12);
  EXPECT_NE(r.errors[0].message.find("openssl pkcs12"), std::string::npos);
  r = analyze(file("enc.pem"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::kEncryptedPrivateKey);
  EXPECT_NE(r.errors[0].message.find("-pubout"), std::string::npos);
}

}  // namespace
}  // namespace pincalc
