// bench.js: web/bench.html, the benchmark page. The measuring happens in bench.worker.js; this
// file builds the corpus, shows the results as they arrive (tables and an inline SVG chart), the
// device's details, and the results as Markdown and JSON to copy. DOM by createElement/textContent.
import { kBuiltInCertificates } from './bench.corpus.js';

const kSizes = [64, 294, 1024, 65536, 1048576];
const kSha = [
  ['wasm', 'WASM mbedTLS'],
  ['webcrypto_awaited', 'WebCrypto, awaited'],
  ['webcrypto_batched', 'WebCrypto, batched'],
  ['js', 'Pure JS'],
];
const kPins = [
  ['wasm_pins_only', 'WASM mbedTLS, pins only'],
  ['wasm_report', 'WASM mbedTLS, full report (names, dates, chains)'],
  ['js_webcrypto', 'JS DER reader + WebCrypto'],
  ['js_pure', 'JS DER reader + pure-JS SHA-256'],
];
const kSvg = 'http://www.w3.org/2000/svg';

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
let worker = null;
let loadMs = null;
let results = null;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(kSvg, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const fmt = (x, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sizeName = (n) => (n >= 1048576 ? `${n / 1048576} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`);
const mbs = (r) => (r ? `${fmt(r.mbPerS, r.mbPerS < 10 ? 2 : 1)} MB/s` : '–');

function device() {
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency ?? null,
    deviceMemoryGB: navigator.deviceMemory ?? null,
    platform: navigator.userAgentData?.platform ?? navigator.platform ?? null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    moduleLoadMs: loadMs,
  };
}

function showDevice() {
  const list = $('bench-device');
  list.replaceChildren();
  const d = device();
  const rows = [
    ['Browser', d.userAgent],
    ['Logical CPU cores', d.hardwareConcurrency ?? 'not reported'],
    ['Memory', d.deviceMemoryGB ? `about ${d.deviceMemoryGB} GB (rounded by the browser)` : 'not reported'],
    ['Platform', d.platform ?? 'not reported'],
    ['Timer', d.crossOriginIsolated ? 'high resolution (cross-origin isolated)' : 'coarse (the browser rounds performance.now(); measurements are long enough for it)'],
    ['Module compiled in', loadMs === null ? '…' : `${fmt(loadMs, 1)} ms`],
  ];
  for (const [k, v] of rows) list.append(el('dt', {}, k), el('dd', {}, v));
}

// corpus builds the pins corpus: the chosen certificates repeated (in order) to `count`.
function corpus(count) {
  const choice = document.querySelector('input[name="corpus"]:checked').value;
  if (choice === 'builtin') {
    const pems = [];
    const expected = [];
    for (let i = 0; i < count; i++) {
      const c = kBuiltInCertificates[i % kBuiltInCertificates.length];
      pems.push(`${c.pem}\n`);
      expected.push(c.pin);
    }
    return { text: pems.join(''), expected, label: `built-in (4 root certificates) ×${fmt(count / 4, count % 4 ? 2 : 0)}` };
  }
  const blocks = $('bench-paste').value.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new Error('Paste or drop a PEM bundle (text with -----BEGIN CERTIFICATE----- blocks) first, or choose the built-in corpus.');
  }
  const pems = [];
  for (let i = 0; i < count; i++) pems.push(`${blocks[i % blocks.length]}\n`);
  return { text: pems.join(''), expected: null, label: `your bundle (${blocks.length} certificates) repeated` };
}

function setStatus(text) {
  $('bench-status').textContent = text;
}

// ---- tables and chart ----

function shaTable() {
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Input size'),
    ...kSha.map(([, name]) => el('th', { scope: 'col' }, name)), el('th', { scope: 'col' }, 'Digests agree'));
  const body = el('tbody');
  for (const row of results.sha256) {
    const best = Math.max(...Object.values(row.results).map((r) => r.mbPerS));
    body.append(el('tr', {}, el('th', { scope: 'row' }, sizeName(row.size)),
      ...kSha.map(([key]) => {
        const r = row.results[key];
        const cell = el('td', { class: r && r.mbPerS === best ? 'best' : '' }, mbs(r));
        if (r) cell.append(el('span', { class: 'per-call' }, `${fmt(r.usPerCall, r.usPerCall < 10 ? 2 : 1)} µs/call`));
        return cell;
      }),
      el('td', { class: row.agree ? 'ok' : 'bad' }, row.agree ? '✓ all three' : `✗ ${JSON.stringify(row.digests)}`)));
  }
  return el('table', { class: 'bench-table', id: 'bench-sha-table' },
    el('caption', {}, 'SHA-256 throughput (higher is better; the fastest in each row is marked). Each input is bytes of 0x5A.'),
    el('thead', {}, head), body);
}

function pinsTable() {
  const row = results.pins;
  const body = el('tbody');
  for (const [key, name] of kPins) {
    const r = row.results[key];
    body.append(el('tr', {}, el('th', { scope: 'row' }, name),
      el('td', {}, r ? fmt(r.pinsPerS) : '–'), el('td', {}, r ? `${fmt(r.ms, 1)} ms` : '–')));
  }
  const check = row.agree
    ? `✓ all four implementations give the same ${fmt(row.certificates)} pins${row.label.startsWith('built-in') ? ', equal to OpenSSL\'s' : ''}`
    : '✗ the implementations disagree: no timing was done';
  return el('div', {},
    el('table', { class: 'bench-table', id: 'bench-pins-table' },
      el('caption', {}, `Pins per second: ${row.label}, ${fmt(row.certificates)} certificates, ${fmt(row.bytes / 1048576, 1)} MB of PEM (higher is better)`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Implementation'), el('th', { scope: 'col' }, 'Pins/s'),
        el('th', { scope: 'col' }, 'Time for the corpus'))), body),
    el('p', { class: row.agree ? 'ok' : 'bad', id: 'bench-pins-check' }, check));
}

// chart draws MB/s against input size (log scale, 64 B … 1 MiB) for each implementation.
function chart() {
  const W = 640; const H = 300; const left = 60; const right = 170; const top = 16; const bottom = 40;
  const rows = results.sha256.filter((r) => r.agree);
  const max = Math.max(1, ...rows.flatMap((r) => Object.values(r.results).map((x) => x.mbPerS)));
  const step = 10 ** Math.floor(Math.log10(max));
  const yMax = Math.ceil(max / step) * step;
  const lx = (size) => left + ((Math.log2(size) - 6) / (20 - 6)) * (W - left - right);
  const ly = (v) => top + (1 - v / yMax) * (H - top - bottom);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'bench-chart-title', class: 'chart' });
  root.append(svg('title', { id: 'bench-chart-title' }, 'SHA-256 throughput in MB/s by input size (log scale)'));
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    root.append(svg('line', { x1: left, x2: W - right, y1: ly(v), y2: ly(v), class: 'grid' }),
      svg('text', { x: left - 6, y: ly(v) + 4, class: 'tick', 'text-anchor': 'end' }, fmt(v)));
  }
  for (const size of kSizes) {
    root.append(svg('line', { x1: lx(size), x2: lx(size), y1: top, y2: H - bottom, class: 'grid' }),
      svg('text', { x: lx(size), y: H - bottom + 16, class: 'tick', 'text-anchor': 'middle' }, sizeName(size)));
  }
  root.append(svg('text', { x: (left + W - right) / 2, y: H - 6, class: 'axis', 'text-anchor': 'middle' }, 'input size (log scale)'),
    svg('text', { x: 14, y: (top + H - bottom) / 2, class: 'axis', 'text-anchor': 'middle', transform: `rotate(-90 14 ${(top + H - bottom) / 2})` }, 'MB/s'));
  kSha.forEach(([key, name], i) => {
    const points = rows.filter((r) => r.results[key]).map((r) => [lx(r.size), ly(r.results[key].mbPerS)]);
    if (points.length > 1) root.append(svg('polyline', { points: points.map((p) => p.join(',')).join(' '), class: `series s${i}` }));
    for (const [x, y] of points) root.append(svg('circle', { cx: x, cy: y, r: 3.5, class: `dot s${i}` }));
    const ly0 = top + 10 + i * 20;
    root.append(svg('line', { x1: W - right + 14, x2: W - right + 34, y1: ly0, y2: ly0, class: `series s${i}` }),
      svg('text', { x: W - right + 40, y: ly0 + 4, class: 'legend' }, name));
  });
  return root;
}

function render() {
  $('bench-empty').hidden = true;
  $('bench-chart').replaceChildren(...(results.sha256.length ? [chart()] : []));
  const tables = [];
  if (results.sha256.length) tables.push(shaTable());
  if (results.pins) tables.push(pinsTable());
  $('bench-tables').replaceChildren(...tables);
}

// ---- results as text ----

function markdown() {
  const d = results.device;
  const lines = [`## pincalc benchmark, ${results.date}`, '',
    `- Browser: ${d.userAgent}`, `- Logical cores: ${d.hardwareConcurrency ?? '?'}; memory: ${d.deviceMemoryGB ?? '?'} GB; platform: ${d.platform ?? '?'}`,
    `- Setting: ${results.minMs} ms per measurement, median of ${results.runs}`, '',
    '### SHA-256 (MB/s; µs per call)', '', `| size | ${kSha.map(([, n]) => n).join(' | ')} | digests agree |`,
    `|---:|${kSha.map(() => '---:').join('|')}|:---:|`];
  for (const row of results.sha256) {
    lines.push(`| ${sizeName(row.size)} | ${kSha.map(([k]) => {
      const r = row.results[k];
      return r ? `${fmt(r.mbPerS, 1)} (${fmt(r.usPerCall, 2)} µs)` : '–';
    }).join(' | ')} | ${row.agree ? 'yes' : 'NO'} |`);
  }
  if (results.pins) {
    const p = results.pins;
    lines.push('', `### Pins per second (${p.label}, ${p.certificates} certificates; pins agree: ${p.agree ? 'yes' : 'NO'})`, '',
      '| implementation | pins/s | ms for the corpus |', '|---|---:|---:|');
    for (const [k, n] of kPins) {
      const r = p.results[k];
      lines.push(`| ${n} | ${r ? fmt(r.pinsPerS) : '–'} | ${r ? fmt(r.ms, 1) : '–'} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function showText() {
  $('bench-markdown').textContent = markdown();
  $('bench-json').textContent = JSON.stringify(results, null, 2);
  $('bench-copy-md').disabled = false;
  $('bench-copy-json').disabled = false;
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    $('bench-copy-status').textContent = `${what} copied.`;
  } catch {
    $('bench-copy-status').textContent = `The browser refused the clipboard: open "Results as text" below and copy it by hand.`;
    $('bench-markdown').closest('details').open = true;
  }
}

// ---- running ----

function run() {
  let c;
  const count = Math.min(100000, Math.max(1, Math.floor(Number($('bench-count').value) || 1)));
  try {
    c = corpus(count);
  } catch (e) {
    setStatus(e.message);
    return;
  }
  const minMs = Number($('bench-time').value);
  const runs = minMs < 100 ? 1 : minMs < 300 ? 3 : 5;
  results = { schema: 'pincalc-bench-browser/1', date: new Date().toISOString(), minMs, runs, device: device(), sha256: [], pins: null };
  const section = $('bench-results');
  section.dataset.state = 'running';
  $('bench-run').disabled = true;
  const bar = $('bench-progress');
  bar.hidden = false;
  bar.value = 0;
  setStatus('Running… (keep this tab in front: background tabs are slowed down)');
  worker.onmessage = ({ data }) => {
    if (data.type === 'progress') {
      bar.value = data.done / data.total;
      setStatus(`Running: ${data.what}…`);
    } else if (data.type === 'sha256') {
      results.sha256.push(data.row);
      render();
    } else if (data.type === 'pins') {
      results.pins = data.row;
      render();
    } else if (data.type === 'done' || data.type === 'error') {
      bar.hidden = true;
      $('bench-run').disabled = false;
      const agree = results.sha256.every((r) => r.agree) && results.pins?.agree;
      section.dataset.state = data.type === 'error' ? 'failed' : 'done';
      section.dataset.agree = String(Boolean(agree));
      setStatus(data.type === 'error' ? `Failed: ${data.message}`
        : agree ? 'Done. Every implementation gave the same answers.' : 'Done, but some answers disagreed: see the tables.');
      showText();
    }
  };
  worker.postMessage({ type: 'run', minMs, runs, sizes: kSizes, corpus: c });
}

async function readFile(file) {
  $('bench-paste').value = await file.text();
  document.querySelector('input[name="corpus"][value="paste"]').checked = true;
  const n = ($('bench-paste').value.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
  setStatus(`${file.name}: ${n} certificate${n === 1 ? '' : 's'}.`);
}

function start() {
  showDevice();
  $('bench-run').addEventListener('click', run);
  $('bench-copy-md').addEventListener('click', () => copy(markdown(), 'Markdown'));
  $('bench-copy-json').addEventListener('click', () => copy(JSON.stringify(results, null, 2), 'JSON'));
  $('bench-paste').addEventListener('input', () => {
    document.querySelector('input[name="corpus"][value="paste"]').checked = true;
  });
  $('bench-file').addEventListener('change', (e) => { if (e.target.files[0]) readFile(e.target.files[0]); });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer?.files[0]) readFile(e.dataTransfer.files[0]);
  });
  worker = new Worker(new URL('./bench.worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    if (data.type === 'ready') {
      loadMs = data.loadMs;
      showDevice();
      $('bench-run').disabled = false;
      setStatus('Ready. A normal run takes about half a minute.');
      root.dataset.ready = 'true';
    } else if (data.type === 'error') {
      setStatus(`The benchmark cannot run: ${data.message}`);
      root.dataset.ready = 'failed';
    }
  };
  worker.onerror = (e) => {
    setStatus(`The benchmark worker failed: ${e.message ?? 'unknown error'}`);
    root.dataset.ready = 'failed';
  };
}

start();
