// wasm.test.mjs: the real pincalc_core.wasm under node. Its report must equal the native CLI's
// `--json` output byte for byte (one code path: both call build_report + report_to_json), for the
// system CA bundle and for every fixture the core's tests use (generated afresh by
// tests/fixtures/make_fixtures.sh with openssl).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { caBundle, cli, fixedNow, loadWasm, makeFixtures, readTsv, runCli, siteDir } from './helpers.mjs';

let pincalc;
let fixtures;
let expected;  // rows of make_fixtures.sh's expected.tsv (computed by openssl)

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, 'pincalc_core.wasm')), `no build in ${siteDir}: run make wasm`);
  assert.ok(fs.existsSync(cli), `no native CLI at ${cli}: run make build`);
  pincalc = await loadWasm();
  fixtures = makeFixtures('pincalc-web-fixtures-');
  expected = readTsv(path.join(fixtures, 'expected.tsv'));
});

after(() => {
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

// sameAsCli analyses `files` with the CLI and with the WASM module (as one call, names = paths)
// and asserts identical bytes. The CLI ends its output with a newline; the module returns the
// JSON document itself.
async function sameAsCli(files, { now = fixedNow } = {}) {
  const fromCli = runCli(['--json', '--now', now, ...files]);
  const sources = files.map((f) => ({ name: f, bytes: fs.readFileSync(f) }));
  const fromWasm = await pincalc.analyzeJson(sources, { now });
  assert.equal(`${fromWasm}\n`, fromCli);
  return JSON.parse(fromWasm);
}

describe('WASM report equals the native CLI --json, byte for byte', () => {
  test('system CA bundle', async () => {
    const report = await sameAsCli([caBundle]);
    assert.ok(report.items.length > 100, `only ${report.items.length} certificates`);
    assert.equal(report.errors.length, 0);
  });

  test('every core fixture, one file at a time', async () => {
    const files = fs.readdirSync(fixtures).filter((f) => !/\.(tsv|md)$/.test(f) && !f.startsWith('.')).sort();
    assert.ok(files.length >= 20, `only ${files.length} fixtures`);
    for (const f of files) {
      await sameAsCli([path.join(fixtures, f)]);
    }
  });

  test('several files in one call (chains across files, errors beside items)', async () => {
    const junk = path.join(fixtures, 'junk.txt');
    fs.writeFileSync(junk, '-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n');
    try {
      const report = await sameAsCli(['chain_wrong_order.pem', 'csr.pem', 'encrypted_private_key.pem',
        'cert_p256.der', 'private_key_p256.pem'].map((f) => path.join(fixtures, f)).concat([junk]));
      assert.ok(report.errors.length >= 2);
      assert.ok(report.items.length >= 6);
    } finally {
      fs.rmSync(junk);
    }
  });

  test('another evaluation time changes validity the same way on both sides', async () => {
    const report = await sameAsCli([path.join(fixtures, 'expired.pem')], { now: '2010-01-01T00:00:00Z' });
    assert.equal(report.evaluated_at, '2010-01-01T00:00:00Z');
    assert.equal(report.items[0].validity, 'valid');
  });

  test('a 5 MB bundle (memory growth)', async () => {
    const big = path.join(fixtures, 'big-bundle.pem');
    const ca = fs.readFileSync(caBundle);
    const copies = Math.ceil((5 << 20) / ca.length);
    fs.writeFileSync(big, Buffer.concat(Array(copies).fill(ca)));
    try {
      const report = await sameAsCli([big]);
      assert.equal(report.items.length, copies * JSON.parse(await pincalc.analyzeJson(ca)).items.length);
    } finally {
      fs.rmSync(big);
    }
  });
});

describe('pins from the WASM module equal openssl\'s', () => {
  test('every fixture row of expected.tsv', async () => {
    let checked = 0;
    for (const file of new Set(expected.map((r) => r.file))) {
      const report = await pincalc.analyze(fs.readFileSync(path.join(fixtures, file)), { name: file });
      const rows = expected.filter((r) => r.file === file);
      assert.equal(report.items.length, rows.length, file);
      rows.forEach((row, i) => {
        const item = report.items[i];
        assert.equal(item.kind, row.kind, `${file} #${i + 1}`);
        assert.equal(item.pins.sha256, row.spki_sha256, `${file} #${i + 1}`);
        assert.equal(item.pins.sha1, row.spki_sha1, `${file} #${i + 1}`);
        if (row.fp_sha256 !== '-') assert.equal(item.fingerprints.sha256, row.fp_sha256, `${file} #${i + 1}`);
        checked++;
      });
    }
    assert.ok(checked >= 25, `only ${checked} rows`);
  });
});

describe('the JS surface (web/pincalc.js)', () => {
  test('accepts a string, bytes or several named sources', async () => {
    const pem = fs.readFileSync(path.join(fixtures, 'p256.pem'));
    const a = await pincalc.analyze(pem.toString('latin1'));
    const b = await pincalc.analyze(new Uint8Array(pem));
    const c = await pincalc.analyze([{ name: 'x.pem', bytes: pem }, { name: 'y.pem', text: pem.toString() }]);
    assert.equal(a.items[0].source, 'paste');
    assert.equal(b.items[0].source, 'input');
    assert.deepEqual(c.items.map((i) => i.source), ['x.pem', 'y.pem']);
    assert.equal(a.items[0].pins.sha256, b.items[0].pins.sha256);
    assert.equal(c.items[1].pins.sha256, a.items[0].pins.sha256);
  });

  test('binary DER arrives unchanged', async () => {
    const row = expected.find((r) => r.file === 'cert_p256.der');
    const report = await pincalc.analyze(fs.readFileSync(path.join(fixtures, 'cert_p256.der')));
    assert.equal(report.items[0].pins.sha256, row.spki_sha256);
  });

  test('bad input is a report entry, not an exception; good blocks are still pinned', async () => {
    const good = fs.readFileSync(path.join(fixtures, 'p256.pem'), 'utf8');
    const report = await pincalc.analyze(`${good}\n-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n${good}`);
    assert.equal(report.items.length, 2);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].block, 2);
    assert.match(report.errors[0].code, /^[a-z0-9_]+$/);
  });

  test('a malformed call throws PincalcError, and the module keeps working', async () => {
    await assert.rejects(pincalc.analyze('x', { now: 'not a date' }), { name: 'PincalcError', code: 'bad_options' });
    await assert.rejects(pincalc.analyze('x', { expiryWarningDays: -5 }), { name: 'PincalcError', code: 'bad_options' });
    await assert.rejects(pincalc.analyze(42), { name: 'PincalcError', code: 'bad_input' });
    const report = await pincalc.analyze(fs.readFileSync(path.join(fixtures, 'p256.pem')));
    assert.equal(report.items.length, 1);
  });

  test('no state survives a call: the same input gives the same bytes', async () => {
    const input = fs.readFileSync(path.join(fixtures, 'chain.pem'));
    const first = await pincalc.analyzeJson(input, { now: fixedNow });
    await pincalc.analyzeJson(fs.readFileSync(caBundle), { now: fixedNow });
    assert.equal(await pincalc.analyzeJson(input, { now: fixedNow }), first);
  });

  test('a private key is pinned and never echoed', async () => {
    const key = fs.readFileSync(path.join(fixtures, 'private_key_p256.pem'), 'utf8');
    const json = await pincalc.analyzeJson(key);
    const report = JSON.parse(json);
    assert.equal(report.items[0].from_private_key, true);
    const body = key.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of body) assert.ok(!json.includes(line), 'key material in the report');
  });
});
