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

# Every '$ pincalc …' example in README runs (network examples skipped) and exits 0.
grep -E '^\$ pincalc ' "$readme" | sed 's/^\$ //' | while read -r cmd; do
  (eval "${cmd/pincalc/\"$cli\"}") >/dev/null 2>"$work/readme_err" || echo "FAIL: README example: $cmd"
done >"$work/readme_fail"
check "README examples run: $(cat "$work/readme_fail")" $([ ! -s "$work/readme_fail" ]; echo $?)
grep -E '^\$ .*\| pincalc' "$readme" | grep -v s_client | while read -r cmd; do
  echo "unchecked piped README example: $cmd"
done
# README's sample row for the CA bundle is what the CLI prints.
row_pin=$(grep -A2 '^\$ pincalc /etc/ssl/certs/ca-certificates.crt' "$readme" | awk 'NR==3 {print $NF}')
"$cli" "$bundle" >"$work/table"  # not piped into grep -q: an early exit would SIGPIPE the CLI
[ -n "$row_pin" ] && grep -qF -- "$row_pin" "$work/table"
check "README's sample pin ($row_pin) is in the CLI output" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
