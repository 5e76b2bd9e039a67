// ca_bundle_test.cpp: differential test over every certificate of the system CA bundle. The
// expected values are what openssl says about each certificate
// ($PINCALC_FIXTURES/ca_bundle_expected.tsv, written by tests/fixtures/ca_bundle_expected.sh at
// test time); pincalc reads the whole bundle as one source and must agree on every one, in order.
#include <gtest/gtest.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "pincalc/pincalc.hpp"
#include "test_util.hpp"

namespace pincalc::test {
namespace {

// Bundle is the expected table and pincalc's report on the same bundle, built once per process.
struct Bundle {
  std::string path;
  Table expected;
  Report report;
};

class CaBundleTest : public FixturesTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(FixturesTest::SetUp());
    static std::optional<Bundle> cached;
    static std::string cached_error;
    if (!cached && cached_error.empty()) cached_error = load_bundle(&cached);
    ASSERT_TRUE(cached.has_value()) << cached_error;
    bundle_ = &*cached;
  }

  // load_bundle returns an error message, or "" after filling *bundle.
  std::string load_bundle(std::optional<Bundle>* bundle) const {
    std::string error;
    std::optional<Table> table = read_table(path("ca_bundle_expected.tsv"), &error);
    if (!table) return error;
    const std::string prefix = "# bundle\t";
    if (table->comments.empty() || table->comments[0].rfind(prefix, 0) != 0) {
      return "ca_bundle_expected.tsv does not name its bundle";
    }
    std::string bundle_path = table->comments[0].substr(prefix.size());
    std::optional<std::string> bytes = read_file(bundle_path);
    if (!bytes) return "cannot read " + bundle_path;
    Report report = build_report({Source{bundle_path, *bytes}});
    bundle->emplace(Bundle{bundle_path, std::move(*table), std::move(report)});
    return "";
  }

  // compare checks one column against a value of every item, listing every certificate that
  // differs (so a failure shows the whole set of differences, not only the first).
  void compare(const std::string& column,
               const std::function<std::string(const Item&)>& value) const {
    const auto& rows = bundle_->expected.rows;
    const auto& items = bundle_->report.items;
    ASSERT_EQ(items.size(), rows.size());
    std::ostringstream differences;
    int count = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::string ours = value(items[i]);
      if (ours != rows[i].at(column)) {
        ++count;
        differences << "\n  certificate " << i + 1 << " (" << rows[i].at("subject") << ")"
                    << "\n    openssl: " << rows[i].at(column) << "\n    pincalc: " << ours;
      }
    }
    EXPECT_EQ(count, 0) << count << " of " << rows.size() << " certificates differ in " << column
                        << ":" << differences.str();
  }

  const Bundle* bundle_ = nullptr;
};

TEST_F(CaBundleTest, EveryCertificateIsReportedInOrder) {
  const Report& report = bundle_->report;
  EXPECT_TRUE(report.errors.empty()) << "errors:" << describe_errors(report);
  EXPECT_GT(bundle_->expected.rows.size(), 0u);
  ASSERT_EQ(report.items.size(), bundle_->expected.rows.size());
  for (std::size_t i = 0; i < report.items.size(); ++i) {
    const Item& item = report.items[i];
    EXPECT_EQ(item.index, static_cast<int>(i));
    EXPECT_EQ(item.source, bundle_->path);
    EXPECT_STREQ(item_kind_name(item.kind), item_kind_name(ItemKind::kCertificate));
    EXPECT_EQ(std::to_string(item.block), bundle_->expected.rows[i].at("block"))
        << "certificate " << i + 1;
  }
}

TEST_F(CaBundleTest, PinsMatchOpenssl) {
  compare("spki_sha256", [](const Item& item) { return item.pins.sha256; });
}

TEST_F(CaBundleTest, FingerprintsMatchOpenssl) {
  compare("fp_sha256", [](const Item& item) {
    return item.fingerprints ? item.fingerprints->sha256 : std::string("(none)");
  });
}

TEST_F(CaBundleTest, SubjectsMatchOpenssl) {
  compare("subject", [](const Item& item) { return item.subject; });
}

TEST_F(CaBundleTest, IssuersMatchOpenssl) {
  compare("issuer", [](const Item& item) { return item.issuer; });
}

TEST_F(CaBundleTest, SerialsMatchOpenssl) {
  compare("serial", [](const Item& item) { return strip_colons(item.serial); });
}

TEST_F(CaBundleTest, ValidityMatchesOpenssl) {
  compare("not_before", [](const Item& item) {
    return item.not_before ? format_time(*item.not_before) : std::string("(none)");
  });
  compare("not_after", [](const Item& item) {
    return item.not_after ? format_time(*item.not_after) : std::string("(none)");
  });
}

}  // namespace
}  // namespace pincalc::test
