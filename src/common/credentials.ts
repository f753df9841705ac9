// Finds text that looks like a credential in what is about to leave the machine (an attachment, an instructions
// file, a selection; later what the agent reads and what its commands print), so the user can be asked first.
// The shapes are redact.ts's (credentialShapes.ts), plus the user's own stored keys, passed in by the caller.
// Pure: no `vscode`. A finding carries a short masked hint, never the secret itself.
import { CREDENTIAL_SHAPES, type CredentialKind, looksRandom, shapeMatches } from './credentialShapes';
import { keyForms } from './redact';
import { l10n } from './l10n';

export type { CredentialKind } from './credentialShapes';

export interface CredentialFinding {
  kind: CredentialKind;
  /** Where the secret is in the text: [start, end). */
  start: number;
  end: number;
  /** What the user may see of it: a known prefix and the last characters, e.g. "sk-…abcd". Never the whole secret. */
  hint: string;
}

/** A stored key shorter than this is not looked for: local servers take placeholders like "ollama" that are ordinary words. */
const MIN_STORED_KEY = 8;

/** Finds the credentials in `text`: the `knownSecrets` (in every form a text may quote them in) and the common shapes. */
export function findCredentials(text: string, knownSecrets: Iterable<string> = []): CredentialFinding[] {
  const found: CredentialFinding[] = [];
  for (const key of knownSecrets) {
    if (typeof key !== 'string' || key.length < MIN_STORED_KEY) continue;
    for (const form of keyForms(key)) {
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) {
        found.push({ kind: 'stored', start: at, end: at + form.length, hint: maskedHint(key, '') });
      }
    }
  }
  for (const shape of CREDENTIAL_SHAPES) {
    for (const { start, end } of shapeMatches(shape, text)) {
      const secret = text.slice(start, end);
      if (shape.strength === 'named' && !plausibleValue(secret)) continue;
      if (shape.strength === 'weak' && !namedOnItsLine(text, start)) continue;
      found.push({ kind: shape.kind, start, end, hint: maskedHint(secret, prefixOf(shape.kind, secret)) });
    }
  }
  return withoutOverlaps(found);
}

/** True when `text` holds something credential-like (see findCredentials). */
export function hasCredential(text: string, knownSecrets: Iterable<string> = []): boolean {
  return findCredentials(text, knownSecrets).length > 0;
}

/** The kind in words, for a warning ("an OpenAI-style key sk-…abcd"). */
export function credentialKindLabel(kind: CredentialKind): string {
  switch (kind) {
    case 'stored': return l10n.t('your own stored API key');
    case 'openai': return l10n.t('an OpenAI-style key');
    case 'vendor': return l10n.t('a provider API key or access token');
    case 'google': return l10n.t('a Google API key');
    case 'aws': return l10n.t('an AWS access key id');
    case 'jwt': return l10n.t('a JSON Web Token');
    case 'hex': return l10n.t('a 64-character hex secret');
    case 'header': return l10n.t('an API key or authorization value');
    case 'field': return l10n.t('a password, token or secret value');
    case 'bearer': return l10n.t('a bearer token');
    case 'basic': return l10n.t('Basic authentication credentials');
  }
}

/**
 * A short, masked hint: the known prefix (at most 4 characters) and the last 4 characters of a secret of 16 or
 * more, the last 2 of a shorter one of 8 or more, nothing of a shorter one. Less than half of it in every case.
 */
export function maskedHint(secret: string, prefix: string): string {
  const tail = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  const head = secret.length >= 16 ? prefix.slice(0, 4) : '';
  return `${head}…${tail ? secret.slice(-tail) : ''}`;
}

/** The part of a vendor's key that says whose it is (shown as it is: it is the same in every key). */
function prefixOf(kind: CredentialKind, secret: string): string {
  if (kind === 'openai') return 'sk-';
  if (kind === 'google') return 'AIza';
  if (kind === 'aws' || kind === 'jwt') return secret.slice(0, kind === 'jwt' ? 3 : 4);
  if (kind === 'vendor') return /^[a-z]+[_-]/.exec(secret)?.[0] ?? '';
  return '';
}

/**
 * A named value that is a secret rather than code or a placeholder: 8+ characters, letters and digits, not a
 * dotted identifier path (`process.env.KEY2`), a call, a template or an all-x/`*` placeholder.
 */
function plausibleValue(value: string): boolean {
  if (value.length < 8 || !/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (/[()[\]{}$`]/.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  if (/^(?:x+|\*+|your[_-]|<|%)/i.test(value)) return false;
  return looksRandom(value);
}

/** A weak shape counts only when its line names a credential (so digests in lock files and checksums stay quiet). */
function namedOnItsLine(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return /key|token|secret|passw|auth|bearer|credential/i.test(text.slice(lineStart, start));
}

/** Which finding names a place best: the stored key, then a shape that says whose key it is, then a name, then hex. */
const RANK: Partial<Record<CredentialKind, number>> = { stored: 0, header: 2, field: 2, hex: 3 };

/** One finding per place: the best named (RANK), then the earlier and longer one. */
function withoutOverlaps(found: CredentialFinding[]): CredentialFinding[] {
  const rank = (f: CredentialFinding): number => RANK[f.kind] ?? 1;
  const ordered = [...found].sort((a, b) => rank(a) - rank(b) || a.start - b.start || b.end - a.end);
  const kept: CredentialFinding[] = [];
  for (const f of ordered) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
