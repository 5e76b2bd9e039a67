// check-browser.test.mjs: the "Check a config" page (web/check.html) in real headless Chromium
// (Debian's /usr/bin/chromium driven by playwright-core), served by scripts/serve.py on 127.0.0.1.
// Configurations come from `pincalc snippet` and by hand; the pins the assertions name come from
// openssl (tests/fixtures/make_fixtures.sh), never from pincalc. After every test: no request after
// load, seen from both the browser and the server. Screenshots: build/web-test/check-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';

import {
  artifactDir, cli, closeQuietPage, launchChromium, makeFixtures, openWatchedPage, readTsv, siteDir, startServer,
} from './helpers.mjs';

let server;
let browser;
let fixtures;
let expected;  // make_fixtures.sh rows
let androidConfig;
let chainPem;
let csrPem;

function fixture(name) {
  return path.join(fixtures, name);
}

function row(file, block = 1) {
  return expected.find((r) => r.file === file && Number(r.block) === block);
}

function fpBase64(colonHex) {
  return Buffer.from(colonHex.replace(/:/g, ''), 'hex').toString('base64');
}

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, 'check.html')), `no check.html in ${siteDir}: run make wasm`);
  fs.mkdirSync(artifactDir, { recursive: true });
  fixtures = makeFixtures('pincalc-check-browser-');
  expected = readTsv(path.join(fixtures, 'expected.tsv'));
  chainPem = fs.readFileSync(fixture('chain.pem'), 'utf8');
  csrPem = fs.readFileSync(fixture('csr.pem'), 'utf8');
  androidConfig = execFileSync(cli, ['snippet', '--target', 'android', '--domain', 'api.example.com',
    '--expires', '2027-06-30', fixture('chain.pem'), '--backup', fixture('csr.pem')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

// open loads check.html and waits until its module is ready; from then on it records every request
// the browser makes and every request the server sees (helpers.mjs).
let current = null;
async function open(options) {
  current = await openWatchedPage(browser, server, `${server.url}check.html`, options);
  return current;
}

afterEach(async () => {
  if (!current) return;
  const state = current;
  current = null;
  await closeQuietPage(state, server, { checkDialogs: true });
});

// fill types into a text area (an input event, as typing or pasting gives) and waits until the
// page has rendered the result.
async function fill(page, selector, text) {
  await page.fill(selector, text);
  await page.waitForSelector('html[data-idle="true"]', { timeout: 20000 });
}

// dropFiles dispatches a real drop of files (name, bytes) on `selector`.
async function dropFiles(page, selector, files) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') })));
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  assert.equal(await page.$eval(selector, (e) => e.classList.contains('dragging')), true, 'drop zone highlighted');
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
  await page.waitForSelector('html[data-idle="true"]', { timeout: 20000 });
}

async function pinRows(page, scope = '#check-results') {
  return page.$$eval(`${scope} tr.pin-row`, (rows) => rows.map((r) => ({
    pin: r.dataset.pin, match: r.dataset.match, line: r.dataset.line, tone: r.className.replace('pin-row ', ''),
    status: r.querySelector('.status')?.textContent, text: r.textContent,
  })));
}

async function scenarios(page) {
  return page.$$eval('#check-results .scenario', (items) => Object.fromEntries(items.map((s) => [s.dataset.scenario,
    { connects: s.dataset.connects === 'true', status: s.querySelector('.scenario-status').textContent,
      reason: s.querySelector('.scenario-reason').textContent }])));
}

// contrastFailures lists text elements whose contrast with their background is below WCAG AA.
async function contrastFailures(page) {
  return page.evaluate(() => {
    const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      }
      return parse(getComputedStyle(document.body).backgroundColor).slice(0, 3);
    };
    const out = [];
    const sel = 'h1, h2, h3, p, th, td, code, .badge, .status, .button, .copy, label, li, span, a';
    for (const el of document.querySelectorAll(sel)) {
      if (!el.offsetParent || !el.textContent.trim() || el.closest('.visually-hidden')) continue;
      const fg = parse(getComputedStyle(el).color).slice(0, 3);
      const bg = background(el);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) out.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${el.textContent.slice(0, 30)}"`);
    }
    return out;
  });
}

describe('"Check a config" page in headless Chromium', () => {
  test('the same strict CSP as index.html, linked from it, no inline script', async () => {
    const { page, response } = await open();
    const indexCsp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
      fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8'))[1];
    assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), indexCsp);
    assert.match(response.headers()['content-security-policy'], /default-src 'none'/);
    assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0);
    // check.html loads its own module, and only that one.
    const loaded = server.requests.slice(0, current.serverMark);
    assert.ok(loaded.includes('GET /pincalc_check.wasm'), loaded.join());
    assert.ok(!loaded.some((r) => /pincalc_core\./.test(r)), loaded.join());
    assert.match(fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8'), /<a href="check\.html">Check a config<\/a>/);
    for (const f of ['check.js']) {
      const hit = /\beval\(|new Function\(|\.(inner|outer)HTML\s*=|insertAdjacentHTML\(|document\.write\(/
        .exec(fs.readFileSync(path.join(siteDir, f), 'utf8'));
      assert.equal(hit, null, `${f}: ${hit?.[0]}`);
    }
    assert.equal(await page.getAttribute('nav.site-nav a[aria-current="page"]', 'href'), 'check.html');
  });

  test('an Android config and its chain: every pin green with its certificate, every scenario OK', async () => {
    for (const scheme of ['light', 'dark']) {
      const { page } = await open({ colorScheme: scheme });
      await fill(page, '#config-text', androidConfig);
      await fill(page, '#chain-text', `${chainPem}\n${csrPem}`);
      assert.equal(await page.getAttribute('#check-results .format-name', 'data-format'), 'android-nsc');
      assert.equal(await page.textContent('#check-results .format-name'), 'Android network security config');
      const rows = await pinRows(page);
      assert.deepEqual(rows.map((r) => r.pin),
        [row('chain.pem', 1).spki_sha256, row('chain.pem', 2).spki_sha256, row('csr.pem').spki_sha256]);
      assert.ok(rows.every((r) => r.tone === 'good' && r.status === 'Matches'), JSON.stringify(rows));
      assert.match(rows[0].text, /LeafPincalc Test Leaf|Leaf.*example\.com/);
      assert.match(rows[1].text, /Intermediate.*Pincalc Test Intermediate CA/);
      assert.match(rows[2].text, /Backup key.*backup\.example\.com/);
      const lines = androidConfig.split('\n');
      for (const r of rows) assert.ok(lines[Number(r.line) - 1].includes(r.pin), `line ${r.line}`);
      const s = await scenarios(page);
      assert.deepEqual(Object.keys(s), ['today', 'leaf_rekeyed', 'intermediate_replaced', 'on_expiration']);
      for (const [name, v] of Object.entries(s)) assert.deepEqual([name, v.connects, v.status], [name, true, 'OK']);
      // Green means green: the OK tiles and the match badges use the theme's good colours.
      const colours = await page.$eval('#check-results .scenario.ok', (e) => getComputedStyle(e).backgroundColor);
      assert.equal(colours, scheme === 'light' ? 'rgb(220, 244, 227)' : 'rgb(18, 54, 31)');
      // The normalizer and the diff use the same chain.
      await fill(page, '#pins-text', `${Buffer.from(row('chain.pem', 2).spki_sha256, 'base64').toString('hex')}\n`
        + `${row('chain.pem', 1).fp_sha256}\nAAAA`);
      const norm = await pinRows(page, '#normalize-results');
      assert.deepEqual(norm.map((r) => [r.pin, r.match]), [[row('chain.pem', 2).spki_sha256, 'spki'],
        [fpBase64(row('chain.pem', 1).fp_sha256), 'certificate'], ['', 'unknown']]);
      assert.match(norm[1].text, /certificate fingerprint — not a public-key pin/);
      assert.match(norm[2].text, /Malformed.*decodes to 3 bytes/i);
      await fill(page, '#old-text', chainPem);
      await fill(page, '#new-text', fs.readFileSync(fixture('rsa2048.pem'), 'utf8'));
      assert.equal(await page.getAttribute('#diff-results .diff-banner', 'data-same-key'), 'false');
      const broken = await page.$$eval('#diff-results .diff-broken li', (li) => li.map((l) => l.dataset.pin));
      assert.deepEqual(broken, [row('chain.pem', 1).spki_sha256, row('chain.pem', 2).spki_sha256]);
      assert.deepEqual(await contrastFailures(page), [], `contrast (${scheme})`);
      await page.screenshot({ path: path.join(artifactDir, `check-${scheme}.png`), fullPage: true });
    }
  });

  test('a certificate fingerprint in a config: red, called out, and today breaks', async () => {
    const { page } = await open();
    const fp = fpBase64(row('chain.pem', 1).fp_sha256);
    await fill(page, '#config-text', '<?xml version="1.0" encoding="utf-8"?>\n<network-security-config>\n'
      + '  <domain-config>\n    <domain includeSubdomains="true">example.com</domain>\n    <pin-set>\n'
      + `      <pin digest="SHA-256">${fp}</pin>\n    </pin-set>\n  </domain-config>\n</network-security-config>\n`);
    await dropFiles(page, '#chain-zone', [{ name: 'chain.pem', bytes: Buffer.from(chainPem) }]);
    assert.deepEqual(await page.$$eval('#chain-file-list .file-name', (e) => e.map((x) => x.textContent)), ['chain.pem']);
    const [r] = await pinRows(page);
    assert.deepEqual([r.pin, r.match, r.tone, r.status, r.line], [fp, 'certificate', 'bad', 'Fingerprint', '6']);
    assert.match(r.text, /certificate fingerprint — not a public-key pin/);
    const warnings = await page.$$eval('#check-results .warnings li', (li) => li.map((l) => l.textContent));
    assert.ok(warnings.some((w) => /line 6: .*certificate fingerprint, not a public-key pin/i.test(w)), warnings.join('\n'));
    const s = await scenarios(page);
    assert.deepEqual([s.today.connects, s.today.status], [false, 'BREAKS']);
    assert.equal(await page.$eval('#check-results .scenario.breaks', (e) => getComputedStyle(e).backgroundColor), 'rgb(255, 224, 222)');
    await page.screenshot({ path: path.join(artifactDir, 'check-fingerprint.png'), fullPage: true });
  });

  test('a malformed config: the error with its line; a config file dropped; markup stays text', async () => {
    const { page } = await open();
    await fill(page, '#chain-text', chainPem);
    await fill(page, '#config-text', '<network-security-config>\n  <domain-config>\n    <domain>a.example</domain>\n'
      + '    <pin-set>\n      <pin digest="SHA-256">AAAA\n    </pin-set>\n');
    const errors = await page.$$eval('#check-results .config-parse-errors li', (li) => li.map((l) => l.textContent));
    assert.ok(errors.length >= 1 && errors.every((e) => /^Line \d+: /.test(e)), errors.join('\n'));
    // A config dropped as a file replaces the text; a domain that is markup is shown as text.
    const evil = 'CertificatePinner.Builder()\n  .add("<img src=x onerror=alert(1)>", "sha256/'
      + `${row('chain.pem', 1).spki_sha256}")\n  .build()\n`;
    await dropFiles(page, '#config-zone', [{ name: 'Pinning.kt', bytes: Buffer.from(evil) }]);
    assert.equal(await page.inputValue('#config-text'), evil);
    assert.equal(await page.$$eval('#check-results .config-parse-errors li', (li) => li.length), 0);
    assert.equal(await page.$$eval('img', (i) => i.length), 0);
    assert.equal(await page.textContent('#check-results .domain-name'), '<img src=x onerror=alert(1)>');
  });

  test('a private key among the backup keys: a notice, its public half matched, the key never shown', async () => {
    const { page } = await open();
    const keyPem = fs.readFileSync(fixture('private_key_p256.pem'), 'utf8');
    const pin = row('private_key_p256.pem').spki_sha256;
    await fill(page, '#config-text', `{"domains": ["k.example"], "pins": [{"sha256": "${pin}"}]}`);
    await fill(page, '#chain-text', `${chainPem}\n${keyPem}`);
    assert.match(await page.textContent('#check-results .key-notice'), /private key is in your input/);
    const rows = await pinRows(page);
    assert.ok(rows.some((r) => r.pin === pin && r.tone === 'good'), JSON.stringify(rows));
    const body = keyPem.split('\n')[1];
    assert.equal((await page.textContent('#check-results')).includes(body), false, 'key text rendered');
  });

  test('renewal diff side by side: the same key keeps every pin', async () => {
    const { page } = await open();
    await fill(page, '#old-text', chainPem);
    await dropFiles(page, '#new-zone', [{ name: 'chain.der.p7b', bytes: fs.readFileSync(fixture('chain_der.p7b')) }]);
    assert.equal(await page.getAttribute('#diff-results .diff-banner', 'data-same-key'), 'true');
    const changes = await page.$$eval('#diff-results .diff-item', (li) => li.map((l) => l.dataset.change));
    assert.deepEqual(changes, ['kept', 'kept', 'kept', 'kept', 'kept', 'kept']);
  });

  test('keyboard: every control named and reachable in order; a phone has no horizontal scroll', async () => {
    const { page } = await open({ viewport: { width: 375, height: 800 } });
    const unnamed = await page.$$eval('button, textarea, input, a', (els) => els
      .filter((e) => !e.hidden && !(e.getAttribute('aria-label') || e.textContent.trim() || e.labels?.length))
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
    const seen = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute('href') || document.activeElement.className));
    }
    const at = (name) => seen.indexOf(name);
    assert.ok(at('index.html') >= 0 && at('config-text') > at('index.html') && at('config-choose') > at('config-text')
      && at('chain-text') > at('config-choose') && at('chain-choose') > at('chain-text'), seen.join(' '));
    await fill(page, '#config-text', androidConfig);
    await fill(page, '#chain-text', chainPem);
    await fill(page, '#pins-text', row('chain.pem', 1).spki_sha256);
    // Enter on the copy button of a normalized pin copies it.
    await page.focus('#normalize-results button.copy');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Copied|Select & copy/.test(document.activeElement.textContent));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right + window.scrollX > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className} ${e.getBoundingClientRect().right + window.scrollX}`).slice(0, 8));
    assert.ok(overflow <= 0, `horizontal scroll of ${overflow}px on a phone: ${wide.join(', ')}`);
    await page.screenshot({ path: path.join(artifactDir, 'check-phone.png'), fullPage: true });
  });
});
