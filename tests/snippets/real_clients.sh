#!/usr/bin/env bash
# real_clients.sh CLI [WORKDIR]: the generated snippets run by real clients against a real TLS
# server (issue 4, "Tests"). openssl makes a root CA (RSA 2048), an intermediate (P-384) and a
# leaf for localhost (P-256, SAN DNS:localhost, IP:127.0.0.1) plus a backup key kept "offline";
# `openssl s_server` serves leaf + intermediate on 127.0.0.1 (the root only reaches the clients as
# their trust anchor). For each client the CLI renders the snippet for --domain localhost, and:
#   - with the default pins (leaf + intermediate) and the backup key, the client connects;
#   - with a backup-only pin set (--item selecting only the backup key), it fails with its own pin
#     error: curl exit 90 (CURLE_SSL_PINNEDPUBKEYNOTMATCH), Node "pin mismatch", Go "public key
#     pin mismatch", OkHttp SSLPeerUnverifiedException "Certificate pinning failure!";
#   - the chain-walking clients (Node, Go, OkHttp) also connect with the intermediate alone and with
#     the root alone (a root the server never sends: it is in the client's verified chain), and
#     still refuse the backup-only set when --include-subdomains is on (pinning the subdomains
#     must not unpin the domain itself: OkHttp before 4.3 ignores "**." patterns).
# The pins in every snippet are compared with the ones openssl computes, never with our own.
#
# Clients: curl, node, go (Debian golang-go), java + OkHttp 3 (Debian libokhttp-java, okio). A
# missing client is reported as SKIP and fails the run unless PINCALC_ALLOW_SKIP=1.
# WORKDIR (default: a temporary directory, removed at exit) keeps the generated files; the Go build
# cache lives in WORKDIR/../go-cache so that reruns are fast. Offline: GOPROXY=off, no network.
# Prints "N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=snippet_lib.sh
. "$here/snippet_lib.sh"

[ $# -ge 1 ] || {
  echo "usage: $0 CLI [WORKDIR]" >&2
  exit 2
}
cli=$(realpath "$1")
if [ $# -ge 2 ]; then
  rm -rf "$2"
  mkdir -p "$2"
  work=$(realpath "$2")
  go_root=$(dirname "$work")
  keep=1
else
  work=$(mktemp -d)
  go_root=$work
  keep=0
fi
started=$(date +%s)

server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  [ "$keep" -eq 1 ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- PKI and the pins openssl computes --------------------------------------------------------
pki=$work/pki
make_pki "$pki" || {
  echo "FAIL: openssl could not make the test PKI"
  exit 1
}
leaf_pin=$(spki_pin_cert "$pki/leaf.pem")
intermediate_pin=$(spki_pin_cert "$pki/intermediate.pem")
root_pin=$(spki_pin_cert "$pki/root.pem")
backup_pin=$(spki_pin_pub "$pki/backup.pub.pem")

# ---- The server ---------------------------------------------------------------------------------
# Port 0: the kernel picks a free port and s_server prints it ("ACCEPT 127.0.0.1:PORT"), so no
# other process can take it between a probe and the bind. `timeout` bounds its life if this
# script is killed with SIGKILL.
timeout 120 openssl s_server -accept 127.0.0.1:0 -cert "$pki/leaf.pem" \
  -cert_chain "$pki/intermediate.pem" -key "$pki/leaf.key" -www \
  >"$work/server.log" 2>&1 </dev/null &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$work/server.log")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$port" ]; then
  echo "FAIL: openssl s_server did not start:"
  sed 's/^/    /' "$work/server.log"
  exit 1
fi

# Sanity: the server really serves this chain, which openssl verifies against the root.
openssl s_client -connect "127.0.0.1:$port" -servername localhost -CAfile "$pki/root.pem" \
  -verify_return_error -verify_hostname localhost </dev/null >"$work/s_client.log" 2>&1
check "openssl s_client verifies the served chain against the root" $?

# ---- Snippets -----------------------------------------------------------------------------------
# render NAME TARGET ARGS...: the single-target snippet text in $work/snippets/NAME.TARGET, lints
# in .lints, exit status in .rc. Run from the PKI directory so that labels name files, not paths.
mkdir -p "$work/snippets"
render() {
  local name=$1 target=$2 out
  shift 2
  out=$work/snippets/$name.$target
  (cd "$pki" && "$cli" snippet --target "$target" --domain localhost "$@" >"$out" 2>"$out.lints")
  echo $? >"$out.rc"
}
# The pin sets: name, then the CLI arguments that select it.
#   good          the default selection (leaf + intermediate) and the backup key
#   backup_only   only the backup key (--item 4: the key, not the chain)
#   intermediate  the intermediate alone;  root  the root alone
#   subdomains_backup_only  backup_only with --include-subdomains
sets=(good backup_only intermediate root subdomains_backup_only)
# shellcheck disable=SC2034  # read through ${!args_var} and ${!expect_var}
{
args_good=(chain.pem --backup backup.pub.pem)
args_backup_only=(--item 4 chain.pem backup.pub.pem)
args_intermediate=(--pins intermediate chain.pem)
args_root=(--pins root chain.pem)
args_subdomains_backup_only=(--include-subdomains --item 4 chain.pem backup.pub.pem)
expect_good="$leaf_pin $intermediate_pin $backup_pin"
expect_backup_only="$backup_pin"
expect_intermediate="$intermediate_pin"
expect_root="$root_pin"
expect_subdomains_backup_only="$backup_pin"
}
# must_fail SET: the client must refuse the connection with this pin set.
must_fail() { case $1 in *backup_only) return 0 ;; *) return 1 ;; esac; }

# pins_in FILE: every 44-character base64 SHA-256 value in FILE, sorted, one line.
pins_in() {
  grep -oE '[A-Za-z0-9+/]{43}=' "$1" | sort -u | tr '\n' ' ' | sed 's/ $//'
}
sorted() { tr ' ' '\n' <<<"$*" | sort -u | tr '\n' ' ' | sed 's/ $//'; }

# expect_snippet NAME TARGET EXPECTED_PINS: the snippet rendered (exit 0) with exactly these pins.
expect_snippet() {
  local f=$work/snippets/$1.$2
  check "$2/$1: CLI exits 0 ($(tr '\n' ' ' <"$f.lints"))" "$(cat "$f.rc")"
  [ "$(pins_in "$f")" = "$(sorted "$3")" ]
  st=$?  # before the message's command substitutions
  check "$2/$1: the snippet carries exactly openssl's pins [$(sorted "$3")] (has [$(pins_in "$f")])" "$st"
}

# result_is NAME WANT OUTPUT: OUTPUT's first line starts with WANT.
result_is() {
  case "$3" in
    "$2"*) check "$1" 0 ;;
    *)
      check "$1 (wanted '$2...', got: $(head -n 3 <<<"$3" | tr '\n' ' '))" 1
      ;;
  esac
}

# ---- (a) curl --pinnedpubkey ----------------------------------------------------------------------
if command -v curl >/dev/null; then
  for set in good backup_only intermediate; do
    args_var="args_${set}[@]"
    render "$set" curl "${!args_var}"
  done
  f=$work/snippets/good.curl
  expect_snippet good curl "$leaf_pin $backup_pin"  # curl sees the leaf only: no CA pins
  expect_snippet backup_only curl "$backup_pin"
  # The pin list, taken from the snippet's own command line.
  pinlist() { sed -n "s/^curl --pinnedpubkey '\([^']*\)'.*/\1/p" "$1"; }
  good_list=$(pinlist "$f")
  [ "$good_list" = "sha256//$leaf_pin;sha256//$backup_pin" ]
  check "curl/good: --pinnedpubkey is 'sha256//LEAF;sha256//BACKUP' (got '$good_list')" $?
  grep -qF "CURLOPT_PINNEDPUBLICKEY, \"$good_list\")" "$f"
  check "curl/good: the libcurl line carries the same list" $?
  curl -sS -o /dev/null --max-time 10 --cacert "$pki/root.pem" --pinnedpubkey "$good_list" \
    "https://localhost:$port/" 2>"$work/curl.good.err"
  rc=$?
  check "curl/good: connects (exit $rc: $(cat "$work/curl.good.err"))" "$rc"
  backup_list=$(pinlist "$work/snippets/backup_only.curl")
  curl -sS -o /dev/null --max-time 10 --cacert "$pki/root.pem" --pinnedpubkey "$backup_list" \
    "https://localhost:$port/" 2>"$work/curl.backup.err"
  rc=$?
  [ "$rc" -eq 90 ]
  st=$?  # before the message's command substitutions
  check "curl/backup_only: fails with exit 90 CURLE_SSL_PINNEDPUBKEYNOTMATCH (exit $rc: $(cat "$work/curl.backup.err"))" "$st"
  # An intermediate-only pin set cannot work with curl (leaf only): the CLI must refuse it.
  [ "$(cat "$work/snippets/intermediate.curl.rc")" -eq 1 ] &&
    grep -q 'curl_leaf_only' "$work/snippets/intermediate.curl.lints"
  check "curl/intermediate: CLI exits 1 with the curl_leaf_only error" $?
else
  skip_case curl "curl is not installed (Debian package curl)"
fi

# ---- (b) Node.js checkServerIdentity ------------------------------------------------------------
if command -v node >/dev/null; then
  for set in "${sets[@]}"; do
    args_var="args_${set}[@]" expect_var="expect_$set"
    render "$set" nodejs "${!args_var}"
    expect_snippet "$set" nodejs "${!expect_var}"
    mkdir -p "$work/node/$set"
    cp "$work/snippets/$set.nodejs" "$work/node/$set/pinning.js"
    out=$(node "$here/clients/node_client.js" "$work/node/$set/pinning.js" "$pki/root.pem" \
      "$port" 2>&1)
    if must_fail "$set"; then
      result_is "nodejs/$set: fails with the snippet's pin error" "ERROR" "$out"
      grep -q "pin mismatch" <<<"$out"
      check "nodejs/$set: the error says 'pin mismatch' ($out)" $?
    else
      result_is "nodejs/$set: connects" "OK 200" "$out"
    fi
  done
else
  skip_case nodejs "node is not installed (Debian package nodejs)"
fi

# ---- (c) Go crypto/tls VerifyConnection ---------------------------------------------------------
if command -v go >/dev/null; then
  go_env "$go_root"
  for set in "${sets[@]}"; do
    args_var="args_${set}[@]" expect_var="expect_$set"
    render "$set" go "${!args_var}"
    expect_snippet "$set" go "${!expect_var}"
    d=$work/go/$set
    mkdir -p "$d/pinning"
    cp "$here/clients/go/go.mod" "$here/clients/go/main.go" "$d/"
    cp "$work/snippets/$set.go" "$d/pinning/pinning.go"
    if (cd "$d" && go build -o client . >"$d/build.log" 2>&1); then
      check "go/$set: the snippet compiles as package pinning" 0
      out=$("$d/client" "$pki/root.pem" "$port" 2>&1)
      if must_fail "$set"; then
        result_is "go/$set: fails" "ERROR" "$out"
        grep -q "public key pin mismatch for localhost" <<<"$out"
        check "go/$set: the error is the snippet's 'public key pin mismatch for localhost' ($out)" $?
      else
        result_is "go/$set: connects" "OK 200" "$out"
      fi
    else
      check "go/$set: the snippet compiles as package pinning" 1
      sed 's/^/    /' "$d/build.log" | head -n 20
    fi
  done
else
  skip_case go "go is not installed (Debian package golang-go)"
fi

# ---- (d) Java + OkHttp CertificatePinner --------------------------------------------------------
# Debian's libokhttp-java is OkHttp 3.13.1 (Java, so no Kotlin runtime) on okio 1.x.
okhttp_jar=/usr/share/java/okhttp.jar
okio_jar=/usr/share/java/okio.jar
if command -v javac >/dev/null && command -v java >/dev/null && [ -f "$okhttp_jar" ] &&
  [ -f "$okio_jar" ]; then
  cp_jars=$okhttp_jar:$okio_jar
  d=$work/java
  mkdir -p "$d"
  sources=()
  for set in "${sets[@]}"; do
    args_var="args_${set}[@]" expect_var="expect_$set"
    render "$set" okhttp-java "${!args_var}"
    expect_snippet "$set" okhttp-java "${!expect_var}"
    # One class per set, so that a single javac run compiles them all.
    java_wrap "$work/snippets/$set.okhttp-java" "PinClient_$set" "$d/PinClient_$set.java"
    sources+=("$d/PinClient_$set.java")
  done
  if javac -nowarn -encoding UTF-8 -cp "$cp_jars" -d "$d" "${sources[@]}" >"$d/javac.log" 2>&1; then
    check "okhttp-java: the snippets compile inside a Java program" 0
    for set in "${sets[@]}"; do
      out=$(java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$cp_jars:$d" "PinClient_$set" \
        "$pki/root.pem" "$port" 2>&1)
      if must_fail "$set"; then
        result_is "okhttp-java/$set: fails with SSLPeerUnverifiedException 'Certificate pinning failure!'" \
          "ERROR javax.net.ssl.SSLPeerUnverifiedException Certificate pinning failure!" "$out"
      else
        result_is "okhttp-java/$set: connects" "OK 200" "$out"
      fi
    done
  else
    check "okhttp-java: the snippets compile inside a Java program" 1
    sed 's/^/    /' "$d/javac.log" | head -n 30
  fi
else
  skip_case okhttp-java "needs javac/java (openjdk-17-jdk-headless) and $okhttp_jar, $okio_jar (libokhttp-java)"
fi

kill "$server_pid" 2>/dev/null
wait "$server_pid" 2>/dev/null
server_pid=""
echo "real clients: $(($(date +%s) - started)) s"
if [ "$skip" -gt 0 ] && [ "${PINCALC_ALLOW_SKIP:-0}" != 1 ]; then
  echo "FAIL: $skip client(s) could not run (set PINCALC_ALLOW_SKIP=1 to accept that)"
  fail=$((fail + 1))
fi
summary
