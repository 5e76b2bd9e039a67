// pin-calculator.js: the <pin-calculator> custom element, for docs pages and wikis that want the
// calculator next to their pinning procedure. The build bundles this file, the modules it imports
// and a -sSINGLE_FILE build of the core (the .wasm inlined) into one file, also named
// pin-calculator.js (cmake/wasm.cmake, target pincalc_embed): a host page needs that file and
//
//   <script type="module" src="pin-calculator.js"></script>
//   <pin-calculator domain="api.example.com" targets="android,ios"></pin-calculator>
//
// Attributes: domain, targets (snippet tabs, comma separated ids), include-subdomains, expires
// (YYYY-MM-DD), compact (pin list only), value (a PEM preset), theme (light | dark; absent: the
// reader's preference). Events: `pincalc-result` ({ report, pins, snippets }) after every result.
// Every instance has its own shadow root and state; all share one instance of the WebAssembly
// module (web/pincalc.js memoises it). Nothing leaves the page: no fetch, no worker, no storage.
import { loadPincalc, snippets, splitDomains, targets as listTargets, analyze } from './pincalc.js';
import { componentCss } from './pin-calculator-style.js';
import {
  copyText, displayName, el, kKindNames, kRoleNames, kSeverityNames, plural, sentence, validity,
} from './report-view.js';

const kTypingDelayMs = 150;
// Targets shown when the `targets` attribute is absent: the common mobile and client stacks.
const kDefaultTargets = ['android', 'ios-ats', 'okhttp-kotlin'];
// Short names a docs page may use for the core's target ids (`pincalc snippet --list-targets`).
const kTargetAliases = { ios: 'ios-ats', trustkit: 'trustkit-ios-swift', okhttp: 'okhttp-kotlin' };
const kTagName = 'pin-calculator';

let sharedSheet = null;
let targetsPromise = null;

// sheet returns the one constructable stylesheet every instance adopts.
function sheet() {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(componentCss);
  }
  return sharedSheet;
}

// allTargets lists the core's snippet targets once per page: [{ id, title, summary }].
function allTargets() {
  if (!targetsPromise) {
    targetsPromise = listTargets().catch((e) => {
      targetsPromise = null;
      throw e;
    });
  }
  return targetsPromise;
}

function idList(text) {
  return String(text ?? '').split(/[\s,]+/).filter(Boolean);
}

const encoder = new TextEncoder();

// presetText tidies a `value` attribute: a PEM written on its own lines inside the attribute.
function presetText(value) {
  const text = String(value ?? '').trim();
  return text ? `${text}\n` : '';
}

export class PinCalculatorElement extends HTMLElement {
  static get observedAttributes() {
    return ['domain', 'targets', 'include-subdomains', 'expires', 'compact', 'value'];
  }

  #ui = null;
  #files = [];            // { name, bytes: Uint8Array }, chosen or dropped
  #generation = 0;
  #timer = 0;
  #report = null;
  #set = null;
  #tab = null;            // the selected target id
  #valueSet = false;      // the text box was set by property or typing: the attribute no longer rules

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet()];
  }

  // report is the last report (schema pincalc/1), or null.
  get report() { return this.#report; }

  // value is the text in the box (a PEM, several, or base64).
  get value() { return this.#ui ? this.#ui.input.value : (this.getAttribute('value') ?? ''); }
  set value(text) {
    this.#valueSet = true;
    if (!this.#ui) this.#build();
    this.#ui.input.value = String(text ?? '');
    this.#run();
  }

  connectedCallback() {
    if (!this.#ui) this.#build();
    // Load the shared module now, so that nothing is fetched or compiled after the page loaded.
    loadPincalc().then(() => this.#run(), (e) => this.#fail(e));
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#ui || oldValue === newValue) return;
    if (name === 'value') {
      if (this.#valueSet) return;
      this.#ui.input.value = presetText(newValue);
    }
    if (name === 'domain') this.#ui.domains.value = newValue ?? '';
    if (name === 'expires') this.#ui.expires.value = newValue ?? '';
    if (name === 'include-subdomains') this.#ui.subdomains.checked = newValue !== null;
    if (name === 'compact') this.#ui.config.hidden = newValue !== null;
    this.#run();
  }

  #build() {
    const id = (s) => `pc-${s}`;
    const input = el('textarea', {
      id: id('input'), spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
      placeholder: '-----BEGIN CERTIFICATE-----\nMIIF…\n-----END CERTIFICATE-----',
      'aria-describedby': id('privacy'), part: 'input',
    });
    input.value = presetText(this.getAttribute('value'));
    const fileInput = el('input', { type: 'file', multiple: true, hidden: true, 'aria-label': 'Certificate files' });
    const results = el('div', { class: 'results', 'aria-live': 'polite', part: 'results' });
    const status = el('p', { class: 'sr', role: 'status' });
    const domains = el('input', {
      type: 'text', id: id('domains'), spellcheck: 'false', autocapitalize: 'off', inputmode: 'url',
      placeholder: 'api.example.com', 'aria-describedby': id('errors'),
    });
    domains.value = this.getAttribute('domain') ?? '';
    const expires = el('input', { type: 'date', id: id('expires') });
    expires.value = this.getAttribute('expires') ?? '';
    const subdomains = el('input', { type: 'checkbox', id: id('subdomains') });
    subdomains.checked = this.hasAttribute('include-subdomains');
    const errors = el('ul', { class: 'notes', id: id('errors') });
    const tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Platform' });
    const panel = el('div', { class: 'panel', role: 'tabpanel', id: id('panel') });
    const config = el('section', { class: 'config', 'aria-label': 'Pinning configuration', part: 'config' },
      el('div', { class: 'fields' },
        el('div', {}, el('label', { for: id('domains'), text: 'Domains' }), domains),
        el('div', {}, el('label', { for: id('expires'), text: 'Pins expire on' }), expires)),
      el('label', { class: 'check' }, subdomains, 'Include subdomains'),
      errors, tabs, panel);
    config.hidden = this.hasAttribute('compact');

    const box = el('div', { class: 'pc', part: 'base' },
      el('div', { class: 'head' },
        el('p', { class: 'title', text: 'SPKI pin calculator' }),
        el('p', { class: 'privacy', id: id('privacy'), text: 'Computed in this page: nothing you paste leaves it.' })),
      el('label', { for: id('input'), text: 'Certificate, chain, public key or CSR (PEM)' }),
      input,
      el('div', { class: 'actions' },
        fileInput,
        el('button', { type: 'button', onclick: () => fileInput.click() }, 'Choose files…'),
        el('span', { class: 'hint', text: 'or drop them here' })),
      status, results, config);
    this.shadowRoot.replaceChildren(box);
    this.#ui = { box, input, fileInput, results, status, domains, expires, subdomains, errors, tabs, panel, config };

    input.addEventListener('input', () => {
      this.#valueSet = true;
      this.#schedule();
    });
    for (const field of [domains]) field.addEventListener('input', () => this.#schedule());
    for (const field of [expires, subdomains]) field.addEventListener('change', () => this.#run());
    fileInput.addEventListener('change', () => {
      this.#addFiles(fileInput.files);
      fileInput.value = '';
    });
    box.addEventListener('dragover', (e) => {
      if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) return;
      e.preventDefault();
      box.classList.add('dragging');
    });
    box.addEventListener('dragleave', () => box.classList.remove('dragging'));
    box.addEventListener('drop', (e) => {
      if (!e.dataTransfer?.files?.length) return;
      e.preventDefault();
      box.classList.remove('dragging');
      this.#addFiles(e.dataTransfer.files);
    });
  }

  async #addFiles(list) {
    for (const f of Array.from(list ?? [])) this.#files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    this.#run();
  }

  #sources() {
    const list = [];
    const text = this.#ui.input.value;
    if (text.trim() !== '') list.push({ name: 'paste', bytes: encoder.encode(text) });
    return list.concat(this.#files);
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), kTypingDelayMs);
  }

  // #run analyses the input and, unless compact, renders the snippets for the wanted targets. A
  // newer run supersedes an older one still waiting for the module.
  async #run() {
    clearTimeout(this.#timer);
    if (!this.#ui || !this.isConnected) return;
    const mine = ++this.#generation;
    const sources = this.#sources();
    const compact = this.hasAttribute('compact');
    try {
      if (sources.length === 0) {
        this.#report = null;
        this.#set = null;
        this.#ui.results.replaceChildren();
        this.#renderConfig(null, [], compact);
        this.dataset.state = 'empty';
        return;
      }
      const report = await analyze(sources);
      if (mine !== this.#generation) return;
      const wanted = this.#wantedTargets();
      const domains = splitDomains(this.#ui.domains.value);
      let set = null;
      if (!compact && report.items?.length && domains.length) {
        set = await snippets(sources, {
          domains,
          includeSubdomains: this.#ui.subdomains.checked,
          expiration: this.#ui.expires.value || undefined,
          targets: wanted,
        });
        if (mine !== this.#generation) return;
      }
      this.#report = report;
      this.#set = set;
      this.#renderReport(report);
      this.#renderConfig(report, await this.#targetInfo(wanted), compact);
      if (mine !== this.#generation) return;
      this.dataset.state = 'done';
      this.dispatchEvent(new CustomEvent('pincalc-result', {
        bubbles: true,
        composed: true,
        detail: {
          report,
          pins: (report.items ?? []).map((i) => ({ item: i.index, role: i.role, sha256: i.pins?.sha256, name: displayName(i) })),
          snippets: set,
        },
      }));
    } catch (e) {
      if (mine === this.#generation) this.#fail(e);
    }
  }

  #fail(e) {
    this.#ui.results.replaceChildren(el('ul', { class: 'notes' },
      el('li', { class: 'error', role: 'alert', text: `pincalc failed: ${e?.message ?? e}` })));
    this.dataset.state = 'failed';
  }

  #wantedTargets() {
    const ids = idList(this.getAttribute('targets')).map((id) => kTargetAliases[id] ?? id);
    if (ids.length === 0) return kDefaultTargets;
    return [...new Set(ids)];
  }

  // #targetInfo maps wanted ids to the core's titles; an id the core does not know is kept (the
  // core's snippet errors then name it).
  async #targetInfo(wanted) {
    const known = await allTargets();
    const all = wanted.length === 1 && wanted[0] === 'all';
    if (all) return known;
    return wanted.map((id) => known.find((t) => t.id === id) ?? { id, title: id, summary: '' });
  }

  #renderReport(report) {
    const items = report.items ?? [];
    const errors = report.errors ?? [];
    const out = [];
    out.push(el('p', { class: 'summary' },
      `${plural(items.length, 'pin')}`,
      errors.length ? ` · ${plural(errors.length, 'block')} not pinned` : '',
      items.length > 1 ? ' · ' : '',
      items.length > 1 && el('button', {
        type: 'button', class: 'copy-all',
        onclick: (e) => this.#copy(e.currentTarget, items.map((i) => i.pins.sha256).join('\n') + '\n', 'all pins'),
      }, 'Copy all')));
    if (items.some((i) => i.from_private_key)) {
      out.push(el('ul', { class: 'notes' }, el('li', { class: 'error', role: 'alert' },
        'A private key is in the input. It stayed in this page and only its public half was pinned, but a private key should never be pasted into any tool.')));
    }
    out.push(el('ol', { class: 'pins' }, items.map((item) => this.#pinRow(item))));
    if (errors.length) {
      out.push(el('ul', { class: 'notes errors' }, errors.map((e) => el('li', { class: 'error' },
        el('span', { class: 'sev', text: [e.source, e.block ? `block ${e.block}` : ''].filter(Boolean).join(', ') }),
        e.message))));
    }
    this.#ui.results.replaceChildren(...out);
    this.#ui.status.textContent = `${plural(items.length, 'pin')} computed.`;
  }

  #pinRow(item) {
    const name = item.kind === 'certificate' || item.kind === 'csr'
      ? (displayName(item) || '(empty subject)') : kKindNames[item.kind] || item.kind;
    const badge = validity(item);
    const pin = item.pins?.sha256 ?? '';
    return el('li', { class: `pin role-${item.role}`, 'data-pin': pin, 'data-index': item.index },
      el('div', { class: 'pin-head' },
        el('span', { class: `badge ${item.role}`, text: kRoleNames[item.role] || item.role }),
        el('span', { class: 'pin-name', text: name }),
        badge && el('span', { class: 'pin-meta', text: badge.text })),
      el('code', { text: pin, 'aria-label': `SPKI pin of ${name}` }),
      el('button', {
        type: 'button', 'aria-label': `Copy the SPKI pin of ${name}`,
        onclick: (e) => this.#copy(e.currentTarget, pin, `the pin of ${name}`),
      }, 'Copy'));
  }

  async #copy(button, text, what) {
    const ok = await copyText(text);
    const label = button.textContent;
    button.textContent = ok ? 'Copied' : 'Select & copy';
    button.classList.toggle('copied', ok);
    this.#ui.status.textContent = ok ? `Copied ${what}.` : 'Copying failed.';
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove('copied');
    }, 1600);
  }

  #renderConfig(report, targetInfo, compact) {
    const ui = this.#ui;
    ui.config.hidden = compact || !report || !(report.items ?? []).length;
    if (ui.config.hidden) return;
    if (!targetInfo.some((t) => t.id === this.#tab)) this.#tab = targetInfo[0]?.id ?? null;
    ui.tabs.replaceChildren(...targetInfo.map((t) => {
      const selected = t.id === this.#tab;
      const tab = el('button', {
        type: 'button', role: 'tab', class: 'tab', 'data-target': t.id, id: `pc-tab-${t.id}`,
        'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'pc-panel', tabindex: selected ? '0' : '-1',
        title: t.summary || undefined,
      }, t.title);
      tab.addEventListener('click', () => {
        this.#tab = t.id;
        this.#renderConfig(this.#report, targetInfo, this.hasAttribute('compact'));
      });
      tab.addEventListener('keydown', (e) => {
        const k = targetInfo.findIndex((x) => x.id === t.id);
        const next = e.key === 'ArrowRight' ? k + 1 : e.key === 'ArrowLeft' ? k - 1 : null;
        if (next === null) return;
        e.preventDefault();
        this.#tab = targetInfo[(next + targetInfo.length) % targetInfo.length].id;
        this.#renderConfig(this.#report, targetInfo, this.hasAttribute('compact'));
        ui.tabs.querySelector('[aria-selected="true"]')?.focus();
      });
      return tab;
    }));
    ui.panel.setAttribute('aria-labelledby', `pc-tab-${this.#tab}`);

    const set = this.#set;
    ui.domains.removeAttribute('aria-invalid');
    ui.errors.replaceChildren();
    if (!set) {
      ui.panel.replaceChildren(el('p', { class: 'prompt', text: 'Type the domain your app connects to, and its pinning configuration appears here.' }));
      return;
    }
    if ((set.errors ?? []).length) {
      ui.errors.replaceChildren(...set.errors.map((m) => el('li', { class: 'error' }, el('span', { class: 'sev', text: 'Error' }), sentence(m))));
      if (set.errors.some((m) => /domain|host/i.test(m))) ui.domains.setAttribute('aria-invalid', 'true');
      ui.panel.replaceChildren(el('p', { class: 'prompt', text: 'No configuration until the problem above is fixed.' }));
      return;
    }
    const snippet = (set.snippets ?? []).find((s) => s.target === this.#tab);
    if (!snippet) {
      ui.panel.replaceChildren(el('p', { class: 'prompt', text: 'The core rendered no snippet for this platform.' }));
      return;
    }
    const lints = snippet.lints ?? [];
    const code = el('code', { class: `language-${snippet.language}`, text: snippet.text });
    ui.panel.replaceChildren(
      el('ul', { class: 'notes lints', 'aria-label': 'Checks' }, lints.map((l) => el('li', { class: l.severity, 'data-code': l.code },
        el('span', { class: 'sev', text: kSeverityNames[l.severity] ?? l.severity }), sentence(l.message)))),
      el('figure', { class: 'snippet' },
        el('figcaption', { class: 'snippet-head' },
          el('span', { class: 'filename', text: snippet.filename }),
          el('button', {
            type: 'button', class: 'copy-snippet', 'aria-label': `Copy the ${snippet.title} snippet`,
            onclick: (e) => this.#copy(e.currentTarget, snippet.text, `the ${snippet.title} snippet`),
          }, 'Copy')),
        el('pre', { tabindex: '0', 'aria-label': `${snippet.title} configuration` }, code)));
  }
}

if (!customElements.get(kTagName)) customElements.define(kTagName, PinCalculatorElement);
