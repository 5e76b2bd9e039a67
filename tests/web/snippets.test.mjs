// snippets.test.mjs: the pinning snippets from the real pincalc_core.wasm under node. They must equal
// `pincalc snippet --json` byte for byte (one code path: both call build_report + render_snippets +
// snippets_to_json), and the pins they carry must be openssl's (tests/fixtures/make_fixtures.sh).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
  fixtures = makeFixtures('pincalc-web-snippets-');
  expected = readTsv(path.join(fixtures, 'expected.tsv'));
});

after(() => {
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

function fixture(name) {
  return path.join(fixtures, name);
}

function pinsOf(file) {
  return expected.filter((r) => r.file === file).map((r) => r.spki_sha256);
}

// cliSnippetArgs spells the options for `pincalc snippet` (src/cli/main.cpp).
function cliSnippetArgs(o) {
  const args = ['snippet', '--json', '--now', o.now ?? fixedNow, '--target', (o.targets ?? ['all']).join(',')];
  for (const d of o.domains ?? []) args.push('--domain', d);
  if (o.includeSubdomains) args.push('--include-subdomains');
  if (o.expiration) args.push('--expires', o.expiration);
  if (o.enforce === false) args.push('--report-only');
  if (o.roles) args.push('--pins', o.roles.join(','));
  for (const i of o.items ?? []) args.push('--item', String(i + 1));
  for (const f of o.backupFiles ?? []) args.push('--backup', f);
  return [...args, ...o.files];
}

// cliRefusal runs `pincalc snippet` on options it must refuse: exit status 2, each of the core's
// option errors on stderr as "pincalc snippet: <error>", nothing on stdout.
function cliRefusal(o) {
  const r = spawnSync(cli, cliSnippetArgs(o), { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  return r.stderr.split('\n').filter(Boolean).map((l) => l.replace(/^pincalc snippet: /, ''));
}

// sameAsCli renders `files` (plus backup files) with the CLI and with the WASM module and asserts
// identical bytes. The CLI ends its output with a newline; the module returns the JSON itself.
async function sameAsCli(o) {
  const fromCli = runCli(cliSnippetArgs(o));
  const files = [...o.files, ...(o.backupFiles ?? [])];
  const sources = files.map((f) => ({ name: f, bytes: fs.readFileSync(f) }));
  const options = { ...o, now: o.now ?? fixedNow };
  if (o.backupFiles) {
    // The CLI treats every certificate of a --backup file as a backup: here, by item index.
    const report = await pincalc.analyze(sources, { now: options.now });
    options.backupItems = report.items.filter((i) => o.backupFiles.includes(i.source)).map((i) => i.index);
  }
  const fromWasm = await pincalc.snippetsJson(sources, options);
  assert.equal(`${fromWasm}\n`, fromCli);
  return JSON.parse(fromWasm);
}

describe('WASM snippets equal `pincalc snippet --json`, byte for byte', () => {
  test('a chain, every target, default selection', async () => {
    const set = await sameAsCli({ files: [fixture('chain.pem')], domains: ['api.example.com'] });
    assert.equal(set.schema, 'pincalc-snippets/1');
    assert.deepEqual(set.errors, []);
    assert.deepEqual(set.snippets.map((s) => s.target), (await pincalc.targets()).map((t) => t.id));
    assert.ok(set.snippets.length >= 15, `only ${set.snippets.length} targets`);
  });

  test('every option set: two domains, subdomains, expiration, report-only, all roles', async () => {
    const set = await sameAsCli({
      files: [fixture('chain.pem')], domains: ['api.example.com', 'cdn.example.com'],
      includeSubdomains: true, expiration: '2027-06-01', enforce: false, roles: ['leaf', 'intermediate', 'root'],
    });
    assert.deepEqual(set.errors, []);
    assert.deepEqual(set.pins.map((p) => p.sha256), pinsOf('chain.pem'));
  });

  test('one target, pins chosen by item, a CSR beside the chain', async () => {
    await sameAsCli({
      files: [fixture('chain.pem'), fixture('csr.pem')], domains: ['api.example.com'], targets: ['android'], items: [0],
    });
  });

  test('a backup certificate from another file', async () => {
    const set = await sameAsCli({
      files: [fixture('chain.pem')], backupFiles: [fixture('p256.pem')], domains: ['api.example.com'], targets: ['android'],
    });
    assert.ok(set.pins.some((p) => p.backup && p.sha256 === pinsOf('p256.pem')[0]), JSON.stringify(set.pins));
  });

  test('bad options are data: the errors the CLI prints, and no snippet', async () => {
    const cases = [
      { domains: ['a"b<c'] },
      { domains: ['https://api.example.com/'] },
      { domains: [] },
      { domains: ['api.example.com'], expiration: '2027-02-30' },
      { domains: ['api.example.com'], targets: ['android', 'no-such-target'] },
      { domains: ['api.example.com'], roles: ['leaf', 'trunk'] },
      { domains: ['api.example.com'], items: [41] },
    ];
    for (const c of cases) {
      const o = { files: [fixture('chain.pem')], targets: ['android'], ...c };
      const fromCli = cliRefusal(o);
      const sources = o.files.map((f) => ({ name: f, bytes: fs.readFileSync(f) }));
      const set = await pincalc.snippets(sources, { ...o, now: fixedNow });
      assert.ok(set.errors.length >= 1, JSON.stringify(c));
      assert.deepEqual(set.errors, fromCli, JSON.stringify(c));
      assert.deepEqual(set.snippets, [], JSON.stringify(c));
    }
  });

  test('the system CA bundle', async () => {
    await sameAsCli({ files: [caBundle], domains: ['api.example.com'], targets: ['pins-json'] });
  });
});

describe('snippet pins equal openssl\'s', () => {
  test('the default selection: leaf and intermediate, and the CSR as a backup', async () => {
    const set = await pincalc.snippets([
      { name: 'chain.pem', bytes: fs.readFileSync(fixture('chain.pem')) },
      { name: 'csr.pem', bytes: fs.readFileSync(fixture('csr.pem')) },
    ], { domains: ['api.example.com'], targets: ['android'] });
    const [leaf, intermediate] = pinsOf('chain.pem');
    const csr = pinsOf('csr.pem')[0];
    assert.deepEqual(set.pins.map((p) => [p.item, p.sha256, p.backup]),
      [[0, leaf, false], [1, intermediate, false], [3, csr, true]]);
    // Android's <pin> elements carry exactly these, in order.
    const android = set.snippets[0];
    assert.equal(android.target, 'android');
    const shown = [...android.text.matchAll(/<pin digest="SHA-256">([^<]+)<\/pin>/g)].map((m) => m[1]);
    assert.deepEqual(shown, [leaf, intermediate, csr]);
  });
});

describe('the JS surface (web/pincalc.js)', () => {
  test('targets() lists ids, titles and summaries, the same as the CLI', async () => {
    const list = await pincalc.targets();
    assert.ok(list.length >= 15);
    for (const t of list) {
      assert.deepEqual(Object.keys(t), ['id', 'title', 'summary']);
      assert.match(t.id, /^[a-z0-9-]+$/);
      assert.ok(t.title && t.summary);
    }
    assert.ok(list.some((t) => t.id === 'android'));
    const fromCli = runCli(['snippet', '--list-targets']);
    for (const t of list) assert.ok(fromCli.includes(t.id), `${t.id} missing from --list-targets`);
  });

  test('domains: an array, or one string split at commas and white space', async () => {
    assert.deepEqual(pincalc.splitDomains(' a.example.com,b.example.com  c.example.com,\n'),
      ['a.example.com', 'b.example.com', 'c.example.com']);
    const pem = fs.readFileSync(fixture('chain.pem'));
    const a = await pincalc.snippetsJson(pem, { domains: 'a.example.com, b.example.com', targets: ['android'], now: fixedNow });
    const b = await pincalc.snippetsJson(pem, { domains: ['a.example.com', 'b.example.com'], targets: ['android'], now: fixedNow });
    assert.equal(a, b);
    assert.deepEqual(JSON.parse(a).options.domains, ['a.example.com', 'b.example.com']);
  });

  test('a malformed call throws PincalcError, and the module keeps working', async () => {
    const pem = fs.readFileSync(fixture('chain.pem'));
    await assert.rejects(pincalc.snippets(pem, { domains: 5 }), { name: 'PincalcError', code: 'bad_options' });
    await assert.rejects(pincalc.snippets(pem, { items: [-1] }), { name: 'PincalcError', code: 'bad_options' });
    await assert.rejects(pincalc.snippets(pem, { backupItems: ['1'] }), { name: 'PincalcError', code: 'bad_options' });
    await assert.rejects(pincalc.snippets(pem, { now: 'soon' }), { name: 'PincalcError', code: 'bad_options' });
    // The module's own checks, past the JS layer.
    const module = await pincalc.loadPincalc();
    for (const bad of [[], 'x', 7, { snippet: 1 }, { snippet: { domains: 'x' } }, { snippet: { enforce: 'yes' } },
      { snippet: { items: [1.5] } }, { snippet: { expiration: 20270101 } }, { snippet: { targets: [1] } },
      { snippet: { domain: ['api.example.com'] } }, { snippet: { backup_items: [-2] } },
      { snippet: { items: [0, '1'] } }, { now: 1.5 }, { now: '1' }, { expiry_warning_days: -1 },
      { sources: [{ name: 'a', length: 99 }] }, { sources: [{ name: 'a', length: -1 }] },
      { sources: [{ name: 5, length: 1 }] }, { sources: {} }]) {
      const out = JSON.parse(module.snippets('x', bad));
      assert.equal(out.error?.code, 'bad_options', JSON.stringify(bad));
    }
    // No options at all is the defaults, not a bad call.
    assert.equal(JSON.parse(module.snippets('x', undefined)).error, undefined);
    const set = await pincalc.snippets(pem, { domains: ['api.example.com'], targets: ['android'] });
    assert.deepEqual(set.errors, []);
  });

  test('no state survives a call', async () => {
    const pem = fs.readFileSync(fixture('chain.pem'));
    const options = { domains: ['api.example.com'], now: fixedNow };
    const first = await pincalc.snippetsJson(pem, options);
    await pincalc.snippetsJson(fs.readFileSync(caBundle), { ...options, roles: ['root'], enforce: false });
    assert.equal(await pincalc.snippetsJson(pem, options), first);
  });

  test('no domain: one error that names the option, and nothing rendered', async () => {
    const pem = fs.readFileSync(fixture('chain.pem'));
    const set = await pincalc.snippets(pem, {});
    assert.equal(set.errors.length, 1);
    assert.match(set.errors[0], /domain/);
    assert.deepEqual(set.snippets, []);
  });
});
