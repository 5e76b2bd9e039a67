// bench-page.test.mjs: web/bench.html in real headless Chromium, in its smallest configuration
// (smoke-test timing, a corpus of a few certificates): every implementation's SHA-256 digests agree
// with each other and with node:crypto's, the pins with openssl's (bench.corpus.js) and with
// node:crypto's for a pasted bundle, and after load the page makes no network request and breaks
// no CSP rule. The figures themselves are not checked: timing is `make bench`'s, not a test's.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';

import {
  caBundle, closeQuietPage, launchChromium, openWatchedPage, siteDir, splitPem, startServer,
} from './helpers.mjs';

let server;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, 'pincalc_bench.wasm')), `no benchmark module in ${siteDir}: run make wasm`);
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

// open loads bench.html and waits until the worker's module is ready; from then on it records every
// request the browser makes and every request the server sees (helpers.mjs).
let current = null;
async function open() {
  current = await openWatchedPage(browser, server, `${server.url}bench.html`);
  return current;
}

afterEach(async () => {
  if (!current) return;
  const state = current;
  current = null;
  await closeQuietPage(state, server);
});

// runTiny runs the benchmark with the smoke-test timing and `count` certificates; returns the
// results JSON the page offers to copy.
async function runTiny(page, count) {
  await page.selectOption('#bench-time', '20');
  await page.fill('#bench-count', String(count));
  await page.click('#bench-run');
  await page.waitForSelector('#bench-results[data-state="done"]', { timeout: 120000 });
  return JSON.parse(await page.textContent('#bench-json'));
}

describe('benchmark page', () => {
  test('the app links to it; a tiny run: digests and pins agree everywhere, nothing fetched', async () => {
    assert.match(fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8'), /<a href="bench\.html">Benchmark<\/a>/);
    const { page } = await open();
    assert.match(await page.textContent('#bench-device'), /Logical CPU cores\s*\d+/);
    const results = await runTiny(page, 6);
    assert.equal(await page.getAttribute('#bench-results', 'data-agree'), 'true');
    assert.deepEqual(results.sha256.map((r) => r.size), [64, 294, 1024, 65536, 1048576]);
    for (const row of results.sha256) {
      const want = crypto.createHash('sha256').update(Buffer.alloc(row.size, 0x5a)).digest('hex');
      assert.deepEqual(row.digests, { wasm: want, webcrypto: want, js: want }, `${row.size} B`);
      for (const impl of ['wasm', 'webcrypto_awaited', 'webcrypto_batched', 'js']) {
        assert.ok(row.results[impl].mbPerS > 0, `${impl} at ${row.size} B`);
      }
    }
    // The built-in corpus: four roots in order, so pin 1 and pin 6 are the first two of the file.
    const corpus = await import(path.join(siteDir, 'bench.corpus.js'));
    const pins = corpus.kBuiltInCertificates.map((c) => c.pin);
    assert.equal(results.pins.agree, true);
    assert.equal(results.pins.certificates, 6);
    assert.equal(results.pins.first, pins[0]);
    assert.equal(results.pins.last, pins[1]);
    assert.equal(Object.keys(results.pins.results).length, 4);
    assert.equal(await page.$$eval('#bench-chart svg polyline', (p) => p.length), 4);
    assert.match(await page.textContent('#bench-markdown'), /\| 1 MiB \|/);
  });

  test('a pasted bundle: its pins are node:crypto\'s', async () => {
    const { page } = await open();
    const pems = splitPem(fs.readFileSync(caBundle, 'utf8')).slice(0, 3);
    await page.fill('#bench-paste', pems.join(''));
    const results = await runTiny(page, 3);
    const want = pems.map((pem) => crypto.createHash('sha256')
      .update(new crypto.X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64'));
    assert.equal(results.pins.agree, true);
    assert.equal(results.pins.certificates, 3);
    assert.deepEqual([results.pins.first, results.pins.last], [want[0], want[2]]);
  });
});
