// bench-results.mjs: bench/results/README.md from the two runs `make bench` saved: the native
// Google Benchmark JSON (bench/results/native.json, pincalc vs OpenSSL in one binary) and the WASM
// node run (bench/results/wasm-node.json, tests/web/bench-wasm.mjs: pincalc→WASM vs node:crypto).
//   node tests/web/bench-results.mjs bench/results
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = process.argv[2] ?? 'bench/results';
const native = JSON.parse(fs.readFileSync(path.join(dir, 'native.json'), 'utf8'));
const wasm = JSON.parse(fs.readFileSync(path.join(dir, 'wasm-node.json'), 'utf8'));

const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
const cpu = (cpuinfo.match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
const flags = (cpuinfo.match(/^flags\s*:\s*(.*)$/m) ?? [])[1]?.split(' ') ?? [];
const fmt = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const bench = (name) => native.benchmarks.find((b) => b.name === name && (b.run_type ?? 'iteration') !== 'aggregate');

const lines = [];
lines.push('# Benchmark results', '');
lines.push('Written by `make bench` (bench/pincalc_bench.cpp natively, tests/web/bench-wasm.mjs for the WASM build',
  'in node). Each answer was checked against OpenSSL / node:crypto before it was timed. Raw figures:',
  '`native.json` (Google Benchmark), `wasm-node.json`. The browser figures come from `web/bench.html`.', '');
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
fs.writeFileSync(path.join(dir, 'README.md'), `${lines.join('\n')}`);
console.log(lines.join('\n'));
