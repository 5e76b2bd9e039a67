// pem.cpp: scan_source() — PEM blocks (RFC 7468) in pasted text, raw DER, bare base64 DER.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "base64.hpp"
#include "der.hpp"
#include "mbedtls_backend.hpp"
#include "scan.hpp"

namespace pincalc {

RawBlock::~RawBlock() {
  if (secret) crypto::wipe(der.data(), der.size());
}

std::string block_prefix(int block, int line) {
  std::string s = "block " + std::to_string(block);
  if (line > 0) s += " (line " + std::to_string(line) + ")";
  return s;
}

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

struct LabelInfo {
  const char* label;
  ObjectType type;
  bool secret;
};

constexpr LabelInfo kLabels[] = {
    {"CERTIFICATE", ObjectType::kCertificate, false},
    {"X509 CERTIFICATE", ObjectType::kCertificate, false},
    {"TRUSTED CERTIFICATE", ObjectType::kTrustedCertificate, false},
    {"CERTIFICATE REQUEST", ObjectType::kCsr, false},
    {"NEW CERTIFICATE REQUEST", ObjectType::kCsr, false},
    {"PUBLIC KEY", ObjectType::kSpki, false},
    {"RSA PUBLIC KEY", ObjectType::kRsaPublicKey, false},
    {"PKCS7", ObjectType::kPkcs7, false},
    {"CMS", ObjectType::kPkcs7, false},
    {"PRIVATE KEY", ObjectType::kPrivateKey, true},
    {"RSA PRIVATE KEY", ObjectType::kPrivateKey, true},
    {"EC PRIVATE KEY", ObjectType::kPrivateKey, true},
    {"DSA PRIVATE KEY", ObjectType::kPrivateKey, true},
};

// LineCounter turns byte offsets into 1-based line numbers, scanning forward only.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  int line_at(std::size_t offset) {
    if (offset < pos_) {
      pos_ = 0;
      line_ = 1;
    }
    const std::size_t to = offset < text_.size() ? offset : text_.size();
    if (to > pos_) {
      line_ += static_cast<int>(std::count(text_.begin() + pos_, text_.begin() + to, '\n'));
      pos_ = to;
    }
    return line_;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

std::string describe_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  char buf[16];
  if (u >= 0x21 && u < 0x7F) {
    std::snprintf(buf, sizeof buf, "'%c'", c);
  } else {
    std::snprintf(buf, sizeof buf, "byte 0x%02X", u);
  }
  return buf;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// BodyProblem describes why a PEM body could not be cleaned.
struct BodyProblem {
  std::string message;
  std::size_t offset = 0;  // in the body
};

// clean_body extracts the base64 characters of a PEM body, tolerating what pasting adds: CRLF,
// indentation, e-mail quoting ("> "), quoted string lines, and \n escapes from JSON or YAML.
// RFC 1421 header lines (Proc-Type, DEK-Info) before the data are skipped; *encrypted is set when
// Proc-Type says ENCRYPTED. Returns false with *problem on a character that cannot belong.
bool clean_body(std::string_view body, std::string* out, bool* encrypted, BodyProblem* problem) {
  out->clear();
  out->reserve(body.size());
  std::size_t i = 0;
  // Escaped line breaks ("\n" in JSON or YAML) are rare: look for them only when a backslash
  // exists.
  const bool may_escape = body.find('\\') != std::string_view::npos;
  while (i < body.size()) {
    // Find the end of this line: a newline, or a literal "\n" / "\r" escape.
    std::size_t end = i;
    std::size_t next = body.size();
    if (!may_escape) {
      end = body.find('\n', i);
      next = end == std::string_view::npos ? body.size() : end + 1;
      if (end == std::string_view::npos) end = body.size();
    }
    for (; may_escape && end < body.size(); ++end) {
      const char c = body[end];
      if (c == '\n') {
        next = end + 1;
        break;
      }
      if (c == '\\' && end + 1 < body.size() &&
          (body[end + 1] == 'n' || body[end + 1] == 'r' || body[end + 1] == 't')) {
        next = end + 2;
        break;
      }
    }
    std::string_view line = body.substr(i, end - i);
    const std::size_t line_offset = i;
    i = next;

    std::size_t a = 0, b = line.size();
    while (a < b && (is_space(line[a]) || line[a] == '>')) ++a;
    while (b > a && is_space(line[b - 1])) --b;
    if (a < b && (line[a] == '"' || line[a] == '\'')) {
      const char quote = line[a++];
      const std::size_t close = line.find(quote, a);
      if (close != std::string_view::npos && close < b) b = close;
    }
    while (b > a && (is_space(line[b - 1]) || line[b - 1] == '\\')) --b;
    if (a == b) continue;
    line = line.substr(a, b - a);
    if (out->empty() && line.find(':') != std::string_view::npos) {
      if (line.rfind("Proc-Type:", 0) == 0 && line.find("ENCRYPTED") != std::string_view::npos) {
        *encrypted = true;
      }
      continue;
    }
    std::size_t run = 0;  // the common case: a whole line of base64, appended at once
    while (run < line.size() && is_base64_char(line[run])) ++run;
    if (run == line.size()) {
      out->append(line.data(), line.size());
      continue;
    }
    for (std::size_t k = 0; k < line.size(); ++k) {
      const char c = line[k];
      if (is_base64_char(c)) {
        out->push_back(c);
      } else if (!is_space(c)) {
        problem->message = "unexpected " + describe_char(c) + " in the base64 body";
        problem->offset = line_offset + a + k;
        return false;
      }
    }
  }
  return true;
}

class Scanner {
 public:
  Scanner(const Source& source, const Limits& limits, std::vector<RawBlock>* blocks,
          std::vector<Error>* errors, std::size_t* budget)
      : source_(source),
        text_(source.bytes),
        lines_(source.bytes),
        limits_(limits),
        blocks_(blocks),
        errors_(errors),
        budget_(budget) {}

  void run();

 private:
  void error(int block, std::size_t offset, ErrorCode code, const std::string& what) {
    const int line = binary_ ? 0 : lines_.line_at(offset);
    Error e;
    e.source = source_.name;
    e.block = block;
    e.offset = offset;
    e.line = line;
    e.code = code;
    e.message = block > 0 ? block_prefix(block, line) + ": " + what : what;
    errors_->push_back(std::move(e));
  }
  bool take_budget(int block, std::size_t offset) {
    if (*budget_ == 0) {
      error(block, offset, ErrorCode::kLimitExceeded,
            "more than " + std::to_string(limits_.max_objects) +
                " objects in the input; the rest is not read");
      return false;
    }
    --*budget_;
    return true;
  }
  void scan_pem(std::size_t start);
  void pem_block(int block, std::size_t begin, std::string_view label, std::string_view body,
                 std::size_t body_offset);
  void scan_der(std::string_view bytes, const char* label, std::size_t offset);
  void scan_unarmoured();

  const Source& source_;
  std::string_view text_;
  LineCounter lines_;
  const Limits& limits_;
  std::vector<RawBlock>* blocks_;
  std::vector<Error>* errors_;
  std::size_t* budget_;
  bool binary_ = false;
  int block_count_ = 0;
};

void Scanner::run() {
  const std::size_t size =
      source_.declared_size > text_.size() ? source_.declared_size : text_.size();
  if (size > limits_.max_input_bytes) {
    binary_ = true;
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "input is %.1f MiB, over the %.1f MiB limit; split it or raise the limit",
                  static_cast<double>(size) / 1048576.0,
                  static_cast<double>(limits_.max_input_bytes) / 1048576.0);
    error(0, 0, ErrorCode::kLimitExceeded, buf);
    return;
  }
  std::size_t start = 0;
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // UTF-8 byte order mark
  std::size_t first_non_space = start;
  while (first_non_space < text_.size() &&
         (is_space(text_[first_non_space]) || text_[first_non_space] == '\n')) {
    ++first_non_space;
  }
  if (first_non_space == text_.size()) {
    binary_ = true;
    error(0, 0, ErrorCode::kEmptyInput, "the input is empty");
    return;
  }
  if (text_.find(kBegin, start) != std::string_view::npos) {
    scan_pem(start);
  } else if (static_cast<std::uint8_t>(text_[start]) == der::kSequence) {
    binary_ = true;
    scan_der(text_.substr(start), "DER", start);
  } else {
    scan_unarmoured();
  }
}

void Scanner::scan_pem(std::size_t pos) {
  while (true) {
    const std::size_t begin = text_.find(kBegin, pos);
    if (begin == std::string_view::npos) return;
    const int block = ++block_count_;
    const std::size_t label_start = begin + kBegin.size();
    const std::size_t label_end = text_.find(kDashes, label_start);
    const std::size_t eol = text_.find('\n', label_start);
    if (label_end == std::string_view::npos || (eol != std::string_view::npos && eol < label_end)) {
      error(block, begin, ErrorCode::kUnterminatedPem, "the BEGIN line is cut off");
      pos = label_start;
      continue;
    }
    const std::string_view label = text_.substr(label_start, label_end - label_start);
    const std::size_t body_start = label_end + kDashes.size();
    const std::size_t end = text_.find(kEnd, body_start);
    const std::size_t next_begin = text_.find(kBegin, body_start);
    if (end == std::string_view::npos ||
        (next_begin != std::string_view::npos && next_begin < end)) {
      error(block, begin, ErrorCode::kUnterminatedPem,
            "'-----BEGIN " + std::string(label) + "-----' has no END line (the block is cut off)");
      pos = body_start;
      continue;
    }
    const std::size_t end_label_start = end + kEnd.size();
    const std::size_t end_label_end = text_.find(kDashes, end_label_start);
    if (end_label_end == std::string_view::npos) {
      error(block, begin, ErrorCode::kUnterminatedPem, "the END line is cut off");
      return;
    }
    pos = end_label_end + kDashes.size();
    const std::string_view end_label =
        text_.substr(end_label_start, end_label_end - end_label_start);
    if (end_label != label) {
      error(block, begin, ErrorCode::kPemLabelMismatch,
            "'BEGIN " + std::string(label) + "' ends with 'END " + std::string(end_label) + "'");
      continue;
    }
    if (!take_budget(block, begin)) return;
    pem_block(block, begin, label, text_.substr(body_start, end - body_start), body_start);
  }
}

void Scanner::pem_block(int block, std::size_t begin, std::string_view label, std::string_view body,
                        std::size_t body_offset) {
  const LabelInfo* info = nullptr;
  for (const auto& l : kLabels) {
    if (label == l.label) info = &l;
  }
  const std::string label_str(label);
  if (info == nullptr) {
    if (label == "EC PARAMETERS") return;  // `openssl ecparam -genkey` writes it before the key
    if (label == "ENCRYPTED PRIVATE KEY") {
      error(block, begin, ErrorCode::kEncryptedPrivateKey,
            "encrypted private key: pincalc never asks for a passphrase. Pin the public key or "
            "the CSR instead (openssl pkey -in key.pem -pubout)");
    } else if (label == "X509 CRL") {
      error(block, begin, ErrorCode::kUnsupportedBlock,
            "a certificate revocation list (X509 CRL) has no key to pin");
    } else if (label == "OPENSSH PRIVATE KEY" || label == "SSH2 PUBLIC KEY") {
      error(block, begin, ErrorCode::kUnsupportedBlock,
            "an SSH key, not a TLS certificate or key; convert it with "
            "ssh-keygen -e -m PKCS8 -f key.pub");
    } else {
      error(block, begin, ErrorCode::kUnsupportedBlock,
            "'" + label_str +
                "' blocks hold nothing to pin; pincalc reads certificates, CSRs, public and "
                "private keys and PKCS#7 bags");
    }
    return;
  }
  std::string b64;
  bool encrypted = false;
  BodyProblem problem;
  const bool ok = clean_body(body, &b64, &encrypted, &problem);
  RawBlock raw;
  raw.label = label_str;
  raw.type = info->type;
  raw.block = block;
  raw.offset = begin;
  raw.line = lines_.line_at(begin);
  raw.secret = info->secret;
  if (!ok) {
    if (info->secret) crypto::wipe(b64.data(), b64.size());
    const int line = lines_.line_at(body_offset + problem.offset);
    error(block, begin, ErrorCode::kBadBase64,
          problem.message + " at line " + std::to_string(line));
    return;
  }
  if (encrypted) {
    if (info->secret) crypto::wipe(b64.data(), b64.size());
    error(block, begin, ErrorCode::kEncryptedPrivateKey,
          "encrypted private key (Proc-Type: 4,ENCRYPTED): pincalc never asks for a passphrase. "
          "Pin the public key or the CSR instead (openssl pkey -in key.pem -pubout)");
    return;
  }
  if (b64.empty()) {
    error(block, begin, ErrorCode::kBadBase64, "the block has no base64 body");
    return;
  }
  if (info->secret) {
    crypto::SecretBytes secret_der;
    const bool decoded = crypto::base64_decode_secret(b64, &secret_der);
    crypto::wipe(b64.data(), b64.size());
    if (!decoded) {
      error(block, begin, ErrorCode::kBadBase64, "the base64 body of the private key is malformed");
      return;
    }
    raw.der.swap(secret_der.bytes());  // the moved-to block wipes it in its destructor
  } else {
    const Base64Result r = base64_decode_strict(b64, &raw.der);
    if (r.status != Base64Status::kOk) {
      error(block, begin,
            r.status == Base64Status::kTruncated ? ErrorCode::kTruncatedBase64
                                                 : ErrorCode::kBadBase64,
            r.status == Base64Status::kTruncated
                ? "base64 body is truncated (" + std::to_string(b64.size()) +
                      " characters: the last group is incomplete)"
                : "'=' padding inside the base64 body (two blocks run together?)");
      return;
    }
  }
  blocks_->push_back(std::move(raw));
}

void Scanner::scan_der(std::string_view bytes, const char* label, std::size_t offset) {
  const ByteView view{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
  der::Reader reader(view, 0);
  while (!reader.at_end()) {
    const int block = ++block_count_;
    const std::size_t at = reader.offset();
    der::Tlv tlv;
    der::Error err;
    if (!reader.next(&tlv, &err)) {
      error(block, offset + at, ErrorCode::kMalformedDer,
            block > 1 ? std::to_string(bytes.size() - at) +
                            " bytes after the last object are not DER (" + err.what + ")"
                      : "DER is malformed: " + err.what);
      return;
    }
    if (tlv.tag != der::kSequence) {
      error(block, offset + at, ErrorCode::kMalformedDer,
            block > 1 ? std::to_string(bytes.size() - at) +
                            " bytes of trailing data after the last object"
                      : "DER does not start with a SEQUENCE");
      return;
    }
    if (!take_budget(block, offset + at)) return;
    RawBlock raw;
    raw.label = label;
    raw.block = block;
    raw.offset = offset + at;
    raw.der.assign(tlv.whole.data, tlv.whole.data + tlv.whole.size);
    blocks_->push_back(std::move(raw));
  }
}

struct Signature {
  const char* magic;
  std::size_t size;
  const char* what;
};

void Scanner::scan_unarmoured() {
  static const Signature kSignatures[] = {
      {"\x89PNG", 4, "a PNG image"},
      {"\xFF\xD8\xFF", 3, "a JPEG image"},
      {"GIF8", 4, "a GIF image"},
      {"%PDF", 4, "a PDF document"},
      {"PK\x03\x04", 4, "a ZIP archive"},
      {"\x1F\x8B", 2, "a gzip file"},
      {"ssh-", 4, "an OpenSSH public key (not a TLS certificate)"},
      {"ecdsa-sha2-", 11, "an OpenSSH public key (not a TLS certificate)"},
  };
  for (const auto& s : kSignatures) {
    if (text_.size() >= s.size && std::memcmp(text_.data(), s.magic, s.size) == 0) {
      binary_ = true;
      error(0, 0, ErrorCode::kNotCertificateData,
            std::string("this is ") + s.what + ", not a certificate, key or CSR");
      return;
    }
  }
  std::string b64;
  bool encrypted = false;
  BodyProblem problem;
  if (clean_body(text_, &b64, &encrypted, &problem) && b64.size() >= 8) {
    std::vector<std::uint8_t> bytes;
    if (base64_decode_strict(b64, &bytes).status == Base64Status::kOk && !bytes.empty() &&
        bytes[0] == der::kSequence) {
      binary_ = true;
      const std::string_view view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      const std::size_t first = blocks_->size();
      scan_der(view, "BASE64", 0);
      for (std::size_t i = first; i < blocks_->size(); ++i) (*blocks_)[i].offset = 0;
      return;
    }
  }
  binary_ = true;
  error(0, 0, ErrorCode::kNothingFound,
        "no certificate found: expected PEM blocks (-----BEGIN CERTIFICATE-----), DER or base64 "
        "DER");
}

}  // namespace

void scan_source(const Source& source, const Limits& limits, std::vector<RawBlock>* blocks,
                 std::vector<Error>* errors, std::size_t* object_budget) {
  Scanner(source, limits, blocks, errors, object_budget).run();
}

}  // namespace pincalc
