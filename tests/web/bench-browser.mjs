// bench-browser.mjs: the browser half of `make bench-wasm`, in Debian's headless Chromium (the one
// the tests drive). Not a test: it prints figures and writes them as JSON.
//   node tests/web/bench-browser.mjs [--out FILE.json] [--quick]
// What it measures, each answer checked against node:crypto before it is timed (a mismatch exits 1):
//   sha256      SHA-256 at 64 B .. 1 MiB, every implementation timed the same way, a call per digest
//               from JS with the input copied into the module each time: pincalc's WASM (mbedTLS with
//               our block function, the C export of pincalc_bench.wasm), hash-wasm (hand-tuned WASM,
//               its createSHA256() hasher reused: init, update, digest) and WebCrypto (awaited). Plus
//               pincalc's loop inside the module (no call overhead), as web/bench.html shows it.
//               pincalc's and hash-wasm's runs alternate (the first one rotating), so drift and
//               ordering hit them alike; the median of 12 runs of ~150 ms each is kept.
//   pins        the pins of the CA bundle ×70 (~10,000 certificates) and the full report, timed in
//               the module (pincalc_bench.wasm: pins(), report()).
//   first_result  index.html from navigation to the first frame painted with the CA bundle's result
//               (the whole bundle analysed, its first cards on screen; the other cards follow in the
//               next tasks: all_cards_painted_ms), the bundle given at DOMContentLoaded (dropped as a
//               file, or pasted into the text box), before the module is ready: once cold, then on
//               a warm cache.
//   paste_to_result  the page loaded (module ready), the CA bundle pasted: to the first frame with
//               its result painted.
//   payload     what index.html fetched, each file's size and gzip -9 size: the WASM + JS budget.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import { caBundle, launchChromium, median, nodeSpkiPin, siteDir, splitPem, startServer } from './helpers.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const outFile = outIndex >= 0 ? args[outIndex + 1] : null;

const kSizes = [64, 294, 1024, 65536, 1 << 20];
const kMinMs = quick ? 30 : 150;  // per timed run
const kRuns = quick ? 4 : 12;
const kCopies = quick ? 7 : 70;
const kWarmLoads = quick ? 2 : 5;

function fail(message) {
  console.error(`bench-browser: ${message}`);
  process.exit(1);
}

const hashWasm = createRequire(import.meta.url).resolve('hash-wasm/dist/sha256.umd.min.js');
const caText = fs.readFileSync(caBundle, 'utf8');
const caPems = splitPem(caText);
const caPins = caPems.map(nodeSpkiPin);

const server = await startServer();
const browser = await launchChromium();
const out = { schema: 'pincalc-bench-browser/1', date: new Date().toISOString(), quick, results: [] };

try {
  // ---- SHA-256 and pins, on bench.html's origin (same CSP as the page) ----
  const page = await browser.context.newPage();
  // hash-wasm is served from the page's own origin, so the page's CSP ('self') admits it unchanged.
  await page.route('**/__bench/hash-wasm.js', (route) => route.fulfill({ path: hashWasm, contentType: 'text/javascript' }));
  await page.goto(`${server.url}bench.html`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  await page.addScriptTag({ url: '/__bench/hash-wasm.js' });
  out.machine = {
    cpu: (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadavg: os.loadavg(),
    browser: await page.evaluate(() => navigator.userAgent),
    hash_wasm: JSON.parse(fs.readFileSync(path.join(path.dirname(hashWasm), '..', 'package.json'), 'utf8')).version,
  };
  await page.evaluate(async () => {
    const { default: create } = await import('./pincalc_bench.mjs');
    window.__bench = { module: await create(), hasher: await self.hashwasm.createSHA256() };
  });

  for (const size of kSizes) {
    const want = crypto.createHash('sha256').update(Buffer.alloc(size, 0x5a)).digest('hex');
    const row = await page.evaluate(async ({ size, minMs, runs }) => {
      const { module: m, hasher } = window.__bench;
      const data = new Uint8Array(size).fill(0x5a);
      const input = m._malloc(size);
      const output = m._malloc(32);
      const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      const calls = {
        pincalc_wasm: () => {
          m.HEAPU8.set(data, input);
          m._pincalc_bench_sha256(input, size, output);
          return m.HEAPU8.slice(output, output + 32);
        },
        hash_wasm: () => hasher.init().update(data).digest('binary'),
      };
      const digests = {
        pincalc_wasm: hex(calls.pincalc_wasm()),
        hash_wasm: hex(calls.hash_wasm()),
        webcrypto: hex(new Uint8Array(await crypto.subtle.digest('SHA-256', data))),
        pincalc_wasm_in_module: JSON.parse(m.sha256_repeat(data, 1)).digest,
      };
      let sink = 0;
      const timers = {
        pincalc_wasm: (reps) => {
          const t = performance.now();
          for (let i = 0; i < reps; i++) sink ^= calls.pincalc_wasm()[i & 31];
          return performance.now() - t;
        },
        hash_wasm: (reps) => {
          const t = performance.now();
          for (let i = 0; i < reps; i++) sink ^= calls.hash_wasm()[i & 31];
          return performance.now() - t;
        },
        webcrypto: async (reps) => {
          const t = performance.now();
          for (let i = 0; i < reps; i++) sink ^= new Uint8Array(await crypto.subtle.digest('SHA-256', data))[i & 31];
          return performance.now() - t;
        },
        pincalc_wasm_in_module: (reps) => JSON.parse(m.sha256_repeat(data, reps)).ms,
      };
      // Calibrate each to ~minMs per run, then alternate runs between them.
      const reps = {};
      for (const [name, fn] of Object.entries(timers)) {
        let n = 1;
        for (;;) {
          const ms = await fn(n);
          if (ms >= minMs / 4 || n >= 1 << 24) {
            reps[name] = Math.max(1, Math.round((n * minMs) / Math.max(ms, 0.001)));
            break;
          }
          n *= 4;
        }
      }
      // The two WASM libraries are compared head to head: their runs alternate, the first one
      // rotating, so that neither drift nor what ran just before favours one. The others are timed
      // after them (an awaited WebCrypto loop in between would disturb both).
      const times = Object.fromEntries(Object.keys(timers).map((k) => [k, []]));
      const pairs = ['pincalc_wasm', 'hash_wasm'];
      for (let r = 0; r < runs; r++) {
        for (let k = 0; k < pairs.length; k++) {
          const name = pairs[(r + k) % pairs.length];
          times[name].push(await timers[name](reps[name]));
        }
      }
      for (const name of ['pincalc_wasm_in_module', 'webcrypto']) {
        for (let r = 0; r < runs; r++) times[name].push(await timers[name](reps[name]));
      }
      m._free(input);
      m._free(output);
      return { digests, reps, times, sink };
    }, { size, minMs: kMinMs, runs: kRuns });
    for (const [impl, digest] of Object.entries(row.digests)) {
      if (digest !== want) fail(`SHA-256 of ${size} B: ${impl} gave ${digest}, node:crypto ${want}`);
    }
    for (const impl of Object.keys(row.times)) {
      const ms = median(row.times[impl]);
      const usPerCall = (ms * 1000) / row.reps[impl];
      out.results.push({ case: 'sha256', size, impl, mb_per_s: size / usPerCall, us_per_call: usPerCall, reps: row.reps[impl], runs: kRuns });
    }
  }

  const pins = await page.evaluate(async ({ text, copies, runs }) => {
    const { module: m } = window.__bench;
    const corpus = new TextEncoder().encode(text.repeat(copies));
    const check = { pins: JSON.parse(m.pins(corpus, true)).pins, report: JSON.parse(m.report(corpus, true)).pins };
    const res = {};
    for (const call of ['pins', 'report']) {
      const ms = [];
      const jsonMs = [];
      let last = null;
      for (let i = 0; i < runs; i++) {
        last = JSON.parse(m[call](corpus, false));
        ms.push(last.ms);
        if (last.json_ms !== undefined) jsonMs.push(last.json_ms);
      }
      res[call] = { ms, jsonMs, count: last.count, first: last.first, last: last.last };
    }
    return { check, res };
  }, { text: caText, copies: kCopies, runs: quick ? 3 : 5 });
  const want = Array(kCopies).fill(caPins).flat();
  for (const call of ['pins', 'report']) {
    const got = pins.check[call];
    if (got.length !== want.length || got.some((p, i) => p !== want[i])) {
      fail(`${call}(): ${got.length} pins in Chromium differ from node:crypto's ${want.length}`);
    }
    const r = pins.res[call];
    if (r.count !== want.length || r.first !== want[0] || r.last !== want.at(-1)) fail(`${call}(): the answer changed between runs`);
    const entry = { case: call === 'pins' ? 'pins_only' : 'full_report', impl: 'pincalc_wasm', certificates: want.length,
      ms: median(r.ms), pins_per_s: want.length / (median(r.ms) / 1000), runs: r.ms.length };
    if (r.jsonMs.length) entry.json_ms = median(r.jsonMs);
    out.results.push(entry);
  }
  await page.close();

  // ---- First result on index.html: cold, then warm; the CA bundle dropped as a file, or pasted ----
  // The input is given at DOMContentLoaded, before the module is ready: the time is from navigation
  // to the 144 cards in the DOM, module load included. Each page stays open 2.5 s after its result,
  // as a visitor's would, so that Chromium can cache the compiled module for the next visit.
  for (const mode of ['file', 'paste']) {
    for (let load = 0; load <= kWarmLoads; load++) {
      const p = await browser.context.newPage();
      const requested = [];
      p.on('request', (r) => requested.push(new URL(r.url()).pathname));
      await p.addInitScript(({ text, mode }) => {
        const seen = {};
        window.__firstResult = seen;
        document.addEventListener('DOMContentLoaded', () => {
          seen.input = performance.now();
          if (mode === 'paste') {
            document.getElementById('paste').value = text;
          } else {
            const dt = new DataTransfer();
            dt.items.add(new File([text], 'ca-certificates.crt', { type: 'application/x-pem-file' }));
            window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
          }
        });
        new MutationObserver(() => {
          const results = document.getElementById('results');
          if (!seen.firstCards && results?.querySelector('article.card')) {
            seen.firstCards = performance.now();
            requestAnimationFrame(() => setTimeout(() => { seen.firstPainted = performance.now(); }, 0));
          }
          if (!seen.done && results?.dataset.state === 'done') {
            seen.done = performance.now();
            // Painted: the frame after the cards went in has been rendered.
            requestAnimationFrame(() => setTimeout(() => { seen.painted = performance.now(); }, 0));
            seen.analyzeMs = Number(results.dataset.ms);
            seen.inputToCardsMs = Number(results.dataset.totalMs);
            seen.text = results.textContent;
          }
        }).observe(document, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-state'] });
      }, { text: caText, mode });
      await p.goto(server.url);
      await p.waitForFunction(() => window.__firstResult?.painted, null, { timeout: 30000 });
      const r = await p.evaluate(() => window.__firstResult);
      if (!r.text.includes(caPins[0]) || !r.text.includes(caPins.at(-1))) fail('first result: the cards lack node:crypto\'s pins');
      out.results.push({ case: 'first_result', input: mode, load: load === 0 ? 'cold' : 'warm', ms: r.firstPainted,
        all_cards_painted_ms: r.painted, all_cards_in_dom_ms: r.done,
        input_given_ms: r.input, analyze_ms: r.analyzeMs, analysis_to_cards_ms: r.inputToCardsMs, certificates: caPems.length });
      if (mode === 'file' && load === kWarmLoads) {
        // What the page fetched, with the sizes a gzip-serving host would send.
        const files = [...new Set(requested)].map((u) => (u === '/' ? '/index.html' : u));
        const sizes = files.map((f) => {
          const bytes = fs.readFileSync(path.join(siteDir, f));
          return { file: f.slice(1), bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
        });
        const code = sizes.filter((x) => /\.(m?js|wasm)$/.test(x.file));
        out.results.push({ case: 'payload', page: 'index.html', files: sizes,
          wasm_js_gzip: code.reduce((n, x) => n + x.gzip, 0), wasm_js_bytes: code.reduce((n, x) => n + x.bytes, 0),
          all_gzip: sizes.reduce((n, x) => n + x.gzip, 0) });
      }
      await p.waitForTimeout(2500);
      await p.close();
    }
  }
  // ---- Paste with the module loaded: the latency a visitor feels once the page is up ----
  for (let load = 0; load <= kWarmLoads; load++) {
    const p = await browser.context.newPage();
    await p.goto(server.url);
    await p.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
    const r = await p.evaluate((text) => new Promise((resolve) => {
      const results = document.getElementById('results');
      const paste = document.getElementById('paste');
      const t0 = performance.now();
      new MutationObserver((_, observer) => {
        if (results.querySelector('article.card')) {
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - t0, text: results.textContent }), 0));
        }
      }).observe(results, { childList: true, subtree: true });
      paste.value = text;
      paste.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }), caText);
    if (!r.text.includes(caPins[0])) fail('paste: the first card lacks node:crypto\'s pin');
    out.results.push({ case: 'paste_to_result', load: load === 0 ? 'cold' : 'warm', ms: r.ms, certificates: caPems.length });
    await p.waitForTimeout(1000);
    await p.close();
  }
} finally {
  await browser.close();
  server.stop();
}

// ---- Print ----
const pick = (c, extra = () => true) => out.results.filter((r) => r.case === c && extra(r));
console.log(`Chromium: ${out.machine.browser}; ${out.machine.cpu}, ${out.machine.cores} cores, load ${out.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`);
console.log('| SHA-256 | pincalc WASM (per call) | hash-wasm (per call) | pincalc / hash-wasm | WebCrypto (awaited) | pincalc WASM (loop in module) |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const size of kSizes) {
  const get = (impl) => pick('sha256', (r) => r.size === size && r.impl === impl)[0].mb_per_s;
  console.log(`| ${size} B | ${get('pincalc_wasm').toFixed(1)} MB/s | ${get('hash_wasm').toFixed(1)} MB/s | ${(get('pincalc_wasm') / get('hash_wasm')).toFixed(2)} | ${get('webcrypto').toFixed(1)} MB/s | ${get('pincalc_wasm_in_module').toFixed(1)} MB/s |`);
}
for (const r of [...pick('pins_only'), ...pick('full_report')]) {
  console.log(`${r.case}, ${r.certificates} certificates: ${Math.round(r.pins_per_s).toLocaleString('en-US')} pins/s (${r.ms.toFixed(1)} ms)`);
}
for (const mode of ['file', 'paste']) {
  const of = (load) => pick('first_result', (r) => r.input === mode && r.load === load);
  const warm = of('warm');
  console.log(`first result (${mode}): cold ${of('cold')[0].ms.toFixed(0)} ms, warm median ${median(warm.map((r) => r.ms)).toFixed(0)} ms (${warm.map((r) => r.ms.toFixed(0)).join(', ')}); analysis ${median(warm.map((r) => r.analyze_ms)).toFixed(0)} ms, analysis to cards ${median(warm.map((r) => r.analysis_to_cards_ms)).toFixed(0)} ms`);
}
const pasted = pick('paste_to_result', (r) => r.load === 'warm');
console.log(`paste to first result, module loaded: median ${median(pasted.map((r) => r.ms)).toFixed(0)} ms (${pasted.map((r) => r.ms.toFixed(0)).join(', ')})`);
const payload = pick('payload')[0];
console.log(`payload: WASM + JS ${(payload.wasm_js_gzip / 1024).toFixed(1)} KB gzip (${payload.files.map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)}`).join(', ')})`);
if (outFile) {
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
}
