// bench.mjs: sizes and speed of built sites, for docs/web.md (-Os vs -O3). Not a test.
//   node tests/web/bench.mjs build/wasm/web build/wasm-o3/web
// For each site: raw and gzip sizes of the module and the page's JS, instantiation time, and the
// median time of analyze() on the system CA bundle and on a ~5 MB bundle (the CA bundle repeated).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { median } from './helpers.mjs';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node bench.mjs SITE_DIR...');
  process.exit(2);
}
const ca = fs.readFileSync('/etc/ssl/certs/ca-certificates.crt');
const big = Buffer.concat(Array(Math.ceil((5 << 20) / ca.length)).fill(ca));

for (const dir of dirs) {
  const abs = path.resolve(dir);
  const size = (f) => {
    const bytes = fs.readFileSync(path.join(abs, f));
    return `${(bytes.length / 1024).toFixed(1)} KB (gzip ${(zlib.gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB)`;
  };
  const pincalc = await import(path.join(abs, 'pincalc.js'));
  const t0 = performance.now();
  await pincalc.loadPincalc({ wasmBinary: fs.readFileSync(path.join(abs, 'pincalc_core.wasm')) });
  const load = performance.now() - t0;
  const time = async (input, runs) => {
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await pincalc.analyzeJson(input, { now: '2026-06-01T00:00:00Z' });
      ms.push(performance.now() - s);
    }
    return { first: ms[0], median: median(ms) };
  };
  const caT = await time(ca, 15);
  const bigT = await time(big, 3);
  console.log(`${dir}
  pincalc_core.wasm  ${size('pincalc_core.wasm')}
  pincalc_core.mjs   ${size('pincalc_core.mjs')}
  instantiate        ${load.toFixed(1)} ms
  CA bundle (${(ca.length / 1024).toFixed(0)} KB)   first ${caT.first.toFixed(1)} ms, median ${caT.median.toFixed(1)} ms
  ${(big.length / 1048576).toFixed(1)} MB bundle      first ${bigT.first.toFixed(0)} ms, median ${bigT.median.toFixed(0)} ms`);
}
