// bench-wasm.mjs: the native benchmark's cases (bench/pincalc_bench.cpp) run on the WASM build in
// node (`make bench-wasm`), with node:crypto (OpenSSL) in the same process as the competitor, so
// every figure has a ratio beside it. Not a test: figures on a shared machine vary by ±25%.
//   node tests/web/bench-wasm.mjs [--out FILE.json] [--quick]
// Every answer is checked before it is timed: the module's SHA-256 against node:crypto's, its pins
// against node:crypto X509Certificate + createHash over the SPKI DER; a mismatch exits 1.
// The module (build/wasm/web/pincalc_bench.mjs/.wasm, cmake/wasm_bench.cmake) times its own loops,
// so a figure excludes the copy of the input into the module.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { caBundle, median, nodeSpkiPin, siteDir, splitPem } from './helpers.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const outFile = outIndex >= 0 ? args[outIndex + 1] : null;

export const kSizes = [64, 294, 1024, 65536, 1 << 20];
const kRuns = quick ? 3 : 5;
const kTargetMs = quick ? 40 : 200;  // per timed run
const kCopies = quick ? 7 : 70;      // the CA bundle ×70 ≈ 10,000 certificates

function fail(message) {
  console.error(`bench-wasm: ${message}`);
  process.exit(1);
}

// nodeSpkiPins is the reference answer and the competitor (helpers.mjs: nodeSpkiPin).
const nodeSpkiPins = (pems) => pems.map(nodeSpkiPin);

const wasmPath = path.join(siteDir, 'pincalc_bench.wasm');
if (!fs.existsSync(wasmPath)) fail(`no ${wasmPath}: run make wasm`);
const { default: createPincalcBenchModule } = await import(path.join(siteDir, 'pincalc_bench.mjs'));
const wasm = await createPincalcBenchModule({ wasmBinary: fs.readFileSync(wasmPath) });

const results = [];
const rows = [];

// SHA-256 at each size: the same 0x5A bytes the native bench hashes.
for (const size of kSizes) {
  const data = Buffer.alloc(size, 0x5a);
  const want = crypto.createHash('sha256').update(data).digest('hex');
  const probe = JSON.parse(wasm.sha256_repeat(data, 1));
  if (probe.digest !== want) fail(`SHA-256 of ${size} B: module ${probe.digest}, node:crypto ${want}`);
  // Calibrate the repetitions to ~kTargetMs per run.
  let reps = 1;
  for (;;) {
    const r = JSON.parse(wasm.sha256_repeat(data, reps));
    if (r.ms >= kTargetMs / 4 || reps >= 1 << 24) {
      reps = Math.max(1, Math.round((reps * kTargetMs) / Math.max(r.ms, 0.001)));
      break;
    }
    reps *= 4;
  }
  const wasmMs = [];
  for (let i = 0; i < kRuns; i++) wasmMs.push(JSON.parse(wasm.sha256_repeat(data, reps)).ms);
  const nodeMs = [];
  for (let i = 0; i < kRuns; i++) {
    const t = performance.now();
    for (let j = 0; j < reps; j++) crypto.createHash('sha256').update(data).digest();
    nodeMs.push(performance.now() - t);
  }
  const mbs = (ms) => (size * reps) / (ms / 1000) / 1e6;
  const w = mbs(median(wasmMs));
  const n = mbs(median(nodeMs));
  results.push({ case: 'sha256', size, impl: 'wasm-mbedtls', mb_per_s: w, us_per_call: (median(wasmMs) * 1000) / reps, reps, runs: kRuns });
  results.push({ case: 'sha256', size, impl: 'node-crypto', mb_per_s: n, us_per_call: (median(nodeMs) * 1000) / reps, reps, runs: kRuns });
  rows.push([`SHA-256, ${size} B`, `${w.toFixed(1)} MB/s`, `${n.toFixed(1)} MB/s`, (w / n).toFixed(2)]);
}

// Pins over the CA bundle repeated to ~10,000 certificates.
const ca = fs.readFileSync(caBundle);
const corpus = Buffer.concat(Array(kCopies).fill(ca));
const pems = splitPem(corpus.toString('latin1'));
let t = performance.now();
const expected = nodeSpkiPins(pems);
const nodeMs = performance.now() - t;
for (const call of ['pins', 'report']) {
  const checked = JSON.parse(wasm[call](corpus, true));
  if (checked.errors !== 0 || checked.pins.length !== expected.length ||
      checked.pins.some((p, i) => p !== expected[i])) {
    fail(`${call}: the module's ${checked.pins.length} pins differ from node:crypto's ${expected.length}`);
  }
}
const nodePinsPerS = expected.length / (nodeMs / 1000);
results.push({ case: 'pins', impl: 'node-crypto', certificates: expected.length, ms: nodeMs, pins_per_s: nodePinsPerS, runs: 1 });
for (const [call, label, runs] of [['pins', 'pins only', kRuns], ['report', 'full report', Math.max(3, kRuns - 2)]]) {
  const ms = [];
  const jsonMs = [];
  for (let i = 0; i < runs; i++) {
    const r = JSON.parse(wasm[call](corpus, false));
    if (r.count !== expected.length || r.first !== expected[0] || r.last !== expected.at(-1)) {
      fail(`${call}: the answer changed between runs`);
    }
    ms.push(r.ms);
    if (r.json_ms !== undefined) jsonMs.push(r.json_ms);
  }
  const perS = expected.length / (median(ms) / 1000);
  const entry = { case: call === 'pins' ? 'pins_only' : 'full_report', impl: 'wasm-mbedtls', certificates: expected.length, ms: median(ms), pins_per_s: perS, runs };
  if (jsonMs.length) entry.json_ms = median(jsonMs);
  results.push(entry);
  rows.push([`${label}, ${expected.length} certificates`, `${Math.round(perS).toLocaleString('en-US')} pins/s (${median(ms).toFixed(0)} ms)`,
    `${Math.round(nodePinsPerS).toLocaleString('en-US')} pins/s`, (perS / nodePinsPerS).toFixed(1)]);
}

const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model;
const out = {
  schema: 'pincalc-bench-wasm/1',
  date: new Date().toISOString(),
  machine: { cpu, cores: os.cpus().length, loadavg: os.loadavg(), node: process.version, openssl: process.versions.openssl },
  quick,
  results,
};
console.log(`WASM (mbedTLS, em++ -O3) in node ${process.version} vs node:crypto (OpenSSL ${process.versions.openssl}); ${cpu}, ${out.machine.cores} cores, load ${out.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`);
console.log('| case | WASM mbedTLS | node:crypto | WASM / node |\n|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (outFile) {
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
}
