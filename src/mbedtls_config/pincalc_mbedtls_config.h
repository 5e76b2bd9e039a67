/* pincalc_mbedtls_config.h: the mbedTLS modules pincalc uses, and nothing else.
 *
 * pincalc walks X.509 DER itself (so it can pin keys mbedTLS cannot parse) and uses mbedTLS for
 * the cryptography: SHA-1/SHA-256 for pins and fingerprints, SHA-384/512 and RSA/ECDSA for chain
 * signature checks, PK parse/write to derive a public key from a private key, and the
 * constant-time base64 decoder for private-key PEM bodies. Works for mbedTLS 2.28 and 3.6. */
#ifndef PINCALC_MBEDTLS_CONFIG_H
#define PINCALC_MBEDTLS_CONFIG_H

/* Hashes. */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA224_C /* 3.x splits SHA-224 from SHA-256; harmless on 2.28 */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C /* 3.x: SHA-384 needs its own switch */
#define MBEDTLS_SHA512_C
/* SHA-256's block function is ours (sha256_process.c beside this file): 1.5x faster in WASM. */
#define MBEDTLS_SHA256_PROCESS_ALT

/* ASN.1, OIDs and big numbers for keys and signatures. */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_BASE64_C

/* RSA: PKCS#1 v1.5 and PSS signature checks. */
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21

/* Elliptic curves: the named curves certificates use. */
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_DP_SECP192R1_ENABLED
#define MBEDTLS_ECP_DP_SECP224R1_ENABLED
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_SECP521R1_ENABLED
#define MBEDTLS_ECP_DP_SECP256K1_ENABLED
#define MBEDTLS_ECP_DP_BP256R1_ENABLED
#define MBEDTLS_ECP_DP_BP384R1_ENABLED
#define MBEDTLS_ECP_DP_BP512R1_ENABLED
/* Fast reduction for the NIST curves. In WebAssembly it costs 1.2 KB (gzip) and makes an ECDSA
 * P-384 chain check (Let's Encrypt's E5-E9 issue with P-384) 4x faster: 7 ms instead of 30. */
#define MBEDTLS_ECP_NIST_OPTIM
/* The public point of an EC private key without an embedded one is d*G; mbedTLS blinds that
 * multiplication with its internal DRBG, which needs HMAC_DRBG. */
#define MBEDTLS_HMAC_DRBG_C

/* Public-key layer. */
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C

/* Native builds only: the TLS 1.2 client of `pincalc fetch` (issue: live chains). Browsers cannot
 * open raw TLS connections, so the WASM module leaves all of this out. */
#if !defined(__EMSCRIPTEN__)
#define MBEDTLS_NET_C
#define MBEDTLS_ERROR_C     /* messages for failed handshakes */
#define MBEDTLS_PEM_PARSE_C /* the PEM trust store */
#define MBEDTLS_FS_IO
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE /* certificate validity is checked against the clock */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_ENCRYPT_THEN_MAC
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_RSA_ENABLED
#define MBEDTLS_CIPHER_MODE_CBC
#endif

#include "mbedtls/check_config.h"

#endif /* PINCALC_MBEDTLS_CONFIG_H */
