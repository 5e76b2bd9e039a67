// embed-page.js: web/embed.html. Two modes in one page:
//   - iframe mode, when the page has a query (embed.html?domain=…&targets=…&compact) or is inside a
//     frame: one <pin-calculator> fills the page, configured from the query;
//   - otherwise the documentation of both ways to embed, with copy-ready snippets.
// A classic script (no import/export): it runs from file:// too, after pin-calculator.js.
(() => {
  'use strict';

  // The attributes the query may set. A certificate is not among them: queries reach the server.
  const kAttributes = ['domain', 'targets', 'include-subdomains', 'expires', 'compact', 'theme'];
  const kBoolean = new Set(['include-subdomains', 'compact']);

  function framed() {
    try {
      return window.self !== window.top;
    } catch {
      return true;  // a cross-origin parent: we are framed
    }
  }

  // fragmentValue reads a demo PEM from the fragment (#value=<URL-encoded PEM>), which the browser
  // never sends. Private keys are refused: a link is not a place for them.
  function fragmentValue() {
    const params = new URLSearchParams(location.hash.slice(1));
    const value = params.get('value');
    if (!value) return null;
    if (/PRIVATE KEY/.test(value)) return { refused: true };
    return { value };
  }

  function frameMode(params) {
    document.documentElement.classList.add('framed');
    document.getElementById('docs').remove();  // and its demo instance with it
    const host = document.getElementById('frame');
    host.hidden = false;
    const calc = document.createElement('pin-calculator');
    for (const name of kAttributes) {
      if (!params.has(name)) continue;
      const v = params.get(name);
      if (kBoolean.has(name)) {
        if (v === '' || v === '1' || v === 'true' || v === 'yes') calc.setAttribute(name, '');
      } else {
        calc.setAttribute(name, v);
      }
    }
    const preset = fragmentValue();
    if (preset?.value) calc.setAttribute('value', preset.value);
    if (preset?.refused) {
      const note = document.createElement('p');
      note.className = 'refused';
      note.setAttribute('role', 'alert');
      note.textContent = 'The link carried a private key; it was ignored. Never share private keys in links.';
      host.append(note);
    }
    host.append(calc);
  }

  function escapeAttr(v) {
    return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  // docsMode wires the copy buttons and keeps the snippets in step with the generator's fields.
  function docsMode() {
    const $ = (id) => document.getElementById(id);
    const fields = ['gen-domain', 'gen-targets', 'gen-compact', 'gen-subdomains'].map($);
    const update = () => {
      const domain = $('gen-domain').value.trim();
      const targets = $('gen-targets').value.trim();
      const attrs = [];
      const query = new URLSearchParams();
      if (domain) { attrs.push(`domain="${escapeAttr(domain)}"`); query.set('domain', domain); }
      if (targets) { attrs.push(`targets="${escapeAttr(targets)}"`); query.set('targets', targets); }
      if ($('gen-subdomains').checked) { attrs.push('include-subdomains'); query.set('include-subdomains', ''); }
      if ($('gen-compact').checked) { attrs.push('compact'); query.set('compact', ''); }
      const tag = `<pin-calculator${attrs.map((a) => ` ${a}`).join('')}></pin-calculator>`;
      $('snippet-component').firstChild.textContent =
        `<script type="module" src="pin-calculator.js"></script>\n${tag}`;
      const qs = query.toString().replace(/=(?=&|$)/g, '').replace(/%2C/gi, ',');
      const src = `https://pincalc.example.internal/embed.html?${qs}`;
      $('snippet-iframe').firstChild.textContent =
        `<iframe src="${escapeAttr(src)}"\n        title="SPKI pin calculator" width="100%" height="${$('gen-compact').checked ? 360 : 620}" style="border:0"></iframe>`;
      $('preview-link').href = `embed.html?${qs}`;
      const demo = $('demo');
      for (const [name, on] of [['domain', domain], ['targets', targets]]) {
        if (on) demo.setAttribute(name, on); else demo.removeAttribute(name);
      }
      demo.toggleAttribute('compact', $('gen-compact').checked);
      demo.toggleAttribute('include-subdomains', $('gen-subdomains').checked);
    };
    for (const f of fields) f.addEventListener('input', update);
    for (const f of fields) f.addEventListener('change', update);
    update();

    for (const button of document.querySelectorAll('button.copy[data-copy]')) {
      button.addEventListener('click', async () => {
        const text = $(button.dataset.copy).textContent;
        let ok = true;
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          ok = false;
        }
        button.textContent = ok ? 'Copied' : 'Select & copy';
        setTimeout(() => { button.textContent = 'Copy'; }, 1600);
      });
    }
  }

  const params = new URLSearchParams(location.search);
  if (location.search.length > 1 || framed()) frameMode(params);
  else docsMode();
  document.documentElement.dataset.ready = 'true';
})();
