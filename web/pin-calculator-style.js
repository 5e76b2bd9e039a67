// pin-calculator-style.js: the <pin-calculator> component's stylesheet. It is adopted by each
// shadow root as a constructable stylesheet (no <style> element and no style attribute, so a host
// CSP without 'unsafe-inline' in style-src has nothing to refuse). Host pages theme it through the
// --pincalc-* custom properties, which cross the shadow boundary; nothing else does (`all: initial`).
export const componentCss = `
:host {
  all: initial;
  display: block;
  contain: content;
  --_accent: var(--pincalc-accent, #0a58ca);
  --_accent-text: var(--pincalc-accent-text, #ffffff);
  --_bg: var(--pincalc-background, #ffffff);
  --_surface: var(--pincalc-surface, #f3f5f8);
  --_text: var(--pincalc-text, #1b1f24);
  --_muted: var(--pincalc-muted, #57606a);
  --_border: var(--pincalc-border, #d0d7de);
  --_pin-bg: var(--pincalc-pin-background, #eef5ff);
  --_good-bg: #dcf4e3; --_good-text: #0f5b2a;
  --_warn-bg: #fff1c7; --_warn-text: #6a4a00;
  --_bad-bg: #ffe0de; --_bad-text: #8e1512;
  --_info-bg: #e2ebff; --_info-text: #1d3f8a;
  --_radius: var(--pincalc-radius, 10px);
  --_font: var(--pincalc-font, system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif);
  --_mono: var(--pincalc-mono-font, ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace);
  color-scheme: light;
  font: 15px/1.5 var(--_font);
  color: var(--_text);
}
:host([hidden]) { display: none; }
/* Dark: forced with theme="dark", or the reader's preference unless theme="light". */
:host([theme="dark"]) {
  --_accent: var(--pincalc-accent-dark, #4c9aff);
  --_accent-text: var(--pincalc-accent-text-dark, #0b1220);
  --_bg: var(--pincalc-background-dark, #161b22);
  --_surface: var(--pincalc-surface-dark, #1f2630);
  --_text: var(--pincalc-text-dark, #e6edf3);
  --_muted: var(--pincalc-muted-dark, #9da7b3);
  --_border: var(--pincalc-border-dark, #3a424d);
  --_pin-bg: var(--pincalc-pin-background-dark, #13233b);
  --_good-bg: #12361f; --_good-text: #7ee2a0;
  --_warn-bg: #3a2e07; --_warn-text: #f2cc60;
  --_bad-bg: #47191a; --_bad-text: #ffaba5;
  --_info-bg: #172a4d; --_info-text: #a5c8ff;
  color-scheme: dark;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {
    --_accent: var(--pincalc-accent-dark, #4c9aff);
    --_accent-text: var(--pincalc-accent-text-dark, #0b1220);
    --_bg: var(--pincalc-background-dark, #161b22);
    --_surface: var(--pincalc-surface-dark, #1f2630);
    --_text: var(--pincalc-text-dark, #e6edf3);
    --_muted: var(--pincalc-muted-dark, #9da7b3);
    --_border: var(--pincalc-border-dark, #3a424d);
    --_pin-bg: var(--pincalc-pin-background-dark, #13233b);
    --_good-bg: #12361f; --_good-text: #7ee2a0;
    --_warn-bg: #3a2e07; --_warn-text: #f2cc60;
    --_bad-bg: #47191a; --_bad-text: #ffaba5;
    --_info-bg: #172a4d; --_info-text: #a5c8ff;
    color-scheme: dark;
  }
}
* { box-sizing: border-box; }
.pc {
  background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius);
  padding: 14px 16px; color: var(--_text);
}
.pc.dragging { outline: 3px dashed var(--_accent); outline-offset: -3px; }
.head { display: flex; align-items: baseline; gap: 8px; margin: 0 0 8px; flex-wrap: wrap; }
.title { font-weight: 700; font-size: 1rem; margin: 0; }
.title::before {
  content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 3px;
  background: var(--_accent); margin-right: 7px;
}
.privacy { font-size: .82rem; color: var(--_muted); margin: 0; }
label, .label { display: block; font-weight: 600; font-size: .9rem; margin: 0 0 4px; }
textarea, input[type="text"], input[type="date"] {
  font: 12.5px/1.45 var(--_mono); color: var(--_text); background: var(--_surface);
  border: 1px solid var(--_border); border-radius: 8px; padding: 7px 9px; width: 100%; margin: 0;
}
textarea { min-height: 104px; resize: vertical; display: block; }
input[type="date"] { font-family: var(--_font); font-size: .9rem; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 1px; }
button {
  font: 600 .85rem/1.2 var(--_font); cursor: pointer; color: var(--_text); background: var(--_bg);
  border: 1px solid var(--_border); border-radius: 7px; padding: 5px 11px; margin: 0;
  text-transform: none; letter-spacing: normal; box-shadow: none; min-height: 0; width: auto;
}
button:hover { background: var(--_surface); }
button.copied { background: var(--_good-bg); color: var(--_good-text); border-color: transparent; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0 0; }
.hint { font-size: .82rem; color: var(--_muted); }
.results { margin-top: 12px; }
.results:empty { display: none; }
.summary { margin: 0 0 6px; font-size: .88rem; color: var(--_muted); }
.pins { list-style: none; margin: 0; padding: 0; }
.pin {
  display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 10px; align-items: center;
  padding: 8px 10px; border: 1px solid var(--_border); border-radius: 8px; margin-bottom: 6px;
}
.pin-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; min-width: 0; }
.pin-name { font-weight: 600; overflow-wrap: anywhere; }
.pin-meta { font-size: .8rem; color: var(--_muted); }
.pin code {
  grid-column: 1; font: 600 13px/1.4 var(--_mono); background: var(--_pin-bg); color: var(--_text);
  padding: 4px 7px; border-radius: 6px; overflow-wrap: anywhere; word-break: break-all; user-select: all;
}
.pin button { grid-column: 2; grid-row: 1 / span 2; align-self: center; }
.badge {
  display: inline-block; font-size: .72rem; font-weight: 700; padding: 1px 7px; border-radius: 999px;
  background: var(--_surface); color: var(--_text); border: 1px solid var(--_border);
}
.badge.leaf { background: var(--_info-bg); color: var(--_info-text); border-color: transparent; }
.badge.root, .badge.self-signed { background: var(--_accent); color: var(--_accent-text); border-color: transparent; }
.badge.bad { background: var(--_bad-bg); color: var(--_bad-text); border-color: transparent; }
.badge.warn { background: var(--_warn-bg); color: var(--_warn-text); border-color: transparent; }
.notes { list-style: none; margin: 4px 0; padding: 0; }
.notes li { border-radius: 6px; padding: 5px 9px; margin-bottom: 4px; font-size: .85rem; overflow-wrap: anywhere; }
.notes li.error { background: var(--_bad-bg); color: var(--_bad-text); }
.notes li.warning { background: var(--_warn-bg); color: var(--_warn-text); }
.notes li.info { background: var(--_info-bg); color: var(--_info-text); }
.notes li.ok { background: var(--_good-bg); color: var(--_good-text); }
.sev { font-weight: 700; margin-right: 6px; }
.config { margin-top: 14px; border-top: 1px solid var(--_border); padding-top: 12px; }
.config[hidden], [hidden] { display: none !important; }
.fields { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 8px 14px; align-items: end; }
.check { display: inline-flex; align-items: center; gap: 6px; font-weight: 400; margin: 8px 0 0; cursor: pointer; }
.check input { width: 16px; height: 16px; margin: 0; accent-color: var(--_accent); }
.tabs { display: flex; flex-wrap: wrap; gap: 4px; margin: 12px 0 0; border-bottom: 1px solid var(--_border); }
.tab {
  border: 1px solid transparent; border-bottom: 0; border-radius: 7px 7px 0 0; background: transparent;
  color: var(--_muted); padding: 6px 12px; margin-bottom: -1px;
}
.tab[aria-selected="true"] {
  background: var(--_bg); color: var(--_text); border-color: var(--_border);
  box-shadow: inset 0 3px 0 var(--_accent);
}
.panel { padding-top: 10px; }
.prompt {
  margin: 10px 0 0; padding: 16px; text-align: center; font-size: .9rem; color: var(--_muted);
  border: 2px dashed var(--_border); border-radius: 8px;
}
.snippet { border: 1px solid var(--_border); border-radius: 8px; overflow: hidden; margin: 6px 0 0; }
.snippet-head {
  display: flex; align-items: center; gap: 8px; padding: 5px 6px 5px 10px;
  background: var(--_surface); border-bottom: 1px solid var(--_border);
}
.filename { margin-right: auto; font: .8rem var(--_mono); color: var(--_muted); overflow-wrap: anywhere; }
pre {
  margin: 0; padding: 10px 12px; overflow: auto; max-height: 420px; background: var(--_bg);
  color: var(--_text); font: 12px/1.5 var(--_mono); tab-size: 4;
}
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:host([compact]) .pc { padding: 10px 12px; }
:host([compact]) textarea { min-height: 72px; }
@media (max-width: 520px) {
  .fields { grid-template-columns: 1fr; }
  .pin { grid-template-columns: minmax(0, 1fr); }
  .pin button { grid-column: 1; grid-row: auto; justify-self: start; }
}
`;
