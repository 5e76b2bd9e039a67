#!/usr/bin/env bash
# check_golden.sh [--update] CLI: every target's snippet, rendered from the fixed input in
# golden/input (chain.pem, backup.csr; see their headers) at --now 2027-01-01T00:00:00Z, must
# equal golden/<target>.txt byte for byte: the snippet text (stdout), the lints (stderr) and the
# exit status, for two option sets:
#   A  one domain, include subdomains, an expiration date, the default pins + the backup CSR
#   B  two domains, report-only, the leaf pin only + the backup CSR
# The golden files were reviewed by hand against ../shared/reference/platform-formats.md; --update
# rewrites them from the current CLI (review the diff the same way before committing it).
# Independently of the golden text, every base64 SPKI value in a golden file must be one of the
# pins openssl computes for the input, and the Flutter files must carry openssl's leaf
# fingerprint, so an --update cannot bless a wrong hash.
# Prints "N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=snippet_lib.sh
. "$here/snippet_lib.sh"

update=0
if [ "${1:-}" = --update ]; then
  update=1
  shift
fi
[ $# -eq 1 ] || {
  echo "usage: $0 [--update] CLI" >&2
  exit 2
}
cli=$(realpath "$1")
golden=$here/golden
input=$golden/input
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now=2027-01-01T00:00:00Z
# shellcheck disable=SC2034,SC2054  # read through a nameref; the commas are in one argument
case_a=(--domain api.example.com --include-subdomains --expires 2027-06-30 chain.pem
  --backup backup.csr)
# shellcheck disable=SC2034,SC2054
case_b=(--domain api.example.com,www.example.com --report-only --pins leaf chain.pem
  --backup backup.csr)

# render TARGET: the golden text for TARGET. Run in the input directory, so that the labels name
# "backup.csr", not a path.
render() {
  local target=$1 name rc
  for name in a b; do
    local -n args="case_$name"
    echo "==== pincalc snippet --now $now --target $target ${args[*]}"
    (cd "$input" && "$cli" snippet --now "$now" --target "$target" "${args[@]}" \
      >"$work/out" 2>"$work/err")
    rc=$?
    echo "---- exit status: $rc"
    echo "---- stdout"
    cat "$work/out"
    echo "---- stderr"
    cat "$work/err"
  done
}

targets=$("$cli" snippet --list-targets | awk '{print $1}')
[ "$(wc -w <<<"$targets")" -ge 19 ]
check "--list-targets lists at least the 19 targets of issue 4 ($(wc -w <<<"$targets"))" $?

if [ "$update" -eq 1 ]; then
  for t in $targets; do render "$t" >"$golden/$t.txt"; done
  for f in "$golden"/*.txt; do
    t=$(basename "$f" .txt)
    grep -qxF "$t" <<<"$targets" || { rm -f "$f" && echo "removed $f (no such target)"; }
  done
  echo "updated $(wc -w <<<"$targets") golden files in $golden: review them against"
  echo "../shared/reference/platform-formats.md before committing"
fi

# The pins and fingerprint of the input, by openssl.
awk -v dir="$work" '/-----BEGIN CERTIFICATE-----/ { n++; on = 1 }
  on { print > (dir "/cert" n ".pem") } /-----END CERTIFICATE-----/ { on = 0 }' "$input/chain.pem"
known_pins=$(for i in 1 2 3; do spki_pin_cert "$work/cert$i.pem"; echo; done
  openssl req -in "$input/backup.csr" -pubkey -noout | openssl pkey -pubin -outform DER |
    openssl dgst -sha256 -binary | openssl base64 -A)
leaf_fp=$(openssl x509 -in "$work/cert1.pem" -noout -fingerprint -sha256 | sed 's/.*=//')
leaf_fp_lower=$(tr -d : <<<"$leaf_fp" | tr 'A-F' 'a-f')

for t in $targets; do
  f=$golden/$t.txt
  if [ ! -f "$f" ]; then
    check "$t: golden file $f exists (run $0 --update CLI, then review it)" 1
    continue
  fi
  render "$t" >"$work/$t.txt"
  if diff -u "$f" "$work/$t.txt" >"$work/$t.diff"; then
    check "$t: output equals golden/$t.txt" 0
  else
    check "$t: output equals golden/$t.txt" 1
    sed 's/^/    /' "$work/$t.diff" | head -n 40
  fi
  unknown=$(grep -oE '[A-Za-z0-9+/]{43}=' "$f" | sort -u | grep -vxF "$known_pins")
  [ -z "$unknown" ]
  check "$t: every SPKI pin in the golden file is one openssl computes for the input${unknown:+ (unknown: $unknown)}" $?
done
for f in "$golden"/*.txt; do
  t=$(basename "$f" .txt)
  grep -qxF "$t" <<<"$targets"
  check "golden/$t.txt belongs to a listed target" $?
done
grep -qF "\"$leaf_fp\"" "$golden/flutter-http-certificate-pinning.txt"
check "flutter-http-certificate-pinning: carries openssl's leaf SHA-256 fingerprint" $?
grep -qF "\"$leaf_fp_lower\"" "$golden/flutter-dio.txt"
check "flutter-dio: carries openssl's leaf SHA-256 fingerprint in lowercase hex" $?
summary
