// The one list of what a credential looks like, for keys nobody told us about. Two readers: redact.ts removes
// them from what is logged or shown, credentials.ts finds them in what is about to be sent (and warns).
// Pure: no `vscode`, no Node APIs.

/** What kind of credential a shape finds (credentials.ts names it for the user). */
export const CREDENTIAL_KINDS = ['stored', 'openai', 'vendor', 'google', 'aws', 'jwt', 'hex', 'header', 'field', 'bearer', 'basic'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/**
 * How sure a match is:
 * - 'strong': the shape alone says credential (a vendor prefix, a JWT);
 * - 'named': a name says the value is a credential (`api_key=…`, `"password": "…"`); in source code such a value
 *   is often an expression (`key=lambda x: …`, `apiKey: process.env.X`), so a finder asks more of the value;
 * - 'weak': the shape is also common harmless text (a SHA-256 digest is 64 hex characters too).
 */
export type ShapeStrength = 'strong' | 'named' | 'weak';

export interface CredentialShape {
  kind: CredentialKind;
  strength: ShapeStrength;
  /** Global: every match is looked at. */
  pattern: RegExp;
  /** The secret inside a match as [start, end) relative to the match, or undefined when this match is none. */
  secret(match: RegExpExecArray): [number, number] | undefined;
}

/** A token that looks generated rather than written: a digit, or both cases (random base62 of 16+ characters always is). */
export function looksRandom(token: string): boolean {
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

const whole = (m: RegExpExecArray): [number, number] => [0, m[0].length];
const len = (s: string | undefined): number => (s ?? '').length;

/** In the order redact.ts applies them (a later rule sees what an earlier one already replaced). */
export const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  // "Authorization: Bearer x", x-api-key: x, "api_key": "x", apikey=x: the value after the name and the scheme word.
  {
    kind: 'header',
    strength: 'named',
    pattern: new RegExp(String.raw`((?:^|[^A-Za-z0-9_-])["']?(?:${HEADER_NAMES})["']?\s*[:=]\s*["']?)((?:Bearer|Basic|Token|Key)\s+)?([^\s"',;&}<>]+)`, 'gi'),
    secret: (m) => [len(m[1]) + len(m[2]), m[0].length],
  },
  // "token": "x", "password": "x" (JSON fields).
  {
    kind: 'field',
    strength: 'named',
    pattern: new RegExp(String.raw`("(?:${FIELD_NAMES})"\s*:\s*")[^"]*(")`, 'gi'),
    secret: (m) => [len(m[1]), m[0].length - 1],
  },
  // token=x / key=x / sig=x in URLs and forms.
  {
    kind: 'field',
    strength: 'named',
    pattern: new RegExp(String.raw`((?:^|[^A-Za-z0-9_-])(?:${FIELD_NAMES})=)([^\s&#"'<>]+)`, 'gi'),
    secret: (m) => [len(m[1]), m[0].length],
  },
  // Scheme words outside a header: Bearer <token>, Token <token>, Basic <base64 user:password>.
  {
    kind: 'bearer',
    strength: 'strong',
    pattern: /\b(Bearer|Token)(\s+)([A-Za-z0-9._~+/=-]+)/gi,
    secret: (m) => (looksLikeToken(m[3]!) ? [len(m[1]) + len(m[2]), m[0].length] : undefined),
  },
  {
    kind: 'basic',
    strength: 'strong',
    pattern: /\b(Basic)(\s+)([A-Za-z0-9+/]+={0,2})/g,
    secret: (m) => (looksLikeBasic(m[3]!) ? [len(m[1]) + len(m[2]), m[0].length] : undefined),
  },
  // OpenAI and everyone who copied it: sk-…, sk-proj-…, sk-ant-…, sk-or-v1-…
  { kind: 'openai', strength: 'strong', pattern: /(?<![A-Za-z])sk-[A-Za-z0-9_-]{8,}/g, secret: (m) => (looksRandom(m[0].slice(3)) ? whole(m) : undefined) },
  {
    kind: 'vendor',
    strength: 'strong',
    pattern: new RegExp(String.raw`(?<![A-Za-z])(?:${PREFIXES.join('|')})([A-Za-z0-9_-]{16,})`, 'g'),
    secret: (m) => (looksRandom(m[1]!) ? whole(m) : undefined),
  },
  // Google API keys.
  { kind: 'google', strength: 'strong', pattern: /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{30,}/g, secret: whole },
  // AWS access key ids.
  { kind: 'aws', strength: 'strong', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g, secret: whole },
  // JWT-like: base64url of '{"' then more segments.
  { kind: 'jwt', strength: 'strong', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]+){0,2}/g, secret: whole },
  // 64 hex characters (many providers' keys; also SHA-256 digests, which are not worth keeping in an error text).
  {
    kind: 'hex',
    strength: 'weak',
    pattern: /(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])/g,
    secret: (m) => (/\d/.test(m[0]) && /[a-f]/i.test(m[0]) ? whole(m) : undefined),
  },
];

/** A secret found by a shape: its kind and where it is in the text. */
export interface ShapeMatch {
  shape: CredentialShape;
  start: number;
  end: number;
}

/** Every match of one shape in `text` whose secret the shape accepts, in order. */
export function* shapeMatches(shape: CredentialShape, text: string): Generator<ShapeMatch> {
  const pattern = new RegExp(shape.pattern.source, shape.pattern.flags);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) pattern.lastIndex++;
    const span = shape.secret(m);
    if (span) yield { shape, start: m.index + span[0], end: m.index + span[1] };
  }
}
