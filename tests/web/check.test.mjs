// check.test.mjs: check(), normalize() and diff() of the real pincalc_core.wasm under node. Their
// JSON must equal `pincalc check --json`, `pincalc normalize --json` and `pincalc diff --json` byte
// for byte (one code path: both call parse_config + check_config + config_check_to_json, and so
// on), for configurations written by our own snippet generator (`pincalc snippet --out`, every
// target) and by hand. Pins and fingerprints the assertions name come from openssl
// (tests/fixtures/make_fixtures.sh's expected.tsv), never from pincalc.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { cli, fixedNow, loadWasm, makeFixtures, readTsv, siteDir } from './helpers.mjs';

let pincalc;
let fixtures;
let expected;  // rows of make_fixtures.sh's expected.tsv (computed by openssl)
let snippetDir;

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, 'pincalc_core.wasm')), `no build in ${siteDir}: run make wasm`);
  assert.ok(fs.existsSync(cli), `no native CLI at ${cli}: run make build`);
  pincalc = await loadWasm();
  fixtures = makeFixtures('pincalc-web-check-');
  expected = readTsv(path.join(fixtures, 'expected.tsv'));
  // Every target's snippet for the fixture chain, its backup CSR, a domain and an expiration date.
  snippetDir = path.join(fixtures, 'snippets');
  runCli(['snippet', '--now', fixedNow, '--out', snippetDir, '--target', 'all', '--domain', 'api.example.com',
    '--expires', '2027-06-30', fixture('chain.pem'), '--backup', fixture('csr.pem')]);
});

after(() => {
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

function fixture(name) {
  return path.join(fixtures, name);
}

function row(file, block = 1) {
  return expected.find((r) => r.file === file && Number(r.block) === block);
}

// fpBase64 turns openssl's colon-hex fingerprint into the base64 people paste into pin fields.
function fpBase64(colonHex) {
  return Buffer.from(colonHex.replace(/:/g, ''), 'hex').toString('base64');
}

// runCli returns the CLI's stdout (exit status 1 means "something breaks or was rejected": that is
// data here), with `input` on its standard input.
function runCli(args, input = '') {
  try {
    return execFileSync(cli, args, { input, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status === 1 && typeof e.stdout === 'string') return e.stdout;
    throw e;
  }
}

function sources(files) {
  return files.map((f) => ({ name: f, bytes: fs.readFileSync(f) }));
}

// sameCheck runs `pincalc check --json CONFIG FILES...` and the module's check() on the same
// inputs and asserts identical bytes (the CLI ends its output with a newline).
async function sameCheck(configFile, files = [fixture('chain.pem'), fixture('csr.pem')], { now = fixedNow } = {}) {
  const fromCli = runCli(['--now', now, 'check', '--json', configFile, ...files]);
  const fromWasm = await pincalc.checkJson(fs.readFileSync(configFile), sources(files), { now });
  assert.equal(`${fromWasm}\n`, fromCli, configFile);
  return JSON.parse(fromWasm);
}

async function sameNormalize(pins, files, { now = fixedNow } = {}) {
  const text = `${pins.join('\n')}\n`;
  const certArgs = files ? files.flatMap((f) => ['--cert', f]) : [];
  const fromCli = runCli(['--now', now, 'normalize', '--json', ...certArgs], text);
  const fromWasm = await pincalc.normalizeJson(text, files ? sources(files) : undefined, { now });
  assert.equal(`${fromWasm}\n`, fromCli);
  return JSON.parse(fromWasm);
}

async function sameDiff(oldFile, newFile) {
  const fromCli = runCli(['--now', fixedNow, 'diff', '--json', oldFile, newFile]);
  const fromWasm = await pincalc.diffJson(sources([oldFile]), sources([newFile]), { now: fixedNow });
  assert.equal(`${fromWasm}\n`, fromCli);
  return JSON.parse(fromWasm);
}

const scenario = (domain, name) => domain.scenarios.find((s) => s.name === name);

describe('check() equals `pincalc check --json`, byte for byte', () => {
  test('every snippet target\'s file from `pincalc snippet --out`', async () => {
    const files = fs.readdirSync(snippetDir).sort().flatMap((t) =>
      fs.readdirSync(path.join(snippetDir, t)).map((f) => path.join(snippetDir, t, f)));
    assert.ok(files.length >= 15, `only ${files.length} snippets`);
    const formats = new Set();
    for (const f of files) {
      const result = await sameCheck(f);
      formats.add(result.format);
      if (result.format === '') continue;  // a target the checker does not read (Go, .NET, …)
      // What we generate, we read back: no error, every pin a public-key pin of our inputs.
      assert.deepEqual(result.errors, [], f);
      const pins = result.domains.flatMap((d) => d.pins);
      assert.ok(pins.length > 0 && pins.every((p) => p.match === 'spki'), `${f}: ${JSON.stringify(pins.map((p) => p.match))}`);
    }
    // The formats the checker reads, each produced by our own generator.
    for (const format of ['android-nsc', 'ios-ats', 'trustkit-swift', 'trustkit-objc', 'okhttp', 'curl', 'envoy', 'pins-json']) {
      assert.ok(formats.has(format), `${format} not among ${[...formats].join(', ')}`);
    }
  });

  test('Android snippet: every pin is openssl\'s and matches; the backup keeps a re-key connecting', async () => {
    const result = await sameCheck(path.join(snippetDir, 'android', 'network_security_config.xml'));
    assert.equal(result.format, 'android-nsc');
    assert.deepEqual(result.errors, []);
    const [domain] = result.domains;
    assert.equal(domain.domain, 'api.example.com');
    assert.equal(domain.expiration, '2027-06-30');
    assert.deepEqual(domain.pins.map((p) => p.canonical),
      [row('chain.pem', 1).spki_sha256, row('chain.pem', 2).spki_sha256, row('csr.pem').spki_sha256]);
    assert.ok(domain.pins.every((p) => p.match === 'spki'));
    assert.deepEqual(domain.pins.map((p) => p.items), [[0], [1], [3]]);
    for (const name of ['today', 'leaf_rekeyed', 'intermediate_replaced', 'on_expiration']) {
      assert.equal(scenario(domain, name).connects, true, name);
    }
  });

  test('hand-written OkHttp (Java) with a whole-certificate fingerprint and a stale pin', async () => {
    const config = fixture('Pinning.java');
    fs.writeFileSync(config, [
      'CertificatePinner certificatePinner = new CertificatePinner.Builder()',
      `    .add("shop.example.org", "sha256/${fpBase64(row('chain.pem', 1).fp_sha256)}")`,
      `    .add("shop.example.org", "sha256/${row('rsa2048.pem').spki_sha256}")`,
      '    .build();',
      ''].join('\n'));
    const result = await sameCheck(config);
    assert.equal(result.format, 'okhttp');
    const [domain] = result.domains;
    assert.equal(domain.domain, 'shop.example.org');
    assert.deepEqual(domain.pins.map((p) => [p.line, p.match]), [[2, 'certificate'], [3, 'none']]);
    assert.match(domain.pins[0].note, /certificate fingerprint, not a public-key pin/);
    assert.equal(scenario(domain, 'today').connects, false);
    assert.ok(domain.warnings.some((w) => /line 2: .*certificate fingerprint/.test(w)), domain.warnings.join('\n'));
  });

  test('hand-written Info.plist: leaf and CA identities', async () => {
    const config = fixture('Info.plist');
    fs.writeFileSync(config, `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>NSAppTransportSecurity</key>
  <dict>
    <key>NSPinnedDomains</key>
    <dict>
      <key>example.com</key>
      <dict>
        <key>NSIncludesSubdomains</key>
        <true/>
        <key>NSPinnedCAIdentities</key>
        <array>
          <dict>
            <key>SPKI-SHA256-BASE64</key>
            <string>${row('chain.pem', 2).spki_sha256}</string>
          </dict>
        </array>
      </dict>
    </dict>
  </dict>
</dict>
</plist>
`);
    const result = await sameCheck(config);
    assert.equal(result.format, 'ios-ats');
    assert.equal(result.domains[0].include_subdomains, true);
    assert.equal(result.domains[0].pins[0].category, 'ca');
    assert.equal(scenario(result.domains[0], 'today').connects, true);
    assert.equal(scenario(result.domains[0], 'intermediate_replaced').connects, false);
  });

  test('a malformed config: the error names the line; an unknown text; no chain at all', async () => {
    const bad = fixture('bad.xml');
    fs.writeFileSync(bad, '<network-security-config>\n  <domain-config>\n    <domain>a.example</domain>\n'
      + '    <pin-set>\n      <pin digest="SHA-256">AAAA\n    </pin-set>\n');
    const result = await sameCheck(bad);
    assert.equal(result.format, 'android-nsc');
    assert.ok(result.errors.length >= 1 && result.errors.every((e) => /^line \d+: /.test(e)), result.errors.join('\n'));
    const junk = fixture('junk.txt');
    fs.writeFileSync(junk, 'hello\n');
    assert.match((await sameCheck(junk)).errors[0], /^line 1: not a pinning configuration/);
    const noChain = await sameCheck(path.join(snippetDir, 'android', 'network_security_config.xml'), []);
    assert.match(noChain.domains[0].warnings[0], /no certificate chain given/);
    assert.deepEqual(noChain.domains[0].scenarios, []);
  });

  test('another evaluation time: past the expiration date pinning is off', async () => {
    const result = await sameCheck(path.join(snippetDir, 'android', 'network_security_config.xml'),
      [fixture('chain.pem')], { now: '2027-07-01T00:00:00Z' });
    assert.match(scenario(result.domains[0], 'today').reason, /pinning expired on 2027-06-30/);
  });
});

describe('normalize() equals `pincalc normalize --json`, byte for byte', () => {
  test('every form of one pin, with certificates', async () => {
    const pin = row('chain.pem', 1).spki_sha256;
    const hex = Buffer.from(pin, 'base64').toString('hex');
    const url = pin.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const pins = await sameNormalize([pin, `sha256/${pin}`, `sha256//${pin}`, `pin-sha256="${pin}"`, `b'${pin}'`,
      hex, hex.match(/../g).join(':'), url], [fixture('chain.pem')]);
    assert.equal(pins.length, 8);
    for (const p of pins) {
      assert.equal(p.canonical, pin, p.input);
      assert.equal(p.match, 'spki', p.input);
      assert.deepEqual(p.items, [0]);
    }
  });

  test('a fingerprint, a stale pin, malformed pins; and without certificates', async () => {
    const fp = row('chain.pem', 1).fp_sha256;
    const list = [fp, row('p256.pem').spki_sha256, 'AAAA', 'not-a-pin!', `sha1/${row('chain.pem', 1).spki_sha256}`];
    const pins = await sameNormalize(list, [fixture('chain.pem'), fixture('csr.pem')]);
    assert.deepEqual(pins.map((p) => p.match), ['certificate', 'none', 'unknown', 'unknown', 'unknown']);
    assert.equal(pins[0].canonical, fpBase64(fp));
    assert.match(pins[0].note, /certificate fingerprint, not a public-key pin/);
    assert.ok(pins.slice(2).every((p) => p.error), 'malformed pins carry an error');
    const bare = await sameNormalize(list);
    assert.ok(bare.every((p) => p.match === 'unknown'));
  });
});

describe('diff() equals `pincalc diff --json`, byte for byte', () => {
  test('renewed with the same key, with a new key, and against no certificate', async () => {
    const key = fixture('renew.key');
    const before = fixture('before.pem');
    const renewed = fixture('renewed.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', key, '-subj', '/CN=renew.example', '-days', '30', '-out', before], { stdio: 'ignore' });
    execFileSync('openssl', ['req', '-x509', '-key', key, '-subj', '/CN=renew.example', '-days', '90',
      '-out', renewed], { stdio: 'ignore' });
    const same = await sameDiff(before, renewed);
    assert.equal(same.same_key, true);
    assert.deepEqual([same.removed_pins, same.added_pins], [[], []]);

    const changed = await sameDiff(fixture('chain.pem'), fixture('rsa2048.pem'));
    assert.equal(changed.same_key, false);
    assert.deepEqual(changed.removed_pins, [1, 2, 3].map((b) => row('chain.pem', b).spki_sha256));
    assert.deepEqual(changed.added_pins, [row('rsa2048.pem').spki_sha256]);

    const junk = fixture('nothing.txt');
    fs.writeFileSync(junk, 'no certificate here\n');
    const none = await sameDiff(fixture('chain.pem'), junk);
    assert.match(none.notes[0], /need a certificate/);
  });
});

describe('the JS surface of check, normalize and diff', () => {
  test('objects, no state between calls, malformed calls become PincalcError', async () => {
    const config = fs.readFileSync(path.join(snippetDir, 'curl', fs.readdirSync(path.join(snippetDir, 'curl'))[0]), 'utf8');
    const chain = fs.readFileSync(fixture('chain.pem'), 'utf8');
    const first = await pincalc.check(config, chain, { now: fixedNow });
    await pincalc.check('<network-security-config>', chain);
    assert.deepEqual(await pincalc.check(config, chain, { now: fixedNow }), first);
    assert.equal(first.format, 'curl');
    assert.equal(first.scope, 'leaf_only');
    const [p] = await pincalc.normalize(row('chain.pem', 2).spki_sha256, new TextEncoder().encode(chain));
    assert.deepEqual([p.match, p.items], ['spki', [1]]);
    assert.equal((await pincalc.diff(chain, chain)).same_key, true);

    const module = await pincalc.loadPincalcCheck();
    for (const [name, args, message] of [
      ['check', ['x', '', 'not an object'], /options must be an object/],
      ['check', ['x', '', [1]], /options must be an object/],
      ['normalize', ['x', '', { sources: 5 }], /options.sources must be an array/],
      ['diff', ['', '', { new_sources: [{ name: 'a', length: 9 }] }], /options.new_sources lengths exceed/],
      ['diff', ['', '', { old_sources: [{ name: 'a' }] }], /each of options.old_sources must be/],
      ['diff', ['', '', { now: 1.5 }], /options.now must be an integer/],
      ['analyze', ['', { expiry_warning_days: 1e9 }], /options.expiry_warning_days must be an integer/],
    ]) {
      const out = JSON.parse(module[name](...args));
      assert.equal(out.error.code, 'bad_options', name);
      assert.match(out.error.message, message);
    }
    await assert.rejects(pincalc.check('x', 'y', { now: 'yesterday' }), { name: 'PincalcError', code: 'bad_options' });
  });
});
