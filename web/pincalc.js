// pincalc.js: the one way JavaScript reaches the WebAssembly core. Two modules are built from the
// same core (cmake/wasm.cmake):
//   pincalc_core.mjs/.wasm   analyze, snippets, targets: the page, its worker, the component
//                            (src/wasm/bindings.cpp)
//   pincalc_check.mjs/.wasm  analyze, check, normalize, diff: check.html (check_bindings.cpp)
// Each is imported when first loaded, so the page never fetches the check module, nor check.html
// the page's.
// The page, its worker, check.html and the node tests all go through here.
//
//   import { analyze, check, diff, normalize, snippets, targets } from './pincalc.js';
//   const report = await analyze(pemText, { now: '2026-01-01T00:00:00Z' });
//   const set = await snippets(pemText, { domains: ['api.example.com'], targets: ['android'] });
//
// Each module is instantiated once per JS realm (a memoised promise). Calls are synchronous inside
// the module, so nothing here needs freeing and no state survives a call.
// PincalcError is thrown for a malformed call (bad options) or a module that aborted. Bad
// certificate input is not an exception: it is listed in report.errors beside the good items.
export class PincalcError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PincalcError';
    this.code = code;
  }
}

// moduleLoader returns a load(moduleOptions) function for one module: it instantiates the module
// once and returns the memoised promise. moduleOptions go to Emscripten and are remembered: node
// tests pass { wasmBinary } because Emscripten 3.1.6 would otherwise fetch() a file path. A failed
// or aborted instance is forgotten (load.forget()), so the next call starts afresh with the same
// options.
function moduleLoader(factory) {
  let modulePromise = null;
  let savedOptions = {};
  const load = (moduleOptions) => {
    if (moduleOptions) savedOptions = moduleOptions;
    if (!modulePromise) {
      let current = null;
      current = factory().then((create) => create({
        ...savedOptions,
        onAbort: () => {
          if (modulePromise === current) modulePromise = null;
        },
      })).catch((e) => {
        if (modulePromise === current) modulePromise = null;
        throw new PincalcError('load_failed', `the WebAssembly module did not load: ${e?.message ?? e}`);
      });
      modulePromise = current;
    }
    return modulePromise;
  };
  load.forget = () => {
    modulePromise = null;
  };
  return load;
}

// loadPincalc loads the page's module (analyze, snippets, targets). Each module's glue is imported
// on its first load, so a page fetches only the module it uses.
export const loadPincalc = moduleLoader(async () => (await import('./pincalc_core.mjs')).default);

// loadPincalcCheck loads the check page's module (analyze, check, normalize, diff).
export const loadPincalcCheck = moduleLoader(async () => (await import('./pincalc_check.mjs')).default);

const encoder = new TextEncoder();

// kMaxInputBytes is the core's default Limits::max_input_bytes (16 MiB per source).
const kMaxInputBytes = 16 * 1024 * 1024;

function toBytes(data) {
  if (typeof data === 'string') return encoder.encode(data);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new PincalcError('bad_input', 'input must be a string, a Uint8Array or an ArrayBuffer');
}

// toSeconds turns options.now (a Date, an RFC 3339 string or seconds since the epoch) into whole
// seconds, as the CLI's --now does.
function toSeconds(now) {
  if (now === undefined || now === null) return undefined;
  let ms;
  if (now instanceof Date) ms = now.getTime();
  else if (typeof now === 'string') ms = Date.parse(now);
  else if (typeof now === 'number') ms = now * 1000;
  if (!Number.isFinite(ms)) throw new PincalcError('bad_options', `options.now is not a time: ${now}`);
  return Math.floor(ms / 1000);
}

// packCall turns analyze()'s arguments into the module's (bytes, options object): every source's
// bytes concatenated, and their names and lengths in the options.
export function packCall(input, options = {}) {
  const list = Array.isArray(input)
    ? input.map((s) => ({ name: String(s.name), bytes: toBytes(s.bytes ?? s.text ?? '') }))
    : [{ name: options.name ?? (typeof input === 'string' ? 'paste' : 'input'), bytes: toBytes(input) }];
  // A source over the core's size limit is not copied into the module at all: only its size goes
  // in, and the core refuses it with limit_exceeded (its memory never holds the bytes).
  for (const s of list) {
    if (s.bytes.length > kMaxInputBytes) {
      s.size = s.bytes.length;
      s.bytes = new Uint8Array(0);
    }
  }
  let total = 0;
  for (const s of list) total += s.bytes.length;
  let bytes;
  if (list.length === 1) {
    bytes = list[0].bytes;
  } else {
    bytes = new Uint8Array(total);
    let at = 0;
    for (const s of list) {
      bytes.set(s.bytes, at);
      at += s.bytes.length;
    }
  }
  const call = {
    sources: list.map((s) => (s.size === undefined
      ? { name: s.name, length: s.bytes.length }
      : { name: s.name, length: 0, size: s.size })),
  };
  const now = toSeconds(options.now);
  if (now !== undefined) call.now = now;
  if (options.expiryWarningDays !== undefined) call.expiry_warning_days = options.expiryWarningDays;
  return { bytes, call };
}

// callModule runs one of a module's functions and turns its {"error": …} result, or an abort,
// into a PincalcError.
async function callModule(load, name, ...args) {
  const module = await load();
  let json;
  try {
    json = module[name](...args);
  } catch (e) {
    load.forget();  // an abort leaves the instance unusable
    throw new PincalcError('module_failed', `the WebAssembly module failed: ${e?.message ?? e}`);
  }
  if (json.startsWith('{"error":')) {
    const { error } = JSON.parse(json);
    throw new PincalcError(error.code, error.message);
  }
  return json;
}

// analyzeJson returns the report exactly as the module printed it: the same bytes as the CLI's
// `pincalc --json` for the same input (tests compare them).
//   input:   a string (UTF-8), a Uint8Array/ArrayBuffer (e.g. a DER file), or an array of
//            { name, bytes } / { name, text } for several files analysed together
//   options: { name, now, expiryWarningDays, module }: module 'check' runs it in the check page's
//            module (so check.html loads one module, not two); default: the page's
export async function analyzeJson(input, options = {}) {
  const { bytes, call } = packCall(input, options);
  return callModule(options.module === 'check' ? loadPincalcCheck : loadPincalc, 'analyze', bytes, call);
}

// analyze returns the report (schema pincalc/1, docs/report-schema.md) as an object.
export async function analyze(input, options = {}) {
  return JSON.parse(await analyzeJson(input, options));
}

function stringList(value, what) {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
    throw new PincalcError('bad_options', `options.${what} must be a string or an array of strings`);
  }
  return list;
}

// splitDomains splits what people type in one field ("a.example.com, b.example.com") into
// domains: commas and white space separate them; empty pieces are dropped. Each piece is then
// the core's to validate.
export function splitDomains(text) {
  return String(text).split(/[\s,]+/).filter((d) => d !== '');
}

// snippetCall turns snippets()'s options into the module's "snippet" member (schema of
// options in src/wasm/bindings.cpp). Only the members given are sent; the core's defaults
// apply to the rest.
export function snippetCall(options = {}) {
  const out = {};
  const domains = typeof options.domains === 'string'
    ? splitDomains(options.domains) : stringList(options.domains, 'domains');
  if (domains !== undefined) out.domains = domains;
  if (options.includeSubdomains !== undefined) out.include_subdomains = Boolean(options.includeSubdomains);
  if (options.expiration !== undefined && options.expiration !== null) out.expiration = String(options.expiration);
  if (options.enforce !== undefined) out.enforce = Boolean(options.enforce);
  const roles = stringList(options.roles, 'roles');
  if (roles !== undefined) out.roles = roles;
  for (const [key, wire] of [['items', 'items'], ['backupItems', 'backup_items']]) {
    const list = options[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || !list.every((v) => Number.isInteger(v) && v >= 0)) {
      throw new PincalcError('bad_options', `options.${key} must be an array of item indexes`);
    }
    out[wire] = list;
  }
  const targetList = stringList(options.targets, 'targets');
  if (targetList !== undefined) out.targets = targetList;
  return out;
}

// snippetsJson returns the pinning snippets exactly as the module printed them: the same bytes as
// `pincalc snippet --json` for the same input and options (tests compare them).
//   input:   as analyzeJson
//   options: analyzeJson's, plus { domains (array, or one string split at commas and spaces),
//            includeSubdomains, expiration ('YYYY-MM-DD'), enforce, roles (['leaf', …]),
//            items, backupItems (indexes into report.items), targets (ids; absent: all) }
// A bad domain or date is not an exception: it is listed in the result's "errors".
export async function snippetsJson(input, options = {}) {
  const { bytes, call } = packCall(input, options);
  call.snippet = snippetCall(options);
  return callModule(loadPincalc, 'snippets', bytes, call);
}

// snippets returns the snippet set (schema pincalc-snippets/1) as an object:
// { schema, options, pins: [{ item, role, backup, sha256, label }],
//   snippets: [{ target, title, language, filename, text, lints: [{ code, severity, message }] }],
//   errors: [string] }.
export async function snippets(input, options = {}) {
  return JSON.parse(await snippetsJson(input, options));
}

// targets lists the snippet targets in display order: [{ id, title, summary }].
export async function targets() {
  return JSON.parse(await callModule(loadPincalc, 'targets'));
}

// ---------------------------------------------------------------------------------------------
// What is already deployed: configurations, pins as pasted, renewals (include/pincalc/check.hpp).

// certificateCall packs the certificates of checkJson/normalizeJson (input as analyzeJson takes
// it) into the module's (bytes, options): the same options analyze() gets.
function certificateCall(input, options) {
  return packCall(input ?? [], options);
}

// checkJson judges a pinning configuration against certificates, exactly as
// `pincalc check --json CONFIG FILE...` prints it (schema pincalc-check/1):
//   config:  the configuration's text (Android NSC XML, Info.plist, TrustKit Swift/Objective-C,
//            OkHttp code, a curl pin string, Envoy, pins.json), a string or bytes
//   input:   the server's chain and backup keys, as analyzeJson takes them
//   options: analyzeJson's ({ name, now, expiryWarningDays })
// A configuration it cannot read is not an exception: the result's "errors" name the line.
export async function checkJson(config, input, options = {}) {
  const { bytes, call } = certificateCall(input, options);
  return callModule(loadPincalcCheck, 'check', toBytes(config), bytes, call);
}

// check returns checkJson's result as an object:
// { schema, format, scope, errors: ["line N: …"], domains: [{ domain, line, include_subdomains,
//   expiration, enforce, pins: [{ input, canonical, algorithm, form, match, items, error, note,
//   line, category }], scenarios: [{ name, connects, reason }], warnings: [string] }] }.
// pins[].items index report.items of analyze(input, options).
export async function check(config, input, options = {}) {
  return JSON.parse(await checkJson(config, input, options));
}

// normalizeJson reads pins in any form (base64, base64url, hex, colon hex, sha256/…, sha256//…;…,
// pin-sha256="…", b'…'; one per line or in lists) exactly as `pincalc normalize --json` prints
// them. With input (certificates, as analyzeJson takes them) it also says what each pin is a hash
// of, as the CLI's --cert does; without it every match is "unknown".
export async function normalizeJson(pins, input, options = {}) {
  if (input === undefined || input === null) {
    const call = {};
    const now = toSeconds(options.now);
    if (now !== undefined) call.now = now;
    return callModule(loadPincalcCheck, 'normalize', toBytes(pins), new Uint8Array(0), call);
  }
  const { bytes, call } = certificateCall(input, options);
  return callModule(loadPincalcCheck, 'normalize', toBytes(pins), bytes, call);
}

// normalize returns normalizeJson's result as an object: [{ input, form, algorithm, canonical,
// error, match ('spki' | 'certificate' | 'none' | 'unknown'), items, note }].
export async function normalize(pins, input, options = {}) {
  return JSON.parse(await normalizeJson(pins, input, options));
}

// diffJson compares an old and a new chain (each as analyzeJson takes its input) exactly as
// `pincalc diff --json OLD NEW` prints it (schema pincalc-diff/1). options: { now,
// expiryWarningDays }; each side's source name comes from its input (analyzeJson's rules).
export async function diffJson(oldInput, newInput, options = {}) {
  const old = packCall(oldInput, options);
  const renewed = packCall(newInput, options);
  const { call } = old;
  call.old_sources = call.sources;
  call.new_sources = renewed.call.sources;
  delete call.sources;
  return callModule(loadPincalcCheck, 'diff', old.bytes, renewed.bytes, call);
}

// diff returns diffJson's result as an object: { schema, same_key, removed_pins, added_pins,
// notes }.
export async function diff(oldInput, newInput, options = {}) {
  return JSON.parse(await diffJson(oldInput, newInput, options));
}
