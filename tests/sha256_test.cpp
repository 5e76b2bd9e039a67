// sha256_test.cpp: SHA-256 as pincalc builds it (mbedTLS with our block function,
// src/mbedtls_config/sha256_process.c) against NIST's CAVP vectors for SHA-256: SHA256ShortMsg
// (0 to 512 bits), SHA256LongMsg (up to 51,200 bits) and the SHA256Monte chain (100,000 hashes),
// read from Debian's python3-cryptography-vectors (scripts/setup.sh installs it). Each message is
// hashed in one call, through the internal seam pincalc::crypto::sha256, and fed in pieces of
// awkward sizes so every path of mbedTLS's buffering reaches the block function. SHA-224 shares the
// block function, so its vectors run too.
#include "mbedtls/sha256.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "mbedtls_backend.hpp"

namespace {

struct Vector {
  std::string name;  // "SHA256ShortMsg.rsp Len = 8"
  std::vector<std::uint8_t> message;
  std::vector<std::uint8_t> digest;
};

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string vectors_dir() { return PINCALC_NIST_SHA2_DIR; }

// read_rsp reads a CAVP "Len / Msg / MD" file. Len = 0 comes with Msg = 00, which is no byte.
std::vector<Vector> read_rsp(const std::string& file) {
  std::ifstream in(vectors_dir() + "/" + file);
  std::vector<Vector> out;
  std::string line;
  long bits = -1;
  std::vector<std::uint8_t> message;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("Len = ", 0) == 0) {
      bits = std::stol(line.substr(6));
    } else if (line.rfind("Msg = ", 0) == 0) {
      message = from_hex(line.substr(6));
      message.resize(static_cast<std::size_t>(bits / 8));
    } else if (line.rfind("MD = ", 0) == 0) {
      out.push_back({file + " Len = " + std::to_string(bits), message, from_hex(line.substr(5))});
    }
  }
  return out;
}

std::vector<std::uint8_t> mbedtls_digest(const std::vector<std::uint8_t>& message, bool is224,
                                         std::size_t piece) {
  mbedtls_sha256_context ctx;
  mbedtls_sha256_init(&ctx);
  EXPECT_EQ(mbedtls_sha256_starts_ret(&ctx, is224 ? 1 : 0), 0);
  for (std::size_t at = 0; at < message.size(); at += piece) {
    const std::size_t n = std::min(piece, message.size() - at);
    EXPECT_EQ(mbedtls_sha256_update_ret(&ctx, message.data() + at, n), 0);
  }
  std::vector<std::uint8_t> out(32);
  EXPECT_EQ(mbedtls_sha256_finish_ret(&ctx, out.data()), 0);
  mbedtls_sha256_free(&ctx);
  out.resize(is224 ? 28 : 32);
  return out;
}

// Pieces: whole, byte by byte, and sizes that straddle the 64-byte block in every way.
constexpr std::size_t kPieces[] = {static_cast<std::size_t>(-1), 1, 3, 55, 63, 64, 65, 127, 1000};

void check_file(const std::string& file, bool is224, std::size_t expected_count) {
  const std::vector<Vector> vectors = read_rsp(file);
  ASSERT_EQ(vectors.size(), expected_count)
      << "NIST vectors missing or unreadable in " << vectors_dir() << " (apt install "
      << "python3-cryptography-vectors; scripts/setup.sh does)";
  for (const Vector& v : vectors) {
    for (const std::size_t piece : kPieces) {
      EXPECT_EQ(mbedtls_digest(v.message, is224, piece), v.digest)
          << v.name << ", pieces of " << piece;
    }
    if (!is224) {
      const pincalc::crypto::Sha256Digest d =
          pincalc::crypto::sha256(v.message.data(), v.message.size());
      EXPECT_EQ(std::vector<std::uint8_t>(d.begin(), d.end()), v.digest) << v.name << ", seam";
    }
  }
}

TEST(Sha256Test, NistShortMessages) { check_file("SHA256ShortMsg.rsp", false, 65); }

TEST(Sha256Test, NistLongMessages) { check_file("SHA256LongMsg.rsp", false, 64); }

TEST(Sha256Test, NistSha224ShortMessagesShareTheBlockFunction) {
  check_file("SHA224ShortMsg.rsp", true, 65);
}

TEST(Sha256Test, NistSha224LongMessagesShareTheBlockFunction) {
  check_file("SHA224LongMsg.rsp", true, 64);
}

// The Monte Carlo test (SHA256Monte.txt in the same folder): from a seed, 100 checkpoints of 1,000
// chained hashes, each over the previous three digests.
TEST(Sha256Test, NistMonteCarlo) {
  std::ifstream in(vectors_dir() + "/SHA256Monte.rsp");
  std::string line;
  std::vector<std::uint8_t> seed;
  std::vector<std::vector<std::uint8_t>> checkpoints;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("Seed = ", 0) == 0) seed = from_hex(line.substr(7));
    if (line.rfind("MD = ", 0) == 0) checkpoints.push_back(from_hex(line.substr(5)));
  }
  ASSERT_EQ(seed.size(), 32u) << "no SHA256Monte.rsp in " << vectors_dir();
  ASSERT_EQ(checkpoints.size(), 100u);
  for (const auto& expected : checkpoints) {
    std::vector<std::uint8_t> md0 = seed, md1 = seed, md2 = seed, message;
    for (int i = 3; i < 1003; ++i) {
      message = md0;
      message.insert(message.end(), md1.begin(), md1.end());
      message.insert(message.end(), md2.begin(), md2.end());
      const pincalc::crypto::Sha256Digest d =
          pincalc::crypto::sha256(message.data(), message.size());
      md0 = std::move(md1);
      md1 = std::move(md2);
      md2.assign(d.begin(), d.end());
    }
    ASSERT_EQ(md2, expected);
    seed = md2;
  }
}

}  // namespace
