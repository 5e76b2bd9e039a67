// app.js: the page. Collects the pasted text and the chosen or dropped files, has the core analyse
// them (here for small inputs, in worker.js for big ones) and renders the report.
//
// Everything derived from the input reaches the DOM through textContent or attribute setters of
// el() below, never through innerHTML: a certificate whose subject is markup stays text.
import { analyzeJson, loadPincalc } from './pincalc.js';

// Inputs above this many bytes go to the worker; below it the call takes a few milliseconds and a
// round trip through the worker would only add latency while typing.
const kWorkerThreshold = 256 * 1024;
// Cards rendered at once; the rest behind a "show all" button (a 5 MB bundle has thousands).
const kFirstCards = 400;
const kTypingDelayMs = 150;

const $ = (id) => document.getElementById(id);
const paste = $('paste');
const filesInput = $('files');
const fileList = $('file-list');
const statusLine = $('status');
const progress = $('progress');
const progressText = $('progress-text');
const results = $('results');
const keyNotice = $('key-notice');
const dropOverlay = $('drop-overlay');

const files = [];  // { name, bytes: Uint8Array }
let generation = 0;
let typingTimer = 0;

// ---------------------------------------------------------------------------------------------
// DOM helpers

// el creates an element. props: class, text, hidden, on<event> handlers, and any other attribute
// (set with setAttribute, so values are never parsed as markup). Children: nodes or strings (text).
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// ---------------------------------------------------------------------------------------------
// Copy to clipboard

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API unavailable (permissions, older browsers): select a hidden field and copy.
    const field = el('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true' });
    field.value = text;
    document.body.append(field);
    field.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    field.remove();
    return ok;
  }
}

function copyButton(value, what) {
  const button = el('button', { type: 'button', class: 'copy', 'aria-label': `Copy ${what}` }, 'Copy');
  button.addEventListener('click', async () => {
    const ok = await copyText(value);
    button.textContent = ok ? 'Copied' : 'Select & copy';
    button.classList.toggle('copied', ok);
    statusLine.textContent = ok ? `Copied ${what}.` : 'Copying failed; select the value and copy it.';
    setTimeout(() => {
      button.textContent = 'Copy';
      button.classList.remove('copied');
    }, 1600);
  });
  return button;
}

// ---------------------------------------------------------------------------------------------
// Report helpers (schema pincalc/1)

// rdnValue returns the first value of attribute `type` in an RFC 4514 name, unescaped.
function rdnValue(name, type) {
  if (!name) return '';
  const re = new RegExp(`(?:^|[,+])\\s*${type}=((?:\\\\.|[^,+\\\\])*)`, 'i');
  const m = re.exec(name);
  if (!m) return '';
  return m[1].replace(/\\([0-9a-fA-F]{2}|.)/g, (_, c) =>
    c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c);
}

function displayName(item) {
  const name = item.subject || '';
  return rdnValue(name, 'CN') || rdnValue(name, 'OU') || rdnValue(name, 'O') || name;
}

const kKindNames = {
  certificate: 'Certificate',
  csr: 'Certificate request (CSR)',
  public_key: 'Public key',
  rsa_public_key: 'RSA public key (PKCS#1)',
  private_key: 'Private key — public half only',
};

const kRoleNames = {
  leaf: 'Leaf',
  intermediate: 'Intermediate',
  root: 'Root',
  self_signed: 'Self-signed',
  unrelated: 'Unrelated',
  key: 'Key',
};

function keyDescription(key = {}) {
  const parts = [key.algorithm || key.algorithm_oid || 'unknown algorithm'];
  if (key.bits) parts.push(`${key.bits} bits`);
  if (key.curve) parts.push(key.curve);
  return parts.join(' · ');
}

// validity returns { tone, text } for an item's badge from the core's verdict (item.validity,
// item.days_left, judged at report.evaluated_at), or null for items without a validity period.
function validity(item) {
  const days = item.days_left;
  switch (item.validity) {
    case 'expired': {
      const ago = -days;
      return { tone: 'bad', text: ago <= 0 ? 'Expired today' : `Expired ${plural(ago, 'day')} ago` };
    }
    case 'not_yet_valid':
      return { tone: 'warn', text: `Not valid before ${String(item.not_before).slice(0, 10)}` };
    case 'expires_soon':
      return { tone: 'warn', text: days === 0 ? 'Expires today' : `Expires in ${plural(days, 'day')}` };
    case 'valid':
      return { tone: 'good', text: `Valid · ${plural(days, 'day')} left` };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

function valueRow(label, value, what, { primary = false, help } = {}) {
  return el('div', { class: primary ? 'value-row primary' : 'value-row' },
    el('div', { class: 'value-label' }, el('span', { text: label }), help && el('span', { class: 'value-help', text: help })),
    el('div', { class: 'value-box' },
      el('code', { class: 'value', text: value }),
      copyButton(value, what)));
}

function fieldRow(term, ...values) {
  const items = values.flat().filter((v) => v !== undefined && v !== null && v !== '');
  if (items.length === 0) return null;
  return el('div', { class: 'field' }, el('dt', { text: term }), el('dd', {}, ...items));
}

function sanList(san) {
  if (!san) return [];
  const out = [];
  for (const [kind, label] of [['dns', 'DNS'], ['ip', 'IP'], ['email', 'e-mail'], ['uri', 'URI']]) {
    for (const v of san[kind] || []) out.push(el('span', { class: 'chip', title: label, text: v }));
  }
  return out;
}

function warningList(list) {
  if (!list || list.length === 0) return null;
  return el('ul', { class: 'warnings' },
    list.map((w) => el('li', { class: w.severity === 'info' ? 'info' : 'warn' },
      el('span', { class: 'sr-label', text: w.severity === 'info' ? 'Note: ' : 'Warning: ' }), w.message)));
}

function card(item, report, warningsFor) {
  const name = displayName(item);
  const title = item.kind === 'certificate' || item.kind === 'csr'
    ? (name || '(empty subject)')
    : kKindNames[item.kind] || item.kind;
  const badge = validity(item);
  const where = `${item.source}${item.block ? `, block ${item.block}` : ''}`;
  const pins = item.pins || {};
  const fp = item.fingerprints;
  const label = name || kKindNames[item.kind] || 'item';

  const article = el('article', {
    class: `card kind-${item.kind} role-${item.role}`,
    'data-index': item.index,
    'data-pin': pins.sha256,
    'aria-labelledby': `item-${item.index}-title`,
  },
  el('header', { class: 'card-head' },
    el('div', { class: 'badges' },
      el('span', { class: `badge role ${item.role}`, text: kRoleNames[item.role] || item.role }),
      item.kind === 'csr' && el('span', { class: 'badge kind', text: kKindNames.csr }),
      badge && el('span', { class: `badge validity ${badge.tone}`, text: badge.text }),
      item.same_key_as !== undefined && item.same_key_as !== null &&
        el('span', { class: 'badge info', text: `same key as #${item.same_key_as + 1}` })),
    el('h3', { id: `item-${item.index}-title`, class: 'card-title', text: title }),
    el('p', { class: 'card-source', text: `#${item.index + 1} · ${where}` })),
  item.from_private_key && el('p', { class: 'notice danger small' },
    el('strong', { text: 'From a private key. ' }),
    'The key never left this browser and is not shown here, but it should not be pasted into tools at all: use its certificate, public key or CSR.'),
  // The private-key notice above says what the core's private_key warning says.
  warningList((warningsFor(item.index) || []).filter((w) => !(item.from_private_key && w.code === 'private_key'))),
  el('dl', { class: 'fields' },
    fieldRow('Subject', item.subject),
    fieldRow('Issuer', item.kind === 'certificate' ? item.issuer : ''),
    fieldRow('Names', sanList(item.san || item.sans)),
    fieldRow('Key', keyDescription(item.key)),
    fieldRow('Valid', item.not_before && item.not_after
      ? `${item.not_before} → ${item.not_after}` : ''),
    fieldRow('Serial', item.serial ? el('span', { class: 'mono', text: item.serial }) : '')),
  el('section', { class: 'pins', 'aria-label': `Pins of ${label}` },
    el('h4', { text: 'SPKI pins' }, el('span', { class: 'h-note', text: ' — stay the same while the key does' })),
    valueRow('SPKI pin (SHA-256, base64)', pins.sha256, `SPKI pin of ${label}`,
      { primary: true, help: 'use this for Android, iOS, OkHttp, TrustKit' }),
    el('details', { class: 'more' },
      el('summary', { text: 'Other forms of the same pin' }),
      pins.sha256_prefixed && valueRow('OkHttp / Ktor form', pins.sha256_prefixed, `sha256/ pin of ${label}`),
      pins.sha256_hex && valueRow('SHA-256, hex', pins.sha256_hex, `hex SPKI pin of ${label}`),
      pins.sha1 && valueRow('SHA-1, base64', pins.sha1, `SHA-1 SPKI pin of ${label}`,
        { help: 'legacy libraries only' }))),
  fp && el('section', { class: 'fingerprints', 'aria-label': `Fingerprints of ${label}` },
    el('details', {},
      el('summary', {},
        el('span', { class: 'h4', text: 'Certificate fingerprints' }),
        el('span', { class: 'h-note', text: ' — change at every renewal; not pins' })),
      valueRow('Certificate fingerprint SHA-256', fp.sha256, `certificate fingerprint SHA-256 of ${label}`),
      valueRow('Certificate fingerprint SHA-1', fp.sha1, `certificate fingerprint SHA-1 of ${label}`))));
  return article;
}

function errorCard(error) {
  const where = [error.source, error.block ? `block ${error.block}` : '', error.line ? `line ${error.line}` : '']
    .filter(Boolean).join(', ');
  return el('article', { class: 'card error-card', role: 'group', 'aria-label': `Error in ${where}` },
    el('header', { class: 'card-head' },
      el('div', { class: 'badges' }, el('span', { class: 'badge bad', text: 'Not pinned' }),
        error.code && el('span', { class: 'badge kind mono', text: error.code })),
      el('h3', { class: 'card-title', text: where })),
    el('p', { class: 'error-message', text: error.message }));
}

function linkNote(link) {
  if (!link) return el('div', { class: 'link broken', text: 'no link' });
  const sig = link.signature_valid === true ? 'signature verified'
    : link.signature_valid === false ? 'signature does NOT verify' : 'signature not checked';
  const tone = link.signature_valid === false ? 'bad' : link.signature_valid === true ? 'good' : 'neutral';
  return el('div', { class: `link ${tone}` },
    el('span', { class: 'arrow', 'aria-hidden': 'true', text: '↓' }),
    el('span', { text: `issued by the next certificate · ${sig}` }));
}

function render(report, sources, ms) {
  const items = report.items || [];
  const chains = report.chains || [];
  const errors = report.errors || [];
  const warnings = report.warnings || [];

  // An item no chain lists (a key, a CSR, a repeated certificate) is a group of its own.
  const chained = new Set(chains.flatMap((c) => c.items));

  // Warnings about several items of one chain go on the chain; others on the card of every item
  // they name (a shared key concerns both certificates); about none, on top.
  const byItem = new Map();
  const byGroup = new Map();
  const general = [];
  const add = (map, key, w) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(w);
  };
  for (const w of warnings) {
    const ids = w.items || [];
    const chainOf = (i) => (chained.has(i) ? items[i].chain : null);
    if (ids.length === 0) general.push(w);
    else if (ids.length > 1 && chainOf(ids[0]) !== null && ids.every((i) => chainOf(i) === chainOf(ids[0]))) {
      add(byGroup, chainOf(ids[0]), w);
    } else {
      for (const i of ids) add(byItem, i, w);
    }
  }
  const warningsFor = (i) => byItem.get(i);

  // Groups in input order: a chain sits where its first block was, errors where theirs was.
  const sourceRank = new Map(sources.map((s, i) => [s.name, i]));
  const rank = (source, offset, block) => [sourceRank.get(source) ?? 0, offset ?? 0, block ?? 0];
  const groups = [];
  chains.forEach((chain, ci) => {
    const members = chain.items.map((i) => items[i]);
    const first = members.reduce((a, b) => (compareRank(rank(a.source, a.offset, a.block), rank(b.source, b.offset, b.block)) <= 0 ? a : b));
    groups.push({ type: 'chain', chain, ci, members, rank: rank(first.source, first.offset, first.block) });
  });
  for (const item of items) {
    if (!chained.has(item.index)) {
      groups.push({ type: 'single', members: [item], rank: rank(item.source, item.offset, item.block) });
    }
  }
  for (const error of errors) {
    groups.push({ type: 'error', error, rank: rank(error.source, error.offset, error.block) });
  }
  groups.sort((a, b) => compareRank(a.rank, b.rank));

  const frag = document.createDocumentFragment();
  const pinned = items.length;
  frag.append(el('div', { class: 'summary' },
    el('p', { class: 'summary-line' },
      el('strong', { text: plural(pinned, 'item') }), ' pinned',
      chains.length ? ` · ${plural(chains.length, 'chain')}` : '',
      errors.length ? ` · ${plural(errors.length, 'block')} not pinned` : '',
      ` · ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`,
      el('span', { class: 'muted', text: ` · validity judged at ${report.evaluated_at}` })),
    pinned > 1 && el('button', {
      type: 'button', class: 'button small',
      onclick: () => copyAllPins(items),
    }, 'Copy all SPKI pins')));
  if (general.length) frag.append(warningList(general));

  // Cards beyond the first kFirstCards are built only when asked for.
  let budget = kFirstCards;
  const rest = [];
  for (const g of groups) {
    if (budget > 0) frag.append(renderGroup(g, report, warningsFor, byGroup));
    else rest.push(g);
    budget -= g.members ? g.members.length : 1;
  }
  if (rest.length) {
    const hidden = rest.reduce((n, g) => n + (g.members ? g.members.length : 1), 0);
    const more = el('button', { type: 'button', class: 'button more-button' },
      `Show the other ${plural(hidden, 'card')}`);
    more.addEventListener('click', () => {
      more.replaceWith(...rest.map((g) => renderGroup(g, report, warningsFor, byGroup)));
    });
    frag.append(more);
  }
  results.replaceChildren(frag);
  keyNotice.hidden = !items.some((i) => i.from_private_key);
}

function compareRank(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function renderGroup(group, report, warningsFor, byGroup) {
  if (group.type === 'error') return errorCard(group.error);
  if (group.type === 'single') {
    const item = group.members[0];
    return el('section', { class: 'group single', 'aria-label': displayName(item) || kKindNames[item.kind] },
      card(item, report, warningsFor));
  }
  const { chain, ci, members } = group;
  const leaf = members[0];
  const n = members.length;
  const state = chain.complete ? 'complete, ends at a root'
    : chain.top_issuer ? `root not included (issued by ${rdnValue(chain.top_issuer, 'CN') || chain.top_issuer})`
      : 'root not included';
  if (n === 1) {
    // A chain of one: the card says it all; only a missing issuer is worth a line.
    return el('section', { class: 'group chain', 'aria-label': displayName(leaf) || 'Certificate', 'data-chain': ci },
      warningList(byGroup.get(ci)),
      card(leaf, report, warningsFor),
      !chain.complete && el('p', { class: 'chain-note', text: `Chain: ${state}.` }));
  }
  const section = el('section', { class: 'group chain multi', 'aria-labelledby': `chain-${ci}-title`, 'data-chain': ci },
    el('header', { class: 'group-head' },
      el('h2', { id: `chain-${ci}-title`, text: `Chain: ${displayName(leaf) || 'certificate'}` }),
      el('p', { class: 'muted', text: `${plural(n, 'certificate')}, leaf → root · ${state}` })),
    warningList(byGroup.get(ci)));
  const list = el('ol', { class: 'chain-list' });
  members.forEach((item, k) => {
    const li = el('li', {}, card(item, report, warningsFor));
    if (k < n - 1) {
      const link = (chain.links || []).find((l) => l.child === item.index);
      li.append(linkNote(link));
    }
    list.append(li);
  });
  section.append(list);
  return section;
}

async function copyAllPins(items) {
  const lines = items.map((i) => `${i.pins.sha256}  ${displayName(i) || kKindNames[i.kind]}`);
  const ok = await copyText(`${lines.join('\n')}\n`);
  statusLine.textContent = ok ? `Copied ${plural(items.length, 'pin')}.` : 'Copying failed.';
}

// ---------------------------------------------------------------------------------------------
// Analysis: main thread for small inputs, the worker for big ones

let worker = null;
let workerReady = null;
const pendingWork = new Map();

function startWorker() {
  if (typeof Worker !== 'function') return Promise.resolve(false);
  try {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    worker.addEventListener('message', (e) => {
      const msg = e.data;
      if (msg.type === 'ready') return resolve(true);
      if (msg.id === null) { worker = null; return resolve(false); }
      const pending = pendingWork.get(msg.id);
      if (!pending) return;
      pendingWork.delete(msg.id);
      if (msg.type === 'result') pending.resolve({ json: msg.json, ms: msg.ms });
      else pending.reject(new Error(msg.message));
    });
    worker.addEventListener('error', () => {
      worker = null;
      for (const p of pendingWork.values()) p.reject(new Error('the background worker stopped'));
      pendingWork.clear();
      resolve(false);
    });
  });
}

function inWorker(sources, options) {
  const id = `${Date.now()}-${Math.random()}`;
  return new Promise((resolve, reject) => {
    pendingWork.set(id, { resolve, reject });
    // Copies go to the worker so the page keeps its own bytes for the next run.
    const copies = sources.map((s) => ({ name: s.name, bytes: s.bytes.slice() }));
    worker.postMessage({ id, sources: copies, options }, copies.map((s) => s.bytes.buffer));
  });
}

const encoder = new TextEncoder();

function currentSources() {
  const list = [];
  if (paste.value.trim() !== '') list.push({ name: 'paste', bytes: encoder.encode(paste.value) });
  for (const f of files) list.push({ name: f.name, bytes: f.bytes });
  return list;
}

async function analyseNow() {
  const mine = ++generation;
  const t0 = performance.now();
  const sources = currentSources();
  if (sources.length === 0) {
    results.replaceChildren(emptyState());
    keyNotice.hidden = true;
    statusLine.textContent = '';
    results.dataset.state = 'empty';
    return;
  }
  const total = sources.reduce((n, s) => n + s.bytes.length, 0);
  const big = total > kWorkerThreshold && worker && (await workerReady);
  results.dataset.state = 'busy';
  let timer = 0;
  if (big) {
    // The core is one call with no progress callback: say what is happening and since when.
    const started = performance.now();
    progress.hidden = false;
    progressText.textContent = `Analysing ${formatBytes(total)} in the background…`;
    timer = setInterval(() => {
      progressText.textContent = `Analysing ${formatBytes(total)} in the background… ${((performance.now() - started) / 1000).toFixed(1)} s`;
    }, 250);
  }
  try {
    let json;
    let ms;
    if (big) {
      ({ json, ms } = await inWorker(sources, {}));
    } else {
      const started = performance.now();
      json = await analyzeJson(sources);
      ms = performance.now() - started;
    }
    if (mine !== generation) return;  // a newer input superseded this one
    const report = JSON.parse(json);
    render(report, sources, ms);
    results.dataset.ms = ms.toFixed(1);
    // From the input to the cards in the DOM (reading, analysis, JSON parse, rendering).
    results.dataset.totalMs = (performance.now() - t0).toFixed(1);
    results.dataset.engine = big ? 'worker' : 'main';
    results.dataset.state = 'done';
    const n = report.items?.length ?? 0;
    const bad = report.errors?.length ?? 0;
    statusLine.textContent = `${plural(n, 'item')} pinned${bad ? `, ${plural(bad, 'block')} not pinned` : ''}.`;
  } catch (e) {
    if (mine !== generation) return;
    results.replaceChildren(el('p', { class: 'notice danger', role: 'alert', text: `pincalc failed: ${e.message}` }));
    results.dataset.state = 'failed';
  } finally {
    if (timer) clearInterval(timer);
    if (mine === generation) progress.hidden = true;
  }
}

function emptyState() {
  return el('div', { class: 'empty' },
    el('p', { text: 'Paste a certificate above, choose files, or drop them here.' }),
    el('p', { class: 'muted' }, 'Tip: a server\'s whole chain comes from ',
      el('code', { text: 'openssl s_client -connect host:443 -showcerts </dev/null' })));
}

function schedule() {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(analyseNow, kTypingDelayMs);
}

// ---------------------------------------------------------------------------------------------
// Files: picker and drag-and-drop anywhere

async function addFiles(fileListLike) {
  const incoming = Array.from(fileListLike || []);
  if (incoming.length === 0) return;
  statusLine.textContent = `Reading ${plural(incoming.length, 'file')}…`;
  for (const f of incoming) {
    const bytes = new Uint8Array(await f.arrayBuffer());
    files.push({ name: f.name, bytes });
  }
  renderFileList();
  analyseNow();
}

function renderFileList() {
  fileList.replaceChildren(...files.map((f, i) => el('li', { class: 'file' },
    el('span', { class: 'file-name', text: f.name }),
    el('span', { class: 'muted', text: formatBytes(f.bytes.length) }),
    el('button', {
      type: 'button', class: 'remove', 'aria-label': `Remove ${f.name}`,
      onclick: () => { files.splice(i, 1); renderFileList(); analyseNow(); },
    }, '×'))));
}

let dragDepth = 0;
function hasFiles(e) {
  return Array.from(e.dataTransfer?.types || []).includes('Files');
}
window.addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth++;
  dropOverlay.hidden = false;
});
window.addEventListener('dragleave', (e) => {
  if (!hasFiles(e)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropOverlay.hidden = true;
});
window.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
});
window.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth = 0;
  dropOverlay.hidden = true;
  addFiles(e.dataTransfer.files);
});

$('choose').addEventListener('click', () => filesInput.click());
filesInput.addEventListener('change', () => {
  addFiles(filesInput.files);
  filesInput.value = '';
});
paste.addEventListener('input', (e) => {
  // A paste or drop is complete input: show its result at once. Typing waits for a pause.
  if (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop') {
    clearTimeout(typingTimer);
    analyseNow();
  } else {
    schedule();
  }
});
$('clear').addEventListener('click', () => {
  paste.value = '';
  files.length = 0;
  renderFileList();
  analyseNow();
  paste.focus();
});
$('clear-key').addEventListener('click', () => {
  paste.value = '';
  analyseNow();
  paste.focus();
});

// ---------------------------------------------------------------------------------------------
// Start: load the module here and in the worker now, so that nothing is fetched after load.

results.replaceChildren(emptyState());
results.dataset.state = 'empty';
workerReady = startWorker();
Promise.allSettled([loadPincalc(), workerReady]).then(([main]) => {
  if (main.status === 'rejected') {
    statusLine.textContent = `The WebAssembly module did not load: ${main.reason?.message ?? main.reason}`;
  }
  document.documentElement.dataset.ready = main.status === 'fulfilled' ? 'true' : 'failed';
  if (paste.value.trim() !== '' || files.length) analyseNow();
});
