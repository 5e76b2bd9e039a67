// check.js: the "Check a config" page. Three tools over the core's check.hpp, all in this tab:
//   Check a config   check(config, chain) + analyze(chain): per domain, the scenarios (today, leaf
//                    re-keyed, intermediate replaced, on expiration) and a per-pin table
//   Pin normalizer   normalize(pins, chain): canonical base64, algorithm, what each pin is a hash of
//   Renewal diff     diff(old, new) + analyze() of each side, side by side; the configured pins that
//                    the renewal breaks
// Inputs are small (a config, a chain), so every call runs in the main thread; the module is loaded
// once at start and nothing is fetched later.
//
// Everything derived from the input reaches the DOM through textContent or attribute setters of
// el() (report-view.js), never through innerHTML: a subject or a pin that is markup stays text.
import { analyze as analyzeIn, check, diff, loadPincalcCheck, normalize } from './pincalc.js';
import {
  copyButton as copyValueButton, displayName, el, kRoleNames, plural, sentence,
} from './report-view.js';

// analyze runs in the check page's module: check.html loads that one module, not the page's too.
const analyze = (input, options = {}) => analyzeIn(input, { ...options, module: 'check' });

const kTypingDelayMs = 150;

const $ = (id) => document.getElementById(id);
const statusLine = $('status');

// Names of the core's identifiers, for people.
const kFormatNames = {
  'android-nsc': 'Android network security config',
  'ios-ats': 'iOS App Transport Security (Info.plist NSPinnedDomains)',
  'trustkit-plist': 'TrustKit (Info.plist TSKConfiguration)',
  'trustkit-swift': 'TrustKit (Swift)',
  'trustkit-objc': 'TrustKit (Objective-C)',
  okhttp: 'OkHttp CertificatePinner',
  curl: 'curl --pinnedpubkey',
  envoy: 'Envoy verify_certificate_spki',
  'pins-json': 'pincalc pins.json',
};
const kScopeNames = {
  any_in_chain: 'a pin may match any certificate of the chain',
  leaf_only: 'pins are compared with the leaf\'s key only',
  ats_categories: 'leaf and CA identities are checked separately; each present category must match',
};
const kScenarioNames = {
  today: 'Today',
  leaf_rekeyed: 'Leaf re-keyed',
  intermediate_replaced: 'Intermediate replaced',
  on_expiration: 'On the expiration date',
};
const kFormNames = {
  base64: 'base64',
  base64url: 'base64url',
  unpadded: 'unpadded base64',
  hex: 'hex',
  'colon-hex': 'colon-separated hex',
  okhttp: 'OkHttp sha256/',
  curl: 'curl sha256//',
  hpkp: 'HPKP pin-sha256=',
  'python-bytes': 'Python b\'…\'',
};
const kFingerprintText = 'certificate fingerprint — not a public-key pin';

// ---------------------------------------------------------------------------------------------
// Inputs: a text area plus dropped or chosen files

const decoder = new TextDecoder();

function readFile(file) {
  return file.arrayBuffer().then((b) => new Uint8Array(b));
}

// certInput keeps one certificate input: the text area's text and the files chosen or dropped
// on its zone. sources() is what analyze() and friends take.
function certInput({ text, zone, list, choose, picker, onChange }) {
  const files = [];  // { name, bytes }
  const renderList = () => {
    list.replaceChildren(...files.map((f, i) => el('li', { class: 'file' },
      el('span', { class: 'file-name', title: f.name, text: f.name }),
      el('button', {
        type: 'button', class: 'remove', 'aria-label': `Remove ${f.name}`,
        onclick: () => {
          files.splice(i, 1);
          renderList();
          onChange();
        },
      }, '×'))));
  };
  const add = async (fileList) => {
    for (const f of fileList) files.push({ name: f.name, bytes: await readFile(f) });
    renderList();
    onChange();
  };
  text.addEventListener('input', onChange);
  if (choose && picker) {
    choose.addEventListener('click', () => picker.click());
    picker.addEventListener('change', () => {
      add([...picker.files]);
      picker.value = '';
    });
  }
  dropTarget(zone, add);
  return {
    sources() {
      const out = [];
      if (text.value.trim() !== '') out.push({ name: 'paste', text: text.value });
      return out.concat(files);
    },
    empty() {
      return text.value.trim() === '' && files.length === 0;
    },
  };
}

// dropTarget makes `zone` accept dropped files (handled by `onFiles`), with a highlight while
// files are dragged over it.
function dropTarget(zone, onFiles) {
  let depth = 0;
  zone.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types?.includes('Files')) return;
    e.preventDefault();
    depth += 1;
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types?.includes('Files')) e.preventDefault();
  });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('dragging');
  });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    zone.classList.remove('dragging');
    if (e.dataTransfer?.files?.length) onFiles([...e.dataTransfer.files]);
  });
}

// A file dropped beside the zones must not make the browser navigate to it.
for (const type of ['dragover', 'drop']) {
  document.addEventListener(type, (e) => {
    if (e.dataTransfer?.types?.includes('Files')) e.preventDefault();
  });
}

// debounced runs fn after the user has stopped typing for a moment. Until the results are
// rendered again, <html data-idle> is "false" (tests wait for "true").
function debounced(fn) {
  let timer = 0;
  return () => {
    document.documentElement.dataset.idle = 'false';
    clearTimeout(timer);
    timer = setTimeout(fn, kTypingDelayMs);
  };
}

// ---------------------------------------------------------------------------------------------
// Shared rendering

function badge(text, tone = '') {
  return el('span', { class: `badge ${tone}`.trim(), text });
}

function roleName(item) {
  if (item.kind !== 'certificate') return 'Backup key';
  return kRoleNames[item.role] || item.role;
}

// itemLabel: the role badge and the name of a report item, full subject in a tooltip.
function itemLabel(item) {
  return el('span', { class: 'item-label' },
    el('span', { class: `badge role ${item.kind === 'certificate' ? item.role : 'key'}`, text: roleName(item) }),
    ' ',
    el('span', { class: 'item-name', title: item.subject || '', text: displayName(item) || item.subject || `#${item.index + 1}` }));
}

const copyButton = (value, what) => copyValueButton(value, what, { status: statusLine, className: 'copy small-copy' });

function messageList(messages, cls) {
  if (!messages || messages.length === 0) return null;
  return el('ul', { class: cls }, messages.map((m) => el('li', { text: sentence(m) })));
}

// show replaces the children of `container` with the nodes given, skipping absent ones (null,
// false: parts with nothing to say).
function show(container, ...nodes) {
  container.replaceChildren(...nodes.filter(Boolean));
}

function prompt(text) {
  return el('p', { class: 'prompt', text });
}

function failure(container, e) {
  container.replaceChildren(el('p', { class: 'check-error', role: 'alert', text: `pincalc failed: ${e?.message ?? e}` }));
  container.dataset.state = 'error';
}

// pinMatch describes what a normalized pin (check's or normalize's) matches: { tone, status,
// detail: nodes }.
function pinMatch(pin, report) {
  const items = (pin.items || []).map((i) => report?.items?.[i]).filter(Boolean);
  if (pin.error) {
    return { tone: 'bad', status: 'Malformed', detail: [el('span', { class: 'pin-error', text: sentence(pin.error) })] };
  }
  switch (pin.match) {
    case 'spki':
      return {
        tone: 'good',
        status: 'Matches',
        detail: items.map((item) => itemLabel(item)),
      };
    case 'certificate':
      return {
        tone: 'bad',
        status: 'Fingerprint',
        detail: [
          el('span', { class: 'fingerprint-note', text: kFingerprintText }),
          ...items.map((item) => el('span', { class: 'of-item' }, 'of ', itemLabel(item))),
        ],
      };
    case 'none':
      return { tone: 'bad', status: 'No match', detail: [el('span', { text: 'matches nothing given' })] };
    default:
      return { tone: 'neutral', status: 'Unknown', detail: [el('span', { class: 'muted', text: 'no certificates given' })] };
  }
}

// pinValue: the canonical pin, and how it was written when that differs.
function pinValue(pin) {
  const canonical = pin.canonical || pin.input;
  return el('div', { class: 'pin-cell' },
    el('code', { class: 'pin-code', text: canonical }),
    pin.canonical && pin.input !== pin.canonical && el('span', { class: 'pin-written' },
      `written as ${kFormNames[pin.form] || pin.form}: `,
      el('code', { text: pin.input })),
    pin.algorithm === 'sha1' && el('span', { class: 'pin-written', text: 'SHA-1' }));
}

// ---------------------------------------------------------------------------------------------
// Check a config

const configText = $('config-text');
const checkResults = $('check-results');
let chainReport = null;  // the report of the chain input, for the normalizer
let lastCheck = null;    // the last check result, for the renewal diff
let checkGeneration = 0;

const chain = certInput({
  text: $('chain-text'),
  zone: $('chain-zone'),
  list: $('chain-file-list'),
  choose: $('chain-choose'),
  picker: $('chain-files'),
  onChange: debounced(() => updateAll()),
});

configText.addEventListener('input', debounced(() => updateAll()));
$('config-choose').addEventListener('click', () => $('config-file').click());
async function loadConfigFile(fileList) {
  const f = fileList[0];
  if (!f) return;
  configText.value = decoder.decode(await readFile(f));
  updateAll();
}
$('config-file').addEventListener('change', () => {
  loadConfigFile([...$('config-file').files]);
  $('config-file').value = '';
});
dropTarget($('config-zone'), loadConfigFile);

function scenarioList(domain) {
  if (domain.scenarios.length === 0) return null;
  return el('ul', { class: 'scenarios', 'aria-label': `Scenarios for ${domain.domain}` },
    domain.scenarios.map((s) => el('li', {
      class: `scenario ${s.connects ? 'ok' : 'breaks'}`,
      'data-scenario': s.name,
      'data-connects': String(s.connects),
    },
    el('span', { class: 'scenario-status', text: s.connects ? 'OK' : 'BREAKS' }),
    el('span', { class: 'scenario-name', text: s.name === 'on_expiration' && domain.expiration
      ? `${kScenarioNames[s.name]} (${domain.expiration})` : (kScenarioNames[s.name] || s.name) }),
    el('span', { class: 'scenario-reason', text: sentence(s.reason) }))));
}

function pinTable(domain, report) {
  if (domain.pins.length === 0) return el('p', { class: 'muted', text: 'No pins for this domain.' });
  const ats = domain.pins.some((p) => p.category);
  return el('div', { class: 'table-scroll' },
    el('table', { class: 'pin-table' },
      el('caption', { class: 'visually-hidden', text: `Pins configured for ${domain.domain}` }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Line' }),
        el('th', { scope: 'col', text: 'Pin' }),
        el('th', { scope: 'col', text: 'Matches' }),
        el('th', { scope: 'col', text: 'Status' }))),
      el('tbody', {}, domain.pins.map((p) => {
        const m = pinMatch(p, report);
        return el('tr', { class: `pin-row ${m.tone}`, 'data-pin': p.canonical || '', 'data-match': p.match, 'data-line': p.line },
          el('td', { class: 'line-cell', text: String(p.line) }),
          el('td', {}, pinValue(p),
            ats && p.category && el('span', { class: 'pin-written', text: p.category === 'ca' ? 'CA identity' : 'leaf identity' })),
          el('td', { class: 'match-cell' }, m.detail),
          el('td', { class: 'status-cell' }, el('span', { class: `status ${m.tone}`, text: m.status })));
      }))));
}

function domainCard(domain, report) {
  const today = domain.scenarios.find((s) => s.name === 'today');
  const flags = [
    domain.include_subdomains && badge('+ subdomains', 'info'),
    domain.expiration && badge(`pins expire ${domain.expiration}`),
    !domain.enforce && badge('report-only', 'warn'),
    today && badge(today.connects ? 'connects today' : 'breaks today', today.connects ? 'good' : 'bad'),
  ];
  return el('article', { class: 'domain-card', 'data-domain': domain.domain, 'aria-label': `Domain ${domain.domain}` },
    el('header', { class: 'domain-head' },
      el('h3', { class: 'domain-name', text: domain.domain }),
      el('span', { class: 'muted small', text: `line ${domain.line}` }),
      el('span', { class: 'badges' }, flags)),
    scenarioList(domain),
    pinTable(domain, report),
    domain.warnings.length > 0 && el('ul', { class: 'warnings' },
      domain.warnings.map((w) => el('li', { class: 'warn' },
        el('span', { class: 'sr-label', text: 'Warning: ' }), sentence(w)))));
}

function chainSummary(report) {
  if (!report || report.items.length === 0) return null;
  return el('div', {},
    report.items.some((item) => item.from_private_key) && el('p', { class: 'check-error key-notice', role: 'alert' },
      el('strong', { text: 'A private key is in your input. ' }),
      'It stayed in this tab and only its public half is used, but a private key should not be pasted into any tool: use the certificate, the public key or a CSR.'),
    el('div', { class: 'chain-summary' },
      el('span', { class: 'muted small', text: 'Certificates given:' }),
      report.items.map((item) => el('span', { class: 'chain-chip' }, `#${item.index + 1} `, itemLabel(item)))));
}

async function updateCheck(generation) {
  const config = configText.value;
  const sources = chain.sources();
  chainReport = sources.length ? await analyze(sources) : null;
  if (generation !== checkGeneration) return;
  if (config.trim() === '') {
    lastCheck = null;
    show(checkResults, prompt(chain.empty()
      ? 'Paste a configuration and the server\'s chain: the verdicts appear here.'
      : 'Now paste the configuration your app ships.'), chainSummary(chainReport),
    messageList(chainReport?.errors?.map((e) => `${e.source}: ${e.message}`), 'check-errors'));
    checkResults.dataset.state = 'empty';
    return;
  }
  const result = await check(config, sources);
  if (generation !== checkGeneration) return;
  lastCheck = result;
  const report = chainReport;
  const head = el('div', { class: 'check-summary' },
    el('p', { class: 'format-line' },
      el('span', { class: 'muted', text: 'Format: ' }),
      el('strong', { class: 'format-name', 'data-format': result.format, text: kFormatNames[result.format] || (result.format || 'not recognised') }),
      result.format && el('span', { class: 'muted small', text: ` — ${kScopeNames[result.scope] || result.scope}` })),
    result.domains.length > 0 && el('p', { class: 'verdict-line' }, verdictLine(result)));
  show(checkResults,
    head,
    messageList(result.errors, 'check-errors config-parse-errors'),
    messageList(report?.errors?.map((e) => `${e.source}: ${e.message}`), 'check-errors'),
    chainSummary(report),
    ...result.domains.map((d) => domainCard(d, report)));
  checkResults.dataset.state = 'done';
  statusLine.textContent = `Checked ${plural(result.domains.length, 'domain')}${result.errors.length ? `, ${plural(result.errors.length, 'error')}` : ''}.`;
}

function verdictLine(result) {
  const today = result.domains.map((d) => d.scenarios.find((s) => s.name === 'today')).filter(Boolean);
  const breaks = today.filter((s) => !s.connects).length;
  const future = result.domains.flatMap((d) => d.scenarios.filter((s) => s.name !== 'today' && !s.connects)).length;
  if (today.length === 0) return el('span', { class: 'muted', text: 'Give the server\'s chain to judge the domains.' });
  return [
    badge(breaks ? `${plural(breaks, 'domain')} break${breaks === 1 ? 's' : ''} today` : 'Connects today', breaks ? 'bad' : 'good'),
    ' ',
    badge(future ? `${plural(future, 'future scenario')} break${future === 1 ? 's' : ''}` : 'Survives every scenario', future ? 'warn' : 'good'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Pin normalizer

const pinsText = $('pins-text');
const normalizeResults = $('normalize-results');
pinsText.addEventListener('input', debounced(() => updateAll()));

async function updateNormalize(generation) {
  const text = pinsText.value;
  if (text.trim() === '') {
    normalizeResults.replaceChildren(prompt('Paste one or more pins.'));
    normalizeResults.dataset.state = 'empty';
    return;
  }
  const sources = chain.sources();
  const pins = await normalize(text, sources.length ? sources : undefined);
  if (generation !== checkGeneration) return;
  const report = chainReport;
  normalizeResults.replaceChildren(el('div', { class: 'table-scroll' },
    el('table', { class: 'pin-table normalize-table' },
      el('caption', { class: 'visually-hidden', text: 'Normalized pins' }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Canonical pin' }),
        el('th', { scope: 'col', text: 'Algorithm' }),
        el('th', { scope: 'col', text: 'What it is' }))),
      el('tbody', {}, pins.map((p) => {
        const m = pinMatch(p, report);
        return el('tr', { class: `pin-row ${m.tone}`, 'data-pin': p.canonical || '', 'data-match': p.match },
          el('td', {}, p.canonical
            ? el('div', { class: 'pin-cell' },
              el('div', { class: 'pin-copy' }, el('code', { class: 'pin-code', text: p.canonical }), copyButton(p.canonical, 'the canonical pin')),
              p.input !== p.canonical && el('span', { class: 'pin-written' }, `from ${kFormNames[p.form] || p.form}: `, el('code', { text: p.input })))
            : el('div', { class: 'pin-cell' }, el('code', { class: 'pin-code', text: p.input }))),
          el('td', { class: 'algo-cell', text: p.algorithm ? p.algorithm.toUpperCase().replace('SHA', 'SHA-') : '—' }),
          el('td', { class: 'match-cell' },
            el('span', { class: `status ${m.tone}`, text: m.status }), ' ', m.detail));
      })))));
  normalizeResults.dataset.state = 'done';
}

// ---------------------------------------------------------------------------------------------
// Renewal diff

const diffResults = $('diff-results');
const oldInput = certInput({ text: $('old-text'), zone: $('old-zone'), list: $('old-file-list'), onChange: debounced(() => updateAll()) });
const newInput = certInput({ text: $('new-text'), zone: $('new-zone'), list: $('new-file-list'), onChange: debounced(() => updateAll()) });

function diffSide(title, report, marks) {
  const ids = report.chains[0]?.items ?? [];
  return el('section', { class: 'diff-side', 'aria-label': title },
    el('h3', { text: title }),
    ids.length === 0 ? el('p', { class: 'muted', text: 'No certificate.' }) : el('ul', { class: 'diff-list' },
      ids.map((i) => {
        const item = report.items[i];
        const pin = item.pins.sha256;
        const mark = marks(pin);
        return el('li', { class: `diff-item ${mark.tone}`, 'data-pin': pin, 'data-change': mark.change },
          el('div', { class: 'diff-item-head' }, itemLabel(item), el('span', { class: `status ${mark.tone}`, text: mark.text })),
          el('code', { class: 'pin-code', text: pin }),
          item.not_after && el('span', { class: 'pin-written', text: `expires ${item.not_after.slice(0, 10)}` }));
      })),
    messageList(report.errors.map((e) => e.message), 'check-errors'));
}

async function updateDiff(generation) {
  if (oldInput.empty() || newInput.empty()) {
    diffResults.replaceChildren(prompt(oldInput.empty() && newInput.empty()
      ? 'Paste the old and the new chain.' : `Now paste the ${oldInput.empty() ? 'old' : 'new'} chain.`));
    diffResults.dataset.state = 'empty';
    return;
  }
  const [oldSources, newSources] = [oldInput.sources(), newInput.sources()];
  const [result, oldReport, newReport] = await Promise.all([
    diff(oldSources, newSources), analyze(oldSources), analyze(newSources)]);
  if (generation !== checkGeneration) return;
  const removed = new Set(result.removed_pins);
  const added = new Set(result.added_pins);
  const haveBoth = oldReport.chains.length > 0 && newReport.chains.length > 0;
  const banner = haveBoth
    ? el('p', { class: `diff-banner ${result.same_key ? 'good' : 'bad'}`, 'data-same-key': String(result.same_key) },
      el('strong', { text: `${sentence(result.notes[0] || '')}.` }))
    : el('p', { class: 'diff-banner bad', text: sentence(result.notes[0] || '') });

  // The configured pins (from the check above) that only the old chain had.
  let configured = null;
  if (lastCheck && lastCheck.domains.length > 0 && haveBoth) {
    const broken = [];
    for (const d of lastCheck.domains) {
      for (const p of d.pins) {
        if (p.canonical && removed.has(p.canonical)) broken.push({ domain: d.domain, pin: p });
      }
    }
    configured = el('div', { class: 'diff-configured' },
      el('h3', { text: 'Pins of the configuration above' }),
      broken.length === 0
        ? el('p', { class: 'diff-ok', text: 'No configured pin breaks with this renewal.' })
        : el('ul', { class: 'diff-broken' }, broken.map((b) => el('li', { 'data-pin': b.pin.canonical },
          el('span', { class: 'status bad', text: 'Breaks' }), ' ',
          `${b.domain}, line ${b.pin.line}: `, el('code', { text: b.pin.canonical })))));
  }
  show(diffResults,
    banner,
    el('div', { class: 'diff-sides' },
      diffSide('Old chain', oldReport, (pin) => (removed.has(pin)
        ? { tone: 'bad', change: 'removed', text: 'removed' } : { tone: 'good', change: 'kept', text: 'kept' })),
      diffSide('New chain', newReport, (pin) => (added.has(pin)
        ? { tone: 'info', change: 'added', text: 'added' } : { tone: 'good', change: 'kept', text: 'kept' }))),
    configured);
  diffResults.dataset.state = 'done';
}

// ---------------------------------------------------------------------------------------------
// Start

// updateAll renders the three tools again (the normalizer and the diff read the check's inputs).
// A newer call supersedes an older one still running.
async function updateAll() {
  if (document.documentElement.dataset.ready !== 'true') return;
  document.documentElement.dataset.idle = 'false';
  checkGeneration += 1;
  const generation = checkGeneration;
  try {
    await updateCheck(generation);
  } catch (e) {
    failure(checkResults, e);
  }
  if (generation !== checkGeneration) return;
  await Promise.all([
    updateNormalize(generation).catch((e) => failure(normalizeResults, e)),
    updateDiff(generation).catch((e) => failure(diffResults, e)),
  ]);
  if (generation === checkGeneration) document.documentElement.dataset.idle = 'true';
}

loadPincalcCheck().then(() => {
  document.documentElement.dataset.ready = 'true';
  updateAll();
}, (e) => {
  document.documentElement.dataset.ready = 'failed';
  failure(checkResults, e);
});
