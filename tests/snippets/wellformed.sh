#!/usr/bin/env bash
# wellformed.sh CLI [WORKDIR]: every target rendered with `--target all --out DIR` from a chain and
# a backup CSR, in several option variants, then loaded the way its platform loads it:
#   android, trustkit-android   xmllint --noout, then the Network Security Config rules (formats.py)
#   ios-ats                      the fragment wrapped into a whole plist loads with plistlib
#   pins-json                    python3 json;  envoy  python3-yaml;  hpkp  the header grammar
#   go                           gofmt -l prints nothing, go vet passes (as package pinning)
#   nodejs, react-native         node --check (CommonJS; ES module with top-level await)
#   okhttp-java                  compiles with javac against Debian's OkHttp inside a class
#   curl, chromium               bash -n
# and each carries exactly the pins openssl computes for the pins the variant selects.
# Prints "N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=snippet_lib.sh
. "$here/snippet_lib.sh"

setup_args "$@"
formats=$here/formats.py
now=2027-01-01T00:00:00Z

pki=$work/pki
make_pki "$pki" 20260101000000Z 20280101000000Z "DNS:api.example.com,DNS:www.example.com" \
  "/O=Pincalc Snippet Test/CN=api.example.com" || {
  echo "FAIL: openssl could not make the test PKI"
  exit 1
}
leaf=$(spki_pin_cert "$pki/leaf.pem")
intermediate=$(spki_pin_cert "$pki/intermediate.pem")
root=$(spki_pin_cert "$pki/root.pem")
backup=$(spki_pin_pub "$pki/backup.pub.pem")

# Variants: name | CLI options | exit status | domains | all pins | ATS pins | leaf-only targets'
# pins. ca_pins exits 1: the Flutter targets hash the leaf certificate, and none is selected (an
# error-level lint), while every other target is still written.
variants=(
  "subdomains|--domain api.example.com,www.example.com --include-subdomains --expires 2027-06-30|0|api.example.com,www.example.com|$leaf,$intermediate,$backup|$intermediate|$leaf,$backup"
  "report_only_leaf|--domain api.example.com --report-only --pins leaf|0|api.example.com|$leaf,$backup|$leaf,$backup|$leaf,$backup"
  "ca_pins|--domain WWW.Example.COM. --pins intermediate,root|1|www.example.com|$intermediate,$root,$backup|$intermediate,$root|$backup"
)

have() { command -v "$1" >/dev/null; }
have xmllint || skip_case xmllint "not installed (Debian package libxml2-utils)"
have go || skip_case go "not installed (Debian package golang-go)"
have node || skip_case node "not installed (Debian package nodejs)"
python3 -c 'import yaml' 2>/dev/null || skip_case envoy-yaml "python3-yaml is not installed"
if [ ! -f /usr/share/java/okhttp.jar ] || ! have javac; then
  skip_case okhttp-java "needs javac (openjdk-17-jdk-headless) and libokhttp-java"
fi
[ -z "$(command -v go)" ] || go_env "$go_root"

n_targets=$("$cli" snippet --list-targets | wc -l)
java_sources=()
for v in "${variants[@]}"; do
  IFS='|' read -r name opts want_rc domains all_pins ats_pins leaf_pins <<<"$v"
  out=$work/$name
  # shellcheck disable=SC2086  # opts is a word list on purpose
  (cd "$pki" && "$cli" snippet --now "$now" --target all $opts --out "$out" chain.pem \
    --backup backup.csr >"$out.files" 2>"$out.lints")
  rc=$?
  [ "$rc" -eq "$want_rc" ]
  st=$?  # before the message's command substitutions
  check "$name: CLI exits $want_rc for --target all --out (got $rc: $(grep -E '^[a-z-]+: error' "$out.lints" | tr '\n' ' '))" "$st"
  n=$(find "$out" -type f | wc -l)
  [ "$n" -eq "$n_targets" ]
  check "$name: one file per target ($n_targets, got $n)" $?

  # --json carries the same text as the files (one code path), and its own lints.
  # shellcheck disable=SC2086
  (cd "$pki" && "$cli" snippet --now "$now" --target all $opts --json chain.pem \
    --backup backup.csr >"$out.json" 2>/dev/null)
  check_cmd "$name: --json parses and each snippet's text equals its --out file" python3 -c '
import json, os, sys
doc = json.load(open(sys.argv[1]))
assert doc["schema"] == "pincalc-snippets/1", doc["schema"]
assert len(doc["snippets"]) == int(sys.argv[3]), len(doc["snippets"])
for s in doc["snippets"]:
    path = os.path.join(sys.argv[2], s["target"], s["filename"])
    with open(path, encoding="utf-8") as f:
        assert f.read() == s["text"], path
' "$out.json" "$out" "$n_targets"

  if have xmllint; then
    for t in android trustkit-android; do
      check_cmd "$name/$t: xmllint --noout" xmllint --noout "$out/$t/network_security_config.xml"
    done
  fi
  check_cmd "$name/android: Network Security Config rules and pins" python3 "$formats" nsc \
    "$out/android/network_security_config.xml" --domains "$domains" --pins "$all_pins"
  check_cmd "$name/trustkit-android: NSC + trustkit-config rules and pins" python3 "$formats" nsc \
    --trustkit "$out/trustkit-android/network_security_config.xml" --domains "$domains" \
    --pins "$all_pins"
  check_cmd "$name/ios-ats: the fragment loads as a plist (plistlib) with the ATS shape" \
    python3 "$formats" plist "$out/ios-ats/Info.plist.fragment.xml" --domains "$domains" \
    --pins "$ats_pins"
  check_cmd "$name/pins-json: parses, schema pincalc-pins/1" python3 "$formats" json \
    "$out/pins-json/pins.json" --domains "$domains" --pins "$all_pins"
  check_cmd "$name/hpkp: Public-Key-Pins grammar" python3 "$formats" hpkp "$out/hpkp/hpkp.txt" \
    --pins "$all_pins"
  if python3 -c 'import yaml' 2>/dev/null; then
    check_cmd "$name/envoy: YAML parses, verify_certificate_spki has the leaf-level pins" \
      python3 "$formats" yaml "$out/envoy/envoy-tls.yaml" --domains "$domains" \
      --pins "$leaf_pins"
  fi
  if have xmllint; then
    # The Info.plist fragment as a whole document, for xmllint too.
    { printf '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n'
      cat "$out/ios-ats/Info.plist.fragment.xml"
      printf '</dict>\n</plist>\n'; } >"$out/Info.plist"
    check_cmd "$name/ios-ats: the wrapped plist passes xmllint" xmllint --noout "$out/Info.plist"
  fi

  if have go; then
    g=$out/go-module
    mkdir -p "$g/pinning"
    printf 'module pincalc.test/vet\n\ngo 1.19\n' >"$g/go.mod"
    cp "$out/go/pinning.go" "$g/pinning/"
    unformatted=$(gofmt -l "$out/go/pinning.go" 2>&1)
    [ -z "$unformatted" ]
    st=$?  # before the message's command substitutions
    check "$name/go: gofmt -l reports nothing ($(gofmt -d "$out/go/pinning.go" 2>&1 | head -n 20))" "$st"
    check_cmd "$name/go: go vet passes" sh -c "cd '$g' && go vet ./..."
  fi
  if have node; then
    check_cmd "$name/nodejs: node --check" node --check "$out/nodejs/pinning.js"
    check_cmd "$name/nodejs: exports PINS with the selected pins" node -e '
      const want = new Set(process.argv[2].split(","));
      const { PINS } = require(process.argv[1]);
      if (PINS.size !== want.size || [...want].some((p) => !PINS.has(p))) {
        console.log("PINS", [...PINS], "want", [...want]); process.exit(1);
      }' "$out/nodejs/pinning.js" "$all_pins"
    cp "$out/react-native/pinning.js" "$out/react-native.mjs"
    check_cmd "$name/react-native: node --check (ES module)" node --check "$out/react-native.mjs"
  fi
  for t in curl/curl-pinned.sh chromium/chromium.sh; do
    check_cmd "$name/${t%%/*}: bash -n" bash -n "$out/$t"
  done
  if [ -f /usr/share/java/okhttp.jar ] && have javac; then
    java_wrap "$out/okhttp-java/Pinning.java" "PinClient_$name" "$work/PinClient_$name.java"
    java_sources+=("$work/PinClient_$name.java")
  fi
done
if [ ${#java_sources[@]} -gt 0 ]; then
  mkdir -p "$work/classes"
  check_cmd "okhttp-java: every variant compiles against OkHttp (javac)" javac -nowarn \
    -encoding UTF-8 -cp /usr/share/java/okhttp.jar:/usr/share/java/okio.jar -d "$work/classes" \
    "${java_sources[@]}"
fi

echo "well-formedness: $(($(date +%s) - started)) s"
if [ "$skip" -gt 0 ] && [ "${PINCALC_ALLOW_SKIP:-0}" != 1 ]; then
  echo "FAIL: $skip check(s) could not run (set PINCALC_ALLOW_SKIP=1 to accept that)"
  fail=$((fail + 1))
fi
summary
