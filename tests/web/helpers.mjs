// helpers.mjs: shared set-up for the web tests: where the built site and the native CLI are, the
// static server (scripts/serve.py, the one `make serve` runs) and Debian's Chromium.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const siteDir = process.env.PINCALC_SITE ?? path.join(repo, 'build', 'wasm', 'web');
export const cli = process.env.PINCALC_CLI ?? path.join(repo, 'build', 'dev', 'pincalc');
export const artifactDir = path.join(repo, 'build', 'web-test');
export const caBundle = '/etc/ssl/certs/ca-certificates.crt';
// A fixed evaluation time, so the validity fields of the WASM and CLI reports agree.
export const fixedNow = '2026-06-01T00:00:00Z';

// loadWasm instantiates the built modules (the page's and the check page's) in node. Emscripten 3.1.6 would fetch() the .wasm by file
// path under Node 18+, so the bytes are handed over as wasmBinary.
export async function loadWasm() {
  const pincalc = await import(path.join(siteDir, 'pincalc.js'));
  await pincalc.loadPincalc({ wasmBinary: fs.readFileSync(path.join(siteDir, 'pincalc_core.wasm')) });
  await pincalc.loadPincalcCheck({ wasmBinary: fs.readFileSync(path.join(siteDir, 'pincalc_check.wasm')) });
  return pincalc;
}

// runCli returns the native CLI's stdout (it exits 1 when some block was rejected; that is data here).
export function runCli(args) {
  try {
    return execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status === 1 && typeof e.stdout === 'string') return e.stdout;
    throw e;
  }
}

export function openssl(args, input) {
  return execFileSync('openssl', args, { input, maxBuffer: 64 << 20 });
}

// spkiPin computes the pin of a PEM certificate with openssl, independently of pincalc.
export function spkiPin(certPem) {
  const spki = openssl(['x509', '-noout', '-pubkey'], certPem);
  const der = openssl(['pkey', '-pubin', '-outform', 'DER'], spki);
  return openssl(['dgst', '-sha256', '-binary'], der).toString('base64');
}

// splitPem returns the CERTIFICATE blocks of a PEM bundle.
export function splitPem(text) {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g) ?? [];
}

export function tmpDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// makeFixtures runs tests/fixtures/make_fixtures.sh (openssl makes every certificate, key and
// expected pin) into a new temporary folder, and ca_bundle_expected.sh too when asked; returns the
// folder. Remove it with fs.rmSync(dir, { recursive: true, force: true }).
export function makeFixtures(prefix, { caBundleExpected = false } = {}) {
  const dir = tmpDir(prefix);
  const script = (name) => path.join(repo, 'tests', 'fixtures', name);
  execFileSync('bash', [script('make_fixtures.sh'), dir], { stdio: 'ignore' });
  if (caBundleExpected) execFileSync('bash', [script('ca_bundle_expected.sh'), dir], { stdio: 'ignore' });
  return dir;
}

// readTsv reads a fixture table (expected.tsv, ca_bundle_expected.tsv) into one object per row,
// keyed by the header line; `skip` lines before the header are ignored.
export function readTsv(file, skip = 0) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(skip);
  const cols = lines[0].split('\t');
  return lines.slice(1).map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

// median of a list of numbers (the upper one of an even count), for the benchmarks.
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// nodeSpkiPin is a PEM certificate's pin by node:crypto (OpenSSL): its SPKI DER from
// X509Certificate, hashed with createHash: the benchmarks' reference answer.
export function nodeSpkiPin(pem) {
  return crypto.createHash('sha256')
    .update(new crypto.X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
}

// startServer runs scripts/serve.py on a free loopback port and resolves to { url, requests, stop }.
// requests collects every request line the server logged ("GET /app.js"), so a test can check
// what the page fetched independently of the browser's own bookkeeping.
export function startServer() {
  const child = spawn('python3', [path.join(repo, 'scripts', 'serve.py'), '--dir', siteDir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const requests = [];
  let err = '';
  child.stderr.on('data', (chunk) => {
    err += chunk;
    let nl;
    while ((nl = err.indexOf('\n')) >= 0) {
      const line = err.slice(0, nl);
      err = err.slice(nl + 1);
      const m = /"([A-Z]+ \S+) HTTP/.exec(line);
      if (m) requests.push(m[1]);
      else if (line.trim()) process.stderr.write(`serve.py: ${line}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1], requests, stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`serve.py exited with ${code}`)));
  });
}

// launchChromium starts Debian's Chromium through playwright-core, with a fresh profile. It never
// downloads a browser: executablePath is the system one.
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = tmpDir('pincalc-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PINCALC_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1100, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// watchPage makes `state` record what must stay empty once a page has loaded: console and uncaught
// errors (state.consoleErrors), dialogs, dismissed (state.dialogs), and, once state.loaded is set,
// every request the browser makes (state.afterLoad).
export function watchPage(page, state) {
  Object.assign(state, { loaded: false, afterLoad: [], consoleErrors: [], dialogs: [] });
  page.on('request', (r) => { if (state.loaded) state.afterLoad.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') state.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => state.consoleErrors.push(String(e)));
  page.on('dialog', (d) => { state.dialogs.push(d.message()); d.dismiss(); });
}

// openWatchedPage opens `url` of one of our pages (they set html[data-ready="true"] once their
// module is loaded) in a new page of `browser`, watched (watchPage) and with every CSP violation
// recorded in window.__pincalcCsp, and waits for data-ready and an idle network. Then state.loaded
// is set and state.serverMark is where `server`'s request log stood. Returns the state: { page,
// response, afterLoad, consoleErrors, dialogs, serverMark }.
export async function openWatchedPage(browser, server, url, { colorScheme = 'light', viewport } = {}) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  const state = { page, serverMark: 0 };
  watchPage(page, state);
  await page.addInitScript(() => {
    window.__pincalcCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__pincalcCsp.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  state.response = await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  await page.waitForLoadState('networkidle');
  state.loaded = true;
  state.serverMark = server.requests.length;
  return state;
}

// closeQuietPage ends a test on a page openWatchedPage opened: after 100 ms, no CSP violation (if
// the page is still open), no request after load seen by the browser or by `server`, no console
// error (and no dialog, with checkDialogs); then the page is closed.
export async function closeQuietPage(state, server, { checkDialogs = false } = {}) {
  const { page } = state;
  await page.waitForTimeout(100);
  if (!page.isClosed()) {
    assert.deepEqual(await page.evaluate(() => window.__pincalcCsp), [], 'CSP violations');
  }
  assert.deepEqual(state.afterLoad, [], 'the browser made requests after load');
  assert.deepEqual(server.requests.slice(state.serverMark), [], 'the server saw requests after load');
  assert.deepEqual(state.consoleErrors, [], 'console errors');
  if (checkDialogs) assert.deepEqual(state.dialogs, [], 'dialogs');
  await page.close();
}
