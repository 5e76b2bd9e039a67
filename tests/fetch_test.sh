#!/usr/bin/env bash
# fetch_test.sh CLI [WORKDIR]: `pincalc fetch` against `openssl s_server` on 127.0.0.1 with chains
# made by openssl: a good chain (verifies, root named, pins equal openssl's), a missing
# intermediate, a wrong-host certificate, an expired leaf, a server that never answers (timeout)
# and a port with nothing listening. Prints "N passed, M failed".
set -uo pipefail
cli=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-$(mktemp -d)}
rm -rf "$work" && mkdir -p "$work"
# shellcheck source=snippets/snippet_lib.sh
. "$here/snippets/snippet_lib.sh"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

# serve DIR CERT_CHAIN_ARGS...: starts s_server on a kernel-chosen port, sets $port.
serve() {
  local log=$work/server$RANDOM.log
  timeout 60 openssl s_server -accept 127.0.0.1:0 -www "$@" >"$log" 2>&1 </dev/null &
  pids+=($!)
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "FAIL: s_server did not start"; cat "$log"; exit 1
}

make_pki "$work/good"
make_pki "$work/expired" 20190101000000Z 20200101000000Z
make_pki "$work/wronghost" "" "" "DNS:other.example" "/O=Pincalc Fetch Test/CN=other.example"

# 1. A good chain: leaf + intermediate sent, the root is the client's trust store.
serve -cert "$work/good/leaf.pem" -cert_chain "$work/good/intermediate.pem" -key "$work/good/leaf.key"
"$cli" fetch "127.0.0.1:$port" --servername localhost --ca-file "$work/good/root.pem" --json \
  >"$work/good.json" 2>&1
check "good chain: exit 0" $?
python3 - "$work/good.json" "$(spki_pin_cert "$work/good/leaf.pem")" \
  "$(spki_pin_cert "$work/good/intermediate.pem")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verified"] is True, r
assert r["certificates"] == 2, r
assert "Root" in (r["root"] or ""), r["root"]
pins = [i["pins"]["sha256"] for i in r["report"]["items"]]
assert pins == [sys.argv[2], sys.argv[3]], pins
PY
check "good chain: verified, 2 certificates as presented, root named, pins equal openssl's" $?
"$cli" fetch "127.0.0.1:$port" --servername localhost --ca-file "$work/good/root.pem" \
  >"$work/good.txt" 2>&1
grep -q "completed by the trusted root" "$work/good.txt"
check "good chain: the table names the root" $?

# 2. Missing intermediate: the server sends the leaf alone.
serve -cert "$work/good/leaf.pem" -key "$work/good/leaf.key"
"$cli" fetch "127.0.0.1:$port" --servername localhost --ca-file "$work/good/root.pem" --json \
  >"$work/missing.json" 2>&1
status=$?
check "missing intermediate: exit 1" "$([ $status -eq 1 ]; echo $?)"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert not r['verified'] and r['certificates']==1 and 'not correctly signed' in r['verify_error'], r" "$work/missing.json"
check "missing intermediate: 1 certificate, verification says the issuer is unknown" $?

# 3. Wrong host: a certificate for other.example asked for as localhost.
serve -cert "$work/wronghost/leaf.pem" -cert_chain "$work/wronghost/intermediate.pem" \
  -key "$work/wronghost/leaf.key"
"$cli" fetch "127.0.0.1:$port" --servername localhost --ca-file "$work/wronghost/root.pem" --json \
  >"$work/wrong.json" 2>&1
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert not r['verified'] and 'CN' in r['verify_error'], r" "$work/wrong.json"
check "wrong host: not verified, the name mismatch is reported" $?

# 4. Expired leaf (and chain).
serve -cert "$work/expired/leaf.pem" -cert_chain "$work/expired/intermediate.pem" \
  -key "$work/expired/leaf.key"
"$cli" fetch "127.0.0.1:$port" --servername localhost --ca-file "$work/expired/root.pem" --json \
  >"$work/expired.json" 2>&1
python3 -c "
import json,sys
r=json.load(open(sys.argv[1]))
assert not r['verified'] and 'expired' in r['verify_error'], r
assert any(w['code']=='expired' for w in r['report']['warnings']), r['report']['warnings']
" "$work/expired.json"
check "expired leaf: not verified, 'expired' in the verdict and the report" $?

# 5. A server that accepts but never answers: the handshake times out.
python3 -c "
import socket, time, sys
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
time.sleep(30)
" >"$work/silent.port" &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/silent.port" ] && break; sleep 0.05; done
start=$(date +%s)
"$cli" fetch "127.0.0.1:$(cat "$work/silent.port")" --timeout 1 >"$work/silent.txt" 2>&1
status=$?
elapsed=$(( $(date +%s) - start ))
check "silent server: exit 1 within 5 s (took ${elapsed}s)" "$([ $status -eq 1 ] && [ $elapsed -le 5 ]; echo $?)"
grep -qi "timed out" "$work/silent.txt"
check "silent server: says it timed out: $(cat "$work/silent.txt")" $?

# 6. Nothing listening.
free=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"$cli" fetch "127.0.0.1:$free" --timeout 2 >"$work/refused.txt" 2>&1
status=$?
check "nothing listening: exit 1" "$([ $status -eq 1 ]; echo $?)"
grep -q "Connection refused" "$work/refused.txt"
check "nothing listening: says connection refused" $?

# 7. --check with a generated configuration against the live chain.
serve -cert "$work/good/leaf.pem" -cert_chain "$work/good/intermediate.pem" -key "$work/good/leaf.key"
"$cli" snippet --target android --domain localhost "$work/good/chain.pem" \
  --backup "$work/good/backup.csr" >"$work/nsc.xml" 2>/dev/null
"$cli" fetch "127.0.0.1:$port" --servername localhost --ca-file "$work/good/root.pem" \
  --check "$work/nsc.xml" >"$work/check.json" 2>&1
check "fetch --check: the app connects today" $?

# 8. Bad target.
"$cli" fetch "localhost:99999" >/dev/null 2>&1
check "bad port: exit 2" "$([ $? -eq 2 ]; echo $?)"

summary
