// memory.test.mjs: the WASM module's memory stays bounded — analysing the CA bundle hundreds of
// times in one instance does not grow the heap after the first call (no leak per call) — and an
// over-limit input is refused with limit_exceeded (issue: hardening).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import test from 'node:test';

import { caBundle, loadWasm } from './helpers.mjs';

test('analysing the CA bundle 300 times does not grow the WASM heap', async () => {
  const pincalc = await loadWasm();
  const module = await pincalc.loadPincalc();
  assert.ok(module.HEAP8, 'the module exposes its heap');
  const bundle = fs.readFileSync(caBundle);
  await pincalc.analyze(bundle);  // the first call may grow the heap to its working size
  const before = module.HEAP8.length;
  for (let i = 0; i < 300; i++) {
    const report = await pincalc.analyze(bundle);
    assert.equal(report.errors.length, 0);
  }
  assert.equal(module.HEAP8.length, before, `heap grew from ${before} bytes`);
});

test('an input over the 16 MiB limit is refused before it enters the module', async () => {
  const pincalc = await loadWasm();
  const module = await pincalc.loadPincalc();
  const before = module.HEAP8.length;
  const big = new Uint8Array(40 * 1024 * 1024).fill(0x41);
  const report = await pincalc.analyze(big);
  assert.equal(report.items.length, 0);
  assert.equal(report.errors.length, 1);
  assert.equal(report.errors[0].code, 'limit_exceeded');
  assert.match(report.errors[0].message, /40\.0 MiB/);
  assert.equal(module.HEAP8.length, before, 'the 40 MiB never reached the WASM heap');
});
