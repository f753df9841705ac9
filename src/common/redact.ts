// Removes anything key-like from text before it is logged or shown. Pure: no `vscode`, no Node APIs.
//
// Two layers:
// - known keys (the ones the extension holds), removed verbatim in every form a server may echo them in:
//   as sent, URL-encoded, JSON-escaped, HTML-escaped;
// - the shapes of common keys and credentials, for keys nobody told us about (credentialShapes.ts: one list,
//   shared with the finder that warns before a credential is sent, credentials.ts).
// Callers redact BEFORE cutting text short: a cut through a key would leave a fragment no rule recognises.

import { CREDENTIAL_SHAPES, shapeMatches } from './credentialShapes';

export const REDACTED = '[redacted]';

/** Keys shorter than this are not removed verbatim (they would eat ordinary words). */
const MIN_KNOWN_KEY = 4;

const ENCODINGS: Array<(text: string) => string> = [
  encodeURIComponent,
  (t) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  (t) => new URLSearchParams({ k: t }).toString().slice(2), // a form value
  (t) => JSON.stringify(t).slice(1, -1),
  (t) => JSON.stringify(t).slice(1, -1).replace(/\//g, '\\/'), // PHP and others escape "/" too
  (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
];

/**
 * The forms a server may echo a key in: as sent, URL-encoded (either hex case, or as a form value), JSON-escaped,
 * HTML-escaped, and each of those encoded once more (a JSON error quoting a JSON body, an HTML page quoting JSON).
 */
export function keyForms(key: string): string[] {
  const forms = new Set<string>([key]);
  const once = ENCODINGS.map((encode) => encode(key));
  for (const form of once) {
    forms.add(form);
    if (form !== key) for (const encode of ENCODINGS) forms.add(encode(form));
  }
  return [...forms];
}

/** Replaces the secret of every match of every shape (CREDENTIAL_SHAPES' order), leaving what is already redacted. */
function redactShapes(text: string): string {
  let out = text;
  for (const shape of CREDENTIAL_SHAPES) {
    let result = '';
    let at = 0;
    for (const { start, end } of shapeMatches(shape, out)) {
      if (start < at || out.slice(start, end) === REDACTED) continue;
      result += out.slice(at, start) + REDACTED;
      at = end;
    }
    if (at > 0) out = result + out.slice(at);
  }
  return out;
}

/** A redactor for a fixed set of known keys (each in every echoed form, longest first) plus the shape rules. */
export function createRedactor(knownKeys: Iterable<string> = []): (text: string) => string {
  const forms = new Set<string>();
  for (const key of knownKeys) {
    if (typeof key !== 'string' || key.length < MIN_KNOWN_KEY) continue;
    for (const form of keyForms(key)) if (form.length >= MIN_KNOWN_KEY) forms.add(form);
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return redactShapes(out);
  };
}

/** Replaces every known key (in every echoed form) and every common key shape. */
export function redact(text: string, knownKeys: Iterable<string> = []): string {
  return createRedactor(knownKeys)(text);
}
