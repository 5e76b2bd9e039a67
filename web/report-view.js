// report-view.js: helpers shared by the page (app.js) and the <pin-calculator> component
// (pin-calculator.js) to turn a report (schema pincalc/1) into words and DOM nodes.
//
// Everything derived from the input reaches the DOM through textContent or attribute setters of
// el() below, never through innerHTML: a certificate whose subject is markup stays text.

// ---------------------------------------------------------------------------------------------
// DOM helpers

// el creates an element. props: class, text, hidden, on<event> handlers, and any other attribute
// (set with setAttribute, so values are never parsed as markup). Children: nodes or strings (text).
export function el(tag, props = {}, ...children) {
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

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// ---------------------------------------------------------------------------------------------
// Copy to clipboard

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API unavailable (permissions, older browsers): select a hidden field and copy.
    const field = el('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true' });
    // Off screen through the CSSOM (a style attribute would need 'unsafe-inline' in a host's CSP).
    field.style.position = 'fixed';
    field.style.left = '-9999px';
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

// copyButton makes a "Copy" button for value; `what` names it for screen readers and for the line
// it writes into `status` (the page's live region) once copied. className: the button's classes.
export function copyButton(value, what, { status, className = 'copy' } = {}) {
  const button = el('button', { type: 'button', class: className, 'aria-label': `Copy ${what}` }, 'Copy');
  button.addEventListener('click', async () => {
    const ok = await copyText(value);
    button.textContent = ok ? 'Copied' : 'Select & copy';
    button.classList.toggle('copied', ok);
    if (status) status.textContent = ok ? `Copied ${what}.` : 'Copying failed; select the value and copy it.';
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
export function rdnValue(name, type) {
  if (!name) return '';
  const re = new RegExp(`(?:^|[,+])\\s*${type}=((?:\\\\.|[^,+\\\\])*)`, 'i');
  const m = re.exec(name);
  if (!m) return '';
  return m[1].replace(/\\([0-9a-fA-F]{2}|.)/g, (_, c) =>
    c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c);
}

export function displayName(item) {
  const name = item.subject || '';
  return rdnValue(name, 'CN') || rdnValue(name, 'OU') || rdnValue(name, 'O') || name;
}

export const kKindNames = {
  certificate: 'Certificate',
  csr: 'Certificate request (CSR)',
  public_key: 'Public key',
  rsa_public_key: 'RSA public key (PKCS#1)',
  private_key: 'Private key — public half only',
};

export const kRoleNames = {
  leaf: 'Leaf',
  intermediate: 'Intermediate',
  root: 'Root',
  self_signed: 'Self-signed',
  'self-signed': 'Self-signed',  // the report's spelling (docs/report-schema.md)
  unrelated: 'Unrelated',
  key: 'Key',
};

export function keyDescription(key = {}) {
  const parts = [key.algorithm || key.algorithm_oid || 'unknown algorithm'];
  if (key.bits) parts.push(`${key.bits} bits`);
  if (key.curve) parts.push(key.curve);
  return parts.join(' · ');
}

// validity returns { tone, text } for an item's badge from the core's verdict (item.validity,
// item.days_left, judged at report.evaluated_at), or null for items without a validity period.
export function validity(item) {
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

export const kSeverityNames = { error: 'Error', warning: 'Warning', info: 'Note' };

// sentence capitalises a core message (they start in lower case, like error messages) for display.
export function sentence(message) {
  return message ? message[0].toUpperCase() + message.slice(1) : '';
}
