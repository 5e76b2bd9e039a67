/* sha256_process.c: pincalc's SHA-256 compression function for mbedTLS, plugged in through
 * mbedTLS's own seam for it (MBEDTLS_SHA256_PROCESS_ALT in pincalc_mbedtls_config.h): mbedTLS keeps
 * the padding, the buffering and the API (mbedtls_sha256_ret() and friends); this file replaces
 * only mbedtls_internal_sha256_process(), one 64-byte block (FIPS 180-4 §6.2.2).
 *
 * Why: mbedTLS 2.28's version keeps its working state in a struct in memory (it zeroises it after
 * every block), so under WebAssembly each of the 64 rounds loads and stores linear memory, and then
 * it memsets 300 bytes per block. Here the eight working variables and a rolling 16-word message
 * schedule are plain locals, and the rounds rename the variables instead of moving them, so they
 * become WebAssembly locals (registers natively) and a block touches memory only to read its 64
 * input bytes and the round constants. In WebAssembly the function is also inlined (LTO) into
 * mbedTLS's update and finish loops, which saves a call per block: together 326 -> ~500 MB/s in
 * node, and above hash-wasm's hand-tuned SHA-256 at every size in Chromium (bench/results).
 * Rounds 16-63 are a loop of three 16-round steps rather than written out: the fully unrolled
 * form is no faster once inlined, and four inlined copies of it would add 10 KB (gzip) to the page.
 *
 * Nothing is zeroised: WebAssembly locals are not in linear memory, and pincalc hashes public
 * data only (certificates, SPKIs, public keys; encrypted private keys are refused, so no key is
 * derived through a hash).
 *
 * Proven against the NIST CAVP vectors (SHA256ShortMsg, SHA256LongMsg, SHA256Monte) natively
 * (tests/sha256_test.cpp) and in the WASM build (tests/web/sha256.test.mjs). */
#include <stdint.h>
#include <string.h>

#include "mbedtls/sha256.h"
#include "mbedtls/version.h"

#if defined(MBEDTLS_SHA256_PROCESS_ALT)

/* 3.x made the context's members private; its state array keeps its name. Untested: Debian ships
 * 2.28 only. */
#if MBEDTLS_VERSION_MAJOR >= 3
#define PINCALC_STATE(ctx) ((ctx)->MBEDTLS_PRIVATE(state))
#else
#define PINCALC_STATE(ctx) ((ctx)->state)
#endif

/* pincalc_load_be32 reads a big-endian word; memcpy keeps it legal at any alignment, and
 * compilers turn it into one load (plus a byte swap on little-endian targets). */
static inline uint32_t pincalc_load_be32(const unsigned char* p) {
  uint32_t v;
  memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
  return __builtin_bswap32(v);
#else
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
#endif
}

/* Rotations by a constant: one i32.rotr in WebAssembly, one ror natively. */
#define PINCALC_ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
/* FIPS 180-4 §4.1.2: Σ0, Σ1 (rounds) and σ0, σ1 (message schedule). */
#define PINCALC_BSIG0(x) (PINCALC_ROTR(x, 2) ^ PINCALC_ROTR(x, 13) ^ PINCALC_ROTR(x, 22))
#define PINCALC_BSIG1(x) (PINCALC_ROTR(x, 6) ^ PINCALC_ROTR(x, 11) ^ PINCALC_ROTR(x, 25))
#define PINCALC_SSIG0(x) (PINCALC_ROTR(x, 7) ^ PINCALC_ROTR(x, 18) ^ ((x) >> 3))
#define PINCALC_SSIG1(x) (PINCALC_ROTR(x, 17) ^ PINCALC_ROTR(x, 19) ^ ((x) >> 10))
/* Ch with one operation fewer than the textbook form. Maj(a, b, c) is ((a ^ b) & (b ^ c)) ^ b, and
 * b ^ c is the previous round's a ^ b (the variables move down one place per round): the round
 * carries it in `bc`, so Maj costs three operations instead of five. */
#define PINCALC_CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))

/* One round: the caller renames a..h instead of shifting them, so only d and h are written. */
#define PINCALC_ROUND(a, b, c, d, e, f, g, h, k, w)                                 \
  do {                                                                              \
    const uint32_t t1 = ((h) + (k) + (w)) + PINCALC_CH(e, f, g) + PINCALC_BSIG1(e); \
    const uint32_t ab = (a) ^ (b);                                                  \
    (d) += t1;                                                                      \
    (h) = t1 + (PINCALC_BSIG0(a) + ((ab & bc) ^ (b)));                              \
    bc = ab;                                                                        \
  } while (0)

/* Eight rounds; w0..w7 name the schedule words (w[i] or the next σ-expanded word). */
#define PINCALC_ROUNDS8(i, x0, x1, x2, x3, x4, x5, x6, x7) \
  PINCALC_ROUND(a, b, c, d, e, f, g, h, kK[(i) + 0], x0);  \
  PINCALC_ROUND(h, a, b, c, d, e, f, g, kK[(i) + 1], x1);  \
  PINCALC_ROUND(g, h, a, b, c, d, e, f, kK[(i) + 2], x2);  \
  PINCALC_ROUND(f, g, h, a, b, c, d, e, kK[(i) + 3], x3);  \
  PINCALC_ROUND(e, f, g, h, a, b, c, d, kK[(i) + 4], x4);  \
  PINCALC_ROUND(d, e, f, g, h, a, b, c, kK[(i) + 5], x5);  \
  PINCALC_ROUND(c, d, e, f, g, h, a, b, kK[(i) + 6], x6);  \
  PINCALC_ROUND(b, c, d, e, f, g, h, a, kK[(i) + 7], x7)

/* The schedule word t (t >= 16) computed in place over the rolling 16 words w0..w15:
 * W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] (FIPS 180-4 §6.2.2 step 1). */
#define PINCALC_EXPAND(w0, w1, w9, w14) ((w0) += PINCALC_SSIG1(w14) + (w9) + PINCALC_SSIG0(w1))

/* Sixteen rounds from round i (16, 32 or 48) over the rolling schedule. */
#define PINCALC_ROUNDS16_EXPANDED(i)                                                        \
  PINCALC_ROUNDS8((i), PINCALC_EXPAND(w0, w1, w9, w14), PINCALC_EXPAND(w1, w2, w10, w15),   \
                  PINCALC_EXPAND(w2, w3, w11, w0), PINCALC_EXPAND(w3, w4, w12, w1),         \
                  PINCALC_EXPAND(w4, w5, w13, w2), PINCALC_EXPAND(w5, w6, w14, w3),         \
                  PINCALC_EXPAND(w6, w7, w15, w4), PINCALC_EXPAND(w7, w8, w0, w5));         \
  PINCALC_ROUNDS8((i) + 8, PINCALC_EXPAND(w8, w9, w1, w6), PINCALC_EXPAND(w9, w10, w2, w7), \
                  PINCALC_EXPAND(w10, w11, w3, w8), PINCALC_EXPAND(w11, w12, w4, w9),       \
                  PINCALC_EXPAND(w12, w13, w5, w10), PINCALC_EXPAND(w13, w14, w6, w11),     \
                  PINCALC_EXPAND(w14, w15, w7, w12), PINCALC_EXPAND(w15, w0, w8, w13))

static const uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* mbedtls_internal_sha256_process folds one 64-byte block into ctx->state. Always returns 0.
 * In WebAssembly it is inlined into its callers in sha256.c (the build uses LTO). */
#if defined(__EMSCRIPTEN__)
__attribute__((always_inline))
#endif
int mbedtls_internal_sha256_process(mbedtls_sha256_context* ctx, const unsigned char data[64]) {
  uint32_t a = PINCALC_STATE(ctx)[0], b = PINCALC_STATE(ctx)[1], c = PINCALC_STATE(ctx)[2],
           d = PINCALC_STATE(ctx)[3];
  uint32_t e = PINCALC_STATE(ctx)[4], f = PINCALC_STATE(ctx)[5], g = PINCALC_STATE(ctx)[6],
           h = PINCALC_STATE(ctx)[7];
  uint32_t bc = b ^ c; /* see PINCALC_ROUND */

  uint32_t w0 = pincalc_load_be32(data + 0), w1 = pincalc_load_be32(data + 4);
  uint32_t w2 = pincalc_load_be32(data + 8), w3 = pincalc_load_be32(data + 12);
  uint32_t w4 = pincalc_load_be32(data + 16), w5 = pincalc_load_be32(data + 20);
  uint32_t w6 = pincalc_load_be32(data + 24), w7 = pincalc_load_be32(data + 28);
  uint32_t w8 = pincalc_load_be32(data + 32), w9 = pincalc_load_be32(data + 36);
  uint32_t w10 = pincalc_load_be32(data + 40), w11 = pincalc_load_be32(data + 44);
  uint32_t w12 = pincalc_load_be32(data + 48), w13 = pincalc_load_be32(data + 52);
  uint32_t w14 = pincalc_load_be32(data + 56), w15 = pincalc_load_be32(data + 60);

  /* Rounds 0-15 use the block's words as they are. */
  PINCALC_ROUNDS8(0, w0, w1, w2, w3, w4, w5, w6, w7);
  PINCALC_ROUNDS8(8, w8, w9, w10, w11, w12, w13, w14, w15);

  /* Rounds 16-63: each word is replaced by the one 16 places later, just before it is used. */
#if defined(__clang__)
#pragma clang loop unroll(disable) /* clang would write the three steps out again */
#endif
  for (int i = 16; i < 64; i += 16) {
    PINCALC_ROUNDS16_EXPANDED(i);
  }

  PINCALC_STATE(ctx)[0] += a;
  PINCALC_STATE(ctx)[1] += b;
  PINCALC_STATE(ctx)[2] += c;
  PINCALC_STATE(ctx)[3] += d;
  PINCALC_STATE(ctx)[4] += e;
  PINCALC_STATE(ctx)[5] += f;
  PINCALC_STATE(ctx)[6] += g;
  PINCALC_STATE(ctx)[7] += h;
  return 0;
}

#endif /* MBEDTLS_SHA256_PROCESS_ALT */
