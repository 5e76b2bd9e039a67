#!/usr/bin/env bash
# escaping.sh CLI [WORKDIR]: nothing a certificate contains can break out of a snippet's comments
# or strings (issue 4, "Output"). openssl makes a chain whose leaf subject CN is
#   --> <script> */ \u000a "quotes" ]]> U+202E (RIGHT-TO-LEFT OVERRIDE)
# whose CA and backup-CSR names carry the same kind of text, and a self-signed certificate whose
# subject holds a raw newline, tab, carriage return and U+2028 (LINE SEPARATOR). Every target is
# rendered from them (two option sets) and from a benign twin of the same shape, then:
#   - the output still loads: xmllint and the NSC rules, plistlib, json, yaml, the HPKP grammar,
#     gofmt + go vet, node --check, javac against OkHttp, bash -n;
#   - no bidi control (U+202A-202E, U+2066-2069, U+200E/F) or U+2028/2029 appears anywhere, nor
#     any control character but newline (and tab, for Go's indentation);
#   - outside pins.json (JSON has no comments; its subject strings are data, checked to equal
#     openssl's subject) no "\u000a" appears, every "-->" closes a "<!--" and every "*/" a "/*",
#     and no comment line in a C-family language ends with a backslash;
#   - each snippet has as many lines as its benign twin (no line break was injected);
# and `--domain 'a"b<c'` exits 2 with the validation message and writes nothing.
# Prints "N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=snippet_lib.sh
. "$here/snippet_lib.sh"

setup_args "$@"
formats=$here/formats.py
now=2027-01-01T00:00:00Z
rlo=$'\u202e'
ls_char=$'\u2028'

# ---- Inputs ---------------------------------------------------------------------------------------
# -subj syntax: "/" separates attributes, so the payload's "*/" is written "*\/"; "\\" is one
# backslash. The payload's text as the certificate holds it: --> <script> */ \u000a "quotes" ]]> RLO
leaf_cn="--> <script> *\\/ \\\\u000a \"quotes\" ]]> $rlo"
evil_org="Org *\\/ --> $rlo\\\\u000a"
if ! make_pki "$work/evil" 20260101000000Z 20280101000000Z DNS:api.example.com \
  "/O=Escape Test/CN=$leaf_cn" "$evil_org" ||
  ! make_pki "$work/benign" 20260101000000Z 20280101000000Z DNS:api.example.com \
    "/O=Escape Test/CN=a plain leaf name of similar length" "Benign Org of the same length"; then
  echo "FAIL: openssl could not make the test PKI"
  exit 1
fi
grep -q . <(openssl x509 -in "$work/evil/leaf.pem" -noout -subject -nameopt RFC2253,-esc_msb |
  grep -F -- "--\\> \\<script\\> */ \\\\u000a \\\"quotes\\\" ]]\\> $rlo")
check "openssl wrote the payload into the leaf subject" $?

# A self-signed certificate with control characters in its names: an openssl config (prompt = no)
# turns \n, \t and \r into the raw characters.
ctrl_cert() {  # ctrl_cert DIR O CN
  printf '[ req ]\ndistinguished_name = dn\nprompt = no\nstring_mask = utf8only\nutf8 = yes\n[ dn ]\nO = %s\nCN = %s\n' \
    "$2" "$3" >"$1/ctrl.cnf"
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null \
    -config "$1/ctrl.cnf" -days 3650 -out "$1/ctrl.pem" 2>/dev/null
}
ctrl_cert "$work/evil" 'Newline\nOrg\tTab\rCR' "line one\\nline two */ --> $ls_char end" &&
  ctrl_cert "$work/benign" 'Newline Org Tab  CR' "line one line two */ --> X end"
check "openssl made the control-character certificate" $?
openssl x509 -in "$work/evil/ctrl.pem" -noout -subject -nameopt RFC2253,-esc_msb,-esc_ctrl |
  grep -q '^line two'
check "its subject holds a raw newline" $?

# ---- Rendering ------------------------------------------------------------------------------------
# Variant a: the chain + backup CSR, one domain with subdomains. Variant b: the leaf, the
# control-character certificate (--item 4) and the backup CSR, two domains.
# shellcheck disable=SC2034,SC2054  # read through a nameref; the commas are in one argument
variant_a=(--domain api.example.com --include-subdomains --expires 2027-06-30 chain.pem --backup
  backup.csr)
# shellcheck disable=SC2034,SC2054
variant_b=(--domain api.example.com,www.example.com --pins leaf --item 4 chain.pem ctrl.pem
  --backup backup.csr)
for set in evil benign; do
  for v in a b; do
    declare -n args="variant_$v"
    (cd "$work/$set" && "$cli" snippet --now "$now" --target all "${args[@]}" \
      --out "$work/out-$set-$v" >/dev/null 2>"$work/out-$set-$v.lints")
    echo $? >"$work/out-$set-$v.rc"
  done
done
n_targets=$("$cli" snippet --list-targets | wc -l)
for v in a b; do
  [ "$(cat "$work/out-evil-$v.rc")" = "$(cat "$work/out-benign-$v.rc")" ]
  check "variant $v: the exit status ($(cat "$work/out-evil-$v.rc")) is the benign twin's" $?
  n=$(find "$work/out-evil-$v" -type f | wc -l)
  [ "$n" -eq "$n_targets" ]
  check "variant $v: one file per target ($n of $n_targets)" "$?"
done

# visible: bidi controls, separators and control characters spelled out (<U+202E>), so that a
# failure message cannot itself reorder the log it is printed in.
visible() {
  perl -CSD -pe 's/([\x{200E}\x{200F}\x{2028}-\x{202E}\x{2066}-\x{2069}\x{0}-\x{8}\x{B}-\x{1F}\x{7F}-\x{9F}])/sprintf("<U+%04X>", ord $1)/ge'
}
have() { command -v "$1" >/dev/null; }
[ -z "$(command -v go)" ] || go_env "$go_root"
java_sources=()

# ---- Checks per file ------------------------------------------------------------------------------
for v in a b; do
  out=$work/out-evil-$v
  twin=$work/out-benign-$v
  while IFS= read -r f; do
    rel=${f#"$out"/}
    target=${rel%%/*}
    name="$v/$rel"
    # Bidi controls, line/paragraph separators, control characters (tab allowed in Go only).
    bad=$(grep -naP '[\x{202A}-\x{202E}\x{2066}-\x{2069}\x{200E}\x{200F}\x{2028}\x{2029}]' "$f" |
      head -n 3 | visible)
    [ -z "$bad" ]
    st=$?
    check "$name: no bidi control or line separator${bad:+: $bad}" "$st"
    if [ "$target" = go ]; then ctrl='[\x00-\x08\x0B-\x1F\x7F]'; else ctrl='[\x00-\x09\x0B-\x1F\x7F]'; fi
    bad=$(grep -naP "$ctrl|\xC2[\x80-\x9F]" "$f" | head -n 3 | visible)
    [ -z "$bad" ]
    st=$?
    check "$name: no control characters${bad:+: $bad}" "$st"
    [ "$(wc -l <"$f")" -eq "$(wc -l <"$twin/$rel")" ]
    st=$?
    check "$name: as many lines as the benign twin ($(wc -l <"$f") vs $(wc -l <"$twin/$rel"))" "$st"
    [ "$target" = pins-json ] && continue
    bad=$(grep -naiF '\u000a' "$f" | head -n 3)
    [ -z "$bad" ]
    st=$?
    check "$name: no \\u000a${bad:+: $bad}" "$st"
    opens=$(grep -o -- '<!--' "$f" | wc -l)
    closes=$(grep -o -- '-->' "$f" | wc -l)
    [ "$opens" -eq "$closes" ]
    check "$name: every '-->' closes a '<!--' ($closes vs $opens)" $?
    opens=$(grep -oF '/*' "$f" | wc -l)
    closes=$(grep -oF '*/' "$f" | wc -l)
    [ "$opens" -eq "$closes" ]
    check "$name: every '*/' closes a '/*' ($closes vs $opens)" $?
    case $f in
      *.m | *.swift | *.kt | *.java | *.go | *.cs | *.js | *.dart)
        bad=$(grep -n '//.*\\$' "$f" | head -n 3)
        [ -z "$bad" ]
        st=$?
        check "$name: no // comment ends with a backslash${bad:+: $bad}" "$st"
        ;;
    esac
  done < <(find "$out" -type f | sort)

  # The lints (stderr) are sanitised too.
  bad=$(grep -naP '[\x{202A}-\x{202E}\x{2066}-\x{2069}\x{2028}\x{2029}]|[\x00-\x09\x0B-\x1F\x7F]' \
    "$out.lints" | head -n 3 | visible)
  [ -z "$bad" ]
  st=$?
  check "$v/lints: no bidi or control characters${bad:+: $bad}" "$st"

  # Loads like the platform loads it.
  if have xmllint; then
    for t in android trustkit-android; do
      check_cmd "$v/$t: xmllint --noout" xmllint --noout "$out/$t/network_security_config.xml"
    done
  else
    skip_case xmllint "not installed (libxml2-utils)"
  fi
  check_cmd "$v/android: NSC rules" python3 "$formats" nsc "$out/android/network_security_config.xml"
  check_cmd "$v/trustkit-android: NSC rules" python3 "$formats" nsc --trustkit \
    "$out/trustkit-android/network_security_config.xml"
  check_cmd "$v/ios-ats: loads as a plist" python3 "$formats" plist \
    "$out/ios-ats/Info.plist.fragment.xml"
  check_cmd "$v/pins-json: parses" python3 "$formats" json "$out/pins-json/pins.json"
  check_cmd "$v/hpkp: header grammar" python3 "$formats" hpkp "$out/hpkp/hpkp.txt"
  if python3 -c 'import yaml' 2>/dev/null; then
    check_cmd "$v/envoy: YAML parses" python3 "$formats" yaml "$out/envoy/envoy-tls.yaml"
  else
    skip_case envoy-yaml "python3-yaml is not installed"
  fi
  if have go; then
    g=$out.go-module
    mkdir -p "$g/pinning"
    printf 'module pincalc.test/escape\n\ngo 1.19\n' >"$g/go.mod"
    cp "$out/go/pinning.go" "$g/pinning/"
    unformatted=$(gofmt -l "$out/go/pinning.go" 2>&1)
    [ -z "$unformatted" ]
    check "$v/go: gofmt -l reports nothing" $?
    check_cmd "$v/go: go vet passes" sh -c "cd '$g' && go vet ./..."
  else
    skip_case go "not installed (golang-go)"
  fi
  if have node; then
    check_cmd "$v/nodejs: node --check" node --check "$out/nodejs/pinning.js"
    cp "$out/react-native/pinning.js" "$out.react-native.mjs"
    check_cmd "$v/react-native: node --check (ES module)" node --check "$out.react-native.mjs"
  else
    skip_case node "not installed (nodejs)"
  fi
  for t in curl/curl-pinned.sh chromium/chromium.sh; do
    check_cmd "$v/${t%%/*}: bash -n" bash -n "$out/$t"
  done
  if [ -f /usr/share/java/okhttp.jar ] && have javac; then
    java_wrap "$out/okhttp-java/Pinning.java" "PinClient_$v" "$work/PinClient_$v.java"
    java_sources+=("$work/PinClient_$v.java")
  else
    skip_case okhttp-java "needs javac and libokhttp-java"
  fi
done
if [ ${#java_sources[@]} -gt 0 ]; then
  mkdir -p "$work/classes"
  # javac turns \u000a into a line break even inside a comment, so this is the real test.
  check_cmd "okhttp-java: the snippets compile (javac)" javac -nowarn -encoding UTF-8 \
    -cp /usr/share/java/okhttp.jar:/usr/share/java/okio.jar -d "$work/classes" \
    "${java_sources[@]}"
fi

# pins.json keeps the subjects as data: equal to openssl's RFC 2253 form.
# pincalc writes code points that reorder or hide text (bidi controls, U+2028/9, C1, BOM) as
# RFC 4514 \XX escapes of their UTF-8 bytes; apply the same to openssl's output.
want=$(openssl x509 -in "$work/evil/leaf.pem" -noout -subject -nameopt RFC2253,-esc_msb |
  sed 's/^subject=//' | python3 -c '
import sys
s = sys.stdin.read().rstrip("\n")
hide = {0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF} | set(range(0x202A, 0x202F)) | \
       set(range(0x2066, 0x206A)) | set(range(0x80, 0xA0))
print("".join("".join("\\%02X" % b for b in c.encode()) if ord(c) in hide else c for c in s))')
got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pins"][0]["subject"])' \
  "$work/out-evil-a/pins-json/pins.json")
[ "$got" = "$want" ]
check "pins-json: the leaf subject is openssl's, with invisible code points escaped" $?

# ---- Domains that would need escaping are refused ----------------------------------------------
for mode in single all json; do
  case $mode in
    single) extra=(--target android) ;;
    all) extra=(--target all --out "$work/refused") ;;
    json) extra=(--target android --json) ;;
  esac
  (cd "$work/evil" && "$cli" snippet "${extra[@]}" --domain 'a"b<c' chain.pem \
    >"$work/domain.out" 2>"$work/domain.err")
  rc=$?
  [ "$rc" -eq 2 ]
  check "--domain 'a\"b<c' ($mode): exits 2 (got $rc)" $?
  grep -qF "'a\"b<c' is not a valid hostname" "$work/domain.err"
  check "--domain 'a\"b<c' ($mode): the message says it is not a valid hostname ($(head -n 1 "$work/domain.err"))" $?
  [ ! -s "$work/domain.out" ] && [ ! -e "$work/refused" ]
  check "--domain 'a\"b<c' ($mode): nothing written" $?
done

echo "escaping: $(($(date +%s) - started)) s"
if [ "$skip" -gt 0 ] && [ "${PINCALC_ALLOW_SKIP:-0}" != 1 ]; then
  echo "FAIL: $skip check(s) could not run (set PINCALC_ALLOW_SKIP=1 to accept that)"
  fail=$((fail + 1))
fi
summary
