#!/usr/bin/env bash
# cli_test.sh CLI FIXTURES README: the pincalc CLI end to end — exit codes, error lines, --pin-only
# against openssl over the system CA bundle, no private-key echo, and README's examples.
# Prints "N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
cli=$(realpath "$1")
fixtures=$(realpath "$2")
readme=$(realpath "$3")
bundle=/etc/ssl/certs/ca-certificates.crt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$fixtures" || exit 1

pass=0
fail=0
check() {  # check NAME CONDITION-EXIT-STATUS
  if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}

# Exit status 0 and one pin per certificate, equal to openssl's, in bundle order.
"$cli" --pin-only "$bundle" >"$work/pins" 2>"$work/err"
check "bundle exits 0" $?
awk '/-----BEGIN CERTIFICATE-----/{n++} {print > ("'"$work"'/c" n ".pem")}' "$bundle"
: >"$work/expected"
for f in $(ls "$work"/c*.pem | sort -V); do
  grep -q BEGIN "$f" || continue
  openssl x509 -in "$f" -pubkey -noout | openssl pkey -pubin -outform DER |
    openssl dgst -sha256 -binary | openssl base64 -A >>"$work/expected"
  echo >>"$work/expected"
done
cmp -s "$work/pins" "$work/expected"
check "--pin-only equals openssl for every bundle certificate ($(wc -l <"$work/expected") certificates)" $?

# Mixed good and bad input: exit 1, the good pins still printed, the error names file and block.
{ cat rsa2048.pem; printf -- '-----BEGIN CERTIFICATE-----\nMIIB!!!\n-----END CERTIFICATE-----\n'; cat p256.pem; } >"$work/mixed.pem"
"$cli" --pin-only "$work/mixed.pem" >"$work/out" 2>"$work/err"
check "mixed input exits 1" $([ $? -eq 1 ]; echo $?)
check "mixed input prints both good pins" $([ "$(wc -l <"$work/out")" -eq 2 ]; echo $?)
grep -q "pincalc: $work/mixed.pem: block 2 (line [0-9]*): unexpected '!'" "$work/err"
check "error line names file, block and problem: $(cat "$work/err")" $?

"$cli" "$work/does-not-exist.pem" rsa2048.pem >"$work/out" 2>"$work/err"
check "missing file exits 1" $([ $? -eq 1 ]; echo $?)
grep -q "does-not-exist.pem: cannot read" "$work/err"
check "missing file is named" $?
grep -q "RSA-2048" "$work/out"
check "the readable file is still reported" $?

"$cli" --no-such-option rsa2048.pem >/dev/null 2>&1
check "unknown option exits 2" $([ $? -eq 2 ]; echo $?)
"$cli" --json --pin-only rsa2048.pem >/dev/null 2>&1
check "--json with --pin-only exits 2" $([ $? -eq 2 ]; echo $?)
"$cli" --now yesterday rsa2048.pem >/dev/null 2>&1
check "bad --now exits 2" $([ $? -eq 2 ]; echo $?)

# stdin
"$cli" --pin-only <p256.pem >"$work/out"
check "stdin is read" $([ "$(cat "$work/out")" = "$("$cli" --pin-only p256.pem)" ]; echo $?)

# JSON parses and has the schema.
"$cli" --json chain.pem >"$work/report.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['schema']=='pincalc/1' and len(r['items'])==3" "$work/report.json"
check "--json is valid JSON with schema pincalc/1" $?

# Private keys are never echoed, in any mode.
for key in private_key_rsa2048.pem rsa_private_key.pem ec_private_key.pem private_key_p256.pem; do
  for mode in "" --json --pin-only; do
    "$cli" $mode "$key" >"$work/out" 2>&1
    leaked=0
    while read -r line; do
      case "$line" in -----*|"") continue ;; esac
      grep -qF -- "${line:0:24}" "$work/out" && leaked=1
    done <"$key"
    check "no private key text in output of '$mode $key'" $leaked
  done
done

# normalize: every form back to openssl's pin; a certificate fingerprint is called out.
leaf_pin=$(openssl x509 -in chain.pem -pubkey -noout | openssl pkey -pubin -outform DER |
  openssl dgst -sha256 -binary | openssl base64 -A)
leaf_fp=$(openssl x509 -in chain.pem -noout -fingerprint -sha256 | cut -d= -f2)
"$cli" normalize "sha256/$leaf_pin" "pin-sha256=\"$leaf_pin\"" "$leaf_fp" --cert chain.pem >"$work/norm" 2>&1
check "normalize exits 0 for good pins" $?
[ "$(grep -c "^$leaf_pin  sha256" "$work/norm")" -eq 2 ] && grep -q "certificate fingerprint, not a public-key pin" "$work/norm"
check "normalize gives openssl's pin and flags the fingerprint: $(head -3 "$work/norm")" $?
"$cli" normalize "AAAA" >/dev/null 2>&1
check "normalize exits 1 for a malformed pin" "$([ $? -eq 1 ]; echo $?)"

# check: a generated config against its chain connects; a leaf-only curl pin breaks on re-key.
"$cli" snippet --target android --domain example.com chain.pem --backup csr.pem >"$work/nsc.xml" 2>/dev/null
"$cli" check "$work/nsc.xml" chain.pem csr.pem >"$work/check.txt" 2>&1
check "check: generated Android config connects today (exit 0)" $?
grep -q "OK     leaf_rekeyed" "$work/check.txt"
check "check: survives a leaf re-key thanks to the backup" $?
printf "curl --pinnedpubkey 'sha256//%s' https://example.com/\n" "$leaf_pin" >"$work/curl.sh"
"$cli" check "$work/curl.sh" chain.pem >"$work/check2.txt" 2>&1
grep -q "BREAKS leaf_rekeyed" "$work/check2.txt"
check "check: a leaf-only curl pin breaks when the leaf is re-keyed" $?
printf '<network-security-config>\n<domain-config>\n' >"$work/bad.xml"
"$cli" check "$work/bad.xml" chain.pem >/dev/null 2>"$work/bad.err"
status=$?
check "check: malformed config exits 1 and names the line: $(cat "$work/bad.err")" "$([ $status -eq 1 ] && grep -q 'line 2' "$work/bad.err"; echo $?)"

# diff: the same chain keeps its key; another certificate does not.
"$cli" diff chain.pem chain.pem | grep -q "same leaf key"
check "diff: same chain keeps the leaf key" $?
"$cli" diff chain.pem p256.pem | grep -q "NEW leaf key"
check "diff: another certificate is a new key" $?

# Every '$ pincalc …' example in README runs (network examples skipped) and exits 0.
grep -E '^\$ pincalc ' "$readme" | sed 's/^\$ //' | while read -r cmd; do
  (eval "${cmd//pincalc/\"$cli\"}") >/dev/null 2>"$work/readme_err" || echo "FAIL: README example: $cmd"
done >"$work/readme_fail"
check "README examples run: $(cat "$work/readme_fail")" $([ ! -s "$work/readme_fail" ]; echo $?)
# README's sample row for the CA bundle is what the CLI prints.
row_pin=$(grep -A2 '^\$ pincalc /etc/ssl/certs/ca-certificates.crt' "$readme" | awk 'NR==3 {print $NF}')
"$cli" "$bundle" >"$work/table"  # not piped into grep -q: an early exit would SIGPIPE the CLI
[ -n "$row_pin" ] && grep -qF -- "$row_pin" "$work/table"
check "README's sample pin ($row_pin) is in the CLI output" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
