// input.hpp: what pincalc takes in (named byte sources, options) and how it reports a rejected
// block (ErrorCode + a message for people).
#ifndef PINCALC_INPUT_HPP
#define PINCALC_INPUT_HPP

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace pincalc {

// Source is one input: a file, stdin or a paste. The bytes are borrowed for the duration of the
// build_report() call only; nothing keeps them afterwards.
struct Source {
  std::string name;  // shown in messages: a path, "-" for stdin, "paste"
  std::string_view bytes;
  // declared_size is the source's real size when the caller did not load it (a file or a paste
  // over Limits::max_input_bytes is refused without being read or copied): 0 means bytes.size().
  std::size_t declared_size = 0;
};

// Limits bound the work and memory one call may take. An input over a limit is rejected with
// ErrorCode::kLimitExceeded before anything is allocated for it.
struct Limits {
  std::size_t max_input_bytes = 16u << 20;  // per source
  std::size_t max_objects = 100000;         // blocks and certificates, across all sources
  int max_der_depth = 32;                   // nesting of DER constructed values
};

struct Options {
  // now is the time validity is judged against (seconds since the epoch, UTC). 0 means the
  // current time. Tests and reproducible reports set it.
  std::int64_t now = 0;
  // expiry_warning_days: certificates expiring within this many days get a warning.
  int expiry_warning_days = 30;
  // pins_only computes the SPKI SHA-256 pins and nothing else (the CLI's --pin-only): items get
  // kind, source, block, offset, label and pins.sha256/sha256_hex/sha256_prefixed; names, dates,
  // extensions, SHA-1, fingerprints, chains and warnings are skipped. Errors are still reported.
  bool pins_only = false;
  Limits limits;
};

// ErrorCode names why a block was rejected, for programs; Error::message says it for people.
enum class ErrorCode {
  kEmptyInput,             // the source has no bytes (or only whitespace)
  kNothingFound,           // no PEM block, DER or base64 DER was recognised
  kUnterminatedPem,        // BEGIN line without a matching END line
  kPemLabelMismatch,       // END label differs from BEGIN label
  kBadBase64,              // a character outside the base64 alphabet, or bad padding
  kTruncatedBase64,        // the body's length is not a whole number of base64 quanta
  kMalformedDer,           // bad tag, length past the end, trailing bytes, non-DER length
  kUnsupportedBlock,       // a PEM label pincalc does not pin (CRL, DH PARAMETERS, …)
  kWrongStructure,         // decodes as DER, but not as what the label says
  kEncryptedPrivateKey,    // encrypted private key: pincalc never asks for a passphrase
  kPkcs12,                 // a .p12/.pfx file
  kUnsupportedPrivateKey,  // a private key whose public half pincalc cannot derive
  kLimitExceeded,          // over Limits
  kNotCertificateData,     // recognisably something else (an image, an archive, …)
};

// error_code_name returns the stable snake_case name used in the JSON report.
const char* error_code_name(ErrorCode code);

// Error is one rejected block. The good blocks of the same source still produce items.
struct Error {
  std::string source;      // Source::name
  int block = 0;           // 1-based block number within the source (0: the source as a whole)
  std::size_t offset = 0;  // byte offset of the block in the source
  int line = 0;            // 1-based line of the block's start (0 for binary input)
  ErrorCode code = ErrorCode::kMalformedDer;
  std::string message;  // "block 3 (line 41): base64 body is truncated"
};

}  // namespace pincalc

#endif  // PINCALC_INPUT_HPP
