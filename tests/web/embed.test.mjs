// embed.test.mjs: the embedding of pincalc in other people's pages (issue 6), in Debian's headless
// Chromium via playwright-core: the one-file <pin-calculator> component (build/wasm/web/
// pin-calculator.js, the .wasm inlined) in examples/plain-html under a strict host CSP, over HTTP
// and from file://; the iframe mode of web/embed.html from another origin; embed.html's own docs;
// the MkDocs example built by Debian's mkdocs; and `make dist` installed with npm from its tarball.
// Expected pins come from openssl (tests/fixtures/make_fixtures.sh or openssl called here). After
// every page test: no request after load (browser and server side) and no CSP violation reported.
// Screenshots: build/web-test/embed-*.png.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';

import {
  artifactDir, cli, launchChromium, makeFixtures, readTsv, repo, siteDir, spkiPin, tmpDir, watchPage,
} from './helpers.mjs';

const component = path.join(siteDir, 'pin-calculator.js');
// The host pages' policy: the issue's script-src, and nothing else allowed at all (no connect-src:
// the component must fetch nothing, not even its own data: URL).
const kHostCsp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data:; base-uri 'none'; form-action 'none'";

let browser;
let fixtures;
let expected;
let chainPem;
let hostDir;       // examples/plain-html + pin-calculator.js, as a host would deploy it
let hostServer;    // serves hostDir with kHostCsp (and frame-src for the iframe test)
let siteServer;    // serves the built site (embed.html) on another origin, as the iframe's host
let demoPin;       // openssl's pin of the demo certificate in examples/plain-html/index.html

// serveDir serves `dir` on a free loopback port with `headers`; requests lists "GET /path" lines.
function serveDir(dir, headers = () => ({})) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
    '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(`${req.method} ${url.pathname}`);
    const wanted = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
    const file = path.join(dir, path.normalize(decodeURIComponent(wanted)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      ...headers(file),
    });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, requests, stop: () => server.close() });
  }));
}


const pinsOf = (file) => expected.filter((r) => r.file === file).map((r) => r.spki_sha256);

before(async () => {
  assert.ok(fs.existsSync(component), `no ${component}: run make wasm`);
  fs.mkdirSync(artifactDir, { recursive: true });
  fixtures = makeFixtures('pincalc-embed-fixtures-');
  expected = readTsv(path.join(fixtures, 'expected.tsv'));
  chainPem = fs.readFileSync(path.join(fixtures, 'chain.pem'), 'utf8');
  hostDir = tmpDir('pincalc-embed-host-');
  fs.cpSync(path.join(repo, 'examples', 'plain-html'), hostDir, { recursive: true });
  fs.copyFileSync(component, path.join(hostDir, 'pin-calculator.js'));
  const demo = /value="([^"]*)"/.exec(fs.readFileSync(path.join(hostDir, 'index.html'), 'utf8'))[1];
  demoPin = spkiPin(demo.trim());
  siteServer = await serveDir(siteDir);
  const frameSrc = siteServer.url.replace(/\/$/, '');
  hostServer = await serveDir(hostDir, (file) => (file.endsWith('.html')
    ? { 'Content-Security-Policy': `${kHostCsp}; frame-src ${frameSrc}` } : {}));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  hostServer?.stop();
  siteServer?.stop();
  for (const d of [fixtures, hostDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

// open loads url, waits for `ready` (a function run in the page) and from then on records every
// request the browser makes, what the servers see, and every CSP violation the page reports.
let current = null;
async function open(url, { colorScheme = 'light', viewport, ready } = {}) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  const state = { page, marks: [] };
  watchPage(page, state);
  // Before any script of the page: count module instantiations and record CSP violations (in
  // every frame: the iframe's document reports its own).
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
    window.__instantiations = 0;
    for (const name of ['instantiate', 'instantiateStreaming', 'compile', 'compileStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        window.__instantiations++;
        return original.apply(this, args);
      };
    }
  });
  const before = hostServer.requests.length;
  state.response = await page.goto(url);
  await page.waitForFunction(ready ?? (() => [...document.querySelectorAll('pin-calculator')]
    .every((e) => e.dataset.state === 'done' || e.dataset.state === 'empty')), null, { timeout: 20000 });
  await page.waitForLoadState('networkidle');
  state.loaded = true;
  state.marks = [hostServer.requests.length, siteServer.requests.length];
  state.loadRequests = hostServer.requests.length - before;
  current = state;
  return state;
}

async function violations(page) {
  const all = [];
  for (const frame of page.frames()) all.push(...await frame.evaluate(() => window.__violations ?? []));
  return all;
}

afterEach(async () => {
  if (!current) return;
  const { page, afterLoad, consoleErrors, marks } = current;
  current = null;
  await page.waitForTimeout(100);
  assert.deepEqual(await violations(page), [], 'CSP violations reported');
  assert.deepEqual(afterLoad, [], 'the browser made requests after load');
  assert.deepEqual(hostServer.requests.slice(marks[0]), [], 'the host server saw requests after load');
  assert.deepEqual(siteServer.requests.slice(marks[1]), [], 'the site server saw requests after load');
  assert.deepEqual(consoleErrors, [], 'console errors');
  await page.close();
});

// cliSnippets runs the native CLI's `pincalc snippet --json` on text in a file named "paste", the
// source name the component gives pasted text.
function cliSnippets(text, args) {
  const dir = tmpDir('pincalc-embed-paste-');
  try {
    fs.writeFileSync(path.join(dir, 'paste'), text);
    return JSON.parse(execFileSync(cli, ['snippet', '--json', ...args, 'paste'], { cwd: dir, encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// paste sets an instance's text as a paste would and waits for its next pincalc-result.
async function paste(page, selector, text) {
  return page.evaluate(([sel, t]) => new Promise((resolve) => {
    const calc = document.querySelector(sel);
    calc.addEventListener('pincalc-result', (e) => resolve(e.detail.pins.map((p) => p.sha256)), { once: true });
    const area = calc.shadowRoot.querySelector('textarea');
    area.value = t;
    area.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }), [selector, text]);
}

async function shownPins(page, selector) {
  return page.$$eval(`${selector} li.pin`, (li) => li.map((x) => x.dataset.pin));
}

describe('<pin-calculator> in a host page', () => {
  test('two instances on one page: independent results, one module, events to the host', async () => {
    const { page, response } = await open(hostServer.url);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval';/);
    // The compact one started from its value attribute; the other is empty.
    assert.deepEqual(await shownPins(page, '#backup'), [demoPin]);
    assert.deepEqual(await shownPins(page, '#current'), []);
    // Paste a chain into the first: its pins are openssl's, the second keeps its own.
    const fromEvent = await paste(page, '#current', chainPem);
    assert.deepEqual(fromEvent, pinsOf('chain.pem'));
    assert.deepEqual(await shownPins(page, '#current'), pinsOf('chain.pem'));
    assert.deepEqual(await shownPins(page, '#backup'), [demoPin]);
    // Then a P-256 certificate into the second: the first is untouched.
    const p256 = fs.readFileSync(path.join(fixtures, 'p256.pem'), 'utf8');
    assert.deepEqual(await paste(page, '#backup', p256), pinsOf('p256.pem'));
    assert.deepEqual(await shownPins(page, '#current'), pinsOf('chain.pem'));
    // The host page's own script heard both instances' pincalc-result events.
    assert.equal(await page.textContent('#pin-count'), `Pins computed on this page: ${pinsOf('chain.pem').length + 1}.`);
    // One WebAssembly instantiation for the page, whatever the number of instances.
    assert.equal(await page.evaluate(() => window.__instantiations), 1);
    assert.equal(await page.evaluate(() => document.querySelectorAll('pin-calculator').length), 2);
    // The first shows the snippet tabs it was configured with; the compact one shows none.
    const tabs = await page.$$eval('#current [role="tab"]', (t) => t.map((x) => x.dataset.target));
    assert.deepEqual(tabs, ['android', 'ios-ats', 'okhttp-kotlin']);
    assert.equal(await page.locator('#backup [role="tab"]').count(), 0);
    assert.equal(await page.isVisible('#backup section.config'), false);
    await page.screenshot({ path: path.join(artifactDir, 'embed-host-light.png'), fullPage: true });
  });

  test('the snippet is the CLI\'s, and the element\'s properties work', async () => {
    const { page } = await open(hostServer.url);
    await paste(page, '#current', chainPem);
    const native = cliSnippets(chainPem, ['--target', 'android,ios-ats,okhttp-kotlin', '--domain', 'api.example.com']);
    assert.equal(await page.textContent('#current pre code'), native.snippets[0].text);
    // Copy buttons inside the shadow root reach the clipboard.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hostServer.url });
    await page.click('#current li.pin[data-index="1"] button');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), pinsOf('chain.pem')[1]);
    assert.equal(await page.textContent('#current li.pin[data-index="1"] button'), 'Copied');
    await page.click('#current button.copy-snippet');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), native.snippets[0].text);
    await page.click('#current [role="tab"][data-target="okhttp-kotlin"]');
    assert.equal(await page.textContent('#current pre code'), native.snippets[2].text);
    assert.equal(await page.getAttribute('#current [data-target="okhttp-kotlin"]', 'aria-selected'), 'true');
    // Attributes are live: another domain renders again.
    const again = page.evaluate(() => new Promise((r) => document.querySelector('#current')
      .addEventListener('pincalc-result', (e) => r(e.detail.snippets.options), { once: true })));
    await page.evaluate(() => document.querySelector('#current').setAttribute('domain', 'cdn.example.com'));
    assert.deepEqual((await again).domains, ['cdn.example.com']);
    assert.match(await page.textContent('#current pre code'), /cdn\.example\.com/);
    // The value property sets the text; report holds the last report (schema pincalc/1).
    const report = await page.evaluate(async () => {
      const calc = document.querySelector('#backup');
      const done = new Promise((r) => calc.addEventListener('pincalc-result', r, { once: true }));
      calc.value = '';
      calc.value = document.querySelector('#current').value;
      await done;
      return calc.report;
    });
    assert.equal(report.schema, 'pincalc/1');
    assert.deepEqual(report.items.map((i) => i.pins.sha256), pinsOf('chain.pem'));
    // Markup in a subject stays text inside the shadow root.
    const xss = path.join(fixtures, 'xss.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', path.join(fixtures, 'xss.key'), '-subj', '/CN=<img src=x onerror=alert(1)>', '-days', '30',
      '-out', xss], { stdio: 'ignore' });
    await paste(page, '#backup', fs.readFileSync(xss, 'utf8'));
    assert.equal(await page.textContent('#backup .pin-name'), '<img src=x onerror=alert(1)>');
    assert.equal(await page.evaluate(() => document.querySelector('#backup').shadowRoot.querySelectorAll('img').length), 0);
    await page.waitForTimeout(100);
    assert.deepEqual(current.dialogs, []);
  });

  test('host CSS that styles textarea and button globally does not leak in; the theme properties do', async () => {
    const { page } = await open(hostServer.url);
    const style = (sel) => page.$eval(sel, (e) => {
      const s = getComputedStyle(e);
      return { bg: s.backgroundColor, color: s.color, border: s.borderTopStyle, font: s.fontStyle, transform: s.textTransform };
    });
    // The control: the host's rules really apply to the host's own form.
    const host = await style('form textarea');
    assert.deepEqual([host.bg, host.border, host.font, host.transform], ['rgb(255, 0, 170)', 'dotted', 'italic', 'uppercase']);
    for (const sel of ['#current textarea', '#current button', '#backup button']) {
      const inside = await style(sel);
      assert.notEqual(inside.bg, 'rgb(255, 0, 170)', sel);
      assert.notEqual(inside.color, 'rgb(255, 255, 0)', sel);
      assert.notEqual(inside.border, 'dotted', sel);
      assert.equal(inside.font, 'normal', sel);
      assert.equal(inside.transform, 'none', sel);
    }
    // label { color: purple } stays outside too.
    assert.notEqual(await page.$eval('#current label', (e) => getComputedStyle(e).color), 'rgb(122, 46, 142)');
    // --pincalc-accent (set by the host on purpose) reaches the accent; --pincalc-font the text.
    const accent = await page.$eval('#current .title', (e) => getComputedStyle(e, '::before').backgroundColor);
    assert.equal(accent, 'rgb(122, 46, 142)');
    assert.match(await page.$eval('#current .title', (e) => getComputedStyle(e).fontFamily), /Georgia/);
    // And nothing of ours leaks out: the host's textarea keeps its size and font.
    assert.match(await page.$eval('form textarea', (e) => getComputedStyle(e).fontFamily), /Comic Sans/);
  });

  test('the host CSP holds: nothing fetched, no violation, and the policy is enforced', async () => {
    const { page } = await open(hostServer.url);
    await paste(page, '#current', chainPem);
    assert.deepEqual(await violations(page), []);
    // Everything the page loaded: the page, its CSS and two scripts. No .wasm, no data: URL fetch.
    const loaded = new Set(hostServer.requests.slice(current.marks[0] - current.loadRequests));
    assert.deepEqual([...loaded].filter((r) => r !== 'GET /favicon.ico').sort(),
      ['GET /', 'GET /docs.css', 'GET /host.js', 'GET /pin-calculator.js']);
    assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline scripts');
    // The listener works: a connection the policy forbids is reported.
    const seen = await page.evaluate(async () => {
      await fetch('http://127.0.0.1:9/').catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      const v = window.__violations.splice(0);
      return v;
    });
    assert.ok(seen.length >= 1 && seen.every((v) => v.startsWith('connect-src')), seen.join());
    current.afterLoad = current.afterLoad.filter((u) => !u.startsWith('http://127.0.0.1:9/'));
    current.consoleErrors = current.consoleErrors.filter((m) => !/127\.0\.0\.1:9\/|Content Security Policy/.test(m));
    // The bundle holds no eval and builds no markup from strings.
    const text = fs.readFileSync(component, 'utf8');
    const hit = /\beval\(|new Function\(|\.(inner|outer)HTML\s*=|insertAdjacentHTML\(|document\.write\(/.exec(text);
    assert.equal(hit, null, hit?.[0]);
    assert.doesNotMatch(text, /^\s*(import|export)\s/m, 'a classic script: no import or export');
    assert.doesNotMatch(text, /import\.meta/);
  });

  test('dark mode, forced themes and a phone: contrast and screenshots', async () => {
    const { page } = await open(hostServer.url, { colorScheme: 'dark' });
    await paste(page, '#current', chainPem);
    const bg = () => page.$eval('#current .pc', (e) => getComputedStyle(e).backgroundColor);
    assert.equal(await bg(), 'rgb(22, 27, 34)', 'follows the reader\'s dark preference');
    await page.evaluate(() => document.querySelector('#current').setAttribute('theme', 'light'));
    assert.equal(await bg(), 'rgb(255, 255, 255)', 'theme="light" forces light');
    await page.evaluate(() => document.querySelector('#current').removeAttribute('theme'));
    await page.locator('#current').screenshot({ path: path.join(artifactDir, 'embed-component-dark.png') });
    await page.locator('#backup').screenshot({ path: path.join(artifactDir, 'embed-compact-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => document.querySelector('#backup').setAttribute('theme', 'dark'));
    assert.equal(await page.$eval('#backup .pc', (e) => getComputedStyle(e).backgroundColor), 'rgb(22, 27, 34)');
    await page.locator('#backup').screenshot({ path: path.join(artifactDir, 'embed-compact-forced-dark.png') });
    await page.evaluate(() => document.querySelector('#backup').removeAttribute('theme'));
    await page.locator('#current').screenshot({ path: path.join(artifactDir, 'embed-component-light.png') });
    await page.locator('#backup').screenshot({ path: path.join(artifactDir, 'embed-compact-light.png') });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await contrastFailures(page), [], `contrast (${scheme})`);
    }
    await page.setViewportSize({ width: 380, height: 800 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scroll');
    const boxes = await page.$$eval('pin-calculator', (all) => all.map((c) => {
      const box = c.shadowRoot.querySelector('.pc');
      return box.getBoundingClientRect().right <= window.innerWidth && box.scrollWidth <= box.clientWidth;
    }));
    assert.deepEqual(boxes, [true, true], 'the calculators fit a phone');
    await page.locator('#current').screenshot({ path: path.join(artifactDir, 'embed-component-phone.png') });
  });
});

// contrastFailures lists text in the calculators' shadow roots whose contrast with its background
// is below WCAG AA's 4.5:1.
async function contrastFailures(page) {
  return page.evaluate(() => {
    const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement ?? e.getRootNode().host) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out = [];
    for (const calc of document.querySelectorAll('pin-calculator')) {
      for (const el of calc.shadowRoot.querySelectorAll('p, label, code, button, .badge, .pin-name, .pin-meta, li, span, .prompt')) {
        if (!el.offsetParent || !el.textContent.trim()) continue;
        const fg = parse(getComputedStyle(el).color).slice(0, 3);
        const [a, b] = [lum(fg), lum(background(el))].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < 4.5) out.push(`${calc.id} ${el.className || el.tagName}: ${ratio.toFixed(2)}`);
      }
    }
    return out;
  });
}

describe('offline and elsewhere', () => {
  test('file://: the example page works opened from disk, under its CSP', async () => {
    const url = pathToFileURL(path.join(hostDir, 'index.html')).href;
    const { page } = await open(url);
    assert.deepEqual(await shownPins(page, '#backup'), [demoPin]);
    assert.deepEqual(await paste(page, '#current', chainPem), pinsOf('chain.pem'));
    assert.match(await page.textContent('#current pre code'), /api\.example\.com/);
    assert.equal(await page.evaluate(() => location.protocol), 'file:');
  });

  test('iframe mode: embed.html?domain=…&targets=… on another origin shows the configured targets', async () => {
    const frameUrl = `${siteServer.url}embed.html?domain=api.example.com&targets=android,ios`
      + `#value=${encodeURIComponent(chainPem)}`;
    const compactUrl = `${siteServer.url}embed.html?compact&value=${encodeURIComponent(chainPem)}`;
    fs.writeFileSync(path.join(hostDir, 'wiki.html'), `<!doctype html><meta charset="utf-8"><title>Wiki</title><link rel="icon" href="data:,">
<h1>Wiki page</h1>
<iframe id="full" src="${frameUrl.replace(/&/g, '&amp;')}" title="pins" width="900" height="700"></iframe>
<iframe id="compact" src="${compactUrl.replace(/&/g, '&amp;')}" title="pins" width="900" height="260"></iframe>\n`);
    const { page } = await open(`${hostServer.url}wiki.html`, { ready: () => document.readyState === 'complete' });
    const full = page.frameLocator('#full');
    await full.locator('pin-calculator[data-state="done"]').waitFor();
    const compactFrame = page.frameLocator('#compact');
    await compactFrame.locator('pin-calculator[data-state]').waitFor();
    // The configured targets, and only them, in the order asked (ios is ios-ats).
    const tabs = await full.locator('[role="tab"]').evaluateAll((t) => t.map((x) => x.dataset.target));
    assert.deepEqual(tabs, ['android', 'ios-ats']);
    assert.deepEqual(await full.locator('li.pin').evaluateAll((li) => li.map((x) => x.dataset.pin)), pinsOf('chain.pem'));
    const native = cliSnippets(chainPem, ['--target', 'android,ios-ats', '--domain', 'api.example.com']);
    assert.equal(await full.locator('pre code').textContent(), native.snippets[0].text);
    await full.locator('[role="tab"][data-target="ios-ats"]').click();
    assert.equal(await full.locator('pre code').textContent(), native.snippets[1].text);
    assert.equal(await full.locator('#docs').count(), 0, 'iframe mode shows no docs');
    // A certificate in the query is not read: queries reach servers and their logs.
    assert.equal(await compactFrame.locator('li.pin').count(), 0);
    assert.equal(await compactFrame.locator('[role="tab"]').count(), 0);
    assert.equal(await compactFrame.locator('pin-calculator').getAttribute('compact'), '');
    assert.equal(await compactFrame.locator('textarea').inputValue(), '');
    await page.screenshot({ path: path.join(artifactDir, 'embed-iframe.png'), fullPage: true });
    // The fragment is never sent: the server saw the path only.
    assert.ok(siteServer.requests.includes('GET /embed.html'));
  });

  test('iframe mode refuses a private key in the fragment', async () => {
    const key = fs.readFileSync(path.join(fixtures, 'private_key_p256.pem'), 'utf8');
    const { page } = await open(`${siteServer.url}embed.html?compact#value=${encodeURIComponent(key)}`,
      { ready: () => document.documentElement.dataset.ready === 'true' });
    assert.match(await page.textContent('.refused'), /private key/);
    assert.equal(await page.inputValue('pin-calculator textarea'), '');
  });

  test('embed.html documents both ways with snippets that follow the generator', async () => {
    const { page } = await open(`${siteServer.url}embed.html`);
    assert.equal(await page.isVisible('#docs'), true);
    assert.match(await page.textContent('#snippet-component'), /<script type="module" src="pin-calculator.js"><\/script>\n<pin-calculator domain="api.example.com" targets="android,ios"><\/pin-calculator>/);
    assert.match(await page.textContent('#snippet-iframe'), /embed\.html\?domain=api\.example\.com&amp;targets=android,ios"/);
    await page.fill('#gen-domain', 'pay.example.com');
    await page.check('#gen-compact');
    assert.match(await page.textContent('#snippet-component'), /<pin-calculator domain="pay.example.com" targets="android,ios" compact><\/pin-calculator>/);
    assert.match(await page.textContent('#snippet-iframe'), /embed\.html\?domain=pay\.example\.com&amp;targets=android,ios&amp;compact"/);
    // The live demo follows too, and works.
    assert.equal(await page.getAttribute('#demo', 'compact'), '');
    assert.deepEqual(await paste(page, '#demo', chainPem), pinsOf('chain.pem'));
    await page.uncheck('#gen-compact');
    await page.screenshot({ path: path.join(artifactDir, 'embed-docs-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(artifactDir, 'embed-docs-dark.png'), fullPage: true });
    // The preview link opens iframe mode with the generator's options.
    assert.equal(await page.getAttribute('#preview-link', 'href'), 'embed.html?domain=pay.example.com&targets=android,ios');
  });

  test('an MkDocs site (examples/mkdocs, built by Debian\'s mkdocs) embeds the component', async (t) => {
    const mkdocs = spawnSync('mkdocs', ['--version'], { encoding: 'utf8' });
    if (mkdocs.status !== 0) {
      t.skip('mkdocs is not installed (scripts/setup.sh browser installs it)');
      return;
    }
    const work = tmpDir('pincalc-mkdocs-');
    try {
      fs.cpSync(path.join(repo, 'examples', 'mkdocs'), work, { recursive: true });
      fs.copyFileSync(component, path.join(work, 'docs', 'pin-calculator.js'));
      execFileSync('mkdocs', ['build', '--quiet', '--strict', '--site-dir', path.join(work, 'site')],
        { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
      const html = fs.readFileSync(path.join(work, 'site', 'pinning.html'), 'utf8');
      assert.match(html, /<pin-calculator domain="api.example.com" targets="android,ios,okhttp"><\/pin-calculator>/);
      assert.match(html, /<script src="pin-calculator.js" defer><\/script>/);
      // Everything the page loads is in the site: no CDN, no web font from elsewhere.
      for (const m of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g)) {
        assert.doesNotMatch(m[1], /^(https?:)?\/\//, `external resource ${m[1]}`);
      }
      const { page } = await open(pathToFileURL(path.join(work, 'site', 'pinning.html')).href);
      assert.equal(await page.locator('pin-calculator').count(), 2);
      assert.deepEqual(await paste(page, 'pin-calculator:not([compact])', chainPem), pinsOf('chain.pem'));
      assert.match(await page.locator('pin-calculator:not([compact]) pre code').textContent(), /api\.example\.com/);
      const csr = fs.readFileSync(path.join(fixtures, 'csr.pem'), 'utf8');
      assert.deepEqual(await paste(page, 'pin-calculator[compact]', csr), pinsOf('csr.pem'));
      await page.screenshot({ path: path.join(artifactDir, 'embed-mkdocs.png'), fullPage: true });
      // Only file:// URLs, during load and after.
      assert.deepEqual(current.afterLoad, []);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

// typecheck compiles, with Debian's tsc in strict mode, a host's TypeScript that uses the installed
// package through its exports (node16 resolution), and one that misuses it, which must fail.
function typecheck(docsRepo) {
  if (spawnSync('tsc', ['--version']).status !== 0) return;  // node-typescript: scripts/setup.sh browser
  fs.writeFileSync(path.join(docsRepo, 'good.ts'), `import 'pincalc-embed';
import type { PincalcResultDetail, PinCalculatorElement } from 'pincalc-embed';
const calc: PinCalculatorElement = document.createElement('pin-calculator');
calc.value = '-----BEGIN CERTIFICATE-----';
calc.addEventListener('pincalc-result', (e) => {
  const detail: PincalcResultDetail = e.detail;
  console.log(detail.pins.map((p) => p.sha256), detail.snippets?.snippets[0]?.text, calc.report?.items[0]?.pins.sha256);
});
document.addEventListener('pincalc-result', (e) => console.log(e.detail.report.schema));
`);
  fs.writeFileSync(path.join(docsRepo, 'bad.ts'), `import type { PinCalculatorElement } from 'pincalc-embed';
const calc: PinCalculatorElement = document.createElement('pin-calculator');
calc.report = null;
`);
  const args = ['--strict', '--noEmit', '--lib', 'es2022,dom', '--target', 'es2022', '--module', 'node16',
    '--moduleResolution', 'node16'];
  const good = spawnSync('tsc', [...args, 'good.ts'], { cwd: docsRepo, encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = spawnSync('tsc', [...args, 'bad.ts'], { cwd: docsRepo, encoding: 'utf8' });
  assert.match(bad.stdout, /read-only property/);
}

describe('make dist', () => {
  test('dist/ holds the page, the one-file component and a package npm installs from its tarball', () => {
    const dist = tmpDir('pincalc-dist-');
    try {
      execFileSync('make', ['-s', '-C', repo, 'dist', `DIST=${dist}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      for (const f of ['index.html', 'app.js', 'pincalc_core.wasm', 'embed.html', 'embed-page.js',
        'pin-calculator.js', 'pin-calculator.d.ts', 'package.json', 'README.md']) {
        assert.ok(fs.existsSync(path.join(dist, f)), `dist/${f}`);
      }
      assert.deepEqual(fs.readFileSync(path.join(dist, 'pin-calculator.js')), fs.readFileSync(component));
      const pkg = JSON.parse(fs.readFileSync(path.join(dist, 'package.json'), 'utf8'));
      const version = /project\(pincalc VERSION ([0-9.]+)/.exec(fs.readFileSync(path.join(repo, 'CMakeLists.txt'), 'utf8'))[1];
      assert.equal(pkg.version, version);
      assert.equal(pkg.type, 'module');
      assert.deepEqual(pkg.exports['.'], { types: './pin-calculator.d.ts', default: './pin-calculator.js' });
      const tarball = path.join(dist, `pincalc-embed-${version}.tgz`);
      assert.ok(fs.existsSync(tarball));
      // A docs repo installs the tarball (no registry involved) and resolves the package.
      const docsRepo = tmpDir('pincalc-docs-repo-');
      try {
        fs.writeFileSync(path.join(docsRepo, 'package.json'), '{"name":"docs","private":true,"type":"module"}\n');
        execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
          { cwd: docsRepo, stdio: ['ignore', 'pipe', 'pipe'] });
        const resolved = execFileSync('node', ['--input-type=module', '-e',
          "console.log(import.meta.resolve('pincalc-embed'))"], { cwd: docsRepo, encoding: 'utf8' }).trim();
        assert.equal(resolved, pathToFileURL(path.join(fs.realpathSync(docsRepo), 'node_modules', 'pincalc-embed', 'pin-calculator.js')).href);
        const installed = path.join(docsRepo, 'node_modules', 'pincalc-embed');
        assert.deepEqual(fs.readFileSync(path.join(installed, 'pin-calculator.js')), fs.readFileSync(component));
        assert.match(fs.readFileSync(path.join(installed, 'pin-calculator.d.ts'), 'utf8'), /'pin-calculator': PinCalculatorElement/);
        assert.ok(fs.existsSync(path.join(installed, 'embed.html')));
        assert.ok(!fs.existsSync(path.join(installed, `pincalc-embed-${version}.tgz`)), 'the tarball does not pack itself');
        typecheck(docsRepo);
      } finally {
        fs.rmSync(docsRepo, { recursive: true, force: true });
      }
      const raw = fs.statSync(component).size;
      const gz = execFileSync('gzip', ['-9c', component]).length;
      // A budget that catches a second copy of the module or a debug build, not normal growth.
      assert.ok(raw < 1.5e6 && gz < 0.6e6, `pin-calculator.js is ${raw} bytes, ${gz} gzipped`);
      fs.writeFileSync(path.join(artifactDir, 'embed-sizes.json'), `${JSON.stringify({ raw, gzip: gz }, null, 2)}\n`);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
