// Removes anything key-like from text before it is logged or shown. Pure, no `vscode`.

const REDACTED = '[redacted]';

const RULES: Array<[RegExp, string]> = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  [/("?(?:api[_-]?key|x-api-key|authorization)"?\s*[:=]\s*"?)(?!Bearer\b)[^"\s,}]+/gi, `$1${REDACTED}`],
];

/** Replaces every known key (longest first) and common key shapes (`Bearer …`, `sk-…`, `api_key=…`). */
export function redact(text: string, knownKeys: Iterable<string> = []): string {
  let out = text;
  const keys = [...knownKeys].filter((k) => k.length >= 4).sort((a, b) => b.length - a.length);
  for (const key of keys) out = out.split(key).join(REDACTED);
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
