#!/usr/bin/env python3
"""formats.py KIND FILE [OPTIONS]: loads one generated snippet the way its platform would and
checks the rules that platform enforces (../shared/reference/platform-formats.md, cited per
check). Prints nothing and exits 0 when the file is fine; prints the problems and exits 1
otherwise.

KIND:
  nsc FILE [--trustkit]   Android Network Security Config (§1; TrustKit-Android §3b)
  plist FILE              iOS ATS Info.plist fragment, wrapped into a whole plist (§2)
  json FILE               pins.json
  yaml FILE               Envoy UpstreamTlsContext (§10)
  hpkp FILE               Public-Key-Pins header (§9)
Options: --domains a,b  the domains the snippet must name, --pins P1,P2  the exact pin set it must
carry (both optional).
"""
import argparse
import base64
import datetime
import json
import plistlib
import re
import sys
import xml.etree.ElementTree as ET

problems = []


def problem(msg):
    problems.append(msg)


def check_pin(pin, where):
    """A pin is standard base64 of exactly 32 bytes (Android: "digest length N does not match
    expected length for SHA-256 of 32"; TrustKit: "invalid Pin"; Envoy: exactly 44 characters)."""
    if not isinstance(pin, str) or not re.fullmatch(r"[A-Za-z0-9+/]{43}=", pin):
        problem(f"{where}: {pin!r} is not 44 characters of standard base64")
        return
    if len(base64.b64decode(pin, validate=True)) != 32:
        problem(f"{where}: {pin!r} does not decode to 32 bytes")


def check_sets(kind, got, want, where):
    if want is not None and set(got) != set(want):
        problem(f"{where}: {kind} {sorted(set(got))} != expected {sorted(set(want))}")


def check_nsc(path, args):
    tree = ET.parse(path)  # raises on malformed XML
    root = tree.getroot()
    if root.tag != "network-security-config":
        problem(f"root element is <{root.tag}>, not <network-security-config>")
    for bad in ("base-config", "debug-overrides"):
        for el in root.iter(bad):
            if el.find("pin-set") is not None:
                problem(f"<pin-set> inside <{bad}> is a parse error on Android")
    domains, pins = [], []
    configs = root.findall("domain-config")
    if not configs:
        problem("no <domain-config>")
    for dc in configs:
        ds = dc.findall("domain")
        if not ds:
            problem("<domain-config> without <domain>")
        for d in ds:
            inc = d.get("includeSubdomains", "false")
            if inc not in ("true", "false"):
                problem(f"includeSubdomains={inc!r}")
            if d.text is None or d.text != d.text.strip() or not d.text:
                problem(f"<domain> text {d.text!r}")
            elif d.text in domains:
                problem(f"duplicate <domain> {d.text} (Android throws 'has already been specified')")
            else:
                domains.append(d.text)
        sets = dc.findall("pin-set")
        if len(sets) > 1:
            problem("more than one <pin-set> in a <domain-config>")
        for ps in sets:
            exp = ps.get("expiration")
            if exp is not None:
                try:
                    datetime.datetime.strptime(exp, "%Y-%m-%d")
                    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", exp):
                        raise ValueError
                except ValueError:
                    problem(f"expiration {exp!r} is not yyyy-MM-dd")
            for p in ps.findall("pin"):
                if p.get("digest") != "SHA-256":
                    problem(f"digest={p.get('digest')!r}: only SHA-256 is supported")
                check_pin(p.text, "<pin>")
                pins.append(p.text)
            other = [c.tag for c in ps if c.tag != "pin"]
            if other:
                problem(f"unexpected elements in <pin-set>: {other}")
        tk = dc.findall("trustkit-config")
        if args.trustkit:
            if len(tk) != 1:
                problem(f"{len(tk)} <trustkit-config> elements in a <domain-config>")
            for t in tk:
                enforce = t.get("enforcePinning", "false")
                if enforce not in ("true", "false"):
                    problem(f"enforcePinning={enforce!r}")
                npins = sum(len(ps.findall("pin")) for ps in sets)
                if enforce == "true" and len(set(p.text for ps in sets for p in ps)) < 2:
                    problem(f"enforcePinning=true with {npins} pin(s): TrustKit-Android throws")
        elif tk:
            problem("<trustkit-config> in a plain Android config")
    check_sets("domains", domains, args.domains, "nsc")
    check_sets("pins", pins, args.pins, "nsc")


PLIST_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
    '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
    '<plist version="1.0">\n<dict>\n'
)
PLIST_TAIL = "</dict>\n</plist>\n"


def check_plist(path, args):
    with open(path, "rb") as f:
        fragment = f.read()
    data = plistlib.loads(PLIST_HEAD.encode() + fragment + PLIST_TAIL.encode())
    if list(data) != ["NSAppTransportSecurity"]:
        problem(f"top-level keys {list(data)}")
    ats = data.get("NSAppTransportSecurity", {})
    pinned = ats.get("NSPinnedDomains")
    if not isinstance(pinned, dict) or not pinned:
        problem("no NSPinnedDomains dictionary")
        return
    pins = []
    for domain, cfg in pinned.items():
        if domain != domain.lower() or "*" in domain or ":" in domain or domain.endswith("."):
            problem(f"domain key {domain!r}: lowercase, no wildcard, no port, no trailing dot")
        allowed = {"NSIncludesSubdomains", "NSPinnedCAIdentities", "NSPinnedLeafIdentities"}
        if set(cfg) - allowed:
            problem(f"{domain}: unknown keys {sorted(set(cfg) - allowed)}")
        if not isinstance(cfg.get("NSIncludesSubdomains", False), bool):
            problem(f"{domain}: NSIncludesSubdomains is not a boolean")
        arrays = [k for k in ("NSPinnedCAIdentities", "NSPinnedLeafIdentities") if k in cfg]
        if not arrays:
            problem(f"{domain}: neither NSPinnedCAIdentities nor NSPinnedLeafIdentities")
        for k in arrays:
            if not isinstance(cfg[k], list) or not cfg[k]:
                problem(f"{domain}: {k} is not a non-empty array")
                continue
            for ident in cfg[k]:
                if not isinstance(ident, dict) or list(ident) != ["SPKI-SHA256-BASE64"]:
                    problem(f"{domain}: {k} entry {ident!r} is not a dict with SPKI-SHA256-BASE64")
                    continue
                check_pin(ident["SPKI-SHA256-BASE64"], f"{domain}/{k}")
                pins.append(ident["SPKI-SHA256-BASE64"])
    check_sets("domains", list(pinned), args.domains, "plist")
    check_sets("pins", pins, args.pins, "plist")


def check_json(path, args):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("schema") != "pincalc-pins/1":
        problem(f"schema {data.get('schema')!r}")
    for key, typ in (("domains", list), ("include_subdomains", bool), ("enforce", bool),
                     ("pins", list)):
        if not isinstance(data.get(key), typ):
            problem(f"{key} is not a {typ.__name__}")
    pins = []
    for p in data.get("pins", []):
        check_pin(p.get("sha256"), "pins[]")
        pins.append(p.get("sha256"))
        if p.get("role") not in ("leaf", "intermediate", "root", "self-signed", "unrelated",
                                 "key"):
            problem(f"pins[].role {p.get('role')!r}")
        if not isinstance(p.get("backup"), bool):
            problem("pins[].backup is not a boolean")
    check_sets("domains", data.get("domains", []), args.domains, "json")
    check_sets("pins", pins, args.pins, "json")


def check_yaml(path, args):
    import yaml  # Debian python3-yaml

    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    ts = data["transport_socket"]
    if ts.get("name") != "envoy.transport_sockets.tls":
        problem(f"transport_socket.name {ts.get('name')!r}")
    tc = ts["typed_config"]
    if tc.get("@type") != ("type.googleapis.com/envoy.extensions.transport_sockets.tls.v3."
                           "UpstreamTlsContext"):
        problem(f"@type {tc.get('@type')!r}")
    vc = tc["common_tls_context"]["validation_context"]
    if not vc.get("trusted_ca"):
        problem("no trusted_ca: Envoy would not verify the peer certificate at all")
    spki = vc.get("verify_certificate_spki")
    if not isinstance(spki, list) or not spki:
        problem(f"verify_certificate_spki is {spki!r}, not a non-empty list")
        spki = []
    for pin in spki:
        check_pin(pin, "verify_certificate_spki")
    check_sets("pins", spki, args.pins, "yaml")
    if args.domains is not None and tc.get("sni") not in args.domains:
        problem(f"sni {tc.get('sni')!r} is not one of {args.domains}")


def check_hpkp(path, args):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l and not l.startswith("#")]
    if len(lines) != 1:
        problem(f"{len(lines)} header lines")
        return
    m = re.fullmatch(r"(Public-Key-Pins(?:-Report-Only)?): (.*)", lines[0])
    if not m:
        problem(f"not a Public-Key-Pins header: {lines[0]!r}")
        return
    pins, max_age = [], None
    for directive in m.group(2).split(";"):
        directive = directive.strip()
        if not directive:
            problem("empty directive")
            continue
        name, _, value = directive.partition("=")
        if name == "pin-sha256":
            if not (value.startswith('"') and value.endswith('"')):
                problem(f"pin-sha256 value {value!r} is not a quoted string")
            pins.append(value.strip('"'))
            check_pin(value.strip('"'), "pin-sha256")
        elif name == "max-age":
            max_age = value
        elif name not in ("includeSubDomains", "report-uri"):
            problem(f"unknown directive {name!r}")
    if max_age is None or not max_age.isdigit():
        problem("max-age (seconds) is required")
    if len(set(pins)) < 2:
        problem("RFC 7469 needs a backup pin: fewer than two pins")
    check_sets("pins", pins, args.pins, "hpkp")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["nsc", "plist", "json", "yaml", "hpkp"])
    ap.add_argument("file")
    ap.add_argument("--trustkit", action="store_true")
    ap.add_argument("--domains", type=lambda s: s.split(","), default=None)
    ap.add_argument("--pins", type=lambda s: s.split(","), default=None)
    args = ap.parse_args()
    try:
        {"nsc": check_nsc, "plist": check_plist, "json": check_json, "yaml": check_yaml,
         "hpkp": check_hpkp}[args.kind](args.file, args)
    except Exception as e:  # a parse error is the finding
        problem(f"{type(e).__name__}: {e}")
    for p in problems:
        print(f"{args.file}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
