// browser.test.mjs: the page in real headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core), served by scripts/serve.py on 127.0.0.1. Expected pins come from openssl
// (tests/fixtures/make_fixtures.sh, ca_bundle_expected.sh, or openssl called here), never from
// pincalc. Every test also checks that the page fetched nothing after it had loaded.
// Screenshots go to build/web-test/.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';

import {
  artifactDir, caBundle, cli, closeQuietPage, launchChromium, makeFixtures, openWatchedPage, readTsv, runCli, siteDir, spkiPin, splitPem, startServer, tmpDir,
} from './helpers.mjs';

let server;
let browser;
let fixtures;
let expected;    // make_fixtures.sh rows, by file
let caExpected;  // ca_bundle_expected.sh rows, in bundle order
let xssPem;
const timings = {};


function fixture(name) {
  return path.join(fixtures, name);
}

function pinsOf(file) {
  return expected.filter((r) => r.file === file).map((r) => r.spki_sha256);
}

before(async () => {
  assert.ok(fs.existsSync(path.join(siteDir, 'pincalc_core.wasm')), `no build in ${siteDir}: run make wasm`);
  fs.mkdirSync(artifactDir, { recursive: true });
  fixtures = makeFixtures('pincalc-browser-fixtures-', { caBundleExpected: true });
  expected = readTsv(fixture('expected.tsv'));
  caExpected = readTsv(fixture('ca_bundle_expected.tsv'), 1);
  // A certificate whose subject CN is markup: it must be shown as text and run nothing.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', fixture('xss.key'), '-subj', '/CN=<img src=x onerror=alert(1)>', '-days', '30',
    '-out', fixture('xss.pem')], { stdio: 'ignore' });
  xssPem = fs.readFileSync(fixture('xss.pem'), 'utf8');
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
  if (Object.keys(timings).length) {
    fs.writeFileSync(path.join(artifactDir, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  }
});

// open loads the page and waits until the module (here and in the worker) is ready. From then on
// it records every request the browser makes and every request the server sees (helpers.mjs).
let current = null;
async function open(options) {
  current = await openWatchedPage(browser, server, server.url, options);
  return current;
}

afterEach(async () => {
  if (!current) return;
  const state = current;
  current = null;
  await closeQuietPage(state, server);
});

// setPaste puts text in the text area as a paste would (page.fill is slow for big inputs).
async function setPaste(page, text) {
  await page.evaluate((t) => {
    const area = document.getElementById('paste');
    area.value = t;
    area.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }, text);
}

async function waitDone(page) {
  await page.waitForSelector('#results[data-state="done"]', { timeout: 60000 });
}

async function shownPins(page, scope = '#results') {
  return page.$$eval(`${scope} article.card[data-pin]`, (cards) => cards.map((c) => c.dataset.pin));
}

// drop dispatches a real drop event carrying files (name, bytes) on the page body.
async function drop(page, files) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    return dt;
  }, files.map((f) => ({ name: f.name, b64: f.bytes.toString('base64') })));
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  assert.equal(await page.isVisible('#drop-overlay'), true, 'drop overlay shown while dragging');
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

// contrastFailures lists the text elements under `scope` whose contrast with their background is
// below WCAG AA's 4.5:1.
async function contrastFailures(page, scope = 'body') {
  return page.evaluate((scope) => {
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
    const sel = 'h1, h2, h3, p, dt, dd, code, .badge, .button, .copy, label, summary, li, .value-label span, .h-note, legend, .pin-meta, .lint-severity, .lint-message, .filename';
    for (const el of document.querySelector(scope).querySelectorAll(sel)) {
      if (!el.offsetParent || !el.textContent.trim()) continue;
      const fg = parse(getComputedStyle(el).color).slice(0, 3);
      const bg = background(el);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) out.push(`${el.className || el.tagName}: ${ratio.toFixed(2)}`);
    }
    return out;
  }, scope);
}

describe('pincalc page in headless Chromium', () => {
  test('loads under a strict CSP, same-origin only, no eval', async () => {
    const { page, response } = await open();
    const header = response.headers()['content-security-policy'];
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    for (const csp of [header, meta]) {
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
      assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|https?:|\*/);
    }
    const loadRequests = server.requests.slice(0, current.serverMark);
    assert.ok(loadRequests.includes('GET /pincalc_core.wasm'));
    // The check page's module is check.html's: the page never fetches it.
    assert.ok(!loadRequests.some((r) => /pincalc_check\./.test(r)), loadRequests.join());
    // The policy is enforced: a connection to another origin (another port) is refused before it
    // leaves the browser.
    const violations = await page.evaluate(async () => {
      const seen = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      await fetch('http://127.0.0.1:9/').catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      return seen;
    });
    // (Reported once per policy: the <meta> one and the header one.)
    assert.ok(violations.length >= 1 && violations.every((d) => d === 'connect-src'), violations.join());
    current.afterLoad = current.afterLoad.filter((u) => !u.startsWith('http://127.0.0.1:9/'));
    current.consoleErrors = current.consoleErrors.filter((m) => !/127\.0\.0\.1:9\/|Content Security Policy/.test(m));
    await page.evaluate(() => { window.__pincalcCsp = []; });  // the deliberate violation above
    // No eval anywhere in what the page runs (Emscripten's -sDYNAMIC_EXECUTION=0 glue included).
    for (const f of fs.readdirSync(siteDir).filter((n) => /\.m?js$/.test(n))) {
      const hit = /\beval\(|new Function\(|\.(inner|outer)HTML\s*=|insertAdjacentHTML\(|document\.write\(/
        .exec(fs.readFileSync(path.join(siteDir, f), 'utf8'));
      assert.equal(hit, null, `${f}: ${hit?.[0]}`);
    }
    assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline scripts');
    assert.match(await page.textContent('.privacy'), /Network/);
  });

  test('paste a PEM: the pin shown equals openssl\'s', async () => {
    const { page } = await open();
    const pem = fs.readFileSync(fixture('rsa2048.pem'), 'utf8');
    await page.fill('#paste', pem);
    await waitDone(page);
    const want = spkiPin(pem);
    assert.deepEqual(await shownPins(page), [want]);
    const shown = await page.textContent('article.card .value-row.primary code');
    assert.equal(shown, want);
    assert.match(await page.textContent('article.card .value-row.primary'), /SPKI pin.*Android, iOS, OkHttp/s);
    assert.match(await page.textContent('article.card .fingerprints'), /fingerprint.*renewal/s);
  });

  test('upload a DER file with the file picker', async () => {
    const { page } = await open();
    await page.setInputFiles('#files', fixture('cert_p256.der'));
    await waitDone(page);
    assert.deepEqual(await shownPins(page), pinsOf('cert_p256.der'));
    assert.match(await page.textContent('#file-list'), /cert_p256\.der/);
    assert.match(await page.textContent('article.card .card-source'), /cert_p256\.der/);
  });

  test('drop a bundle in the wrong order: the chain appears leaf → intermediate → root', async () => {
    const { page } = await open();
    await drop(page, [{ name: 'chain_wrong_order.pem', bytes: fs.readFileSync(fixture('chain_wrong_order.pem')) }]);
    await waitDone(page);
    const group = 'section.group.multi';
    assert.equal(await page.locator(group).count(), 1);
    assert.deepEqual(await shownPins(page, group), pinsOf('chain.pem'));
    const roles = await page.$$eval(`${group} .badge.role`, (b) => b.map((x) => x.textContent));
    assert.deepEqual(roles, ['Leaf', 'Intermediate', 'Root']);
    assert.match(await page.textContent(group), /3 certificates, leaf → root/);
  });

  test('drop the system CA bundle: every pin shown, equal to openssl\'s', async () => {
    const { page } = await open();
    const started = Date.now();
    await drop(page, [{ name: 'ca-certificates.crt', bytes: fs.readFileSync(caBundle) }]);
    await waitDone(page);
    timings.ca_bundle_drop_to_result_ms = Date.now() - started;
    timings.ca_bundle_core_ms = Number(await page.getAttribute('#results', 'data-ms'));
    timings.ca_bundle_input_to_cards_ms = Number(await page.getAttribute('#results', 'data-total-ms'));
    const pins = await shownPins(page);
    assert.equal(pins.length, caExpected.length);
    assert.deepEqual([...pins].sort(), caExpected.map((r) => r.spki_sha256).sort());
    await page.screenshot({ path: path.join(artifactDir, 'ca-bundle.png') });
  });

  test('bad input: the error is shown inline and the good blocks are still pinned', async () => {
    const { page } = await open();
    const good1 = fs.readFileSync(fixture('p256.pem'), 'utf8');
    const good2 = fs.readFileSync(fixture('p384.pem'), 'utf8');
    await setPaste(page, `${good1}\n-----BEGIN CERTIFICATE-----\nMIIB%%%%not base64\n-----END CERTIFICATE-----\n${good2}`);
    await waitDone(page);
    assert.deepEqual(await shownPins(page), [...pinsOf('p256.pem'), ...pinsOf('p384.pem')]);
    const error = page.locator('article.error-card');
    assert.equal(await error.count(), 1);
    assert.match(await error.textContent(), /paste, block 2, line \d+/);
    // Inline: the error sits between the two good cards, where the bad block was.
    const order = await page.$$eval('#results article.card', (c) => c.map((x) => (x.classList.contains('error-card') ? 'error' : 'item')));
    assert.deepEqual(order, ['item', 'error', 'item']);
  });

  test('a subject CN of <img src=x onerror=alert(1)> is shown as text and runs nothing', async () => {
    const { page } = await open();
    await setPaste(page, xssPem);
    await waitDone(page);
    assert.equal(await page.textContent('article.card .card-title'), '<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('#results img').count(), 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
    await page.waitForTimeout(200);
    assert.deepEqual(current.dialogs, []);
    assert.deepEqual(await shownPins(page), [spkiPin(xssPem)]);
  });

  test('a private key: pinned, a clear notice, the key text never rendered', async () => {
    const { page } = await open();
    const key = fs.readFileSync(fixture('private_key_p256.pem'), 'utf8');
    await setPaste(page, key);
    await waitDone(page);
    assert.equal(await page.isVisible('#key-notice'), true);
    assert.match(await page.textContent('#key-notice'), /never be pasted/);
    assert.match(await page.textContent('article.card'), /never left this browser/);
    assert.deepEqual(await shownPins(page), pinsOf('private_key_p256.pem'));
    const text = await page.evaluate(() => document.body.innerText + document.getElementById('results').outerHTML);
    for (const line of key.split('\n').filter((l) => l && !l.startsWith('-----'))) {
      assert.ok(!text.includes(line), 'private key material rendered');
    }
    await page.click('#clear-key');
    await page.waitForSelector('#results[data-state="empty"]');
    assert.equal(await page.inputValue('#paste'), '');
    assert.equal(await page.isVisible('#key-notice'), false);
  });

  test('a 5 MB bundle is analysed in the worker while the page stays responsive', async () => {
    const { page } = await open();
    const ca = fs.readFileSync(caBundle);
    const copies = Math.ceil((5 << 20) / ca.length);
    const big = Buffer.concat(Array(copies).fill(ca));
    // Watch the main thread: the longest gap between timer ticks while the worker runs.
    await page.evaluate(() => {
      window.maxGap = 0;
      let last = performance.now();
      window.ticker = setInterval(() => {
        const now = performance.now();
        window.maxGap = Math.max(window.maxGap, now - last);
        last = now;
      }, 20);
    });
    const started = Date.now();
    await drop(page, [{ name: 'big.pem', bytes: big }]);
    await page.waitForSelector('#progress:not([hidden])', { timeout: 10000 });
    const gapWhileWorking = await page.evaluate(() => window.maxGap);
    await waitDone(page);
    timings.bundle_5mb_drop_to_result_ms = Date.now() - started;
    timings.bundle_5mb_worker_ms = Number(await page.getAttribute('#results', 'data-ms'));
    timings.bundle_5mb_input_to_cards_ms = Number(await page.getAttribute('#results', 'data-total-ms'));
    assert.equal(await page.getAttribute('#results', 'data-engine'), 'worker');
    assert.ok(gapWhileWorking < 1000, `main thread blocked ${gapWhileWorking} ms`);
    assert.match(await page.textContent('.summary'), new RegExp(`${copies * caExpected.length} items`));
    assert.equal(await page.isVisible('#progress'), false);
    // The first cards are rendered at once, every other one on request.
    assert.ok((await page.locator('article.card').count()) < copies * caExpected.length);
    await page.click('.more-button');
    assert.equal(await page.locator('article.card').count(), copies * caExpected.length);
  });

  test('copy buttons put the value on the clipboard', async () => {
    const { page } = await open();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const pem = fs.readFileSync(fixture('p256.pem'), 'utf8');
    await setPaste(page, pem);
    await waitDone(page);
    await page.click('article.card .value-row.primary button.copy');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), spkiPin(pem));
    assert.equal(await page.textContent('article.card .value-row.primary button.copy'), 'Copied');
  });

  test('keyboard and labels: every control is reachable and named', async () => {
    const { page } = await open();
    await setPaste(page, fs.readFileSync(fixture('chain.pem'), 'utf8'));
    await waitDone(page);
    const unnamed = await page.$$eval('button, textarea, input, summary', (els) => els
      .filter((e) => !e.hidden && !(e.getAttribute('aria-label') || e.textContent.trim() || e.labels?.length))
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
    // Tab from the top reaches the text area, the file button and a copy button, in that order.
    const seen = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
    }
    const at = (name) => seen.findIndex((s) => s === name);
    assert.ok(at('paste') >= 0 && at('choose') > at('paste') && at('copy') > at('choose'), seen.join(' '));
    await page.focus('article.card .value-row.primary button.copy');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement.textContent === 'Copied' || document.activeElement.textContent === 'Select & copy');
  });

  test('text contrast meets WCAG AA in light and dark mode (and screenshots)', async () => {
    for (const scheme of ['light', 'dark']) {
      const { page } = await open({ colorScheme: scheme });
      await setPaste(page, [fs.readFileSync(fixture('chain.pem'), 'utf8'), fs.readFileSync(fixture('expired.pem'), 'utf8'),
        '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'].join('\n'));
      await waitDone(page);
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      const failures = await contrastFailures(page);
      assert.deepEqual(failures, [], `${scheme}: contrast below 4.5:1`);
      await page.screenshot({ path: path.join(artifactDir, `results-${scheme}.png`), fullPage: true });
      if (scheme === 'light') {
        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone`);
        await page.screenshot({ path: path.join(artifactDir, 'results-phone.png') });
      }
      // afterEach only checks the last page; check this one here.
      assert.deepEqual(current.afterLoad, []);
      if (scheme === 'light') await page.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The Configuration section: the core's pinning snippets for the options in the form.

// configAction runs `action` and waits for the snippets it triggers to be rendered (state "done")
// or refused ("invalid"); the state is marked first so an earlier result cannot satisfy the wait.
async function configAction(page, action) {
  await page.evaluate(() => { document.getElementById('config').dataset.state = 'waiting'; });
  await action();
  await page.waitForSelector('#config[data-state="done"], #config[data-state="invalid"]', { timeout: 60000 });
  return page.getAttribute('#config', 'data-state');
}

// androidPins returns the <pin> values of the Android snippet on the page.
async function androidPins(page) {
  assert.equal(await page.getAttribute('#config', 'data-target'), 'android');
  const text = await page.textContent('#snippet-code');
  return [...text.matchAll(/<pin digest="SHA-256">([^<]+)<\/pin>/g)].map((m) => m[1]);
}

// chainPaste is what openWithChain pastes: chain.pem (leaf, intermediate, root) and a CSR.
function chainPaste() {
  return `${fs.readFileSync(fixture('chain.pem'), 'utf8')}${fs.readFileSync(fixture('csr.pem'), 'utf8')}`;
}

// cliOnPaste runs `pincalc snippet` on chainPaste() saved as a file named "paste", the source name
// the page gives pasted text, so the labels in the comments agree. Returns { status, stdout, stderr }.
function cliOnPaste(args) {
  const dir = tmpDir('pincalc-paste-');
  try {
    fs.writeFileSync(path.join(dir, 'paste'), chainPaste());
    return spawnSync(cli, ['snippet', ...args, 'paste'], { cwd: dir, encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function tickedItems(page) {
  return page.$$eval('#pin-list input.pick:checked', (boxes) => boxes.map((b) => Number(b.dataset.index)));
}

// openWithChain loads the page with chain.pem (leaf, intermediate, root) and a CSR pasted, types a
// domain and picks Android.
async function openWithChain(options = {}) {
  const state = await open(options);
  const { page } = state;
  await setPaste(page, chainPaste());
  await waitDone(page);
  await page.waitForSelector('#config:not([hidden])');
  await page.waitForSelector('#config[data-state="no-domain"]');
  await page.selectOption('#target', 'android');
  assert.equal(await configAction(page, () => page.fill('#domains', 'api.example.com')), 'done');
  return state;
}

describe('Configuration section', () => {
  test('paste a chain, type a domain, pick Android: the <pin> values are openssl\'s', async () => {
    const { page } = await openWithChain();
    const [leaf, intermediate] = splitPem(fs.readFileSync(fixture('chain.pem'), 'utf8'));
    const csrPin = pinsOf('csr.pem')[0];
    // The core's default: the leaf and the intermediate; the CSR always, as a backup.
    assert.deepEqual(await tickedItems(page), [0, 1, 3]);
    assert.equal(await page.isDisabled('#pick-3'), true, 'a CSR cannot be unticked');
    assert.deepEqual(await androidPins(page), [spkiPin(leaf), spkiPin(intermediate), csrPin]);
    assert.match(await page.textContent('#snippet-code'), /<domain[^>]*>api\.example\.com<\/domain>/);
    // The text is the native CLI's for the same input, to the byte.
    const native = JSON.parse(cliOnPaste(['--json', '--target', 'android', '--domain', 'api.example.com']).stdout);
    assert.equal(await page.textContent('#snippet-code'), native.snippets[0].text);
    assert.equal(await page.textContent('#snippet-filename'), native.snippets[0].filename);
    // Every target is offered, in the core's order.
    const offered = await page.$$eval('#target option', (o) => o.map((x) => x.value));
    const listed = runCli(['snippet', '--list-targets']);
    assert.ok(offered.length >= 15, offered.join());
    for (const id of offered) assert.ok(listed.includes(id), `${id} not in --list-targets`);
    // Options reach the snippet: include subdomains, then a second domain.
    await configAction(page, () => page.check('#include-subdomains'));
    assert.match(await page.textContent('#snippet-code'), /<domain includeSubdomains="true">api\.example\.com<\/domain>/);
    await configAction(page, () => page.fill('#domains', 'api.example.com, cdn.example.com'));
    assert.match(await page.textContent('#snippet-code'), /cdn\.example\.com/);
    await page.locator('#config').screenshot({ path: path.join(artifactDir, 'config-android.png') });
  });

  test('the lints beside the snippet are the core\'s, styled by severity', async () => {
    const { page } = await openWithChain();
    const lintsShown = () => page.$$eval('#lints li.lint', (li) => li.map((l) => [l.dataset.code, [...l.classList].find((c) => c !== 'lint')]));
    const lintsOfCli = (args) => JSON.parse(cliOnPaste(['--json', '--target', 'android', '--domain', 'api.example.com', ...args]).stdout)
      .snippets[0].lints.map((l) => [l.code, l.severity]);
    const seen = new Map();  // severity → background colour
    const record = async () => {
      const colours = await page.$$eval('#lints li.lint', (li) => li.map((l) => getComputedStyle(l).backgroundColor));
      (await lintsShown()).forEach(([, sev], i) => seen.set(sev, colours[i]));
    };
    // An expiration date already past: pinning is off today (an error).
    await configAction(page, () => page.fill('#expiration', '2020-01-01'));
    assert.deepEqual(await lintsShown(), lintsOfCli(['--expires', '2020-01-01']));
    assert.ok((await lintsShown()).some(([, sev]) => sev === 'error'));
    await record();
    // The leaf's own expiry date: a warning, and notes.
    const leafExpiry = expected.find((r) => r.file === 'chain.pem').not_after.slice(0, 10);
    await configAction(page, () => page.fill('#expiration', leafExpiry));
    assert.deepEqual(await lintsShown(), lintsOfCli(['--expires', leafExpiry]));
    assert.ok((await lintsShown()).some(([, sev]) => sev === 'warning'));
    await record();
    assert.deepEqual([...seen.keys()].sort(), ['error', 'info', 'warning']);
    assert.equal(new Set(seen.values()).size, 3, 'each severity has its own colour');
    assert.match(await page.textContent('#lints-title'), /1 warning/);
    // No date: what remains is the core's list for the default options.
    await configAction(page, () => page.fill('#expiration', ''));
    assert.deepEqual(await lintsShown(), lintsOfCli([]));
    // A wildcard: an error for Android, none for OkHttp; the picker says which before one picks.
    await configAction(page, () => page.fill('#domains', '*.example.com'));
    assert.ok((await lintsShown()).some(([code, sev]) => code === 'wildcard_unsupported' && sev === 'error'));
    assert.match(await page.textContent('#target option[value="android"]'), /— 1 error$/);
    assert.doesNotMatch(await page.textContent('#target option[value="okhttp-kotlin"]'), /error/);
    await configAction(page, () => page.selectOption('#target', 'okhttp-kotlin'));
    assert.match(await page.textContent('#snippet-code'), /"\*\.example\.com"/);
    assert.equal(await page.locator('#lints li.lint.error').count(), 0);
  });

  test('a domain like a"b<c shows the core\'s error inline and renders nothing', async () => {
    const { page } = await openWithChain();
    assert.equal(await configAction(page, () => page.fill('#domains', 'a"b<c')), 'invalid');
    const errors = await page.$$eval('#config-errors li', (li) => li.map((l) => l.textContent));
    assert.ok(errors.length >= 1);
    // The CLI refuses the same domain with the same words.
    const native = cliOnPaste(['--json', '--target', 'android', '--domain', 'a"b<c']);
    assert.equal(native.status, 2);
    assert.deepEqual(errors, native.stderr.trim().split('\n').map((l) => l.replace(/^pincalc snippet: /, 'Error: ')));
    assert.equal(await page.getAttribute('#domains', 'aria-invalid'), 'true');
    assert.equal(await page.isVisible('#snippet-view'), false);
    assert.equal(await page.textContent('#snippet-code'), '');
    await page.locator('#config').screenshot({ path: path.join(artifactDir, 'config-invalid-domain.png') });
    // Fixed, the snippet comes back and the error goes.
    assert.equal(await configAction(page, () => page.fill('#domains', 'api.example.com')), 'done');
    assert.equal(await page.locator('#config-errors li').count(), 0);
    assert.equal(await page.getAttribute('#domains', 'aria-invalid'), null);
  });

  test('unticking a pin removes it from the snippet; ticking the root adds it', async () => {
    const { page } = await openWithChain();
    const [leaf, intermediate, root] = splitPem(fs.readFileSync(fixture('chain.pem'), 'utf8')).map(spkiPin);
    const csrPin = pinsOf('csr.pem')[0];
    await configAction(page, () => page.uncheck('#pick-1'));
    assert.deepEqual(await androidPins(page), [leaf, csrPin]);
    await configAction(page, () => page.check('#pick-2'));
    const pins = await androidPins(page);
    assert.ok(pins.includes(root) && !pins.includes(intermediate), pins.join());
    // Marked as a backup, the root stays pinned and its comment says so.
    assert.doesNotMatch(await page.textContent('#snippet-code'), /<!-- backup root /);
    await configAction(page, () => page.check('#pick-2-backup'));
    assert.deepEqual(await androidPins(page), pins);
    assert.match(await page.textContent('#snippet-code'), /<!-- backup root CN=Pincalc Test Root CA[^\n]*-->\n\s*<pin digest="SHA-256">/);
    await configAction(page, () => page.uncheck('#pick-2-backup'));
    // Nothing of the chain ticked: nothing rendered, and the page says why.
    await configAction(page, () => page.uncheck('#pick-0'));
    assert.equal(await configAction(page, () => page.uncheck('#pick-2')), 'invalid');
    assert.equal(await page.isVisible('#snippet-view'), false);
    assert.match(await page.textContent('#config-errors'), /Tick at least one certificate/);
  });

  test('a subject CN of <img src=x onerror=alert(1)> stays text in the snippet and runs nothing', async () => {
    const { page } = await open();
    await setPaste(page, xssPem);
    await waitDone(page);
    await page.selectOption('#target', 'android');
    assert.equal(await configAction(page, () => page.fill('#domains', 'api.example.com')), 'done');
    const text = await page.textContent('#snippet-code');
    // The core keeps the name inside the XML comment (no "-->" can end it early); the page shows it
    // as text, so no element comes out of it.
    assert.match(text, /img src=x onerror=alert\(1\)/);
    assert.equal(await page.locator('#config img').count(), 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
    assert.deepEqual(await androidPins(page), [spkiPin(xssPem)]);
    await page.waitForTimeout(200);
    assert.deepEqual(current.dialogs, []);
  });

  test('copy puts the snippet on the clipboard; download saves it, made in the page', async () => {
    const { page } = await openWithChain();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const text = await page.textContent('#snippet-code');
    const cliSet = JSON.parse(cliOnPaste(['--json', '--target', 'android', '--domain', 'api.example.com']).stdout);
    assert.equal(text, cliSet.snippets[0].text);
    await page.click('#snippet-copy');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    assert.equal(await page.textContent('#snippet-copy'), 'Copied');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#snippet-download')]);
    assert.equal(download.suggestedFilename(), cliSet.snippets[0].filename);
    assert.match(download.url(), /^blob:/);
    const saved = path.join(tmpDir('pincalc-download-'), download.suggestedFilename());
    await download.saveAs(saved);
    assert.equal(fs.readFileSync(saved, 'utf8'), text);
    // A blob: URL is made in the page; it is not a request to any server.
    current.afterLoad = current.afterLoad.filter((u) => !u.startsWith('blob:'));
  });

  test('keyboard: from the domains field, Tab reaches every option, the picker and the buttons', async () => {
    const { page } = await openWithChain();
    await page.focus('#domains');
    const seen = ['domains'];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => document.activeElement.id));
    }
    const order = ['domains', 'expiration', 'include-subdomains', 'mode-enforce', 'pick-0', 'pick-0-backup',
      'pick-1', 'target', 'snippet-copy', 'snippet-download', 'snippet-pre'];
    const at = order.map((id) => seen.indexOf(id));
    assert.ok(at.every((k, i) => k >= 0 && (i === 0 || k > at[i - 1])), seen.join(' '));
    // Space on a focused checkbox changes the snippet, as a click does.
    await page.focus('#pick-1');
    await configAction(page, () => page.keyboard.press('Space'));
    assert.equal(await page.isChecked('#pick-1'), false);
    assert.equal((await androidPins(page)).length, 2);
  });

  test('light and dark: contrast, screenshots, and no horizontal scroll on a phone', async () => {
    for (const scheme of ['light', 'dark']) {
      const { page } = await openWithChain({ colorScheme: scheme });
      // The leaf's expiry as the expiration date: a warning and notes beside the snippet.
      const leafExpiry = expected.find((r) => r.file === 'chain.pem').not_after.slice(0, 10);
      await configAction(page, () => page.fill('#expiration', leafExpiry));
      assert.deepEqual(await contrastFailures(page, '#config'), [], `${scheme}: contrast below 4.5:1`);
      await page.locator('#config').screenshot({ path: path.join(artifactDir, `config-${scheme}.png`) });
      if (scheme === 'light') {
        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone`);
        await page.locator('#config').screenshot({ path: path.join(artifactDir, 'config-phone.png') });
        assert.deepEqual(current.afterLoad, []);
        await page.close();
      }
    }
  });

  test('a 5 MB bundle: the snippets are rendered in the worker', async () => {
    const { page } = await open();
    const ca = fs.readFileSync(caBundle);
    const big = Buffer.concat(Array(Math.ceil((5 << 20) / ca.length)).fill(ca));
    await drop(page, [{ name: 'big.pem', bytes: big }]);
    await waitDone(page);
    await page.waitForSelector('#config[data-state="no-domain"]', { timeout: 60000 });
    assert.equal(await configAction(page, () => page.fill('#domains', 'api.example.com')), 'done');
    assert.equal(await page.getAttribute('#config', 'data-engine'), 'worker');
    const first = splitPem(ca.toString('latin1'))[0];
    assert.ok((await page.textContent('#pin-list')).includes(spkiPin(first)));
    assert.ok(await page.locator('#pin-list li.pin-choice').count() < 100, 'the pin list is cut short');
  });
});
