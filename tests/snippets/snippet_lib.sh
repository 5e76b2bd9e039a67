# shellcheck shell=bash
# snippet_lib.sh: shell functions shared by the snippet tests (sourced, not run): a pass/fail
# tally, a throw-away PKI made with the openssl CLI, and SPKI pins computed by openssl, never by
# pincalc (RFC 7469 §2.4: base64 SHA-256 of the DER SubjectPublicKeyInfo).

pass=0
fail=0
skip=0

# check NAME STATUS: STATUS 0 passes, anything else fails.
check() {  # check NAME STATUS (compute STATUS before NAME if NAME runs commands)
  if [ "$2" -eq 0 ]; then
    pass=$((pass + 1))
    [ -z "${VERBOSE:-}" ] || echo "ok: $1"
  else
    fail=$((fail + 1))
    echo "FAIL: $1"
  fi
}

# check_cmd NAME COMMAND...: runs COMMAND and checks its exit status; its output is shown on
# failure only.
check_cmd() {
  local name=$1 out status
  shift
  out=$("$@" 2>&1)
  status=$?
  check "$name" "$status"
  [ "$status" -eq 0 ] || printf '%s\n' "$out" | sed 's/^/    /' | head -n 20
}

# skip_case NAME WHY: a case that cannot run here; counted and printed, never silently passed.
skip_case() {
  skip=$((skip + 1))
  echo "SKIP: $1: $2"
}

# setup_args CLI [WORKDIR]: the arguments every snippet test takes. Sets cli (absolute), work
# (WORKDIR, emptied, or a temporary directory removed on exit), go_root (where the Go build cache
# lives: beside WORKDIR so runs share it) and started (for the timing line).
setup_args() {
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
  else
    work=$(mktemp -d)
    go_root=$work
    trap 'rm -rf "$work"' EXIT
  fi
  started=$(date +%s)
}

# summary prints the tally and returns non-zero when a case failed.
summary() {
  echo "$pass passed, $fail failed${skip:+, $skip skipped}" | sed 's/, 0 skipped//'
  [ "$fail" -eq 0 ]
}

# spki_pin_cert PEM: the SPKI pin of a certificate, by openssl.
spki_pin_cert() {
  openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER |
    openssl dgst -sha256 -binary | openssl base64 -A
}

# spki_pin_pub PEM: the SPKI pin of a PEM public key, by openssl.
spki_pin_pub() {
  openssl pkey -pubin -in "$1" -outform DER | openssl dgst -sha256 -binary | openssl base64 -A
}

# write_openssl_conf FILE: our own openssl config (nothing depends on the system's openssl.cnf),
# with the extensions of a root CA, an intermediate, a leaf for localhost and an `openssl ca`
# section that takes explicit dates.
write_openssl_conf() {
  cat >"$1" <<'CONF'
[ req ]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes

[ req_dn ]

[ v3_root ]
subjectKeyIdentifier = hash
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign

[ v3_intermediate ]
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign

[ v3_leaf ]
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = ${ENV::PINCALC_SAN}

[ ca ]
default_ca = test_ca

[ test_ca ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = policy_any
preserve = yes
email_in_dn = no
unique_subject = no
copy_extensions = none
utf8 = yes
string_mask = utf8only

[ policy_any ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
CONF
}

# make_pki DIR [START END [SAN [LEAF_SUBJECT [ORG]]]]: writes into DIR
#   root.pem (RSA 2048), intermediate.pem (P-384), leaf.pem + leaf.key (P-256, SAN SAN,
#   default DNS:localhost,IP:127.0.0.1), chain.pem (leaf, intermediate, root),
#   backup.key / backup.pub.pem / backup.csr (P-256: the key kept offline for the next leaf).
# START/END are openssl ca dates (YYYYMMDDHHMMSSZ); by default the certificates are valid from a
# day ago for 30 days. LEAF_SUBJECT is an openssl -subj string (-utf8). ORG is the O= of the CAs
# and of the backup CSR (default "Pincalc Snippet Test").
make_pki() {
  local dir=$1 start=${2:-} end=${3:-} san=${4:-DNS:localhost,IP:127.0.0.1}
  local subject=${5:-/O=Pincalc Snippet Test/CN=localhost} org=${6:-Pincalc Snippet Test}
  local dates
  if [ -n "$start" ]; then
    dates=(-startdate "$start" -enddate "$end")
  else
    dates=(-startdate "$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)" -days 30)
  fi
  mkdir -p "$dir"
  (
    set -e
    cd "$dir"
    export OPENSSL_CONF=$PWD/openssl.cnf PINCALC_SAN=$san
    write_openssl_conf "$OPENSSL_CONF"
    : >index.txt
    echo 1000 >serial
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out root.key
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out intermediate.key
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out backup.key
    openssl req -new -key root.key -subj "/O=$org/CN=$org Root" \
      -out root.csr
    openssl ca -batch -notext -selfsign -keyfile root.key -in root.csr -extensions v3_root \
      "${dates[@]}" -out root.pem 2>/dev/null
    openssl req -new -key intermediate.key \
      -subj "/O=$org/CN=$org Intermediate" -out intermediate.csr
    openssl ca -batch -notext -cert root.pem -keyfile root.key -in intermediate.csr \
      -extensions v3_intermediate "${dates[@]}" -out intermediate.pem 2>/dev/null
    openssl req -new -utf8 -key leaf.key -subj "$subject" -out leaf.csr
    openssl ca -batch -notext -utf8 -cert intermediate.pem -keyfile intermediate.key -in leaf.csr \
      -extensions v3_leaf "${dates[@]}" -out leaf.pem 2>/dev/null
    cat leaf.pem intermediate.pem root.pem >chain.pem
    openssl pkey -in backup.key -pubout -out backup.pub.pem
    openssl req -new -key backup.key -subj "/O=$org/CN=backup key for the next leaf" \
      -out backup.csr
    rm -f ./*.old index.txt.attr serial index.txt root.csr intermediate.csr leaf.csr [0-9][0-9][0-9][0-9].pem
  )
}

# java_wrap SNIPPET CLASS OUT: pastes the generated okhttp-java SNIPPET into
# clients/java/PinClient.java.in as text (its import lines at the top, the rest into
# pinnedClient()) and writes class CLASS to OUT.
java_wrap() {
  awk -v snippet="$1" -v cls="$2" '
    BEGIN {
      while ((getline line < snippet) > 0) {
        if (line ~ /^import /) imports = imports line "\n"; else body = body "    " line "\n"
      }
    }
    /^\/\/@SNIPPET_IMPORTS@$/ { printf "%s", imports; next }
    /^ *\/\/@SNIPPET_BODY@$/ { printf "%s", body; next }
    { gsub(/class PinClient /, "class " cls " "); print }
  ' "$(dirname "${BASH_SOURCE[0]}")/clients/java/PinClient.java.in" >"$3"
}

# go_env: an offline Go with its caches under $1 (no module download, no telemetry).
go_env() {
  export GOCACHE=$1/go-cache GOPATH=$1/gopath GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on \
    GOTOOLCHAIN=local GOTELEMETRY=off CGO_ENABLED=0 GOENV=off
}
