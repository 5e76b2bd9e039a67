// input_test.cpp: what people paste around PEM blocks is tolerated, and every malformed input gets
// its named error while the good blocks beside it are still pinned. Expected pins come from the
// openssl CLI at test time.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "pincalc/pincalc.hpp"

namespace pincalc {
namespace {

constexpr const char* kBundle = "/etc/ssl/certs/ca-certificates.crt";

std::string run(const std::string& cmd) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  if (!pipe) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// Cert is one certificate of the system bundle with what openssl says about it.
struct Cert {
  std::string pem;   // with a trailing newline
  std::string body;  // base64 lines only
  std::string der;
  std::string pin;  // openssl x509 -pubkey | pkey -outform der | dgst -sha256 | base64
};

Cert load_cert(int n) {
  // One file per process: ctest -j runs every test case as its own process.
  const std::string path = testing::TempDir() + "pincalc_input_test_" + std::to_string(getpid()) +
                           "_" + std::to_string(n) + ".pem";
  run("awk '/-----BEGIN CERTIFICATE-----/{k++} k==" + std::to_string(n) + "' " + kBundle +
      " | sed '/-----END CERTIFICATE-----/q' > " + path);
  Cert c;
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  c.pem = ss.str();
  std::istringstream lines(c.pem);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("-----", 0) != 0) c.body += line + "\n";
  }
  c.der = run("openssl x509 -in " + path + " -outform DER | od -An -v -tx1 | tr -d ' \\n'");
  std::string bin;
  for (size_t i = 0; i + 1 < c.der.size(); i += 2) {
    bin.push_back(static_cast<char>(std::stoi(c.der.substr(i, 2), nullptr, 16)));
  }
  c.der = bin;
  c.pin = run("openssl x509 -in " + path +
              " -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary "
              "| openssl base64 -A");
  std::remove(path.c_str());
  return c;
}

const Cert& cert_a() {
  static const Cert c = load_cert(1);
  return c;
}
const Cert& cert_b() {
  static const Cert c = load_cert(2);
  return c;
}

Report analyze(const std::vector<std::pair<std::string, std::string>>& inputs) {
  std::vector<Source> sources;
  for (const auto& [name, bytes] : inputs) sources.push_back({name, bytes});
  return build_report(sources);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) {
    s.replace(p, from.size(), to);
  }
  return s;
}

TEST(InputTest, OpensslGaveUsAPin) {
  ASSERT_EQ(cert_a().pin.size(), 44u) << "openssl failed; is it installed?";
  ASSERT_EQ(cert_b().pin.size(), 44u);
  ASSERT_NE(cert_a().pin, cert_b().pin);
}

// ---- Tolerated wrappings: each must give exactly cert A's pin and no error. ----
struct Wrapping {
  const char* name;
  std::string (*wrap)(const Cert&);
};

const Wrapping kWrappings[] = {
    {"Plain", [](const Cert& c) { return c.pem; }},
    {"CrlfLineEndings", [](const Cert& c) { return replace_all(c.pem, "\n", "\r\n"); }},
    {"Utf8ByteOrderMark", [](const Cert& c) { return "\xEF\xBB\xBF" + c.pem; }},
    {"EmailQuoting",
     [](const Cert& c) { return "On Monday Bob wrote:\n> " + replace_all(c.pem, "\n", "\n> "); }},
    {"NestedEmailQuoting",
     [](const Cert& c) { return "> > " + replace_all(c.pem, "\n", "\n> > "); }},
    {"YamlIndentation",
     [](const Cert& c) { return "tls:\n  cert: |\n    " + replace_all(c.pem, "\n", "\n    "); }},
    {"MarkdownFence", [](const Cert& c) { return "Here it is:\n\n```pem\n" + c.pem + "```\n"; }},
    {"OpensslTextAround",
     [](const Cert& c) {
       return "Bag Attributes\n    friendlyName: server\nsubject=CN = example.com\n"
              "issuer=CN = Example CA\n" +
              c.pem + "\n---\nSSL handshake has read 3 bytes\n";
     }},
    {"JsonEscapedNewlines",
     [](const Cert& c) { return "{\"cert\": \"" + replace_all(c.pem, "\n", "\\n") + "\"}"; }},
    {"OneLongBodyLine",
     [](const Cert& c) {
       return "-----BEGIN CERTIFICATE-----\n" + replace_all(c.body, "\n", "") +
              "\n-----END CERTIFICATE-----\n";
     }},
    {"TabsAndTrailingSpaces", [](const Cert& c) { return replace_all(c.pem, "\n", " \t\n\t"); }},
    {"X509CertificateLabel",
     [](const Cert& c) { return replace_all(c.pem, "CERTIFICATE-----", "X509 CERTIFICATE-----"); }},
    {"RawDer", [](const Cert& c) { return c.der; }},
    {"BareBase64", [](const Cert& c) { return c.body; }},
    {"BareBase64OneLine", [](const Cert& c) { return replace_all(c.body, "\n", ""); }},
};

class WrappingTest : public testing::TestWithParam<Wrapping> {};

TEST_P(WrappingTest, GivesOpensslPin) {
  const Report r = analyze({{"paste", GetParam().wrap(cert_a())}});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].pins.sha256, cert_a().pin);
  EXPECT_EQ(r.items[0].kind, ItemKind::kCertificate);
}

INSTANTIATE_TEST_SUITE_P(Tolerated, WrappingTest, testing::ValuesIn(kWrappings),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(InputTest, EveryCertificateOfABundleInOrder) {
  const Report r = analyze({{"bundle", cert_a().pem + "some text\n" + cert_b().pem}});
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].pins.sha256, cert_a().pin);
  EXPECT_EQ(r.items[1].pins.sha256, cert_b().pin);
  EXPECT_EQ(r.items[1].block, 2);
}

TEST(InputTest, ConcatenatedDerObjects) {
  const Report r = analyze({{"two.der", cert_a().der + cert_b().der}});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[1].pins.sha256, cert_b().pin);
}

// ---- Malformed inputs: a table of named cases, each between two good certificates. ----
struct Malformed {
  const char* name;
  std::string (*make)(const Cert&);  // the bad block (given cert A to mutate)
  ErrorCode code;
  bool binary;  // cannot share a text file with PEM blocks: passed as its own source
};

std::string der_to_pem(const std::string& der, const char* label) {
  std::string b64 = base64_encode(reinterpret_cast<const std::uint8_t*>(der.data()), der.size());
  std::string out = std::string("-----BEGIN ") + label + "-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END " + label + "-----\n";
}

const Malformed kMalformed[] = {
    {"Empty", [](const Cert&) { return std::string(); }, ErrorCode::kEmptyInput, true},
    {"WhitespaceOnly", [](const Cert&) { return std::string(" \r\n\t\n"); }, ErrorCode::kEmptyInput,
     true},
    {"OneByte", [](const Cert&) { return std::string("\x30"); }, ErrorCode::kMalformedDer, true},
    {"BadBase64Character",
     [](const Cert& c) { return replace_all(c.pem, "\n-----END", "!!\n-----END"); },
     ErrorCode::kBadBase64, false},
    {"Base64QuantumTruncated",
     [](const Cert& c) {
       std::string body = replace_all(c.body, "\n", "");
       while (!body.empty() && body.back() == '=') body.pop_back();
       body.resize(body.size() / 4 * 4 - 3);
       return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
     },
     ErrorCode::kTruncatedBase64, false},
    {"BodyCutShort",
     [](const Cert& c) {
       return "-----BEGIN CERTIFICATE-----\n" + c.body.substr(0, 65 * 5) +
              "-----END CERTIFICATE-----\n";
     },
     ErrorCode::kMalformedDer, false},
    {"MissingEndLine", [](const Cert& c) { return c.pem.substr(0, c.pem.find("-----END")); },
     ErrorCode::kUnterminatedPem, false},
    {"LabelMismatch",
     [](const Cert& c) { return replace_all(c.pem, "END CERTIFICATE", "END PUBLIC KEY"); },
     ErrorCode::kPemLabelMismatch, false},
    {"WrongOuterTag",
     [](const Cert& c) {
       std::string d = c.der;
       d[0] = 0x31;
       return der_to_pem(d, "CERTIFICATE");
     },
     ErrorCode::kMalformedDer, false},
    {"LengthPastTheEnd",
     [](const Cert& c) {
       std::string d = c.der;
       d[3] = static_cast<char>(d[3] + 1);  // 30 82 HH LL: one byte longer than the data
       return der_to_pem(d, "CERTIFICATE");
     },
     ErrorCode::kMalformedDer, false},
    {"TrailingGarbageAfterDer",
     [](const Cert& c) { return der_to_pem(c.der + "garbage", "CERTIFICATE"); },
     ErrorCode::kMalformedDer, false},
    {"Length2Pow64Minus1",
     [](const Cert&) {
       return der_to_pem(std::string("\x30\x88\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 10),
                         "CERTIFICATE");
     },
     ErrorCode::kMalformedDer, false},
    {"IndefiniteLengthBer",
     [](const Cert&) {
       return der_to_pem(std::string("\x30\x80\x02\x01\x01\x00\x00", 7), "CERTIFICATE");
     },
     ErrorCode::kMalformedDer, false},
    {"DeeplyNestedSequences",
     [](const Cert&) {
       std::string d = std::string("\x05\x00", 2);
       for (int i = 0; i < 100; ++i) {
         d = std::string("\x30", 1) + static_cast<char>(0x82) + static_cast<char>(d.size() >> 8) +
             static_cast<char>(d.size() & 0xFF) + d;
       }
       return der_to_pem(d, "CERTIFICATE");
     },
     ErrorCode::kMalformedDer, false},
    {"PublicKeyLabelledCertificate",
     [](const Cert& c) { return replace_all(c.pem, "CERTIFICATE", "PUBLIC KEY"); },
     ErrorCode::kWrongStructure, false},
    {"CrlBlock", [](const Cert& c) { return replace_all(c.pem, "CERTIFICATE", "X509 CRL"); },
     ErrorCode::kUnsupportedBlock, false},
    {"EncryptedPrivateKeyBlock",
     [](const Cert& c) { return replace_all(c.pem, "CERTIFICATE", "ENCRYPTED PRIVATE KEY"); },
     ErrorCode::kEncryptedPrivateKey, false},
    {"ProcTypeEncryptedKey",
     [](const Cert& c) {
       return "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
              "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n" +
              c.body + "-----END RSA PRIVATE KEY-----\n";
     },
     ErrorCode::kEncryptedPrivateKey, false},
    {"Pkcs12File",
     [](const Cert&) {
       // PFX ::= SEQUENCE { version 3, authSafe ContentInfo(data), … } (RFC 7292 §4)
       return std::string(
           "\x30\x14\x02\x01\x03\x30\x0F\x06\x09\x2A\x86\x48\x86\xF7\x0D\x01\x07\x01\xA0\x02\x04"
           "\x00",
           22);
     },
     ErrorCode::kPkcs12, true},
    {"PngImage", [](const Cert&) { return std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16); },
     ErrorCode::kNotCertificateData, true},
    {"PlainText", [](const Cert&) { return std::string("hello, this is not a certificate\n"); },
     ErrorCode::kNothingFound, true},
};

class MalformedTest : public testing::TestWithParam<Malformed> {};

TEST_P(MalformedTest, NamedErrorAndGoodBlocksStillPinned) {
  const Malformed& m = GetParam();
  const std::string bad = m.make(cert_a());
  Report r;
  if (m.binary) {
    r = analyze({{"good1.pem", cert_a().pem}, {"bad.bin", bad}, {"good2.pem", cert_b().pem}});
  } else {
    r = analyze({{"mixed.pem", cert_a().pem + bad + cert_b().pem}});
  }
  ASSERT_EQ(r.errors.size(), 1u) << (r.errors.empty() ? "no error" : r.errors[1].message);
  const Error& e = r.errors[0];
  EXPECT_EQ(error_code_name(e.code), std::string(error_code_name(m.code))) << e.message;
  EXPECT_FALSE(e.message.empty());
  if (m.binary) {
    EXPECT_EQ(e.source, "bad.bin");
  } else {
    EXPECT_EQ(e.source, "mixed.pem");
    EXPECT_EQ(e.block, 2);
    EXPECT_EQ(e.message.rfind("block 2 (line ", 0), 0u) << e.message;
  }
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].pins.sha256, cert_a().pin);
  EXPECT_EQ(r.items[1].pins.sha256, cert_b().pin);
}

INSTANTIATE_TEST_SUITE_P(Rejected, MalformedTest, testing::ValuesIn(kMalformed),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(InputTest, TruncatedBodySaysTruncated) {
  const std::string cut = "-----BEGIN CERTIFICATE-----\n" + cert_a().body.substr(0, 65 * 5) +
                          "-----END CERTIFICATE-----\n";
  const Report r = analyze({{"cut.pem", cut}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("truncated"), std::string::npos) << r.errors[0].message;
}

TEST(InputTest, OverSizeLimitRefused) {
  Options o;
  o.limits.max_input_bytes = 1000;
  const std::string big = cert_a().pem;
  ASSERT_GT(big.size(), 1000u);
  const std::vector<Source> s{{"big.pem", big}};
  const Report r = build_report(s, o);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::kLimitExceeded);
  EXPECT_TRUE(r.items.empty());
}

TEST(InputTest, ObjectLimitStopsReading) {
  Options o;
  o.limits.max_objects = 1;
  const std::string two = cert_a().pem + cert_b().pem;  // Source borrows it
  const std::vector<Source> s{{"two.pem", two}};
  const Report r = build_report(s, o);
  ASSERT_EQ(r.items.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::kLimitExceeded);
}

TEST(InputTest, X25519PrivateKeyWithoutPublicKeyIsRefusedClearly) {
  const std::string key = run("openssl genpkey -algorithm X25519");
  ASSERT_NE(key.find("BEGIN PRIVATE KEY"), std::string::npos);
  const Report r = analyze({{"x25519.pem", key + "\n"}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::kUnsupportedPrivateKey);
  EXPECT_NE(r.errors[0].message.find("X25519"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(r.errors[0].message.find(key.substr(28, 20)), std::string::npos);  // no key text
}

TEST(InputTest, ErrorMessagesNameLineOfBadCharacter) {
  const std::string text = cert_a().pem + replace_all(cert_b().pem, "\n-----END", "*\n-----END");
  const Report r = analyze({{"x.pem", text}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("unexpected '*'"), std::string::npos) << r.errors[0].message;
}

}  // namespace
}  // namespace pincalc

namespace pincalc {
namespace {

// The --pin-only fast path gives the same pins as the full report for every certificate of the
// system bundle (whose pins the CA-bundle test checks against openssl).
TEST(InputTest, PinsOnlyMatchesTheFullReport) {
  std::ifstream f(kBundle, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string bundle = ss.str();
  const std::vector<Source> sources{{"bundle", bundle}};
  Options fast;
  fast.pins_only = true;
  const Report a = build_report(sources);
  const Report b = build_report(sources, fast);
  ASSERT_GT(a.items.size(), 100u);
  ASSERT_EQ(a.items.size(), b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    EXPECT_EQ(a.items[i].pins.sha256, b.items[i].pins.sha256) << i;
    EXPECT_EQ(a.items[i].pins.sha256_hex, b.items[i].pins.sha256_hex) << i;
    EXPECT_TRUE(b.items[i].subject.empty());  // nothing else was computed
  }
}

}  // namespace
}  // namespace pincalc
