// sha256.test.mjs: SHA-256 as the WASM build computes it (mbedTLS with pincalc's block function,
// src/mbedtls_config/sha256_process.c, compiled by em++) against NIST's CAVP vectors: SHA256ShortMsg,
// SHA256LongMsg and the SHA256Monte chain, from Debian's python3-cryptography-vectors. Run through
// the benchmark module's two entry points (the plain C export the browser benchmark times, and the
// embind sha256_repeat), which call the same seam as the page's module (pincalc::crypto::sha256).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import { siteDir } from './helpers.mjs';

const vectorsDir = process.env.PINCALC_NIST_SHA2_DIR
  ?? '/usr/lib/python3/dist-packages/cryptography_vectors/hashes/SHA2';

// readRsp reads a CAVP "Len / Msg / MD" file. Len = 0 comes with Msg = 00, which is no byte.
function readRsp(file) {
  const text = fs.readFileSync(path.join(vectorsDir, file), 'utf8');
  const out = [];
  let bits = -1;
  let msg = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('Len = ')) bits = Number(line.slice(6));
    else if (line.startsWith('Msg = ')) msg = Buffer.from(line.slice(6), 'hex').subarray(0, bits / 8);
    else if (line.startsWith('MD = ')) out.push({ bits, msg, md: line.slice(5) });
  }
  return out;
}

let wasm;
let digest;  // digest(Uint8Array) -> hex, through _pincalc_bench_sha256

before(async () => {
  const wasmPath = path.join(siteDir, 'pincalc_bench.wasm');
  assert.ok(fs.existsSync(wasmPath), `no ${wasmPath}: run make wasm`);
  assert.ok(fs.existsSync(path.join(vectorsDir, 'SHA256ShortMsg.rsp')),
    `no NIST vectors in ${vectorsDir} (apt install python3-cryptography-vectors; scripts/setup.sh does)`);
  const { default: create } = await import(path.join(siteDir, 'pincalc_bench.mjs'));
  wasm = await create({ wasmBinary: fs.readFileSync(wasmPath) });
  const capacity = 1 << 16;
  const input = wasm._malloc(capacity);
  const output = wasm._malloc(32);
  digest = (bytes) => {
    assert.ok(bytes.length <= capacity);
    wasm.HEAPU8.set(bytes, input);
    wasm._pincalc_bench_sha256(input, bytes.length, output);
    return Buffer.from(wasm.HEAPU8.subarray(output, output + 32)).toString('hex');
  };
});

describe('SHA-256 in the WASM build, NIST CAVP vectors', () => {
  for (const [file, count] of [['SHA256ShortMsg.rsp', 65], ['SHA256LongMsg.rsp', 64]]) {
    test(file, () => {
      const vectors = readRsp(file);
      assert.equal(vectors.length, count);
      for (const { bits, msg, md } of vectors) {
        assert.equal(digest(msg), md, `${file} Len = ${bits}, C export`);
        assert.equal(JSON.parse(wasm.sha256_repeat(msg, 1)).digest, md, `${file} Len = ${bits}, embind`);
      }
    });
  }

  test('SHA256Monte.rsp: 100 checkpoints of 1,000 chained hashes', () => {
    const text = fs.readFileSync(path.join(vectorsDir, 'SHA256Monte.rsp'), 'utf8');
    let seed = Buffer.from(/Seed = ([0-9a-f]+)/.exec(text)[1], 'hex');
    const checkpoints = [...text.matchAll(/MD = ([0-9a-f]+)/g)].map((m) => m[1]);
    assert.equal(checkpoints.length, 100);
    for (const expected of checkpoints) {
      let md = [seed, seed, seed];
      for (let i = 3; i < 1003; i++) md = [md[1], md[2], Buffer.from(digest(Buffer.concat(md)), 'hex')];
      assert.equal(md[2].toString('hex'), expected);
      seed = md[2];
    }
  });
});
