// pin-calculator.d.ts: types for pincalc-embed, written by hand. The package's one script,
// pin-calculator.js, defines the <pin-calculator> element when it is loaded and exports nothing at
// run time (it loads as a classic script too): `import 'pincalc-embed';` registers the element,
// and the names below are types only.

/** One item of the report (schema pincalc/1, docs/report-schema.md); the members used most. */
export interface PincalcItem {
  index: number;
  kind: 'certificate' | 'csr' | 'public_key' | 'rsa_public_key' | 'private_key';
  source: string;
  block: number;
  role: 'leaf' | 'intermediate' | 'root' | 'self-signed' | 'unrelated' | 'key';
  chain: number | null;
  subject: string | null;
  issuer: string | null;
  not_before: string | null;
  not_after: string | null;
  days_left: number | null;
  validity: 'valid' | 'expires_soon' | 'expired' | 'not_yet_valid' | null;
  pins: { sha256: string; sha256_hex: string; sha256_prefixed: string; sha1: string };
  fingerprints: { sha256: string; sha1: string } | null;
  from_private_key: boolean;
  [member: string]: unknown;
}

/** The report the calculator computed: what `pincalc --json` prints for the same input. */
export interface PincalcReport {
  schema: 'pincalc/1';
  evaluated_at: string;
  items: PincalcItem[];
  chains: { items: number[]; complete: boolean; [member: string]: unknown }[];
  warnings: { code: string; severity: 'info' | 'warning'; items: number[]; message: string }[];
  errors: { source: string; block: number; line: number; code: string; message: string }[];
}

export interface PincalcLint {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** The snippet set (schema pincalc-snippets/1): what `pincalc snippet --json` prints. */
export interface PincalcSnippetSet {
  schema: 'pincalc-snippets/1';
  options: Record<string, unknown>;
  pins: { item: number; role: string; backup: boolean; sha256: string; label: string }[];
  snippets: {
    target: string;
    title: string;
    language: string;
    filename: string;
    text: string;
    lints: PincalcLint[];
  }[];
  errors: string[];
}

/** The detail of a `pincalc-result` event. */
export interface PincalcResultDetail {
  report: PincalcReport;
  /** One per item, in report order. */
  pins: { item: number; role: PincalcItem['role']; sha256: string; name: string }[];
  /** The snippets for the shown targets; null when compact or no domain is set. */
  snippets: PincalcSnippetSet | null;
}

export type PincalcResultEvent = CustomEvent<PincalcResultDetail>;

/** The <pin-calculator> element. Attributes: domain, targets, include-subdomains, expires,
 *  compact, value, theme ("light" | "dark"). */
export interface PinCalculatorElement extends HTMLElement {
  /** The text in the calculator's box; setting it computes the pins. */
  value: string;
  /** The last report, or null before any input. */
  readonly report: PincalcReport | null;
  addEventListener<K extends keyof PinCalculatorEventMap>(
    type: K, listener: (this: PinCalculatorElement, ev: PinCalculatorEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions): void;
}

export interface PinCalculatorEventMap extends HTMLElementEventMap {
  'pincalc-result': PincalcResultEvent;
}

declare global {
  interface HTMLElementTagNameMap {
    'pin-calculator': PinCalculatorElement;
  }
  interface DocumentEventMap {
    'pincalc-result': PincalcResultEvent;
  }
}
