// app.js: the page. Collects the pasted text and the chosen or dropped files, has the core analyse
// them (here for small inputs, in worker.js for big ones) and renders the report; below it, the
// Configuration section renders the pinning snippets (the core's render_snippets) for the options
// in its form.
//
// Everything derived from the input reaches the DOM through textContent or attribute setters of
// el() (report-view.js), never through innerHTML: a certificate whose subject is markup stays text.
import { analyzeJson, loadPincalc, snippetsJson, splitDomains, targets } from './pincalc.js';
import {
  copyButton as copyValueButton,
  copyText, displayName, el, formatBytes, kKindNames, kRoleNames, kSeverityNames, keyDescription, plural,
  rdnValue, sentence, validity,
} from './report-view.js';

// Inputs above this many bytes go to the worker; below it the call takes a few milliseconds and a
// round trip through the worker would only add latency while typing.
const kWorkerThreshold = 256 * 1024;
// Cards rendered at once; the rest behind a "show all" button (a 5 MB bundle has thousands).
const kFirstCards = 400;
// Of those, the first kFirstPaintGroups groups (a chain or a lone item each) go in with the
// summary, so the first result is painted without waiting for the others; the others follow,
// kChunkGroups per task (the page stays responsive, and every card is in before data-state="done").
const kFirstPaintGroups = 8;
const kChunkGroups = 24;
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

const copyButton = (value, what) => copyValueButton(value, what, { status: statusLine });

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

// render shows a report: the summary and the first cards at once, the others in the tasks that
// follow. Resolves to true once every card is in, or to false when isCurrent() turns false (a
// newer input took over) before that.
async function render(report, sources, ms, isCurrent = () => true) {
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
  const shown = [];
  const rest = [];
  for (const g of groups) {
    if (budget > 0) shown.push(g);
    else rest.push(g);
    budget -= g.members ? g.members.length : 1;
  }
  const build = (list) => list.map((g) => renderGroup(g, report, warningsFor, byGroup));
  frag.append(...build(shown.slice(0, kFirstPaintGroups)));
  results.replaceChildren(frag);
  keyNotice.hidden = !items.some((i) => i.from_private_key);
  for (let at = kFirstPaintGroups; at < shown.length; at += kChunkGroups) {
    await new Promise((resolve) => { setTimeout(resolve, 0); });
    if (!isCurrent()) return false;
    results.append(...build(shown.slice(at, at + kChunkGroups)));
  }
  if (rest.length) {
    const hidden = rest.reduce((n, g) => n + (g.members ? g.members.length : 1), 0);
    const more = el('button', { type: 'button', class: 'button more-button' },
      `Show the other ${plural(hidden, 'card')}`);
    more.addEventListener('click', () => {
      more.replaceWith(...build(rest));
    });
    results.append(more);
  }
  return true;
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

// inWorker runs `call` ('analyze' or 'snippets') in the worker.
function inWorker(sources, options, call = 'analyze') {
  const id = `${Date.now()}-${Math.random()}`;
  return new Promise((resolve, reject) => {
    pendingWork.set(id, { resolve, reject });
    // Copies go to the worker so the page keeps its own bytes for the next run.
    const copies = sources.map((s) => ({ name: s.name, bytes: s.bytes.slice() }));
    worker.postMessage({ id, call, sources: copies, options }, copies.map((s) => s.bytes.buffer));
  });
}

// useWorker tells whether sources this big go to the worker (when it is running).
async function useWorker(sources) {
  const total = sources.reduce((n, s) => n + s.bytes.length, 0);
  return total > kWorkerThreshold && worker !== null && (await workerReady);
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
    configForReport(null, []);
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
    if (!(await render(report, sources, ms, () => mine === generation))) return;
    configForReport(report, sources);
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
    configForReport(null, []);
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
// Configuration: pinning snippets for the options in the form (schema pincalc-snippets/1)

const config = $('config');
const configForm = $('config-form');
const domainsInput = $('domains');
const expirationInput = $('expiration');
const subdomainsInput = $('include-subdomains');
const configErrors = $('config-errors');
const pinList = $('pin-list');
const targetSelect = $('target');
const targetSummary = $('target-summary');
const snippetPrompt = $('snippet-prompt');
const snippetView = $('snippet-view');
const snippetFilename = $('snippet-filename');
const snippetCode = $('snippet-code');
const lintList = $('lints');

// Certificates listed with a checkbox before a "show all" button (a CA bundle has hundreds).
const kFirstPinChoices = 40;

const configState = {
  report: null,
  sources: [],
  // picks: item index → { pinned, backup } for certificates; null until the core's default
  // selection for this input is known (a call without items reads it back).
  picks: null,
  custom: false,      // the user changed the picks: send them (until then the core's default)
  set: null,          // the last snippet set, every target
  targets: [],        // [{ id, title, summary }]
  generation: 0,
};
let configTimer = 0;

const kDomainPrompt = 'Type the domain your app connects to, and the configuration appears here.';
const kFixPrompt = 'No configuration until the problem marked above is fixed.';

// configForReport is called with every new report (null: no input). It resets the pin choices to
// the core's default for the new input and renders the snippets again.
function configForReport(report, sources) {
  configState.report = report && (report.items || []).length ? report : null;
  configState.sources = sources;
  configState.picks = null;
  configState.custom = false;
  configState.set = null;
  config.hidden = configState.report === null;
  if (configState.report === null) {
    configState.generation++;
    pinList.replaceChildren();
    config.dataset.state = 'empty';
    return;
  }
  // After the cards are painted: the pin list and the default snippets (a second pass of the core)
  // are below them and must not delay the first result.
  requestAnimationFrame(() => setTimeout(() => {
    if (configState.report !== report) return;  // a newer input took over
    renderPinList();
    updateSnippets();
  }, 0));
}

function isCertificate(item) {
  return item.kind === 'certificate';
}

function expiryDate(item) {
  return item.not_after ? String(item.not_after).slice(0, 10) : '';
}

// renderPinList builds one row per item: a checkbox per certificate, and a fixed "backup" row
// for keys and CSRs, which the core always pins as backups.
function renderPinList() {
  const items = configState.report.items;
  const rows = items.map((item) => pinRow(item));
  const first = rows.slice(0, kFirstPinChoices);
  pinList.replaceChildren(...first);
  if (rows.length > kFirstPinChoices) {
    const more = el('li', { class: 'pin-more' },
      el('button', {
        type: 'button', class: 'button small',
        onclick: () => {
          more.replaceWith(...rows.slice(kFirstPinChoices));
          syncPinRows();
        },
      }, `Show the other ${plural(rows.length - kFirstPinChoices, 'item')}`));
    pinList.append(more);
  }
  syncPinRows();
}

function pinRow(item) {
  const id = `pick-${item.index}`;
  const name = displayName(item) || kKindNames[item.kind] || 'item';
  const cert = isCertificate(item);
  const details = [
    kRoleNames[item.role] || item.role,
    cert && expiryDate(item) ? `expires ${expiryDate(item)}` : (cert ? '' : kKindNames[item.kind]),
  ].filter(Boolean).join(' · ');
  const pick = el('input', {
    type: 'checkbox', id, class: 'pick', 'data-index': item.index,
    disabled: !cert, 'aria-describedby': `${id}-pin`,
  });
  pick.addEventListener('change', () => {
    configState.custom = true;
    configState.picks.set(item.index, { ...configState.picks.get(item.index), pinned: pick.checked });
    syncPinRows();
    updateSnippets();
  });
  const backupId = `${id}-backup`;
  const backup = el('input', {
    type: 'checkbox', id: backupId, class: 'pick-backup', 'data-index': item.index, disabled: !cert,
  });
  backup.addEventListener('change', () => {
    configState.custom = true;
    configState.picks.set(item.index, { ...configState.picks.get(item.index), backup: backup.checked });
    syncPinRows();
    updateSnippets();
  });
  return el('li', { class: `pin-choice role-${item.role}`, 'data-index': item.index },
    pick,
    el('label', { for: id, class: 'pin-label' },
      el('span', { class: 'pin-name', text: `#${item.index + 1} ${name}` }),
      el('span', { class: 'pin-meta muted', text: details })),
    el('code', { id: `${id}-pin`, class: 'pin-value', text: item.pins?.sha256 ?? '' }),
    el('label', { for: backupId, class: 'pin-backup', title: 'A backup pin: a key the server does not present today' },
      backup, cert ? 'backup' : 'backup (always)'));
}

// syncPinRows sets the checkboxes from configState.picks (unknown yet: all unticked and waiting).
function syncPinRows() {
  for (const row of pinList.querySelectorAll('li.pin-choice')) {
    const index = Number(row.dataset.index);
    const item = configState.report.items[index];
    const pick = row.querySelector('input.pick');
    const backup = row.querySelector('input.pick-backup');
    if (!isCertificate(item)) {
      pick.checked = true;
      backup.checked = true;
      row.classList.add('picked');
      continue;
    }
    const p = configState.picks?.get(index) ?? { pinned: false, backup: false };
    pick.checked = p.pinned;
    backup.checked = p.pinned && p.backup;
    backup.disabled = !p.pinned;
    row.classList.toggle('picked', p.pinned);
  }
}

// snippetOptions reads the form. items/backupItems are sent once the user has changed the ticked
// boxes; until then the core applies its default selection.
function snippetOptions() {
  const options = {
    domains: splitDomains(domainsInput.value),
    includeSubdomains: subdomainsInput.checked,
    expiration: expirationInput.value,
    enforce: !$('mode-report').checked,
  };
  if (configState.custom) {
    const items = [];
    const backupItems = [];
    for (const [index, p] of configState.picks) {
      if (!p.pinned) continue;
      (p.backup ? backupItems : items).push(index);
    }
    options.items = items;
    options.backupItems = backupItems;
  }
  return options;
}

function scheduleSnippets() {
  clearTimeout(configTimer);
  configTimer = setTimeout(updateSnippets, kTypingDelayMs);
}

async function updateSnippets() {
  clearTimeout(configTimer);
  if (!configState.report) return;
  const mine = ++configState.generation;
  const options = snippetOptions();
  const { sources } = configState;
  if (configState.custom && options.items.length === 0) {
    // Both lists empty would mean "the default selection" to the core: say what is missing.
    showSnippetErrors(['Tick at least one certificate of the chain your server presents: backup pins alone would reject every connection.']);
    config.dataset.state = 'invalid';
    return;
  }
  config.dataset.state = 'busy';
  try {
    const big = await useWorker(sources);
    const call = (o) => (big ? inWorker(sources, o, 'snippets').then((r) => r.json) : snippetsJson(sources, o));
    // No domain typed yet: nothing to render (the core would only say so).
    const set = options.domains.length ? JSON.parse(await call(options)) : null;
    if (mine !== configState.generation) return;
    config.dataset.engine = big ? 'worker' : 'main';
    if (!configState.custom) {
      // The core's default selection for this input becomes the ticked boxes. The core picks no
      // pins while an option is wrong (no domain typed yet): ask it with a stand-in domain.
      let defaults = set;
      if ((set === null || set.errors.length) && configState.picks === null) {
        defaults = JSON.parse(await call({ domains: ['example.com'], targets: ['pins-json'] }));
        if (mine !== configState.generation) return;
      }
      if (defaults !== null && defaults.errors.length === 0) {
        configState.picks = new Map(configState.report.items.filter(isCertificate)
          .map((item) => [item.index, { pinned: false, backup: false }]));
        for (const pin of defaults.pins || []) {
          if (configState.picks.has(pin.item)) configState.picks.set(pin.item, { pinned: true, backup: Boolean(pin.backup) });
        }
        syncPinRows();
      }
    }
    configState.set = set;
    labelTargets(set ?? { snippets: [] });
    renderSnippet();
  } catch (e) {
    if (mine !== configState.generation) return;
    showSnippetErrors([`pincalc failed: ${e.message}`]);
    config.dataset.state = 'failed';
  }
}

// showSnippetErrors lists the core's option errors under the fields and renders no snippet.
function showSnippetErrors(errors) {
  configErrors.replaceChildren(...errors.map((message) => el('li', {},
    el('span', { class: 'sr-label', text: 'Error: ' }), message)));
  if (errors.some((m) => /domain|host/i.test(m))) domainsInput.setAttribute('aria-invalid', 'true');
  else domainsInput.removeAttribute('aria-invalid');
  snippetView.hidden = true;
  snippetPrompt.textContent = kFixPrompt;
  snippetPrompt.hidden = false;
  snippetCode.textContent = '';
}


// labelTargets adds each target's error count to its name in the picker, so a platform the
// options do not suit (a wildcard domain, too few pins) shows before it is picked.
function labelTargets(set) {
  const errorsOf = new Map((set.snippets || []).map((s) => [s.target, s.lints.filter((l) => l.severity === 'error').length]));
  for (const option of targetSelect.options) {
    const target = configState.targets.find((t) => t.id === option.value);
    const n = errorsOf.get(option.value) ?? 0;
    option.textContent = n ? `${target.title} — ${plural(n, 'error')}` : target.title;
  }
}

function currentTarget() {
  return configState.targets.find((t) => t.id === targetSelect.value) ?? null;
}

// renderSnippet shows the chosen target's snippet and lints from the last set.
function renderSnippet() {
  const set = configState.set;
  const target = currentTarget();
  targetSummary.textContent = target ? target.summary : '';
  if (configState.report === null) return;
  if (!set) {
    if (splitDomains(domainsInput.value).length) return;  // the call for it is on its way
    // Nothing typed yet: a prompt, not an error.
    configErrors.replaceChildren();
    domainsInput.removeAttribute('aria-invalid');
    snippetView.hidden = true;
    snippetPrompt.textContent = kDomainPrompt;
    snippetPrompt.hidden = false;
    snippetCode.textContent = '';
    config.dataset.state = 'no-domain';
    return;
  }
  if ((set.errors || []).length) {
    showSnippetErrors(set.errors);
    config.dataset.state = 'invalid';
    return;
  }
  configErrors.replaceChildren();
  domainsInput.removeAttribute('aria-invalid');
  const snippet = (set.snippets || []).find((s) => s.target === targetSelect.value) ?? set.snippets?.[0];
  if (!snippet) {
    showSnippetErrors(['The core rendered no snippet for this platform.']);
    config.dataset.state = 'invalid';
    return;
  }
  snippetPrompt.hidden = true;
  snippetView.hidden = false;
  snippetFilename.textContent = snippet.filename;
  snippetCode.textContent = snippet.text;
  snippetCode.className = `language-${snippet.language}`;
  const lints = snippet.lints || [];
  lintList.replaceChildren(...(lints.length ? lints.map((lint) => el('li', {
    class: `lint ${lint.severity}`, 'data-code': lint.code,
  },
  el('span', { class: `lint-severity ${lint.severity}`, text: kSeverityNames[lint.severity] ?? lint.severity }),
  el('span', { class: 'lint-message', text: sentence(lint.message) }))) : [el('li', { class: 'lint ok', text: 'No problems found.' })]));
  const counts = ['error', 'warning'].map((sev) => [sev, lints.filter((l) => l.severity === sev).length]);
  $('lints-title').textContent = counts.some(([, n]) => n)
    ? `Checks — ${counts.filter(([, n]) => n).map(([sev, n]) => plural(n, sev)).join(', ')}`
    : 'Checks';
  config.dataset.state = 'done';
  config.dataset.target = snippet.target;
}

function downloadSnippet() {
  const set = configState.set;
  const snippet = set?.snippets?.find((s) => s.target === targetSelect.value);
  if (!snippet) return;
  // A Blob and an object URL: the file is made in this tab, nothing is fetched or uploaded.
  const url = URL.createObjectURL(new Blob([snippet.text], { type: 'text/plain;charset=utf-8' }));
  const a = el('a', { href: url, download: snippet.filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  statusLine.textContent = `Downloaded ${snippet.filename}.`;
}

async function loadTargets() {
  configState.targets = await targets();
  targetSelect.replaceChildren(...configState.targets.map((t) => el('option', { value: t.id, text: t.title })));
  renderSnippet();
}

configForm.addEventListener('submit', (e) => e.preventDefault());
domainsInput.addEventListener('input', scheduleSnippets);
domainsInput.addEventListener('change', updateSnippets);
expirationInput.addEventListener('change', updateSnippets);
subdomainsInput.addEventListener('change', updateSnippets);
for (const radio of configForm.querySelectorAll('input[name="mode"]')) radio.addEventListener('change', updateSnippets);
targetSelect.addEventListener('change', renderSnippet);
$('snippet-download').addEventListener('click', downloadSnippet);
$('snippet-copy').addEventListener('click', async (e) => {
  const button = e.currentTarget;
  const ok = await copyText(snippetCode.textContent);
  button.textContent = ok ? 'Copied' : 'Select & copy';
  button.classList.toggle('copied', ok);
  statusLine.textContent = ok ? `Copied the ${currentTarget()?.title ?? ''} snippet.` : 'Copying failed; select the text and copy it.';
  setTimeout(() => {
    button.textContent = 'Copy';
    button.classList.remove('copied');
  }, 1600);
});

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
const mainReady = loadPincalc().then(loadTargets);
// What was pasted or dropped while loading is analysed as soon as this thread's module is ready: the
// worker is only for big inputs (useWorker waits for it then).
mainReady.then(() => {
  if (paste.value.trim() !== '' || files.length) analyseNow();
}, () => {});
// data-ready: both modules are loaded, so nothing more will be fetched (the tests rely on it).
Promise.allSettled([mainReady, workerReady]).then(([main]) => {
  if (main.status === 'rejected') {
    statusLine.textContent = `The WebAssembly module did not load: ${main.reason?.message ?? main.reason}`;
  }
  document.documentElement.dataset.ready = main.status === 'fulfilled' ? 'true' : 'failed';
});
