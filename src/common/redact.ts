// Removes anything key-like from text before it is logged or shown. Pure: no `vscode`, no Node APIs.
//
// Two layers:
// - known keys (the ones the extension holds), removed verbatim in every form a server may echo them in:
//   as sent, URL-encoded, JSON-escaped, HTML-escaped;
// - the shapes of common keys and credentials, for keys nobody told us about.
// Callers redact BEFORE cutting text short: a cut through a key would leave a fragment no rule recognises.

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

/** A token that looks generated rather than written: a digit, or both cases (random base62 of 16+ characters always is). */
function looksRandom(token: string): boolean {
  return /\d/.test(token) || (/[a-z]/.test(token) && /[A-Z]/.test(token));
}

/** A credential after a scheme word (Bearer/Token): long enough and random-looking or with token punctuation. */
function looksLikeToken(token: string): boolean {
  return token.length >= 8 && (looksRandom(token) || /[._~+/=-]/.test(token.slice(0, -1)));
}

/** Basic credentials are base64("user:password"): decode and check, so "Basic authentication" stays. */
function looksLikeBasic(token: string): boolean {
  if (token.length < 8) return false;
  try {
    const decoded = atob(token);
    return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
  } catch {
    return false;
  }
}

type Rule = [RegExp, (match: string, ...groups: string[]) => string];

// Header and field names whose value is a credential. `authorization: <scheme> <value>` keeps the scheme word.
const HEADER_NAMES = String.raw`(?:proxy-)?authorization|x-api-key|x-goog-api-key|api[_-]?key|apikey|x-auth-token|api[_-]?token|access[_-]?token`;
// Names that are credentials only as a JSON field ("token": "…") or in a query/form (token=…): "Unexpected token: }" stays.
const FIELD_NAMES = String.raw`token|access_token|refresh_token|id_token|auth_token|secret|client_secret|secret_key|password|passwd|key|api_key|apikey|api-key|auth|sig|signature|x-api-key|x-goog-api-key`;
// Vendor prefixes of generated keys. Each is followed by 16+ key characters that look random.
const PREFIXES = [
  'gsk_', // Groq
  'hf_', // Hugging Face
  'xai-', // xAI
  'pplx-', // Perplexity
  'nvapi-', // NVIDIA
  'pit_', // Prime Intellect
  'r8_', // Replicate
  'fw_', // Fireworks
  'csk-', // Cerebras
  'tvly-', // Tavily
  'glpat-', // GitLab
  'gh[pousr]_', // GitHub tokens
  'github_pat_', // GitHub fine-grained tokens (GitHub Models)
  '(?:sk|rk|pk)_(?:live|test)_', // Stripe-style
  'xox[abprs]-', // Slack
];

const RULES: Rule[] = [
  // "Authorization: Bearer x", x-api-key: x, "api_key": "x", apikey=x — keep the name and the scheme word.
  [
    new RegExp(String.raw`((?:^|[^A-Za-z0-9_-])["']?(?:${HEADER_NAMES})["']?\s*[:=]\s*["']?)((?:Bearer|Basic|Token|Key)\s+)?([^\s"',;&}<>]+)`, 'gi'),
    (match, head: string, scheme: string | undefined, value: string) => (value === REDACTED ? match : `${head}${scheme ?? ''}${REDACTED}`),
  ],
  // "token": "x", "password": "x" (JSON fields), and token=x / key=x / sig=x in URLs and forms.
  [new RegExp(String.raw`("(?:${FIELD_NAMES})"\s*:\s*")[^"]*(")`, 'gi'), (_m, head: string, tail: string) => `${head}${REDACTED}${tail}`],
  [
    new RegExp(String.raw`((?:^|[^A-Za-z0-9_-])(?:${FIELD_NAMES})=)([^\s&#"'<>]+)`, 'gi'),
    (match, head: string, value: string) => (value === REDACTED ? match : `${head}${REDACTED}`),
  ],
  // Scheme words outside a header: Bearer <token>, Token <token>, Basic <base64 user:password>.
  [/\b(Bearer|Token)(\s+)([A-Za-z0-9._~+/=-]+)/gi, (match, word: string, space: string, token: string) => (looksLikeToken(token) ? `${word}${space}${REDACTED}` : match)],
  [/\b(Basic)(\s+)([A-Za-z0-9+/]+={0,2})/g, (match, word: string, space: string, token: string) => (looksLikeBasic(token) ? `${word}${space}${REDACTED}` : match)],
  // OpenAI and everyone who copied it: sk-…, sk-proj-…, sk-ant-…, sk-or-v1-…
  [/(?<![A-Za-z])sk-[A-Za-z0-9_-]{8,}/g, (match) => (looksRandom(match.slice(3)) ? REDACTED : match)],
  [new RegExp(String.raw`(?<![A-Za-z])(?:${PREFIXES.join('|')})([A-Za-z0-9_-]{16,})`, 'g'), (match, body: string) => (looksRandom(body) ? REDACTED : match)],
  // Google API keys.
  [/(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{30,}/g, () => REDACTED],
  // AWS access key ids.
  [/(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g, () => REDACTED],
  // JWT-like: base64url of '{"' then more segments.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]+){0,2}/g, () => REDACTED],
  // 64 hex characters (many providers' keys; also SHA-256 digests, which are not worth keeping in an error text).
  [/(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])/g, (match) => (/\d/.test(match) && /[a-f]/i.test(match) ? REDACTED : match)],
];

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
    for (const [pattern, replace] of RULES) out = out.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
    return out;
  };
}

/** Replaces every known key (in every echoed form) and every common key shape. */
export function redact(text: string, knownKeys: Iterable<string> = []): string {
  return createRedactor(knownKeys)(text);
}
