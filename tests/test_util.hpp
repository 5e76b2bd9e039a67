// test_util.hpp: helpers shared by the test files: reading files, the generated fixture directory
// ($PINCALC_FIXTURES, set by ctest), the tab-separated tables of expected values that
// tests/fixtures/*.sh write with openssl, and finding items in a report.
#ifndef PINCALC_TESTS_TEST_UTIL_HPP
#define PINCALC_TESTS_TEST_UTIL_HPP

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "pincalc/pincalc.hpp"

namespace pincalc::test {

// read_file returns the bytes of the file at path, or std::nullopt when it cannot be read.
inline std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

// fixtures_dir returns $PINCALC_FIXTURES, the directory tests/fixtures/make_fixtures.sh and
// ca_bundle_expected.sh wrote to, or an empty string when the variable is unset.
inline std::string fixtures_dir() {
  const char* dir = std::getenv("PINCALC_FIXTURES");
  return dir != nullptr ? dir : "";
}

// FixturesTest is the base of tests that read generated fixtures. Its SetUp fails the test (it
// never skips it) when PINCALC_FIXTURES does not name a directory: run the tests through ctest,
// whose fixture step generates the files and sets the variable.
class FixturesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fixtures_dir();
    ASSERT_FALSE(dir_.empty())
        << "PINCALC_FIXTURES is not set; run the tests with ctest, or run "
           "tests/fixtures/make_fixtures.sh DIR and set PINCALC_FIXTURES=DIR";
    struct stat st {};
    ASSERT_TRUE(::stat(dir_.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        << "PINCALC_FIXTURES=" << dir_ << " is not a directory";
  }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  // load reads the fixture called name into *bytes, failing the test when it cannot.
  void load(const std::string& name, std::string* bytes) const {
    std::optional<std::string> data = read_file(path(name));
    ASSERT_TRUE(data.has_value()) << "cannot read fixture " << path(name);
    *bytes = std::move(*data);
  }

  std::string dir_;
};

// Table is a tab-separated table written by the fixture scripts: lines starting with '#' are
// comments (kept in `comments`), the first other line names the columns.
struct Table {
  std::vector<std::string> comments;
  std::vector<std::string> columns;
  std::vector<std::map<std::string, std::string>> rows;  // column name -> value
};

inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

// read_table parses the table at path. On failure it returns std::nullopt and says why in *error.
inline std::optional<Table> read_table(const std::string& path, std::string* error) {
  std::optional<std::string> text = read_file(path);
  if (!text) {
    *error = "cannot read " + path;
    return std::nullopt;
  }
  Table table;
  std::istringstream in(*text);
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    if (line[0] == '#') {
      table.comments.push_back(line);
      continue;
    }
    std::vector<std::string> fields = split_tabs(line);
    if (table.columns.empty()) {
      table.columns = std::move(fields);
      continue;
    }
    if (fields.size() != table.columns.size()) {
      *error = path + ":" + std::to_string(line_number) + ": " + std::to_string(fields.size()) +
               " fields, the header has " + std::to_string(table.columns.size());
      return std::nullopt;
    }
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < fields.size(); ++i) row[table.columns[i]] = fields[i];
    table.rows.push_back(std::move(row));
  }
  if (table.columns.empty()) {
    *error = path + ": no header line";
    return std::nullopt;
  }
  return table;
}

// items_from returns the items of report whose source is name, in report order.
inline std::vector<const Item*> items_from(const Report& report, const std::string& name) {
  std::vector<const Item*> items;
  for (const Item& item : report.items) {
    if (item.source == name) items.push_back(&item);
  }
  return items;
}

// report_for parses one fixture as the only source, named after the file.
inline Report report_for(const std::string& name, const std::string& bytes) {
  return build_report({Source{name, bytes}});
}

// describe_errors renders report.errors for failure messages.
inline std::string describe_errors(const Report& report) {
  std::string text;
  for (const Error& error : report.errors) {
    text += "\n  " + error.source + " block " + std::to_string(error.block) + ": [" +
            error_code_name(error.code) + "] " + error.message;
  }
  return text.empty() ? " (none)" : text;
}

// strip_colons turns "0A:1B" into "0A1B", the form of openssl x509 -serial.
inline std::string strip_colons(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ':'), text.end());
  return text;
}

// base64_to_hex decodes standard padded base64 (RFC 4648 §4) into lowercase hex; std::nullopt for
// anything else. The tests use it to derive the hex pin from openssl's base64 without our code.
inline std::optional<std::string> base64_to_hex(const std::string& b64) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (b64.size() % 4 != 0) return std::nullopt;
  std::vector<std::uint8_t> bytes;
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t padding = 0;
  for (char c : b64) {
    if (c == '=') {
      ++padding;
      continue;
    }
    std::size_t value = kAlphabet.find(c);
    if (value == std::string::npos || padding > 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xffu));
    }
  }
  if (padding > 2) return std::nullopt;
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (std::uint8_t b : bytes) {
    hex += kHex[b >> 4];
    hex += kHex[b & 0xfu];
  }
  return hex;
}

}  // namespace pincalc::test

#endif  // PINCALC_TESTS_TEST_UTIL_HPP
