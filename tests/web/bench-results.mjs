// bench-results.mjs: bench/results/README.md from the three runs `make bench` saved: the native
// Google Benchmark JSON (bench/results/native.json, pincalc vs OpenSSL in one binary), the WASM
// node run (bench/results/wasm-node.json, tests/web/bench-wasm.mjs: pincalc→WASM vs node:crypto)
// and the Chromium run (bench/results/browser.json, tests/web/bench-browser.mjs: vs hash-wasm and
// WebCrypto, the page's first result and payload).
//   node tests/web/bench-results.mjs bench/results
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { median } from './helpers.mjs';

const dir = process.argv[2] ?? 'bench/results';
const native = JSON.parse(fs.readFileSync(path.join(dir, 'native.json'), 'utf8'));
const wasm = JSON.parse(fs.readFileSync(path.join(dir, 'wasm-node.json'), 'utf8'));
const browserFile = path.join(dir, 'browser.json');
const browser = fs.existsSync(browserFile) ? JSON.parse(fs.readFileSync(browserFile, 'utf8')) : null;

const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
const cpu = (cpuinfo.match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
const flags = (cpuinfo.match(/^flags\s*:\s*(.*)$/m) ?? [])[1]?.split(' ') ?? [];
const fmt = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const bench = (name) => native.benchmarks.find((b) => b.name === name && (b.run_type ?? 'iteration') !== 'aggregate');

const lines = [];
lines.push('# Benchmark results', '');
lines.push('Written by `make bench` (bench/pincalc_bench.cpp natively, tests/web/bench-wasm.mjs for the WASM build',
  'in node, tests/web/bench-browser.mjs in headless Chromium). Each answer was checked against OpenSSL /',
  'node:crypto before it was timed. Raw figures: `native.json` (Google Benchmark), `wasm-node.json`,',
  '`browser.json`. Your own browser: `web/bench.html` (`make serve`, then the Benchmark link).', '');
lines.push('| CPU (/proc/cpuinfo) | cores | CPU features | load average (WASM run) | WASM run | native run |',
  '|---|---:|---|---|---|---|',
  `| ${cpu} | ${os.cpus().length} | ${['sha_ni', 'avx2'].filter((f) => flags.includes(f)).join(', ') || '–'} | ` +
  `${(wasm.machine.loadavg ?? []).map((l) => l.toFixed(2)).join(' ')} | ${wasm.date} | ${native.context?.date ?? '?'} |`, '');
lines.push(`- Native: preset release (-O3), OpenSSL in the same binary; WASM: em++ -O3 in Node ${wasm.machine.node} beside node:crypto (OpenSSL ${wasm.machine.openssl})`);
lines.push('- A shared machine: runs differ by up to ~25%; compare the ratios within a row, not absolutes across runs.', '');

lines.push('## SHA-256 (MB/s)', '', '| size | pincalc native (mbedTLS) | OpenSSL native | pincalc WASM in node | node:crypto |', '|---:|---:|---:|---:|---:|');
for (const size of [64, 294, 1024, 65536, 1048576]) {
  const m = bench(`BM_Sha256/mbedtls/${size}`);
  const o = bench(`BM_Sha256/openssl/${size}`);
  const w = wasm.results.find((r) => r.case === 'sha256' && r.size === size && r.impl === 'wasm-mbedtls');
  const n = wasm.results.find((r) => r.case === 'sha256' && r.size === size && r.impl === 'node-crypto');
  const mb = (b) => (b?.bytes_per_second ? fmt(b.bytes_per_second / 1e6, 1) : '–');
  lines.push(`| ${fmt(size)} B | ${mb(m)} | ${mb(o)} | ${w ? fmt(w.mb_per_s, 1) : '–'} | ${n ? fmt(n.mb_per_s, 1) : '–'} |`);
}
lines.push('');

lines.push('## Pins per second', '', '| case | pins/s | ms per run |', '|---|---:|---:|');
for (const b of native.benchmarks.filter((x) => x.name.startsWith('BM_PinCertificate/') || x.name.startsWith('BM_Report/'))) {
  const rate = b['pins/s'] ?? b['certs/s'];
  lines.push(`| native ${b.name.replace(/^BM_/, '')} | ${rate ? fmt(rate) : '–'} | ${fmt(b.real_time, 3)} ${b.time_unit} |`);
}
for (const r of wasm.results.filter((x) => x.case !== 'sha256')) {
  lines.push(`| ${r.impl === 'wasm-mbedtls' ? 'WASM in node' : 'node:crypto X509Certificate + createHash'}, ${r.case.replace('_', ' ')}, ${fmt(r.certificates)} certificates | ${fmt(r.pins_per_s)} | ${fmt(r.ms, 1)} ms |`);
}
lines.push('');
if (browser) {
  const pick = (c, f = () => true) => browser.results.filter((r) => r.case === c && f(r));
  lines.push(`## In Chromium (${/HeadlessChrome\/([\d.]+)/.exec(browser.machine.browser)?.[1] ?? browser.machine.browser}, ${browser.date})`, '');
  lines.push(`SHA-256, a call per digest from JS with the input copied into the module each time, for every`,
    `implementation alike; hash-wasm ${browser.machine.hash_wasm} (its createSHA256() hasher reused). MB/s:`, '');
  lines.push('| size | pincalc WASM | hash-wasm | pincalc / hash-wasm | WebCrypto (awaited) | pincalc WASM, loop inside the module |',
    '|---:|---:|---:|---:|---:|---:|');
  for (const size of [64, 294, 1024, 65536, 1048576]) {
    const get = (impl) => pick('sha256', (r) => r.size === size && r.impl === impl)[0]?.mb_per_s;
    const p = get('pincalc_wasm');
    const h = get('hash_wasm');
    lines.push(`| ${fmt(size)} B | ${fmt(p, 1)} | ${fmt(h, 1)} | ${(p / h).toFixed(2)} | ${fmt(get('webcrypto'), 1)} | ${fmt(get('pincalc_wasm_in_module'), 1)} |`);
  }
  lines.push('', '| case | figure |', '|---|---:|');
  for (const r of [...pick('pins_only'), ...pick('full_report')]) {
    lines.push(`| ${r.case === 'pins_only' ? 'pins only' : 'full report (names, validity, chains)'}, ${fmt(r.certificates)} certificates | ${fmt(r.pins_per_s)} pins/s (${fmt(r.ms, 1)} ms${r.json_ms !== undefined ? `, + ${fmt(r.json_ms, 1)} ms of JSON` : ''}) |`);
  }
  for (const input of ['file', 'paste']) {
    const warm = pick('first_result', (r) => r.input === input && r.load === 'warm');
    const cold = pick('first_result', (r) => r.input === input && r.load === 'cold')[0];
    if (!warm.length) continue;
    lines.push(`| index.html, navigation to the CA bundle's first result painted (${input === 'file' ? 'dropped as a file' : 'pasted'} at DOMContentLoaded), warm cache | ${fmt(median(warm.map((r) => r.ms)))} ms (cold ${fmt(cold.ms)} ms; all 144 cards painted ${fmt(median(warm.map((r) => r.all_cards_painted_ms)))} ms) |`);
  }
  const pasted = pick('paste_to_result', (r) => r.load === 'warm');
  if (pasted.length) lines.push(`| index.html loaded, CA bundle pasted → first result painted | ${fmt(median(pasted.map((r) => r.ms)))} ms |`);
  const payload = pick('payload')[0];
  if (payload) {
    lines.push(`| WASM + JS index.html loads, gzip -9 | ${fmt(payload.wasm_js_gzip / 1024, 1)} KB (${payload.files.filter((f) => /\.(m?js|wasm)$/.test(f.file)).map((f) => `${f.file} ${fmt(f.gzip / 1024, 1)}`).join(', ')}) |`);
  }
  lines.push('');
}
fs.writeFileSync(path.join(dir, 'README.md'), `${lines.join('\n')}`);
console.log(lines.join('\n'));
