// bench.worker.js: the measurements of web/bench.html, off the main thread so timing is not
// disturbed by the page (and the page stays responsive). Started at load: the benchmark module
// (pincalc_bench.mjs/.wasm, src/wasm/bench_bindings.cpp) is fetched and compiled then, and nothing
// is requested later.
//
// Messages in:  { type: 'run', minMs, runs, sizes: [bytes...], corpus: { text, expected: [pins] | null,
//                 label } }
// Messages out: { type: 'ready', loadMs } once; then per run { type: 'progress', done, total, what },
//               { type: 'sha256', row }, { type: 'pins', row }, { type: 'done' } or
//               { type: 'error', message }.
import createPincalcBenchModule from './pincalc_bench.mjs';
import { sha256 as jsSha256 } from './bench.sha256.js';

const started = performance.now();
const modulePromise = createPincalcBenchModule();
modulePromise.then(
  () => postMessage({ type: 'ready', loadMs: performance.now() - started }),
  (e) => postMessage({ type: 'error', message: `the WebAssembly module did not load: ${e?.message ?? e}` }),
);

const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// measure times fn(reps) (which returns its elapsed ms, or a promise of it): the repetitions grow
// until one run takes minMs, then `runs` runs are made; the median's µs per call is returned.
async function measure(fn, minMs, runs) {
  let reps = 1;
  for (;;) {
    const ms = await fn(reps);
    if (ms >= minMs || reps >= 1 << 26) {
      if (runs <= 1) return { usPerCall: (ms * 1000) / reps, reps, runs: 1 };
      reps = Math.max(1, Math.round((reps * minMs) / Math.max(ms, 0.001)));
      break;
    }
    reps = ms < minMs / 16 ? reps * 8 : Math.ceil((reps * minMs * 1.1) / Math.max(ms, 0.001));
  }
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await fn(reps));
  return { usPerCall: (median(times) * 1000) / reps, reps, runs };
}

const elapsed = (body) => {
  const t = performance.now();
  body();
  return performance.now() - t;
};

async function sha256Row(wasm, size, minMs, runs) {
  const data = new Uint8Array(size).fill(0x5a);
  const digests = {
    wasm: JSON.parse(wasm.sha256_repeat(data, 1)).digest,
    webcrypto: hex(await crypto.subtle.digest('SHA-256', data)),
    js: hex(jsSha256(data)),
  };
  const agree = digests.wasm === digests.webcrypto && digests.js === digests.webcrypto;
  const row = { size, digests, agree, results: {} };
  if (!agree) return row;
  let sink = 0;
  const impls = {
    wasm: (reps) => JSON.parse(wasm.sha256_repeat(data, reps)).ms,
    webcrypto_awaited: async (reps) => {
      const t = performance.now();
      for (let i = 0; i < reps; i++) sink ^= new Uint8Array(await crypto.subtle.digest('SHA-256', data))[0];
      return performance.now() - t;
    },
    webcrypto_batched: async (reps) => {
      const t = performance.now();
      const all = [];
      for (let i = 0; i < reps; i++) all.push(crypto.subtle.digest('SHA-256', data));
      for (const d of await Promise.all(all)) sink ^= new Uint8Array(d)[0];
      return performance.now() - t;
    },
    js: (reps) => elapsed(() => { for (let i = 0; i < reps; i++) sink ^= jsSha256(data)[0]; }),
  };
  for (const [name, fn] of Object.entries(impls)) {
    const m = await measure(fn, minMs, runs);
    row.results[name] = { ...m, mbPerS: size / m.usPerCall };
  }
  row.sink = sink;
  return row;
}

// ---- pins in JavaScript: PEM → base64 decode → DER walk to the SPKI → SHA-256 → base64 ----

const kPem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

function pemBodies(text) {
  const out = [];
  for (const m of text.matchAll(kPem)) out.push(m[1]);
  return out;
}

function decodeBase64(body) {
  const bin = atob(body.replace(/[^A-Za-z0-9+/=]/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// tlv reads the DER element at `at`: { start of contents, end of element }. RFC 5280 §4.1.
function tlv(der, at) {
  let p = at + 1;
  let len = der[p++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[p++];
  }
  if (p + len > der.length) throw new Error('DER element runs past the end');
  return { body: p, end: p + len };
}

// spkiOf returns the SubjectPublicKeyInfo of a certificate's DER: the 7th element of
// tbsCertificate when it has a [0] version, else the 6th.
function spkiOf(der) {
  const tbs = tlv(der, tlv(der, 0).body);
  let at = tbs.body;
  if (der[at] === 0xa0) at = tlv(der, at).end;
  for (let i = 0; i < 5; i++) at = tlv(der, at).end;  // serial, signature, issuer, validity, subject
  return der.subarray(at, tlv(der, at).end);
}

async function jsPinsWebCrypto(text) {
  const spkis = pemBodies(text).map((b) => spkiOf(decodeBase64(b)));
  const digests = await Promise.all(spkis.map((s) => crypto.subtle.digest('SHA-256', s)));
  return digests.map(b64);
}

function jsPinsPure(text) {
  return pemBodies(text).map((b) => b64(jsSha256(spkiOf(decodeBase64(b)))));
}

async function pinsRows(wasm, corpus, minMs, runs, progress) {
  const bytes = new TextEncoder().encode(corpus.text);
  const reference = await jsPinsWebCrypto(corpus.text);
  const checks = {
    wasm_pins_only: JSON.parse(wasm.pins(bytes, true)).pins,
    wasm_report: JSON.parse(wasm.report(bytes, true)).pins,
    js_webcrypto: reference,
    js_pure: jsPinsPure(corpus.text),
  };
  const same = (a, b) => a.length === b.length && a.every((p, i) => p === b[i]);
  const agree = Object.values(checks).every((p) => same(p, reference)) &&
    (corpus.expected === null || same(reference, corpus.expected));
  const row = { label: corpus.label, certificates: reference.length, bytes: bytes.length, agree,
    first: reference[0] ?? '', last: reference.at(-1) ?? '', results: {} };
  if (!agree || reference.length === 0) return row;
  // One pass over the corpus is already long: runs of whole passes, at least one per implementation.
  const passes = {
    wasm_pins_only: () => JSON.parse(wasm.pins(bytes, false)).ms,
    wasm_report: () => JSON.parse(wasm.report(bytes, false)).ms,
    js_webcrypto: async () => { const t = performance.now(); await jsPinsWebCrypto(corpus.text); return performance.now() - t; },
    js_pure: () => elapsed(() => jsPinsPure(corpus.text)),
  };
  for (const [name, pass] of Object.entries(passes)) {
    progress(`pins: ${name}`);
    const times = [];
    const deadline = performance.now() + minMs * runs;
    do times.push(await pass()); while (times.length < runs && performance.now() < deadline);
    const ms = median(times);
    row.results[name] = { ms, runs: times.length, pinsPerS: reference.length / (ms / 1000) };
  }
  return row;
}

onmessage = async (event) => {
  const { type, minMs, runs, sizes, corpus } = event.data;
  if (type !== 'run') return;
  try {
    const wasm = await modulePromise;
    const total = sizes.length + 1;
    let done = 0;
    const progress = (what) => postMessage({ type: 'progress', done, total, what });
    for (const size of sizes) {
      progress(`SHA-256 of ${size} bytes`);
      postMessage({ type: 'sha256', row: await sha256Row(wasm, size, minMs, runs) });
      done++;
    }
    postMessage({ type: 'pins', row: await pinsRows(wasm, corpus, minMs, runs, progress) });
    postMessage({ type: 'done' });
  } catch (e) {
    postMessage({ type: 'error', message: String(e?.message ?? e) });
  }
};
