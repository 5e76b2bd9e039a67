#!/usr/bin/env bash
# make_golden_input.sh: writes the FIXED input of the golden snippet files,
# tests/snippets/golden/input/{chain.pem,backup.csr}, each with a prose header and the SPKI pins
# openssl computes for it. It was run once and its output committed; the private keys are thrown
# away. Running it again makes new keys, so every golden file changes: do that only on purpose,
# then run check_golden.sh --update CLI and review the diff against
# ../shared/reference/platform-formats.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=snippet_lib.sh
. "$here/snippet_lib.sh"

out=$here/golden/input
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make_pki "$work" 20260101000000Z 20280101000000Z "DNS:api.example.com,DNS:www.example.com" \
  "/O=Pincalc Golden Test/CN=api.example.com" "Pincalc Golden Test"
mkdir -p "$out"

subject() { openssl x509 -in "$1" -noout -subject -nameopt RFC2253 | sed 's/^subject=//'; }
{
  cat <<EOF
Golden input for tests/snippets/check_golden.sh: a three-certificate chain for api.example.com,
made with the openssl CLI by tests/snippets/make_golden_input.sh (private keys discarded). Every
certificate is valid from 2026-01-01 to 2028-01-01; the golden files are rendered with
--now 2027-01-01T00:00:00Z. Text outside the PEM blocks is ignored by pincalc.

1. leaf          $(subject "$work/leaf.pem"), EC P-256, SAN DNS:api.example.com, DNS:www.example.com
   SPKI pin (openssl): $(spki_pin_cert "$work/leaf.pem")
   SHA-256 fingerprint (openssl): $(openssl x509 -in "$work/leaf.pem" -noout -fingerprint -sha256 | sed 's/.*=//')
2. intermediate  $(subject "$work/intermediate.pem"), EC P-384
   SPKI pin (openssl): $(spki_pin_cert "$work/intermediate.pem")
3. root          $(subject "$work/root.pem"), RSA 2048
   SPKI pin (openssl): $(spki_pin_cert "$work/root.pem")

EOF
  cat "$work/chain.pem"
} >"$out/chain.pem"
{
  cat <<EOF
Golden input for tests/snippets/check_golden.sh: the certificate signing request of the backup
key for api.example.com (EC P-256), the key a careful operator keeps offline for the next leaf.
Made with the openssl CLI by tests/snippets/make_golden_input.sh (private key discarded).

SPKI pin (openssl): $(spki_pin_pub "$work/backup.pub.pem")

EOF
  openssl req -in "$work/backup.csr" -subject -nameopt RFC2253 -noout | sed 's/^subject=/Subject: /'
  echo
  cat "$work/backup.csr"
} >"$out/backup.csr"
echo "wrote $out/chain.pem and $out/backup.csr"
