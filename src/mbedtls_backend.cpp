#include "mbedtls_backend.hpp"

#include <cstring>

#include "mbedtls/base64.h"
#include "mbedtls/bignum.h"
#include "mbedtls/md.h"
#include "mbedtls/pk.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/sha1.h"
#include "mbedtls/sha256.h"
#include "mbedtls/sha512.h"
#include "mbedtls/version.h"

#if MBEDTLS_VERSION_MAJOR >= 3
#define PINCALC_MBEDTLS3 1
#else
#define PINCALC_MBEDTLS3 0
#endif

namespace pincalc::crypto {
namespace {

// PkContext owns an mbedtls_pk_context (init in the constructor, free in the destructor).
class PkContext {
 public:
  PkContext() { mbedtls_pk_init(&ctx_); }
  ~PkContext() { mbedtls_pk_free(&ctx_); }
  PkContext(const PkContext&) = delete;
  PkContext& operator=(const PkContext&) = delete;
  mbedtls_pk_context* get() { return &ctx_; }

 private:
  mbedtls_pk_context ctx_;
};

#if PINCALC_MBEDTLS3
// blinding_rng feeds mbedTLS 3's mandatory RNG argument. It is used only to blind the d*G
// multiplication that derives an EC public key, where predictability costs nothing: the key is
// the user's own and never leaves the process.
int blinding_rng(void* state, unsigned char* out, size_t len) {
  auto* counter = static_cast<std::uint64_t*>(state);
  while (len > 0) {
    unsigned char block[32];
    ++*counter;
    mbedtls_sha256(reinterpret_cast<const unsigned char*>(counter), sizeof *counter, block, 0);
    const size_t n = len < sizeof block ? len : sizeof block;
    std::memcpy(out, block, n);
    out += n;
    len -= n;
  }
  return 0;
}
#endif

constexpr std::uint8_t kRsaEncryptionOid[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01};
constexpr std::uint8_t kRsaPssOid[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A};

// as_rsa_encryption_spki rewrites an id-RSASSA-PSS SubjectPublicKeyInfo (RFC 4055 §1.2) as the
// rsaEncryption one mbedTLS 2.28 parses; the RSAPublicKey inside is the same. Empty otherwise.
std::vector<std::uint8_t> as_rsa_encryption_spki(ByteView spki) {
  der::Tlv outer, alg, oid, key;
  der::Error err;
  if (!der::parse_one(spki, &outer, &err) || outer.tag != der::kSequence) return {};
  der::Reader r(outer);
  if (!r.expect(der::kSequence, &alg, &err, "alg") ||
      !r.expect(der::kBitString, &key, &err, "key")) {
    return {};
  }
  der::Reader a(alg);
  if (!a.expect(der::kOid, &oid, &err, "oid")) return {};
  if (!(oid.value == ByteView{kRsaPssOid, sizeof kRsaPssOid})) return {};
  std::vector<std::uint8_t> alg_content =
      der::encode_tlv(der::kOid, {kRsaEncryptionOid, sizeof kRsaEncryptionOid});
  alg_content.push_back(der::kNull);
  alg_content.push_back(0);
  std::vector<std::uint8_t> content =
      der::encode_tlv(der::kSequence, {alg_content.data(), alg_content.size()});
  content.insert(content.end(), key.whole.data, key.whole.data + key.whole.size);
  return der::encode_tlv(der::kSequence, {content.data(), content.size()});
}

// parse_public loads a SubjectPublicKeyInfo into pk, accepting id-RSASSA-PSS keys through the
// rsaEncryption rewrite. Returns false when mbedTLS cannot use the key.
bool parse_public(mbedtls_pk_context* pk, ByteView spki) {
  if (mbedtls_pk_parse_public_key(pk, spki.data, spki.size) == 0) return true;
  const auto rewritten = as_rsa_encryption_spki(spki);
  if (rewritten.empty()) return false;
  mbedtls_pk_free(pk);  // a failed parse may leave the context set up
  mbedtls_pk_init(pk);
  return mbedtls_pk_parse_public_key(pk, rewritten.data(), rewritten.size()) == 0;
}

mbedtls_md_type_t md_from_oid(const std::string& oid) {
  if (oid == "1.3.14.3.2.26") return MBEDTLS_MD_SHA1;
  if (oid == "2.16.840.1.101.3.4.2.4") return MBEDTLS_MD_SHA224;
  if (oid == "2.16.840.1.101.3.4.2.1") return MBEDTLS_MD_SHA256;
  if (oid == "2.16.840.1.101.3.4.2.2") return MBEDTLS_MD_SHA384;
  if (oid == "2.16.840.1.101.3.4.2.3") return MBEDTLS_MD_SHA512;
  return MBEDTLS_MD_NONE;
}

struct Scheme {
  mbedtls_md_type_t md = MBEDTLS_MD_NONE;
  bool pss = false;
};

Scheme scheme_from_sig_oid(const std::string& oid) {
  static const struct {
    const char* oid;
    mbedtls_md_type_t md;
  } kTable[] = {
      {"1.2.840.113549.1.1.5", MBEDTLS_MD_SHA1},    {"1.2.840.113549.1.1.14", MBEDTLS_MD_SHA224},
      {"1.2.840.113549.1.1.11", MBEDTLS_MD_SHA256}, {"1.2.840.113549.1.1.12", MBEDTLS_MD_SHA384},
      {"1.2.840.113549.1.1.13", MBEDTLS_MD_SHA512}, {"1.2.840.10045.4.1", MBEDTLS_MD_SHA1},
      {"1.2.840.10045.4.3.1", MBEDTLS_MD_SHA224},   {"1.2.840.10045.4.3.2", MBEDTLS_MD_SHA256},
      {"1.2.840.10045.4.3.3", MBEDTLS_MD_SHA384},   {"1.2.840.10045.4.3.4", MBEDTLS_MD_SHA512},
  };
  for (const auto& e : kTable) {
    if (oid == e.oid) return {e.md, false};
  }
  if (oid == "1.2.840.113549.1.1.10") return {MBEDTLS_MD_NONE, true};
  return {};
}

// PssParams are RSASSA-PSS-params (RFC 4055 §3.1) with their defaults: SHA-1, MGF1-SHA-1, salt 20.
struct PssParams {
  mbedtls_md_type_t hash = MBEDTLS_MD_SHA1;
  mbedtls_md_type_t mgf1_hash = MBEDTLS_MD_SHA1;
  int salt_len = 20;
};

std::string alg_oid(const der::Tlv& alg_id, ByteView* params) {
  der::Reader r(alg_id);
  der::Tlv oid, p;
  der::Error err;
  if (!r.expect(der::kOid, &oid, &err, "oid")) return {};
  if (!r.at_end() && r.next(&p, &err) && params) *params = p.whole;
  return der::oid_to_string(oid.value);
}

bool parse_pss_params(ByteView params, PssParams* out) {
  der::Tlv seq, field;
  der::Error err;
  if (!der::parse_one(params, &seq, &err) || seq.tag != der::kSequence) return false;
  der::Reader r(seq);
  while (!r.at_end()) {
    if (!r.next(&field, &err)) return false;
    der::Reader inner(field);
    der::Tlv v;
    if (!inner.next(&v, &err)) return false;
    switch (field.tag) {
      case der::context(0, true): out->hash = md_from_oid(alg_oid(v, nullptr)); break;
      case der::context(1, true): {
        ByteView mgf_params;
        if (alg_oid(v, &mgf_params) != "1.2.840.113549.1.1.8") return false;  // id-mgf1
        der::Tlv hash_alg;
        if (!der::parse_one(mgf_params, &hash_alg, &err)) return false;
        out->mgf1_hash = md_from_oid(alg_oid(hash_alg, nullptr));
        break;
      }
      case der::context(2, true): {
        if (v.tag != der::kInteger || v.value.size == 0 || v.value.size > 2) return false;
        int salt = 0;
        for (std::size_t i = 0; i < v.value.size; ++i) salt = salt << 8 | v.value.data[i];
        out->salt_len = salt;
        break;
      }
      default: break;  // trailerField: only trailerFieldBC (1) exists
    }
  }
  return out->hash != MBEDTLS_MD_NONE && out->mgf1_hash != MBEDTLS_MD_NONE;
}

}  // namespace

Sha256Digest sha256(const std::uint8_t* data, std::size_t size) {
  Sha256Digest out{};
#if PINCALC_MBEDTLS3
  mbedtls_sha256(data, size, out.data(), 0);
#else
  mbedtls_sha256_ret(data, size, out.data(), 0);
#endif
  return out;
}

Sha1Digest sha1(const std::uint8_t* data, std::size_t size) {
  Sha1Digest out{};
#if PINCALC_MBEDTLS3
  mbedtls_sha1(data, size, out.data());
#else
  mbedtls_sha1_ret(data, size, out.data());
#endif
  return out;
}

void wipe(void* data, std::size_t size) {
  if (size) mbedtls_platform_zeroize(data, size);
}

SecretBytes::~SecretBytes() {
  if (!bytes_.empty()) mbedtls_platform_zeroize(bytes_.data(), bytes_.size());
}

bool base64_decode_secret(std::string_view body, SecretBytes* out) {
  const auto* src = reinterpret_cast<const unsigned char*>(body.data());
  std::size_t needed = 0;
  const int probe = mbedtls_base64_decode(nullptr, 0, &needed, src, body.size());
  if (probe != 0 && probe != MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL) return false;
  auto& bytes = out->bytes();
  bytes.assign(needed, 0);
  std::size_t written = 0;
  if (mbedtls_base64_decode(bytes.data(), bytes.size(), &written, src, body.size()) != 0) {
    return false;
  }
  bytes.resize(written);
  return true;
}

PublicFromPrivate derive_public_key(const std::vector<std::uint8_t>& private_der) {
  PublicFromPrivate result;
  PkContext pk;
#if PINCALC_MBEDTLS3
  std::uint64_t counter = 0;
  int ret = mbedtls_pk_parse_key(pk.get(), private_der.data(), private_der.size(), nullptr, 0,
                                 blinding_rng, &counter);
#else
  int ret = mbedtls_pk_parse_key(pk.get(), private_der.data(), private_der.size(), nullptr, 0);
#endif
  if (ret != 0) {
    result.error = ret == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG
                       ? "mbedTLS cannot derive the public key of this key type"
                       : "the private key does not parse";
    return result;
  }
  unsigned char buf[4096];
  ret = mbedtls_pk_write_pubkey_der(pk.get(), buf, sizeof buf);
  if (ret <= 0) {
    result.error = "could not write the public key";
    return result;
  }
  result.spki.assign(buf + sizeof buf - ret, buf + sizeof buf);
  return result;
}

bool key_supported(ByteView spki) {
  PkContext pk;
  return parse_public(pk.get(), spki);
}

SignatureCheck verify_signature(ByteView issuer_spki, const std::string& sig_alg_oid,
                                ByteView pss_params, ByteView tbs, ByteView signature) {
  Scheme scheme = scheme_from_sig_oid(sig_alg_oid);
  PssParams pss;
  if (scheme.pss) {
    if (!parse_pss_params(pss_params, &pss)) return std::nullopt;
    scheme.md = pss.hash;
  }
  if (scheme.md == MBEDTLS_MD_NONE) return std::nullopt;
  PkContext pk;
  if (!parse_public(pk.get(), issuer_spki)) return std::nullopt;
  const mbedtls_md_info_t* md = mbedtls_md_info_from_type(scheme.md);
  if (md == nullptr) return std::nullopt;
  unsigned char hash[64];
  if (mbedtls_md(md, tbs.data, tbs.size, hash) != 0) return std::nullopt;
  const unsigned char hash_len = mbedtls_md_get_size(md);
  int ret;
  if (scheme.pss) {
    if (!mbedtls_pk_can_do(pk.get(), MBEDTLS_PK_RSA)) return false;
    mbedtls_pk_rsassa_pss_options options;
    options.mgf1_hash_id = pss.mgf1_hash;
    options.expected_salt_len = pss.salt_len;
    ret = mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &options, pk.get(), scheme.md, hash,
                                hash_len, signature.data, signature.size);
  } else {
    const bool want_rsa = sig_alg_oid.rfind("1.2.840.113549.", 0) == 0;
    if (!mbedtls_pk_can_do(pk.get(), want_rsa ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECDSA)) return false;
    ret = mbedtls_pk_verify(pk.get(), scheme.md, hash, hash_len, signature.data, signature.size);
  }
  return ret == 0;
}

namespace {

// Mpi owns an mbedtls_mpi (freed, and so zeroed, on destruction).
class Mpi {
 public:
  Mpi() { mbedtls_mpi_init(&v_); }
  ~Mpi() { mbedtls_mpi_free(&v_); }
  Mpi(const Mpi&) = delete;
  Mpi& operator=(const Mpi&) = delete;
  mbedtls_mpi* get() { return &v_; }

 private:
  mbedtls_mpi v_;
};

// EdPoint is an affine point on edwards25519 (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2.
struct EdPoint {
  Mpi x, y;
};

struct Ed25519Field {
  Mpi p, d;
};

// ed_add sets r = a + b with the unified affine addition law (valid for doubling too):
// x3 = (x1 y2 + y1 x2) / (1 + d x1 x2 y1 y2),  y3 = (y1 y2 + x1 x2) / (1 - d x1 x2 y1 y2).
int ed_add(Ed25519Field& f, EdPoint& a, EdPoint& b, EdPoint* r) {
  Mpi x1x2, y1y2, x1y2, y1x2, t, num, den, inv, x3, y3;
  int ret = 0;
#define PINCALC_MPI(call) \
  if ((ret = (call)) != 0) return ret
  mbedtls_mpi_uint one_limb = 1;
  mbedtls_mpi one{};
  one.s = 1;
  one.n = 1;
  one.p = &one_limb;
  PINCALC_MPI(mbedtls_mpi_mul_mpi(x1x2.get(), a.x.get(), b.x.get()));
  PINCALC_MPI(mbedtls_mpi_mod_mpi(x1x2.get(), x1x2.get(), f.p.get()));
  PINCALC_MPI(mbedtls_mpi_mul_mpi(y1y2.get(), a.y.get(), b.y.get()));
  PINCALC_MPI(mbedtls_mpi_mod_mpi(y1y2.get(), y1y2.get(), f.p.get()));
  PINCALC_MPI(mbedtls_mpi_mul_mpi(x1y2.get(), a.x.get(), b.y.get()));
  PINCALC_MPI(mbedtls_mpi_mul_mpi(y1x2.get(), a.y.get(), b.x.get()));
  PINCALC_MPI(mbedtls_mpi_mul_mpi(t.get(), x1x2.get(), y1y2.get()));
  PINCALC_MPI(mbedtls_mpi_mod_mpi(t.get(), t.get(), f.p.get()));
  PINCALC_MPI(mbedtls_mpi_mul_mpi(t.get(), t.get(), f.d.get()));
  PINCALC_MPI(mbedtls_mpi_mod_mpi(t.get(), t.get(), f.p.get()));
  // x3
  PINCALC_MPI(mbedtls_mpi_add_mpi(num.get(), x1y2.get(), y1x2.get()));
  PINCALC_MPI(mbedtls_mpi_add_mpi(den.get(), &one, t.get()));
  PINCALC_MPI(mbedtls_mpi_inv_mod(inv.get(), den.get(), f.p.get()));
  PINCALC_MPI(mbedtls_mpi_mul_mpi(x3.get(), num.get(), inv.get()));
  PINCALC_MPI(mbedtls_mpi_mod_mpi(x3.get(), x3.get(), f.p.get()));
  // y3
  PINCALC_MPI(mbedtls_mpi_add_mpi(num.get(), y1y2.get(), x1x2.get()));
  PINCALC_MPI(mbedtls_mpi_sub_mpi(den.get(), &one, t.get()));
  PINCALC_MPI(mbedtls_mpi_mod_mpi(den.get(), den.get(), f.p.get()));
  PINCALC_MPI(mbedtls_mpi_inv_mod(inv.get(), den.get(), f.p.get()));
  PINCALC_MPI(mbedtls_mpi_mul_mpi(y3.get(), num.get(), inv.get()));
  PINCALC_MPI(mbedtls_mpi_mod_mpi(y3.get(), y3.get(), f.p.get()));
  PINCALC_MPI(mbedtls_mpi_copy(r->x.get(), x3.get()));
  PINCALC_MPI(mbedtls_mpi_copy(r->y.get(), y3.get()));
#undef PINCALC_MPI
  return 0;
}

}  // namespace

std::optional<std::array<std::uint8_t, 32>> ed25519_public_key(const std::uint8_t* seed) {
  unsigned char h[64];
#if PINCALC_MBEDTLS3
  mbedtls_sha512(seed, 32, h, 0);
#else
  mbedtls_sha512_ret(seed, 32, h, 0);
#endif
  h[0] &= 248;
  h[31] &= 127;
  h[31] |= 64;
  Ed25519Field f;
  EdPoint base, acc;
  Mpi scalar;
  bool ok =
      mbedtls_mpi_lset(f.p.get(), 1) == 0 && mbedtls_mpi_shift_l(f.p.get(), 255) == 0 &&
      mbedtls_mpi_sub_int(f.p.get(), f.p.get(), 19) == 0 &&
      mbedtls_mpi_read_string(
          f.d.get(), 10,
          "37095705934669439343138083508754565189542113879843219016388785533085940283555") == 0 &&
      mbedtls_mpi_read_string(
          base.x.get(), 10,
          "15112221349535400772501151409588531511454012693041857206046113283949847762202") == 0 &&
      mbedtls_mpi_read_string(
          base.y.get(), 10,
          "46316835694926478169428394003475163141307993866256225615783033603165251855960") == 0 &&
      mbedtls_mpi_lset(acc.x.get(), 0) == 0 && mbedtls_mpi_lset(acc.y.get(), 1) == 0 &&
      mbedtls_mpi_read_binary_le(scalar.get(), h, 32) == 0;
  wipe(h, sizeof h);
  for (int bit = 254; ok && bit >= 0; --bit) {
    ok = ed_add(f, acc, acc, &acc) == 0;
    if (ok && mbedtls_mpi_get_bit(scalar.get(), static_cast<size_t>(bit))) {
      ok = ed_add(f, acc, base, &acc) == 0;
    }
  }
  if (!ok) return std::nullopt;
  std::array<std::uint8_t, 32> out{};
  if (mbedtls_mpi_write_binary_le(acc.y.get(), out.data(), out.size()) != 0) return std::nullopt;
  if (mbedtls_mpi_get_bit(acc.x.get(), 0)) out[31] |= 0x80;
  return out;
}

std::string version() { return MBEDTLS_VERSION_STRING; }

}  // namespace pincalc::crypto
